#pragma once

#include "api/RequestError.h"

#include <functional>
#include <optional>

namespace depot {

// The typed outcome of an asynchronous API call: a value or an RequestError.
template <typename T> class ApiResult
{
public:
    ApiResult(T value) : m_value(std::move(value)) {}
    ApiResult(RequestError error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    const T &value() const { return *m_value; }
    const RequestError &error() const { return m_error; }

private:
    std::optional<T> m_value;
    RequestError m_error;
};

template <typename T> using ApiCallback = std::function<void(const ApiResult<T> &)>;

} // namespace depot

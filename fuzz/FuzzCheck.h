#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// A property that must hold for every input. On failure it names the property and aborts, which
// libFuzzer reports as a crash (and keeps the input); the regression runner fails the test.
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            std::fprintf(stderr, "property failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__);   \
            std::abort();                                                                          \
        }                                                                                          \
    } while (0)

// Reads the input as a sequence of values (a byte at a time, then the rest), so that one input
// can drive several choices of a target.
class FuzzInput
{
public:
    FuzzInput(const uint8_t *data, size_t size) : m_data(data), m_size(size) {}
    uint8_t byte() { return m_pos < m_size ? m_data[m_pos++] : 0; }
    // Up to `max` bytes, length chosen by the input.
    const char *take(size_t max, size_t *length)
    {
        size_t n = byte();
        const size_t left = m_size - m_pos; // after the length byte itself (found by ASan)
        n = n > max ? max : n;
        n = n > left ? left : n;
        const char *start = reinterpret_cast<const char *>(m_data + m_pos);
        m_pos += n;
        *length = n;
        return start;
    }
    const char *rest(size_t *length)
    {
        *length = m_size - m_pos;
        const char *start = reinterpret_cast<const char *>(m_data + m_pos);
        m_pos = m_size;
        return start;
    }

private:
    const uint8_t *m_data;
    size_t m_size;
    size_t m_pos = 0;
};

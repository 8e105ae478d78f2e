#include "model/BoundedRegex.h"

#include <re2/re2.h>

namespace depot {

BoundedRegex::~BoundedRegex() = default;

std::shared_ptr<const BoundedRegex> BoundedRegex::compile(const QString &pattern, QString *error)
{
    if (pattern.isEmpty() || pattern.size() > MaxPatternLength) {
        *error = tr("a pattern of 1-%1 characters").arg(MaxPatternLength);
        return nullptr;
    }
    RE2::Options options;
    options.set_log_errors(false);
    options.set_encoding(RE2::Options::EncodingUTF8);
    // The compiled program is bounded too: a{1000}{1000} is refused instead of eating memory.
    options.set_max_mem(1 << 20);
    const QByteArray utf8 = pattern.toUtf8();
    auto re = std::make_unique<re2::RE2>(re2::StringPiece(utf8.constData(), size_t(utf8.size())),
                                         options);
    if (!re->ok()) {
        *error = tr("not a supported regular expression (%1); back-references and look-around "
                    "are not available")
                     .arg(QString::fromStdString(re->error()));
        return nullptr;
    }
    std::shared_ptr<BoundedRegex> out(new BoundedRegex);
    out->m_pattern = pattern;
    out->m_re = std::move(re);
    return out;
}

bool BoundedRegex::matches(const QString &text) const
{
    const QByteArray utf8 = text.toUtf8();
    return RE2::PartialMatch(re2::StringPiece(utf8.constData(), size_t(utf8.size())), *m_re);
}

} // namespace depot

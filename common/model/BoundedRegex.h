#pragma once

#include <QCoreApplication>
#include <QString>

#include <memory>

namespace re2 {
class RE2;
}

namespace depot {

// A regular expression for users' matching rules, run by RE2: matching takes time linear in
// the input whatever the pattern, so no pattern can backtrack catastrophically. Features that
// need backtracking (back-references, look-around) are refused when the pattern is compiled.
class BoundedRegex
{
    Q_DECLARE_TR_FUNCTIONS(BoundedRegex)

public:
    static constexpr int MaxPatternLength = 1000;

    // nullptr and *error (a message for users) when the pattern is refused.
    static std::shared_ptr<const BoundedRegex> compile(const QString &pattern, QString *error);
    ~BoundedRegex();

    // True when the pattern matches somewhere in `text` (anchor with ^ and $ for the whole).
    bool matches(const QString &text) const;
    QString pattern() const { return m_pattern; }

private:
    BoundedRegex() = default;
    QString m_pattern;
    std::unique_ptr<re2::RE2> m_re;
};

} // namespace depot

#pragma once

#include <QByteArray>

#include <csignal>
#include <cstdlib>

namespace depot {

// Fault injection for crash-safety tests: when the environment variable DEPOTTEST_CRASH_AT
// names this point, the process kills itself with SIGKILL right here, exactly as `kill -9`
// would at the worst moment. Unset (always, outside tests) it costs one comparison.
inline void crashPoint(const char *name)
{
    static const QByteArray armed = qgetenv("DEPOTTEST_CRASH_AT");
    if (!armed.isEmpty() && armed == name)
        std::raise(SIGKILL);
}

} // namespace depot

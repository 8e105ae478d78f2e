#pragma once

#include <QLoggingCategory>

namespace depot {

// depot.store: migrations, the reaper, stored files (store/ may not include config/Log.h).
Q_DECLARE_LOGGING_CATEGORY(lcStore)

} // namespace depot

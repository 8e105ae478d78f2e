#include "store/StoreLog.h"

namespace depot {

Q_LOGGING_CATEGORY(lcStore, "depot.store")

} // namespace depot

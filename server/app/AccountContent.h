#pragma once

#include "accounts/AccountRemoval.h"

namespace depot {

// Every feature's part of an account, for DELETE /api/v1/me and `depot-server users delete`:
// a new feature that stores per-user content adds its UserContentSource here.
AccountRemoval accountRemoval();

} // namespace depot

#include "app/AccountContent.h"

#include "dumps/DumpsTable.h"
#include "endpoints/EndpointsTable.h"

namespace depot {

AccountRemoval accountRemoval()
{
    // Drops (anonymous shares) have no owner: nothing of an account is among them.
    return AccountRemoval({EndpointsTable::userContentSource(), DumpsTable::userContentSource()});
}

} // namespace depot

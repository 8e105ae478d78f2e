#pragma once

#include "model/Endpoint.h"

class QDialog;
class QWidget;

namespace depot {

class ApiClient;

// Windows the Endpoints page opens for one endpoint: its Journal and a Try it panel. They are
// not modal and close themselves (WA_DeleteOnClose).
namespace MockTools {

QDialog *openJournal(QWidget *parent, ApiClient *client, const Endpoint &endpoint);
QDialog *openTryIt(QWidget *parent, ApiClient *client, const Endpoint &endpoint);

} // namespace MockTools
} // namespace depot

#include "app/ServerApp.h"

int main(int argc, char *argv[])
{
    return depot::ServerApp::run(argc, argv);
}

# Debian packages from CPack (`cpack -G DEB` in the build directory, or installer/test-package.sh):
#   depot-server_<version>_<arch>.deb  server, systemd unit, default configuration, docs
#   depot-client_<version>_<arch>.deb  desktop client, desktop entry, icon (translations are
#                                      compiled into the binary as resources)
# The server package must not pull in Qt Widgets: it links Core, Network, HttpServer, Sql only.
set(DEPOT_PKG ${CMAKE_CURRENT_LIST_DIR})
set(DEPOT_PKG_BUILD ${CMAKE_BINARY_DIR}/installer)
file(MAKE_DIRECTORY ${DEPOT_PKG_BUILD})

# Debian wants a gzip'ed changelog (gzip -9n: reproducible) next to the copyright file.
add_custom_command(OUTPUT ${DEPOT_PKG_BUILD}/changelog.gz
    COMMAND gzip -9nc ${DEPOT_PKG}/debian/changelog > ${DEPOT_PKG_BUILD}/changelog.gz
    DEPENDS ${DEPOT_PKG}/debian/changelog VERBATIM)
add_custom_target(depot_package_changelog ALL DEPENDS ${DEPOT_PKG_BUILD}/changelog.gz)

# --- depot-server ---
install(FILES ${DEPOT_PKG}/depot-server.service DESTINATION lib/systemd/system COMPONENT server)
install(FILES ${DEPOT_PKG}/depot.ini DESTINATION /etc/depot COMPONENT server)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/docs/ARCHITECTURE.md
              ${CMAKE_SOURCE_DIR}/docs/API.md ${CMAKE_SOURCE_DIR}/docs/OPERATIONS.md
              ${DEPOT_PKG}/grafana-dashboard.json
              ${DEPOT_PKG}/debian/copyright ${DEPOT_PKG_BUILD}/changelog.gz
        DESTINATION share/doc/depot-server COMPONENT server)

# --- depot-client ---
install(FILES ${DEPOT_PKG}/depot-client.desktop DESTINATION share/applications COMPONENT client)
install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/depot.svg
        DESTINATION share/icons/hicolor/scalable/apps COMPONENT client)
install(FILES ${DEPOT_PKG}/debian/copyright ${DEPOT_PKG_BUILD}/changelog.gz
        DESTINATION share/doc/depot-client COMPONENT client)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME depot)
set(CPACK_PACKAGE_VENDOR "Depot")
set(CPACK_PACKAGE_CONTACT "Depot maintainers <maintainers@users.noreply.b-seed-2208da32.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server client)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SOURCE depot)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://depot.example.org/")

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME depot-server)
# Qt loads SQL drivers as plugins: shlibdeps cannot see them, so they are named here.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-sqlite, bubblewrap, python3, adduser")
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "libqt6sql6-psql")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "postgresql")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    "${DEPOT_PKG}/debian/postinst;${DEPOT_PKG}/debian/prerm;${DEPOT_PKG}/debian/postrm;${DEPOT_PKG}/debian/conffiles")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_COMPONENT_SERVER_DESCRIPTION
"content at URLs: mocks, files, sandboxed scripts, drops, image dumps
Depot is a small HTTP server for teams. Users host JSON mocks, files and
small scripts at their own URLs (scripts run in a bubblewrap sandbox),
anyone can share a file through a one-time download link, and clients
send image dumps whose pictures the server fetches and stores.
.
This package contains the server, a hardened systemd unit running it as
the unprivileged depot user, and the default configuration
/etc/depot/depot.ini (SQLite in /var/lib/depot; PostgreSQL optional).")

set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME depot-client)
# Named as well as found by shlibdeps: the Dumps page follows dumps live over Qt WebSockets.
set(CPACK_DEBIAN_CLIENT_PACKAGE_DEPENDS "libqt6websockets6")
# Qt's own dialogs in the user's language, SVG icons, the keychain for logins.
set(CPACK_DEBIAN_CLIENT_PACKAGE_RECOMMENDS
    "qt6-translations-l10n, libqt6svg6, gnome-keyring | kwalletmanager")
set(CPACK_DEBIAN_CLIENT_PACKAGE_SECTION net)
set(CPACK_COMPONENT_CLIENT_DESCRIPTION
"desktop client of the Depot server
Depot is a small HTTP server for teams: JSON mocks, files and sandboxed
scripts at users' own URLs, one-time file drops and image dumps.
.
This package contains the Qt desktop client: sign in, manage hosted
endpoints, share and download files, send and browse image dumps.")
include(CPack)

# CPack: `cpack -G DEB` in the build directory makes depot_<version>_amd64.deb with the two
# executables, the systemd unit, a default configuration and the desktop entry.
install(FILES ${CMAKE_CURRENT_LIST_DIR}/depot-server.service DESTINATION lib/systemd/system)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/depot.ini DESTINATION /etc/depot)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/depot-client.desktop DESTINATION share/applications)
install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/depot.svg
        DESTINATION share/icons/hicolor/scalable/apps)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/docs/ARCHITECTURE.md
        DESTINATION share/doc/depot)

set(CPACK_PACKAGE_NAME depot)
set(CPACK_PACKAGE_VENDOR "Depot")
set(CPACK_PACKAGE_CONTACT "Depot maintainers <depot@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "bubblewrap, python3")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql")
# The client: Qt's own dialogs in the user's language, SVG icons, the keychain for logins.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, libqt6svg6, gnome-keyring | kwalletmanager")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${CMAKE_CURRENT_LIST_DIR}/postinst;${CMAKE_CURRENT_LIST_DIR}/prerm")
include(CPack)

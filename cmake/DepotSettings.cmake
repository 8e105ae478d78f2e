# One place for compile settings: every target links depot_settings.
add_library(depot_settings INTERFACE)

# -DDEPOT_SANITIZE=ON builds everything with AddressSanitizer + UndefinedBehaviorSanitizer
# (.ci/run runs the unit and integration tests so; tests/sanitizers/ holds the suppressions).
option(DEPOT_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(DEPOT_SANITIZE)
    set(DEPOT_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    add_compile_options(${DEPOT_SANITIZER_FLAGS})
    add_link_options(${DEPOT_SANITIZER_FLAGS})
endif()

# -DDEPOT_FUZZ=ON (with clang): instrument everything for libFuzzer and build fuzz/'s targets.
option(DEPOT_FUZZ "Build the libFuzzer targets (needs clang)" OFF)
if(DEPOT_FUZZ)
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
endif()
target_compile_features(depot_settings INTERFACE cxx_std_17)
target_compile_options(depot_settings INTERFACE -Wall -Wextra -Wno-unused-parameter)
target_compile_definitions(depot_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_FOREACH
    DEPOT_VERSION="${PROJECT_VERSION}")

# Sources of a module are the .cpp/.h files of its folders: adding a file needs no CMake edit.
function(depot_glob_sources out)
    set(result)
    foreach(dir IN LISTS ARGN)
        file(GLOB found CONFIGURE_DEPENDS
            "${CMAKE_CURRENT_SOURCE_DIR}/${dir}/*.cpp"
            "${CMAKE_CURRENT_SOURCE_DIR}/${dir}/*.h")
        list(APPEND result ${found})
    endforeach()
    set(${out} ${result} PARENT_SCOPE)
endfunction()

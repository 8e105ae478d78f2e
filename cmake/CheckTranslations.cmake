# cmake -DLUPDATE=<lupdate> -DPROJECT_DIR=<build>/translations/.lupdate
#       -DGENERATOR=<Qt6LinguistTools>/GenerateLUpdateProject.cmake
#       -DTS_FILES=<a.ts;b.ts> -DWORK_DIR=<dir> -P CheckTranslations.cmake
# Copies each catalogue, refreshes the copy from the sources with lupdate (the same project as
# `cmake --build build --target update_translations`: <target>_project.cmake for
# <target>_<lang>.ts) and fails when the copy has a message that is unfinished (a string missing
# from the catalogue comes back unfinished). A catalogue named *_en.ts is the source language:
# only its plural forms must be finished.
foreach(var LUPDATE PROJECT_DIR GENERATOR TS_FILES WORK_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "CheckTranslations: ${var} is not set")
    endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(failed 0)
foreach(ts IN LISTS TS_FILES)
    get_filename_component(name "${ts}" NAME)
    string(REGEX REPLACE "_[a-z][a-z][a-z]?(_[A-Z][A-Z])?\\.ts$" "" target "${name}")
    set(project "${PROJECT_DIR}/${target}_project.cmake")
    if(NOT EXISTS "${project}")
        message(SEND_ERROR "${name}: no lupdate project ${project}")
        set(failed 1)
        continue()
    endif()
    set(copy "${WORK_DIR}/${name}")
    file(COPY_FILE "${ts}" "${copy}")
    execute_process(
        COMMAND "${CMAKE_COMMAND}" -DIN_FILE=${project} -DOUT_FILE=${WORK_DIR}/${target}.json
                -P "${GENERATOR}"
        WORKING_DIRECTORY "${PROJECT_DIR}/.."
        RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(SEND_ERROR "${name}: cannot generate the lupdate project: ${err}")
        set(failed 1)
        continue()
    endif()
    execute_process(
        COMMAND "${LUPDATE}" -silent -project "${WORK_DIR}/${target}.json" -no-obsolete
                -locations none -ts "${copy}"
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(SEND_ERROR "${name}: lupdate failed (${rc}): ${err}")
        set(failed 1)
        continue()
    endif()
    file(READ "${copy}" text)
    string(REPLACE ";" "<semicolon>" text "${text}")
    string(REPLACE "[" "<lb>" text "${text}")
    string(REPLACE "]" "<rb>" text "${text}")
    string(REPLACE "\\" "<bs>" text "${text}")
    # One <message>…</message> per entry; CMake regexes are greedy, so split by hand.
    string(REPLACE "<message" "\n@@<message" text "${text}")
    string(REGEX MATCHALL "@@<message[^@]*" messages "${text}")
    set(count 0)
    foreach(message IN LISTS messages)
        if(NOT message MATCHES "type=\"unfinished\"")
            continue()
        endif()
        if(name MATCHES "_en\\.ts$" AND NOT message MATCHES "numerus=\"yes\"")
            continue()
        endif()
        string(REGEX MATCH "<source>([^<]*)</source>" source "${message}")
        math(EXPR count "${count} + 1")
        if(count LESS_EQUAL 20)
            message(STATUS "${name}: unfinished or missing: ${CMAKE_MATCH_1}")
        endif()
    endforeach()
    if(count GREATER 0)
        message(SEND_ERROR "${name}: ${count} unfinished or missing string(s); refresh with "
                           "`cmake --build build --target update_translations` and translate")
        set(failed 1)
    else()
        message(STATUS "${name}: complete")
    endif()
endforeach()
if(failed)
    message(FATAL_ERROR "translations are incomplete")
endif()

# Compiles one snippet with -fsyntax-only and checks the outcome (run by ctest, see CMakeLists.txt).
#   COMPILER, SOURCE    the compiler and the snippet
#   FLAGS               the compile flags, '|'-separated (generator expressions joined with '|')
#   EXPECT              regex the diagnostics must contain; the compilation must FAIL.
#                       Empty: the snippet must compile (a control case).
#   FORBID              optional regex the diagnostics must not contain (another check firing instead)
cmake_minimum_required(VERSION 3.25)
string(REPLACE "|" ";" flags "${FLAGS}")
list(FILTER flags EXCLUDE REGEX "^(-I|-D)?$")  # empty entries from empty generator expressions
execute_process(COMMAND ${COMPILER} ${flags} -fsyntax-only ${SOURCE}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(EXPECT STREQUAL "")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${SOURCE} must compile but did not:\n${out}")
  endif()
  message(STATUS "${SOURCE} compiles, as it must")
  return()
endif()
if(rc EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled but must fail with '${EXPECT}'")
endif()
if(NOT out MATCHES "${EXPECT}")
  message(FATAL_ERROR "${SOURCE} failed, but not with '${EXPECT}':\n${out}")
endif()
if(NOT FORBID STREQUAL "" AND out MATCHES "${FORBID}")
  message(FATAL_ERROR "${SOURCE} failed with '${EXPECT}' but also with '${FORBID}':\n${out}")
endif()
message(STATUS "${SOURCE} fails with '${EXPECT}', as it must")

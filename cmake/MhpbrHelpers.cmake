# Small helpers that keep every target's flags alike (after Abseil's
# CMake/AbseilHelpers.cmake).

set(MHPBR_WARNINGS -Wall -Wextra -Wpedantic)
if(MHPBR_WERROR)
  list(APPEND MHPBR_WARNINGS -Werror)
endif()

# mhpbr_cc_library(NAME n SRCS ... DEPS ...)
function(mhpbr_cc_library)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(${ARG_NAME} STATIC ${ARG_SRCS})
  target_compile_options(${ARG_NAME} PRIVATE ${MHPBR_WARNINGS})
  target_link_libraries(${ARG_NAME} PUBLIC ${ARG_DEPS})
endfunction()

# mhpbr_cc_test(NAME n SRCS ... DEPS ...): a GoogleTest binary run by ctest.
function(mhpbr_cc_test)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_compile_options(${ARG_NAME} PRIVATE ${MHPBR_WARNINGS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest_main)
  set_target_properties(${ARG_NAME} PROPERTIES
    RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")
  gtest_discover_tests(${ARG_NAME}
    WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
    PROPERTIES ENVIRONMENT "MHPBR_SOURCE_DIR=${PROJECT_SOURCE_DIR};MHPBR_BINARY_DIR=${CMAKE_BINARY_DIR}"
    DISCOVERY_TIMEOUT 60)
endfunction()

# Installs the built tree to a temporary prefix and builds a consumer
# project against it: with find_package(mhpbr) for C (shared and static) and
# C++, and with pkg-config for C; the C consumer both through
# <mhpbr/mhpbr.h> and through the former <mhpbr.h>. Then runs what it built.
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -P run_install_test.cmake
cmake_minimum_required(VERSION 3.22)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  message(STATUS "ok: ${ARGN}\n${out}")
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")

foreach(f include/mhpbr/mhpbr.h include/mhpbr.h include/mhpbr/classifier.h
          lib/libmhpbr.so lib/libmhpbr.a lib/libmhpbr_cc.a
          lib/pkgconfig/mhpbr.pc
          lib/cmake/mhpbr/mhpbrConfig.cmake
          lib/cmake/mhpbr/mhpbrConfigVersion.cmake
          share/mhpbr/proto/mhpbr/v1/rule_set.proto
          share/mhpbr/rules/mhct_reference.textproto bin/mhpbr)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()

# One copy of the C header: include/mhpbr.h only includes mhpbr/mhpbr.h.
file(READ "${prefix}/include/mhpbr.h" _forward)
if(_forward MATCHES "MHPBR_EXPORT" OR
   NOT _forward MATCHES "#include \"mhpbr/mhpbr.h\"")
  message(FATAL_ERROR "include/mhpbr.h is not a forwarding header:\n${_forward}")
endif()

set(consumer "${WORK_DIR}/consumer-build")
run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/install/consumer" -B "${consumer}"
    -G Ninja "-DCMAKE_PREFIX_PATH=${prefix}")
run(${CMAKE_COMMAND} --build "${consumer}")
run(${CMAKE_COMMAND} -E env "LD_LIBRARY_PATH=${prefix}/lib"
    "${consumer}/consumer_c")
run(${CMAKE_COMMAND} -E env "LD_LIBRARY_PATH=${prefix}/lib"
    "${consumer}/consumer_c_former_include")
run("${consumer}/consumer_c_static")
run("${consumer}/consumer_cc")

# pkg-config, as a Makefile-based project would use it.
find_program(PKG_CONFIG pkg-config REQUIRED)
find_program(CC NAMES cc gcc REQUIRED)
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env "PKG_CONFIG_PATH=${prefix}/lib/pkgconfig"
          ${PKG_CONFIG} --cflags --libs mhpbr
  OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config --cflags --libs mhpbr failed")
endif()
separate_arguments(flags UNIX_COMMAND "${flags}")
run(${CC} -std=c99 -Wall -Wextra -Wpedantic -Werror
    "${SOURCE_DIR}/tests/install/consumer/consumer.c" ${flags}
    -o "${WORK_DIR}/consumer_pkgconfig")
run(${CMAKE_COMMAND} -E env "LD_LIBRARY_PATH=${prefix}/lib"
    "${WORK_DIR}/consumer_pkgconfig")
# The former include path, <mhpbr.h>.
run(${CC} -std=c99 -Wall -Wextra -Wpedantic -Werror
    -DMHPBR_CONSUMER_FORMER_INCLUDE
    "${SOURCE_DIR}/tests/install/consumer/consumer.c" ${flags}
    -o "${WORK_DIR}/consumer_pkgconfig_former_include")
run(${CMAKE_COMMAND} -E env "LD_LIBRARY_PATH=${prefix}/lib"
    "${WORK_DIR}/consumer_pkgconfig_former_include")
run(${CMAKE_COMMAND} -E env "LD_LIBRARY_PATH=${prefix}/lib"
    "${prefix}/bin/mhpbr" version)

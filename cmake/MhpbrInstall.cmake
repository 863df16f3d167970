# Installation: headers, the C library (shared and static), the C++
# library, the .proto schemas, the default rule sets and the tool, with a
# CMake package (find_package(mhpbr)) and a pkg-config file (mhpbr.pc).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(MHPBR_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/mhpbr")

install(TARGETS mhpbr_cc mhpbr_proto mhpbr_c mhpbr_c_static
  EXPORT mhpbrTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/mhpbr"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
# The C header is include/mhpbr/mhpbr.h (`#include <mhpbr/mhpbr.h>`);
# include/mhpbr.h only includes it, for callers of the former path.
install(FILES "${PROJECT_SOURCE_DIR}/capi/mhpbr.h"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/mhpbr")
install(FILES "${PROJECT_SOURCE_DIR}/capi/mhpbr_forward.h"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" RENAME mhpbr.h)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/proto/mhpbr"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/mhpbr/proto"
  FILES_MATCHING PATTERN "*.proto")
file(GLOB _mhpbr_rules "${PROJECT_SOURCE_DIR}/lib/rules/*.textproto")
install(FILES ${_mhpbr_rules} DESTINATION "${CMAKE_INSTALL_DATADIR}/mhpbr/rules")
if(TARGET mhpbr_tool)
  install(TARGETS mhpbr_tool RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
endif()

install(EXPORT mhpbrTargets NAMESPACE mhpbr:: DESTINATION "${MHPBR_CMAKE_DIR}")
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/mhpbrConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/mhpbrConfig.cmake"
  INSTALL_DESTINATION "${MHPBR_CMAKE_DIR}")
# 0.x: a minor release may break compatibility, as the C ABI's SOVERSION does.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/mhpbrConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/mhpbrConfig.cmake"
              "${PROJECT_BINARY_DIR}/mhpbrConfigVersion.cmake"
  DESTINATION "${MHPBR_CMAKE_DIR}")

configure_file("${PROJECT_SOURCE_DIR}/cmake/mhpbr.pc.in"
  "${PROJECT_BINARY_DIR}/mhpbr.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/mhpbr.pc"
  DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

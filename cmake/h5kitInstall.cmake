# Installs headers, the library, a CMake package (find_package(h5kit CONFIG)) and a pkg-config file.
include(CMakePackageConfigHelpers)

install(DIRECTORY include/h5kit DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS h5kit EXPORT h5kitTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT h5kitTargets NAMESPACE h5kit:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/h5kit)

configure_package_config_file(cmake/h5kitConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/h5kitConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/h5kit)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/h5kitConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/h5kitConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/h5kitConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/h5kit)

# pkg-config: the HDF5 flags come from Debian's hdf5-serial.pc. The prefix is found relative to the
# .pc file, so `cmake --install --prefix DIR` works whatever prefix was configured.
file(RELATIVE_PATH H5KIT_PC_TO_PREFIX "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
configure_file(cmake/h5kit.pc.in ${CMAKE_CURRENT_BINARY_DIR}/h5kit.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/h5kit.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(H5KIT_BUILD_TOOLS)
  install(TARGETS h5kit_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

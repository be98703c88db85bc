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
# UDUNITS-2 is a private dependency: a shared libh5kit carries it as DT_NEEDED (Libs.private), a static
# libh5kit.a needs the consumer to link it (Libs).
get_filename_component(udunits2_dir ${UDUNITS2_LIBRARY} DIRECTORY)
set(H5KIT_PC_UDUNITS2 "-ludunits2")
if(NOT udunits2_dir IN_LIST CMAKE_CXX_IMPLICIT_LINK_DIRECTORIES)
  set(H5KIT_PC_UDUNITS2 "-L${udunits2_dir} -ludunits2")
endif()
get_target_property(h5kit_type h5kit TYPE)
if(h5kit_type STREQUAL "STATIC_LIBRARY")
  set(H5KIT_PC_LIBS " ${H5KIT_PC_UDUNITS2}")
  set(H5KIT_PC_LIBS_PRIVATE "")
else()
  set(H5KIT_PC_LIBS "")
  set(H5KIT_PC_LIBS_PRIVATE "Libs.private: ${H5KIT_PC_UDUNITS2}")
endif()
file(RELATIVE_PATH H5KIT_PC_TO_PREFIX "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
configure_file(cmake/h5kit.pc.in ${CMAKE_CURRENT_BINARY_DIR}/h5kit.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/h5kit.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(H5KIT_BUILD_TOOLS)
  install(TARGETS h5kit_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

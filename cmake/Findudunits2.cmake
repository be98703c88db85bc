# Finds UDUNITS-2 (Debian: libudunits2-dev), which ships neither a CMake package nor, everywhere, a
# pkg-config file. Sets udunits2_FOUND, UDUNITS2_INCLUDE_DIR and UDUNITS2_LIBRARY. The library is used
# by absolute path (as HDF5 is), so the exported h5kit targets need no find module at the consumer.
find_path(UDUNITS2_INCLUDE_DIR udunits2.h PATH_SUFFIXES udunits2)
find_library(UDUNITS2_LIBRARY NAMES udunits2)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(udunits2
  REQUIRED_VARS UDUNITS2_LIBRARY UDUNITS2_INCLUDE_DIR
  REASON_FAILURE_MESSAGE "install libudunits2-dev (scripts/install-deps.sh)")
mark_as_advanced(UDUNITS2_INCLUDE_DIR UDUNITS2_LIBRARY)

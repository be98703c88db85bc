#pragma once
// Property lists h5kit uses everywhere (H5P), built in one place.
#include <hdf5.h>

#include "h5kit/detail/handle.hpp"

namespace h5kit::detail {

// Link creation: UTF-8 names and missing intermediate groups created (h5py's habit).
hid_t link_creation_plist();
// Group creation: HDF5's default, or tracking link and attribute creation order.
hid_t group_creation_plist(bool track_order);

}  // namespace h5kit::detail

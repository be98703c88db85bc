#pragma once
// Property lists h5kit uses everywhere (H5P), built in one place.
#include <hdf5.h>

#include "h5kit/detail/handle.hpp"
#include "h5kit/group.hpp"

namespace h5kit::detail {

// Link creation: UTF-8 names and missing intermediate groups created (h5py's habit).
hid_t link_creation_plist();
// Group creation: HDF5's default, or tracking link and attribute creation order.
hid_t group_creation_plist(bool track_order);
// The plist for `options`: shared constants for the common cases, one built per distinct
// max_compact_attributes (kept for the process, there are few).
hid_t group_creation_plist(const GroupOptions& options);
// Attribute creation: UTF-8 names, like h5py.
hid_t attribute_creation_plist();
// Transfer properties whose conversion callback refuses out-of-range values (defined in io.cpp).
hid_t range_checked_conversion();

// Builds every constant h5kit shares between threads (the property lists above, the bool, complex and
// string types) that is not built yet. Each is a function-local static: C++ makes its first use wait
// while another thread builds it, and building calls HDF5, which waits for HDF5's global lock. A thread
// running a callback inside HDF5 (Group::visit) holds that lock; if the callback were the first to use
// a constant another thread is building, each would wait for the other for ever. Called before
// entering such HDF5 calls, so that inside them every constant is already built. A new shared constant
// (a function-local static that calls HDF5 to build itself) must be added to it.
void build_shared_constants();

}  // namespace h5kit::detail

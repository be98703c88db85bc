#pragma once
// The parts of Datatype::name() that belong to the scalar-type additions (src/datatype_scalars.cpp).
#include <hdf5.h>

#include <string>

namespace h5kit::detail {

// "be" for big-endian numbers, "" otherwise (little-endian is the unmarked default, as in the files
// h5py and most tools write).
const char* byte_order_suffix(hid_t type);
// "opaque(16)", "opaque(16,\"tag\")", or numpy's "datetime64[ns]" / "timedelta64[s]" for h5py's time tags.
std::string opaque_name(hid_t type);

}  // namespace h5kit::detail

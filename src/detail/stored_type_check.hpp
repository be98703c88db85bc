#pragma once
// Stored datatypes a damaged file can hold but HDF5 1.10.8 does not refuse: an integer of 4 bytes
// claiming 64 bits of precision is converted as if it were 8 bytes wide, so values outside the
// type's range (and bytes read past each element) come out. Such types are refused before any
// data moves through them.
#include <hdf5.h>

#include <string>

namespace h5kit::detail {

// What is wrong with `type` (members and base types included), or "" when it is sound:
// "member 'count': an integer of 4 bytes cannot hold 64 bits of precision at offset 0".
std::string stored_type_damage(hid_t type);

}  // namespace h5kit::detail

#pragma once
// The element-level decisions io.cpp's read_raw/write_raw delegate (src/detail/element_*.cpp):
// stored HDF5 array types, bitfields and enum value mapping.
#include <hdf5.h>

#include <cstddef>
#include <string>

#include "h5kit/datatype.hpp"
#include "h5kit/detail/io.hpp"

namespace h5kit::detail {

// The stored type of the target: the cached one (not owned) or fetched from HDF5.
Handle stored_type_handle(const IoTarget& target);

// When the stored type is an HDF5 array type and `mem_type` is not, wraps `mem_type` into an array
// of the stored dimensions and returns how many values one stored element holds (else 1).
std::size_t adapt_to_stored_array(hid_t stored, Datatype& mem_type);
// Bitfields are read and written as unsigned integers of their size (h5py's habit): for such a pair
// the memory type becomes the native bitfield, whose bits HDF5 copies. Other pairs stay as they are
// (and are refused as a bitfield against an integer of another size or sign).
void adapt_to_stored_bitfield(hid_t stored, Datatype& mem_type);

// The class of the values a type holds: an array type's element class, else the type's own.
H5T_class_t value_class(hid_t type);

// The stored type of a target (the dataset's cached one when known).
Datatype stored_type_of(const IoTarget& target);

// "attribute \"name\": " for attributes (their path is the object's), empty for datasets.
std::string attribute_prefix(const IoTarget& target);

// True when values must be mapped between enums by name (or between an enum and integers) by
// h5kit, because HDF5's own enum conversion turns unknown values into all-ones garbage.
bool needs_enum_mapping(hid_t stored, hid_t memory);
void read_enum_values(const IoTarget& target, hid_t stored, const Datatype& mem_type, void* buffer,
                      std::size_t count);
void write_enum_values(const IoTarget& target, hid_t stored, const Datatype& mem_type, const void* buffer,
                       const Shape& mem_shape);

}  // namespace h5kit::detail

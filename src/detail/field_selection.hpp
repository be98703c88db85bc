#pragma once
// The memory type of a DatasetFields transfer (src/dataset_fields.cpp).
#include <hdf5.h>

#include "h5kit/datatype.hpp"
#include "h5kit/detail/io.hpp"

namespace h5kit::detail {

// For a target with fields: one field's own type wrapped in a one-member compound of that name, or a
// struct's compound when its members are exactly the fields. Errors name the field and the types.
Datatype field_memory_type(const IoTarget& target, hid_t stored, const Datatype& mem_type, const char* operation);

}  // namespace h5kit::detail

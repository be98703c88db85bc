#pragma once
// Dataspaces: the shape side of HDF5 (H5S), wrapped once.
#include <hdf5.h>

#include <vector>

#include "detail/checked.hpp"
#include "h5kit/detail/handle.hpp"
#include "h5kit/shape.hpp"

namespace h5kit::detail {

// A simple dataspace of `shape` (scalar when empty); `max_shape` may hold h5kit::unlimited.
Handle simple_space(const Shape& shape, std::string_view operation, const Where& where);
Handle simple_space(const Shape& shape, const Shape& max_shape, std::string_view operation, const Where& where);
Handle null_space(std::string_view operation, const Where& where);
Shape extent_of(hid_t space);
Shape max_extent_of(hid_t space);
// Shapes to and from HDF5's hsize_t, h5kit::unlimited <-> H5S_UNLIMITED.
std::vector<hsize_t> to_hsize(const Shape& shape);
Shape from_hsize(const std::vector<hsize_t>& dims);
// Selects the block [offset, offset + count) after checking it lies inside the extent.
void select_block(hid_t space, const Shape& offset, const Shape& count, std::string_view operation,
                  const Where& where);

}  // namespace h5kit::detail

#include "detail/dataspace.hpp"

#include <vector>

namespace h5kit::detail {

std::vector<hsize_t> to_hsize(const Shape& shape) {
  std::vector<hsize_t> out(shape.size());
  for (std::size_t i = 0; i < shape.size(); ++i) out[i] = shape[i] == unlimited ? H5S_UNLIMITED : shape[i];
  return out;
}
Shape from_hsize(const std::vector<hsize_t>& dims) {
  Shape out(dims.size());
  for (std::size_t i = 0; i < dims.size(); ++i) out[i] = dims[i] == H5S_UNLIMITED ? unlimited : dims[i];
  return out;
}

Handle simple_space(const Shape& shape, std::string_view operation, const Where& where) {
  silence_hdf5_errors();
  if (shape.empty()) return Handle(checked(H5Screate(H5S_SCALAR), operation, where));
  const auto dims = to_hsize(shape);
  return Handle(checked(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), operation, where,
                        ErrorKind::invalid_argument));
}

Handle simple_space(const Shape& shape, const Shape& max_shape, std::string_view operation, const Where& where) {
  if (max_shape.size() != shape.size())
    reject(ErrorKind::invalid_argument, operation, where,
           "maxshape " + to_string(max_shape) + " has another rank than shape " + to_string(shape));
  for (std::size_t i = 0; i < shape.size(); ++i)
    if (max_shape[i] != unlimited && max_shape[i] < shape[i])
      reject(ErrorKind::invalid_argument, operation, where,
             "maxshape " + to_string(max_shape) + " is smaller than shape " + to_string(shape));
  silence_hdf5_errors();
  if (shape.empty()) return Handle(checked(H5Screate(H5S_SCALAR), operation, where));
  const auto dims = to_hsize(shape), maxdims = to_hsize(max_shape);
  return Handle(checked(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), maxdims.data()), operation,
                        where, ErrorKind::invalid_argument));
}

Handle null_space(std::string_view operation, const Where& where) {
  silence_hdf5_errors();
  return Handle(checked(H5Screate(H5S_NULL), operation, where));
}

Shape extent_of(hid_t space) {
  hsize_t dims[H5S_MAX_RANK];
  const int rank = H5Sget_simple_extent_dims(space, dims, nullptr);
  if (rank <= 0) return {};
  return Shape(dims, dims + rank);
}

Shape max_extent_of(hid_t space) {
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank <= 0) return {};
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank)), maxdims(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(space, dims.data(), maxdims.data());
  return from_hsize(maxdims);
}

void select_block(hid_t space, const Shape& offset, const Shape& count, std::string_view operation,
                  const Where& where) {
  const Shape extent = extent_of(space);
  if (offset.size() != extent.size() || count.size() != extent.size())
    reject(ErrorKind::invalid_argument, operation, where,
           "a block of rank " + std::to_string(offset.size()) + " given for a dataset of rank " +
               std::to_string(extent.size()));
  for (std::size_t i = 0; i < extent.size(); ++i)
    if (offset[i] > extent[i] || count[i] > extent[i] - offset[i])
      reject(ErrorKind::invalid_argument, operation, where,
             "block at " + to_string(offset) + " of " + to_string(count) + " lies outside the shape " +
                 to_string(extent) + " (axis " + std::to_string(i) + ")");
  // Small fixed arrays: a block read must not allocate (100,000 single-element reads).
  hsize_t start[H5S_MAX_RANK], cnt[H5S_MAX_RANK];
  for (std::size_t i = 0; i < offset.size(); ++i) {
    start[i] = offset[i];
    cnt[i] = count[i];
  }
  checked(H5Sselect_hyperslab(space, H5S_SELECT_SET, start, nullptr, cnt, nullptr), operation, where,
          ErrorKind::invalid_argument);
}

}  // namespace h5kit::detail

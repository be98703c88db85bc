// Datasets made like another one (h5py's create_dataset_like) and from reshaped data (group.hpp).
#include <hdf5.h>

#include <string>
#include <vector>

#include "detail/checked.hpp"
#include "detail/dataspace.hpp"
#include "detail/paths.hpp"
#include "detail/plists.hpp"
#include "h5kit/group.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

namespace {

constexpr const char* kLike = "create dataset like";

// The new dataspace: `other`'s own (shape and maxshape), or the new shape with h5py's maxshape rule.
Handle space_like(const Dataset& other, const Shape* new_shape, const Where& where) {
  if (other.is_empty()) {
    if (new_shape)
      detail::reject(ErrorKind::invalid_argument, kLike, where,
                     "the model dataset '" + other.path() + "' has a null dataspace (Empty): it has no shape to replace");
    return detail::null_space(kLike, where);
  }
  const Shape shape = other.shape(), max = other.maxshape();
  if (!new_shape) return detail::simple_space(shape, max, kLike, where);
  if (new_shape->size() != shape.size() && max != shape)
    detail::reject(ErrorKind::invalid_argument, kLike, where,
                   "the shape " + to_string(*new_shape) + " has another rank than the maxshape " + to_string(max) +
                       " of '" + other.path() + "'");
  if (max == shape) return detail::simple_space(*new_shape, kLike, where);
  for (std::size_t i = 0; i < max.size(); ++i)
    if (max[i] != unlimited && (*new_shape)[i] > max[i])
      detail::reject(ErrorKind::invalid_argument, kLike, where,
                     "the shape " + to_string(*new_shape) + " passes the maxshape " + to_string(max) + " of '" +
                         other.path() + "', which the new dataset keeps");
  return detail::simple_space(*new_shape, max, kLike, where);
}

// Chunks must fit the fixed axes of the new dataspace: HDF5 says only "unable to create dataset".
void check_chunks_fit(hid_t dcpl, hid_t space, const Where& where) {
  if (H5Pget_layout(dcpl) != H5D_CHUNKED) return;
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank <= 0) return;
  std::vector<hsize_t> chunk(H5S_MAX_RANK), dims(static_cast<std::size_t>(rank)), max(dims.size());
  const int chunk_rank = checked(H5Pget_chunk(dcpl, H5S_MAX_RANK, chunk.data()), kLike, where);
  if (chunk_rank != rank)
    detail::reject(ErrorKind::invalid_argument, kLike, where,
                   "the chunks have rank " + std::to_string(chunk_rank) + ", the new shape rank " + std::to_string(rank));
  chunk.resize(dims.size());
  checked(H5Sget_simple_extent_dims(space, dims.data(), max.data()), kLike, where);
  for (std::size_t i = 0; i < chunk.size(); ++i)
    if (max[i] != H5S_UNLIMITED && chunk[i] > max[i])
      detail::reject(ErrorKind::invalid_argument, kLike, where,
                     "the chunks " + to_string(Shape(chunk.begin(), chunk.end())) + " do not fit the fixed extent " +
                         to_string(Shape(max.begin(), max.end())) + " (HDF5 needs chunks no larger than a fixed axis)");
}

Dataset create_like(const Group& group, std::string_view path, const Dataset& other, const Shape* new_shape) {
  if (!other.valid())
    detail::reject(ErrorKind::closed, kLike, Where{group.id(), path}, "the model dataset is closed or was never opened");
  const std::string p = detail::checked_path(path, group.id(), kLike);
  const Where where{group.id(), p};
  Handle space = space_like(other, new_shape, where);
  const Handle type(checked(H5Dget_type(other.id()), kLike, Where{other.id()}));
  const Handle dcpl(checked(H5Dget_create_plist(other.id()), kLike, Where{other.id()}));
  check_chunks_fit(dcpl.get(), space.get(), where);
  const hid_t d = H5Dcreate2(group.id(), p.c_str(), type.get(), space.get(), detail::link_creation_plist(),
                             other.is_empty() ? H5P_DEFAULT : dcpl.get(), H5P_DEFAULT);
  if (d < 0) detail::fail_creation(kLike, where);
  return Dataset(Handle(d));
}

}  // namespace

Dataset Group::create_dataset_like(std::string_view path, const Dataset& other) const {
  require_valid(kLike);
  return create_like(*this, path, other, nullptr);
}

Dataset Group::create_dataset_like(std::string_view path, const Dataset& other, const Shape& shape) const {
  require_valid(kLike);
  return create_like(*this, path, other, &shape);
}

void Group::reject_reshape(std::string_view path, const Shape& shape, std::size_t elements) const {
  const std::string p(path);
  detail::reject(ErrorKind::shape_mismatch, "create dataset", Where{id(), p},
                 "data of " + std::to_string(elements) + " elements cannot take the shape " + to_string(shape) +
                     ", which holds " + std::to_string(element_count(shape)));
}

}  // namespace h5kit

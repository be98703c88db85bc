// Region references (HDF5 1.10's H5R_DATASET_REGION): a dataset plus a selection in it, stored in
// the file's global heap and named by a 12-byte hdset_reg_ref_t.
#include <hdf5.h>

#include <cstring>
#include <vector>

#include "detail/checked.hpp"
#include "detail/dataspace.hpp"
#include "h5kit/group.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

static_assert(sizeof(RegionReference) == sizeof(hdset_reg_ref_t),
              "RegionReference must be laid out as hdset_reg_ref_t");

namespace {

// The shape the referenced data has, as h5py gives it for dset[regionref]: the extent for "all",
// count x block per axis for a regular hyperslab (every axis kept), else the elements in a row.
Shape region_shape(hid_t space, const Where& where) {
  const char* op = "read region reference";
  const Shape extent = detail::extent_of(space);
  switch (H5Sget_select_type(space)) {
    case H5S_SEL_ALL: return extent;
    case H5S_SEL_NONE: return Shape{0};
    case H5S_SEL_HYPERSLABS: {
      if (checked(H5Sis_regular_hyperslab(space), op, where) > 0) {
        std::vector<hsize_t> start(extent.size()), stride(extent.size()), count(extent.size()), block(extent.size());
        checked(H5Sget_regular_hyperslab(space, start.data(), stride.data(), count.data(), block.data()), op, where);
        Shape shape(extent.size());
        for (std::size_t i = 0; i < shape.size(); ++i) shape[i] = count[i] * block[i];
        return shape;
      }
      break;
    }
    default: break;
  }
  return Shape{static_cast<std::size_t>(checked(H5Sget_select_npoints(space), op, where))};
}

hid_t open_region_target(hid_t loc, const RegionReference& ref, const char* op) {
  if (ref.is_null())
    detail::reject(ErrorKind::invalid_argument, op, Where{loc}, "the region reference is null (it points at nothing)");
  detail::silence_hdf5_errors();
  hdset_reg_ref_t raw;
  std::memcpy(raw, ref.bytes.data(), sizeof raw);
  const hid_t dataset = H5Rdereference2(loc, H5P_DEFAULT, H5R_DATASET_REGION, raw);
  if (dataset < 0) {
    H5Eclear2(H5E_DEFAULT);
    detail::reject(ErrorKind::not_found, op, Where{loc},
                   "the region reference points at nothing in this file; it was made in another file or its "
                   "dataset was deleted");
  }
  return dataset;
}

}  // namespace

RegionReference Dataset::region_reference(const Selection& selection) const {
  const char* op = "create region reference";
  require_valid(op);
  const Where where{id()};
  if (selection.space_id() < 0)
    detail::reject(ErrorKind::invalid_argument, op, where, "the selection is empty (default-constructed)");
  if (is_empty())
    detail::reject(ErrorKind::invalid_argument, op, where, "the dataset has no dataspace (it is empty)");
  if (selection.extent() != shape())
    detail::reject(ErrorKind::shape_mismatch, op, where,
                   "the selection was made for shape " + to_string(selection.extent()) + ", the dataset has shape " +
                       to_string(shape()));
  detail::silence_hdf5_errors();
  hdset_reg_ref_t raw{};
  checked(H5Rcreate(raw, id(), ".", H5R_DATASET_REGION, selection.space_id()), op, where);
  RegionReference ref;
  std::memcpy(ref.bytes.data(), raw, sizeof raw);
  return ref;
}

RegionReference Dataset::region_reference(std::initializer_list<Index> index) const {
  require_valid("create region reference");
  return region_reference(Selection::from_index(shape(), std::span<const Index>(index.begin(), index.size())));
}

Selection Group::region(const RegionReference& ref) const {
  const char* op = "read region reference";
  require_valid(op);
  Handle dataset(open_region_target(id(), ref, op));
  hdset_reg_ref_t raw;
  std::memcpy(raw, ref.bytes.data(), sizeof raw);
  detail::silence_hdf5_errors();
  Handle space(checked(H5Rget_region(id(), H5R_DATASET_REGION, raw), op, Where{dataset.get()}));
  const Where where{dataset.get()};
  Shape extent = detail::extent_of(space.get());
  Shape shape = region_shape(space.get(), where);
  return Selection(std::move(space), std::move(extent), std::move(shape));
}

DatasetSelection Group::dereference(const RegionReference& ref) const {
  const char* op = "dereference region";
  require_valid(op);
  Dataset dataset(Handle(open_region_target(id(), ref, op)));
  return dataset.select(region(ref));
}

}  // namespace h5kit

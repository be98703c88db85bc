// Growing a dataset: h5py's resize(size, axis) and PyTables-style append (dataset.hpp).
#include <hdf5.h>

#include <string>
#include <vector>

#include "h5kit/dataset.hpp"

#include "detail/checked.hpp"

namespace h5kit {

using detail::checked;
using detail::Where;

namespace {

constexpr const char* kAppend = "append to dataset";

bool can_grow(const Shape& shape, const Shape& max, std::size_t axis) {
  return max[axis] == unlimited || max[axis] > shape[axis];
}

std::string axis_list(const std::vector<std::size_t>& axes) {
  std::string out;
  for (std::size_t i = 0; i < axes.size(); ++i) out += (i ? (i + 1 == axes.size() ? " and " : ", ") : "") + std::to_string(axes[i]);
  return out;
}

// The axis an append grows: the one unlimited axis, else the one axis below its maxshape.
std::size_t growing_axis(const Shape& shape, const Shape& max, const Where& where) {
  std::vector<std::size_t> unlimited_axes, roomy_axes;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (max[i] == unlimited) unlimited_axes.push_back(i);
    else if (max[i] > shape[i]) roomy_axes.push_back(i);
  }
  const std::vector<std::size_t>& candidates = unlimited_axes.empty() ? roomy_axes : unlimited_axes;
  if (candidates.size() == 1) return candidates.front();
  if (candidates.empty())
    detail::reject(ErrorKind::invalid_argument, kAppend, where,
                   "no axis can grow: the shape " + to_string(shape) + " is already its maxshape " + to_string(max) +
                       " (create the dataset with maxshape, e.g. DatasetOptions{}.maxshape({unlimited, ...}))");
  detail::reject(ErrorKind::invalid_argument, kAppend, where,
                 "axes " + axis_list(candidates) + " can all grow (maxshape " + to_string(max) +
                     "): name the one to append along, append(value, axis)");
}

Shape without_axis(const Shape& shape, std::size_t axis) {
  Shape out = shape;
  out.erase(out.begin() + static_cast<std::ptrdiff_t>(axis));
  return out;
}

// "(n, 64)": the shape of a block of rows along `axis`.
std::string shape_with_n(const Shape& shape, std::size_t axis) {
  std::string out = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) out += (i ? ", " : "") + (i == axis ? std::string("n") : std::to_string(shape[i]));
  return out + (shape.size() == 1 ? ",)" : ")");
}

// The axis append() grows when none is named, given the shape and maxshape already read.
std::size_t append_axis_of(const Dataset& ds, const Shape& current, const Shape& max) {
  const Where where{ds.id()};
  if (ds.is_empty()) detail::reject(ErrorKind::invalid_argument, kAppend, where, "the dataset has a null dataspace (Empty)");
  if (current.empty()) detail::reject(ErrorKind::invalid_argument, kAppend, where, "a scalar dataset has no axis to grow");
  return growing_axis(current, max, where);
}

}  // namespace

void Dataset::resize(std::uint64_t size, std::size_t axis) const {
  require_valid("resize dataset");
  Shape new_shape = shape();
  if (axis >= new_shape.size())
    detail::reject(ErrorKind::invalid_argument, "resize dataset", Where{id()},
                   "axis " + std::to_string(axis) + " is out of range for a dataset of shape " + to_string(new_shape));
  new_shape[axis] = size;
  resize(new_shape);
}

std::size_t Dataset::append_axis() const {
  require_valid(kAppend);
  return append_axis_of(*this, shape(), maxshape());
}

Dataset::Growth Dataset::grow_for_append(const Shape& value_shape, std::optional<std::size_t> axis) const {
  require_valid(kAppend);
  const Where where{id()};
  const Shape current = shape();
  const Shape max = maxshape();
  std::size_t a = 0;
  if (!axis) {
    a = append_axis_of(*this, current, max);
  } else {
    a = *axis;
    if (current.empty() || a >= current.size())
      detail::reject(ErrorKind::invalid_argument, kAppend, where,
                     "axis " + std::to_string(a) + " is out of range for a dataset of shape " + to_string(current));
    if (!can_grow(current, max, a))
      detail::reject(ErrorKind::invalid_argument, kAppend, where,
                     "axis " + std::to_string(a) + " cannot grow: shape " + to_string(current) + ", maxshape " +
                         to_string(max));
  }
  const Shape row = without_axis(current, a);
  Growth growth{current, Shape(current.size(), 0), current};
  growth.offset[a] = current[a];
  if (value_shape == row) {
    growth.count[a] = 1;
  } else if (value_shape.size() == current.size() && without_axis(value_shape, a) == row) {
    growth.count[a] = value_shape[a];
  } else {
    detail::reject(ErrorKind::shape_mismatch, kAppend, where,
                   "a value of shape " + to_string(value_shape) + " is neither one row along axis " + std::to_string(a) +
                       " (shape " + to_string(row) + ") nor a block of rows (shape " + shape_with_n(current, a) + ")");
  }
  const std::uint64_t rows = growth.count[a];
  if (max[a] != unlimited && current[a] + rows > max[a])
    detail::reject(ErrorKind::invalid_argument, kAppend, where,
                   std::to_string(rows) + (rows == 1 ? " row" : " rows") + " along axis " + std::to_string(a) +
                       " would pass the maxshape " + to_string(max) + " (shape " + to_string(current) + ")");
  if (rows == 0) return growth;
  Shape grown = current;
  grown[a] += rows;
  std::vector<hsize_t> dims(grown.begin(), grown.end());
  checked(H5Dset_extent(id(), dims.data()), kAppend, where);
  return growth;
}

void Dataset::undo_growth(const Growth& growth) const noexcept {
  std::vector<hsize_t> dims(growth.before.begin(), growth.before.end());
  detail::silence_hdf5_errors();
  (void)H5Dset_extent(id(), dims.data());
}

}  // namespace h5kit

// Selection introspection: a Selection's HDF5 dataspace selection read back as its kind, its
// hyperslab blocks or its point list (H5Sget_select_*). Read-only; the selection is not touched.
#include <hdf5.h>

#include <string>
#include <vector>

#include "detail/checked.hpp"
#include "h5kit/selection.hpp"

namespace h5kit {

using detail::checked;
using detail::reject;
using detail::Where;

namespace {

// A Selection belongs to no dataset, so errors name no object.
const Where no_object{};

hid_t space_to_query(const Selection& selection, const char* operation) {
  if (selection.space_id() < 0)
    reject(ErrorKind::invalid_argument, operation, no_object, "the selection is empty (default-constructed)");
  detail::silence_hdf5_errors();
  return selection.space_id();
}

const char* kind_name(SelectionKind kind) {
  switch (kind) {
    case SelectionKind::none: return "selects nothing";
    case SelectionKind::all: return "selects the whole extent";
    case SelectionKind::points: return "is a list of points";
    case SelectionKind::blocks: return "is a union of blocks";
  }
  return "";
}

}  // namespace

SelectionKind Selection::kind() const {
  const char* op = "query selection";
  const hid_t space = space_to_query(*this, op);
  switch (checked(H5Sget_select_type(space), op, no_object)) {
    case H5S_SEL_NONE: return SelectionKind::none;
    case H5S_SEL_ALL: return SelectionKind::all;
    case H5S_SEL_POINTS: return SelectionKind::points;
    case H5S_SEL_HYPERSLABS: return SelectionKind::blocks;
    default: break;
  }
  reject(ErrorKind::invalid_argument, op, no_object, "HDF5 reports a selection type h5kit does not know");
}

std::vector<Block> Selection::block_list() const {
  const char* op = "list selected blocks";
  const hid_t space = space_to_query(*this, op);
  switch (const SelectionKind k = kind()) {
    case SelectionKind::none: return {};
    case SelectionKind::all: return {Block{Shape(extent_.size(), 0), extent_}};
    case SelectionKind::points:
      reject(ErrorKind::invalid_argument, op, no_object,
             std::string("the selection ") + kind_name(k) + ", not blocks (use point_list())");
    case SelectionKind::blocks: break;
  }
  const std::size_t rank = extent_.size();
  const auto n = static_cast<hsize_t>(checked(H5Sget_select_hyper_nblocks(space), op, no_object));
  // HDF5 gives each block as its first corner then its last corner, both inclusive.
  std::vector<hsize_t> corners(n * 2 * rank);
  if (n > 0) checked(H5Sget_select_hyper_blocklist(space, 0, n, corners.data()), op, no_object);
  std::vector<Block> out(n, Block{Shape(rank), Shape(rank)});
  for (std::size_t b = 0; b < n; ++b) {
    const hsize_t* first = corners.data() + b * 2 * rank;
    const hsize_t* last = first + rank;
    for (std::size_t axis = 0; axis < rank; ++axis) {
      out[b].offset[axis] = first[axis];
      out[b].count[axis] = last[axis] - first[axis] + 1;
    }
  }
  return out;
}

std::vector<Shape> Selection::point_list() const {
  const char* op = "list selected points";
  const hid_t space = space_to_query(*this, op);
  switch (const SelectionKind k = kind()) {
    case SelectionKind::none: return {};
    case SelectionKind::all:
    case SelectionKind::blocks:
      reject(ErrorKind::invalid_argument, op, no_object,
             std::string("the selection ") + kind_name(k) + ", not points (use block_list())");
    case SelectionKind::points: break;
  }
  const std::size_t rank = extent_.size();
  const auto n = static_cast<hsize_t>(checked(H5Sget_select_elem_npoints(space), op, no_object));
  std::vector<hsize_t> flat(n * rank);
  if (n > 0) checked(H5Sget_select_elem_pointlist(space, 0, n, flat.data()), op, no_object);
  std::vector<Shape> out(n, Shape(rank));
  for (std::size_t p = 0; p < n; ++p)
    for (std::size_t axis = 0; axis < rank; ++axis) out[p][axis] = flat[p * rank + axis];
  return out;
}

}  // namespace h5kit

// Selections: numpy index expressions, points, masks and block unions turned into HDF5 dataspace
// selections, plus the Dataset side (ds[{...}], select, read_direct).
#include "h5kit/selection.hpp"

#include <hdf5.h>

#include <algorithm>
#include <string>
#include <vector>

#include "detail/checked.hpp"
#include "detail/dataspace.hpp"
#include "h5kit/dataset.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::reject;
using detail::Where;

namespace {

// The selection being built: a dataspace of the extent, selected by the caller, and the data's shape.
struct Builder {
  const Shape& extent;
  const char* operation;
  const Where& where;

  [[noreturn]] void refuse(const std::string& what) const {
    reject(ErrorKind::invalid_argument, operation, where, what + " (dataset shape " + to_string(extent) + ")");
  }

  Handle space() const {
    // A scalar dataspace has no hyperslabs; rank-0 selections are always "everything".
    return detail::simple_space(extent, operation, where);
  }

  Selection finish(Handle space, Shape shape) const { return Selection(std::move(space), extent, std::move(shape)); }
};

// One resolved axis: `count` elements from `start` every `stride`, or an explicit list of positions.
struct AxisPick {
  std::size_t start = 0, stride = 1, count = 0;
  std::size_t block = 1;                   // MultiBlockSlice: elements per block (count blocks)
  bool dropped = false;                    // an integer index
  bool listed = false;                     // Indices or a one-axis mask: the positions below
  std::vector<std::size_t> positions;
  std::size_t selected() const noexcept { return count * block; }  // elements kept along the axis
};

std::size_t resolve_integer(const Builder& b, std::size_t axis, std::ptrdiff_t index) {
  const auto n = static_cast<std::ptrdiff_t>(b.extent[axis]);
  const std::ptrdiff_t i = index < 0 ? index + n : index;
  if (i < 0 || i >= n)
    b.refuse("index " + std::to_string(index) + " is out of range for axis " + std::to_string(axis) + " of size " +
             std::to_string(n));
  return static_cast<std::size_t>(i);
}

// numpy's slice.indices() for a positive step.
AxisPick resolve_slice(const Builder& b, std::size_t axis, const Slice& slice) {
  if (slice.step == 0) b.refuse("slice step cannot be zero (axis " + std::to_string(axis) + ")");
  if (slice.step < 0)
    b.refuse("slice step must be positive, got " + std::to_string(slice.step) + " on axis " + std::to_string(axis) +
             " (HDF5 selects forward only, as in h5py: read forward and reverse in memory)");
  const auto n = static_cast<std::ptrdiff_t>(b.extent[axis]);
  auto clamp = [n](std::optional<std::ptrdiff_t> bound, std::ptrdiff_t fallback) {
    if (!bound) return fallback;
    const std::ptrdiff_t v = *bound < 0 ? *bound + n : *bound;
    return std::clamp<std::ptrdiff_t>(v, 0, n);
  };
  const std::ptrdiff_t start = clamp(slice.start, 0), stop = clamp(slice.stop, n);
  AxisPick pick;
  pick.start = static_cast<std::size_t>(start);
  pick.stride = static_cast<std::size_t>(slice.step);
  pick.count = stop > start ? static_cast<std::size_t>((stop - start + slice.step - 1) / slice.step) : 0;
  return pick;
}

AxisPick resolve_positions(const Builder& b, std::size_t axis, const Indices& list) {
  const auto n = static_cast<std::ptrdiff_t>(b.extent[axis]);
  AxisPick pick;
  pick.listed = true;
  for (std::size_t i = 0; i < list.positions.size(); ++i) {
    const std::ptrdiff_t given = list.positions[i];
    const std::ptrdiff_t p = given < 0 ? given + n : given;
    if (p < 0 || p >= n)
      b.refuse("index " + std::to_string(given) + " in the list for axis " + std::to_string(axis) +
               " is out of range for size " + std::to_string(n));
    const auto position = static_cast<std::size_t>(p);
    if (i > 0 && position <= pick.positions.back())
      b.refuse("the index list for axis " + std::to_string(axis) +
               " must be increasing without repeats, as in h5py (found " + std::to_string(list.positions[i - 1]) +
               " then " + std::to_string(given) + ")");
    pick.positions.push_back(position);
  }
  pick.count = pick.positions.size();
  return pick;
}

AxisPick resolve_mask(const Builder& b, std::size_t axis, const AxisMask& mask) {
  if (mask.keep.size() != b.extent[axis])
    b.refuse("a boolean mask of length " + std::to_string(mask.keep.size()) + " on axis " + std::to_string(axis) +
             " of size " + std::to_string(b.extent[axis]) + ": it must have the axis' length");
  AxisPick pick;
  pick.listed = true;
  for (std::size_t i = 0; i < mask.keep.size(); ++i)
    if (mask.keep[i]) pick.positions.push_back(i);
  pick.count = pick.positions.size();
  return pick;
}

AxisPick resolve_multi_block(const Builder& b, std::size_t axis, const MultiBlockSlice& m) {
  const std::size_t n = b.extent[axis];
  const std::string where = " on axis " + std::to_string(axis) + " of size " + std::to_string(n);
  if (m.stride == 0 || m.block == 0) b.refuse("a MultiBlockSlice needs a stride and a block of at least 1" + where);
  if (m.start > n) b.refuse("a MultiBlockSlice starting at " + std::to_string(m.start) + where);
  // h5py: count = (length - start - block) // stride + 1 when unset.
  const std::size_t count =
      m.count ? *m.count : (m.start + m.block > n ? 0 : (n - m.start - m.block) / m.stride + 1);
  if (count > 1 && m.block > m.stride)
    b.refuse("MultiBlockSlice blocks of " + std::to_string(m.block) + " every " + std::to_string(m.stride) +
             " would overlap" + where + " (block must not exceed stride)");
  if (count > 0 && m.start + (count - 1) * m.stride + m.block > n)
    b.refuse("a MultiBlockSlice of " + std::to_string(count) + " blocks of " + std::to_string(m.block) + " every " +
             std::to_string(m.stride) + " from " + std::to_string(m.start) + " ends past the axis" + where);
  AxisPick pick;
  pick.start = m.start;
  pick.stride = m.stride;
  pick.count = count;
  pick.block = m.block;
  return pick;
}

// The index expression with its ellipsis expanded and missing trailing axes made whole; each newaxis
// is left out and recorded in `new_axes` as the number of dataset axes before it.
std::vector<const Index*> expand(const Builder& b, std::span<const Index> index, std::vector<Index>& storage,
                                 std::vector<std::size_t>& new_axes) {
  std::size_t ellipses = 0, inserted = 0;
  for (const Index& i : index) {
    ellipses += std::holds_alternative<Ellipsis>(i.value()) ? 1 : 0;
    inserted += std::holds_alternative<NewAxis>(i.value()) ? 1 : 0;
  }
  if (ellipses > 1) b.refuse("an index can hold only one ellipsis");
  const std::size_t given = index.size() - ellipses - inserted;
  if (given > b.extent.size())
    b.refuse("too many indices: " + std::to_string(given) + " for a dataset of rank " + std::to_string(b.extent.size()));
  storage.assign(b.extent.size() - given, Index(all));
  std::vector<const Index*> out;
  bool filled = false;
  for (const Index& i : index) {
    if (std::holds_alternative<Ellipsis>(i.value())) {
      for (const Index& whole : storage) out.push_back(&whole);
      filled = true;
    } else if (std::holds_alternative<NewAxis>(i.value())) {
      new_axes.push_back(out.size());
    } else {
      out.push_back(&i);
    }
  }
  if (!filled)
    for (const Index& whole : storage) out.push_back(&whole);
  return out;
}

// OR-ing hyperslabs one by one into a growing selection costs HDF5 a walk of everything selected so
// far, so n blocks cost O(n^2). Merging halves pairwise keeps every merge proportional to its inputs:
// O(n log n) overall.
Handle union_of(const Builder& b, std::vector<Block>::const_iterator first, std::vector<Block>::const_iterator last) {
  if (last - first == 1) {
    Handle space = b.space();
    detail::select_block(space.get(), first->offset, first->count, b.operation, b.where);
    return space;
  }
  const auto middle = first + (last - first) / 2;
  Handle left = union_of(b, first, middle), right = union_of(b, middle, last);
  return Handle(checked(H5Scombine_select(left.get(), H5S_SELECT_OR, right.get()), b.operation, b.where));
}

Handle union_space(const Builder& b, const std::vector<Block>& blocks) {
  if (blocks.empty()) {
    Handle space = b.space();
    checked(H5Sselect_none(space.get()), b.operation, b.where);
    return space;
  }
  return union_of(b, blocks.begin(), blocks.end());
}

// The shape of the selected data: the kept axes in order, a 1 wherever a newaxis stood.
Shape selected_shape(const std::vector<AxisPick>& picks, const std::vector<std::size_t>& new_axes) {
  Shape shape;
  auto insert_new_axes = [&](std::size_t before) {
    for (std::size_t position : new_axes)
      if (position == before) shape.push_back(1);
  };
  for (std::size_t a = 0; a < picks.size(); ++a) {
    insert_new_axes(a);
    if (!picks[a].dropped) shape.push_back(picks[a].selected());
  }
  insert_new_axes(picks.size());
  return shape;
}

// The (start, length) runs a pick covers along its axis, for the block union of a listed selection.
std::vector<std::pair<std::size_t, std::size_t>> runs_of(const AxisPick& pick) {
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  if (pick.listed) {
    for (std::size_t p : pick.positions)
      if (!runs.empty() && runs.back().first + runs.back().second == p) ++runs.back().second;
      else runs.emplace_back(p, 1);
  } else if (pick.stride == 1 && pick.block == 1) {
    runs.emplace_back(pick.start, pick.count);
  } else {
    for (std::size_t i = 0; i < pick.count; ++i) runs.emplace_back(pick.start + i * pick.stride, pick.block);
  }
  return runs;
}

Selection from_index(const Shape& extent, std::span<const Index> index, const char* op, const Where& where) {
  const Builder b{extent, op, where};
  std::vector<Index> padding;
  std::vector<std::size_t> new_axes;
  const std::vector<const Index*> axes = expand(b, index, padding, new_axes);
  std::vector<AxisPick> picks(extent.size());
  std::size_t listed_axes = 0;
  for (std::size_t a = 0; a < extent.size(); ++a) {
    const auto& v = axes[a]->value();
    if (const auto* i = std::get_if<std::ptrdiff_t>(&v)) {
      picks[a].start = resolve_integer(b, a, *i);
      picks[a].count = 1;
      picks[a].dropped = true;
    } else if (const auto* sl = std::get_if<Slice>(&v)) {
      picks[a] = resolve_slice(b, a, *sl);
    } else if (const auto* list = std::get_if<Indices>(&v)) {
      if (++listed_axes > 1) b.refuse("only one axis may be indexed with a list or a mask, as in h5py");
      picks[a] = resolve_positions(b, a, *list);
    } else if (const auto* mask = std::get_if<AxisMask>(&v)) {
      if (++listed_axes > 1) b.refuse("only one axis may be indexed with a list or a mask, as in h5py");
      picks[a] = resolve_mask(b, a, *mask);
    } else if (const auto* blocks = std::get_if<MultiBlockSlice>(&v)) {
      picks[a] = resolve_multi_block(b, a, *blocks);
    } else {
      picks[a].count = extent[a];
    }
  }
  const Shape shape = selected_shape(picks, new_axes);
  const bool empty = std::any_of(picks.begin(), picks.end(), [](const AxisPick& p) { return p.selected() == 0; });
  Handle space = b.space();
  if (extent.empty()) return b.finish(std::move(space), shape);
  if (empty) {
    checked(H5Sselect_none(space.get()), op, where);
    return b.finish(std::move(space), shape);
  }
  const auto listed = std::find_if(picks.begin(), picks.end(), [](const AxisPick& p) { return p.listed; });
  if (listed == picks.end()) {
    // A unit-step axis is one block of `count` elements rather than `count` blocks of one: the same
    // elements, but HDF5 reports the blocks as given (Selection::block_list), and this is the form
    // it stores in a region reference.
    std::vector<hsize_t> start(picks.size()), stride(picks.size()), count(picks.size()), block(picks.size());
    for (std::size_t a = 0; a < picks.size(); ++a) {
      const bool run = picks[a].stride == 1 && picks[a].block == 1;
      start[a] = picks[a].start;
      stride[a] = run ? 1 : picks[a].stride;
      count[a] = run ? 1 : picks[a].count;
      block[a] = run ? picks[a].count : picks[a].block;
    }
    checked(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start.data(), stride.data(), count.data(), block.data()),
            op, where, ErrorKind::invalid_argument);
    return b.finish(std::move(space), shape);
  }
  // A list on one axis: one block per run of consecutive positions, slices on the other axes
  // expanded into blocks too (strided axes make one block per step).
  std::vector<Block> blocks{Block{Shape(picks.size(), 0), Shape(picks.size(), 1)}};
  for (std::size_t a = 0; a < picks.size(); ++a) {
    const auto runs = runs_of(picks[a]);
    std::vector<Block> next;
    next.reserve(blocks.size() * runs.size());
    for (const Block& blk : blocks)
      for (const auto& [s0, len] : runs) {
        Block nb = blk;
        nb.offset[a] = s0;
        nb.count[a] = len;
        next.push_back(std::move(nb));
      }
    blocks = std::move(next);
  }
  return b.finish(union_space(b, blocks), shape);
}

Selection from_points(const Shape& extent, const std::vector<Shape>& coordinates, const char* op, const Where& where) {
  const Builder b{extent, op, where};
  if (extent.empty()) b.refuse("a scalar dataset has no points to select");
  std::vector<hsize_t> flat;
  flat.reserve(coordinates.size() * extent.size());
  for (std::size_t i = 0; i < coordinates.size(); ++i) {
    const Shape& c = coordinates[i];
    if (c.size() != extent.size())
      b.refuse("point " + std::to_string(i) + " " + to_string(c) + " has " + std::to_string(c.size()) +
               " coordinates, the dataset has rank " + std::to_string(extent.size()));
    for (std::size_t a = 0; a < c.size(); ++a) {
      if (c[a] >= extent[a]) b.refuse("point " + std::to_string(i) + " " + to_string(c) + " lies outside the dataset");
      flat.push_back(c[a]);
    }
  }
  Handle space = b.space();
  if (coordinates.empty()) checked(H5Sselect_none(space.get()), op, where);
  else
    checked(H5Sselect_elements(space.get(), H5S_SELECT_SET, coordinates.size(), flat.data()), op, where,
            ErrorKind::invalid_argument);
  return b.finish(std::move(space), Shape{coordinates.size()});
}

// The coordinates of the true elements of a row-major mask of `extent`, as one flat list.
template <class Mask>
Selection from_mask(const Shape& extent, const Shape& mask_shape, const Mask& is_set, const char* op,
                    const Where& where) {
  const Builder b{extent, op, where};
  if (mask_shape != extent)
    b.refuse("a mask of shape " + to_string(mask_shape) + " does not match the dataset; it must have its shape");
  if (extent.empty()) b.refuse("a scalar dataset cannot be selected with a mask");
  std::vector<hsize_t> flat;
  std::size_t selected = 0;
  const std::size_t n = element_count(extent);
  Shape index(extent.size(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (is_set(i)) {
      flat.insert(flat.end(), index.begin(), index.end());
      ++selected;
    }
    for (std::size_t a = extent.size(); a-- > 0;) {  // next row-major multi-index
      if (++index[a] < extent[a]) break;
      index[a] = 0;
    }
  }
  Handle space = b.space();
  if (selected == 0) checked(H5Sselect_none(space.get()), op, where);
  else checked(H5Sselect_elements(space.get(), H5S_SELECT_SET, selected, flat.data()), op, where);
  return b.finish(std::move(space), Shape{selected});
}

Selection from_blocks(const Shape& extent, const std::vector<Block>& blocks, const char* op, const Where& where) {
  const Builder b{extent, op, where};
  if (extent.empty()) b.refuse("a scalar dataset has no blocks to select");
  Handle space = union_space(b, blocks);
  const hssize_t n = H5Sget_select_npoints(space.get());
  return b.finish(std::move(space), Shape{static_cast<std::size_t>(std::max<hssize_t>(n, 0))});
}

const Where no_object{};

}  // namespace

Selection Selection::all(const Shape& extent) {
  // A new dataspace selects everything (H5S_SEL_ALL), as h5py's regionref[...] stores it; a hyperslab
  // over the whole extent would read the same but report itself as blocks (Selection::kind()).
  const Builder b{extent, "select", no_object};
  return b.finish(b.space(), extent);
}
Selection Selection::from_index(const Shape& extent, std::span<const Index> index) {
  return h5kit::from_index(extent, index, "select", no_object);
}
Selection Selection::points(const Shape& extent, const std::vector<Shape>& coordinates) {
  return from_points(extent, coordinates, "select points", no_object);
}
Selection Selection::mask(const Shape& extent, const NDArray<bool>& mask) {
  return from_mask(extent, mask.shape(), [&](std::size_t i) { return mask.data()[i]; }, "select mask", no_object);
}
Selection Selection::mask(const Shape& extent, const std::vector<bool>& mask) {
  return from_mask(extent, Shape{mask.size()}, [&](std::size_t i) { return mask[i]; }, "select mask", no_object);
}
Selection Selection::blocks(const Shape& extent, const std::vector<Block>& blocks) {
  return from_blocks(extent, blocks, "select blocks", no_object);
}
Selection Selection::block(const Shape& extent, const Shape& offset, const Shape& count) {
  const Builder b{extent, "select block", no_object};
  Handle space = b.space();
  detail::select_block(space.get(), offset, count, b.operation, b.where);
  return b.finish(std::move(space), count);
}

// --- Dataset side -----------------------------------------------------------------------------

DatasetSelection Dataset::operator[](std::initializer_list<Index> index) const {
  return select_index(std::span<const Index>(index.begin(), index.size()));
}

DatasetSelection Dataset::operator[](const Index& index) const { return select_index(std::span<const Index>(&index, 1)); }

namespace {
// The extent a selection on `dataset` applies to, from one dataspace query (a null dataspace,
// h5py's Empty, has nothing to select).
Shape selectable_extent(const Dataset& dataset, const char* op) {
  detail::silence_hdf5_errors();
  const Handle space(checked(H5Dget_space(dataset.id()), op, Where{dataset.id()}));
  if (H5Sget_simple_extent_type(space.get()) == H5S_NULL)
    reject(ErrorKind::invalid_argument, op, Where{dataset.id()}, "an empty dataset (no dataspace) has nothing to select");
  return detail::extent_of(space.get());
}

// A selection applies only to the extent it was made for; `owner` names what that extent belongs to.
void require_made_for(const Selection& selection, const Shape& extent, const std::string& which, const char* owner,
                      const char* op, const Where& where) {
  if (selection.extent() != extent)
    reject(ErrorKind::shape_mismatch, op, where,
           "the " + which + "selection was made for shape " + to_string(selection.extent()) + ", the " + owner +
               " has shape " + to_string(extent));
}
}  // namespace

DatasetSelection Dataset::select_index(std::span<const Index> index) const {
  require_valid("select");
  // h5py's dset[...] and dset[()] on an Empty dataset return Empty, as the whole read does: a
  // selection of nothing (reads give no elements, writes of nothing are accepted).
  const bool only_ellipses = std::all_of(index.begin(), index.end(), [](const Index& i) {
    return std::holds_alternative<Ellipsis>(i.value());
  });
  if (only_ellipses && is_empty()) return DatasetSelection(*this, Selection::all(Shape{0}));
  return DatasetSelection(*this, h5kit::from_index(selectable_extent(*this, "select"), index, "select", Where{id()}));
}

DatasetSelection Dataset::select(const Selection& selection) const {
  require_valid("select");
  require_made_for(selection, shape(), "", "dataset", "select", Where{id()});
  return DatasetSelection(*this, selection);
}

detail::IoTarget DatasetSelection::target(const char* operation) const {
  detail::IoTarget t = dataset_.target(operation);
  t.file_space = selection_.space_id();
  t.selected_shape = &selection_.shape();
  t.broadcast = true;  // only writes look at it
  return t;
}

void Dataset::prepare_direct(DirectTransfer& out, const char* operation, const std::optional<Selection>& file,
                             const Shape& buffer_shape, const std::optional<Selection>& memory) const {
  const Where where{id()};
  out.target = target(operation);
  const Shape extent = shape();
  out.file = file ? *file : Selection::all(extent);
  require_made_for(out.file, extent, "dataset ", "dataset", operation, where);
  out.memory = memory ? *memory : Selection::all(buffer_shape);
  require_made_for(out.memory, buffer_shape, "buffer ", "buffer", operation, where);
  if (out.memory.size() != out.file.size())
    reject(ErrorKind::shape_mismatch, operation, where,
           "the buffer selection holds " + std::to_string(out.memory.size()) + " elements (shape " +
               to_string(out.memory.shape()) + ") but the dataset selection holds " +
               std::to_string(out.file.size()) + " (shape " + to_string(out.file.shape()) + "); nothing was transferred");
  out.shape = Shape{out.file.size()};
  out.target.file_space = out.file.space_id();
  out.target.selected_shape = &out.shape;
  out.target.memory_space = out.memory.space_id();
}

}  // namespace h5kit

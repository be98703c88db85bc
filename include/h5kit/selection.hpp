#pragma once
// Selections: which elements of a dataset a read or write touches, numpy-style.
//
//   ds[{s(2, 10, 2), all, -1}]      rows 2, 4, 6, 8, every column, the last plane (axes 0 and 1 remain)
//   ds.select(s(2, 10, 2), all, -1)  the same, without braces
//   ds[5]                            one row (axis 0 dropped)
//   ds[{ellipsis, 0}]                the first element along the last axis
//   ds[{indices{1, 4, 7}, all}]      rows 1, 4 and 7 (h5py's fancy index: increasing, one axis)
//   ds[{indices{0, -1}}]             the first and the last row (negative positions count from the end)
//   ds[{std::vector<bool>{...}, 2}]  the rows where the mask is true (a boolean mask on one axis)
//   ds[{newaxis, all}]               the data with a leading axis of 1 (numpy's None)
//   ds[{multi_block(0, 10, 3, 2)}]   h5py's MultiBlockSlice: 3 blocks of 2 every 10 (0, 1, 10, 11, 20, 21)
//   ds.select(Selection::points(...)), ds.select(Selection::mask(...)), ds.select(Selection::blocks(...))
//
// Slice bounds follow numpy: negative start/stop count from the end and out-of-range bounds clamp;
// a single index must lie inside the axis. As in h5py, a step must be positive (HDF5 selects forward).
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <type_traits>
#include <variant>
#include <vector>

#include "h5kit/detail/handle.hpp"
#include "h5kit/ndarray.hpp"
#include "h5kit/shape.hpp"

namespace h5kit {

// What a selection is made of, as HDF5 stores it (H5Sget_select_type): nothing, the whole extent,
// a list of points (H5Sselect_elements) or a union of hyperslab blocks (H5Sselect_hyperslab); see
// Selection::kind(). Declared before h5kit::none and h5kit::all: GCC's -Wshadow flags enumerators
// declared after a namespace-scope name they share, scoped or not.
enum class SelectionKind { none, all, points, blocks };

// start:stop:step on one axis; an unset bound means "from the beginning" / "to the end".
struct Slice {
  std::optional<std::ptrdiff_t> start;
  std::optional<std::ptrdiff_t> stop;
  std::ptrdiff_t step = 1;
};

// The bound to leave open in s(): s(2, none) is numpy's 2:, s(none, 5) is :5.
inline constexpr std::nullopt_t none = std::nullopt;

// numpy's start:stop[:step].
constexpr Slice s(std::optional<std::ptrdiff_t> start, std::optional<std::ptrdiff_t> stop, std::ptrdiff_t step = 1) {
  return Slice{start, stop, step};
}

// The whole axis (numpy's ':').
struct All {};
inline constexpr All all{};

// As many whole axes as needed to make up the rank (numpy's '...').
struct Ellipsis {};
inline constexpr Ellipsis ellipsis{};

// A list of positions along one axis (h5py's fancy indexing): increasing once negative positions
// are counted from the end, without repeats.
struct Indices {
  std::vector<std::ptrdiff_t> positions;
  Indices(std::initializer_list<std::ptrdiff_t> p) : positions(p) {}
  explicit Indices(std::vector<std::ptrdiff_t> p) : positions(std::move(p)) {}
  explicit Indices(const std::vector<std::size_t>& p) : positions(p.begin(), p.end()) {}
};
using indices = Indices;

// A boolean mask on one axis (numpy's d[mask] with a 1-D mask): the positions where it is true. Its
// length must be the axis' extent.
struct AxisMask {
  std::vector<bool> keep;
};

// A new axis of length 1 in the result (numpy's None / np.newaxis); it selects nothing by itself.
struct NewAxis {};
inline constexpr NewAxis newaxis{};

// h5py's MultiBlockSlice: `count` blocks of `block` elements, one every `stride`, from `start` (an
// unset count takes as many whole blocks as fit). The axis keeps count * block elements.
struct MultiBlockSlice {
  std::size_t start = 0;
  std::size_t stride = 1;
  std::optional<std::size_t> count;
  std::size_t block = 1;
};
// multi_block(start, stride, count, block), in h5py's argument order.
inline MultiBlockSlice multi_block(std::size_t start, std::size_t stride, std::optional<std::size_t> count,
                                   std::size_t block = 1) {
  return MultiBlockSlice{start, stride, count, block};
}

// One entry of an index expression: an integer (drops the axis), a Slice, all, ellipsis, Indices, a
// one-axis boolean mask, newaxis or a MultiBlockSlice.
class Index {
 public:
  using Value = std::variant<std::ptrdiff_t, Slice, All, Ellipsis, Indices, AxisMask, NewAxis, MultiBlockSlice>;

  template <class Int>
    requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>)
  Index(Int i) : value_(static_cast<std::ptrdiff_t>(i)) {}
  Index(Slice slice) : value_(slice) {}
  Index(All) : value_(All{}) {}
  Index(Ellipsis) : value_(Ellipsis{}) {}
  Index(Indices list) : value_(std::move(list)) {}
  Index(std::vector<bool> mask) : value_(AxisMask{std::move(mask)}) {}
  Index(AxisMask mask) : value_(std::move(mask)) {}
  Index(NewAxis) : value_(NewAxis{}) {}
  Index(MultiBlockSlice blocks) : value_(blocks) {}

  const Value& value() const noexcept { return value_; }

 private:
  Value value_;
};

// A rectangular block: `count` elements per axis from `offset`.
struct Block {
  Shape offset;
  Shape count;
  friend bool operator==(const Block&, const Block&) = default;
};

// A set of elements of a dataspace of a given extent, and the shape the selected data has in memory.
// Immutable once built; cheap to copy (the HDF5 dataspace is shared).
class Selection {
 public:
  // Everything.
  static Selection all(const Shape& extent);
  // A numpy-style index expression (see the top of this file).
  static Selection from_index(const Shape& extent, std::span<const Index> index);
  // Single elements in the given order; the data has shape (n,).
  static Selection points(const Shape& extent, const std::vector<Shape>& coordinates);
  // The elements where `mask` is true, in row-major order; `mask` must have the extent's shape. Shape (n,).
  static Selection mask(const Shape& extent, const NDArray<bool>& mask);
  static Selection mask(const Shape& extent, const std::vector<bool>& mask);  // 1-D datasets
  // The union of blocks (overlaps count once); the data has shape (n,), in row-major file order.
  static Selection blocks(const Shape& extent, const std::vector<Block>& blocks);
  // One block, keeping every axis: shape `count`.
  static Selection block(const Shape& extent, const Shape& offset, const Shape& count);

  // The shape of the selected data: what a read returns and a write expects (before broadcasting).
  const Shape& shape() const noexcept { return shape_; }
  // Number of selected elements.
  std::size_t size() const noexcept { return element_count(shape_); }
  // The extent of the dataspace the selection applies to.
  const Shape& extent() const noexcept { return extent_; }

  // ---- Introspection (src/selection_query.cpp): the selection read back in HDF5's terms ----
  // Selection::all, a rank-0 extent and h5py's regionref[...] are `all`; points and masks are
  // `points`; index expressions and block unions are `blocks`, and `none` when they select nothing.
  // InvalidArgumentError for a default-constructed selection.
  SelectionKind kind() const;
  // The blocks HDF5 holds (H5Sget_select_hyper_blocklist), in its row-major order of first corners.
  // HDF5 merges what it can: indices{1, 2, 3, 7} is two blocks, s(0, 6, 2) three (one per step).
  // `all` gives one block covering the extent (offset 0, count = the extent; Block{{}, {}} for a
  // scalar); `none` gives no block; `points` is an InvalidArgumentError (use point_list()).
  std::vector<Block> block_list() const;
  // The points of a `points` selection, in selection order (H5Sget_select_elem_pointlist); `none`
  // gives no point; `all` and `blocks` are an InvalidArgumentError (use block_list()).
  std::vector<Shape> point_list() const;
  // ---- end of introspection ----

  // Adopts a dataspace that already carries a selection (region references); `shape` is the data's shape.
  Selection(detail::Handle space, Shape extent, Shape shape)
      : space_(std::move(space)), extent_(std::move(extent)), shape_(std::move(shape)) {}
  Selection() = default;
  // The HDF5 dataspace with the selection applied.
  detail::hid space_id() const noexcept { return space_.get(); }

 private:
  detail::Handle space_;
  Shape extent_;
  Shape shape_;
};

}  // namespace h5kit

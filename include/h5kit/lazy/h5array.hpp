#pragma once
// A dataset seen as an N-d array that stays on disk (ch5mpy's H5Array): operations run chunk by
// chunk within the memory cap (lazy/memory_cap.hpp), in the order of a ChunkPlan.
//
//     H5Array<double> a(f["x"].as_dataset());
//     H5Array<double> top = a.view(s(0, 10), all);   // lazy: rows 0..9, still on disk
//     NDArray<double> row = a.select(3, all);        // in memory
//     a += 1;                                        // chunk by chunk (lazy/elementwise.hpp)
//
// An H5Array is a handle: copies share the dataset, and writes through any copy land in the file.
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "h5kit/dataset.hpp"
#include "h5kit/dataset_selection.hpp"
#include "h5kit/error.hpp"
#include "h5kit/group.hpp"
#include "h5kit/lazy/chunk_plan.hpp"
#include "h5kit/lazy/memory_cap.hpp"
#include "h5kit/ndarray.hpp"
#include "h5kit/selection.hpp"

namespace h5kit::lazy {

namespace detail {
// Errors of the lazy layer naming the dataset's file and path (src/lazy/reductions_support.cpp).
[[noreturn]] void reject(ErrorKind kind, std::string_view operation, const Dataset& dataset, std::string detail);
// The region of `extent` that a view index selects: integers, slices of step 1, all and ellipsis.
Block view_region(const Dataset& dataset, const Shape& extent, std::span<const Index> index);
// The storage chunks of `dataset`, when blocks planned relative to `region` (a view) still line up
// with them; nullopt when the region starts off a chunk boundary on some axis (src/lazy/raw_blocks.cpp).
std::optional<Shape> aligned_chunks(const Dataset& dataset, const Block& region);
// InvalidArgumentError unless `offset` + `count` lies inside a view of `extent`: the dataset
// around a view is not the view's to read or write.
void check_inside_view(const Dataset& dataset, const Shape& extent, const Shape& offset, const Shape& count,
                       std::string_view operation);
// `index` on a view at `region`, rewritten as an index on the whole dataset.
std::vector<Index> absolute_index(const Dataset& dataset, const Block& region, std::span<const Index> index);
// InvalidArgumentError unless `index` names one element of an array of `extent` (src/lazy/strings.cpp).
void check_element_index(const Dataset& dataset, const Shape& extent, const Shape& index, std::string_view operation);
// Writes one string at `index` (absolute) and returns the dataset now at its path: a new one when a
// fixed-length type had to be widened to hold `value` (lazy/strings.hpp).
Dataset set_string(const Dataset& dataset, const Shape& index, std::string_view value);
// Rewrites a fixed-length string dataset with a type of `width` bytes (never narrower) and returns it.
Dataset widen_strings(const Dataset& dataset, std::size_t width);
}  // namespace detail

template <class T>
class H5Array {
 public:
  using value_type = T;

  H5Array() = default;
  explicit H5Array(Dataset dataset) : dataset_(std::move(dataset)) {}

  const Dataset& dataset() const noexcept { return dataset_; }
  // The part of the dataset this array covers: all of it, or a view's block.
  Block region() const { return region_ ? *region_ : Block{Shape(dataset_.rank(), 0), dataset_.shape()}; }
  bool is_view() const noexcept { return region_.has_value(); }
  Shape shape() const { return region_ ? region_->count : dataset_.shape(); }
  std::size_t rank() const { return shape().size(); }
  std::size_t size() const { return element_count(shape()); }
  Datatype dtype() const { return dataset_.dtype(); }

  // The whole array in memory (ignores the cap: the caller asked for all of it).
  NDArray<T> read() const {
    if (!region_) return dataset_.read<NDArray<T>>();
    return dataset_.read_block<NDArray<T>>(region_->offset, region_->count);
  }
  explicit operator NDArray<T>() const { return read(); }
  // One block in memory; offsets are relative to this array (a view's own origin). A 0-d array's
  // only block is the empty one (HDF5 has no hyperslab of a scalar dataspace).
  NDArray<T> read(const Block& block) const {
    NDArray<T> out;
    read(block, out);
    return out;
  }
  // The same into `buffer`, reusing its storage when it already has the block's shape (a plan's blocks
  // mostly do): a pass over a plan then allocates once, not once per block.
  void read(const Block& block, NDArray<T>& buffer) const {
    check_inside(block.offset, block.count, "read view block");
    if (block.count.empty()) {  // a 0-d array's one block
      buffer = dataset_.read<NDArray<T>>();
      return;
    }
    dataset_.read_block(absolute(block.offset), block.count, buffer);
  }
  // One block into a caller's buffer of at least the block's element count.
  void read(const Block& block, T* buffer) const {
    NDView<T> into{buffer, block.count};
    check_inside(block.offset, block.count, "read view block");
    if (block.count.empty()) return dataset_.read(into);
    dataset_.read_block(absolute(block.offset), block.count, into);
  }
  // Writes `values` (the shape of the block) at `offset`, relative to this array.
  void write(const NDArray<T>& values, const Shape& offset) const {
    check_inside(offset, values.shape(), "write view block");
    if (offset.empty()) return dataset_.write(values);
    dataset_.write_block(values, absolute(offset));
  }
  // Writes the block's element count of `values` (row-major) at `block`.
  void write(const T* values, const Block& block) const {
    const NDView<const T> from{values, block.count};
    check_inside(block.offset, block.count, "write view block");
    if (block.count.empty()) return dataset_.write(from);
    dataset_.write_block(from, absolute(block.offset));
  }

  // One element, by its index relative to this array: a.at({2, 3}).
  T at(const Shape& index) const {
    detail::check_element_index(dataset_, shape(), index, "read array element");
    return read(Block{index, Shape(index.size(), 1)}).data()[0];
  }
  // Writes one element. For std::string over a fixed-length type, a value longer than the width
  // rewrites the dataset with a wider type and this array follows it (lazy/strings.hpp); copies of
  // the array made before still hold the old, unlinked dataset.
  void set(const Shape& index, const T& value) {
    detail::check_element_index(dataset_, shape(), index, "write array element");
    if constexpr (std::is_same_v<T, std::string>) {
      dataset_ = detail::set_string(dataset_, absolute(index), value);
    } else {
      dataset_.write_block(NDArray<T>(Shape(index.size(), 1), value), absolute(index));
    }
  }

  // Rewrites a fixed-length string dataset with a type of at least `width` bytes (lazy/strings.hpp).
  void widen(std::size_t width)
    requires std::is_same_v<T, std::string>
  {
    dataset_ = detail::widen_strings(dataset_, width);
  }

  // The plan that visits this array within the cap in force on this thread; an operation that holds
  // more than the element per position (a mask, an output) passes the bytes it holds per position.
  ChunkPlan plan(std::size_t bytes_per_element = sizeof(T)) const {
    // Storage chunks align slabs only when the view starts on a chunk boundary.
    const std::optional<Shape> chunks = region_ ? detail::aligned_chunks(dataset_, *region_) : dataset_.chunks();
    return ChunkPlan(shape(), elements_within_cap(bytes_per_element), chunks);
  }

  // Elements in memory by a numpy-style index (selection.hpp): a.select(s(0, 4), all, 2).
  template <class... I>
  NDArray<T> select(const I&... index) const {
    const std::vector<Index> list{Index(index)...};
    return select_index(list);
  }
  NDArray<T> select_index(std::span<const Index> index) const {
    if (!region_) return dataset_.select_index(index).template read<NDArray<T>>();
    const std::vector<Index> absolute_list = detail::absolute_index(dataset_, *region_, index);
    return dataset_.select_index(absolute_list).template read<NDArray<T>>();
  }

  // A lazy sub-array, still on disk: a.view(s(2, 5), all). A view is one block, so it takes slices
  // of step 1, all and ellipsis; an integer keeps its axis with extent 1 (unlike numpy, which drops
  // it). InvalidArgumentError for other steps and index lists.
  template <class... I>
  H5Array view(const I&... index) const {
    const std::vector<Index> list{Index(index)...};
    return view_index(list);
  }
  H5Array view_index(std::span<const Index> index) const {
    const Block inner = detail::view_region(dataset_, shape(), index);
    return view(inner);
  }
  // The sub-array at `block` (relative to this array).
  H5Array view(const Block& block) const {
    detail::check_inside_view(dataset_, shape(), block.offset, block.count, "make lazy view");
    H5Array out(dataset_);
    out.region_ = Block{absolute(block.offset), block.count};
    return out;
  }

 private:

  // The dataset around a view is not the view's to read or write.
  void check_inside(const Shape& offset, const Shape& count, std::string_view operation) const {
    if (region_) detail::check_inside_view(dataset_, region_->count, offset, count, operation);
  }
  Shape absolute(const Shape& offset) const {
    if (!region_) return offset;
    Shape out = offset;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] += region_->offset[i];
    return out;
  }

  Dataset dataset_;
  std::optional<Block> region_;
};

// Where an operation that makes a new array puts it: a dataset `name` created in `group` with
// `options` (chunks, compression; the element type is the operation's).
struct Into {
  Group group;
  std::string name;
  DatasetOptions options = {};
};
// Where an operation stores its result back into its first operand.
struct InPlace {};
inline constexpr InPlace in_place{};

namespace detail {
// A new dataset at `path`, filled by `fill(dataset)`; removed again when filling throws, so a
// failed operation leaves no half-written result behind.
template <class Fill>
Dataset create_filled(const Group& where, std::string_view path, const Shape& shape, const Datatype& type,
                      const DatasetOptions& options, Fill&& fill) {
  Dataset out = where.create_dataset(path, shape, type, options);
  try {
    fill(out);
  } catch (...) {
    where.erase(path);
    throw;
  }
  return out;
}

// create_filled() for an operation's typed result.
template <class R, class F>
H5Array<R> into_new(const Into& into, const Shape& shape, F&& fill) {
  return H5Array<R>(create_filled(into.group, into.name, shape, dtype<R>(), into.options,
                                  [&](const Dataset& out) { fill(H5Array<R>(out)); }));
}
}  // namespace detail

}  // namespace h5kit::lazy

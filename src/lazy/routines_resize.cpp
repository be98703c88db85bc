// In-place routines that change a dataset's extent: expand, contract, insert, erase. Each checks
// everything it can before the first change, so a refusal leaves the data as it was.
#include <hdf5.h>

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "h5kit/lazy/routines.hpp"
#include "lazy/raw_blocks.hpp"

namespace h5kit::lazy::detail {

namespace {

std::string axis_text(std::size_t axis) { return "axis " + std::to_string(axis); }

// Resizing needs chunked storage; growing also needs room in maxshape.
void require_resizable(const Dataset& ds, const Shape& new_shape, std::size_t axis, std::string_view operation) {
  if (!ds.chunks())
    invalid(ds, operation,
            "a chunked dataset that can be resized (create it with DatasetOptions{}.maxshape(...)); found " +
                std::string(ds.layout() == Layout::compact ? "compact" : "contiguous") + " storage of shape " +
                to_string(ds.shape()));
  const Shape max = ds.maxshape();
  if (max[axis] != unlimited && new_shape[axis] > max[axis])
    invalid(ds, operation,
            "room to grow " + axis_text(axis) + " to " + std::to_string(new_shape[axis]) + "; found maxshape " +
                to_string(max));
}

// Moves the entries [from, to) along `axis` so they start at `destination`, one block at a time.
// Blocks are visited away from the direction of travel (last first when moving up), so no block is
// overwritten before it has been read: the plan cuts the axis into disjoint ranges.
void move_along_axis(const Dataset& ds, const Datatype& type, std::size_t axis, std::size_t from, std::size_t to,
                     std::size_t destination, std::string_view operation) {
  if (to <= from || destination == from) return;
  Shape region = ds.shape();
  region[axis] = to - from;
  const std::size_t element_size = type.size();
  std::vector<Block> blocks = ChunkPlan(region, elements_within_cap(element_size), ds.chunks()).blocks();
  const bool up = destination > from;
  std::stable_sort(blocks.begin(), blocks.end(), [&](const Block& a, const Block& b) {
    return up ? a.offset[axis] > b.offset[axis] : a.offset[axis] < b.offset[axis];
  });
  std::vector<std::byte> buffer;
  for (Block b : blocks) {
    buffer.resize(element_count(b.count) * element_size);
    b.offset[axis] += from;
    read_raw(ds, type, b, buffer.data(), operation);
    b.offset[axis] += destination - from;  // wraps and comes back when moving down: unsigned arithmetic
    write_raw(ds, type, b, buffer.data(), operation);
  }
}

// numpy's insert position in [-n, n] (negative from the end) as an offset in [0, n].
std::size_t insert_position(const Dataset& ds, std::ptrdiff_t index, std::size_t n, std::size_t axis,
                            std::string_view operation) {
  const auto extent = static_cast<std::ptrdiff_t>(n);
  if (index < -extent || index > extent)
    invalid(ds, operation,
            "an index in [" + std::to_string(-extent) + ", " + std::to_string(n) + "] along " + axis_text(axis) +
                " (numpy's: negative counts from the end); found " + std::to_string(index));
  return static_cast<std::size_t>(index < 0 ? index + extent : index);
}

// The number of entries `values_shape` holds along `axis`: the array's shape with any extent there,
// or one entry (the shape without `axis`). ShapeMismatchError otherwise.
std::size_t entries_in(const Dataset& ds, const Shape& shape, const Shape& values_shape, std::size_t axis,
                       std::string_view operation) {
  Shape without_axis = shape;
  without_axis.erase(without_axis.begin() + static_cast<std::ptrdiff_t>(axis));
  if (values_shape.size() == shape.size()) {
    Shape expected = shape;
    expected[axis] = values_shape[axis];
    if (values_shape != expected)
      mismatch(ds, operation,
               "values of shape " + to_string(expected) + " (the array's shape, any extent along " + axis_text(axis) +
                   "); found " + to_string(values_shape));
    return values_shape[axis];
  }
  if (values_shape == without_axis) return 1;
  mismatch(ds, operation,
           "values of the array's shape " + to_string(shape) + " except along " + axis_text(axis) +
               ", or one entry of shape " + to_string(without_axis) + "; found " + to_string(values_shape));
}

}  // namespace

void expand(const Dataset& ds, std::size_t n, std::size_t axis) {
  constexpr std::string_view op = "expand array";
  require_axis(ds, axis, op);
  Shape shape = ds.shape();
  if (n > std::numeric_limits<hsize_t>::max() - 1 - shape[axis])  // HDF5's largest extent is below H5S_UNLIMITED
    invalid(ds, op,
            "a count that keeps " + axis_text(axis) + " below 2^64; found " + std::to_string(n) + " added to " +
                std::to_string(shape[axis]));
  shape[axis] += n;
  require_resizable(ds, shape, axis, op);
  if (n > 0) ds.resize(shape);
}

void contract(const Dataset& ds, std::size_t n, std::size_t axis) {
  constexpr std::string_view op = "contract array";
  require_axis(ds, axis, op);
  Shape shape = ds.shape();
  if (n > shape[axis])
    invalid(ds, op,
            "at most " + std::to_string(shape[axis]) + " entries to drop along " + axis_text(axis) + "; found " +
                std::to_string(n));
  shape[axis] -= n;
  require_resizable(ds, shape, axis, op);
  if (n > 0) ds.resize(shape);
}

void insert(const Dataset& ds, std::ptrdiff_t index_arg, const void* values, const Datatype& values_type,
            const Shape& values_shape, std::size_t axis) {
  constexpr std::string_view op = "insert into array";
  require_axis(ds, axis, op);
  const Datatype type = fixed_size_type(ds, op);
  const Shape shape = ds.shape();
  const std::size_t n = shape[axis];
  const std::size_t index = insert_position(ds, index_arg, n, axis, op);
  const std::size_t k = entries_in(ds, shape, values_shape, axis, op);
  if (k == 0) return;
  Shape grown = shape;
  grown[axis] += k;
  require_resizable(ds, grown, axis, op);
  // Converted first: values that do not fit the stored type fail before the resize.
  const std::vector<std::byte> stored = converted(ds, values_type, type, values, element_count(values_shape), op);
  ds.resize(grown);
  move_along_axis(ds, type, axis, index, n, index + k, op);
  Block target{Shape(shape.size(), 0), shape};
  target.offset[axis] = index;
  target.count[axis] = k;
  write_raw(ds, type, target, stored.data(), op);
}

void insert_at(const Dataset& ds, std::span<const std::ptrdiff_t> indices, const void* values,
               const Datatype& values_type, const Shape& values_shape, std::size_t axis) {
  constexpr std::string_view op = "insert into array";
  require_axis(ds, axis, op);
  const Datatype type = fixed_size_type(ds, op);
  const Shape shape = ds.shape();
  const std::size_t n = shape[axis], k = indices.size();
  std::vector<std::size_t> positions;
  for (std::ptrdiff_t i : indices) positions.push_back(insert_position(ds, i, n, axis, op));
  const std::size_t entries = entries_in(ds, shape, values_shape, axis, op);
  if (entries != 1 && entries != k)
    mismatch(ds, op,
             "one entry per index (" + std::to_string(k) + " along " + axis_text(axis) + ") or one for all; found " +
                 std::to_string(entries));
  if (k == 0) return;
  Shape grown = shape;
  grown[axis] += k;
  require_resizable(ds, grown, axis, op);
  const std::vector<std::byte> stored = converted(ds, values_type, type, values, element_count(values_shape), op);
  // numpy's order: by position, ties in the order given (a stable sort); entry r of that order lands
  // at positions[r] + r.
  std::vector<std::size_t> order(k);
  for (std::size_t r = 0; r < k; ++r) order[r] = r;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return positions[a] < positions[b]; });
  ds.resize(grown);
  // The segments between the sorted positions move up by the number of entries before them, the last
  // segment first, so nothing is overwritten before it has moved.
  for (std::size_t r = k; r-- > 0;) {
    const std::size_t from = positions[order[r]];
    const std::size_t to = r + 1 < k ? positions[order[r + 1]] : n;
    move_along_axis(ds, type, axis, from, to, from + r + 1, op);
  }
  // One entry of `stored` ([outer][entries][inner] elements) per index, written where it lands.
  std::size_t outer = 1, inner = 1;
  for (std::size_t d = 0; d < axis; ++d) outer *= shape[d];
  for (std::size_t d = axis + 1; d < shape.size(); ++d) inner *= shape[d];
  const std::size_t element = type.size(), run = inner * element;
  std::vector<std::byte> slice(outer * run);
  for (std::size_t r = 0; r < k; ++r) {
    const std::size_t j = entries == 1 ? 0 : order[r];
    for (std::size_t o = 0; o < outer; ++o)
      std::copy_n(stored.data() + (o * entries + j) * run, run, slice.data() + o * run);
    Block target{Shape(shape.size(), 0), shape};
    target.offset[axis] = positions[order[r]] + r;
    target.count[axis] = 1;
    write_raw(ds, type, target, slice.data(), op);
  }
}

void erase(const Dataset& ds, Range range, std::size_t axis) {
  constexpr std::string_view op = "delete from array";
  require_axis(ds, axis, op);
  const Datatype type = fixed_size_type(ds, op);
  Shape shape = ds.shape();
  const std::size_t n = shape[axis];
  if (range.start > range.stop || range.stop > n)
    invalid(ds, op,
            "entries within [0, " + std::to_string(n) + ") along " + axis_text(axis) + "; found [" +
                std::to_string(range.start) + ", " + std::to_string(range.stop) + ")");
  const std::size_t k = range.stop - range.start;
  if (k == 0) return;
  shape[axis] -= k;
  require_resizable(ds, shape, axis, op);
  move_along_axis(ds, type, axis, range.stop, n, range.start, op);
  ds.resize(shape);
}

void erase_at(const Dataset& ds, std::span<const std::ptrdiff_t> indices, std::size_t axis) {
  constexpr std::string_view op = "delete from array";
  require_axis(ds, axis, op);
  const Datatype type = fixed_size_type(ds, op);
  Shape shape = ds.shape();
  const std::size_t n = shape[axis];
  const auto extent = static_cast<std::ptrdiff_t>(n);
  std::vector<std::size_t> positions;
  for (std::ptrdiff_t i : indices) {
    if (i < -extent || i >= extent)
      invalid(ds, op,
              "an index in [" + std::to_string(-extent) + ", " + std::to_string(n) + ") along " + axis_text(axis) +
                  " (numpy's: negative counts from the end); found " + std::to_string(i));
    positions.push_back(static_cast<std::size_t>(i < 0 ? i + extent : i));
  }
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());  // repeats count once
  const std::size_t k = positions.size();
  if (k == 0) return;
  shape[axis] -= k;
  require_resizable(ds, shape, axis, op);
  // The kept run after the j-th deleted entry moves down by j + 1, first run first.
  for (std::size_t j = 0; j < k; ++j) {
    const std::size_t from = positions[j] + 1, to = j + 1 < k ? positions[j + 1] : n;
    move_along_axis(ds, type, axis, from, to, from - (j + 1), op);
  }
  ds.resize(shape);
}

}  // namespace h5kit::lazy::detail

#pragma once
// Blocks of a dataset moved as bytes: the lazy routines read and write hyperslabs into plain byte
// buffers in one memory type (usually the stored type itself, so HDF5 converts nothing), which
// keeps the block loops compiled once instead of once per element type.
#include <cstddef>
#include <string_view>
#include <vector>

#include "h5kit/dataset.hpp"
#include "h5kit/group.hpp"
#include "h5kit/lazy/chunk_plan.hpp"
#include "h5kit/lazy/h5array.hpp"  // detail::create_filled
#include "h5kit/lazy/memory_cap.hpp"

namespace h5kit::lazy::detail {

// The stored type, refused when its elements are variable-length (their bytes are pointers into
// memory HDF5 would have to reclaim, so they cannot be moved as plain bytes).
Datatype fixed_size_type(const Dataset& ds, std::string_view operation);

// Reads convert range-checked, as h5kit's own reads: a value that does not fit the memory type
// fails the read instead of being clamped.
void read_raw(const Dataset& ds, const Datatype& memory_type, const Block& block, void* out, std::string_view operation);
void write_raw(const Dataset& ds, const Datatype& memory_type, const Block& block, const void* in,
               std::string_view operation);
// `n` values of type `from` converted to `to` in memory, range-checked: done before a routine
// changes anything, so values that cannot be stored fail while the dataset is still as it was.
std::vector<std::byte> converted(const Dataset& ds, const Datatype& from, const Datatype& to, const void* values,
                                 std::size_t n, std::string_view operation);
// `count` elements at the given 1-D coordinates (a point selection).
void read_points(const Dataset& ds, const Datatype& memory_type, const std::vector<unsigned long long>& coordinates,
                 void* out, std::string_view operation);

// `b` moved by `by` (a block planned relative to a view, placed in the dataset).
Block shifted(Block b, const Shape& by);

// Throw InvalidArgumentError / ShapeMismatchError naming the file and dataset; `detail` is
// "<what was expected>; found <what was found>" and gets "expected " in front.
[[noreturn]] void invalid(const Dataset& ds, std::string_view operation, std::string detail);
[[noreturn]] void mismatch(const Dataset& ds, std::string_view operation, std::string detail);
void require_axis(const Dataset& ds, std::size_t axis, std::string_view operation);

// Copies every element of `source` (extent `source_shape`) into `destination`, block by block
// within the cap; `place` maps each source block to its destination block (same element count,
// same row-major order). Elements pass through `memory_type` (the destination's, so HDF5 converts
// on the read when the types differ).
template <class Place>
void copy_blocks(const Dataset& source, const Dataset& destination, const Datatype& memory_type,
                 std::string_view operation, Place place) {
  const std::size_t element_size = memory_type.size();
  const ChunkPlan plan(source.shape(), elements_within_cap(element_size), source.chunks());
  std::vector<std::byte> buffer;
  for (const Block& b : plan) {
    buffer.resize(element_count(b.count) * element_size);
    read_raw(source, memory_type, b, buffer.data(), operation);
    write_raw(destination, memory_type, place(b), buffer.data(), operation);
  }
}

}  // namespace h5kit::lazy::detail

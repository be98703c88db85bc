#pragma once
// A dataset's chunk shape (Dataset::chunks), and direct chunk I/O: the stored (filtered) bytes of one
// chunk, bypassing the filter pipeline.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "h5kit/shape.hpp"

namespace h5kit {

// What Dataset::chunks() returns: the chunk shape of a chunked dataset, or nothing (h5py's
// `chunks is None`). It reads like std::optional<Shape> and converts to one, but its value() and
// operator* give an rvalue a Shape *by value*, so `for (auto n : ds.chunks().value())` iterates a
// Shape of its own; with std::optional<Shape> that loop iterated the storage of a destroyed temporary.
class ChunkShape {
 public:
  ChunkShape() = default;
  ChunkShape(std::nullopt_t) {}
  explicit ChunkShape(Shape shape) : shape_(std::move(shape)) {}

  bool has_value() const noexcept { return shape_.has_value(); }
  explicit operator bool() const noexcept { return has_value(); }
  // std::bad_optional_access when the dataset is not chunked.
  const Shape& value() const& { return shape_.value(); }
  Shape value() && { return std::move(shape_).value(); }
  const Shape& operator*() const& { return *shape_; }
  Shape operator*() && { return std::move(*shape_); }
  const Shape* operator->() const { return &*shape_; }
  Shape value_or(Shape fallback) const { return shape_ ? *shape_ : std::move(fallback); }

  operator std::optional<Shape>() const& { return shape_; }
  operator std::optional<Shape>() && { return std::move(shape_); }

  friend bool operator==(const ChunkShape&, const ChunkShape&) = default;
  friend bool operator==(const ChunkShape& c, const Shape& s) { return c.shape_ == s; }
  friend bool operator==(const ChunkShape& c, std::nullopt_t) noexcept { return !c.shape_; }
  friend bool operator==(const ChunkShape& c, const std::optional<Shape>& s) { return c.shape_ == s; }

 private:
  std::optional<Shape> shape_;
};

// One allocated chunk of a chunked dataset (H5Dget_chunk_info).
struct ChunkInfo {
  Shape offset;              // element coordinates of the chunk's first element
  unsigned filter_mask = 0;  // bit i set: filter i of the pipeline was skipped for this chunk
  std::uint64_t address = 0; // byte address in the file
  std::size_t size = 0;      // stored bytes (after filtering)
};

// A chunk as stored: the filtered bytes and the mask of skipped filters.
struct RawChunk {
  unsigned filter_mask = 0;
  std::vector<std::byte> bytes;
};

}  // namespace h5kit

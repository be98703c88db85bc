#pragma once
// The order in which a chunk-wise operation visits an N-d array under a memory cap, as ch5mpy plans
// it: whole trailing axes while they fit, then a slab of the next axis, then single indices on the
// leading axes. The slab is a multiple of the dataset's own chunk extent along that axis when it can
// be, so every block reads whole chunks.
//
//     ChunkPlan plan(Shape{8, 10}, 20);   // four blocks of (2, 10)
//     for (const Block& b : plan) { ... ds.read_block(...) at b.offset, b.count ... }
#include <cstddef>
#include <optional>
#include <vector>

#include "h5kit/selection.hpp"
#include "h5kit/shape.hpp"

namespace h5kit::lazy {

class ChunkPlan {
 public:
  // `max_elements` per block (at least 1); `storage_chunks`: the dataset's chunk shape, if chunked.
  ChunkPlan(Shape shape, std::size_t max_elements, const std::optional<Shape>& storage_chunks = std::nullopt);

  const Shape& shape() const noexcept { return shape_; }
  std::size_t size() const noexcept { return count_; }  // number of blocks (0 for an empty array)
  Block operator[](std::size_t i) const;                 // the i-th block, in row-major order
  // The axis sliced into slabs (leading axes before it take single indices), or -1 when the whole
  // array is one block; and the slab's extent along it.
  int sliced_axis() const noexcept { return axis_; }
  std::size_t slab() const noexcept { return step_; }
  std::vector<Block> blocks() const;

  class iterator {
   public:
    using value_type = Block;
    using difference_type = std::ptrdiff_t;
    iterator(const ChunkPlan* plan, std::size_t i) : plan_(plan), i_(i) {}
    Block operator*() const { return (*plan_)[i_]; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }

   private:
    const ChunkPlan* plan_;
    std::size_t i_;
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, count_}; }

 private:
  Shape shape_;
  int axis_ = -1;
  std::size_t step_ = 0;
  std::size_t slabs_ = 1;  // blocks along the sliced axis
  std::size_t count_ = 0;
};

}  // namespace h5kit::lazy

#include "h5kit/lazy/chunk_plan.hpp"

#include <algorithm>

namespace h5kit::lazy {

ChunkPlan::ChunkPlan(Shape shape, std::size_t max_elements, const std::optional<Shape>& storage_chunks)
    : shape_(std::move(shape)) {
  max_elements = std::max<std::size_t>(1, max_elements);
  const std::size_t n = shape_.size();
  if (element_count(shape_) == 0 && n > 0) {
    count_ = 0;
    return;
  }
  // The first axis from which everything behind it fits.
  std::size_t trailing = 1;
  std::size_t k = n;
  while (k > 0 && trailing * shape_[k - 1] <= max_elements) trailing *= shape_[--k];
  if (k == 0) {  // the whole array
    count_ = 1;
    return;
  }
  axis_ = static_cast<int>(k - 1);
  step_ = std::max<std::size_t>(1, max_elements / trailing);
  // Whole chunks along the sliced axis when a slab can hold at least one.
  if (storage_chunks && storage_chunks->size() == n) {
    const std::size_t c = (*storage_chunks)[k - 1];
    if (c > 0 && step_ >= c) step_ -= step_ % c;
  }
  step_ = std::min(step_, shape_[k - 1]);
  slabs_ = (shape_[k - 1] + step_ - 1) / step_;
  count_ = slabs_;
  for (std::size_t a = 0; a + 1 < k; ++a) count_ *= shape_[a];
}

Block ChunkPlan::operator[](std::size_t i) const {
  const std::size_t n = shape_.size();
  if (axis_ < 0) return Block{Shape(n, 0), shape_};
  Block b{Shape(n, 0), shape_};
  const auto a = static_cast<std::size_t>(axis_);
  const std::size_t slab = i % slabs_;
  b.offset[a] = slab * step_;
  b.count[a] = std::min(step_, shape_[a] - b.offset[a]);
  std::size_t rest = i / slabs_;
  for (std::size_t d = a; d-- > 0;) {  // leading axes, single indices, row-major
    b.offset[d] = rest % shape_[d];
    b.count[d] = 1;
    rest /= shape_[d];
  }
  return b;
}

std::vector<Block> ChunkPlan::blocks() const {
  std::vector<Block> all;
  all.reserve(count_);
  for (const Block& b : *this) all.push_back(b);
  return all;
}

}  // namespace h5kit::lazy

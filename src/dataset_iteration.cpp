// Iterating over a dataset's chunks and rows (dataset_iteration.hpp).
#include "h5kit/dataset_iteration.hpp"

#include <algorithm>
#include <string>

#include "detail/checked.hpp"

namespace h5kit {

using detail::Where;

// ---- ChunkBlocks ----

ChunkBlocks::ChunkBlocks(Shape chunk_shape, Block region)
    : chunk_shape_(std::move(chunk_shape)), region_(std::move(region)) {
  first_chunk_.resize(chunk_shape_.size());
  last_chunk_.resize(chunk_shape_.size());
  for (std::size_t i = 0; i < chunk_shape_.size(); ++i) {
    if (region_.count[i] == 0) continue;  // empty: size() is 0, begin() == end()
    first_chunk_[i] = region_.offset[i] / chunk_shape_[i];
    last_chunk_[i] = (region_.offset[i] + region_.count[i] - 1) / chunk_shape_[i];
  }
}

std::size_t ChunkBlocks::size() const noexcept {
  std::size_t n = 1;
  for (std::size_t i = 0; i < chunk_shape_.size(); ++i) {
    if (region_.count[i] == 0) return 0;
    n *= last_chunk_[i] - first_chunk_[i] + 1;
  }
  return n;
}

ChunkBlocks::iterator ChunkBlocks::begin() const { return empty() ? end() : iterator(this, first_chunk_); }

ChunkBlocks::iterator::iterator(const ChunkBlocks* owner, Shape first_chunk)
    : owner_(owner), chunk_(std::move(first_chunk)), done_(false) {
  clip();
}

void ChunkBlocks::iterator::clip() {
  const Shape& chunk = owner_->chunk_shape_;
  const Block& region = owner_->region_;
  block_.offset.resize(chunk.size());
  block_.count.resize(chunk.size());
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    const std::size_t start = std::max(chunk_[i] * chunk[i], region.offset[i]);
    const std::size_t stop = std::min((chunk_[i] + 1) * chunk[i], region.offset[i] + region.count[i]);
    block_.offset[i] = start;
    block_.count[i] = stop - start;
  }
}

ChunkBlocks::iterator& ChunkBlocks::iterator::operator++() {
  // An odometer over the chunk grid between the region's first and last chunks, last axis fastest.
  for (std::size_t i = chunk_.size(); i-- > 0;) {
    if (chunk_[i] < owner_->last_chunk_[i]) {
      ++chunk_[i];
      clip();
      return *this;
    }
    chunk_[i] = owner_->first_chunk_[i];
  }
  done_ = true;
  chunk_.clear();  // equal to end()
  return *this;
}

// ---- Dataset::iter_chunks ----

ChunkBlocks Dataset::iter_chunks() const {
  require_valid("iterate over chunks");
  const Shape extent = shape();
  return iter_chunks(Block{Shape(extent.size(), 0), extent});
}

ChunkBlocks Dataset::iter_chunks(const Block& region) const {
  constexpr const char* op = "iterate over chunks";
  require_valid(op);
  const Where where{id()};
  const ChunkShape chunk = chunks();
  if (!chunk) {
    const Layout stored = layout();
    const char* name = stored == Layout::compact ? "compact" : stored == Layout::virtual_ ? "virtual" : "contiguous";
    detail::reject(ErrorKind::invalid_argument, op, where,
                   std::string("the dataset is not chunked (its layout is ") + name + ")");
  }
  const Shape extent = shape();
  bool inside = region.offset.size() == extent.size() && region.count.size() == extent.size();
  for (std::size_t i = 0; inside && i < extent.size(); ++i)
    inside = region.offset[i] <= extent[i] && region.count[i] <= extent[i] - region.offset[i];
  if (!inside)
    detail::reject(ErrorKind::invalid_argument, op, where,
                   "the region (offset " + to_string(region.offset) + ", count " + to_string(region.count) +
                       ") is not inside the extent " + to_string(extent));
  return ChunkBlocks(*chunk, region);
}

// ---- rows ----

DatasetRows::DatasetRows(Dataset dataset, std::size_t rows) : dataset_(std::move(dataset)), rows_(rows) {}

DatasetSelection DatasetRows::iterator::operator*() const { return dataset_->select(row_); }

DatasetRows Dataset::rows() const {
  constexpr const char* op = "iterate over rows";
  require_valid(op);
  if (is_empty())
    detail::reject(ErrorKind::invalid_argument, op, Where{id()}, "the dataset has a null dataspace (Empty): no rows");
  const Shape extent = shape();
  if (extent.empty()) detail::reject(ErrorKind::invalid_argument, op, Where{id()}, "a scalar dataset has no rows");
  return DatasetRows(*this, extent[0]);
}

}  // namespace h5kit

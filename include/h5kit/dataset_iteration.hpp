#pragma once
// Iterating over a dataset: its chunks (h5py's iter_chunks) and its rows (h5py's `for row in dset`).
//
//   for (const Block& b : ds.iter_chunks())                  // every chunk, clipped to the extent
//     process(ds.read_block<NDArray<float>>(b.offset, b.count));
//   for (const Block& b : ds.iter_chunks({{0, 100}, {10, 50}}))  // only what lies in rows 0..9, columns 100..149
//   for (DatasetSelection row : ds.rows()) total += row.read<std::vector<double>>()[0];
//
// Both are computed as they go: a dataset of a million chunks costs no list of a million blocks.
// Included at the end of dataset.hpp, which it needs whole.
#include <cstddef>
#include <iterator>

#include "h5kit/dataset.hpp"
#include "h5kit/dataset_selection.hpp"
#include "h5kit/selection.hpp"
#include "h5kit/shape.hpp"

namespace h5kit {


// The blocks where a chunk grid meets a region: each chunk's part of the region, in row-major order
// of the chunks (the last axis fastest).
class ChunkBlocks {
 public:
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Block;
    using difference_type = std::ptrdiff_t;
    using pointer = const Block*;
    using reference = const Block&;

    iterator() = default;
    const Block& operator*() const noexcept { return block_; }
    const Block* operator->() const noexcept { return &block_; }
    iterator& operator++();
    iterator operator++(int) {
      iterator before = *this;
      ++*this;
      return before;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.done_ == b.done_ && a.chunk_ == b.chunk_; }

   private:
    friend class ChunkBlocks;
    iterator(const ChunkBlocks* owner, Shape first_chunk);
    void clip();  // block_ = the current chunk's part of the region

    const ChunkBlocks* owner_ = nullptr;
    Shape chunk_;  // the current chunk's position in the chunk grid
    Block block_;
    bool done_ = true;
  };

  // `region` must have the chunk shape's rank; an empty region (a count of 0) has no blocks.
  ChunkBlocks(Shape chunk_shape, Block region);

  iterator begin() const;
  iterator end() const noexcept { return iterator(); }
  // How many blocks the range holds (chunks the region touches).
  std::size_t size() const noexcept;
  bool empty() const noexcept { return size() == 0; }
  const Shape& chunk_shape() const noexcept { return chunk_shape_; }
  const Block& region() const noexcept { return region_; }

 private:
  Shape chunk_shape_;
  Block region_;
  Shape first_chunk_, last_chunk_;  // the grid positions of the chunks holding the region's corners
};

// ds[0], ds[1], ... along the first axis.
class DatasetRows {
 public:
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = DatasetSelection;
    using difference_type = std::ptrdiff_t;

    iterator() = default;
    DatasetSelection operator*() const;
    iterator& operator++() noexcept {
      ++row_;
      return *this;
    }
    iterator operator++(int) noexcept {
      iterator before = *this;
      ++row_;
      return before;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.row_ == b.row_; }

   private:
    friend class DatasetRows;
    iterator(const Dataset* dataset, std::size_t row) : dataset_(dataset), row_(row) {}
    const Dataset* dataset_ = nullptr;
    std::size_t row_ = 0;
  };

  DatasetRows(Dataset dataset, std::size_t rows);
  iterator begin() const noexcept { return iterator(&dataset_, 0); }
  iterator end() const noexcept { return iterator(&dataset_, rows_); }
  std::size_t size() const noexcept { return rows_; }

 private:
  // Its own handle, so `for (auto row : f.dataset("x").rows())` outlives the temporary Dataset.
  Dataset dataset_;
  std::size_t rows_;
};

}  // namespace h5kit

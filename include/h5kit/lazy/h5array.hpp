#pragma once
// A dataset seen as an N-d array that stays on disk (ch5mpy's H5Array): operations run chunk by
// chunk within the memory cap (lazy/memory_cap.hpp), in the order of a ChunkPlan.
#include <utility>

#include "h5kit/dataset.hpp"
#include "h5kit/lazy/chunk_plan.hpp"
#include "h5kit/lazy/memory_cap.hpp"
#include "h5kit/ndarray.hpp"

namespace h5kit::lazy {

template <class T>
class H5Array {
 public:
  using value_type = T;

  H5Array() = default;
  explicit H5Array(Dataset dataset) : dataset_(std::move(dataset)) {}

  const Dataset& dataset() const noexcept { return dataset_; }
  Shape shape() const { return dataset_.shape(); }
  std::size_t rank() const { return shape().size(); }
  std::size_t size() const { return element_count(shape()); }
  Datatype dtype() const { return dataset_.dtype(); }

  // The whole array in memory (ignores the cap: the caller asked for all of it).
  NDArray<T> read() const { return dataset_.read<NDArray<T>>(); }
  // One block in memory.
  NDArray<T> read(const Block& block) const { return dataset_.read_block<NDArray<T>>(block.offset, block.count); }

  // The plan that visits this array within the cap in force on this thread.
  ChunkPlan plan() const { return ChunkPlan(shape(), elements_within_cap(sizeof(T)), dataset_.chunks()); }

 private:
  Dataset dataset_;
};

}  // namespace h5kit::lazy

#pragma once
// numpy's broadcasting for the two-operand element-wise operations (lazy/elementwise.hpp): shapes
// are aligned from the last axis; on each axis the extents must be equal or one of them 1 (a
// missing leading axis counts as 1), and an extent of 1 stretches to the other.
//
//     broadcast_shapes({3, 1}, {1, 4});   // (3, 4)
//     broadcast_shapes({4}, {3, 4});      // (3, 4)
//     broadcast_shapes({3}, {4});         // nullopt
//
// The operations plan blocks of the result; for each result block, an operand reads only its own
// block (offset 0 and count 1 on a stretched axis, nothing for a missing one), and BroadcastWalk
// pairs the elements of the three blocks in runs, with stride 0 on the stretched axes.
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "h5kit/dataset.hpp"
#include "h5kit/selection.hpp"
#include "h5kit/shape.hpp"

namespace h5kit::lazy {

// The shape two arrays of shapes `a` and `b` broadcast to, or nullopt when they do not.
std::optional<Shape> broadcast_shapes(const Shape& a, const Shape& b);

namespace detail {

// The result shape of op(a, b) into a new dataset; ShapeMismatchError naming both datasets and
// shapes when they do not broadcast.
Shape broadcast_result_shape(std::string_view operation, const Dataset& a, const Shape& a_shape, const Dataset& b,
                             const Shape& b_shape);
// For a = op(a, b): InvalidArgumentError naming both datasets and shapes unless b broadcasts to
// a's shape (the result of an in-place operation keeps a's shape).
void check_broadcasts_to(std::string_view operation, const Dataset& a, const Shape& a_shape, const Dataset& b,
                         const Shape& b_shape);

// The block of an operand of `operand_shape` that a block of the result reads: the result's
// trailing axes, with offset 0 and count 1 where the operand's extent is 1.
Block operand_block(const Shape& operand_shape, const Block& result_block);

// Walks a result block of `result_count` (row-major, contiguous) in runs, giving for each run where
// it starts in each operand's block (row-major, contiguous, of `a_count` / `b_count`). Inside a run
// each operand advances by its step, 1 or 0 (stretched). Axes of extent 1 are dropped and adjacent
// axes that both operands walk alike are merged, so operands of the result's shape make a block one
// run. The walk is set up once per block; no division per element.
class BroadcastWalk {
 public:
  struct Run {
    std::size_t a = 0, b = 0;            // start in each operand's block
    std::size_t a_step = 0, b_step = 0;  // 0 or 1
    std::size_t length = 0;
  };

  BroadcastWalk(const Shape& result_count, const Shape& a_count, const Shape& b_count);
  std::size_t run_length() const noexcept { return length_; }
  std::size_t runs() const noexcept { return runs_; }
  // The next run (in the result's order: run k starts at k * run_length() in the result block);
  // false after the last.
  bool next(Run& run);

 private:
  struct Axis {
    std::size_t extent, a_stride, b_stride;
  };
  std::vector<Axis> outer_;          // the merged axes around the run, outermost first
  std::vector<std::size_t> index_;   // the odometer over outer_
  std::size_t a_ = 0, b_ = 0;        // the current run's starts
  std::size_t a_step_ = 0, b_step_ = 0, length_ = 1, runs_ = 1, done_ = 0;
};

}  // namespace detail
}  // namespace h5kit::lazy

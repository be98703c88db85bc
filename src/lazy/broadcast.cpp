// numpy's broadcasting for the lazy element-wise operations (include/h5kit/lazy/broadcast.hpp).
#include "h5kit/lazy/broadcast.hpp"

#include <algorithm>
#include <string>

#include "h5kit/error.hpp"
#include "h5kit/lazy/h5array.hpp"

namespace h5kit::lazy {

std::optional<Shape> broadcast_shapes(const Shape& a, const Shape& b) {
  const std::size_t rank = std::max(a.size(), b.size());
  Shape out(rank);
  for (std::size_t k = 0; k < rank; ++k) {  // k-th axis from the right
    const std::size_t x = k < a.size() ? a[a.size() - 1 - k] : 1;
    const std::size_t y = k < b.size() ? b[b.size() - 1 - k] : 1;
    if (x != y && x != 1 && y != 1) return std::nullopt;
    out[rank - 1 - k] = x == 1 ? y : x;  // (1, 0) gives 0, as numpy
  }
  return out;
}

namespace detail {
namespace {

std::string name_of(const Dataset& d, const Shape& shape) {
  return d.file_name() + ":" + d.path() + " of shape " + h5kit::to_string(shape);
}

}  // namespace

Shape broadcast_result_shape(std::string_view operation, const Dataset& a, const Shape& a_shape, const Dataset& b,
                             const Shape& b_shape) {
  if (std::optional<Shape> shape = broadcast_shapes(a_shape, b_shape)) return *shape;
  reject(ErrorKind::shape_mismatch, operation, a,
         "expected two operands whose shapes broadcast (aligned from the last axis, each pair of extents equal "
         "or one of them 1), found " +
             name_of(a, a_shape) + " and " + name_of(b, b_shape) + "; nothing was written");
}

void check_broadcasts_to(std::string_view operation, const Dataset& a, const Shape& a_shape, const Dataset& b,
                         const Shape& b_shape) {
  const std::optional<Shape> shape = broadcast_shapes(a_shape, b_shape);
  if (shape && *shape == a_shape) return;
  const std::string why = shape ? "they broadcast to " + h5kit::to_string(*shape) + ", not the first operand's shape"
                                : "the shapes do not broadcast";
  reject(ErrorKind::invalid_argument, std::string(operation) + " in place", a,
         "expected a second operand that broadcasts to the first operand's shape (an in-place result keeps the "
         "array's shape), found " +
             name_of(a, a_shape) + " and " + name_of(b, b_shape) + ": " + why + "; nothing was written");
}

Block operand_block(const Shape& operand_shape, const Block& result_block) {
  const std::size_t rank = operand_shape.size(), lead = result_block.count.size() - rank;
  Block out{Shape(rank, 0), Shape(rank, 1)};
  for (std::size_t j = 0; j < rank; ++j) {
    if (operand_shape[j] == 1) continue;  // stretched (or truly of extent 1): its only element
    out.offset[j] = result_block.offset[lead + j];
    out.count[j] = result_block.count[lead + j];
  }
  return out;
}

BroadcastWalk::BroadcastWalk(const Shape& result_count, const Shape& a_count, const Shape& b_count) {
  const std::size_t rank = result_count.size();
  // Row-major strides of each operand's block, seen with the result's rank (missing leading axes
  // and stretched axes get stride 0).
  auto strides = [&](const Shape& count) {
    std::vector<std::size_t> s(rank, 0);
    const std::size_t lead = rank - count.size();
    std::size_t step = 1;
    for (std::size_t j = count.size(); j-- > 0;) {
      if (count[j] == result_count[lead + j]) s[lead + j] = step;
      step *= count[j];
    }
    return s;
  };
  const std::vector<std::size_t> as = strides(a_count), bs = strides(b_count);
  std::vector<Axis> axes;
  for (std::size_t i = 0; i < rank; ++i) {
    if (result_count[i] == 1) continue;  // contributes no movement
    Axis axis{result_count[i], as[i], bs[i]};
    // An axis merges into the one before it when both operands step over it as over the outer axis'
    // consecutive extent: then the two are one longer axis.
    if (!axes.empty()) {
      Axis& inner = axis;
      Axis& outer = axes.back();
      if (outer.a_stride == inner.a_stride * inner.extent && outer.b_stride == inner.b_stride * inner.extent) {
        outer = Axis{outer.extent * inner.extent, inner.a_stride, inner.b_stride};
        continue;
      }
    }
    axes.push_back(axis);
  }
  if (!axes.empty()) {
    length_ = axes.back().extent;
    a_step_ = axes.back().a_stride;
    b_step_ = axes.back().b_stride;
    axes.pop_back();
  }
  for (const Axis& axis : axes) runs_ *= axis.extent;
  if (element_count(result_count) == 0) runs_ = 0;
  outer_ = std::move(axes);
  index_.assign(outer_.size(), 0);
}

bool BroadcastWalk::next(Run& run) {
  if (done_ == runs_) return false;
  run = Run{a_, b_, a_step_, b_step_, length_};
  ++done_;
  for (std::size_t d = outer_.size(); d-- > 0;) {
    a_ += outer_[d].a_stride;
    b_ += outer_[d].b_stride;
    if (++index_[d] < outer_[d].extent) break;
    a_ -= outer_[d].a_stride * outer_[d].extent;
    b_ -= outer_[d].b_stride * outer_[d].extent;
    index_[d] = 0;
  }
  return true;
}

}  // namespace detail
}  // namespace h5kit::lazy

// The compiled half of the lazy layer's array operations: errors that name the dataset, view
// geometry, and the mapping of a block's elements onto a reduction's output.
#include <algorithm>
#include <string>
#include <variant>

#include "detail/checked.hpp"
#include "h5kit/lazy/h5array.hpp"
#include "h5kit/lazy/describe.hpp"
#include "h5kit/lazy/reductions.hpp"

namespace h5kit::lazy::detail {

void reject(ErrorKind kind, std::string_view operation, const Dataset& dataset, std::string detail) {
  h5kit::detail::reject(kind, operation, h5kit::detail::Where{dataset.id()}, std::move(detail));
}

namespace {

// numpy's slice bounds on an axis of `extent`: negatives count from the end, out-of-range clamps.
std::pair<std::size_t, std::size_t> bounds(const Slice& slice, std::size_t extent) {
  auto clamp = [&](std::ptrdiff_t v) {
    if (v < 0) v += static_cast<std::ptrdiff_t>(extent);
    return static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(v, 0, static_cast<std::ptrdiff_t>(extent)));
  };
  const std::size_t start = slice.start ? clamp(*slice.start) : 0;
  const std::size_t stop = slice.stop ? clamp(*slice.stop) : extent;
  return {start, std::max(start, stop)};
}

// The index with the ellipsis expanded into `all`s and missing trailing axes filled in.
std::vector<Index> expanded(const Dataset& dataset, std::string_view operation, std::size_t rank,
                            std::span<const Index> index) {
  std::size_t explicit_axes = 0, ellipses = 0;
  for (const Index& i : index) {
    const auto& v = i.value();
    if (std::holds_alternative<NewAxis>(v) || std::holds_alternative<AxisMask>(v) ||
        std::holds_alternative<MultiBlockSlice>(v))
      reject(ErrorKind::invalid_argument, operation, dataset,
             std::string("a lazy view takes integers, slices, all, an ellipsis and index lists; found ") +
                 (std::holds_alternative<NewAxis>(v) ? "a newaxis"
                  : std::holds_alternative<AxisMask>(v) ? "a boolean mask on one axis"
                                                        : "a MultiBlockSlice") +
                 " (read it through Dataset::select, or use an index list)");
    (std::holds_alternative<Ellipsis>(v) ? ellipses : explicit_axes)++;
  }
  if (ellipses > 1 || explicit_axes > rank)
    reject(ErrorKind::invalid_argument, operation, dataset,
           "expected at most " + std::to_string(rank) + " axes and one ellipsis, found " +
               std::to_string(explicit_axes) + " axes and " + std::to_string(ellipses) + " ellipses");
  std::vector<Index> out;
  for (const Index& i : index) {
    if (std::holds_alternative<Ellipsis>(i.value()))
      out.insert(out.end(), rank - explicit_axes, Index(h5kit::all));
    else
      out.push_back(i);
  }
  while (out.size() < rank) out.emplace_back(h5kit::all);
  return out;
}

std::size_t position(const Dataset& dataset, std::string_view operation, std::ptrdiff_t i, std::size_t axis,
                     std::size_t extent) {
  const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(extent);
  if (i < -n || i >= n)
    reject(ErrorKind::invalid_argument, operation, dataset,
           "index " + std::to_string(i) + " on axis " + std::to_string(axis) + ": expected a position in [" +
               std::to_string(-n) + ", " + std::to_string(n) + ")");
  return static_cast<std::size_t>(i < 0 ? i + n : i);
}

}  // namespace

Block view_region(const Dataset& dataset, const Shape& extent, std::span<const Index> index) {
  constexpr std::string_view op = "make lazy view";
  const std::vector<Index> full = expanded(dataset, op, extent.size(), index);
  Block block{Shape(extent.size(), 0), extent};
  for (std::size_t axis = 0; axis < extent.size(); ++axis) {
    const auto& v = full[axis].value();
    if (const auto* i = std::get_if<std::ptrdiff_t>(&v)) {
      block.offset[axis] = position(dataset, op, *i, axis, extent[axis]);
      block.count[axis] = 1;
    } else if (const auto* slice = std::get_if<Slice>(&v)) {
      if (slice->step != 1)
        reject(ErrorKind::invalid_argument, op, dataset,
               "a view is one block: expected step 1 on axis " + std::to_string(axis) + ", found step " +
                   std::to_string(slice->step) + " (use select() to read strided elements)");
      const auto [start, stop] = bounds(*slice, extent[axis]);
      block.offset[axis] = start;
      block.count[axis] = stop - start;
    } else if (std::holds_alternative<Indices>(v)) {
      reject(ErrorKind::invalid_argument, op, dataset,
             "a view is one block: expected a slice, found an index list on axis " + std::to_string(axis));
    }
  }
  return block;
}

void check_inside_view(const Dataset& dataset, const Shape& extent, const Shape& offset, const Shape& count,
                       std::string_view operation) {
  bool inside = offset.size() == extent.size() && count.size() == extent.size();
  for (std::size_t i = 0; inside && i < extent.size(); ++i)
    inside = offset[i] <= extent[i] && count[i] <= extent[i] - offset[i];  // no overflow in offset + count
  if (!inside)
    reject(ErrorKind::invalid_argument, operation, dataset,
           "expected a block inside the view's shape " + h5kit::to_string(extent) + ", found offset " +
               h5kit::to_string(offset) + " and count " + h5kit::to_string(count));
}

std::vector<Index> absolute_index(const Dataset& dataset, const Block& region, std::span<const Index> index) {
  constexpr std::string_view op = "select from lazy view";
  const std::vector<Index> full = expanded(dataset, op, region.count.size(), index);
  std::vector<Index> out;
  for (std::size_t axis = 0; axis < full.size(); ++axis) {
    const auto& v = full[axis].value();
    const auto base = static_cast<std::ptrdiff_t>(region.offset[axis]);
    const std::size_t extent = region.count[axis];
    if (const auto* i = std::get_if<std::ptrdiff_t>(&v)) {
      out.emplace_back(base + static_cast<std::ptrdiff_t>(position(dataset, op, *i, axis, extent)));
    } else if (const auto* slice = std::get_if<Slice>(&v)) {
      const auto [start, stop] = bounds(*slice, extent);
      out.emplace_back(s(base + static_cast<std::ptrdiff_t>(start), base + static_cast<std::ptrdiff_t>(stop), slice->step));
    } else if (std::holds_alternative<All>(v)) {
      out.emplace_back(s(base, base + static_cast<std::ptrdiff_t>(extent)));
    } else {
      std::vector<std::size_t> positions;
      for (std::ptrdiff_t p : std::get<Indices>(v).positions)
        positions.push_back(position(dataset, op, p, axis, extent) + region.offset[axis]);
      out.emplace_back(Indices(std::move(positions)));
    }
  }
  return out;
}

const char* to_string(Reduction r) noexcept {
  switch (r) {
    case Reduction::sum: return "sum";
    case Reduction::prod: return "prod";
    case Reduction::min: return "min";
    case Reduction::max: return "max";
    case Reduction::all: return "all";
    case Reduction::any: return "any";
    case Reduction::mean: return "mean";
    case Reduction::var: return "var";
    case Reduction::std: return "std";
    case Reduction::argmin: return "argmin";
    case Reduction::argmax: return "argmax";
  }
  return "reduction";
}

std::size_t normalize_axis(const Dataset& dataset, std::string_view operation, int axis, std::size_t rank) {
  const int n = static_cast<int>(rank);
  if (axis < -n || axis >= n)
    reject(ErrorKind::invalid_argument, operation, dataset,
           "expected an axis in [" + std::to_string(-n) + ", " + std::to_string(n) + ") for shape of rank " +
               std::to_string(rank) + ", found axis " + std::to_string(axis));
  return static_cast<std::size_t>(axis < 0 ? axis + n : axis);
}

void check_where(const Dataset& dataset, std::string_view operation, const Shape& shape, const Where& where) {
  if (where.shape() != shape)
    reject(ErrorKind::shape_mismatch, operation, dataset,
           "expected a where-mask of the array's shape " + h5kit::to_string(shape) + ", found shape " +
               h5kit::to_string(where.shape()));
}

void throw_empty_reduction(const Dataset& dataset, Reduction r, const Shape& shape) {
  const bool arg = r == Reduction::argmin || r == Reduction::argmax;
  reject(ErrorKind::invalid_argument, to_string(r), dataset,
         std::string("zero-size reduction over shape ") + h5kit::to_string(shape) +
             (arg ? ": expected at least one element (selected by the where-mask)"
                  : ": expected at least one element (selected by the where-mask) or an initial value"));
}

std::size_t flat_index(const Shape& shape, const Shape& index) noexcept {
  std::size_t flat = 0;
  for (std::size_t i = 0; i < shape.size(); ++i) flat = flat * shape[i] + index[i];
  return flat;
}

AxisMap axis_map(const Shape& shape, std::size_t axis, const Block& block) {
  AxisMap map;
  for (std::size_t i = 0; i < axis; ++i) map.outer *= block.count[i];
  map.length = block.count[axis];
  for (std::size_t i = axis + 1; i < shape.size(); ++i) map.inner *= block.count[i];
  map.start = block.offset[axis];
  // The output is the shape without `axis`; walk the block's other axes in row-major order.
  Shape out_shape, index;
  for (std::size_t i = 0; i < shape.size(); ++i)
    if (i != axis) {
      out_shape.push_back(shape[i]);
      index.push_back(block.offset[i]);
    }
  Shape first = index, count;
  for (std::size_t i = 0; i < shape.size(); ++i)
    if (i != axis) count.push_back(block.count[i]);
  map.out.reserve(map.outer * map.inner);
  const std::size_t total = map.outer * map.inner;
  for (std::size_t n = 0; n < total; ++n) {
    map.out.push_back(flat_index(out_shape, index));
    for (std::size_t d = index.size(); d-- > 0;) {  // next index inside the block
      if (++index[d] < first[d] + count[d]) break;
      index[d] = first[d];
    }
  }
  return map;
}

Shape reduced_shape(const Shape& shape, std::optional<std::size_t> axis, bool keepdims) {
  if (!axis) return keepdims ? Shape(shape.size(), 1) : Shape{};
  Shape out;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i != *axis) out.push_back(shape[i]);
    else if (keepdims) out.push_back(1);
  }
  return out;
}

}  // namespace h5kit::lazy::detail

namespace h5kit::lazy {

NDArray<bool> Where::block(const Block& block) const {
  if (lazy_) return lazy_->read(block);
  // Copy the block out of the in-memory mask, row by row along the last axis.
  NDArray<bool> out(block.count);
  const Shape& shape = memory_->shape();
  if (shape.empty()) {
    out.data()[0] = memory_->data()[0];
    return out;
  }
  const std::size_t row = block.count.back();
  const std::size_t rows = row ? out.size() / row : 0;
  Shape index = block.offset;
  for (std::size_t r = 0; r < rows; ++r) {
    std::copy_n(memory_->data() + detail::flat_index(shape, index), row, out.data() + r * row);
    for (std::size_t d = shape.size() - 1; d-- > 0;) {
      if (++index[d] < block.offset[d] + block.count[d]) break;
      index[d] = block.offset[d];
    }
  }
  return out;
}

}  // namespace h5kit::lazy

namespace h5kit::lazy::detail {

void fold_block_moments(Moments& running, Moments& block, std::span<const std::size_t> touched) {
  for (std::size_t o : touched) {
    const std::size_t nb = block.count[o];
    if (nb != 0) {
      const std::size_t na = running.count[o];
      const double n = static_cast<double>(na + nb);
      const double delta = block.mean[o] - running.mean[o];
      running.mean[o] += delta * static_cast<double>(nb) / n;
      running.m2[o] += block.m2[o] + delta * delta * static_cast<double>(na) * static_cast<double>(nb) / n;
      running.count[o] = na + nb;
    }
    block.count[o] = 0;
    block.mean[o] = block.m2[o] = 0.0;
  }
}

void throw_empty_description(const Dataset& dataset, const Shape& shape) {
  reject(ErrorKind::invalid_argument, "describe", dataset,
         "zero-size reduction over shape " + h5kit::to_string(shape) +
             ": expected at least one element (selected by the where-mask) for every output, to give its min and max");
}

}  // namespace h5kit::lazy::detail

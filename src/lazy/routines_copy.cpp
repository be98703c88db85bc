// Routines that write their result into a new dataset: concatenate, stack, repeat, take,
// transpose, copyto, astype. The new dataset is removed again when filling it fails.
#include <algorithm>
#include <cmath>
#include <limits>
#include <cstring>
#include <string>
#include <vector>

#include "detail/checked.hpp"
#include "h5kit/lazy/routines.hpp"
#include "lazy/raw_blocks.hpp"

namespace h5kit::lazy::detail {

namespace {

Shape without(Shape shape, std::size_t axis) {
  shape.erase(shape.begin() + static_cast<std::ptrdiff_t>(axis));
  return shape;
}

void require_inputs(const std::vector<Dataset>& inputs, const Group& where, std::string_view path,
                    std::string_view operation) {
  if (inputs.empty())
    h5kit::detail::reject(ErrorKind::invalid_argument, operation, h5kit::detail::Where{where.id(), path},
                          "expected at least one array; found none");
}

}  // namespace

// The element type of a join: the first input's, widened to the longest fixed-length string when
// the inputs are strings (a narrower type would cut values, as numpy's promotion to the widest
// 'S' type avoids); numbers convert to it range-checked.
Datatype joined_type(const std::vector<Dataset>& inputs, std::string_view op) {
  Datatype type = fixed_size_type(inputs[0], op);
  if (!type.is_fixed_string()) return type;
  std::size_t width = type.size();
  for (const Dataset& in : inputs) {
    const Datatype t = fixed_size_type(in, op);
    if (t.is_fixed_string()) width = std::max(width, t.size());
  }
  if (width == type.size()) return type;
  h5kit::detail::Handle wide(h5kit::detail::checked(H5Tcopy(type.id()), op, h5kit::detail::Where{inputs[0].id()}));
  h5kit::detail::checked(H5Tset_size(wide.get(), width), op, h5kit::detail::Where{inputs[0].id()});
  return Datatype(std::move(wide));
}

Dataset concatenate(const std::vector<Dataset>& inputs, std::size_t axis, const Group& where, std::string_view path,
                    const DatasetOptions& options) {
  constexpr std::string_view op = "concatenate arrays";
  require_inputs(inputs, where, path, op);
  require_axis(inputs[0], axis, op);
  const Datatype type = joined_type(inputs, op);
  Shape shape = inputs[0].shape();
  std::size_t total = 0;
  for (const Dataset& in : inputs) {
    const Shape s = in.shape();
    if (s.size() != shape.size() || without(s, axis) != without(shape, axis))
      mismatch(in, op,
               "the shape of the first array " + to_string(shape) + " except along axis " + std::to_string(axis) +
                   "; found " + to_string(s));
    total += s[axis];
  }
  shape[axis] = total;
  return create_filled(where, path, shape, type, options, [&](const Dataset& out) {
    std::size_t offset = 0;
    for (const Dataset& in : inputs) {
      copy_blocks(in, out, type, op, [&](Block b) {
        b.offset[axis] += offset;
        return b;
      });
      offset += in.shape()[axis];
    }
  });
}

Dataset stack(const std::vector<Dataset>& inputs, std::size_t axis, const Group& where, std::string_view path,
              const DatasetOptions& options) {
  constexpr std::string_view op = "stack arrays";
  require_inputs(inputs, where, path, op);
  const Shape shape = inputs[0].shape();
  if (axis > shape.size())
    invalid(inputs[0], op,
            "a new axis in [0, " + std::to_string(shape.size()) + "]; found " + std::to_string(axis));
  const Datatype type = joined_type(inputs, op);
  for (const Dataset& in : inputs)
    if (in.shape() != shape)
      mismatch(in, op, "the shape of the first array " + to_string(shape) + "; found " + to_string(in.shape()));
  Shape stacked = shape;
  stacked.insert(stacked.begin() + static_cast<std::ptrdiff_t>(axis), inputs.size());
  return create_filled(where, path, stacked, type, options, [&](const Dataset& out) {
    for (std::size_t i = 0; i < inputs.size(); ++i)
      copy_blocks(inputs[i], out, type, op, [&](Block b) {
        b.offset.insert(b.offset.begin() + static_cast<std::ptrdiff_t>(axis), i);
        b.count.insert(b.count.begin() + static_cast<std::ptrdiff_t>(axis), 1);
        return b;
      });
  });
}

Dataset repeat(const Dataset& ds, std::size_t repeats, std::size_t axis, const Group& where, std::string_view path,
               const DatasetOptions& options) {
  constexpr std::string_view op = "repeat array";
  require_axis(ds, axis, op);
  const Datatype type = fixed_size_type(ds, op);
  const std::size_t element_size = type.size();
  const Shape shape = ds.shape();
  Shape out_shape = shape;
  if (repeats != 0 && shape[axis] > (std::numeric_limits<std::size_t>::max() - 1) / repeats)
    invalid(ds, op,
            "an extent below 2^64 along axis " + std::to_string(axis) + "; found " + std::to_string(shape[axis]) +
                " entries repeated " + std::to_string(repeats) + " times");
  out_shape[axis] *= repeats;
  return create_filled(where, path, out_shape, type, options, [&](const Dataset& out) {
    if (repeats == 0) return;
    const std::size_t cap_elements = elements_within_cap(element_size);
    if (repeats >= cap_elements) {  // one element's copies alone exceed the cap: write them in runs
      const std::size_t run = std::max<std::size_t>(1, cap_elements - 1);
      std::vector<std::byte> one(element_size), copies;
      for (const Block& b : ChunkPlan(shape, 1, ds.chunks())) {
        read_raw(ds, type, b, one.data(), op);
        for (std::size_t done = 0; done < repeats; done += run) {
          const std::size_t m = std::min(run, repeats - done);
          copies.resize(m * element_size);
          for (std::size_t r = 0; r < m; ++r) std::memcpy(copies.data() + r * element_size, one.data(), element_size);
          Block to = b;
          to.offset[axis] = b.offset[axis] * repeats + done;
          to.count[axis] = m;
          write_raw(out, type, to, copies.data(), op);
        }
      }
      return;
    }
    // Source and repeated copy share the cap: 1 + repeats element images per source element.
    const std::size_t per_block = std::max<std::size_t>(1, cap_elements / (repeats + 1));
    std::vector<std::byte> in, expanded;
    for (Block b : ChunkPlan(shape, per_block, ds.chunks())) {
      const std::size_t n = element_count(b.count);
      in.resize(n * element_size);
      expanded.resize(n * repeats * element_size);
      read_raw(ds, type, b, in.data(), op);
      std::size_t outer = 1, inner = element_size;
      for (std::size_t d = 0; d < axis; ++d) outer *= b.count[d];
      for (std::size_t d = axis + 1; d < b.count.size(); ++d) inner *= b.count[d];
      const std::byte* from = in.data();
      std::byte* to = expanded.data();
      for (std::size_t o = 0; o < outer; ++o)
        for (std::size_t j = 0; j < b.count[axis]; ++j, from += inner)
          for (std::size_t r = 0; r < repeats; ++r, to += inner) std::memcpy(to, from, inner);
      b.offset[axis] *= repeats;
      b.count[axis] *= repeats;
      write_raw(out, type, b, expanded.data(), op);
    }
  });
}

Dataset take(const Dataset& ds, std::span<const std::size_t> indices, std::size_t axis, const Group& where,
             std::string_view path, const DatasetOptions& options) {
  constexpr std::string_view op = "take from array";
  require_axis(ds, axis, op);
  const Datatype type = fixed_size_type(ds, op);
  const std::size_t element_size = type.size();
  const Shape shape = ds.shape();
  for (std::size_t i : indices)
    if (i >= shape[axis])
      invalid(ds, op,
              "indices below " + std::to_string(shape[axis]) + " along axis " + std::to_string(axis) + "; found " +
                  std::to_string(i));
  Shape out_shape = shape;
  out_shape[axis] = indices.size();
  return create_filled(where, path, out_shape, type, options, [&](const Dataset& out) {
    std::vector<std::byte> buffer;
    if (shape.size() == 1) {  // a point selection per cap-sized batch of indices
      // Each index is held twice more, as a coordinate here and as HDF5's hsize_t in read_points.
      const std::size_t batch = elements_within_cap(element_size + 2 * sizeof(unsigned long long));
      for (std::size_t start = 0; start < indices.size(); start += batch) {
        const std::size_t n = std::min(batch, indices.size() - start);
        const std::vector<unsigned long long> points(indices.begin() + static_cast<std::ptrdiff_t>(start),
                                                     indices.begin() + static_cast<std::ptrdiff_t>(start + n));
        buffer.resize(n * element_size);
        read_points(ds, type, points, buffer.data(), op);
        write_raw(out, type, Block{{start}, {n}}, buffer.data(), op);
      }
      return;
    }
    Shape slice = shape;
    slice[axis] = 1;
    const ChunkPlan plan(slice, elements_within_cap(element_size), ds.chunks());
    for (std::size_t j = 0; j < indices.size(); ++j)
      for (Block b : plan) {
        buffer.resize(element_count(b.count) * element_size);
        b.offset[axis] = indices[j];
        read_raw(ds, type, b, buffer.data(), op);
        b.offset[axis] = j;
        write_raw(out, type, b, buffer.data(), op);
      }
  });
}

Dataset transpose(const Dataset& ds, std::span<const int> axes_given, const Group& where, std::string_view path,
                  const DatasetOptions& options) {
  constexpr std::string_view op = "transpose array";
  const Shape shape = ds.shape();
  const std::size_t rank = shape.size();
  // numpy's axes: a permutation of 0..rank-1 (negatives count from the end); none reverses them.
  std::vector<std::size_t> axes(rank);
  if (axes_given.empty()) {
    for (std::size_t i = 0; i < rank; ++i) axes[i] = rank - 1 - i;
  } else {
    std::vector<char> seen(rank, 0);
    bool valid = axes_given.size() == rank;
    for (std::size_t i = 0; valid && i < rank; ++i) {
      const long long v = axes_given[i] < 0 ? axes_given[i] + static_cast<long long>(rank) : axes_given[i];
      valid = v >= 0 && v < static_cast<long long>(rank) && !seen[static_cast<std::size_t>(v)];
      if (valid) seen[axes[i] = static_cast<std::size_t>(v)] = 1;
    }
    if (!valid) {
      std::string given;
      for (int v : axes_given) given += (given.empty() ? "" : ", ") + std::to_string(v);
      invalid(ds, op, "a permutation of the " + std::to_string(rank) + " axes of shape " + to_string(shape) +
                          "; found axes (" + given + ")");
    }
  }
  const Datatype type = fixed_size_type(ds, op);
  const std::size_t element_size = type.size();
  Shape out_shape(rank);
  for (std::size_t i = 0; i < rank; ++i) out_shape[i] = shape[axes[i]];
  return create_filled(where, path, out_shape, type, options, [&](const Dataset& out) {
    if (element_count(shape) == 0) return;
    if (rank == 0) {
      std::vector<std::byte> one(element_size);
      read_raw(ds, type, Block{}, one.data(), op);
      write_raw(out, type, Block{}, one.data(), op);
      return;
    }
    // Cubic tiles, so reads and writes are both short runs; the tile and its transpose share the cap.
    const auto side = std::max<std::size_t>(
        1, static_cast<std::size_t>(std::pow(static_cast<double>(elements_within_cap(element_size) / 2),
                                              1.0 / static_cast<double>(rank))));
    std::vector<std::byte> tile, moved;
    Shape start(rank, 0);
    for (;;) {
      Block in{start, Shape(rank)};
      for (std::size_t d = 0; d < rank; ++d) in.count[d] = std::min(side, shape[d] - start[d]);
      Block to{Shape(rank), Shape(rank)};
      for (std::size_t d = 0; d < rank; ++d) to.offset[d] = in.offset[axes[d]], to.count[d] = in.count[axes[d]];
      const std::size_t n = element_count(in.count);
      tile.resize(n * element_size);
      moved.resize(tile.size());
      read_raw(ds, type, in, tile.data(), op);
      // Walk the output tile row-major; its axis d steps the input tile by the stride of axes[d].
      std::vector<std::size_t> in_stride(rank, 1), step(rank), index(rank, 0);
      for (std::size_t d = rank - 1; d-- > 0;) in_stride[d] = in_stride[d + 1] * in.count[d + 1];
      for (std::size_t d = 0; d < rank; ++d) step[d] = in_stride[axes[d]];
      std::size_t from = 0;
      for (std::size_t k = 0; k < n; ++k) {
        std::memcpy(&moved[k * element_size], &tile[from * element_size], element_size);
        for (std::size_t d = rank; d-- > 0;) {
          from += step[d];
          if (++index[d] < to.count[d]) break;
          from -= step[d] * to.count[d];
          index[d] = 0;
        }
      }
      write_raw(out, type, to, moved.data(), op);
      std::size_t d = rank;  // the next tile start, last axis fastest
      while (d-- > 0) {
        start[d] += side;
        if (start[d] < shape[d]) break;
        start[d] = 0;
      }
      if (d == static_cast<std::size_t>(-1)) break;
    }
  });
}

void copyto(const Dataset& destination, const Dataset& source) {
  constexpr std::string_view op = "copy to array";
  if (destination.shape() != source.shape())
    mismatch(destination, op, "the source's shape " + to_string(source.shape()) + "; found " +
                                  to_string(destination.shape()));
  const Datatype stored = fixed_size_type(source, op);
  const Datatype type = fixed_size_type(destination, op);
  if (!(stored == type)) {
    // A value that does not convert fails its read; reading everything once first means such a
    // failure leaves the destination untouched rather than half overwritten.
    std::vector<std::byte> buffer;
    for (const Block& b : ChunkPlan(source.shape(), elements_within_cap(type.size()), source.chunks())) {
      buffer.resize(element_count(b.count) * type.size());
      read_raw(source, type, b, buffer.data(), op);
    }
  }
  copy_blocks(source, destination, type, op, [](const Block& b) { return b; });
}

Dataset astype(const Dataset& ds, const Datatype& type, const Group& where, std::string_view path,
               const DatasetOptions& options) {
  constexpr std::string_view op = "convert array";
  fixed_size_type(ds, op);
  if (H5Tdetect_class(type.id(), H5T_VLEN) > 0 || H5Tis_variable_str(type.id()) > 0)
    invalid(ds, op, "a fixed-size target type; found a variable-length one");
  return create_filled(where, path, ds.shape(), type, options, [&](const Dataset& out) {
    copy_blocks(ds, out, type, op, [](const Block& b) { return b; });
  });
}

}  // namespace h5kit::lazy::detail

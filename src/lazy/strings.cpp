// String arrays: one element in and out, comparison with a string, and the rewrite of a
// fixed-length dataset with a wider type when a longer value is assigned.
#include "h5kit/lazy/strings.hpp"

#include <hdf5.h>

#include <algorithm>
#include <string>
#include <vector>

#include "detail/checked.hpp"
#include "detail/utf8.hpp"
#include "detail/vlen_reclaim.hpp"
#include "h5kit/lazy/routines.hpp"  // detail::retype
#include "h5kit/strings.hpp"
#include "lazy/raw_blocks.hpp"

namespace h5kit::lazy::detail {

using h5kit::detail::checked;
using h5kit::detail::Handle;
using h5kit::detail::Where;

namespace {

void require_strings(const Dataset& ds, std::string_view operation) {
  const Datatype type = ds.dtype();
  if (!type.is_fixed_string() && !type.is_variable_string())
    invalid(ds, operation, "a string dataset; found element type " + type.name());
}

// The bytes a fixed-length type needs for `value`: a NUL-terminated type keeps one for the NUL.
std::size_t width_needed(const Datatype& type, std::string_view value, const Dataset& ds, std::string_view op) {
  const H5T_str_t pad = H5Tget_strpad(type.id());
  if (pad < 0) h5kit::detail::fail(ErrorKind::file, op, Where{ds.id()});
  return value.size() + (pad == H5T_STR_NULLTERM ? 1 : 0);
}

// Visits `region` in blocks within the cap and hands each block's comparison to `sink`. A string in
// memory costs its std::string plus its bytes (fixed width, or a guess for variable length).
template <class Sink>
void compare_blocks(const Dataset& ds, const Block& region, std::string_view value, bool equal, Sink sink) {
  const Datatype type = ds.dtype();
  const std::size_t bytes = sizeof(std::string) + 1 + (type.is_fixed_string() ? type.size() : 32);
  const ChunkPlan plan(region.count, elements_within_cap(bytes), aligned_chunks(ds, region));
  for (const Block& b : plan) {
    const NDArray<std::string> strings = ds.read_block<NDArray<std::string>>(shifted(b, region.offset).offset, b.count);
    NDArray<bool> result(b.count);
    for (std::size_t i = 0; i < strings.size(); ++i) result.data()[i] = (strings.data()[i] == value) == equal;
    sink(b, result);
  }
}

}  // namespace

void check_element_index(const Dataset& ds, const Shape& extent, const Shape& index, std::string_view operation) {
  if (index.size() != extent.size())
    invalid(ds, operation,
            "an index of " + std::to_string(extent.size()) + " coordinates; found " + std::to_string(index.size()));
  for (std::size_t i = 0; i < index.size(); ++i)
    if (index[i] >= extent[i])
      invalid(ds, operation,
              "an index inside the shape " + to_string(extent) + "; found " + to_string(index) + " (axis " +
                  std::to_string(i) + ")");
}

Dataset widen_strings(const Dataset& ds, std::size_t width) {
  constexpr std::string_view op = "widen fixed-length strings";
  const Datatype old_type = ds.dtype();
  if (!old_type.is_fixed_string())
    invalid(ds, op, "a fixed-length string dataset; found element type " + old_type.name());
  if (width <= old_type.size()) return ds;  // never narrower: that would cut values
  Handle type(checked(H5Tcopy(old_type.id()), op, Where{ds.id()}));  // keeps charset and padding
  checked(H5Tset_size(type.get(), width), op, Where{ds.id()});
  return retype(ds, Datatype(std::move(type)), op);
}

Dataset set_string(const Dataset& ds, const Shape& index, std::string_view value) {
  constexpr std::string_view op = "write string element";
  require_strings(ds, op);
  const Datatype type = ds.dtype();
  if (const auto bad = h5kit::detail::first_invalid_utf8(value); bad && type.charset() == CharSet::utf8)
    invalid(ds, op,
            "valid UTF-8 for a UTF-8 string dataset; found an invalid byte at offset " + std::to_string(*bad) +
                " (nothing was written)");
  if (value.find('\0') != std::string_view::npos)
    invalid(ds, op, "a string without NUL bytes (HDF5 would end it there); found one at offset " +
                        std::to_string(value.find('\0')) + " (nothing was written)");
  Dataset target = ds;
  if (type.is_fixed_string()) {
    const std::size_t needed = width_needed(type, value, ds, op);
    if (needed > type.size()) target = widen_strings(ds, needed);
  }
  // As bytes: an ASCII ('S') dataset holds numpy bytes, any byte values (the core refuses non-ASCII
  // *text* there); a UTF-8 one was checked above.
  target.write_block(NDArray<h5kit::Bytes>(Shape(index.size(), 1), h5kit::Bytes(std::string(value))), index);
  return target;
}

NDArray<bool> compare_strings(const Dataset& ds, const Block& region, std::string_view value, bool equal) {
  require_strings(ds, equal ? "compare strings (==)" : "compare strings (!=)");
  NDArray<bool> out(region.count);
  // Plan blocks are runs of whole trailing axes, so each is contiguous in row-major order.
  compare_blocks(ds, region, value, equal, [&](const Block& b, const NDArray<bool>& result) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < b.offset.size(); ++i) start = start * region.count[i] + b.offset[i];
    std::copy(result.data(), result.data() + result.size(), out.data() + start);
  });
  return out;
}

Dataset compare_strings_into(const Dataset& ds, const Block& region, std::string_view value, bool equal,
                             const Into& into) {
  require_strings(ds, equal ? "compare strings (==)" : "compare strings (!=)");
  Dataset out = into.group.create_dataset(into.name, region.count, dtype<bool>(), into.options);
  try {
    compare_blocks(ds, region, value, equal,
                   [&](const Block& b, const NDArray<bool>& result) { out.write_block(result, b.offset); });
  } catch (...) {
    into.group.erase(into.name);
    throw;
  }
  return out;
}

}  // namespace h5kit::lazy::detail

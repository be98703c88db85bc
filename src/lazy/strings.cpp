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

// Copies every attribute of `from` onto `to`, in creation order when the dataset tracks it.
void copy_attributes(const Dataset& from, hid_t to, std::string_view op) {
  H5O_info_t info;
  checked(H5Oget_info2(from.id(), &info, H5O_INFO_NUM_ATTRS), op, Where{from.id()});
  Handle dcpl(checked(H5Dget_create_plist(from.id()), op, Where{from.id()}));
  unsigned order_flags = 0;
  checked(H5Pget_attr_creation_order(dcpl.get(), &order_flags), op, Where{from.id()});
  const H5_index_t index = (order_flags & H5P_CRT_ORDER_TRACKED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  for (hsize_t i = 0; i < info.num_attrs; ++i) {
    Handle attr(checked(H5Aopen_by_idx(from.id(), ".", index, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT), op,
                        Where{from.id()}));
    const ssize_t name_size = checked(H5Aget_name(attr.get(), 0, nullptr), op, Where{from.id()});
    std::string name(static_cast<std::size_t>(name_size), '\0');
    checked(H5Aget_name(attr.get(), name.size() + 1, name.data()), op, Where{from.id()});
    const Where where{from.id(), name};
    Handle type(checked(H5Aget_type(attr.get()), op, where));
    Handle space(checked(H5Aget_space(attr.get()), op, where));
    Handle acpl(checked(H5Aget_create_plist(attr.get()), op, where));  // keeps the name's charset
    const hssize_t count = checked(H5Sget_simple_extent_npoints(space.get()), op, where);
    const std::size_t n = static_cast<std::size_t>(count);
    // Raw bytes of the stored type; variable-length members point into memory HDF5 allocated,
    // valid until reclaimed, so the write below copies their contents.
    std::vector<std::byte> buffer(std::max<std::size_t>(1, n * H5Tget_size(type.get())));
    checked(H5Aread(attr.get(), type.get(), buffer.data()), op, where);
    const h5kit::detail::VlenReclaimer reclaim(type.get(), n, buffer.data());
    Handle copy(checked(H5Acreate2(to, name.c_str(), type.get(), space.get(), acpl.get(), H5P_DEFAULT), op, where));
    checked(H5Awrite(copy.get(), type.get(), buffer.data()), op, where);
  }
}

std::optional<Shape> aligned_chunks(const Dataset& ds, const Block& region) {
  std::optional<Shape> chunks = ds.chunks();
  if (chunks)
    for (std::size_t i = 0; i < chunks->size(); ++i)
      if (region.offset[i] % (*chunks)[i] != 0) return std::nullopt;
  return chunks;
}

Shape shifted(const Shape& offset, const Block& region) {
  Shape out = offset;
  for (std::size_t i = 0; i < out.size(); ++i) out[i] += region.offset[i];
  return out;
}

// Visits `region` in blocks within the cap and hands each block's comparison to `sink`. A string in
// memory costs its std::string plus its bytes (fixed width, or a guess for variable length).
template <class Sink>
void compare_blocks(const Dataset& ds, const Block& region, std::string_view value, bool equal, Sink sink) {
  const Datatype type = ds.dtype();
  const std::size_t bytes = sizeof(std::string) + 1 + (type.is_fixed_string() ? type.size() : 32);
  const ChunkPlan plan(region.count, elements_within_cap(bytes), aligned_chunks(ds, region));
  for (const Block& b : plan) {
    const NDArray<std::string> strings = ds.read_block<NDArray<std::string>>(shifted(b.offset, region), b.count);
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
  const std::string path = ds.path();
  if (path.empty() || path == "/") invalid(ds, op, "a dataset reachable by a path; found an anonymous one");
  const std::string staged = path + ".h5kit-widening";
  const Where where{ds.id(), path};

  Handle type(checked(H5Tcopy(old_type.id()), op, where));  // keeps charset and padding
  checked(H5Tset_size(type.get(), width), op, where);
  const Datatype wide(std::move(type));
  Handle space(checked(H5Dget_space(ds.id()), op, where));
  Handle dcpl(checked(H5Dget_create_plist(ds.id()), op, where));  // layout, chunks, filters, fill value
  h5kit::detail::silence_hdf5_errors();
  const hid_t created = H5Dcreate2(ds.id(), staged.c_str(), wide.id(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT);
  if (created < 0) h5kit::detail::fail_creation(op, Where{ds.id(), staged});
  Dataset wider{Handle(created)};
  try {
    copy_blocks(ds, wider, wide, op, [](const Block& b) { return b; });
    copy_attributes(ds, wider.id(), op);
  } catch (...) {
    H5Ldelete(ds.id(), staged.c_str(), H5P_DEFAULT);  // the old dataset is untouched
    throw;
  }
  checked(H5Ldelete(ds.id(), path.c_str(), H5P_DEFAULT), op, where);
  if (H5Lmove(ds.id(), staged.c_str(), ds.id(), path.c_str(), H5P_DEFAULT, H5P_DEFAULT) < 0)
    h5kit::detail::fail(ErrorKind::file, op, Where{ds.id(), staged},
                        "the widened data is at " + staged + "; moving it to " + path + " failed");
  return wider;
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
  target.write_block(NDArray<std::string>(Shape(index.size(), 1), std::string(value)), index);
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

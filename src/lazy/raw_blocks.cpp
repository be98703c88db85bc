#include "lazy/raw_blocks.hpp"

#include <hdf5.h>

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "detail/checked.hpp"
#include "detail/plists.hpp"
#include "detail/unwritten.hpp"

namespace h5kit::lazy::detail {

using h5kit::detail::checked;
using h5kit::detail::Handle;
using h5kit::detail::Where;

namespace {
Handle select_block(const Dataset& ds, const Block& block, std::string_view operation) {
  Handle space(checked(H5Dget_space(ds.id()), operation, Where{ds.id()}));
  if (block.offset.empty()) return space;  // a scalar dataset: its one element, selected as created
  std::vector<hsize_t> start(block.offset.begin(), block.offset.end()), count(block.count.begin(), block.count.end());
  checked(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr), operation,
          Where{ds.id()});
  return space;
}

// Shaped like the file block: HDF5 1.10 maps a chunked selection to chunks block by block only when
// the memory selection has the same shape, and element by element otherwise (src/detail/io.cpp).
Handle memory_space(const Shape& block, std::string_view operation, const Dataset& ds) {
  std::vector<hsize_t> dims(block.begin(), block.end());
  if (dims.empty()) dims.push_back(1);
  return Handle(checked(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), operation, Where{ds.id()}));
}
Handle memory_space(std::size_t elements, std::string_view operation, const Dataset& ds) {
  return memory_space(Shape{elements}, operation, ds);
}

[[noreturn]] void fail_conversion(const Dataset& ds, const Datatype& target, std::string_view operation) {
  h5kit::detail::fail(ErrorKind::type_mismatch, operation, Where{ds.id()},
                      "expected every value to fit the target type " + target.name() +
                          "; found one that does not (h5kit refuses where HDF5 would clamp)");
}
}  // namespace

Datatype fixed_size_type(const Dataset& ds, std::string_view operation) {
  Datatype type = ds.dtype();
  if (checked(H5Tdetect_class(type.id(), H5T_VLEN), operation, Where{ds.id()}) > 0 ||
      checked(H5Tis_variable_str(type.id()), operation, Where{ds.id()}) > 0)
    invalid(ds, operation, "fixed-size elements; found variable-length ones, which cannot be moved as bytes");
  return type;
}

namespace {
// One block between the file and a buffer in `memory_type`, range-checked; a failure of a
// converting transfer means a value that does not fit the type written to (the buffer's for a
// read, the stored one for a write). `transfer` is H5Dread or H5Dwrite.
enum class Direction { read, write };
template <class Buffer, class Transfer>
void transfer_block(const Dataset& ds, const Datatype& memory_type, const Block& block, Buffer buffer,
                    Direction direction, std::string_view operation, Transfer transfer) {
  if (element_count(block.count) == 0) return;
  Handle file = select_block(ds, block, operation);
  Handle memory = memory_space(block.count, operation, ds);
  // Asked before the transfer: any HDF5 call after a failure would clear the stack the error reports.
  const bool converting = !(ds.dtype() == memory_type);
  if constexpr (!std::is_const_v<std::remove_pointer_t<Buffer>>)
    h5kit::detail::prepare_read_buffer(ds.id(), memory_type.id(), buffer, memory.get(), "read dataset");
  h5kit::detail::silence_hdf5_errors();
  if (transfer(ds.id(), memory_type.id(), memory.get(), file.get(), h5kit::detail::range_checked_conversion(), buffer) <
      0) {
    if (!converting) h5kit::detail::fail(ErrorKind::file, operation, Where{ds.id()});
    fail_conversion(ds, direction == Direction::read ? memory_type : ds.dtype(), operation);
  }
}
}  // namespace

void read_raw(const Dataset& ds, const Datatype& memory_type, const Block& block, void* out, std::string_view operation) {
  transfer_block(ds, memory_type, block, out, Direction::read, operation, H5Dread);
}

std::vector<std::byte> converted(const Dataset& ds, const Datatype& from, const Datatype& to, const void* values,
                                 std::size_t n, std::string_view operation) {
  std::vector<std::byte> buffer(std::max<std::size_t>(1, n * std::max(from.size(), to.size())));
  std::memcpy(buffer.data(), values, n * from.size());
  if (n == 0 || from == to) return buffer;
  h5kit::detail::silence_hdf5_errors();
  std::vector<std::byte> background(n * to.size());  // compound conversions read it; zeroed
  if (H5Tconvert(from.id(), to.id(), n, buffer.data(), background.data(), h5kit::detail::range_checked_conversion()) < 0) {
    H5T_cdata_t* path = nullptr;
    if (H5Tfind(from.id(), to.id(), &path) == nullptr)
      invalid(ds, operation, "values convertible to the stored type " + to.name() + "; found " + from.name());
    fail_conversion(ds, to, operation);
  }
  return buffer;
}

void write_raw(const Dataset& ds, const Datatype& memory_type, const Block& block, const void* in,
               std::string_view operation) {
  transfer_block(ds, memory_type, block, in, Direction::write, operation, H5Dwrite);
}

void read_points(const Dataset& ds, const Datatype& memory_type, const std::vector<unsigned long long>& coordinates,
                 void* out, std::string_view operation) {
  if (coordinates.empty()) return;
  Handle file(checked(H5Dget_space(ds.id()), operation, Where{ds.id()}));
  std::vector<hsize_t> coords(coordinates.begin(), coordinates.end());
  checked(H5Sselect_elements(file.get(), H5S_SELECT_SET, coords.size(), coords.data()), operation, Where{ds.id()});
  Handle memory = memory_space(coords.size(), operation, ds);
  h5kit::detail::prepare_read_buffer(ds.id(), memory_type.id(), out, memory.get(), "read dataset");
  checked(H5Dread(ds.id(), memory_type.id(), memory.get(), file.get(), h5kit::detail::range_checked_conversion(), out), operation, Where{ds.id()});
}

Block shifted(Block b, const Shape& by) {
  for (std::size_t i = 0; i < by.size(); ++i) b.offset[i] += by[i];
  return b;
}

std::optional<Shape> aligned_chunks(const Dataset& ds, const Block& region) {
  std::optional<Shape> chunks = ds.chunks();
  if (chunks)
    for (std::size_t i = 0; i < chunks->size(); ++i)
      if (region.offset[i] % (*chunks)[i] != 0) return std::nullopt;
  return chunks;
}

void throw_view_not_supported(const Dataset& ds, std::string_view operation) {
  invalid(ds, operation,
          "a whole dataset (the routines work on datasets); found a view (H5Array::view): copy the view into a "
          "dataset of its own first, copy(view, Into{group, name}) (block by block within the memory cap; "
          "astype refuses views too), and call " + std::string(operation) + " on the copy");
}

void invalid(const Dataset& ds, std::string_view operation, std::string detail) {
  h5kit::detail::reject(ErrorKind::invalid_argument, operation, Where{ds.id()}, "expected " + detail);
}

void mismatch(const Dataset& ds, std::string_view operation, std::string detail) {
  h5kit::detail::reject(ErrorKind::shape_mismatch, operation, Where{ds.id()}, "expected " + detail);
}

void require_axis(const Dataset& ds, std::size_t axis, std::string_view operation) {
  const std::size_t rank = ds.rank();
  if (axis >= rank)
    invalid(ds, operation,
            "an axis below the rank " + std::to_string(rank) + "; found axis " + std::to_string(axis) + " for shape " +
                to_string(ds.shape()));
}

}  // namespace h5kit::lazy::detail

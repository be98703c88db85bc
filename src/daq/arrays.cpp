// Writing pymodaq arrays: indexed CArray writes, EArray appends with pymodaq's `expand` rule, VLArray
// rows and StringArray's pickled strings.
#include <algorithm>
#include <cstring>

#include "daq/storage.hpp"
#include "daq/text.hpp"
#include "detail/dataspace.hpp"
#include "detail/plists.hpp"
#include "h5kit/daq/node.hpp"
#include "h5kit/daq/pickle.hpp"
#include "h5kit/error.hpp"

namespace h5kit::daq {

using h5kit::detail::checked;
using h5kit::detail::Handle;
using h5kit::detail::Where;

namespace {

void check_view(const ArrayView& v, const Node& node, const char* operation) {
  if (v.data == nullptr && v.size() > 0)
    throw_error(ErrorKind::invalid_argument, operation, node.file_name(), node.path(),
                "the data pointer is null for " + std::to_string(v.size()) + " elements");
}

// Writes `data` (memory type from its element type) into the block [offset, offset + count).
void write_block(const h5kit::Dataset& ds, const Shape& offset, const Shape& count, const ArrayView& data,
                 const char* operation) {
  const Where where{ds.id()};
  Handle file_space(checked(H5Dget_space(ds.id()), operation, where));
  h5kit::detail::select_block(file_space.get(), offset, count, operation, where);
  Handle mem_space = h5kit::detail::simple_space(Shape{element_count(count)}, operation, where);
  Handle mem = detail::memory_type(data.type);
  h5kit::detail::silence_hdf5_errors();
  if (H5Dwrite(ds.id(), mem.get(), mem_space.get(), file_space.get(), h5kit::detail::range_checked_conversion(),
               data.data) < 0)
    h5kit::detail::fail(ErrorKind::type_mismatch, operation, where,
                        "elements of type " + std::string(numpy_name(data.type)) +
                            " could not be stored in this array (a value out of range, or no conversion)");
}

Shape tail(const Shape& s) { return Shape(s.begin() + (s.empty() ? 0 : 1), s.end()); }

}  // namespace

void CArray::write_at(const std::vector<std::int64_t>& leading_index, const ArrayView& data) const {
  check_view(data, *this, "write array");
  auto [offset, count] = block_at(leading_index, "write array");
  const Shape rest(count.begin() + static_cast<std::ptrdiff_t>(leading_index.size()), count.end());
  const bool fits = data.shape == rest || (data.size() == 1 && element_count(rest) == 1 &&
                                           std::all_of(data.shape.begin(), data.shape.end(), [](auto d) { return d == 1; }));
  if (!fits)
    throw_error(ErrorKind::shape_mismatch, "write array", file_name(), path(),
                "data of shape " + to_string(data.shape) + " does not fit node[" + [&] {
                  std::string idx;
                  for (auto i : leading_index) idx += (idx.empty() ? "" : ", ") + std::to_string(i);
                  return idx;
                }() + "] of shape " + to_string(rest) + "; nothing was written");
  write_block(dataset_, offset, count, data, "write array");
}

// ---- EArray ----

Shape EArray::row_shape() const { return tail(shape()); }

std::size_t EArray::append_rows(const ArrayView& rows) const {
  check_view(rows, *this, "append rows");
  const Shape current = shape();
  const Shape row = tail(current);
  const std::size_t row_size = element_count(row);
  std::size_t n = 0;
  if (rows.shape.size() == current.size() && tail(rows.shape) == row) n = rows.shape.empty() ? 1 : rows.shape[0];
  else if (rows.shape.size() == 1 && row_size > 0 && rows.shape[0] % row_size == 0) n = rows.shape[0] / row_size;
  else
    throw_error(ErrorKind::shape_mismatch, "append rows", file_name(), path(),
                "a block of shape " + to_string(rows.shape) + " is not whole rows of shape " + to_string(row) +
                    "; nothing was written");
  if (n == 0) return current[0];
  Shape grown = current;
  grown[0] += n;
  dataset_.resize(grown);
  Shape offset(current.size(), 0), count = grown;
  offset[0] = current[0];
  count[0] = n;
  try {
    write_block(dataset_, offset, count, rows, "append rows");
  } catch (...) {
    try {
      dataset_.resize(current);  // nothing half-written stays behind
    } catch (...) {
    }
    throw;
  }
  return grown[0];
}

void EArray::update_shape_attribute() const { set_attr("shape", PyValue::int_tuple(shape())); }

void EArray::append(const ArrayView& data, bool expand) const {
  check_view(data, *this, "append");
  const Shape s = shape();
  const Shape row = tail(s);
  Shape block = data.shape;
  if (s.size() > 1 && data.shape == row) {
    block.insert(block.begin(), 1);
  } else if (data.shape.empty()) {
    throw_error(ErrorKind::shape_mismatch, "append", file_name(), path(),
                "a scalar cannot be appended to an array of shape " + to_string(s) + "; pass an array of shape (1,)");
  }
  if (expand && block.size() == 1 && block != Shape{1}) block.push_back(1);
  if (block.size() != s.size() || tail(block) != row)
    throw_error(ErrorKind::shape_mismatch, "append", file_name(), path(),
                "data of shape " + to_string(data.shape) + (expand ? " (expand=True)" : " (expand=False)") +
                    " gives rows of shape " + to_string(tail(block)) + ", but this array's rows have shape " +
                    to_string(row) + "; nothing was written");
  ArrayView rows = data;
  rows.shape = block;
  append_rows(rows);
  update_shape_attribute();
}

// ---- VLArray ----

void VLArray::append(const ArrayView& row) const {
  check_view(row, *this, "append row");
  const Where where{dataset_.id()};
  const Shape current = shape();
  const std::size_t n = current.empty() ? 0 : current[0];
  Handle mem_base = detail::memory_type(row.type);
  Handle mem(checked(H5Tvlen_create(mem_base.get()), "append row", where));
  hvl_t element{row.size(), const_cast<void*>(row.data)};
  dataset_.resize(Shape{n + 1});
  try {
    Handle file_space(checked(H5Dget_space(dataset_.id()), "append row", where));
    h5kit::detail::select_block(file_space.get(), Shape{n}, Shape{1}, "append row", where);
    Handle mem_space = h5kit::detail::simple_space(Shape{1}, "append row", where);
    h5kit::detail::silence_hdf5_errors();
    if (H5Dwrite(dataset_.id(), mem.get(), mem_space.get(), file_space.get(),
                 h5kit::detail::range_checked_conversion(), &element) < 0)
      h5kit::detail::fail(ErrorKind::type_mismatch, "append row", where,
                          "a row of " + std::string(numpy_name(row.type)) +
                              " could not be stored in this array (a value out of range, or no conversion)");
  } catch (...) {
    try {
      dataset_.resize(current);
    } catch (...) {
    }
    throw;
  }
  update_shape_attribute();
}

std::vector<std::vector<std::uint8_t>> VLArray::rows_as(ElementType as, std::optional<std::int64_t> index) const {
  const Where where{dataset_.id()};
  const Shape s = shape();
  const std::size_t n = s.empty() ? 0 : s[0];
  std::size_t first = 0, count = n;
  if (index) {
    const std::int64_t i = *index < 0 ? *index + static_cast<std::int64_t>(n) : *index;
    if (i < 0 || i >= static_cast<std::int64_t>(n))
      throw_error(ErrorKind::invalid_argument, "read row", file_name(), path(),
                  "row " + std::to_string(*index) + " is out of range for " + std::to_string(n) + " rows");
    first = static_cast<std::size_t>(i);
    count = 1;
  }
  std::vector<std::vector<std::uint8_t>> out;
  if (count == 0) return out;
  Handle mem_base = detail::memory_type(as);
  Handle mem(checked(H5Tvlen_create(mem_base.get()), "read rows", where));
  Handle file_space(checked(H5Dget_space(dataset_.id()), "read rows", where));
  h5kit::detail::select_block(file_space.get(), Shape{first}, Shape{count}, "read rows", where);
  Handle mem_space = h5kit::detail::simple_space(Shape{count}, "read rows", where);
  std::vector<hvl_t> rows(count);
  h5kit::detail::silence_hdf5_errors();
  if (H5Dread(dataset_.id(), mem.get(), mem_space.get(), file_space.get(), h5kit::detail::range_checked_conversion(),
              rows.data()) < 0)
    h5kit::detail::fail(ErrorKind::type_mismatch, "read rows", where,
                        "the rows cannot be read as " + std::string(numpy_name(as)));
  const std::size_t size = element_size(as);
  for (const hvl_t& r : rows) {
    const auto* p = static_cast<const std::uint8_t*>(r.p);
    out.emplace_back(p, p + r.len * size);
  }
  H5Dvlen_reclaim(mem.get(), mem_space.get(), H5P_DEFAULT, rows.data());
  return out;
}

// ---- StringArray ----

void StringArray::append(std::string_view text) const {
  std::vector<std::uint8_t> bytes;
  try {
    bytes = pickle_string(text);
  } catch (const Error& e) {
    throw_error(e.kind(), "append string", file_name(), path(), e.detail());
  }
  VLArray::append(array_view(bytes));
}

namespace {
std::string unpickle_row(const StringArray& node, const std::vector<std::uint8_t>& row, std::size_t index) {
  try {
    return unpickle_string(row);
  } catch (const Error& e) {
    throw_error(ErrorKind::invalid_argument, "read string", node.file_name(), node.path(),
                "row " + std::to_string(index) + ": " + e.detail());
  }
}
}  // namespace

std::vector<std::string> StringArray::read() const {
  std::vector<std::string> out;
  std::size_t k = 0;
  for (const auto& row : rows_as(ElementType::uint8, std::nullopt)) out.push_back(unpickle_row(*this, row, k++));
  return out;
}

std::string StringArray::at(std::int64_t index) const {
  const auto n = static_cast<std::int64_t>(nrows());
  const std::int64_t i = index < 0 ? index + n : index;
  return unpickle_row(*this, rows_as(ElementType::uint8, index).at(0), static_cast<std::size_t>(i));
}

}  // namespace h5kit::daq

// Element types: numpy names, PyTables' HDF5 types (spec §6), and PyTables' chunk shapes.
#include <cmath>
#include <string>

#include "daq/storage.hpp"
#include "h5kit/daq/element_type.hpp"
#include "h5kit/error.hpp"

namespace h5kit::daq {

namespace {
constexpr std::pair<ElementType, std::string_view> kNames[] = {
    {ElementType::boolean, "bool"},       {ElementType::int8, "int8"},       {ElementType::int16, "int16"},
    {ElementType::int32, "int32"},        {ElementType::int64, "int64"},     {ElementType::uint8, "uint8"},
    {ElementType::uint16, "uint16"},      {ElementType::uint32, "uint32"},   {ElementType::uint64, "uint64"},
    {ElementType::float32, "float32"},    {ElementType::float64, "float64"}, {ElementType::complex64, "complex64"},
    {ElementType::complex128, "complex128"}};
}  // namespace

std::string_view numpy_name(ElementType type) noexcept {
  for (const auto& [t, n] : kNames)
    if (t == type) return n;
  return "?";
}

ElementType element_type_from_numpy(std::string_view name) {
  for (const auto& [t, n] : kNames)
    if (n == name) return t;
  if (name == "float" || name == "double") return ElementType::float64;
  if (name == "int") return ElementType::int64;
  if (name == "complex") return ElementType::complex128;
  std::string accepted;
  for (const auto& entry : kNames) accepted += (accepted.empty() ? "" : ", ") + std::string(entry.second);
  throw_error(ErrorKind::invalid_argument, "parse dtype", "", "",
              "'" + std::string(name) + "' is not a numpy dtype name h5kit's daq layer stores; expected one of " +
                  accepted);
}

std::size_t element_size(ElementType type) noexcept {
  switch (type) {
    case ElementType::boolean:
    case ElementType::int8:
    case ElementType::uint8: return 1;
    case ElementType::int16:
    case ElementType::uint16: return 2;
    case ElementType::int32:
    case ElementType::uint32:
    case ElementType::float32: return 4;
    case ElementType::int64:
    case ElementType::uint64:
    case ElementType::float64:
    case ElementType::complex64: return 8;
    case ElementType::complex128: return 16;
  }
  return 0;
}

namespace detail {

void check_view_size(std::size_t given, const Shape& shape) {
  if (given != element_count(shape))
    throw_error(ErrorKind::shape_mismatch, "view array", "", "",
                "a buffer of " + std::to_string(given) + " elements cannot have shape " + to_string(shape));
}

using h5kit::detail::checked;

namespace {
Handle complex_type(hid_t part, std::size_t part_size) {
  const Where where{};
  Handle t(checked(H5Tcreate(H5T_COMPOUND, 2 * part_size), "create complex type", where));
  checked(H5Tinsert(t.get(), "r", 0, part), "create complex type", where);
  checked(H5Tinsert(t.get(), "i", part_size, part), "create complex type", where);
  return t;
}

Handle copy_of(hid_t predefined) { return Handle(checked(H5Tcopy(predefined), "copy type", Where{})); }
}  // namespace

Handle file_type(ElementType type) {
  switch (type) {
    case ElementType::boolean: return copy_of(H5T_STD_B8LE);
    case ElementType::int8: return copy_of(H5T_STD_I8LE);
    case ElementType::int16: return copy_of(H5T_STD_I16LE);
    case ElementType::int32: return copy_of(H5T_STD_I32LE);
    case ElementType::int64: return copy_of(H5T_STD_I64LE);
    case ElementType::uint8: return copy_of(H5T_STD_U8LE);
    case ElementType::uint16: return copy_of(H5T_STD_U16LE);
    case ElementType::uint32: return copy_of(H5T_STD_U32LE);
    case ElementType::uint64: return copy_of(H5T_STD_U64LE);
    case ElementType::float32: return copy_of(H5T_IEEE_F32LE);
    case ElementType::float64: return copy_of(H5T_IEEE_F64LE);
    case ElementType::complex64: return complex_type(H5T_IEEE_F32LE, 4);
    case ElementType::complex128: return complex_type(H5T_IEEE_F64LE, 8);
  }
  return copy_of(H5T_IEEE_F64LE);
}

Handle memory_type(ElementType type) {
  switch (type) {
    case ElementType::boolean: return copy_of(H5T_NATIVE_B8);
    case ElementType::int8: return copy_of(H5T_NATIVE_INT8);
    case ElementType::int16: return copy_of(H5T_NATIVE_INT16);
    case ElementType::int32: return copy_of(H5T_NATIVE_INT32);
    case ElementType::int64: return copy_of(H5T_NATIVE_INT64);
    case ElementType::uint8: return copy_of(H5T_NATIVE_UINT8);
    case ElementType::uint16: return copy_of(H5T_NATIVE_UINT16);
    case ElementType::uint32: return copy_of(H5T_NATIVE_UINT32);
    case ElementType::uint64: return copy_of(H5T_NATIVE_UINT64);
    case ElementType::float32: return copy_of(H5T_NATIVE_FLOAT);
    case ElementType::float64: return copy_of(H5T_NATIVE_DOUBLE);
    case ElementType::complex64: return complex_type(H5T_NATIVE_FLOAT, 4);
    case ElementType::complex128: return complex_type(H5T_NATIVE_DOUBLE, 8);
  }
  return copy_of(H5T_NATIVE_DOUBLE);
}

std::optional<ElementType> element_type_of_stored(hid_t type) {
  const H5T_class_t cls = H5Tget_class(type);
  const std::size_t size = H5Tget_size(type);
  switch (cls) {
    case H5T_BITFIELD:
      if (size == 1) return ElementType::boolean;
      return std::nullopt;
    case H5T_ENUM: {
      // h5py's bool: int8 {FALSE = 0, TRUE = 1}.
      if (size != 1 || H5Tget_nmembers(type) != 2) return std::nullopt;
      char name[8] = {};
      if (H5Tenum_nameof(type, "\0", name, sizeof name) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return std::nullopt;
      }
      return std::string(name) == "FALSE" ? std::optional(ElementType::boolean) : std::nullopt;
    }
    case H5T_INTEGER: {
      const bool is_signed = H5Tget_sign(type) == H5T_SGN_2;
      switch (size) {
        case 1: return is_signed ? ElementType::int8 : ElementType::uint8;
        case 2: return is_signed ? ElementType::int16 : ElementType::uint16;
        case 4: return is_signed ? ElementType::int32 : ElementType::uint32;
        case 8: return is_signed ? ElementType::int64 : ElementType::uint64;
        default: return std::nullopt;
      }
    }
    case H5T_FLOAT:
      if (size == 4) return ElementType::float32;
      if (size == 8) return ElementType::float64;
      return std::nullopt;
    case H5T_COMPOUND: {
      if (H5Tget_nmembers(type) != 2) return std::nullopt;
      char* r = H5Tget_member_name(type, 0);
      char* i = H5Tget_member_name(type, 1);
      const bool ri = r && i && std::string(r) == "r" && std::string(i) == "i";
      H5free_memory(r);
      H5free_memory(i);
      if (!ri) return std::nullopt;
      Handle part(H5Tget_member_type(type, 0));
      if (!part.valid() || H5Tget_class(part.get()) != H5T_FLOAT) return std::nullopt;
      if (H5Tget_size(part.get()) == 4) return ElementType::complex64;
      if (H5Tget_size(part.get()) == 8) return ElementType::complex128;
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

Shape pytables_chunkshape(const Shape& shape, std::size_t expected_rows, std::size_t item_size) {
  // calc_chunksize: 64 KiB up to 10 MB expected, doubling per decade (csformula), with limit_es
  // keeping the estimate within 1 MB .. 10 TB. The estimate is in whole MB, as leaf.py computes it.
  std::size_t row_items = 1;
  for (std::size_t k = 1; k < shape.size(); ++k) row_items *= shape[k];
  const std::size_t expected_mb = expected_rows * row_items * item_size / (1024 * 1024);
  const double clamped = std::min(std::max(static_cast<double>(expected_mb), 1.0), 1e7);
  const int zone = static_cast<int>(std::log10(clamped));
  const std::size_t chunk_bytes = 8 * 8192 * (std::size_t{1} << zone);
  std::size_t chunk_items = chunk_bytes / std::max<std::size_t>(item_size, 1);
  if (chunk_items == 0) chunk_items = 1;
  Shape chunk = shape;
  if (chunk.empty()) return chunk;
  for (auto& d : chunk) d = std::max<std::size_t>(d, 1);  // HDF5 chunks have no zero extent
  chunk[0] = 1;
  std::size_t rest = element_count(chunk);
  if (rest <= chunk_items) {
    chunk[0] = chunk_items / rest;
    return chunk;
  }
  for (std::size_t j = 0; j < chunk.size(); ++j) {
    chunk[j] = 1;
    rest = element_count(chunk);
    if (rest <= chunk_items) {
      chunk[j] = chunk_items / rest;
      return chunk;
    }
  }
  chunk.back() = chunk_items;
  return chunk;
}

}  // namespace detail
}  // namespace h5kit::daq

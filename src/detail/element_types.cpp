// Stored HDF5 array types and enum value mapping, for io.cpp's read_raw/write_raw (element_hooks.hpp).
#include <hdf5.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "detail/checked.hpp"
#include "detail/element_hooks.hpp"

namespace h5kit::detail {

Datatype stored_type_of(const IoTarget& t) {
  if (t.stored_type >= 0) return Datatype(Handle::share(t.stored_type));  // a Datatype owns its reference
  return Datatype(stored_type_handle(t));
}

std::string attribute_prefix(const IoTarget& t) {
  if (!t.is_attribute) return {};
  char buf[256] = {};
  H5Aget_name(t.id, sizeof buf, buf);
  return std::string("attribute \"") + buf + "\": ";
}

// ---- HDF5 array types ----

Shape value_shape(const IoTarget& t) {
  Shape shape = selection_shape(t);
  const Handle stored = stored_type_handle(t);  // no copy: this runs on every read
  if (H5Tget_class(stored.get()) == H5T_ARRAY) {
    const Shape dims = Datatype(Handle::share(stored.get())).array_dims();
    shape.insert(shape.end(), dims.begin(), dims.end());
  }
  return shape;
}

Shape shape_for_type(const Shape& data_shape, const Datatype& type) {
  if (type.type_class() != TypeClass::array) return data_shape;
  const Shape dims = type.array_dims();
  if (dims.size() > data_shape.size() || !std::equal(dims.rbegin(), dims.rend(), data_shape.rbegin())) return data_shape;
  return Shape(data_shape.begin(), data_shape.end() - static_cast<std::ptrdiff_t>(dims.size()));
}

std::size_t adapt_to_stored_array(hid_t stored, Datatype& mem_type) {
  if (H5Tget_class(stored) != H5T_ARRAY || H5Tget_class(mem_type.id()) == H5T_ARRAY) return 1;
  const Shape dims = Datatype(Handle::share(stored)).array_dims();
  mem_type = Datatype::array(mem_type, dims);
  return element_count(dims);
}

void adapt_to_stored_bitfield(hid_t stored, Datatype& mem_type) {
  if (H5Tget_class(stored) != H5T_BITFIELD || H5Tget_class(mem_type.id()) != H5T_INTEGER) return;
  if (H5Tget_sign(mem_type.id()) != H5T_SGN_NONE || H5Tget_size(mem_type.id()) != H5Tget_size(stored)) return;
  mem_type = Datatype::bitfield(mem_type.size());  // native order: HDF5 swaps a big-endian stored one
}

H5T_class_t value_class(hid_t type) {
  const H5T_class_t c = H5Tget_class(type);
  if (c != H5T_ARRAY) return c;
  const hid_t base = H5Tget_super(type);
  if (base < 0) return c;
  const H5T_class_t base_class = H5Tget_class(base);
  H5Tclose(base);
  return base_class;
}

// ---- enums ----

namespace {

using Members = std::vector<std::pair<std::string, std::int64_t>>;

Members enum_members_of(hid_t type) { return Datatype(Handle::share(type)).enum_members(); }

bool same_members(Members a, Members b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

bool is_bool_type(hid_t type) { return Datatype(Handle::share(type)).is_bool(); }

std::string names_of(const Members& members) {
  std::string out;
  for (const auto& [name, value] : members) out += (out.empty() ? "" : ", ") + name + "=" + std::to_string(value);
  return out;
}

const std::string* name_for(const Members& members, std::int64_t value) {
  for (const auto& [name, v] : members)
    if (v == value) return &name;
  return nullptr;
}

const std::int64_t* value_for(const Members& members, const std::string& name) {
  for (const auto& [n, value] : members)
    if (n == name) return &value;
  return nullptr;
}

// The integer type that holds an enum's values (the type itself for integers).
Datatype integer_part(hid_t type) {
  const Datatype t(Handle::share(type));
  return t.type_class() == TypeClass::enumeration ? t.super() : t;
}

// n values of `from` (an integer type) as int64, and back.
std::vector<std::int64_t> to_int64(const Datatype& from, const void* values, std::size_t n) {
  std::vector<std::int64_t> out(std::max<std::size_t>(n, 1));
  std::memcpy(out.data(), values, n * from.size());
  checked(H5Tconvert(from.id(), H5T_NATIVE_INT64, n, out.data(), nullptr, H5P_DEFAULT), "convert enum values", Where{});
  return out;
}

void from_int64(std::vector<std::int64_t> values, const Datatype& to, void* out, std::size_t n) {
  checked(H5Tconvert(H5T_NATIVE_INT64, to.id(), n, values.data(), nullptr, H5P_DEFAULT), "convert enum values", Where{});
  std::memcpy(out, values.data(), n * to.size());
}

bool fits(std::int64_t v, const Datatype& integer) {
  const std::size_t bits = 8 * integer.size();
  if (integer.is_signed()) {
    if (bits >= 64) return true;
    const std::int64_t limit = std::int64_t{1} << (bits - 1);
    return v >= -limit && v < limit;
  }
  if (v < 0) return false;
  return bits >= 64 || v < (std::int64_t{1} << bits);
}

}  // namespace

bool needs_enum_mapping(hid_t stored, hid_t memory) {
  const H5T_class_t s = H5Tget_class(stored), m = H5Tget_class(memory);
  if (s != H5T_ENUM && m != H5T_ENUM) return false;
  if (H5Tequal(stored, memory) > 0) return false;
  if (s == H5T_ENUM && m == H5T_ENUM) return !same_members(enum_members_of(stored), enum_members_of(memory));
  // Integers read into and written from enums (h5py reads an enum as its base integer); bool keeps
  // its own stricter rule (only bools are bools).
  if (s == H5T_ENUM && m == H5T_INTEGER) return !is_bool_type(stored);
  if (s == H5T_INTEGER && m == H5T_ENUM) return !is_bool_type(memory);
  return false;
}

void read_enum_values(const IoTarget& t, hid_t stored, const Datatype& mem_type, void* buffer, std::size_t count) {
  const char* op = t.is_attribute ? "read attribute" : "read dataset";
  const bool stored_enum = H5Tget_class(stored) == H5T_ENUM;
  const bool mem_enum = mem_type.type_class() == TypeClass::enumeration;
  const Datatype stored_type(Handle::share(stored));
  // The stored values as they are (a native copy of the stored type converts nothing but byte order).
  const Datatype raw_type(Handle(checked(H5Tget_native_type(stored, H5T_DIR_ASCEND), op, Where{t.id})));
  std::vector<unsigned char> raw(std::max<std::size_t>(count * raw_type.size(), 1));
  read_raw(t, raw_type, raw.data(), count);
  std::vector<std::int64_t> values = to_int64(integer_part(raw_type.id()), raw.data(), count);
  const Members stored_members = stored_enum ? stored_type.enum_members() : Members{};
  const Members mem_members = mem_enum ? mem_type.enum_members() : Members{};
  const Datatype mem_integer = integer_part(mem_type.id());
  for (std::size_t i = 0; i < count; ++i) {
    const std::int64_t v = values[i];
    // Built only on the way to an error: attribute_prefix asks HDF5 for the attribute's name.
    auto at = [&] { return attribute_prefix(t) + "element " + std::to_string(i) + " holds " + std::to_string(v); };
    if (stored_enum && mem_enum) {
      const std::string* name = name_for(stored_members, v);
      if (!name)
        reject(ErrorKind::type_mismatch, op, Where{t.id},
               at() + ", which is not a member of the stored " + stored_type.name());
      const std::int64_t* mapped = value_for(mem_members, *name);
      if (!mapped)
        reject(ErrorKind::type_mismatch, op, Where{t.id},
               at() + " (" + *name + "), which the C++ enum does not have; its names are " + names_of(mem_members));
      values[i] = *mapped;
    } else if (mem_enum) {
      if (!name_for(mem_members, v))
        reject(ErrorKind::type_mismatch, op, Where{t.id},
               at() + ", which is not a value of the C++ enum; its names are " + names_of(mem_members));
    } else if (!fits(v, mem_integer)) {
      reject(ErrorKind::type_mismatch, op, Where{t.id}, at() + ", which does not fit " + mem_integer.name());
    }
  }
  from_int64(std::move(values), mem_integer, buffer, count);
}

void write_enum_values(const IoTarget& t, hid_t stored, const Datatype& mem_type, const void* buffer,
                       const Shape& mem_shape) {
  const char* op = t.is_attribute ? "write attribute" : "write dataset";
  const std::size_t n = element_count(mem_shape);
  const bool stored_enum = H5Tget_class(stored) == H5T_ENUM;
  const bool mem_enum = mem_type.type_class() == TypeClass::enumeration;
  const Datatype stored_type(Handle::share(stored));
  std::vector<std::int64_t> values = to_int64(integer_part(mem_type.id()), buffer, n);
  const Members stored_members = stored_enum ? stored_type.enum_members() : Members{};
  const Members mem_members = mem_enum ? mem_type.enum_members() : Members{};
  const Datatype raw_type(Handle(checked(H5Tget_native_type(stored, H5T_DIR_ASCEND), op, Where{t.id})));
  const Datatype stored_integer = integer_part(raw_type.id());
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t v = values[i];
    auto at = [&] { return attribute_prefix(t) + "element " + std::to_string(i) + " is " + std::to_string(v); };
    const std::string* name = mem_enum ? name_for(mem_members, v) : nullptr;
    if (mem_enum && !name)
      reject(ErrorKind::invalid_argument, op, Where{t.id},
             at() + ", which is not a value of the C++ enum; nothing was written");
    if (stored_enum && mem_enum) {
      const std::int64_t* mapped = value_for(stored_members, *name);
      if (!mapped)
        reject(ErrorKind::type_mismatch, op, Where{t.id},
               at() + " (" + *name + "), which the stored " + stored_type.name() + " does not have; nothing was written");
      values[i] = *mapped;
    } else if (stored_enum && !name_for(stored_members, v)) {
      reject(ErrorKind::invalid_argument, op, Where{t.id},
             at() + ", which is not a member of the stored " + stored_type.name() + "; nothing was written");
    } else if (!fits(v, stored_integer)) {
      reject(ErrorKind::invalid_argument, op, Where{t.id},
             at() + ", which does not fit the stored " + stored_integer.name() + "; nothing was written");
    }
  }
  std::vector<unsigned char> raw(std::max<std::size_t>(n * std::max<std::size_t>(raw_type.size(), 8), 8));
  from_int64(std::move(values), stored_integer, raw.data(), n);
  write_raw(t, raw_type, raw.data(), mem_shape);
}

}  // namespace h5kit::detail

#include "h5kit/datatype.hpp"

#include <hdf5.h>

#include <cstring>

#include "detail/checked.hpp"
#include "detail/h5_text.hpp"
#include "detail/scalar_names.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

namespace {

Datatype predefined(hid_t id) { return Datatype(Handle(id, /*owned=*/false)); }

// Types built once and shared by every thread; HDF5 releases them at exit.
Datatype shared(hid_t id) {
  checked(H5Tlock(id), "lock shared type", Where{}, ErrorKind::invalid_argument);
  return Datatype(Handle(id, /*owned=*/false));
}

// Type builders run on constant, known-good arguments; a failure here is a broken HDF5 install.
void build(herr_t status, std::string_view operation) { checked(status, operation, Where{}); }

hid_t new_type(hid_t from, std::string_view operation) {
  detail::silence_hdf5_errors();
  return checked(H5Tcopy(from), operation, Where{}, ErrorKind::invalid_argument);
}

Datatype make_complex(hid_t part, std::size_t part_size) {
  const hid_t t = checked(H5Tcreate(H5T_COMPOUND, 2 * part_size), "create complex type", Where{});
  build(H5Tinsert(t, "r", 0, part), "create complex type");
  build(H5Tinsert(t, "i", part_size, part), "create complex type");
  return shared(t);
}

}  // namespace

Datatype Datatype::int8() { return predefined(H5T_NATIVE_INT8); }
Datatype Datatype::int16() { return predefined(H5T_NATIVE_INT16); }
Datatype Datatype::int32() { return predefined(H5T_NATIVE_INT32); }
Datatype Datatype::int64() { return predefined(H5T_NATIVE_INT64); }
Datatype Datatype::uint8() { return predefined(H5T_NATIVE_UINT8); }
Datatype Datatype::uint16() { return predefined(H5T_NATIVE_UINT16); }
Datatype Datatype::uint32() { return predefined(H5T_NATIVE_UINT32); }
Datatype Datatype::uint64() { return predefined(H5T_NATIVE_UINT64); }
Datatype Datatype::float32() { return predefined(H5T_NATIVE_FLOAT); }
Datatype Datatype::float64() { return predefined(H5T_NATIVE_DOUBLE); }

Datatype Datatype::boolean() {
  static const Datatype type = [] {
    const hid_t t = checked(H5Tenum_create(H5T_NATIVE_INT8), "create bool type", Where{});
    const std::int8_t no = 0, yes = 1;
    build(H5Tenum_insert(t, "FALSE", &no), "create bool type");
    build(H5Tenum_insert(t, "TRUE", &yes), "create bool type");
    return shared(t);
  }();
  return type;
}

Datatype Datatype::complex64() {
  static const Datatype type = make_complex(H5T_NATIVE_FLOAT, sizeof(float));
  return type;
}

Datatype Datatype::complex128() {
  static const Datatype type = make_complex(H5T_NATIVE_DOUBLE, sizeof(double));
  return type;
}

Datatype Datatype::variable_string(CharSet charset) {
  static const Datatype utf8 = [] {
    const hid_t t = new_type(H5T_C_S1, "create string type");
    build(H5Tset_size(t, H5T_VARIABLE), "create string type");
    build(H5Tset_cset(t, H5T_CSET_UTF8), "create string type");
    return shared(t);
  }();
  static const Datatype ascii = [] {
    const hid_t t = new_type(H5T_C_S1, "create string type");
    build(H5Tset_size(t, H5T_VARIABLE), "create string type");
    build(H5Tset_cset(t, H5T_CSET_ASCII), "create string type");
    return shared(t);
  }();
  return charset == CharSet::utf8 ? utf8 : ascii;
}

Datatype Datatype::fixed_string(std::size_t size, CharSet charset) {
  if (size == 0)
    detail::reject(ErrorKind::invalid_argument, "create fixed-length string type", Where{},
                   "the length must be at least 1 byte");
  const hid_t t = new_type(H5T_C_S1, "create fixed-length string type");
  Datatype type{Handle(t)};
  checked(H5Tset_size(t, size), "set string length", Where{}, ErrorKind::invalid_argument);
  build(H5Tset_strpad(t, H5T_STR_NULLPAD), "create fixed-length string type");
  build(H5Tset_cset(t, charset == CharSet::utf8 ? H5T_CSET_UTF8 : H5T_CSET_ASCII), "create fixed-length string type");
  return type;
}

namespace detail {
Datatype enum_type_from(const Datatype& base, const char* const* names, const std::int64_t* values, std::size_t n) {
  silence_hdf5_errors();
  Datatype type{Handle(checked(H5Tenum_create(base.id()), "create enum type", Where{}, ErrorKind::invalid_argument))};
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char buf[sizeof(std::int64_t)] = {};
    std::memcpy(buf, &values[i], sizeof values[i]);
    checked(H5Tconvert(H5T_NATIVE_INT64, base.id(), 1, buf, nullptr, H5P_DEFAULT), "convert enum value", Where{},
            ErrorKind::invalid_argument);
    checked(H5Tenum_insert(type.id(), names[i], buf), "insert enum member", Where{}, ErrorKind::invalid_argument,
            std::string("member ") + names[i]);
  }
  return type;
}
}  // namespace detail

Datatype Datatype::enumeration(const Datatype& base, const std::vector<std::pair<std::string, std::int64_t>>& members) {
  std::vector<const char*> names;
  std::vector<std::int64_t> values;
  for (const auto& [name, value] : members) {
    names.push_back(name.c_str());
    values.push_back(value);
  }
  return detail::enum_type_from(base, names.data(), values.data(), members.size());
}

Datatype Datatype::compound(std::size_t size, const std::vector<CompoundMember>& members) {
  detail::silence_hdf5_errors();
  Datatype type{Handle(checked(H5Tcreate(H5T_COMPOUND, size), "create compound type", Where{},
                               ErrorKind::invalid_argument))};
  for (const auto& m : members)
    checked(H5Tinsert(type.id(), m.name.c_str(), m.offset, m.type.id()), "insert compound member", Where{},
            ErrorKind::invalid_argument, "member " + m.name);
  return type;
}

Datatype Datatype::object_reference() { return predefined(H5T_STD_REF_OBJ); }
Datatype Datatype::region_reference() { return predefined(H5T_STD_REF_DSETREG); }

// ---- structured types (array, vlen, compound helpers) ----
Datatype Datatype::array(const Datatype& base, const Shape& dims) {
  const char* op = "create array type";
  if (dims.empty() || dims.size() > H5S_MAX_RANK)
    detail::reject(ErrorKind::invalid_argument, op, Where{},
                   "an array type needs 1 to " + std::to_string(H5S_MAX_RANK) + " dimensions, got " +
                       std::to_string(dims.size()));
  for (std::size_t d : dims)
    if (d == 0)
      detail::reject(ErrorKind::invalid_argument, op, Where{},
                     "array dimensions must be at least 1, got " + to_string(dims));
  detail::silence_hdf5_errors();
  const std::vector<hsize_t> h(dims.begin(), dims.end());
  return Datatype(Handle(checked(H5Tarray_create2(base.id(), static_cast<unsigned>(h.size()), h.data()), op,
                                 Where{}, ErrorKind::invalid_argument, "of " + base.name())));
}

Datatype Datatype::vlen(const Datatype& base) {
  detail::silence_hdf5_errors();
  return Datatype(Handle(checked(H5Tvlen_create(base.id()), "create variable-length type", Where{},
                                 ErrorKind::invalid_argument, "of " + base.name())));
}

Datatype Datatype::packed() const {
  detail::silence_hdf5_errors();
  Datatype copy(Handle(checked(H5Tcopy(id()), "pack compound type", Where{}, ErrorKind::invalid_argument)));
  checked(H5Tpack(copy.id()), "pack compound type", Where{}, ErrorKind::type_mismatch, name());
  return copy;
}

std::optional<CompoundMember> Datatype::member(const std::string& member_name) const {
  if (type_class() != TypeClass::compound) return std::nullopt;
  detail::silence_hdf5_errors();
  const int index = H5Tget_member_index(id(), member_name.c_str());
  if (index < 0) {
    H5Eclear2(H5E_DEFAULT);
    return std::nullopt;
  }
  const auto idx = static_cast<unsigned>(index);
  return CompoundMember{member_name, H5Tget_member_offset(id(), idx),
                        Datatype(Handle(checked(H5Tget_member_type(id(), idx), "get compound member", Where{},
                                                ErrorKind::type_mismatch, member_name)))};
}
// ---- end of structured types ----

TypeClass Datatype::type_class() const {
  switch (H5Tget_class(id())) {
    case H5T_INTEGER: return TypeClass::integer;
    case H5T_FLOAT: return TypeClass::floating;
    case H5T_STRING: return TypeClass::string;
    case H5T_BITFIELD: return TypeClass::bitfield;
    case H5T_OPAQUE: return TypeClass::opaque;
    case H5T_COMPOUND: return TypeClass::compound;
    case H5T_REFERENCE: return TypeClass::reference;
    case H5T_ENUM: return TypeClass::enumeration;
    case H5T_VLEN: return TypeClass::vlen;
    case H5T_ARRAY: return TypeClass::array;
    case H5T_TIME: return TypeClass::time;
    default: return TypeClass::unknown;
  }
}

std::size_t Datatype::size() const {
  detail::silence_hdf5_errors();
  const std::size_t n = H5Tget_size(id());
  if (n == 0) detail::fail(ErrorKind::invalid_argument, "get type size", Where{id()});
  return n;
}

bool Datatype::is_signed() const {
  const hid_t t = type_class() == TypeClass::enumeration ? H5Tget_super(id()) : H5Tcopy(id());
  const bool s = H5Tget_sign(t) == H5T_SGN_2;
  H5Tclose(t);
  return s;
}

bool Datatype::is_variable_string() const { return H5Tget_class(id()) == H5T_STRING && H5Tis_variable_str(id()) > 0; }
bool Datatype::is_fixed_string() const { return H5Tget_class(id()) == H5T_STRING && H5Tis_variable_str(id()) == 0; }
CharSet Datatype::charset() const { return H5Tget_cset(id()) == H5T_CSET_UTF8 ? CharSet::utf8 : CharSet::ascii; }

bool Datatype::is_bool() const {
  if (type_class() != TypeClass::enumeration || H5Tget_nmembers(id()) != 2) return false;
  const auto m = enum_members();
  return m[0].first == "FALSE" && m[0].second == 0 && m[1].first == "TRUE" && m[1].second == 1;
}

bool Datatype::is_complex() const {
  if (type_class() != TypeClass::compound || H5Tget_nmembers(id()) != 2) return false;
  const auto m = members();
  return m[0].name == "r" && m[1].name == "i" && m[0].type.type_class() == TypeClass::floating &&
         m[0].type == m[1].type && m[0].offset == 0 && m[1].offset == m[0].type.size();
}

bool Datatype::is_region_reference() const {
  // Object and region references share the reference class; only the size and H5Tequal tell them apart.
  detail::silence_hdf5_errors();
  return H5Tget_class(id()) == H5T_REFERENCE && H5Tequal(id(), H5T_STD_REF_DSETREG) > 0;
}

std::vector<CompoundMember> Datatype::members() const {
  std::vector<CompoundMember> out;
  const int n = H5Tget_nmembers(id());
  for (int i = 0; i < n; ++i) {
    const auto idx = static_cast<unsigned>(i);
    out.push_back({detail::take_h5_string(H5Tget_member_name(id(), idx)), H5Tget_member_offset(id(), idx),
                   Datatype(Handle(H5Tget_member_type(id(), idx)))});
  }
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> Datatype::enum_members() const {
  std::vector<std::pair<std::string, std::int64_t>> out;
  const int n = H5Tget_nmembers(id());
  const Datatype base = super();
  for (int i = 0; i < n; ++i) {
    const auto idx = static_cast<unsigned>(i);
    unsigned char buf[16] = {};
    checked(H5Tget_member_value(id(), idx, buf), "read enum members", Where{}, ErrorKind::type_mismatch);
    checked(H5Tconvert(base.id(), H5T_NATIVE_INT64, 1, buf, nullptr, H5P_DEFAULT), "read enum members", Where{},
            ErrorKind::type_mismatch);
    std::int64_t value;
    std::memcpy(&value, buf, sizeof value);
    out.emplace_back(detail::take_h5_string(H5Tget_member_name(id(), idx)), value);
  }
  return out;
}

Datatype Datatype::super() const {
  detail::silence_hdf5_errors();
  return Datatype(Handle(checked(H5Tget_super(id()), "get base type", Where{}, ErrorKind::type_mismatch)));
}

Shape Datatype::array_dims() const {
  const int n = H5Tget_array_ndims(id());
  if (n <= 0) return {};
  std::vector<hsize_t> dims(static_cast<std::size_t>(n));
  H5Tget_array_dims2(id(), dims.data());
  return Shape(dims.begin(), dims.end());
}

std::string Datatype::name() const {
  switch (type_class()) {
    case TypeClass::integer:
      return std::string(is_signed() ? "int" : "uint") + std::to_string(8 * size()) + detail::byte_order_suffix(id());
    case TypeClass::floating: return "float" + std::to_string(8 * size()) + detail::byte_order_suffix(id());
    case TypeClass::string: {
      const bool utf8 = charset() == CharSet::utf8;
      if (is_variable_string()) return utf8 ? "str" : "bytes";
      return "S" + std::to_string(size()) + (utf8 ? ":utf8" : "");
    }
    case TypeClass::enumeration: {
      if (is_bool()) return "bool";
      std::string out = "enum(" + super().name() + "){";
      bool first = true;
      for (const auto& [n, v] : enum_members()) {
        out += (first ? "" : ",") + n + "=" + std::to_string(v);
        first = false;
      }
      return out + "}";
    }
    case TypeClass::compound: {
      if (is_complex()) return "complex" + std::to_string(8 * size());
      std::string out = "compound{";
      bool first = true;
      for (const auto& m : members()) {
        out += (first ? "" : ",") + m.name + ":" + m.type.name();
        first = false;
      }
      return out + "}";
    }
    case TypeClass::reference: return H5Tequal(id(), H5T_STD_REF_OBJ) > 0 ? "ref" : "regionref";
    case TypeClass::opaque: return detail::opaque_name(id());
    case TypeClass::bitfield: return "bitfield" + std::to_string(8 * size());
    case TypeClass::array: return "array(" + super().name() + "," + to_string(array_dims()) + ")";
    case TypeClass::vlen: return "vlen(" + super().name() + ")";
    case TypeClass::time: return "time";
    case TypeClass::unknown: break;
  }
  return "unknown";
}

bool Datatype::operator==(const Datatype& other) const {
  if (id() == other.id()) return true;
  return H5Tequal(id(), other.id()) > 0;
}

}  // namespace h5kit

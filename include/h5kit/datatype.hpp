#pragma once
// HDF5 datatypes: the built-in numeric types, h5py's conventions for bool and complex, strings,
// enums, and introspection of any type found in a file.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "h5kit/detail/handle.hpp"
#include "h5kit/shape.hpp"

namespace h5kit {

enum class TypeClass { integer, floating, string, bitfield, opaque, compound, reference, enumeration, vlen, array,
                       time, unknown };
enum class CharSet { ascii, utf8 };
// Byte order of integer and floating-point types (and of enums over them); `none` for types that
// have none of their own (strings, opaque, compound...).
enum class ByteOrder { little, big, none };

class Datatype;
struct CompoundMember;  // defined after Datatype

class Datatype {
 public:
  Datatype() = default;
  explicit Datatype(detail::Handle handle) : handle_(std::move(handle)) {}

  // Native (this machine's) scalar types.
  static Datatype int8();
  static Datatype int16();
  static Datatype int32();
  static Datatype int64();
  static Datatype uint8();
  static Datatype uint16();
  static Datatype uint32();
  static Datatype uint64();
  static Datatype float32();
  static Datatype float64();
  // h5py's bool: an enum of int8 {FALSE = 0, TRUE = 1}.
  static Datatype boolean();
  // h5py's complex: a compound {r, i} of two float32 (complex64) or float64 (complex128).
  static Datatype complex64();
  static Datatype complex128();
  // Variable-length string (h5py's str is UTF-8).
  static Datatype variable_string(CharSet charset = CharSet::utf8);
  // Fixed-length string of `size` bytes, NUL-padded (h5py's numpy "S<size>").
  static Datatype fixed_string(std::size_t size, CharSet charset = CharSet::ascii);
  // An enum over an integer base type with the given (name, value) members.
  static Datatype enumeration(const Datatype& base, const std::vector<std::pair<std::string, std::int64_t>>& members);
  // A compound of `size` bytes; members at explicit offsets (what reflection computes for a struct).
  static Datatype compound(std::size_t size, const std::vector<CompoundMember>& members);
  // HDF5's object reference (hobj_ref_t).
  static Datatype object_reference();
  // HDF5 1.10's dataset region reference (hdset_reg_ref_t, 12 bytes; h5py.regionref_dtype).
  static Datatype region_reference();

  // ---- half floats, opaque tags, byte order (docs/types.md "Scalar types") ----
  // IEEE 754 binary16 laid out as h5py stores numpy float16 (HDF5 1.10 has no predefined half type).
  static Datatype float16();
  // `size` bytes HDF5 never interprets, labelled with `tag` (at most 255 bytes). numpy's "V<size>"
  // is an opaque type with an empty tag; h5py.opaque_dtype(dt) tags it "NUMPY:" + dt.str.
  static Datatype opaque(std::size_t size, std::string_view tag = {});
  // HDF5's bitfield of 1, 2, 4 or 8 bytes (B8..B64, native order): bits without a numeric meaning,
  // as instruments store status flags. They are read and written as unsigned integers of the same
  // size (uint8..uint64), as h5py does; with_byte_order() gives the big-endian ones.
  static Datatype bitfield(std::size_t bytes);
  std::string tag() const;                                  // opaque types; "" for any other
  ByteOrder byte_order() const;                             // integer, float, enum, bitfield; none otherwise
  // A copy in the given byte order (integer, float, enum and bitfield types; InvalidArgumentError otherwise).
  // Datatype::int32().with_byte_order(ByteOrder::big) is HDF5's H5T_STD_I32BE.
  Datatype with_byte_order(ByteOrder order) const;
  // ---- end of the scalar-type additions ----

  // ---- structured types (array, vlen, compound helpers) ----
  // An HDF5 array type: every element holds a fixed block of `dims` values of `base` (h5py's "(3,)f4").
  static Datatype array(const Datatype& base, const Shape& dims);
  // A variable-length sequence of `base` values (h5py's vlen_dtype); each element is a ragged row.
  static Datatype vlen(const Datatype& base);
  // The compound with its members moved next to each other (no padding), as h5py stores numpy dtypes.
  Datatype packed() const;
  // The member called `name`, or nullopt (compound types).
  std::optional<CompoundMember> member(const std::string& name) const;
  // ---- end of structured types ----

  TypeClass type_class() const;
  std::size_t size() const;
  bool is_signed() const;                // integer and enum base types
  bool is_variable_string() const;
  bool is_fixed_string() const;
  CharSet charset() const;               // string types
  bool is_bool() const;                  // h5py's bool enum
  bool is_complex() const;               // h5py's complex compound
  bool is_region_reference() const;      // HDF5 1.10's hdset_reg_ref_t (h5py.regionref_dtype)
  std::vector<CompoundMember> members() const;                                // compound
  std::vector<std::pair<std::string, std::int64_t>> enum_members() const;     // enum
  Datatype super() const;                // enum base, array/vlen element
  Shape array_dims() const;              // array types

  // numpy-style name: "int32", "float64", "float16", "bool", "complex128", "str" (variable UTF-8),
  // "bytes" (variable ASCII), "S10" / "S10:utf8" (fixed 10 bytes, ASCII / UTF-8), "enum(int8){A=0,B=1}",
  // "compound{x:int32,y:int32}", "ref", "opaque(16)" / "opaque(16,\"tag\")", "datetime64[ns]" /
  // "timedelta64[s]" (h5py's tagged opaque time types), "array(float32,(3,))", "vlen(int32)".
  // Big-endian numbers carry a "be" suffix ("int32be", "float64be"); little-endian ones none.
  std::string name() const;

  // True for a named type stored in a file (Group::commit_type, Group::open_type, or the type of a
  // dataset created with one); h5py's Datatype objects and `dset.id.get_type().committed()`.
  bool is_committed() const;

  // Same HDF5 type (class, size, order, members...).
  bool operator==(const Datatype& other) const;

  detail::hid id() const noexcept { return handle_.get(); }
  bool valid() const noexcept { return handle_.valid(); }

 private:
  detail::Handle handle_;
};

// h5py's h5py.Empty: a dataset or attribute with a type but no dataspace.
struct Empty {
  Datatype type;
};

struct CompoundMember {
  std::string name;
  std::size_t offset = 0;
  Datatype type;
};

}  // namespace h5kit

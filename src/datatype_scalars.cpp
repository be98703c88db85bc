// Datatype's scalar-type additions: IEEE half floats, opaque tags and byte order.
#include <hdf5.h>

#include "detail/checked.hpp"
#include "detail/h5_text.hpp"
#include "detail/numpy_time.hpp"
#include "detail/scalar_names.hpp"
#include "h5kit/datatype.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

Datatype Datatype::float16() {
  // h5py's recipe for numpy float16: a float32 with binary16's fields (sign bit 15, exponent bits
  // 10-14, mantissa bits 0-9) and bias 15. H5Tequal holds between this and what h5py writes.
  static const Datatype type = [] {
    detail::silence_hdf5_errors();
    const hid_t t = checked(H5Tcopy(H5T_IEEE_F32LE), "create float16 type", Where{});
    checked(H5Tset_fields(t, 15, 10, 5, 0, 10), "create float16 type", Where{});
    checked(H5Tset_size(t, 2), "create float16 type", Where{});
    checked(H5Tset_ebias(t, 15), "create float16 type", Where{});
    checked(H5Tlock(t), "create float16 type", Where{});
    return Datatype(Handle(t, /*owned=*/false));
  }();
  return type;
}

Datatype Datatype::opaque(std::size_t size, std::string_view tag) {
  const char* op = "create opaque type";
  if (size == 0) detail::reject(ErrorKind::invalid_argument, op, Where{}, "the size must be at least 1 byte");
  if (tag.size() >= H5T_OPAQUE_TAG_MAX)
    detail::reject(ErrorKind::invalid_argument, op, Where{},
                   "the tag is " + std::to_string(tag.size()) + " bytes; HDF5 allows at most " +
                       std::to_string(H5T_OPAQUE_TAG_MAX - 1));
  if (tag.find('\0') != std::string_view::npos)
    detail::reject(ErrorKind::invalid_argument, op, Where{}, "the tag contains a NUL byte");
  detail::silence_hdf5_errors();
  Datatype type{Handle(checked(H5Tcreate(H5T_OPAQUE, size), op, Where{}, ErrorKind::invalid_argument))};
  // An opaque type without a tag and one with the empty tag are the same to HDF5 and h5py ("V8").
  if (!tag.empty())
    checked(H5Tset_tag(type.id(), std::string(tag).c_str()), op, Where{}, ErrorKind::invalid_argument);
  if (detail::parse_numpy_time_tag(tag)) detail::register_numpy_time_conversion();
  return type;
}

std::string Datatype::tag() const {
  if (H5Tget_class(id()) != H5T_OPAQUE) return {};
  return detail::take_h5_string(H5Tget_tag(id()));
}

Datatype Datatype::bitfield(std::size_t bytes) {
  switch (bytes) {
    case 1: return Datatype(Handle(H5T_NATIVE_B8, /*owned=*/false));
    case 2: return Datatype(Handle(H5T_NATIVE_B16, /*owned=*/false));
    case 4: return Datatype(Handle(H5T_NATIVE_B32, /*owned=*/false));
    case 8: return Datatype(Handle(H5T_NATIVE_B64, /*owned=*/false));
    default: break;
  }
  detail::reject(ErrorKind::invalid_argument, "create bitfield type", Where{},
                 "a bitfield is 1, 2, 4 or 8 bytes (HDF5's B8 to B64), not " + std::to_string(bytes));
}

ByteOrder Datatype::byte_order() const {
  // Strings report an order too (HDF5 gives variable-length ones one); only numbers have a meaningful one.
  const H5T_class_t c = H5Tget_class(id());
  if (c != H5T_INTEGER && c != H5T_FLOAT && c != H5T_ENUM && c != H5T_BITFIELD) return ByteOrder::none;
  switch (H5Tget_order(id())) {
    case H5T_ORDER_LE: return ByteOrder::little;
    case H5T_ORDER_BE: return ByteOrder::big;
    default: return ByteOrder::none;
  }
}

Datatype Datatype::with_byte_order(ByteOrder order) const {
  const char* op = "set byte order";
  const H5T_class_t c = H5Tget_class(id());
  if ((c != H5T_INTEGER && c != H5T_FLOAT && c != H5T_ENUM && c != H5T_BITFIELD) || order == ByteOrder::none)
    detail::reject(ErrorKind::invalid_argument, op, Where{},
                   "only integer, floating-point, enum and bitfield types have a byte order to choose; this type is " +
                       name());
  detail::silence_hdf5_errors();
  Datatype copy{Handle(checked(H5Tcopy(id()), op, Where{}))};
  checked(H5Tset_order(copy.id(), order == ByteOrder::big ? H5T_ORDER_BE : H5T_ORDER_LE), op, Where{},
          ErrorKind::invalid_argument);
  return copy;
}

namespace detail {

const char* byte_order_suffix(hid_t type) { return H5Tget_order(type) == H5T_ORDER_BE ? "be" : ""; }

std::string opaque_name(hid_t type) {
  const std::string size = std::to_string(H5Tget_size(type));
  const std::string tag = take_h5_string(H5Tget_tag(type));
  if (const auto unit = parse_numpy_time_tag(tag); unit && size == "8")
    return std::string(unit->big_endian ? ">" : "") + (unit->kind == 'M' ? "datetime64[" : "timedelta64[") + unit->unit +
           "]";
  if (tag.empty()) return "opaque(" + size + ")";
  return "opaque(" + size + ",\"" + tag + "\")";
}

}  // namespace detail

}  // namespace h5kit

// The compiled side of all data I/O (see include/h5kit/detail/io.hpp): shape and type checks, then
// one H5Dread/H5Dwrite/H5Aread/H5Awrite per call.
#include "h5kit/detail/io.hpp"

#include <hdf5.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <type_traits>
#include <vector>

#include "detail/broadcast.hpp"
#include "detail/checked.hpp"
#include "detail/field_selection.hpp"
#include "detail/dataspace.hpp"
#include "detail/h5_text.hpp"
#include "detail/stored_type_check.hpp"
#include "detail/unwritten.hpp"
#include "detail/utf8.hpp"
#include "h5kit/float16.hpp"
#include "detail/element_hooks.hpp"
#include "detail/plists.hpp"
#include "detail/vlen_reclaim.hpp"

namespace h5kit::detail {

namespace {

Where where_of(const IoTarget& t) { return Where{t.id}; }

Handle stored_space(const IoTarget& t) {
  silence_hdf5_errors();
  const hid_t space = t.is_attribute ? H5Aget_space(t.id) : H5Dget_space(t.id);
  return Handle(checked(space, "get dataspace", where_of(t)));
}


// The file dataspace with the target's selection (whole when none).
Handle file_selection(const IoTarget& t, const char* operation) {
  if (t.file_space >= 0) return Handle(t.file_space, /*owned=*/false);
  Handle space = stored_space(t);
  if (t.offset) select_block(space.get(), *t.offset, *t.count, operation, where_of(t));
  return space;
}

bool numeric(H5T_class_t c) { return c == H5T_INTEGER || c == H5T_FLOAT; }

// The numpy-style name of a type we hold only as an identifier, for messages.
std::string type_name(hid_t type) { return Datatype(Handle::share(type)).name(); }

// HDF5 converts between any two numeric types (and between enums, compounds by member name...);
// h5kit refuses the pairs that make no sense instead of letting HDF5 fail deep in the conversion.
bool opaque_pair(hid_t a, hid_t b) { return H5Tget_class(a) == H5T_OPAQUE && H5Tget_class(b) == H5T_OPAQUE; }

// Opaque types differ by size and tag; HDF5 converts between two of them only along a registered
// path (h5kit registers numpy's time units), so anything else is named here, tags and all.
void check_opaque_path(const IoTarget& t, hid_t stored, hid_t memory, const char* operation) {
  H5T_cdata_t* cdata = nullptr;
  if (H5Tfind(stored, memory, &cdata) != nullptr) return;
  H5Eclear2(H5E_DEFAULT);
  auto describe_opaque = [](hid_t type) {
    return "tag \"" + take_h5_string(H5Tget_tag(type)) + "\" (" + std::to_string(H5Tget_size(type)) + " bytes)";
  };
  reject(ErrorKind::type_mismatch, operation, where_of(t),
         attribute_prefix(t) + "stored opaque type has " + describe_opaque(stored) + ", the requested one has " +
             describe_opaque(memory));
}

void check_convertible(const IoTarget& t, hid_t stored, hid_t memory, const char* operation) {
  const H5T_class_t s = H5Tget_class(stored), m = H5Tget_class(memory);
  if (s == H5T_OPAQUE && m == H5T_OPAQUE) return check_opaque_path(t, stored, memory, operation);
  if (s == m || (numeric(s) && numeric(m))) return;
  const std::string found = type_name(stored);
  const std::string wanted = type_name(memory);
  reject(ErrorKind::type_mismatch, operation, where_of(t),
         attribute_prefix(t) + "stored type is " + found + ", which cannot be read or written as " + wanted);
}

// HDF5 converts numbers silently, clamping what does not fit (300 into int8 becomes 127); h5kit
// refuses instead. Between floating-point types IEEE rules stay (too large becomes inf, as numpy).
H5T_conv_ret_t refuse_overflow(H5T_conv_except_t except, hid_t, hid_t dst, void*, void*, void*) {
  if (H5Tget_class(dst) == H5T_FLOAT) return H5T_CONV_UNHANDLED;
  switch (except) {
    case H5T_CONV_EXCEPT_RANGE_HI:
    case H5T_CONV_EXCEPT_RANGE_LOW:
    case H5T_CONV_EXCEPT_PINF:
    case H5T_CONV_EXCEPT_NINF:
    case H5T_CONV_EXCEPT_NAN: return H5T_CONV_ABORT;
    default: return H5T_CONV_UNHANDLED;
  }
}

}  // namespace

hid_t range_checked_conversion() {
  static const hid_t plist = [] {
    const hid_t p = checked(H5Pcreate(H5P_DATASET_XFER), "create transfer properties", Where{});
    checked(H5Pset_type_conv_cb(p, refuse_overflow, nullptr), "create transfer properties", Where{});
    register_float16_conversions();  // before the first numeric conversion
    return p;
  }();
  return plist;
}

namespace {

// True when values must change representation on the way (int16 in the file, double in memory; a
// numpy time unit into another; numbers inside HDF5 array types); the caller knows the types differ.
bool numeric_conversion(hid_t stored, hid_t memory) {
  if (opaque_pair(stored, memory)) return true;
  if (!numeric(value_class(stored)) || !numeric(value_class(memory))) return false;
  if (H5Tget_class(stored) == H5T_ARRAY || H5Tget_class(memory) == H5T_ARRAY) return true;
  // A byte swap alone cannot overflow; HDF5 does it within the transfer, with no staging buffer.
  const H5T_order_t order = H5Tget_order(memory);
  if (H5Tget_order(stored) == order || (order != H5T_ORDER_LE && order != H5T_ORDER_BE)) return true;
  Handle reordered(H5Tcopy(stored));
  return H5Tset_order(reordered.get(), order) < 0 || H5Tequal(reordered.get(), memory) <= 0;
}

// Converts `n` values in place (the buffer holds n of the larger type); false when a value does not
// fit. `why` receives what a conversion function said about the failure (empty for range checks).
bool convert_checked(hid_t from, hid_t to, std::size_t n, void* buffer, std::string& why) {
  // Values change byte order in steps of their own (lossless swaps) and are converted between
  // native-order types: HDF5 1.10's soft integer conversion, taken whenever byte orders differ, misses
  // overflows (uint16 65535 big-endian into native int16 becomes -1, no exception), and h5kit's
  // float16 rounding is registered for native-order pairs.
  auto in_native_order = [](hid_t type) {
    Handle copy;
    if (!numeric(H5Tget_class(type)) || H5Tget_order(type) == H5Tget_order(H5T_NATIVE_INT)) return copy;
    copy = Handle(H5Tcopy(type));
    if (H5Tset_order(copy.get(), H5Tget_order(H5T_NATIVE_INT)) < 0) copy = Handle();
    return copy;
  };
  const Handle from_native = in_native_order(from), to_native = in_native_order(to);
  const hid_t a = from_native.valid() ? from_native.get() : from, b = to_native.valid() ? to_native.get() : to;
  herr_t status = 0;
  if (a != from) status = H5Tconvert(from, a, n, buffer, nullptr, H5P_DEFAULT);
  if (status >= 0) status = H5Tconvert(a, b, n, buffer, nullptr, range_checked_conversion());
  if (status >= 0 && b != to) status = H5Tconvert(b, to, n, buffer, nullptr, H5P_DEFAULT);
  if (status < 0) {
    // The innermost frame, "major: minor (description)", is the conversion function's own.
    const std::string stack = take_error_stack();
    const std::size_t last = stack.rfind("; ");
    const std::string frame = last == std::string::npos ? stack : stack.substr(last + 2);
    const std::size_t open = frame.find(" ("), close = frame.rfind(')');
    if (opaque_pair(from, to) && open != std::string::npos && close > open)
      why = ": " + frame.substr(open + 2, close - open - 2);
  }
  return status >= 0;
}

std::size_t conversion_buffer_size(hid_t a, hid_t b, std::size_t n) {
  return n * std::max(H5Tget_size(a), H5Tget_size(b));
}

}  // namespace

Handle stored_type_handle(const IoTarget& t) {
  if (t.stored_type >= 0) return Handle(t.stored_type, /*owned=*/false);
  silence_hdf5_errors();
  const hid_t type = t.is_attribute ? H5Aget_type(t.id) : H5Dget_type(t.id);
  Handle stored(checked(type, "get datatype", where_of(t)));
  // A type just read from the file is checked here, once per use; a dataset's cached type was
  // checked when the dataset opened (Dataset::type_damage_).
  if (const std::string damage = stored_type_damage(stored.get()); !damage.empty())
    reject(ErrorKind::type_mismatch, "get datatype", where_of(t), "the stored type is damaged: " + damage);
  return stored;
}

Handle pin_stored_type(IoTarget& t) {
  if (t.stored_type >= 0) return Handle();
  Handle type = stored_type_handle(t);
  t.stored_type = type.get();
  return type;
}

Shape selection_shape(const IoTarget& t) {
  if (t.selected_shape) return *t.selected_shape;
  if (t.count) return *t.count;
  Handle space = stored_space(t);
  if (H5Sget_simple_extent_type(space.get()) == H5S_NULL) return Shape{0};
  return extent_of(space.get());
}

Shape fit_rank(const IoTarget& t, const Shape& stored, int rank) {
  if (rank < 0 || static_cast<std::size_t>(rank) == stored.size()) return stored;
  const std::size_t n = element_count(stored);
  if (rank == 0 && n == 1) return {};
  if (rank == 0 && n == 0) {
    // A null dataspace (h5py's Empty) has no shape at all; calling it (0,) would send the reader
    // looking for an array of zero elements.
    const bool whole = t.file_space < 0 && t.offset == nullptr;
    const bool null_space = whole && H5Sget_simple_extent_type(stored_space(t).get()) == H5S_NULL;
    reject(ErrorKind::shape_mismatch, "read", where_of(t),
           attribute_prefix(t) + "there is no value to read into a scalar: " +
               (null_space ? std::string("the stored value is empty (a null dataspace, h5py's Empty)")
                           : "the data is empty (shape " + to_string(stored) + ")"));
  }
  // Axes of extent 1 can be dropped (or added in front) to fit a container of another rank.
  Shape squeezed;
  for (std::size_t d : stored)
    if (d != 1) squeezed.push_back(d);
  if (squeezed.size() <= static_cast<std::size_t>(rank)) {
    Shape fitted(static_cast<std::size_t>(rank) - squeezed.size(), 1);
    fitted.insert(fitted.end(), squeezed.begin(), squeezed.end());
    return fitted;
  }
  reject(ErrorKind::shape_mismatch, "read", where_of(t),
         attribute_prefix(t) + "stored shape " + to_string(stored) + " does not fit a container of rank " +
             std::to_string(rank));
}

namespace {
// Shapes match when equal, or equal once axes of extent 1 are ignored (HighFive's rule).
bool same_shape(const Shape& a, const Shape& b) {
  if (a == b) return true;
  if (element_count(a) != element_count(b)) return false;
  Shape sa, sb;
  std::copy_if(a.begin(), a.end(), std::back_inserter(sa), [](std::size_t d) { return d != 1; });
  std::copy_if(b.begin(), b.end(), std::back_inserter(sb), [](std::size_t d) { return d != 1; });
  return sa == sb;
}

// False when the data fits the target as it is, true when it must be spread over it (numpy's
// broadcasting, for selections only); throws when it does neither.
bool needs_broadcast(const IoTarget& t, const Shape& target_shape, const Shape& mem_shape, const char* op) {
  if (same_shape(target_shape, mem_shape)) return false;
  if (t.broadcast && broadcastable(mem_shape, target_shape)) return true;
  const std::string what = t.selected_shape ? "selection" : t.offset ? "selected block"
                           : t.is_attribute ? "attribute" : "dataset";
  reject(ErrorKind::shape_mismatch, op, where_of(t),
         attribute_prefix(t) + "data of shape " + to_string(mem_shape) + " does not fit the " + what + " of shape " +
             to_string(target_shape) + (t.broadcast ? " (nor broadcast to it)" : "") + "; nothing was written");
}

// Elements of `size` bytes repeated to fill `target_shape` (numpy's broadcasting).
std::vector<unsigned char> spread_bytes(const void* buffer, std::size_t size, const Shape& from, const Shape& to) {
  const std::vector<std::size_t> sources = broadcast_sources(from, to);
  std::vector<unsigned char> spread(sources.size() * size);
  const auto* in = static_cast<const unsigned char*>(buffer);
  for (std::size_t i = 0; i < sources.size(); ++i) std::memcpy(spread.data() + i * size, in + sources[i] * size, size);
  return spread;
}

// The memory dataspace for n contiguous elements: shaped like the file selection when it is one
// block or the whole dataset. HDF5 1.10 maps a chunked dataset's selection to chunks block by block
// only when both selections have the same shape; a flat (n,) memory space against a 2-D block
// makes it map every element on its own, about 9x slower for a (256, 16384) block of 1 MiB chunks.
Shape memory_shape(const IoTarget& t, hid_t file_space, std::size_t n) {
  Shape shape;
  if (t.count) shape = *t.count;
  else if (t.file_space < 0) shape = extent_of(file_space);
  else if (t.selected_shape) shape = *t.selected_shape;
  if (shape.empty() || element_count(shape) != n) return Shape{n};
  return shape;
}

// The one place data crosses into HDF5: n elements of mem_type between `buffer` and the target
// (an attribute whole, or a dataset's selected block as one flat run in memory).
template <class Buffer>
void transfer(const IoTarget& t, hid_t mem_type, Buffer buffer, std::size_t n, const char* op) {
  constexpr bool writing = std::is_same_v<Buffer, const void*>;
  silence_hdf5_errors();
  herr_t status;
  if (t.is_attribute) {
    if constexpr (writing) status = H5Awrite(t.id, mem_type, buffer);
    else status = H5Aread(t.id, mem_type, buffer);
    if (status < 0) fail(ErrorKind::file, op, where_of(t), attribute_prefix(t));
    return;
  }
  Handle file_space = file_selection(t, op);
  Handle mem_space = t.memory_space >= 0 ? Handle(t.memory_space, /*owned=*/false)
                                         : simple_space(memory_shape(t, file_space.get(), n), op, where_of(t));
  if constexpr (writing) status = H5Dwrite(t.id, mem_type, mem_space.get(), file_space.get(), H5P_DEFAULT, buffer);
  else {
    if (t.fill_before_read) fill_unwritten(t.id, mem_type, buffer, mem_space.get(), op);
    status = H5Dread(t.id, mem_type, mem_space.get(), file_space.get(), H5P_DEFAULT, buffer);
  }
  checked(status, op, where_of(t));
}

// Between a packed run of `bytes` and the elements of a caller's buffer that the target's memory
// selection picks (read_direct / write_direct with a conversion staged in a packed buffer).
void scatter(const IoTarget& t, hid_t mem_type, const void* packed, std::size_t bytes, void* buffer, const char* op) {
  struct Source {
    const void* data;
    std::size_t bytes;
  } source{packed, bytes};
  auto hand_over = [](const void** data, std::size_t* used, void* context) -> herr_t {
    const auto* s = static_cast<const Source*>(context);
    *data = s->data;
    *used = s->bytes;
    return 0;
  };
  checked(H5Dscatter(hand_over, &source, mem_type, t.memory_space, buffer), op, where_of(t));
}

void gather(const IoTarget& t, hid_t mem_type, const void* buffer, std::size_t bytes, void* packed, const char* op) {
  checked(H5Dgather(t.memory_space, buffer, mem_type, bytes, packed, nullptr, nullptr), op, where_of(t));
}

void transfer_write(const IoTarget& t, hid_t mem_type, const void* buffer, std::size_t n, const char* op) {
  transfer<const void*>(t, mem_type, buffer, n, op);
}

void transfer_read(const IoTarget& t, hid_t mem_type, void* buffer, std::size_t n, const char* op) {
  transfer<void*>(t, mem_type, buffer, n, op);
}
// Text stored as UTF-8 must be UTF-8 (h5py would fail to decode it), and a variable-length string
// ends at its first NUL, so a value holding one would be cut short.
void check_string_values(const IoTarget& t, hid_t stored, const std::string* strings, std::size_t n,
                         StringValues kind, const char* op) {
  const bool utf8 = H5Tget_cset(stored) == H5T_CSET_UTF8;
  const bool variable = H5Tis_variable_str(stored) > 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (utf8)
      if (const auto bad = first_invalid_utf8(strings[i])) {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned char>(strings[i][*bad]));
        reject(ErrorKind::invalid_argument, op, where_of(t),
               attribute_prefix(t) + "element " + std::to_string(i) + " is not valid UTF-8 (byte " + byte + " at offset " +
                   std::to_string(*bad) + ") and the stored type " + type_name(stored) +
                   " is UTF-8 text; store bytes in an ASCII type (h5kit::Bytes); nothing was written");
      }
    // h5py refuses to encode such text as ASCII, and its .asstr() fails on a file that holds it.
    if (!utf8 && kind == StringValues::text)
      if (const auto high = std::find_if(strings[i].begin(), strings[i].end(),
                                         [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
          high != strings[i].end()) {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned char>(*high));
        reject(ErrorKind::invalid_argument, op, where_of(t),
               attribute_prefix(t) + "element " + std::to_string(i) + " is not ASCII (byte " + byte + " at offset " +
                   std::to_string(high - strings[i].begin()) + ") and the stored type " + type_name(stored) +
                   " is ASCII text; store it in a UTF-8 string type, or as bytes (h5kit::Bytes); nothing was written");
      }
    if (variable)
      if (const std::size_t nul = strings[i].find('\0'); nul != std::string::npos)
        reject(ErrorKind::invalid_argument, op, where_of(t),
               attribute_prefix(t) + "element " + std::to_string(i) + " holds a NUL byte at offset " + std::to_string(nul) +
                   ", where a variable-length string would end; nothing was written");
  }
}

}  // namespace

void write_raw(const IoTarget& t, const Datatype& given_type, const void* buffer, const Shape& mem_shape) {
  const char* op = t.is_attribute ? "write attribute" : "write dataset";
  Handle stored = stored_type_handle(t);
  const Datatype element_type = t.fields ? field_memory_type(t, stored.get(), given_type, op) : given_type;
  const bool same_as_stored = H5Tequal(stored.get(), element_type.id()) > 0;
  Datatype mem_type = element_type;
  // Array and enum storage only matter when the types differ (the common case skips both checks).
  const std::size_t values_per_element = same_as_stored ? 1 : adapt_to_stored_array(stored.get(), mem_type);
  if (!same_as_stored) adapt_to_stored_bitfield(stored.get(), mem_type);
  if (!same_as_stored && needs_enum_mapping(stored.get(), mem_type.id()))
    return write_enum_values(t, stored.get(), mem_type, buffer, mem_shape);
  const bool same_type = same_as_stored || H5Tequal(stored.get(), mem_type.id()) > 0;
  if (!same_type) check_convertible(t, stored.get(), mem_type.id(), op);
  // Array-typed storage: shapes count the array's values too ((10,) of array(3) is (10, 3)).
  const Shape target_shape = values_per_element > 1 ? value_shape(t) : selection_shape(t);
  Shape shape = mem_shape;
  std::vector<unsigned char> spread;
  if (needs_broadcast(t, target_shape, mem_shape, op)) {
    spread = spread_bytes(buffer, element_type.size(), mem_shape, target_shape);
    buffer = spread.data();
    shape = target_shape;
  }
  const std::size_t n = element_count(shape) / values_per_element;
  if (n == 0) return;
  if (!same_type && numeric_conversion(stored.get(), mem_type.id())) {
    // Convert everything before writing anything, so a value that does not fit writes nothing. The
    // values are packed first when they sit at a memory selection (write_direct).
    std::vector<unsigned char> converted(conversion_buffer_size(stored.get(), mem_type.id(), n));
    IoTarget packed = t;
    packed.memory_space = invalid_hid;
    if (t.memory_space >= 0) gather(t, mem_type.id(), buffer, n * mem_type.size(), converted.data(), op);
    else std::memcpy(converted.data(), buffer, n * mem_type.size());
    std::string why;
    if (!convert_checked(mem_type.id(), stored.get(), n, converted.data(), why))
      reject(ErrorKind::invalid_argument, op, where_of(t),
             attribute_prefix(t) + "a value does not fit the stored type " + type_name(stored.get()) +
                 " (converting from " + mem_type.name() + ")" + why + "; nothing was written");
    transfer_write(packed, stored.get(), converted.data(), n, op);
    return;
  }
  transfer_write(t, mem_type.id(), buffer, n, op);
}

void read_raw(const IoTarget& t, const Datatype& given_type, void* buffer, std::size_t count) {
  const char* op = t.is_attribute ? "read attribute" : "read dataset";
  Handle stored = stored_type_handle(t);
  const Datatype element_type = t.fields ? field_memory_type(t, stored.get(), given_type, op) : given_type;
  if (H5Tequal(stored.get(), element_type.id()) > 0) {  // the common case: straight into the buffer
    if (count > 0) transfer_read(t, element_type.id(), buffer, count, op);
    return;
  }
  Datatype mem_type = element_type;
  count /= adapt_to_stored_array(stored.get(), mem_type);
  adapt_to_stored_bitfield(stored.get(), mem_type);
  if (needs_enum_mapping(stored.get(), mem_type.id()))
    return read_enum_values(t, stored.get(), mem_type, buffer, count);
  const bool same_type = H5Tequal(stored.get(), mem_type.id()) > 0;
  if (!same_type) check_convertible(t, stored.get(), mem_type.id(), op);
  if (count == 0) return;
  if (!same_type && numeric_conversion(stored.get(), mem_type.id())) {
    // Converted in a packed staging buffer; a memory selection (read_direct) applies afterwards.
    IoTarget packed = t;
    packed.memory_space = invalid_hid;
    std::vector<unsigned char> converted(conversion_buffer_size(stored.get(), mem_type.id(), count));
    transfer_read(packed, stored.get(), converted.data(), count, op);
    std::string why;
    if (!convert_checked(stored.get(), mem_type.id(), count, converted.data(), why))
      reject(ErrorKind::type_mismatch, op, where_of(t),
             attribute_prefix(t) + "a stored " + type_name(stored.get()) + " value does not fit " +
                 mem_type.name() + why);
    if (t.memory_space >= 0) scatter(t, mem_type.id(), converted.data(), count * mem_type.size(), buffer, op);
    else std::memcpy(buffer, converted.data(), count * mem_type.size());
    return;
  }
  transfer_read(t, mem_type.id(), buffer, count, op);
}

void write_strings(const IoTarget& t, const std::string* strings, const Shape& mem_shape, StringValues kind) {
  const char* op = t.is_attribute ? "write attribute" : "write dataset";
  Handle stored = stored_type_handle(t);
  if (H5Tget_class(stored.get()) != H5T_STRING)
    reject(ErrorKind::type_mismatch, op, where_of(t),
           attribute_prefix(t) + "stored type is " + type_name(stored.get()) + ", not a string type");
  const Shape target_shape = selection_shape(t);
  std::size_t n = element_count(mem_shape);
  std::vector<std::string> spread;
  if (needs_broadcast(t, target_shape, mem_shape, op)) {
    for (std::size_t source : broadcast_sources(mem_shape, target_shape)) spread.push_back(strings[source]);
    strings = spread.data();
    n = spread.size();
  }
  if (n == 0) return;
  check_string_values(t, stored.get(), strings, n, kind, op);
  if (H5Tis_variable_str(stored.get()) > 0) {
    std::vector<const char*> pointers(n);
    for (std::size_t i = 0; i < n; ++i) pointers[i] = strings[i].c_str();
    transfer_write(t, stored.get(), pointers.data(), n, op);
    return;
  }
  // Fixed-length: pack into NUL-padded slots; a string that does not fit is an error, never cut.
  const std::size_t width = H5Tget_size(stored.get());
  std::vector<char> packed(n * width, '\0');
  for (std::size_t i = 0; i < n; ++i) {
    if (strings[i].size() > width)
      reject(ErrorKind::invalid_argument, op, where_of(t),
             attribute_prefix(t) + "string of " + std::to_string(strings[i].size()) + " bytes at element " +
                 std::to_string(i) + " does not fit the fixed length of " + std::to_string(width) +
                 " bytes; nothing was written");
    std::memcpy(packed.data() + i * width, strings[i].data(), strings[i].size());
  }
  transfer_write(t, stored.get(), packed.data(), n, op);
}

void read_strings(const IoTarget& t, std::string* out, std::size_t count) {
  const char* op = t.is_attribute ? "read attribute" : "read dataset";
  Handle stored = stored_type_handle(t);
  if (H5Tget_class(stored.get()) != H5T_STRING)
    reject(ErrorKind::type_mismatch, op, where_of(t),
           attribute_prefix(t) + "stored type is " + type_name(stored.get()) +
               ", which cannot be read as a string");
  if (count == 0) return;
  if (H5Tis_variable_str(stored.get()) > 0) {
    Handle mem_type(checked(H5Tcopy(stored.get()), op, where_of(t)));
    std::vector<char*> pointers(count, nullptr);
    transfer_read(t, mem_type.get(), pointers.data(), count, op);
    const VlenReclaimer reclaim(mem_type.get(), count, pointers.data());
    for (std::size_t i = 0; i < count; ++i) out[i] = pointers[i] ? pointers[i] : "";
    return;
  }
  const std::size_t width = H5Tget_size(stored.get());
  const bool space_padded = H5Tget_strpad(stored.get()) == H5T_STR_SPACEPAD;
  std::vector<char> packed(count * width);
  transfer_read(t, stored.get(), packed.data(), count, op);
  for (std::size_t i = 0; i < count; ++i) {
    const char* s = packed.data() + i * width;
    std::size_t len = width;
    // Trailing padding is not part of the value (h5py strips NULs the same way). A NUL inside the
    // value is kept, as h5py, numpy and `h5kit dump` keep it: ending the value there would lose
    // the bytes after it without a word (issue 19, bug 8).
    while (len > 0 && (s[len - 1] == '\0' || (space_padded && s[len - 1] == ' '))) --len;
    out[i].assign(s, len);
  }
}

}  // namespace h5kit::detail

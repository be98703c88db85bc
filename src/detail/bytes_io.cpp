// Bytes and Opaque elements: both are carried as the stored type's own bytes, so they reuse the
// string and raw paths of io.cpp after one repacking step.
#include <hdf5.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "detail/checked.hpp"
#include "detail/element_hooks.hpp"
#include "h5kit/detail/io.hpp"
#include "h5kit/opaque.hpp"
#include "h5kit/strings.hpp"

namespace h5kit::detail {

namespace {

const char* write_op(const IoTarget& t) { return t.is_attribute ? "write attribute" : "write dataset"; }
const char* read_op(const IoTarget& t) { return t.is_attribute ? "read attribute" : "read dataset"; }

void require_opaque(const IoTarget& t, hid_t stored, const char* op, const char* direction) {
  if (H5Tget_class(stored) != H5T_OPAQUE)
    reject(ErrorKind::type_mismatch, op, Where{t.id},
           "stored type is " + Datatype(Handle::share(stored)).name() + ", which cannot be " + direction +
               " h5kit::Opaque (opaque types only)");
}

}  // namespace

// Bytes travel as std::string through the string path (one copy of each value): that path already
// handles variable and fixed, NUL- and space-padded storage and the length checks.
void write_bytes(const IoTarget& target, const Bytes* elements, const Shape& shape) {
  const std::size_t n = element_count(shape);
  std::unique_ptr<std::string[]> strings(new std::string[n]);
  for (std::size_t i = 0; i < n; ++i) strings[i] = elements[i].str();
  write_strings(target, strings.get(), shape, StringValues::bytes);
}

void read_bytes(const IoTarget& target, Bytes* out, std::size_t count) {
  std::unique_ptr<std::string[]> strings(new std::string[count]);
  read_strings(target, strings.get(), count);
  for (std::size_t i = 0; i < count; ++i) out[i] = Bytes(std::move(strings[i]));
}

void write_opaque(const IoTarget& target, const Opaque* elements, const Shape& shape) {
  const char* op = write_op(target);
  Handle stored = stored_type_handle(target);
  require_opaque(target, stored.get(), op, "written from");
  const std::size_t width = H5Tget_size(stored.get());
  const std::size_t n = element_count(shape);
  std::vector<unsigned char> packed(n * width);
  for (std::size_t i = 0; i < n; ++i) {
    if (elements[i].size() != width)
      reject(ErrorKind::invalid_argument, op, Where{target.id},
             "element " + std::to_string(i) + " holds " + std::to_string(elements[i].size()) +
                 " bytes; the stored type " + Datatype(Handle::share(stored.get())).name() + " holds " +
                 std::to_string(width) + "; nothing was written");
    if (width) std::memcpy(packed.data() + i * width, elements[i].data(), width);
  }
  write_raw(target, Datatype(Handle::share(stored.get())), packed.data(), shape);
}

void read_opaque(const IoTarget& target, Opaque* out, std::size_t count) {
  const char* op = read_op(target);
  Handle stored = stored_type_handle(target);
  require_opaque(target, stored.get(), op, "read as");
  const std::size_t width = H5Tget_size(stored.get());
  std::vector<unsigned char> packed(count * width);
  read_raw(target, Datatype(Handle::share(stored.get())), packed.data(), count);
  for (std::size_t i = 0; i < count; ++i) out[i] = Opaque(packed.data() + i * width, width);
}

void throw_opaque_needs_type() {
  reject(ErrorKind::invalid_argument, "choose type", Where{},
         "h5kit::Opaque values have no type of their own: give the stored type, e.g. "
         "DatasetOptions{}.dtype(Datatype::opaque(size, tag)) or attrs.set(name, value, Datatype::opaque(size, tag))");
}

}  // namespace h5kit::detail

#include "h5kit/raw_data.hpp"

#include <new>
#include <optional>

#include <hdf5.h>

#include "detail/checked.hpp"
#include "detail/dataspace.hpp"
#include "detail/element_hooks.hpp"
#include "detail/native.hpp"
#include "detail/vlen_reclaim.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

RawData::RawData(Datatype type, Shape shape, bool is_empty)
    : type_(std::move(type)), shape_(std::move(shape)), empty_(is_empty) {
  const std::optional<std::size_t> bytes = empty_ ? std::size_t{0} : byte_count(shape_, type_.size());
  if (!bytes)
    detail::reject(ErrorKind::out_of_memory, "allocate raw data", Where{},
                   "shape " + to_string(shape_) + " of " + std::to_string(type_.size()) +
                       "-byte elements is more bytes than this machine can address");
  bytes_.resize(*bytes);
}

RawData::RawData(RawData&& other) noexcept
    : type_(std::move(other.type_)), shape_(std::move(other.shape_)), empty_(other.empty_),
      bytes_(std::move(other.bytes_)) {
  other.bytes_.clear();
}

RawData& RawData::operator=(RawData&& other) noexcept {
  if (this != &other) {
    release();
    type_ = std::move(other.type_);
    shape_ = std::move(other.shape_);
    empty_ = other.empty_;
    bytes_ = std::move(other.bytes_);
    other.bytes_.clear();
  }
  return *this;
}

RawData::~RawData() { release(); }

void RawData::release() noexcept {
  if (bytes_.empty() || !type_.valid()) return;
  // Variable-length strings and sequences anywhere inside the type own heap memory.
  if (H5Tdetect_class(type_.id(), H5T_VLEN) > 0 || H5Tis_variable_str(type_.id()) > 0 ||
      H5Tdetect_class(type_.id(), H5T_STRING) > 0) {
    detail::reclaim_vlen(type_.id(), count(), bytes_.data());
  }
  H5Eclear2(H5E_DEFAULT);
  bytes_.clear();
}

namespace detail {

Datatype native_type_of(const IoTarget& t) {
  const char* op = t.is_attribute ? "read attribute" : "read dataset";
  silence_hdf5_errors();
  const Handle stored = stored_type_handle(t);  // the dataset's cached type, or the attribute's, checked
  return Datatype{Handle(checked(H5Tget_native_type(stored.get(), H5T_DIR_ASCEND), op, Where{t.id},
                                 ErrorKind::type_mismatch))};
}

RawData read_native(const IoTarget& t) {
  const char* op = t.is_attribute ? "read attribute" : "read dataset";
  const Datatype native = native_type_of(t);
  Handle space(checked(t.is_attribute ? H5Aget_space(t.id) : H5Dget_space(t.id), op, Where{t.id}));
  const bool empty = H5Sget_simple_extent_type(space.get()) == H5S_NULL;
  const bool block = !t.is_attribute && t.count;  // Dataset::read_native(offset, count)
  if (block) select_block(space.get(), *t.offset, *t.count, op, Where{t.id});
  const Shape shape = block ? *t.count : empty ? Shape{} : extent_of(space.get());
  reserve_read_memory(t, shape, native.size());  // a file may declare any shape
  RawData data = [&] {
    try {
      return RawData(native, shape, empty);
    } catch (const std::bad_alloc& e) {
      read_allocation_failed(t, shape, native.size(), e);
    }
  }();
  if (data.count() == 0) return data;
  if (t.is_attribute)
    checked(H5Aread(t.id, native.id(), data.data()), op, Where{t.id});
  else if (block)
    checked(H5Dread(t.id, native.id(), simple_space(shape, op, Where{t.id}).get(), space.get(), H5P_DEFAULT,
                    data.data()),
            op, Where{t.id});
  else
    checked(H5Dread(t.id, native.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()), op, Where{t.id});
  return data;
}

}  // namespace detail
}  // namespace h5kit

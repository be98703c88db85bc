#include "h5kit/detail/handle.hpp"

#include <hdf5.h>

#include <type_traits>

#include "detail/checked.hpp"

namespace h5kit::detail {

static_assert(std::is_same_v<hid, hid_t>, "h5kit::detail::hid must be HDF5's hid_t");

Handle Handle::share(hid id) {
  checked(H5Iinc_ref(id), "share identifier", Where{id}, ErrorKind::invalid_argument);
  return Handle(id);
}

Handle::Handle(const Handle& other) : id_(other.id_), owned_(other.owned_) {
  if (owned_ && id_ >= 0 && H5Iis_valid(id_) > 0) H5Iinc_ref(id_);
}

Handle& Handle::operator=(const Handle& other) {
  if (this != &other) {
    Handle copy(other);
    *this = std::move(copy);
  }
  return *this;
}

Handle::Handle(Handle&& other) noexcept : id_(other.id_), owned_(other.owned_) { other.id_ = invalid_hid; }

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    reset();
    id_ = other.id_;
    owned_ = other.owned_;
    other.id_ = invalid_hid;
  }
  return *this;
}

Handle::~Handle() { reset(); }

// HDF5's predefined identifiers (H5T_NATIVE_*) are not "user" identifiers, so H5Iis_valid says no
// for them; an unowned handle is valid as long as it holds one.
bool Handle::valid() const noexcept { return id_ >= 0 && (!owned_ || H5Iis_valid(id_) > 0); }

void Handle::reset() noexcept {
  // An identifier whose file was closed strongly is already gone; releasing it again is harmless
  // only if we ask first.
  if (owned_ && id_ >= 0 && H5Iis_valid(id_) > 0) H5Idec_ref(id_);
  id_ = invalid_hid;
}

}  // namespace h5kit::detail

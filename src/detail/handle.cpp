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
  if (owned_ && id_ >= 0 && H5Iinc_ref(id_) < 0) {
    H5Eclear2(H5E_DEFAULT);  // the identifier was closed behind our back (C API): hold nothing
    id_ = invalid_hid;
  }
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

void Handle::reset() noexcept {
  if (owned_ && id_ >= 0 && H5Idec_ref(id_) < 0) H5Eclear2(H5E_DEFAULT);
  id_ = invalid_hid;
}

}  // namespace h5kit::detail

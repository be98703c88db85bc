#pragma once
// Reference-counted ownership of an HDF5 identifier (hid_t). Copies share the identifier through
// HDF5's own reference count, so an h5kit object costs one integer and no allocation.
#include <cstdint>

namespace h5kit::detail {

using hid = std::int64_t;  // hid_t of HDF5 >= 1.10; checked against hid_t in handle.cpp
inline constexpr hid invalid_hid = -1;

class Handle {
 public:
  Handle() noexcept = default;
  // Takes ownership of `id` (one reference). A predefined HDF5 identifier (H5T_NATIVE_*) may be
  // wrapped with owned=false: it is never released.
  explicit Handle(hid id, bool owned = true) noexcept : id_(id), owned_(owned) {}
  // Adds a reference to an identifier owned elsewhere.
  static Handle share(hid id);

  Handle(const Handle& other);
  Handle& operator=(const Handle& other);
  Handle(Handle&& other) noexcept;
  Handle& operator=(Handle&& other) noexcept;
  ~Handle();

  hid get() const noexcept { return id_; }
  // True while the handle holds an identifier. A handle owns one reference, so HDF5 keeps the
  // identifier alive until reset(): no HDF5 call is needed to know it is still good.
  bool valid() const noexcept { return id_ >= 0; }
  void reset() noexcept;

 private:
  hid id_ = invalid_hid;
  bool owned_ = true;
};

}  // namespace h5kit::detail

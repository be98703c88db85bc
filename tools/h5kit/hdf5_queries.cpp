#include "hdf5_queries.hpp"

#include <hdf5.h>

namespace h5kit::cli {

namespace {

// Owns one HDF5 identifier (a property list, a datatype) for the span of a query.
class Owned {
 public:
  explicit Owned(hid_t id) noexcept : id_(id) {}
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() {
    if (id_ >= 0) H5Idec_ref(id_);
  }
  hid_t get() const noexcept { return id_; }
  bool ok() const noexcept { return id_ >= 0; }

 private:
  hid_t id_;
};

// HDF5 prints its error stack on stderr by default; the CLI reports failures itself, on one line.
void quiet() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

}  // namespace

std::optional<RawData> user_fill_value(const Dataset& dataset) {
  quiet();
  const Owned dcpl(H5Dget_create_plist(dataset.id()));
  if (!dcpl.ok()) return std::nullopt;
  H5D_fill_value_t status{};
  if (H5Pfill_value_defined(dcpl.get(), &status) < 0 || status != H5D_FILL_VALUE_USER_DEFINED) return std::nullopt;
  const Owned stored(H5Dget_type(dataset.id()));
  if (!stored.ok()) return std::nullopt;
  const hid_t native_id = H5Tget_native_type(stored.get(), H5T_DIR_ASCEND);
  if (native_id < 0) return std::nullopt;
  Datatype native{detail::Handle(native_id)};
  RawData value(native, Shape{}, false);  // one element (a scalar shape)
  if (H5Pget_fill_value(dcpl.get(), native.id(), value.data()) < 0) {
    H5Eclear2(H5E_DEFAULT);
    return std::nullopt;
  }
  return value;
}

}  // namespace h5kit::cli

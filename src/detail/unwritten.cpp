#include "detail/unwritten.hpp"

#include <vector>

#include "detail/checked.hpp"
#include "h5kit/detail/handle.hpp"

namespace h5kit::detail {

namespace {
Handle creation_plist_of(hid_t dataset, const char* operation) {
  silence_hdf5_errors();
  return Handle(checked(H5Dget_create_plist(dataset), operation, Where{dataset}));
}

// H5Dfill copies a fill value byte for byte: only into types without pointers or references inside
// (a compound holding strings may hold variable-length ones, so it gets zeros).
bool copies_bytewise(hid_t mem_type) {
  if (H5Tget_class(mem_type) == H5T_STRING) return H5Tis_variable_str(mem_type) <= 0;
  return H5Tdetect_class(mem_type, H5T_VLEN) <= 0 && H5Tdetect_class(mem_type, H5T_REFERENCE) <= 0 &&
         H5Tdetect_class(mem_type, H5T_STRING) <= 0;
}
}  // namespace

bool reads_leave_unwritten(hid_t dataset, const char* operation) {
  const Handle dcpl = creation_plist_of(dataset, operation);
  H5D_fill_time_t time{};
  H5D_fill_value_t status{};
  checked(H5Pget_fill_time(dcpl.get(), &time), operation, Where{dataset});
  checked(H5Pfill_value_defined(dcpl.get(), &status), operation, Where{dataset});
  if (H5Pget_layout(dcpl.get()) == H5D_COMPACT) return false;
  return time == H5D_FILL_TIME_NEVER || status == H5D_FILL_VALUE_UNDEFINED;
}

void fill_unwritten(hid_t dataset, hid_t mem_type, void* buffer, hid_t mem_space, const char* operation) {
  silence_hdf5_errors();
  std::vector<unsigned char> fill;
  if (copies_bytewise(mem_type)) {
    const Handle dcpl = creation_plist_of(dataset, operation);
    H5D_fill_value_t status{};
    checked(H5Pfill_value_defined(dcpl.get(), &status), operation, Where{dataset});
    if (status == H5D_FILL_VALUE_USER_DEFINED) {
      fill.resize(H5Tget_size(mem_type));  // H5Pget_fill_value converts in a buffer of its own
      checked(H5Pget_fill_value(dcpl.get(), mem_type, fill.data()), operation, Where{dataset});
    }
  }
  Handle whole;
  if (mem_space == H5S_ALL) {
    whole = Handle(checked(H5Dget_space(dataset), operation, Where{dataset}));
    mem_space = whole.get();
  }
  checked(H5Dfill(fill.empty() ? nullptr : fill.data(), mem_type, buffer, mem_type, mem_space), operation,
          Where{dataset});
}

void prepare_read_buffer(hid_t dataset, hid_t mem_type, void* buffer, hid_t mem_space, const char* operation) {
  if (reads_leave_unwritten(dataset, operation)) fill_unwritten(dataset, mem_type, buffer, mem_space, operation);
}

}  // namespace h5kit::detail

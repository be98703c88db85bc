// float16's rounding as HDF5's conversion from native float and double to binary16.
#include "h5kit/float16.hpp"

#include <hdf5.h>

#include <cstring>
#include <mutex>

#include "detail/checked.hpp"

namespace h5kit::detail {

namespace {

// HDF5 1.10's soft float conversion rounds ties away from even and mishandles the carry out of the
// mantissa at the top of the range (65520.0f becomes 32768), where numpy gives 65504 / inf.
template <class From>
herr_t to_half(hid_t, hid_t, H5T_cdata_t* cdata, size_t nelmts, size_t buf_stride, size_t, void* buf, void*,
               hid_t) {
  switch (cdata->command) {
    case H5T_CONV_INIT: cdata->need_bkg = H5T_BKG_NO; return 0;
    case H5T_CONV_FREE: return 0;
    case H5T_CONV_CONV: break;
    default: return -1;
  }
  auto* bytes = static_cast<unsigned char*>(buf);
  // In place: element i's two output bytes never reach past element i's input (2 <= sizeof(From)).
  const std::size_t src_stride = buf_stride ? buf_stride : sizeof(From);
  const std::size_t dst_stride = buf_stride ? buf_stride : 2;
  for (std::size_t i = 0; i < nelmts; ++i) {
    From value;
    std::memcpy(&value, bytes + i * src_stride, sizeof value);
    const std::uint16_t half = float16(value).bits();
    std::memcpy(bytes + i * dst_stride, &half, 2);
  }
  return 0;
}

}  // namespace

void register_float16_conversions() {
  static std::once_flag once;
  std::call_once(once, [] {
    silence_hdf5_errors();
    const hid_t half = Datatype::float16().id();
    // Hard conversions: used for exactly these pairs (the half type in either of its equal forms,
    // h5py's or h5kit's), ahead of HDF5's soft float-to-float path.
    checked(H5Tregister(H5T_PERS_HARD, "h5kit: float to float16 (round to nearest even)", H5T_NATIVE_FLOAT, half,
                        to_half<float>),
            "register float16 conversion", Where{});
    checked(H5Tregister(H5T_PERS_HARD, "h5kit: double to float16 (round to nearest even)", H5T_NATIVE_DOUBLE, half,
                        to_half<double>),
            "register float16 conversion", Where{});
  });
}

}  // namespace h5kit::detail

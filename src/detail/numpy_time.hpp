#pragma once
// numpy datetime64 / timedelta64 as h5py 3 stores them: an 8-byte opaque type tagged
// "NUMPY:<M8[ns]" (or "<m8[us]"...), holding a little-endian int64 count of units since the Unix
// epoch (datetime64) or of units (timedelta64); "NUMPY:>M8[ns]" holds it big-endian. INT64_MIN is
// numpy's NaT.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <hdf5.h>

namespace h5kit::detail {

struct NumpyTimeUnit {
  char kind = 'M';             // 'M' datetime64, 'm' timedelta64
  std::string unit;            // "as" ... "ns", "us", "ms", "s", "m", "h", "D", "W"; "M", "Y"
  std::int64_t num = 1, den = 1;  // one unit is num/den seconds (fixed-length units only)
  bool big_endian = false;     // numpy's ">M8[ns]": the count's bytes are stored most significant first
  std::int64_t months = 0;     // calendar units: months per unit (12 for "Y", 1 for "M"); 0 otherwise
};

// The unit a tag names, or nothing when the tag is not one of h5py's numpy time tags.
std::optional<NumpyTimeUnit> parse_numpy_time_tag(std::string_view tag);
std::string numpy_time_tag(char kind, std::string_view unit, bool big_endian = false);

// The whole years in a count of months since 1970-01, rounded towards the past (-1 month is 1969).
constexpr std::int64_t years_of_months(std::int64_t months) {
  return months / 12 - (months % 12 < 0 ? 1 : 0);
}

// Makes HDF5 convert between numpy time opaque types of the same kind and different units (once per
// process; a soft conversion path, so H5Dread/H5Tconvert use it like any built-in one).
void register_numpy_time_conversion();

}  // namespace h5kit::detail

#pragma once
// std::chrono time points and durations stored as h5py 3 stores numpy datetime64 / timedelta64:
// an 8-byte opaque type tagged "NUMPY:<M8[unit]" / "NUMPY:<m8[unit]" holding the int64 count of
// units (since 1970-01-01T00:00:00 UTC for time points). See docs/types.md "Date and time".
//   std::chrono::sys_time<std::chrono::nanoseconds>  <->  numpy datetime64[ns]
//   std::chrono::microseconds                        <->  numpy timedelta64[us]
// Reading converts between units (h5py M8[us] into a nanosecond time point) when no value
// overflows int64 or loses precision; otherwise TypeMismatchError. numpy's NaT stays
// time_point(duration::min()).
#include <chrono>
#include <cstdint>
#include <ratio>
#include <string_view>
#include <type_traits>

#include "h5kit/datatype.hpp"
#include "h5kit/inspector.hpp"

namespace h5kit {

namespace detail {
Datatype numpy_time_type(char kind, std::string_view unit, ByteOrder order = ByteOrder::little);

template <class Period>
constexpr std::string_view numpy_unit() {
  if constexpr (std::is_same_v<Period, std::nano>) return "ns";
  else if constexpr (std::is_same_v<Period, std::micro>) return "us";
  else if constexpr (std::is_same_v<Period, std::milli>) return "ms";
  else if constexpr (std::is_same_v<Period, std::ratio<1>>) return "s";
  else if constexpr (std::is_same_v<Period, std::ratio<60>>) return "m";
  else if constexpr (std::is_same_v<Period, std::ratio<3600>>) return "h";
  else if constexpr (std::is_same_v<Period, std::ratio<86400>>) return "D";
  else if constexpr (std::is_same_v<Period, std::ratio<604800>>) return "W";
  else static_assert(sizeof(Period) == 0, "h5kit: numpy has no time unit for this std::chrono period");
}

template <class Rep>
inline constexpr bool numpy_time_rep = std::is_integral_v<Rep> && std::is_signed_v<Rep> && sizeof(Rep) == 8;
}  // namespace detail

// Datatypes of numpy's time types for a unit ("ns", "us", "ms", "s", "m", "h", "D", "W"); with
// ByteOrder::big, numpy's ">M8[ns]" (the count stored big-endian, as h5py writes a big-endian
// array). Either order reads into and writes from std::chrono values; the bytes are swapped.
inline Datatype datetime64_type(std::string_view unit, ByteOrder order = ByteOrder::little) {
  return detail::numpy_time_type('M', unit, order);
}
inline Datatype timedelta64_type(std::string_view unit, ByteOrder order = ByteOrder::little) {
  return detail::numpy_time_type('m', unit, order);
}

template <class Rep, class Period>
struct inspector<std::chrono::time_point<std::chrono::system_clock, std::chrono::duration<Rep, Period>>>
    : scalar_inspector<std::chrono::time_point<std::chrono::system_clock, std::chrono::duration<Rep, Period>>> {
  static_assert(detail::numpy_time_rep<Rep>, "h5kit: numpy datetime64 needs a signed 64-bit count");
  static Datatype datatype() { return datetime64_type(detail::numpy_unit<Period>()); }
};

template <class Rep, class Period>
struct inspector<std::chrono::duration<Rep, Period>, std::enable_if_t<detail::numpy_time_rep<Rep>>>
    : scalar_inspector<std::chrono::duration<Rep, Period>> {
  static Datatype datatype() { return timedelta64_type(detail::numpy_unit<Period>()); }
};

}  // namespace h5kit

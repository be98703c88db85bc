#pragma once
// std::chrono time points and durations stored as h5py 3 stores numpy datetime64 / timedelta64:
// an 8-byte opaque type tagged "NUMPY:<M8[unit]" / "NUMPY:<m8[unit]" holding the int64 count of
// units (since 1970-01-01T00:00:00 UTC for time points). See docs/types.md "Date and time".
//   std::chrono::sys_time<std::chrono::nanoseconds>  <->  numpy datetime64[ns]
//   std::chrono::microseconds                        <->  numpy timedelta64[us]
//   std::chrono::year / year_month                   <->  numpy datetime64[Y] / datetime64[M]
//   std::chrono::years / months                      <->  numpy timedelta64[Y] / timedelta64[M]
// Reading converts between units (h5py M8[us] into a nanosecond time point) when no value
// overflows int64 or loses precision; otherwise TypeMismatchError. datetime64[Y]/[M] convert to
// and from the fixed units through the calendar (1971 is sys_days 365), timedelta64[Y]/[M] only to
// each other. numpy's NaT stays time_point(duration::min()).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ratio>
#include <string_view>
#include <type_traits>

#include "h5kit/datatype.hpp"
#include "h5kit/inspector.hpp"
#include "h5kit/shape.hpp"

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
  else if constexpr (std::is_same_v<Period, std::chrono::months::period>) return "M";
  else if constexpr (std::is_same_v<Period, std::chrono::years::period>) return "Y";
  else static_assert(sizeof(Period) == 0, "h5kit: numpy has no time unit for this std::chrono period");
}

template <class Rep>
inline constexpr bool numpy_time_rep = std::is_integral_v<Rep> && std::is_signed_v<Rep> && sizeof(Rep) == 8;

template <class Period>
inline constexpr bool calendar_period =
    std::is_same_v<Period, std::chrono::months::period> || std::is_same_v<Period, std::chrono::years::period>;

struct IoTarget;
void write_years(const IoTarget& target, const std::chrono::year* in, const Shape& shape);
void read_years(const IoTarget& target, std::chrono::year* out, std::size_t count);
void write_year_months(const IoTarget& target, const std::chrono::year_month* in, const Shape& shape);
void read_year_months(const IoTarget& target, std::chrono::year_month* out, std::size_t count);
}  // namespace detail

// Datatypes of numpy's time types for a unit ("ns", "us", "ms", "s", "m", "h", "D", "W", and the
// calendar units "M", "Y"); with
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
  static_assert(!detail::calendar_period<Period>,
                "h5kit: sys_time<years> / sys_time<months> count years and months of average length (one "
                "year is 365.2425 days), not calendar years; numpy datetime64[Y] / [M] are std::chrono::year "
                "/ std::chrono::year_month");
  static Datatype datatype() { return datetime64_type(detail::numpy_unit<Period>()); }
};

template <class Rep, class Period>
struct inspector<std::chrono::duration<Rep, Period>, std::enable_if_t<detail::numpy_time_rep<Rep>>>
    : scalar_inspector<std::chrono::duration<Rep, Period>> {
  static Datatype datatype() { return timedelta64_type(detail::numpy_unit<Period>()); }
};

// Calendar years and months: numpy's datetime64[Y] / [M] count them from 1970 / 1970-01. They read
// from any datetime64 unit whose values fall on the first day of a year / month; NaT, and years
// outside std::chrono::year's range, are a TypeMismatchError (read as sys_days to keep NaT).
template <>
struct inspector<std::chrono::year> : scalar_inspector<std::chrono::year> {
  static Datatype datatype() { return datetime64_type("Y"); }
  static void write_elements(const detail::IoTarget& t, const std::chrono::year* in, const Shape& shape) {
    detail::write_years(t, in, shape);
  }
  static void read_elements(const detail::IoTarget& t, std::chrono::year* out, std::size_t n) {
    detail::read_years(t, out, n);
  }
};

template <>
struct inspector<std::chrono::year_month> : scalar_inspector<std::chrono::year_month> {
  static Datatype datatype() { return datetime64_type("M"); }
  static void write_elements(const detail::IoTarget& t, const std::chrono::year_month* in, const Shape& shape) {
    detail::write_year_months(t, in, shape);
  }
  static void read_elements(const detail::IoTarget& t, std::chrono::year_month* out, std::size_t n) {
    detail::read_year_months(t, out, n);
  }
};

}  // namespace h5kit

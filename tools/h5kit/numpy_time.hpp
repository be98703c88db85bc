#pragma once
// numpy's datetime64 / timedelta64 as h5py stores them: an 8-byte opaque type tagged
// "NUMPY:<M8[ns]" (datetime64[ns], little-endian) or "NUMPY:>m8[ms]" (timedelta64[ms], big-endian),
// holding a signed count of units since 1970-01-01T00:00:00 (datetime) or a signed count of units
// (timedelta). The CLI prints them as ISO 8601 text; the exact forms are in docs/cli.md.
#include <cstdint>
#include <optional>
#include <string>

namespace h5kit::cli {

struct NumpyTime {
  enum class Unit { Y, M, W, D, h, m, s, ms, us, ns, ps, fs, as };
  bool is_duration = false;  // m8 (timedelta64) rather than M8 (datetime64)
  bool big_endian = false;
  Unit unit = Unit::s;
  std::int64_t multiplier = 1;  // "M8[10s]": one count is 10 seconds
  std::string numpy_name() const;  // "datetime64[ns]", "timedelta64[10s]"
};

// The time type an opaque tag names, or nullopt for any other tag (including a malformed unit).
std::optional<NumpyTime> parse_numpy_time_tag(const std::string& tag);

// A datetime64 count as ISO 8601 in UTC at the unit's precision: "2024", "2024-05", "2024-05-01",
// "2024-05-01T12Z", "2024-05-01T12:30Z", "2024-05-01T12:30:05Z", "...05.123Z" (ms) up to 18 fraction
// digits (as). numpy's NaT (the smallest int64) is "NaT". Counts beyond the years -9999..9999 that
// chrono's calendar covers come back as nullopt.
std::optional<std::string> format_datetime(std::int64_t count, const NumpyTime& type);

// A timedelta64 count as an ISO 8601 duration: "P3Y", "P2M", "P1W", "P4D", "PT5H", "PT5M", "PT5S",
// "PT0.005S", with a leading "-" for negative spans. NaT is "NaT". nullopt when the count times the
// unit's multiplier overflows.
std::optional<std::string> format_duration(std::int64_t count, const NumpyTime& type);

}  // namespace h5kit::cli

#include "numpy_time.hpp"

#include <chrono>
#include <cstdio>
#include <limits>
#include <tuple>
#include <utility>

namespace h5kit::cli {

namespace {

using Unit = NumpyTime::Unit;

constexpr std::int64_t not_a_time = std::numeric_limits<std::int64_t>::min();  // numpy's NaT

constexpr std::pair<const char*, Unit> unit_names[] = {
    {"Y", Unit::Y},   {"M", Unit::M},   {"W", Unit::W},   {"D", Unit::D},   {"h", Unit::h},
    {"m", Unit::m},   {"s", Unit::s},   {"ms", Unit::ms}, {"us", Unit::us}, {"ns", Unit::ns},
    {"ps", Unit::ps}, {"fs", Unit::fs}, {"as", Unit::as},
};

// Digits after the decimal point of a second for units below one second; 0 otherwise.
int fraction_digits(Unit unit) {
  switch (unit) {
    case Unit::ms: return 3;
    case Unit::us: return 6;
    case Unit::ns: return 9;
    case Unit::ps: return 12;
    case Unit::fs: return 15;
    case Unit::as: return 18;
    default: return 0;
  }
}

std::int64_t pow10(int digits) {
  std::int64_t out = 1;
  while (digits-- > 0) out *= 10;
  return out;
}

// Floor division: times before 1970 still split into a day and a non-negative time of day.
std::pair<std::int64_t, std::int64_t> floor_divide(std::int64_t value, std::int64_t divisor) {
  std::int64_t quotient = value / divisor;
  std::int64_t remainder = value % divisor;
  if (remainder < 0) {
    --quotient;
    remainder += divisor;
  }
  return {quotient, remainder};
}

std::string two_digits(long value) {
  char text[24];
  std::snprintf(text, sizeof text, "%02ld", value);
  return text;
}

std::optional<std::string> calendar_date(std::int64_t days, bool with_day) {
  // chrono's calendar covers years -32767..32767; ISO 8601 without an agreed expansion, 0..9999.
  constexpr std::int64_t limit = 3'000'000;  // days: well inside chrono's range
  if (days < -limit || days > limit) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
  const int year = static_cast<int>(date.year());
  if (year < -9999 || year > 9999) return std::nullopt;
  char text[32];
  std::snprintf(text, sizeof text, "%s%04d-%02u", year < 0 ? "-" : "", year < 0 ? -year : year,
                static_cast<unsigned>(date.month()));
  std::string out = text;
  if (with_day) out += "-" + two_digits(static_cast<long>(static_cast<unsigned>(date.day())));
  return out;
}

}  // namespace

std::string NumpyTime::numpy_name() const {
  std::string unit_name;
  for (const auto& [name, value] : unit_names)
    if (value == unit) unit_name = name;
  return std::string(is_duration ? "timedelta64[" : "datetime64[") +
         (multiplier == 1 ? "" : std::to_string(multiplier)) + unit_name + "]";
}

std::optional<NumpyTime> parse_numpy_time_tag(const std::string& tag) {
  // "NUMPY:" + numpy's dtype.str: byte order, kind letter, "8", "[" multiplier? unit "]".
  const std::string prefix = "NUMPY:";
  if (tag.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  const std::string str = tag.substr(prefix.size());
  if (str.size() < 6 || str[2] != '8' || str[3] != '[' || str.back() != ']') return std::nullopt;
  NumpyTime time;
  if (str[0] == '>')
    time.big_endian = true;
  else if (str[0] != '<' && str[0] != '=' && str[0] != '|')
    return std::nullopt;
  if (str[1] == 'm')
    time.is_duration = true;
  else if (str[1] != 'M')
    return std::nullopt;
  std::string unit = str.substr(4, str.size() - 5);
  std::size_t digits = 0;
  while (digits < unit.size() && unit[digits] >= '0' && unit[digits] <= '9') ++digits;
  if (digits > 0) {
    if (digits > 9) return std::nullopt;
    time.multiplier = std::stoll(unit.substr(0, digits));
    if (time.multiplier == 0) return std::nullopt;
    unit.erase(0, digits);
  }
  for (const auto& [name, value] : unit_names)
    if (unit == name) {
      time.unit = value;
      return time;
    }
  return std::nullopt;  // "generic" datetime64 ("M8") has no unit and no meaning on its own
}

std::optional<std::string> format_datetime(std::int64_t count, const NumpyTime& type) {
  if (count == not_a_time) return "NaT";
  // A multiplier only scales the count; overflow means a date no calendar here can show.
  std::int64_t units = 0;
  if (__builtin_mul_overflow(count, type.multiplier, &units)) return std::nullopt;
  switch (type.unit) {
    case Unit::Y: {
      if (units < -9999 - 1970 || units > 9999 - 1970) return std::nullopt;
      char text[32];  // room for any long long, though the range check keeps it to 5 characters
      const long long year = 1970 + units;
      std::snprintf(text, sizeof text, "%s%04lld", year < 0 ? "-" : "", year < 0 ? -year : year);
      return std::string(text);
    }
    case Unit::M: {
      const auto [years, month] = floor_divide(units, 12);
      if (years < -9999 - 1970 || years > 9999 - 1970) return std::nullopt;
      return calendar_date(std::chrono::sys_days{std::chrono::year_month_day{
                               std::chrono::year{static_cast<int>(1970 + years)},
                               std::chrono::month{static_cast<unsigned>(month + 1)}, std::chrono::day{1}}}
                               .time_since_epoch()
                               .count(),
                           false);
    }
    case Unit::W:
      if (__builtin_mul_overflow(units, 7, &units)) return std::nullopt;
      return calendar_date(units, true);
    case Unit::D: return calendar_date(units, true);
    default: break;
  }
  // Below a day: split into days and the units into the day.
  const std::int64_t per_second = pow10(fraction_digits(type.unit));  // units per second (1 for h, m, s)
  std::int64_t day = 0, in_day = 0, second_of_day = 0, fraction = 0;
  if (type.unit == Unit::as || type.unit == Unit::fs) {
    // An int64 of fs or as spans at most a few hours either side of 1970, so split seconds first.
    const auto [seconds, frac] = floor_divide(units, per_second);
    std::tie(day, second_of_day) = floor_divide(seconds, 86400);
    fraction = frac;
  } else {
    const std::int64_t per_day = type.unit == Unit::h ? 24 : type.unit == Unit::m ? 24 * 60 : 86400 * per_second;
    std::tie(day, in_day) = floor_divide(units, per_day);
    if (type.unit == Unit::h)
      second_of_day = in_day * 3600;
    else if (type.unit == Unit::m)
      second_of_day = in_day * 60;
    else
      std::tie(second_of_day, fraction) = floor_divide(in_day, per_second);
  }
  const std::optional<std::string> date = calendar_date(day, true);
  if (!date) return std::nullopt;
  std::string out = *date + "T" + two_digits(static_cast<long>(second_of_day / 3600));
  if (type.unit != Unit::h) out += ":" + two_digits(static_cast<long>(second_of_day / 60 % 60));
  if (type.unit != Unit::h && type.unit != Unit::m) out += ":" + two_digits(static_cast<long>(second_of_day % 60));
  if (const int digits = fraction_digits(type.unit); digits > 0) {
    char text[32];
    std::snprintf(text, sizeof text, ".%0*lld", digits, static_cast<long long>(fraction));
    out += text;
  }
  return out + "Z";
}

std::optional<std::string> format_duration(std::int64_t count, const NumpyTime& type) {
  if (count == not_a_time) return "NaT";
  const bool negative = count < 0;
  // The magnitude as unsigned, so that the most negative count (other than NaT) does not overflow.
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(count) : static_cast<std::uint64_t>(count);
  const std::uint64_t multiplier = static_cast<std::uint64_t>(type.multiplier);
  std::uint64_t units = 0;
  if (__builtin_mul_overflow(magnitude, multiplier, &units)) return std::nullopt;
  const std::string sign = negative ? "-" : "";
  switch (type.unit) {
    case Unit::Y: return sign + "P" + std::to_string(units) + "Y";
    case Unit::M: return sign + "P" + std::to_string(units) + "M";
    case Unit::W: return sign + "P" + std::to_string(units) + "W";
    case Unit::D: return sign + "P" + std::to_string(units) + "D";
    case Unit::h: return sign + "PT" + std::to_string(units) + "H";
    case Unit::m: return sign + "PT" + std::to_string(units) + "M";
    case Unit::s: return sign + "PT" + std::to_string(units) + "S";
    default: break;
  }
  const int digits = fraction_digits(type.unit);
  const auto per_second = static_cast<std::uint64_t>(pow10(digits));
  char fraction[32];
  std::snprintf(fraction, sizeof fraction, "%0*llu", digits, static_cast<unsigned long long>(units % per_second));
  std::string frac = fraction;
  while (!frac.empty() && frac.back() == '0') frac.pop_back();  // "PT0.005S", not "PT0.005000000S"
  return sign + "PT" + std::to_string(units / per_second) + (frac.empty() ? "" : "." + frac) + "S";
}

}  // namespace h5kit::cli

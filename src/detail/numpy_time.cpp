#include "detail/numpy_time.hpp"

#include <array>
#include <bit>
#include <chrono>
#include <cstring>
#include <limits>
#include <mutex>

#include "detail/checked.hpp"
#include "detail/h5_text.hpp"

namespace h5kit::detail {

namespace {

struct UnitInfo {
  std::string_view name;
  std::int64_t num, den;
};

// The fixed-length units numpy has. Months and years ("M", "Y") are calendar units with no fixed
// length in seconds: they convert to each other, and datetime64 converts between them and the
// fixed units through the proleptic Gregorian calendar (see calendar_to_days).
constexpr std::array<UnitInfo, 11> kUnits = {{{"as", 1, 1'000'000'000'000'000'000},
                                              {"fs", 1, 1'000'000'000'000'000},
                                              {"ps", 1, 1'000'000'000'000},
                                              {"ns", 1, 1'000'000'000},
                                              {"us", 1, 1'000'000},
                                              {"ms", 1, 1'000},
                                              {"s", 1, 1},
                                              {"m", 60, 1},
                                              {"h", 3600, 1},
                                              {"D", 86400, 1},
                                              {"W", 604800, 1}}};

constexpr std::int64_t kNaT = std::numeric_limits<std::int64_t>::min();

std::int64_t gcd(std::int64_t a, std::int64_t b) {
  while (b != 0) {
    const std::int64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

constexpr std::int64_t kDayNum = 86400;  // seconds per day: the calendar units meet the fixed ones at days

std::optional<NumpyTimeUnit> unit_of(hid_t type) {
  if (H5Tget_class(type) != H5T_OPAQUE || H5Tget_size(type) != 8) return std::nullopt;
  return parse_numpy_time_tag(take_h5_string(H5Tget_tag(type)));
}

// One unit of `from` is factor.first / factor.second units of `to`, in lowest terms.
std::pair<std::int64_t, std::int64_t> factor(const NumpyTimeUnit& from, const NumpyTimeUnit& to) {
  // from.num/from.den seconds per unit divided by to.num/to.den, reduced before multiplying; a
  // factor beyond int64 (weeks to attoseconds) means no such conversion.
  std::int64_t n1 = from.num, d1 = from.den, n2 = to.den, d2 = to.num;
  std::int64_t g = gcd(n1, d2);
  n1 /= g, d2 /= g;
  g = gcd(n2, d1);
  n2 /= g, d1 /= g;
  std::int64_t p, q;
  if (__builtin_mul_overflow(n1, n2, &p) || __builtin_mul_overflow(d1, d2, &q)) return {0, 0};
  return {p, q};
}

void push_error(const std::string& message) {
  H5Epush2(H5E_DEFAULT, __FILE__, "numpy time conversion", __LINE__, H5E_ERR_CLS, H5E_DATATYPE, H5E_CANTCONVERT,
           "%s", message.c_str());
}

const NumpyTimeUnit kDays{'M', "D", kDayNum, 1};

// v units of `from` as units of `to` (both of fixed length), exactly, or nothing with `why` set.
std::optional<std::int64_t> scale_fixed(std::int64_t v, const NumpyTimeUnit& from, const NumpyTimeUnit& to,
                                        std::string& why) {
  const auto [p, q] = factor(from, to);
  std::int64_t scaled;
  if (p == 0 || __builtin_mul_overflow(v, p, &scaled) || scaled == kNaT) {
    why = "the value " + std::to_string(v) + " " + from.unit + " does not fit an int64 count of " + to.unit;
    return std::nullopt;
  }
  if (scaled % q != 0) {
    // std::chrono refuses implicit lossy duration conversions; so does h5kit.
    why = "the value " + std::to_string(v) + " " + from.unit + " is not a whole number of " + to.unit +
          " (converting would lose precision)";
    return std::nullopt;
  }
  return scaled / q;
}

// The first day of month `months` after 1970-01 (negative before), as days since 1970-01-01, in
// the proleptic Gregorian calendar numpy uses. Years outside std::chrono::year's range are refused.
std::optional<std::int64_t> calendar_to_days(std::int64_t months, std::string& why) {
  const std::int64_t year_offset = years_of_months(months);
  const std::int64_t month = months - year_offset * 12;  // 0..11
  if (year_offset > std::int64_t{int(std::chrono::year::max())} - 1970 ||
      year_offset < std::int64_t{int(std::chrono::year::min())} - 1970) {
    why = "the month " + std::to_string(months) + " after 1970-01 lies outside the years h5kit converts (" +
          std::to_string(int(std::chrono::year::min())) + " to " + std::to_string(int(std::chrono::year::max())) + ")";
    return std::nullopt;
  }
  const std::chrono::year_month_day first{std::chrono::year(static_cast<int>(1970 + year_offset)),
                                          std::chrono::month(static_cast<unsigned>(month + 1)), std::chrono::day(1)};
  return std::chrono::sys_days(first).time_since_epoch().count();
}

// Days since 1970-01-01 as months after 1970-01, when the day is the first of a month (of January
// when `whole_years`); otherwise converting would lose the rest, and `why` says so.
std::optional<std::int64_t> days_to_calendar(std::int64_t days, bool whole_years, std::string& why) {
  using namespace std::chrono;
  const std::int64_t lowest = sys_days(year::min() / January / 1).time_since_epoch().count();
  const std::int64_t highest = sys_days(year::max() / December / 31).time_since_epoch().count();
  if (days < lowest || days > highest) {
    why = "the day " + std::to_string(days) + " after 1970-01-01 lies outside the years h5kit converts";
    return std::nullopt;
  }
  const year_month_day date{sys_days(std::chrono::days(days))};
  if (date.day() != day(1) || (whole_years && date.month() != January)) {
    why = "the date " + std::to_string(int(date.year())) + "-" + std::to_string(unsigned(date.month())) + "-" +
          std::to_string(unsigned(date.day())) + " is not the first day of a " + (whole_years ? "year" : "month") +
          " (converting would lose precision)";
    return std::nullopt;
  }
  return (std::int64_t{int(date.year())} - 1970) * 12 + (unsigned(date.month()) - 1);
}

// One count of `from` as a count of `to`, exactly, or nothing with `why` set. NaT stays NaT.
std::optional<std::int64_t> convert_count(std::int64_t v, const NumpyTimeUnit& from, const NumpyTimeUnit& to,
                                          std::string& why) {
  if (v == kNaT) return v;
  if (!from.months && !to.months) return scale_fixed(v, from, to, why);
  // Calendar units: count months first (a datetime64 through the calendar's days).
  std::int64_t months;
  if (from.months) {
    if (__builtin_mul_overflow(v, from.months, &months)) {
      why = "the value " + std::to_string(v) + " " + from.unit + " does not fit an int64 count of months";
      return std::nullopt;
    }
  } else {
    const auto days = scale_fixed(v, from, kDays, why);
    if (!days) return std::nullopt;
    const auto m = days_to_calendar(*days, to.months == 12, why);
    if (!m) return std::nullopt;
    months = *m;
  }
  if (to.months) {
    if (months % to.months != 0) {
      why = "the value " + std::to_string(v) + " " + from.unit + " is not a whole number of " + to.unit +
            " (converting would lose precision)";
      return std::nullopt;
    }
    return months / to.months;
  }
  const auto days = calendar_to_days(months, why);
  if (!days) return std::nullopt;
  return scale_fixed(*days, kDays, to, why);
}

// Whether HDF5 should convert between the two units at all: same kind; calendar units meet fixed
// ones only in datetime64 (numpy's timedelta64[Y] has no length in days, and h5kit will not guess
// one), and only when a day is a whole count of the fixed unit or the reverse.
bool convertible(const NumpyTimeUnit& a, const NumpyTimeUnit& b) {
  if (a.kind != b.kind) return false;
  if (!a.months && !b.months) return factor(a, b).first != 0;
  if (a.months && b.months) return true;
  if (a.kind != 'M') return false;
  return a.months ? factor(kDays, b).first != 0 : factor(a, kDays).first != 0;
}

// HDF5's conversion-function protocol (H5Tregister): INIT accepts or declines a pair of types,
// CONV converts nelmts values in place, FREE releases nothing (no private data).
herr_t convert_time(hid_t src, hid_t dst, H5T_cdata_t* cdata, size_t nelmts, size_t buf_stride, size_t,
                    void* buf, void*, hid_t) {
  switch (cdata->command) {
    case H5T_CONV_INIT: {
      const auto a = unit_of(src), b = unit_of(dst);
      // A negative result declines the pair: HDF5 then reports that no conversion path exists.
      if (!a || !b || !convertible(*a, *b)) return -1;
      cdata->need_bkg = H5T_BKG_NO;
      return 0;
    }
    case H5T_CONV_FREE: return 0;
    case H5T_CONV_CONV: break;
    default: return -1;
  }
  const auto a = unit_of(src), b = unit_of(dst);
  if (!a || !b) return -1;
  const std::size_t stride = buf_stride ? buf_stride : 8;
  auto* bytes = static_cast<unsigned char*>(buf);
  // Counts are converted in the machine's order; a big-endian side is swapped on the way.
  constexpr bool little_machine = std::endian::native == std::endian::little;
  const bool swap_in = a->big_endian == little_machine, swap_out = b->big_endian == little_machine;
  std::string why;
  for (std::size_t i = 0; i < nelmts; ++i) {
    std::int64_t v;
    std::memcpy(&v, bytes + i * stride, 8);
    if (swap_in) v = static_cast<std::int64_t>(__builtin_bswap64(static_cast<std::uint64_t>(v)));
    const auto converted = convert_count(v, *a, *b, why);
    if (!converted) {
      push_error(why);
      return -1;
    }
    v = *converted;
    if (swap_out) v = static_cast<std::int64_t>(__builtin_bswap64(static_cast<std::uint64_t>(v)));
    std::memcpy(bytes + i * stride, &v, 8);
  }
  return 0;
}

}  // namespace

std::optional<NumpyTimeUnit> parse_numpy_time_tag(std::string_view tag) {
  // "NUMPY:<M8[ns]": h5py writes numpy's dtype.str, byte order included ('<' or '>'; '|' never
  // occurs for 8-byte types).
  constexpr std::string_view prefix = "NUMPY:";
  if (tag.substr(0, prefix.size()) != prefix || tag.size() <= prefix.size()) return std::nullopt;
  tag.remove_prefix(prefix.size());
  const char order = tag.front();
  if (order != '<' && order != '>') return std::nullopt;
  tag.remove_prefix(1);
  if (tag.size() < 5 || (tag[0] != 'M' && tag[0] != 'm') || tag.substr(1, 2) != "8[" || tag.back() != ']')
    return std::nullopt;
  const std::string_view unit = tag.substr(3, tag.size() - 4);
  for (const UnitInfo& u : kUnits)
    if (u.name == unit) return NumpyTimeUnit{tag[0], std::string(unit), u.num, u.den, order == '>'};
  if (unit == "Y" || unit == "M")
    return NumpyTimeUnit{tag[0], std::string(unit), 0, 1, order == '>', unit == "Y" ? 12 : 1};
  return std::nullopt;
}

std::string numpy_time_tag(char kind, std::string_view unit, bool big_endian) {
  return std::string("NUMPY:") + (big_endian ? '>' : '<') + kind + "8[" + std::string(unit) + "]";
}

void register_numpy_time_conversion() {
  static std::once_flag once;
  std::call_once(once, [] {
    silence_hdf5_errors();
    // Soft conversions match by type class: these two only say "opaque to opaque"; INIT picks the pairs.
    const hid_t a = checked(H5Tcreate(H5T_OPAQUE, 8), "register numpy time conversion", Where{});
    const hid_t b = checked(H5Tcreate(H5T_OPAQUE, 8), "register numpy time conversion", Where{});
    checked(H5Tregister(H5T_PERS_SOFT, "h5kit: numpy datetime64/timedelta64 units", a, b, convert_time),
            "register numpy time conversion", Where{});
    H5Tclose(a);
    H5Tclose(b);
  });
}

}  // namespace h5kit::detail

#include "h5kit/chrono.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "detail/checked.hpp"
#include "detail/element_hooks.hpp"
#include "h5kit/detail/io.hpp"
#include "detail/numpy_time.hpp"

namespace h5kit::detail {

Datatype numpy_time_type(char kind, std::string_view unit, ByteOrder order) {
  if (order == ByteOrder::none)
    reject(ErrorKind::invalid_argument, "create numpy time type", Where{}, "a numpy time count is little- or big-endian");
  const std::string tag = numpy_time_tag(kind, unit, order == ByteOrder::big);
  if (!parse_numpy_time_tag(tag))
    reject(ErrorKind::invalid_argument, "create numpy time type", Where{},
           "\"" + std::string(unit) + "\" is not a numpy time unit h5kit converts (as fs ps ns us ms s m h D W M Y)");
  return Datatype::opaque(8, tag);
}

}  // namespace h5kit::detail

// ---- calendar years and months (numpy datetime64[Y] / [M]) ----
// They travel as int64 counts of the calendar unit, so HDF5's conversion (detail/numpy_time.cpp)
// does the calendar arithmetic when the stored unit differs; only the step between a count and a
// std::chrono calendar value happens here.
namespace h5kit::detail {

namespace {

constexpr std::int64_t kNaT = std::numeric_limits<std::int64_t>::min();

const char* write_op(const IoTarget& t) { return t.is_attribute ? "write attribute" : "write dataset"; }
const char* read_op(const IoTarget& t) { return t.is_attribute ? "read attribute" : "read dataset"; }

std::int64_t year_count(const std::chrono::year& y) { return std::int64_t{int(y)} - 1970; }

// A count of `unit` (years or months since 1970-01) as a std::chrono::year of element i.
std::chrono::year year_of(const IoTarget& t, std::int64_t years_since_1970, std::size_t i, const char* type) {
  if (years_since_1970 == kNaT)
    reject(ErrorKind::type_mismatch, read_op(t), Where{t.id},
           attribute_prefix(t) + "element " + std::to_string(i) + " is NaT, which " + type +
               " cannot hold (read the values as std::chrono::sys_days, where NaT is days::min())");
  if (years_since_1970 > int(std::chrono::year::max()) - 1970 || years_since_1970 < int(std::chrono::year::min()) - 1970)
    reject(ErrorKind::type_mismatch, read_op(t), Where{t.id},
           attribute_prefix(t) + "element " + std::to_string(i) + " is the year 1970 + " +
               std::to_string(years_since_1970) + ", outside the range of " + type);
  return std::chrono::year(static_cast<int>(1970 + years_since_1970));
}

void require_ok(const IoTarget& t, bool ok, std::size_t i, const char* what) {
  if (!ok)
    reject(ErrorKind::invalid_argument, write_op(t), Where{t.id},
           attribute_prefix(t) + "element " + std::to_string(i) + " is not a valid " + what +
               " (ok() is false); nothing was written");
}

}  // namespace

void write_years(const IoTarget& target, const std::chrono::year* in, const Shape& shape) {
  const std::size_t n = element_count(shape);
  std::vector<std::int64_t> counts(n);
  for (std::size_t i = 0; i < n; ++i) {
    require_ok(target, in[i].ok(), i, "std::chrono::year");
    counts[i] = year_count(in[i]);
  }
  write_raw(target, datetime64_type("Y"), counts.data(), shape);
}

void read_years(const IoTarget& target, std::chrono::year* out, std::size_t count) {
  std::vector<std::int64_t> counts(count);
  read_raw(target, datetime64_type("Y"), counts.data(), count);
  for (std::size_t i = 0; i < count; ++i) out[i] = year_of(target, counts[i], i, "std::chrono::year");
}

void write_year_months(const IoTarget& target, const std::chrono::year_month* in, const Shape& shape) {
  const std::size_t n = element_count(shape);
  std::vector<std::int64_t> counts(n);
  for (std::size_t i = 0; i < n; ++i) {
    require_ok(target, in[i].ok(), i, "std::chrono::year_month");
    counts[i] = year_count(in[i].year()) * 12 + (unsigned(in[i].month()) - 1);
  }
  write_raw(target, datetime64_type("M"), counts.data(), shape);
}

void read_year_months(const IoTarget& target, std::chrono::year_month* out, std::size_t count) {
  std::vector<std::int64_t> counts(count);
  read_raw(target, datetime64_type("M"), counts.data(), count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::int64_t months = counts[i];
    const std::int64_t years = months == kNaT ? kNaT : years_of_months(months);
    const std::chrono::year y = year_of(target, years, i, "std::chrono::year_month");
    out[i] = y / std::chrono::month(static_cast<unsigned>(months - years * 12 + 1));
  }
}

}  // namespace h5kit::detail

#include "h5kit/units.hpp"

#include <udunits2.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>

#include "h5kit/error.hpp"

namespace h5kit {

namespace detail {

// UDUNITS-2 converters hold only numbers and pointers to static function tables; converting never
// writes to them and never touches the unit system, so a converter may be used from many threads and
// may outlive any unit it was made from.
struct UnitConversion {
  UnitConversion(std::string from_unit, std::string to_unit, cv_converter* c)
      : from(std::move(from_unit)), to(std::move(to_unit)), converter(c) {}
  ~UnitConversion() { cv_free(converter); }  // a no-op for the shared trivial converter
  UnitConversion(const UnitConversion&) = delete;
  UnitConversion& operator=(const UnitConversion&) = delete;

  std::string from, to;
  cv_converter* converter;
};

namespace {

constexpr const char* kOperation = "unit conversion";

const char* describe(ut_status status) {
  switch (status) {
    case UT_SUCCESS: return "UT_SUCCESS";
    case UT_BAD_ARG: return "UT_BAD_ARG";
    case UT_EXISTS: return "UT_EXISTS";
    case UT_NO_UNIT: return "UT_NO_UNIT";
    case UT_OS: return "UT_OS, an operating-system error";
    case UT_NOT_SAME_SYSTEM: return "UT_NOT_SAME_SYSTEM";
    case UT_MEANINGLESS: return "UT_MEANINGLESS";
    case UT_NO_SECOND: return "UT_NO_SECOND";
    case UT_VISIT_ERROR: return "UT_VISIT_ERROR";
    case UT_CANT_FORMAT: return "UT_CANT_FORMAT";
    case UT_SYNTAX: return "UT_SYNTAX, a syntax error";
    case UT_UNKNOWN: return "UT_UNKNOWN, a word that is not a known unit";
    case UT_OPEN_ARG: return "UT_OPEN_ARG, cannot open the given database";
    case UT_OPEN_ENV: return "UT_OPEN_ENV, cannot open the database named by UDUNITS2_XML_PATH";
    case UT_OPEN_DEFAULT: return "UT_OPEN_DEFAULT, cannot open the installed database";
    case UT_PARSE: return "UT_PARSE, the database is not valid XML for UDUNITS-2";
  }
  return "unknown status";
}

// Everything h5kit asks of UDUNITS-2, except converting values, happens while one of these is alive:
// it holds the process-wide lock (UDUNITS-2 keeps its parser state and last status in globals) and
// mutes UDUNITS-2's messages to stderr, which h5kit reports through exceptions instead. The previous
// message handler is restored on exit, so an application that installed its own keeps it.
class Udunits {
 public:
  Udunits() : lock_(mutex()), previous_handler_(ut_set_error_message_handler(ut_ignore)) {}
  ~Udunits() { ut_set_error_message_handler(previous_handler_); }
  Udunits(const Udunits&) = delete;
  Udunits& operator=(const Udunits&) = delete;

  // The unit system, read from the XML database on first use (parsing it takes tens of
  // milliseconds). It is never freed: units and converters handed out may be in use until exit, and
  // freeing during static destruction would race with them. A failed load is not remembered, so a
  // later call retries (e.g. after UDUNITS2_XML_PATH was fixed).
  ut_system* system() {
    static ut_system* loaded = nullptr;
    if (loaded == nullptr) loaded = load();
    return loaded;
  }

  // The parsed unit, owned by the caller. Blanks and NULs around the text are ignored (ut_parse
  // rejects them; padded fixed-length strings carry them).
  std::unique_ptr<ut_unit, void (*)(ut_unit*)> parse(std::string_view text) {
    const std::string trimmed = trim(text);
    ut_unit* unit = ut_parse(system(), trimmed.c_str(), UT_UTF8);
    if (unit == nullptr) {
      // ut_parse() leaves the status at UT_SUCCESS for some syntax errors ("m//s", "a.u.").
      const ut_status status = ut_get_status();
      throw_error(ErrorKind::invalid_argument, kOperation, {}, {},
                  "unknown unit \"" + std::string(text) + "\" (" +
                      (status == UT_SUCCESS ? std::string("udunits2 cannot parse it as a unit expression")
                                            : std::string("udunits2 status ") + describe(status)) +
                      ")");
    }
    return {unit, ut_free};
  }

  std::string format(const ut_unit* unit, std::string_view text) {
    char buffer[256];
    int length = ut_format(unit, buffer, sizeof buffer, UT_ASCII);
    // Units whose only symbol is non-ASCII cannot be written in ASCII; UTF-8 is the next best.
    if (length < 0) length = ut_format(unit, buffer, sizeof buffer, UT_UTF8);
    if (length < 0 || static_cast<std::size_t>(length) >= sizeof buffer) {
      throw_error(ErrorKind::invalid_argument, kOperation, {}, {},
                  "cannot format unit \"" + std::string(text) + "\" (udunits2 status " +
                      describe(ut_get_status()) + ")");
    }
    return std::string(buffer, static_cast<std::size_t>(length));
  }

 private:
  static std::mutex& mutex() {
    static std::mutex m;
    return m;
  }

  static std::string trim(std::string_view text) {
    constexpr std::string_view blanks(" \t\r\n\v\f\0", 7);
    const auto first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos) return {};
    return std::string(text.substr(first, text.find_last_not_of(blanks) - first + 1));
  }

  static ut_system* load() {
    ut_system* system = ut_read_xml(nullptr);
    if (system != nullptr) return system;
    const ut_status status = ut_get_status();
    ut_status path_status = UT_SUCCESS;
    const char* path = ut_get_path_xml(nullptr, &path_status);
    const char* from_env = std::getenv("UDUNITS2_XML_PATH");
    throw_error(ErrorKind::file, "load the udunits2 unit database", path ? path : "", {},
                std::string("cannot read it (udunits2 status ") + describe(status) + "); " +
                    (from_env ? "the path comes from UDUNITS2_XML_PATH: fix or unset it"
                              : "install the libudunits2-data package or set UDUNITS2_XML_PATH"));
  }

  std::unique_lock<std::mutex> lock_;
  ut_error_message_handler previous_handler_;
};

}  // namespace
}  // namespace detail

double UnitConverter::operator()(double value) const noexcept {
  return impl_ ? cv_convert_double(impl_->converter, value) : value;
}

void UnitConverter::convert(std::span<double> values) const noexcept {
  if (impl_ && !values.empty()) cv_convert_doubles(impl_->converter, values.data(), values.size(), values.data());
}

void UnitConverter::convert(std::span<float> values) const noexcept {
  if (impl_ && !values.empty()) cv_convert_floats(impl_->converter, values.data(), values.size(), values.data());
}

bool UnitConverter::is_identity() const noexcept {
  // UDUNITS-2 hands out one shared trivial converter whenever the two units are equal.
  return !impl_ || impl_->converter == cv_get_trivial();
}

const std::string& UnitConverter::from() const noexcept {
  static const std::string none;
  return impl_ ? impl_->from : none;
}

const std::string& UnitConverter::to() const noexcept {
  static const std::string none;
  return impl_ ? impl_->to : none;
}

std::string UnitConverter::expression(std::string_view variable) const {
  const std::string var(variable);
  if (!impl_) return var;
  char buffer[256];
  const int length = cv_get_expression(impl_->converter, buffer, sizeof buffer, var.c_str());
  if (length < 0 || static_cast<std::size_t>(length) >= sizeof buffer) return "f(" + var + ")";
  return std::string(buffer, static_cast<std::size_t>(length));
}

UnitConverter unit_converter(std::string_view from, std::string_view to) {
  detail::Udunits udunits;
  const auto source = udunits.parse(from);
  const auto target = udunits.parse(to);
  cv_converter* converter = ut_get_converter(source.get(), target.get());
  if (converter == nullptr) {
    const ut_status status = ut_get_status();  // before ut_are_convertible() overwrites it
    if (!ut_are_convertible(source.get(), target.get())) {
      throw_error(ErrorKind::type_mismatch, detail::kOperation, {}, {},
                  "cannot convert \"" + std::string(from) + "\" to \"" + std::string(to) +
                      "\": the units measure different quantities (\"" + std::string(from) + "\" is " +
                      udunits.format(source.get(), from) + ", \"" + std::string(to) + "\" is " +
                      udunits.format(target.get(), to) + ")");
    }
    throw_error(ErrorKind::invalid_argument, detail::kOperation, {}, {},
                "cannot convert \"" + std::string(from) + "\" to \"" + std::string(to) + "\" (udunits2 status " +
                    detail::describe(status) + ")");
  }
  try {
    return UnitConverter(std::make_shared<const detail::UnitConversion>(std::string(from), std::string(to), converter));
  } catch (...) {
    cv_free(converter);
    throw;
  }
}

bool units_convertible(std::string_view a, std::string_view b) {
  detail::Udunits udunits;
  const auto first = udunits.parse(a);
  const auto second = udunits.parse(b);
  return ut_are_convertible(first.get(), second.get()) != 0;
}

std::string canonical_unit(std::string_view unit) {
  detail::Udunits udunits;
  return udunits.format(udunits.parse(unit).get(), unit);
}

}  // namespace h5kit

#pragma once
// Physical units, through UDUNITS-2: is "mm" convertible to "m", and by what function. This is what
// lets a reader ask for metres and accept a dataset whose `units` attribute says millimetres. It knows
// nothing about files: callers read the unit string (usually an attribute) and pass it in.
//
// Unit strings follow UDUNITS-2's grammar ("mm", "m/s", "kg m2 s-2", "keV", "degC", "days since
// 2000-01-01"). Leading and trailing blanks and NULs are ignored, as padded fixed-length strings
// carry them. An empty string is the dimensionless unit "1" (UDUNITS-2 reads it that way, and an
// absent or empty `units` attribute conventionally means "a pure number").
//
// Threads: UDUNITS-2 is not thread-safe. h5kit loads its unit database once per process, on first
// use, and serialises every call it makes into UDUNITS-2 behind one mutex; the conversions
// themselves (UnitConverter's operator() and convert()) read an immutable converter and run in
// parallel without locking. Code that calls UDUNITS-2 directly, bypassing h5kit, is not covered.
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace h5kit {

namespace detail {
struct UnitConversion;  // owns a UDUNITS-2 cv_converter
}

// Converts values from one unit to another: y = f(x), in general an affine map (degC -> K adds
// 273.15), sometimes logarithmic. Copies share one immutable converter; copying and converting are
// safe from any thread. A default-constructed converter is the identity.
class UnitConverter {
 public:
  UnitConverter() = default;

  double operator()(double value) const noexcept;
  // In place. float arrays are converted in double and rounded once, as UDUNITS-2 does.
  void convert(std::span<double> values) const noexcept;
  void convert(std::span<float> values) const noexcept;

  // True when converting changes nothing (same unit, or units UDUNITS-2 knows to be equal, such as
  // "m" and "meter"): callers can skip the pass over the data.
  bool is_identity() const noexcept;

  // The unit strings this converter was made from, as given (empty for a default-constructed one).
  const std::string& from() const noexcept;
  const std::string& to() const noexcept;

  // The function as text, e.g. "0.001*x" or "x + 273.15": for messages and logs.
  std::string expression(std::string_view variable = "x") const;

 private:
  friend UnitConverter unit_converter(std::string_view from, std::string_view to);
  explicit UnitConverter(std::shared_ptr<const detail::UnitConversion> impl) noexcept : impl_(std::move(impl)) {}
  std::shared_ptr<const detail::UnitConversion> impl_;
};

// The converter from unit `from` to unit `to`.
// Throws InvalidArgumentError for a string UDUNITS-2 cannot parse (the message names the string and
// UDUNITS-2's status), TypeMismatchError when both parse but measure different quantities ("s" to
// "mm"), and FileError when UDUNITS-2's unit database cannot be loaded.
UnitConverter unit_converter(std::string_view from, std::string_view to);

// Whether values in `a` can be converted to `b`. A string that is not a unit at all throws
// InvalidArgumentError rather than answering false: a typo should not read as "different quantity".
bool units_convertible(std::string_view a, std::string_view b);

// UDUNITS-2's ASCII spelling of the unit in base or derived SI terms: "mm" -> "0.001 m",
// "kg m2 s-2" -> "J", "degC" -> "K @ 273.15", "" -> "1". Two strings with the same canonical form are
// the same unit. Throws as unit_converter does.
std::string canonical_unit(std::string_view unit);

}  // namespace h5kit

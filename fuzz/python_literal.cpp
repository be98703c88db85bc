// Fuzzes pymodaq's Python-literal parser (h5kit/daq/attribute_codec.hpp): any text either parses
// or is an h5kit::Error, and what parses prints back (python_repr) as a literal that parses to the
// same printed form.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "h5kit/daq/attribute_codec.hpp"
#include "h5kit/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  h5kit::daq::PyValue value;
  try {
    value = h5kit::daq::parse_python_literal(text);
  } catch (const h5kit::Error&) {
    return 0;  // refused with a message: the expected outcome for most inputs
  }
  std::string printed;
  try {
    printed = h5kit::daq::python_repr(value);
  } catch (const h5kit::Error&) {
    return 0;  // kinds without a repr of their own
  }
  // repr(literal_eval(repr(x))) == repr(x): the printed form is a fixed point, except for the
  // floats a literal can overflow to (1e999 is inf, whose repr is a name, as in Python).
  try {
    if (h5kit::daq::python_repr(h5kit::daq::parse_python_literal(printed)) != printed) std::abort();
  } catch (const h5kit::Error&) {
    if (printed.find("inf") == std::string::npos && printed.find("nan") == std::string::npos) std::abort();
  }
  return 0;
}

// Fuzzes the pymodaq attribute decoder (json2object and h5kit's backend reading): every text gives
// a value (raw text at worst), and the strict reading either gives the same value or an h5kit::Error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "h5kit/daq/attribute_codec.hpp"
#include "h5kit/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)h5kit::daq::json2object(text);
  const h5kit::daq::PyValue loose = h5kit::daq::decode_attribute(text);
  try {
    const h5kit::daq::PyValue strict = h5kit::daq::decode_attribute_strict(text, "fuzzed");
    (void)strict;
  } catch (const h5kit::Error&) {
  }
  (void)loose;
  return 0;
}

// Fuzzes the model JSON Schema reader behind `h5kit validate --schema` (schema_from_json): any
// text is a schema or an h5kit::Error, and a schema read survives schema_to_json unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "h5kit/error.hpp"
#include "h5kit/model/schema.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  h5kit::ModelSchema schema;
  try {
    schema = h5kit::schema_from_json(text);
  } catch (const h5kit::Error&) {
    return 0;
  }
  if (!(h5kit::schema_from_json(h5kit::schema_to_json(schema)) == schema)) std::abort();
  return 0;
}

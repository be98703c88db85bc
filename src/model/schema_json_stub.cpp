// TEMPORARY until the schema-docs branch lands.
#include "h5kit/model/schema.hpp"
#include "h5kit/error.hpp"
namespace h5kit {
std::string schema_to_json(const ModelSchema& s, int) { return "{\"title\": \"" + s.name + "\"}"; }
ModelSchema schema_from_json(std::string_view) { throw_error(ErrorKind::invalid_argument, "x", "", "", "stub"); }
std::string schema_to_markdown(const ModelSchema& s) { return "# " + s.name; }
}

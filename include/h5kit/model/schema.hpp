#pragma once
// The run-time description of a model: what schema_of<T>() builds from a C++ type, what a dumped
// file embeds as JSON in its root attribute `h5kit_schema`, and what the documentation, the
// file validator (`h5kit validate`) and the loaders read. One plain tree of values, comparable with ==.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "h5kit/model/spec.hpp"

namespace h5kit {

enum class FieldKind : std::uint8_t {
  attribute,  // a scalar or small array attribute of the parent object
  dataset,    // a dataset; `models[0]` describes it (type, shape, its own attribute fields)
  group,      // a nested model: a subgroup; `models[0]`
  list,       // std::vector<Model>: a subgroup with members "0", "1", ...; `models[0]` is the element
  map,        // std::map<std::string, Model>: a subgroup with named members; `models[0]` is the element
  one_of,     // std::variant of dataset models: `models` are the alternatives, the first that fits wins
};
const char* to_string(FieldKind kind) noexcept;

struct Constraints {
  std::optional<double> ge, gt, le, lt;
  std::optional<std::size_t> min_length, max_length;
  std::string pattern;
  std::vector<std::string> allowed;
  std::vector<double> allowed_numbers;
  bool empty() const noexcept {
    return !ge && !gt && !le && !lt && !min_length && !max_length && pattern.empty() && allowed.empty() &&
           allowed_numbers.empty();
  }
  friend bool operator==(const Constraints&, const Constraints&) = default;
};

// The stored form of an attribute field or a dataset: an element type and a shape.
struct ValueSchema {
  // h5kit's type names (Datatype::name()): "int32", "float64", "bool", "string", "datetime64[ns]",
  // "enum"... Compatibility on load is by class, not exact width: see docs/models.md.
  std::string dtype;
  std::vector<std::string> enum_names;  // dtype "enum": the allowed names, in declaration order
  // Extents; kAnyExtent for a wildcard axis. Empty for a scalar. `any_rank`: a run-time-sized
  // container (std::vector, NDArray) whose rank is not fixed by the type.
  std::vector<std::int64_t> shape;
  bool any_rank = false;
  friend bool operator==(const ValueSchema&, const ValueSchema&) = default;
};
inline constexpr std::int64_t kAnyExtent = -1;

struct ModelSchema;

struct FieldSchema {
  std::string member;  // the C++ member name
  std::string name;    // the name in the file (attribute or link name)
  std::string doc;
  std::string unit;
  FieldKind kind = FieldKind::attribute;
  bool optional = false;  // std::optional: absent in the file when unset
  ValueSchema value;      // kind == attribute
  Constraints constraints;
  std::vector<ModelSchema> models;  // see FieldKind
  // Dataset storage requests (kind dataset or one_of).
  int gzip = -1;
  bool shuffle = false;
  std::vector<std::size_t> chunks;
  friend bool operator==(const FieldSchema&, const FieldSchema&) = default;
};

struct ModelSchema {
  std::string name;
  int version = 1;
  std::string doc;
  bool is_dataset = false;  // a DatasetOf model: `value` is the dataset's type and shape
  ValueSchema value;
  std::vector<FieldSchema> fields;  // attribute fields only, for a dataset model
  friend bool operator==(const ModelSchema&, const ModelSchema&) = default;

  const FieldSchema* find_member(std::string_view member) const noexcept;
  const FieldSchema* find_name(std::string_view stored_name) const noexcept;
};

// Attributes h5kit writes on the root group of a dumped model (DumpOptions::self_describing), and
// those it writes on every dataset field that has a unit or a doc.
inline constexpr const char* kModelNameAttribute = "h5kit_model";            // string: ModelSchema::name
inline constexpr const char* kModelVersionAttribute = "h5kit_model_version";  // int32: ModelSchema::version
inline constexpr const char* kSchemaAttribute = "h5kit_schema";              // string: schema_to_json()
inline constexpr const char* kUnitsAttribute = "units";
inline constexpr const char* kDescriptionAttribute = "description";

// JSON Schema (draft 2020-12) of a model, with h5kit's layout in "x-h5kit" keywords, as embedded in
// dumped files. schema_from_json(schema_to_json(s)) == s. docs/model_schema.md shows the layout.
std::string schema_to_json(const ModelSchema& schema, int indent = 2);
// InvalidArgumentError naming the JSON path when the text is not such a schema.
ModelSchema schema_from_json(std::string_view json);
// A Markdown page: the model's layout in the file, one table per group.
std::string schema_to_markdown(const ModelSchema& schema);

}  // namespace h5kit

// ModelSchema <-> JSON Schema (draft 2020-12). docs/model_schema.md describes the layout.
//
// The standard keywords are what a person or a generic JSON-Schema tool reads: title, description,
// type, items, minimum..., required. Everything about the HDF5 layout sits in one "x-h5kit" object
// per model and per field, which is authoritative for the layout (kind, dtype, shape, enum names);
// the value constraints are read back from the standard keywords, so nothing is said twice. Each
// constraint has exactly one place, so that schema_from_json(schema_to_json(s)) == s.
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "h5kit/error.hpp"
#include "h5kit/model/schema.hpp"

namespace h5kit {

namespace {

// Ordered: properties keep the model's field order, and the document reads in a fixed order.
using Json = nlohmann::ordered_json;

constexpr const char* kDraft = "https://json-schema.org/draft/2020-12/schema";
constexpr const char* kExtension = "x-h5kit";

// ---- writing ------------------------------------------------------------------------------------

[[noreturn]] void unwritable(const std::string& where, const std::string& why) {
  throw_error(ErrorKind::invalid_argument, "write model schema as JSON", "", where, why);
}

// JSON has no infinity or NaN: bounds that are not finite are written as numpy's spelling.
Json number_json(double v) {
  if (std::isfinite(v)) return v;
  if (std::isnan(v)) return "nan";
  return v > 0 ? "inf" : "-inf";
}

const char* json_type_of(const std::string& dtype) {
  if (dtype == "bool") return "boolean";
  if (dtype.starts_with("int") || dtype.starts_with("uint")) return "integer";
  if (dtype.starts_with("float")) return "number";
  if (dtype == "str" || dtype == "bytes" || dtype.starts_with("S") || dtype.starts_with("enum(") ||
      dtype.starts_with("datetime64") || dtype.starts_with("timedelta64")) {
    return "string";
  }
  return nullptr;  // compounds, complex, references...: no JSON type says it
}

// Depth of "items" nesting that holds a value's elements: one per axis; a value of any rank gets one.
std::size_t depth_of(const ValueSchema& v) { return v.any_rank ? 1 : v.shape.size(); }

// Bounds, lengths (under the given keywords, none when null), pattern and allowed values. With
// `names` (an enum type's member names), "enum" lists the names and the allowed values move to
// "allOf": [{"enum": [...]}], which a generic tool also enforces.
void put_constraints(Json& node, const Constraints& c, const char* min_key, const char* max_key,
                     const std::vector<std::string>* names, const std::string& where) {
  if (c.ge) node["minimum"] = number_json(*c.ge);
  if (c.gt) node["exclusiveMinimum"] = number_json(*c.gt);
  if (c.le) node["maximum"] = number_json(*c.le);
  if (c.lt) node["exclusiveMaximum"] = number_json(*c.lt);
  if (min_key && c.min_length) node[min_key] = *c.min_length;
  if (max_key && c.max_length) node[max_key] = *c.max_length;
  if (!c.pattern.empty()) node["pattern"] = c.pattern;
  Json allowed = Json::array();
  for (const auto& s : c.allowed) allowed.push_back(s);
  for (double d : c.allowed_numbers) {
    if (!std::isfinite(d)) unwritable(where, "an allowed value is not finite, which JSON cannot say");
    allowed.push_back(d);
  }
  if (names && !names->empty()) {
    node["enum"] = *names;
    if (!allowed.empty()) node["allOf"] = Json::array({Json{{"enum", allowed}}});
  } else if (!allowed.empty()) {
    node["enum"] = allowed;
  }
}

// The standard keywords of a stored value: its JSON type, arrays nested once per axis, and the
// constraints on the elements (innermost) and on the element count (outermost).
void put_value(Json& node, const ValueSchema& v, const Constraints& c, bool with_names, const std::string& where) {
  const std::vector<std::string>* names = with_names ? &v.enum_names : nullptr;
  const std::size_t depth = depth_of(v);
  if (depth == 0) {
    if (const char* t = json_type_of(v.dtype)) node["type"] = t;
    put_constraints(node, c, "minLength", "maxLength", names, where);
    return;
  }
  Json inner = Json::object();
  if (const char* t = json_type_of(v.dtype)) inner["type"] = t;
  put_constraints(inner, c, nullptr, nullptr, names, where);
  for (std::size_t i = 1; i < depth; ++i) inner = Json{{"type", "array"}, {"items", std::move(inner)}};
  node["type"] = "array";
  if (c.min_length) node["minItems"] = *c.min_length;
  if (c.max_length) node["maxItems"] = *c.max_length;
  node["items"] = std::move(inner);
}

void put_value_extension(Json& ext, const ValueSchema& v) {
  ext["dtype"] = v.dtype;
  Json shape = Json::array();
  for (std::int64_t n : v.shape) shape.push_back(n == kAnyExtent ? Json(nullptr) : Json(n));
  ext["shape"] = std::move(shape);
  if (v.any_rank) ext["any_rank"] = true;
  if (!v.enum_names.empty()) ext["enum_names"] = v.enum_names;
}

Json model_json(const ModelSchema& m, bool root, const std::string& where);

Json field_json(const FieldSchema& f, const std::string& where) {
  const std::size_t models = f.models.size();
  const bool one_model = f.kind == FieldKind::group || f.kind == FieldKind::dataset || f.kind == FieldKind::list ||
                         f.kind == FieldKind::map;
  if ((f.kind == FieldKind::attribute && models != 0) || (one_model && models != 1) ||
      (f.kind == FieldKind::one_of && models == 0)) {
    unwritable(where, std::string("a field of kind ") + to_string(f.kind) + " cannot have " + std::to_string(models) +
                          " models");
  }
  Json j = Json::object();
  if (!f.doc.empty()) j["description"] = f.doc;
  Json ext = Json::object();
  ext["kind"] = to_string(f.kind);
  ext["member"] = f.member;
  if (!f.unit.empty()) ext["unit"] = f.unit;
  if (f.kind == FieldKind::attribute || f.value != ValueSchema{}) put_value_extension(ext, f.value);
  if (f.gzip != -1) ext["gzip"] = f.gzip;
  if (f.shuffle) ext["shuffle"] = true;
  if (!f.chunks.empty()) ext["chunks"] = f.chunks;
  j[kExtension] = std::move(ext);
  switch (f.kind) {
    case FieldKind::attribute: put_value(j, f.value, f.constraints, true, where); break;
    case FieldKind::dataset:
      put_value(j, f.models[0].value, f.constraints, false, where);
      j["allOf"] = Json::array({model_json(f.models[0], false, where)});
      break;
    case FieldKind::group:
      put_constraints(j, f.constraints, "minProperties", "maxProperties", nullptr, where);
      j["allOf"] = Json::array({model_json(f.models[0], false, where)});
      break;
    case FieldKind::list:
      j["type"] = "array";
      put_constraints(j, f.constraints, "minItems", "maxItems", nullptr, where);
      j["items"] = model_json(f.models[0], false, where + "/{n}");
      break;
    case FieldKind::map:
      j["type"] = "object";
      put_constraints(j, f.constraints, "minProperties", "maxProperties", nullptr, where);
      j["additionalProperties"] = model_json(f.models[0], false, where + "/{key}");
      break;
    case FieldKind::one_of: {
      put_constraints(j, f.constraints, "minItems", "maxItems", nullptr, where);
      Json alternatives = Json::array();
      for (const ModelSchema& m : f.models) alternatives.push_back(model_json(m, false, where));
      j["oneOf"] = std::move(alternatives);
      break;
    }
  }
  return j;
}

Json model_json(const ModelSchema& m, bool root, const std::string& where) {
  Json j = Json::object();
  if (root) j["$schema"] = kDraft;
  j["title"] = m.name;
  if (!m.doc.empty()) j["description"] = m.doc;
  Json ext = Json::object();
  ext["version"] = m.version;
  if (m.is_dataset) ext["is_dataset"] = true;
  if (m.is_dataset || m.value != ValueSchema{}) put_value_extension(ext, m.value);
  j[kExtension] = std::move(ext);
  if (m.is_dataset) {
    put_value(j, m.value, Constraints{}, true, where);
  } else {
    j["type"] = "object";
  }
  Json properties = Json::object();
  Json required = Json::array();
  for (const FieldSchema& f : m.fields) {
    const std::string path = where + (where.ends_with('/') ? "" : "/") + f.name;
    if (properties.contains(f.name)) unwritable(path, "two fields of '" + m.name + "' are stored as '" + f.name + "'");
    properties[f.name] = field_json(f, path);
    if (!f.optional) required.push_back(f.name);
  }
  if (!m.is_dataset || !properties.empty()) j["properties"] = std::move(properties);
  if (!required.empty()) j["required"] = std::move(required);
  return j;
}

// ---- reading ------------------------------------------------------------------------------------

// A JSON pointer (RFC 6901) to the part being read, for the messages.
std::string child(const std::string& pointer, std::string_view key) {
  std::string escaped;
  for (char ch : key) {
    if (ch == '~') escaped += "~0";
    else if (ch == '/') escaped += "~1";
    else escaped += ch;
  }
  return pointer + "/" + escaped;
}
std::string child(const std::string& pointer, std::size_t index) { return pointer + "/" + std::to_string(index); }

std::string describe(const Json& found) {
  std::string text = found.dump();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return std::string(found.type_name()) + " " + text;
}

[[noreturn]] void bad(const std::string& pointer, const std::string& what) {
  throw_error(ErrorKind::invalid_argument, "read model schema from JSON", "", "",
              "at JSON pointer \"" + pointer + "\"" + (pointer.empty() ? " (the document)" : "") + ": " + what);
}
[[noreturn]] void expected(const std::string& pointer, const std::string& what, const Json& found) {
  bad(pointer, "expected " + what + ", found " + describe(found));
}

const Json& object_at(const Json& j, const std::string& pointer, const char* what = "an object") {
  if (!j.is_object()) expected(pointer, what, j);
  return j;
}

const Json* find(const Json& object, const char* key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

const Json& require(const Json& object, const std::string& pointer, const char* key, const char* what) {
  const Json* found = find(object, key);
  if (!found) bad(child(pointer, key), std::string("missing; expected ") + what);
  return *found;
}

std::string string_at(const Json& j, const std::string& pointer) {
  if (!j.is_string()) expected(pointer, "a string", j);
  return j.get<std::string>();
}

bool bool_at(const Json& j, const std::string& pointer) {
  if (!j.is_boolean()) expected(pointer, "true or false", j);
  return j.get<bool>();
}

std::int64_t integer_at(const Json& j, const std::string& pointer) {
  if (!j.is_number_integer() || (j.is_number_unsigned() && j.get<std::uint64_t>() > INT64_MAX)) {
    expected(pointer, "an integer", j);
  }
  return j.get<std::int64_t>();
}

int int_at(const Json& j, const std::string& pointer) {
  const std::int64_t v = integer_at(j, pointer);
  if (v < INT32_MIN || v > INT32_MAX) expected(pointer, "a 32-bit integer", j);
  return static_cast<int>(v);
}

std::size_t size_at(const Json& j, const std::string& pointer) {
  if (!j.is_number_unsigned()) expected(pointer, "a non-negative integer", j);
  return j.get<std::size_t>();
}

double number_at(const Json& j, const std::string& pointer) {
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) {
    const std::string s = j.get<std::string>();
    if (s == "inf") return INFINITY;
    if (s == "-inf") return -INFINITY;
    if (s == "nan") return NAN;
  }
  expected(pointer, "a number (or \"inf\", \"-inf\", \"nan\")", j);
}

std::vector<std::string> strings_at(const Json& j, const std::string& pointer) {
  if (!j.is_array()) expected(pointer, "an array of strings", j);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < j.size(); ++i) out.push_back(string_at(j[i], child(pointer, i)));
  return out;
}

const Json& single_model(const Json& field, const std::string& pointer, const char* key) {
  const Json& list = require(field, pointer, key, "an array holding one model schema");
  if (!list.is_array() || list.size() != 1) expected(child(pointer, key), "an array holding one model schema", list);
  return list[0];
}

void take_allowed(const Json& list, const std::string& pointer, Constraints& c) {
  if (!list.is_array()) expected(pointer, "an array of allowed values", list);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].is_string()) c.allowed.push_back(list[i].get<std::string>());
    else if (list[i].is_number()) c.allowed_numbers.push_back(list[i].get<double>());
    else expected(child(pointer, i), "a string or a number", list[i]);
  }
}

// The inverse of put_constraints.
void take_constraints(const Json& node, const std::string& pointer, const char* min_key, const char* max_key,
                      bool names, Constraints& c) {
  if (const Json* v = find(node, "minimum")) c.ge = number_at(*v, child(pointer, "minimum"));
  if (const Json* v = find(node, "exclusiveMinimum")) c.gt = number_at(*v, child(pointer, "exclusiveMinimum"));
  if (const Json* v = find(node, "maximum")) c.le = number_at(*v, child(pointer, "maximum"));
  if (const Json* v = find(node, "exclusiveMaximum")) c.lt = number_at(*v, child(pointer, "exclusiveMaximum"));
  if (min_key) {
    if (const Json* v = find(node, min_key)) c.min_length = size_at(*v, child(pointer, min_key));
  }
  if (max_key) {
    if (const Json* v = find(node, max_key)) c.max_length = size_at(*v, child(pointer, max_key));
  }
  if (const Json* v = find(node, "pattern")) c.pattern = string_at(*v, child(pointer, "pattern"));
  if (!names) {
    if (const Json* v = find(node, "enum")) take_allowed(*v, child(pointer, "enum"), c);
    return;
  }
  // An enum type: "enum" lists its names (x-h5kit's enum_names are authoritative); allowed values
  // are in allOf[0].enum.
  if (const Json* all = find(node, "allOf")) {
    const std::string p = child(pointer, "allOf");
    if (!all->is_array() || all->size() != 1 || !(*all)[0].is_object()) {
      expected(p, "an array holding one {\"enum\": [...]}", *all);
    }
    take_allowed(require((*all)[0], child(p, 0), "enum", "an array of allowed values"), child(child(p, 0), "enum"), c);
  }
}

// The inverse of put_value: constraints at the places the value's shape gives them.
Constraints take_value_constraints(const Json& node, const std::string& pointer, const ValueSchema& v, bool with_names) {
  Constraints c;
  const bool names = with_names && !v.enum_names.empty();
  const std::size_t depth = depth_of(v);
  if (depth == 0) {
    take_constraints(node, pointer, "minLength", "maxLength", names, c);
    return c;
  }
  take_constraints(node, pointer, "minItems", "maxItems", false, c);
  const Json* inner = &node;
  std::string p = pointer;
  for (std::size_t i = 0; i < depth; ++i) {
    inner = &object_at(require(*inner, p, "items", "the schema of the array's elements"), child(p, "items"));
    p = child(p, "items");
  }
  Constraints element;
  take_constraints(*inner, p, nullptr, nullptr, names, element);
  element.min_length = c.min_length;
  element.max_length = c.max_length;
  return element;
}

ValueSchema take_value_extension(const Json& ext, const std::string& pointer) {
  ValueSchema v;
  v.dtype = string_at(require(ext, pointer, "dtype", "the stored type name (\"float64\")"), child(pointer, "dtype"));
  const std::string sp = child(pointer, "shape");
  const Json& shape = require(ext, pointer, "shape", "the shape, an array of extents");
  if (!shape.is_array()) expected(sp, "an array of extents (null for any)", shape);
  for (std::size_t i = 0; i < shape.size(); ++i) {
    v.shape.push_back(shape[i].is_null() ? kAnyExtent : integer_at(shape[i], child(sp, i)));
  }
  if (const Json* a = find(ext, "any_rank")) v.any_rank = bool_at(*a, child(pointer, "any_rank"));
  if (const Json* n = find(ext, "enum_names")) v.enum_names = strings_at(*n, child(pointer, "enum_names"));
  return v;
}

ModelSchema take_model(const Json& j, const std::string& pointer, bool root);

FieldKind kind_at(const Json& j, const std::string& pointer) {
  const std::string name = string_at(j, pointer);
  for (FieldKind k : {FieldKind::attribute, FieldKind::dataset, FieldKind::group, FieldKind::list, FieldKind::map,
                      FieldKind::one_of}) {
    if (name == to_string(k)) return k;
  }
  expected(pointer, "one of attribute, dataset, group, list, map, one_of", j);
}

FieldSchema take_field(const Json& j, const std::string& pointer) {
  object_at(j, pointer, "a field schema (an object)");
  FieldSchema f;
  if (const Json* d = find(j, "description")) f.doc = string_at(*d, child(pointer, "description"));
  const std::string ep = child(pointer, kExtension);
  const Json& ext = object_at(require(j, pointer, kExtension, "h5kit's layout of the field"), ep);
  f.kind = kind_at(require(ext, ep, "kind", "the field's kind"), child(ep, "kind"));
  f.member = string_at(require(ext, ep, "member", "the C++ member name"), child(ep, "member"));
  if (const Json* u = find(ext, "unit")) f.unit = string_at(*u, child(ep, "unit"));
  if (f.kind == FieldKind::attribute || find(ext, "dtype")) f.value = take_value_extension(ext, ep);
  if (const Json* g = find(ext, "gzip")) f.gzip = int_at(*g, child(ep, "gzip"));
  if (const Json* s = find(ext, "shuffle")) f.shuffle = bool_at(*s, child(ep, "shuffle"));
  if (const Json* ch = find(ext, "chunks")) {
    const std::string cp = child(ep, "chunks");
    if (!ch->is_array()) expected(cp, "an array of chunk extents", *ch);
    for (std::size_t i = 0; i < ch->size(); ++i) f.chunks.push_back(size_at((*ch)[i], child(cp, i)));
  }
  switch (f.kind) {
    case FieldKind::attribute: f.constraints = take_value_constraints(j, pointer, f.value, true); break;
    case FieldKind::dataset:
      f.models.push_back(take_model(single_model(j, pointer, "allOf"), child(child(pointer, "allOf"), 0), false));
      f.constraints = take_value_constraints(j, pointer, f.models[0].value, false);
      break;
    case FieldKind::group:
      f.models.push_back(take_model(single_model(j, pointer, "allOf"), child(child(pointer, "allOf"), 0), false));
      take_constraints(j, pointer, "minProperties", "maxProperties", false, f.constraints);
      break;
    case FieldKind::list:
      f.models.push_back(take_model(require(j, pointer, "items", "the element model"), child(pointer, "items"), false));
      take_constraints(j, pointer, "minItems", "maxItems", false, f.constraints);
      break;
    case FieldKind::map:
      f.models.push_back(take_model(require(j, pointer, "additionalProperties", "the element model"),
                                    child(pointer, "additionalProperties"), false));
      take_constraints(j, pointer, "minProperties", "maxProperties", false, f.constraints);
      break;
    case FieldKind::one_of: {
      const std::string op = child(pointer, "oneOf");
      const Json& alternatives = require(j, pointer, "oneOf", "the alternative models");
      if (!alternatives.is_array() || alternatives.empty()) expected(op, "a non-empty array of models", alternatives);
      for (std::size_t i = 0; i < alternatives.size(); ++i) {
        f.models.push_back(take_model(alternatives[i], child(op, i), false));
      }
      take_constraints(j, pointer, "minItems", "maxItems", false, f.constraints);
      break;
    }
  }
  return f;
}

ModelSchema take_model(const Json& j, const std::string& pointer, bool root) {
  object_at(j, pointer, "a model schema (an object)");
  ModelSchema m;
  if (root) {
    if (const Json* s = find(j, "$schema")) string_at(*s, child(pointer, "$schema"));
  }
  m.name = string_at(require(j, pointer, "title", "the model name"), child(pointer, "title"));
  if (const Json* d = find(j, "description")) m.doc = string_at(*d, child(pointer, "description"));
  const std::string ep = child(pointer, kExtension);
  const Json& ext = object_at(require(j, pointer, kExtension, "h5kit's layout of the model"), ep);
  m.version = int_at(require(ext, ep, "version", "the model version"), child(ep, "version"));
  if (m.version < 1) bad(child(ep, "version"), "expected a model version >= 1, found " + std::to_string(m.version));
  if (const Json* d = find(ext, "is_dataset")) m.is_dataset = bool_at(*d, child(ep, "is_dataset"));
  if (m.is_dataset || find(ext, "dtype")) m.value = take_value_extension(ext, ep);
  std::vector<std::string> names;
  if (const Json* props = find(j, "properties")) {
    const std::string pp = child(pointer, "properties");
    object_at(*props, pp, "an object of field schemas");
    for (const auto& [name, field] : props->items()) {
      FieldSchema f = take_field(field, child(pp, name));
      f.name = name;
      f.optional = true;  // until "required" lists it
      m.fields.push_back(std::move(f));
    }
  }
  if (const Json* req = find(j, "required")) {
    const std::string rp = child(pointer, "required");
    const std::vector<std::string> required = strings_at(*req, rp);
    for (std::size_t i = 0; i < required.size(); ++i) {
      bool known = false;
      for (FieldSchema& f : m.fields) {
        if (f.name == required[i]) {
          f.optional = false;
          known = true;
        }
      }
      if (!known) expected(child(rp, i), "the name of a property", (*req)[i]);
    }
  }
  return m;
}

}  // namespace

std::string schema_to_json(const ModelSchema& schema, int indent) {
  // A model's fields are named by their paths in the file in messages: "/beam/energy".
  const Json document = model_json(schema, true, "/");
  try {
    return document.dump(indent < 0 ? -1 : indent);
  } catch (const Json::type_error& e) {
    // Replacing bad bytes would break the round trip: say so instead.
    throw_error(ErrorKind::invalid_argument, "write model schema as JSON", "", schema.name,
                std::string("a name or text is not valid UTF-8: ") + e.what());
  }
}

ModelSchema schema_from_json(std::string_view json) {
  Json document;
  try {
    document = Json::parse(json.begin(), json.end());
  } catch (const Json::exception& e) {
    // nlohmann's message already has the byte position ("at line 3, column 5"). Not only
    // parse_error: a number too big for a double is an out_of_range (found by fuzz/model_schema_json).
    throw_error(ErrorKind::invalid_argument, "read model schema from JSON", "", "",
                std::string("not valid JSON: ") + e.what());
  }
  return take_model(document, "", true);
}

}  // namespace h5kit

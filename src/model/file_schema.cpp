// A file checked against a ModelSchema alone: what `h5kit validate` runs. It walks the schema, not the
// file, so every declared field is looked for; strict mode then walks the file for what the schema
// does not declare. The value checks are the ones the typed loader uses (h5kit/model/detail/checks.hpp).
#include "h5kit/model/file_schema.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <set>
#include <span>
#include <type_traits>

#include "h5kit/attribute.hpp"
#include "h5kit/dataset.hpp"
#include "h5kit/error.hpp"
#include "h5kit/ndarray.hpp"
#include "h5kit/raw_data.hpp"
#include "h5kit/units.hpp"
#include "h5kit/model/detail/checks.hpp"

namespace h5kit {

std::optional<ModelSchema> embedded_schema(const Group& root) {
  const AttributeManager attrs = root.attrs();
  if (!attrs.contains(kSchemaAttribute)) return std::nullopt;
  const Attribute a = attrs.open(kSchemaAttribute);
  if (a.dtype().type_class() != TypeClass::string || a.is_empty() || !a.shape().empty()) {
    throw_error(ErrorKind::invalid_argument, "read embedded model schema", root.file_name(), root.path(),
                std::string("attribute '") + kSchemaAttribute + "' should be a scalar string, found " +
                    detail::model::describe_found(a.dtype(), a.shape()));
  }
  const std::string json = a.read<std::string>();
  try {
    return schema_from_json(json);
  } catch (const Error& e) {
    throw_error(ErrorKind::invalid_argument, "read embedded model schema", root.file_name(), root.path(),
                std::string("attribute '") + kSchemaAttribute + "' is not a model schema: " + e.detail());
  }
}

namespace {

using detail::model::check_length;
using detail::model::check_number;
using detail::model::check_stored;
using detail::model::check_text;

std::string join_path(const std::string& parent, const std::string& name) {
  return parent == "/" ? "/" + name : parent + "/" + name;
}

bool is_text(const ValueSchema& v) {
  return v.dtype == "str" || v.dtype == "bytes" || v.dtype.starts_with("S");
}
bool is_number(const ValueSchema& v) {
  return v.dtype.starts_with("int") || v.dtype.starts_with("uint") || v.dtype.starts_with("float");
}
bool is_enum(const ValueSchema& v) { return v.dtype.starts_with("enum("); }

std::int64_t enum_value_at(const std::byte* p, std::size_t size, bool is_signed) {
  switch (size) {
    case 1: { std::int8_t s; std::uint8_t u; std::memcpy(&s, p, 1); std::memcpy(&u, p, 1); return is_signed ? s : u; }
    case 2: { std::int16_t s; std::uint16_t u; std::memcpy(&s, p, 2); std::memcpy(&u, p, 2); return is_signed ? s : u; }
    case 4: { std::int32_t s; std::uint32_t u; std::memcpy(&s, p, 4); std::memcpy(&u, p, 4); return is_signed ? s : u; }
    default: { std::int64_t s; std::memcpy(&s, p, 8); return s; }
  }
}

// "element 4: must be >= 0 J, found -3.4 (and 2 more)": one problem per field, not one per element.
class ElementFailures {
 public:
  void add(std::size_t index, bool array, std::string message) {
    if (message.empty()) return;
    if (count_++ == 0) first_ = array ? "element " + std::to_string(index) + ": " + message : std::move(message);
  }
  std::string text() const {
    if (count_ <= 1) return first_;
    return first_ + " (and " + std::to_string(count_ - 1) + " more element" + (count_ == 2 ? ")" : "s)");
  }

 private:
  std::size_t count_ = 0;
  std::string first_;
};

class Validator {
 public:
  explicit Validator(bool strict) : strict_(strict) {}
  std::vector<Problem> problems;

  void model(const Object& object, const std::string& path, const ModelSchema& m, const std::string& model_path,
             bool is_root) {
    if (is_root) identity(object, path, m);
    std::set<std::string> declared_attrs, declared_links;
    for (const FieldSchema& f : m.fields) {
      const std::string mp = model_path + "." + f.member;
      (f.kind == FieldKind::attribute ? declared_attrs : declared_links).insert(f.name);
      if (f.kind == FieldKind::attribute) {
        attribute(object, path, f, mp);
      } else if (object.kind() == ObjectKind::group) {
        link(Group(object.as_group()), path, f, mp);
      } else {
        add(path, f.name, std::string("a dataset cannot hold a ") + to_string(f.kind) + " field", mp);
      }
    }
    if (!strict_) return;
    const bool is_dataset = object.kind() == ObjectKind::dataset;
    for (const std::string& name : object.attrs().keys()) {
      if (declared_attrs.count(name)) continue;
      if (is_root && name.starts_with("h5kit_")) continue;
      if (is_dataset && (name == kUnitsAttribute || name == kDescriptionAttribute)) continue;
      add(path, name, "is an attribute the schema does not declare", model_path);
    }
    if (object.kind() == ObjectKind::group) {
      for (const std::string& name : object.as_group().keys()) {
        if (!declared_links.count(name)) add(path, name, "is a link the schema does not declare", model_path);
      }
    }
  }

 private:
  bool strict_;

  void add(const std::string& path, const std::string& field, std::string message, const std::string& model_path) {
    problems.push_back(Problem{path, field, std::move(message), model_path});
  }

  // A file that names its model (h5kit's dump does) must name this one: a schema for another model, or
  // another version of it, would report differences that are not errors of the file.
  void identity(const Object& root, const std::string& path, const ModelSchema& m) {
    const AttributeManager attrs = root.attrs();
    if (attrs.contains(kModelNameAttribute)) {
      const Attribute a = attrs.open(kModelNameAttribute);
      if (a.dtype().type_class() != TypeClass::string || a.is_empty() || !a.shape().empty()) {
        add(path, kModelNameAttribute, "expected str scalar, found " + detail::model::describe_found(a.dtype(), a.shape()), m.name);
      } else if (const std::string found = a.read<std::string>(); found != m.name) {
        add(path, kModelNameAttribute, "names model \"" + found + "\", the schema is of \"" + m.name + "\"", m.name);
      }
    }
    if (attrs.contains(kModelVersionAttribute)) {
      const Attribute a = attrs.open(kModelVersionAttribute);
      if (a.dtype().type_class() != TypeClass::integer || a.is_empty() || !a.shape().empty()) {
        add(path, kModelVersionAttribute, "expected int32 scalar, found " + detail::model::describe_found(a.dtype(), a.shape()), m.name);
      } else if (const std::int64_t found = a.read<std::int64_t>(); found != m.version) {
        add(path, kModelVersionAttribute,
            "is " + std::to_string(found) + ", the schema is of version " + std::to_string(m.version), m.name);
      }
    }
  }

  void attribute(const Object& object, const std::string& path, const FieldSchema& f, const std::string& mp) {
    const AttributeManager attrs = object.attrs();
    if (!attrs.contains(f.name)) {
      if (!f.optional) add(path, f.name, "missing mandatory attribute", mp);
      return;
    }
    const Attribute a = attrs.open(f.name);
    stored(a, path, f.name, f, f.value, mp);
  }

  // Type, shape and values of an attribute or a dataset. False when the type or shape is wrong.
  template <class Stored>
  bool stored(const Stored& s, const std::string& path, const std::string& field, const FieldSchema& f,
              const ValueSchema& v, const std::string& mp) {
    const Datatype type = s.dtype();
    if (s.is_empty()) {
      add(path, field, "expected " + detail::model::describe(v) + ", found " + type.name() + " empty (no dataspace)",
          mp);
      return false;
    }
    const Shape shape = s.shape();
    if (std::string why = check_stored(v, type, shape); !why.empty()) {
      add(path, field, std::move(why), mp);
      return false;
    }
    values(s, path, field, f, v, shape, mp);
    return true;
  }

  template <class Stored>
  void values(const Stored& s, const std::string& path, const std::string& field, const FieldSchema& f,
              const ValueSchema& v, const Shape& shape, const std::string& mp) {
    const Constraints& c = f.constraints;
    const bool array = !shape.empty();
    if (array) {
      if (std::string why = check_length(f, element_count(shape)); !why.empty()) add(path, field, why, mp);
    }
    // Lengths of an array count its elements (checked above); those of a scalar string its characters.
    FieldSchema element = f;
    if (array) element.constraints.min_length = element.constraints.max_length = std::nullopt;
    ElementFailures failures;
    if (is_number(v) && (c.ge || c.gt || c.le || c.lt || !c.allowed_numbers.empty())) {
      NDArray<double> data = s.template read<NDArray<double>>();
      // Bounds are in the declared unit: a dataset stored in another one is converted first, as
      // load() does (a `units` attribute that is not a convertible unit is reported by units()).
      if constexpr (std::is_same_v<Stored, Dataset>) {
        if (const std::optional<UnitConverter> convert = stored_unit_conversion(s, f)) {
          convert->convert(std::span<double>(data.data(), data.size()));
        }
      }
      for (std::size_t i = 0; i < data.size(); ++i) failures.add(i, array, check_number(element, data.data()[i]));
    } else if (is_text(v) && (element.constraints.min_length || element.constraints.max_length ||
                              !c.pattern.empty() || !c.allowed.empty())) {
      const NDArray<std::string> data = s.template read<NDArray<std::string>>();
      for (std::size_t i = 0; i < data.size(); ++i) failures.add(i, array, check_text(element, data.data()[i]));
    } else if (is_enum(v)) {
      const RawData raw = s.read_native();
      const std::vector<std::pair<std::string, std::int64_t>> members = raw.type().enum_members();
      const std::size_t size = raw.type().size();
      const bool is_signed = raw.type().is_signed();
      for (std::size_t i = 0; i < raw.count(); ++i) {
        const std::int64_t value = enum_value_at(raw.data() + i * size, size, is_signed);
        const auto named = std::find_if(members.begin(), members.end(), [&](const auto& m) { return m.second == value; });
        if (named == members.end()) {
          failures.add(i, array, "holds " + std::to_string(value) + ", which no member of the stored enum names");
        } else if (!v.enum_names.empty() &&
                   std::find(v.enum_names.begin(), v.enum_names.end(), named->first) == v.enum_names.end()) {
          std::string list;
          for (const auto& n : v.enum_names) list += (list.empty() ? "" : ", ") + n;
          failures.add(i, array, "must be one of the enum names {" + list + "}, found " + named->first);
        } else {
          failures.add(i, array, check_text(element, named->first));
        }
      }
    }
    if (std::string why = failures.text(); !why.empty()) add(path, field, std::move(why), mp);
  }

  // The object a non-attribute field names: NotFound (absent), or what it is.
  bool open_link(const Group& parent, const std::string& path, const FieldSchema& f, const std::string& mp,
                 ObjectKind want, Object& out) {
    if (!parent.has_link(f.name)) {
      if (!f.optional) add(path, f.name, std::string("missing mandatory ") + to_string(want), mp);
      return false;
    }
    if (!parent.contains(f.name)) {
      add(path, f.name, detail::model::leads_nowhere(parent.get_link(f.name).value_or(LinkInfo{})), mp);
      return false;
    }
    out = parent.open(f.name);
    if (out.kind() != want) {
      add(path, f.name, std::string("expected a ") + to_string(want) + ", found a " + to_string(out.kind()), mp);
      return false;
    }
    return true;
  }

  void link(const Group& parent, const std::string& path, const FieldSchema& f, const std::string& mp) {
    const std::string here = join_path(path, f.name);
    if (f.models.empty()) return;  // a malformed schema: nothing to check against
    const bool dataset_like = f.kind == FieldKind::dataset || f.kind == FieldKind::one_of;
    Object object;
    if (!open_link(parent, path, f, mp, dataset_like ? ObjectKind::dataset : ObjectKind::group, object)) return;
    switch (f.kind) {
      case FieldKind::dataset: dataset(object.as_dataset(), path, f, f.models[0], mp); break;
      case FieldKind::one_of: one_of(object.as_dataset(), path, f, mp); break;
      case FieldKind::group: model(object, here, f.models[0], mp, false); break;
      case FieldKind::list: list(object.as_group(), here, f, mp); break;
      case FieldKind::map: map(object.as_group(), here, f, mp); break;
      case FieldKind::attribute: break;
    }
  }

  void dataset(const Dataset& d, const std::string& path, const FieldSchema& f, const ModelSchema& m,
               const std::string& mp) {
    const std::string here = join_path(path, f.name);
    // A type or shape that does not fit skips the values only: the attributes are checked anyway,
    // as load() does, so every problem is reported at once.
    stored(d, path, f.name, f, m.value, mp);
    units(d, here, f, mp);
    model(d, here, m, mp, false);
  }

  static std::optional<UnitConverter> stored_unit_conversion(const Dataset& d, const FieldSchema& f) {
    if (f.unit.empty() || !d.attrs().contains(kUnitsAttribute)) return std::nullopt;
    const Attribute a = d.attrs().open(kUnitsAttribute);
    if (!detail::model::check_units_attribute(a.dtype(), a.shape(), a.is_empty()).empty()) return std::nullopt;
    try {
      UnitConverter convert = unit_converter(a.read<std::string>(), f.unit);
      if (convert.is_identity()) return std::nullopt;
      return convert;
    } catch (const Error&) {
      return std::nullopt;
    }
  }

  void units(const Dataset& d, const std::string& here, const FieldSchema& f, const std::string& mp) {
    // A dataset without a `units` attribute is taken to hold the declared unit (h5py files rarely
    // write one); one that has it must name a unit convertible to the declared one.
    if (f.unit.empty() || !d.attrs().contains(kUnitsAttribute)) return;
    const Attribute a = d.attrs().open(kUnitsAttribute);
    if (std::string why = detail::model::check_units_attribute(a.dtype(), a.shape(), a.is_empty()); !why.empty()) {
      add(here, kUnitsAttribute, std::move(why), mp);
      return;
    }
    const std::string found = a.read<std::string>();
    try {
      if (!units_convertible(found, f.unit)) {
        add(here, kUnitsAttribute, "must be convertible to " + f.unit + ", found \"" + found + "\"", mp);
      }
    } catch (const InvalidArgumentError&) {
      add(here, kUnitsAttribute, "must be a unit convertible to " + f.unit + ", found \"" + found + "\" (not a unit)",
          mp);
    }
  }

  void one_of(const Dataset& d, const std::string& path, const FieldSchema& f, const std::string& mp) {
    const Datatype type = d.dtype();
    const Shape shape = d.is_empty() ? Shape{} : d.shape();
    for (const ModelSchema& alternative : f.models) {
      if (!d.is_empty() && check_stored(alternative.value, type, shape).empty()) {
        return dataset(d, path, f, alternative, mp);
      }
    }
    std::string list;
    for (const ModelSchema& alternative : f.models) list += (list.empty() ? "" : " or ") + detail::model::describe(alternative.value);
    add(path, f.name,
        "expected " + list + ", found " +
            (d.is_empty() ? type.name() + " empty (no dataspace)" : detail::model::describe_found(type, shape)),
        mp);
  }

  // A list or map member: a group or a dataset, as the element model says.
  void member(const Group& parent, const std::string& here, const std::string& name, const ModelSchema& element,
              const FieldSchema& f, const std::string& mp) {
    FieldSchema as_field = f;  // the member is checked like a field of this kind, named `name`
    as_field.name = name;
    as_field.optional = false;
    as_field.kind = element.is_dataset ? FieldKind::dataset : FieldKind::group;
    as_field.constraints = Constraints{};  // the list's own lengths are not the element's
    Object object;
    if (!open_link(parent, here, as_field, mp, element.is_dataset ? ObjectKind::dataset : ObjectKind::group, object)) {
      return;
    }
    if (element.is_dataset) dataset(object.as_dataset(), here, as_field, element, mp);
    else model(object, join_path(here, name), element, mp, false);
  }

  void list(const Group& g, const std::string& here, const FieldSchema& f, const std::string& mp) {
    const std::vector<std::string> names = g.keys();
    std::set<std::size_t> indices;
    for (const std::string& name : names) {
      const bool numeric = !name.empty() && name.size() < 19 && std::all_of(name.begin(), name.end(), [](char ch) {
        return ch >= '0' && ch <= '9';
      }) && (name == "0" || name[0] != '0');
      if (numeric) indices.insert(std::stoull(name));
      else add(here, name, "is not a list index (members are named 0, 1, 2, ...)", mp);
    }
    std::size_t expected = 0;
    for (std::size_t index : indices) {
      if (index != expected) {
        add(here, "", "list members must be 0.." + std::to_string(indices.size() - 1) + " without gaps; " +
                          std::to_string(expected) + " is missing",
            mp);
        break;
      }
      ++expected;
    }
    if (std::string why = check_length(f, indices.size()); !why.empty()) add(here, "", why, mp);
    for (std::size_t index : indices) member(g, here, std::to_string(index), f.models[0], f, mp + "[" + std::to_string(index) + "]");
  }

  void map(const Group& g, const std::string& here, const FieldSchema& f, const std::string& mp) {
    const std::vector<std::string> names = g.keys();
    if (std::string why = check_length(f, names.size()); !why.empty()) add(here, "", why, mp);
    for (const std::string& name : names) member(g, here, name, f.models[0], f, mp + "[\"" + name + "\"]");
  }
};

}  // namespace

std::vector<Problem> validate_file(const Group& root, const ModelSchema& schema, bool strict) {
  Validator v(strict);
  if (schema.is_dataset) {
    v.problems.push_back(Problem{root.path(), "", "the schema describes a dataset model, which cannot be a file's root",
                                 schema.name});
    return v.problems;
  }
  v.model(root, root.path(), schema, schema.name, true);
  return v.problems;
}

}  // namespace h5kit

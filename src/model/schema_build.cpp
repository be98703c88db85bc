#include <cctype>
#include <string>
#include <string_view>

#include "h5kit/error.hpp"
#include "h5kit/model/detail/schema_of.hpp"
#include "h5kit/model/detail/type_names.hpp"

namespace h5kit::detail::model {

FieldSchema field_from_meta(std::string_view member, const FieldMeta& meta) {
  FieldSchema f;
  f.member = member;
  f.name = meta.disk_name.empty() ? member : meta.disk_name;
  f.doc = meta.doc;
  f.unit = meta.unit;
  Constraints& c = f.constraints;
  c.ge = meta.ge;
  c.gt = meta.gt;
  c.le = meta.le;
  c.lt = meta.lt;
  c.min_length = meta.min_length;
  c.max_length = meta.max_length;
  c.pattern = meta.pattern;
  c.allowed.assign(meta.allowed.begin(), meta.allowed.end());
  c.allowed_numbers.assign(meta.allowed_numbers.begin(), meta.allowed_numbers.end());
  f.gzip = meta.gzip;
  f.shuffle = meta.shuffle;
  f.chunks.assign(meta.chunks.begin(), meta.chunks.begin() + static_cast<std::ptrdiff_t>(meta.chunk_rank));
  return f;
}

// Every qualifier goes, not only the last one, so template arguments keep their names.
std::string without_qualifiers(std::string_view type_name) {
  std::string out;
  for (std::size_t i = 0; i < type_name.size(); ++i) {
    if (type_name.substr(i, 2) != "::") {
      out += type_name[i];
      continue;
    }
    ++i;
    const char last = out.empty() ? '\0' : out.back();
    if (last == ')' || last == '}') {  // "(anonymous namespace)" (GCC, Clang), "{anonymous}"
      const auto open = out.rfind(last == ')' ? '(' : '{');
      out.erase(open == std::string::npos ? 0 : open);
    } else {
      while (!out.empty() && (std::isalnum(static_cast<unsigned char>(out.back())) || out.back() == '_')) out.pop_back();
    }
  }
  return out;
}

ModelSchema model_from_info(const ModelInfo& info, std::string type_name) {
  ModelSchema m;
  if (!info.name.empty()) {
    m.name = info.name;
  } else {
    m.name = without_qualifiers(type_name);
  }
  if (info.version < 1)
    throw_error(ErrorKind::invalid_argument, "describe model", "", m.name,
                "version " + std::to_string(info.version) + ": model versions start at 1");
  m.version = info.version;
  m.doc = info.doc;
  return m;
}

void throw_recursive_model(const std::string& type_name) {
  throw_error(ErrorKind::invalid_argument, "describe model", "", type_name,
              "the model contains itself (through its fields): recursive models are not supported");
}

void check_unique_names(const ModelSchema& schema) {
  // Names h5kit writes itself on the root group of a dump (any model can be the root): a field
  // stored under one would collide with them on dump.
  for (const FieldSchema& f : schema.fields) {
    if (f.name == kModelNameAttribute || f.name == kModelVersionAttribute || f.name == kSchemaAttribute) {
      throw_error(ErrorKind::invalid_argument, "describe model", "", schema.name,
                  "field '" + f.member + "' is stored as '" + f.name +
                      "', a name h5kit writes itself on the root group; give it another with .name()");
    }
    // On a dataset, `units` and `description` are what h5py users, NWB and CF tools read as the
    // data's unit and description: a field of that name is that attribute, so it must be text.
    const bool note = f.name == kUnitsAttribute || f.name == kDescriptionAttribute;
    if (schema.is_dataset && note && (f.value.dtype != "str" || !f.value.shape.empty() || f.value.any_rank)) {
      throw_error(ErrorKind::invalid_argument, "describe model", "", schema.name,
                  "field '" + f.member + "' is stored as '" + f.name + "', which on a dataset is its " + f.name +
                      " text: it must be a std::string (found " + f.value.dtype + "); give it another name with .name()");
    }
  }
  for (std::size_t i = 0; i < schema.fields.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (schema.fields[i].name == schema.fields[j].name) {
        throw_error(ErrorKind::invalid_argument, "describe model", "", schema.name,
                    "fields '" + schema.fields[j].member + "' and '" + schema.fields[i].member +
                        "' are both stored as '" + schema.fields[i].name + "'");
      }
    }
  }
}

void check_dataset_note_fields(const ModelSchema& schema) {
  // A dataset model's `units` field says, per instance, what unit the values are in; a declared unit
  // says the same for every instance and makes load convert. Both at once would disagree about the
  // one `units` attribute, so the model must pick one.
  for (const FieldSchema& f : schema.fields) {
    if (f.unit.empty()) continue;
    for (const ModelSchema& m : f.models) {
      if (!m.is_dataset) continue;
      if (const FieldSchema* units = m.find_name(kUnitsAttribute)) {
        throw_error(ErrorKind::invalid_argument, "describe model", "", schema.name,
                    "field '" + f.member + "' declares unit \"" + f.unit + "\" but its dataset model " + m.name +
                        " has a field '" + units->member +
                        "' stored as 'units', the unit of each instance; drop one of them");
      }
    }
  }
}

std::vector<std::string> enum_names_of(const Datatype& type) {
  std::vector<std::string> names;
  for (auto& [name, value] : type.enum_members()) names.push_back(name);
  return names;
}

}  // namespace h5kit::detail::model

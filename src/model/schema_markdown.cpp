// A model's documentation page: where every field lives in the file, as `h5kit doc` prints it.
// One table per group or dataset (the objects of the file), sections in file order, depth first.
#include <charconv>
#include <string>

#include "h5kit/model/schema.hpp"
#include "h5kit/model/detail/checks.hpp"

namespace h5kit {

namespace {

std::string number_text(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// Text inside a table cell: a '|' would end the cell, a newline the row.
std::string cell(std::string_view text) {
  std::string out;
  for (char ch : text) {
    if (ch == '|') out += "\\|";
    else if (ch == '\n') out += "<br>";
    else out += ch;
  }
  return out;
}

std::string join_path(const std::string& parent, const std::string& name) {
  return parent == "/" ? "/" + name : parent + "/" + name;
}

std::string value_text(const ValueSchema& v) {
  std::string s = detail::model::describe(v);
  // An enum dtype's name already lists its members.
  if (!v.enum_names.empty() && !v.dtype.starts_with("enum(")) {
    std::string names;
    for (const auto& n : v.enum_names) names += (names.empty() ? "" : ", ") + n;
    s += " {" + names + "}";
  }
  return s;
}

std::string constraints_text(const Constraints& c, const std::string& unit) {
  std::string s;
  const auto add = [&](const std::string& part) { s += (s.empty() ? "" : "; ") + part; };
  const std::string u = unit.empty() ? "" : " " + unit;
  if (c.ge) add(">= " + number_text(*c.ge) + u);
  if (c.gt) add("> " + number_text(*c.gt) + u);
  if (c.le) add("<= " + number_text(*c.le) + u);
  if (c.lt) add("< " + number_text(*c.lt) + u);
  if (c.min_length && c.max_length) {
    add("length " + std::to_string(*c.min_length) + ".." + std::to_string(*c.max_length));
  } else if (c.min_length) {
    add("length >= " + std::to_string(*c.min_length));
  } else if (c.max_length) {
    add("length <= " + std::to_string(*c.max_length));
  }
  if (!c.pattern.empty()) add("matches `" + c.pattern + "`");
  if (!c.allowed.empty() || !c.allowed_numbers.empty()) {
    std::string list;
    for (const auto& a : c.allowed) list += (list.empty() ? "\"" : ", \"") + a + "\"";
    for (double a : c.allowed_numbers) list += (list.empty() ? "" : ", ") + number_text(a);
    add("one of {" + list + "}");
  }
  return s;
}

std::string kind_text(const FieldSchema& f) {
  std::string s;
  switch (f.kind) {
    case FieldKind::attribute: s = "attribute"; break;
    case FieldKind::dataset: s = "dataset"; break;
    case FieldKind::group: s = "group"; break;
    case FieldKind::list: s = "list"; break;
    case FieldKind::map: s = "map"; break;
    case FieldKind::one_of: s = "one of"; break;
  }
  return f.optional ? s + " (optional)" : s;
}

std::string type_text(const FieldSchema& f) {
  switch (f.kind) {
    case FieldKind::attribute: return value_text(f.value);
    case FieldKind::dataset: return f.models.empty() ? "" : value_text(f.models[0].value);
    case FieldKind::group: return f.models.empty() ? "" : f.models[0].name;
    case FieldKind::list: return f.models.empty() ? "" : "[" + f.models[0].name + "], members \"0\", \"1\", ...";
    case FieldKind::map: return f.models.empty() ? "" : "{name: " + f.models[0].name + "}";
    case FieldKind::one_of: {
      std::string s;
      for (const ModelSchema& m : f.models) s += (s.empty() ? "" : " or ") + value_text(m.value);
      return s;
    }
  }
  return {};
}

// Where a field is in the file: attributes as OBJECT@NAME.
std::string field_path(const std::string& object, const FieldSchema& f) {
  if (f.kind == FieldKind::attribute) return (object == "/" ? "/" : object) + "@" + f.name;
  return join_path(object, f.name);
}

void section(std::string& out, const ModelSchema& m, const std::string& path, const std::string& heading_note) {
  out += "\n## `" + path + "`" + heading_note + "\n\n";
  if (!m.doc.empty() && path != "/") out += m.doc + "\n\n";
  if (m.is_dataset) out += "A dataset of " + value_text(m.value) + ".\n\n";
  if (m.fields.empty()) {
    out += "No fields.\n";
  } else {
    out += "| path | kind | type / shape | unit | constraints | description |\n";
    out += "|---|---|---|---|---|---|\n";
    for (const FieldSchema& f : m.fields) {
      out += "| `" + cell(field_path(path, f)) + "` | " + kind_text(f) + " | " + cell(type_text(f)) + " | " +
             cell(f.unit) + " | " + cell(constraints_text(f.constraints, f.unit)) + " | " + cell(f.doc) + " |\n";
    }
  }
  // Nested objects follow their parent, in field order.
  for (const FieldSchema& f : m.fields) {
    const std::string p = join_path(path, f.name);
    const auto note = [](const ModelSchema& nested) { return " (" + nested.name + ")"; };
    switch (f.kind) {
      case FieldKind::attribute: break;
      case FieldKind::dataset:
        if (!f.models.empty() && !f.models[0].fields.empty()) section(out, f.models[0], p, note(f.models[0]));
        break;
      case FieldKind::group:
        if (!f.models.empty()) section(out, f.models[0], p, note(f.models[0]));
        break;
      case FieldKind::list:
        if (!f.models.empty()) section(out, f.models[0], p + "/{n}", note(f.models[0]));
        break;
      case FieldKind::map:
        if (!f.models.empty()) section(out, f.models[0], p + "/{key}", note(f.models[0]));
        break;
      case FieldKind::one_of:
        for (std::size_t i = 0; i < f.models.size(); ++i) {
          if (f.models[i].fields.empty()) continue;
          section(out, f.models[i], p,
                  " (alternative " + std::to_string(i + 1) + ": " + f.models[i].name + ")");
        }
        break;
    }
  }
}

}  // namespace

std::string schema_to_markdown(const ModelSchema& schema) {
  std::string out = "# " + schema.name + "\n\nModel version " + std::to_string(schema.version) + ".\n";
  if (!schema.doc.empty()) out += "\n" + schema.doc + "\n";
  section(out, schema, "/", " (root)");
  return out;
}

}  // namespace h5kit

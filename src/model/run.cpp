#include "h5kit/model/detail/run.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "h5kit/model/detail/walk.hpp"
#include "h5kit/model/detail/checks.hpp"
#include "h5kit/model/detail/type_names.hpp"

namespace h5kit::detail::model {

namespace {

bool is_index(std::string_view s) {
  if (s.empty() || (s.size() > 1 && s[0] == '0')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string number_text(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string last_part(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string::npos ? path.size() : slash;
    if (end > start) parts.push_back(path.substr(start, end - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

// The field at a stored path ("calibration/no_beam") of a schema; list and map keys are skipped.
const FieldSchema* field_at(const ModelSchema& root, const std::string& path) {
  const ModelSchema* model = &root;
  const FieldSchema* field = nullptr;
  bool key_next = false;
  for (const std::string& part : split(path)) {
    if (key_next) {
      key_next = false;
      continue;
    }
    if (model == nullptr) return nullptr;
    field = model->find_name(part);
    if (field == nullptr) return nullptr;
    model = field->models.size() == 1 ? &field->models[0] : nullptr;
    key_next = field->kind == FieldKind::list || field->kind == FieldKind::map;
  }
  return field;
}

}  // namespace

// ---------------------------------------------------------------- Walk

Walk::Walk(std::string root_path, std::string model_name)
    : root_path_(root_path.empty() ? "/" : std::move(root_path)), object_path_(root_path_),
      model_path_(std::move(model_name)) {}

void Walk::enter(std::string_view name, std::string_view member, std::string_view model_name) {
  marks_.emplace_back(object_path_.size(), model_path_.size());
  if (object_path_.back() != '/') object_path_ += '/';
  object_path_ += name;
  if (is_index(member)) {
    model_path_ += '[';
    model_path_ += member;
    model_path_ += ']';
  } else {
    model_path_ += '.';
    model_path_ += member;
  }
  names_.emplace_back(model_name.empty() ? name : model_name);
}

void Walk::leave() noexcept {
  object_path_.resize(marks_.back().first);
  model_path_.resize(marks_.back().second);
  marks_.pop_back();
  names_.pop_back();
}

std::string Walk::relative_path(std::string_view name) const {
  std::string path;
  for (const std::string& n : names_) path += (path.empty() ? "" : "/") + n;
  if (!name.empty()) path += (path.empty() ? "" : "/") + std::string(name);
  return path;
}

void Walk::problem(const FieldSchema& field, std::string message) {
  problems_.push_back(Problem{object_path_, field.name, std::move(message),
                              field.member.empty() ? model_path_ : model_path_ + "." + field.member});
}

FieldSchema element_schema(const FieldSchema& container) {
  FieldSchema element = container;
  element.name.clear();
  element.member.clear();
  element.optional = false;
  return element;
}

void Walk::problem(std::string field_name, std::string model_member, std::string message) {
  problems_.push_back(Problem{object_path_, std::move(field_name), std::move(message),
                              model_member.empty() ? model_path_ : model_path_ + "." + model_member});
}

// ---------------------------------------------------------------- dump

DatasetOptions storage_options(const FieldSchema& field, const Shape& data_shape) {
  DatasetOptions options;
  if (field.gzip >= 0) options.gzip(field.gzip);
  if (field.shuffle) options.shuffle();
  if (!field.chunks.empty()) {
    // A declared chunk is clamped to data that is smaller along a wildcard axis (HDF5 refuses chunks
    // larger than a fixed-size dataset); fixed axes were checked at compile time.
    Shape chunks(field.chunks.begin(), field.chunks.end());
    for (std::size_t i = 0; i < chunks.size() && i < data_shape.size(); ++i) {
      chunks[i] = std::min(chunks[i], std::max<std::size_t>(data_shape[i], 1));
    }
    options.chunks(std::move(chunks));
  }
  return options;
}

GroupOptions group_options(const ModelSchema& model) {
  unsigned attributes = 0;
  for (const FieldSchema& f : model.fields) attributes += f.kind == FieldKind::attribute ? 1 : 0;
  GroupOptions options;
  if (attributes > 8) options.max_compact_attributes = attributes;
  return options;
}

void write_dataset_notes(const Dataset& dataset, const FieldSchema& field, const ModelSchema& model) {
  // A model with a `units` field cannot also declare a unit (check_dataset_note_fields); one with a
  // `description` field keeps the field's doc in the schema only.
  if (!field.unit.empty()) dataset.attrs().set(kUnitsAttribute, field.unit);
  if (!field.doc.empty() && model.find_name(kDescriptionAttribute) == nullptr) {
    dataset.attrs().set(kDescriptionAttribute, field.doc);
  }
}

Dataset create_unset_dataset(const Group& parent, const std::string& name, const Datatype& type,
                             const ModelSchema& model, const FieldSchema& field) {
  Shape shape, maxshape, chunk_limit;
  for (const std::int64_t extent : model.value.shape) {
    const bool wildcard = extent == kAnyExtent;
    shape.push_back(wildcard ? 0 : static_cast<std::size_t>(extent));
    maxshape.push_back(wildcard ? unlimited : shape.back());
    chunk_limit.push_back(wildcard ? unlimited : shape.back());  // a growable axis takes the declared chunk
  }
  DatasetOptions options = storage_options(field, chunk_limit);
  // A chunked dataset of length 0 along an axis needs that axis growable (HDF5 refuses a chunk larger
  // than a fixed extent); a contiguous one is simply empty, as h5py makes it.
  const bool chunked = !field.chunks.empty() || field.gzip >= 0 || field.shuffle;
  if (chunked && maxshape != shape) options.maxshape(maxshape);
  return parent.create_dataset(name, shape, type, options);
}

void write_model_notes(const Group& root, const ModelSchema& schema) {
  const std::string json = schema_to_json(schema);  // may refuse the schema: before writing anything
  const AttributeManager attrs = root.attrs();
  attrs.set(kModelNameAttribute, schema.name);
  attrs.set(kModelVersionAttribute, static_cast<std::int32_t>(schema.version));
  attrs.set(kSchemaAttribute, json);
}

void refuse_taken_names(const Group& group, const ModelSchema& schema, bool self_describing) {
  std::vector<std::string> taken;
  const AttributeManager attrs = group.attrs();
  for (const FieldSchema& f : schema.fields) {
    if (f.kind == FieldKind::attribute ? attrs.contains(f.name) : group.has_link(f.name)) taken.push_back(f.name);
  }
  if (self_describing) {
    for (const char* note : {kModelNameAttribute, kModelVersionAttribute, kSchemaAttribute}) {
      if (attrs.contains(note)) taken.push_back(note);
    }
  }
  if (taken.empty()) return;
  std::string names;
  for (const std::string& n : taken) names += (names.empty() ? "'" : ", '") + n + "'";
  throw_error(ErrorKind::already_exists, "dump model", group.file_name(), group.path(),
              "the group already has " + names + ": model " + schema.name +
                  " is dumped into a group only where its names are free (nothing was written)");
}

void refuse_invalid(std::vector<Problem> problems, const char* operation, const std::string& file) {
  if (!problems.empty()) throw ValidationError(operation, file, std::move(problems));
}

std::string file_name_of(const Group& group) { return group.file_name(); }

std::string integral_after_conversion(double converted, double lowest, double upper_exclusive) {
  const double whole = std::round(converted);
  if (!std::isfinite(converted) || whole < lowest || whole >= upper_exclusive) {
    return number_text(converted) + " does not fit the field's integer type";
  }
  if (std::fabs(converted - whole) > 1e-9 * std::max(1.0, std::fabs(converted))) {
    return number_text(converted) + " is not a whole number";
  }
  return {};
}

std::string check_member_name(std::string_view key) {
  if (key.empty() || key == "." || key.find('/') != std::string_view::npos) {
    return "key " + quoted_value(key) + " cannot be the name of a member (empty, \".\" or holding '/')";
  }
  return {};
}

std::string not_an_enumerator(long long value, std::string_view enum_type) {
  return "is not a member of enum " + without_qualifiers(enum_type) + ", found value " + std::to_string(value);
}

// ---------------------------------------------------------------- load

LoadRun::LoadRun(const Object& root, const ModelSchema& model, const Migrations* migrations, const LoadOptions& options)
    : Walk(root.path(), model.name), migrations_(migrations), options_(options), file_version_(model.version),
      root_(root) {
  const AttributeManager attrs = root.attrs();
  if (attrs.contains(kModelVersionAttribute)) {
    try {
      file_version_ = attrs.get<int>(kModelVersionAttribute);
    } catch (const Error& e) {
      throw_error(ErrorKind::type_mismatch, "load model", root.file_name(), root.path(),
                  std::string(kModelVersionAttribute) + " must be an integer: " + e.detail());
    }
    if (file_version_ < 1) {
      throw_error(ErrorKind::invalid_argument, "load model", root.file_name(), root.path(),
                  std::string(kModelVersionAttribute) + " is " + std::to_string(file_version_) +
                      "; model versions start at 1");
    }
    if (file_version_ > model.version) {
      throw_error(ErrorKind::invalid_argument, "load model", root.file_name(), root.path(),
                  "the file was written with version " + std::to_string(file_version_) + " of model " + model.name +
                      "; this program knows versions up to " + std::to_string(model.version));
    }
  }
  if (attrs.contains(kModelNameAttribute)) {
    try {
      const auto stored = attrs.get<std::string>(kModelNameAttribute);
      if (stored != model.name) {
        problem(kModelNameAttribute, "", "says the file holds model " + stored + ", expected " + model.name);
      }
    } catch (const Error& e) {
      problem(kModelNameAttribute, "", "must be a string naming the model: " + e.detail());
    }
  }
  read_embedded_schema();
}

void LoadRun::read_embedded_schema() {
  // Only units need it, but a file that carries a schema it cannot parse is damaged: a problem,
  // never ignored. The data is still checked against the model.
  const AttributeManager attrs = root_.attrs();
  if (!attrs.contains(kSchemaAttribute)) return;
  try {
    embedded_ = schema_from_json(attrs.get<std::string>(kSchemaAttribute));
  } catch (const Error& e) {
    problem(kSchemaAttribute, "", "is not a model schema: " + e.detail());
  }
}

std::string LoadRun::stored_name(const FieldSchema& field) const {
  if (migrations_ == nullptr || migrations_->steps().empty()) return field.name;
  return last_part(migrations_->stored_path(relative_path(field.name), file_version_));
}

std::optional<Object> LoadRun::child(const Group& parent, const FieldSchema& field, ObjectKind expected) {
  const std::string name = stored_name(field);
  // The usual case in one name lookup: the member is there and opens. contains(), object_kind() and
  // open() would each look the name up again (a B-tree search in a large group: three per element of
  // a list of many small models). Only a failed open takes the slow path, which says why.
  if (std::optional<Object> object = parent.try_open(name)) {
    const ObjectKind found = object->kind();
    if (found == expected) return object;
    problem(field, std::string("must be a ") + to_string(expected) + ", found a " + to_string(found));
    return std::nullopt;
  }
  if (!parent.contains(name)) {
    // A link that leads nowhere is damage to report, not an absent member (h5py's `in` says False).
    if (const std::optional<LinkInfo> link = parent.get_link(name); link && link->kind != LinkKind::hard) {
      problem(field, leads_nowhere(*link));
      return std::nullopt;
    }
    const bool fine = field.optional ||
                      (migrations_ != nullptr && migrations_->may_be_missing(relative_path(field.name), file_version_));
    if (!fine) problem(field, std::string("is missing (a mandatory ") + to_string(expected) + ")");
    return std::nullopt;
  }
  const ObjectKind found = parent.object_kind(name);
  if (found != expected) {
    problem(field, std::string("must be a ") + to_string(expected) + ", found a " + to_string(found));
    return std::nullopt;
  }
  return parent.open(name);
}

bool LoadRun::has_attribute(const Object& owner, const FieldSchema& field, const std::string& name) {
  if (owner.attrs().contains(name)) return true;
  const bool fine = field.optional ||
                    (migrations_ != nullptr && migrations_->may_be_missing(relative_path(field.name), file_version_));
  if (!fine) problem(field, "is missing (a mandatory attribute)");
  return false;
}

std::optional<UnitConverter> LoadRun::unit_conversion(const FieldSchema& field, const Object* dataset, bool& ok) {
  ok = true;
  if (field.unit.empty()) return std::nullopt;
  std::string stored;
  if (dataset != nullptr && dataset->attrs().contains(kUnitsAttribute)) {
    const Attribute units = dataset->attrs().open(kUnitsAttribute);
    if (std::string why = check_units_attribute(units.dtype(), units.shape(), units.is_empty()); !why.empty()) {
      ok = false;
      problem(field, std::string("has a ") + kUnitsAttribute + " attribute that " + why);
      return std::nullopt;
    }
    stored = units.read<std::string>();
  } else {
    // The schema the file was written with knows; else the migrations say what older versions used.
    const std::string path = relative_path(field.name);
    const ModelSchema* schema = embedded_ ? &*embedded_ : nullptr;
    const FieldSchema* written =
        schema ? field_at(*schema, migrations_ ? migrations_->stored_path(path, file_version_) : path) : nullptr;
    if (written != nullptr) stored = written->unit;
    else if (migrations_ != nullptr) stored = migrations_->stored_unit(path, file_version_);
  }
  if (stored.empty() || stored == field.unit) return std::nullopt;
  try {
    UnitConverter convert = unit_converter(stored, field.unit);
    if (convert.is_identity()) return std::nullopt;
    return convert;
  } catch (const Error&) {
    ok = false;
    problem(field, "is stored in " + quoted_value(stored) + ", which cannot be converted to the model's \"" + field.unit + "\"");
    return std::nullopt;
  }
}

void LoadRun::check_extras(const ModelSchema& model, const Object& owner, const Group* group) {
  if (!options_.strict) return;
  std::vector<std::string> attributes, links;
  for (const FieldSchema& f : model.fields) (f.kind == FieldKind::attribute ? attributes : links).push_back(stored_name(f));
  if (group == nullptr) {
    attributes.push_back(kUnitsAttribute);
    attributes.push_back(kDescriptionAttribute);
  } else if (relative_path().empty()) {
    attributes.push_back(kModelNameAttribute);
    attributes.push_back(kModelVersionAttribute);
    attributes.push_back(kSchemaAttribute);
  }
  const auto known = [](const std::vector<std::string>& names, const std::string& n) {
    return std::find(names.begin(), names.end(), n) != names.end();
  };
  for (const std::string& a : owner.attrs().keys()) {
    if (!known(attributes, a)) problem(a, "", "is an attribute that model " + model.name + " does not declare (strict)");
  }
  if (group == nullptr) return;
  for (const std::string& l : group->keys()) {
    if (!known(links, l)) problem(l, "", "is a member that model " + model.name + " does not declare (strict)");
  }
}

void LoadRun::check_no_attributes(const Group& holder) {
  if (!options_.strict) return;
  for (const std::string& a : holder.attrs().keys()) {
    problem(a, "", "is an attribute of a list or map group, which holds only its elements (strict)");
  }
}

std::vector<std::string> LoadRun::list_members(const Group& list) {
  std::vector<std::pair<std::size_t, std::string>> numbered;
  for (std::string& name : list.keys()) {
    std::size_t index = 0;
    const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), index);
    if (!is_index(name) || error != std::errc() || end != name.data() + name.size()) {
      problem(name, "", "is not a list index (a list holds members named 0, 1, 2, ...)");
      continue;
    }
    numbered.emplace_back(index, std::move(name));
  }
  std::sort(numbered.begin(), numbered.end());
  std::vector<std::string> names;
  for (std::size_t i = 0; i < numbered.size(); ++i) {
    if (numbered[i].first != i) {
      problem(std::to_string(i), "", "is missing: the list has members up to " + numbered.back().second);
      break;
    }
    names.push_back(std::move(numbered[i].second));
  }
  return names;
}

void LoadRun::finish(const std::string& file) {
  if (failed()) throw ValidationError("load model", file, std::move(problems()));
}

// ---------------------------------------------------------------- datasets

bool dataset_fits(const Dataset& ds, const ModelSchema& schema, const LoadRun& run) {
  return check_stored(schema.value, ds.dtype(), ds.shape(), run.options().integer_enums).empty();
}

bool dataset_matches(const Dataset& ds, const FieldSchema& f, const ModelSchema& schema, LoadRun& run) {
  std::string msg = check_stored(schema.value, ds.dtype(), ds.shape(), run.options().integer_enums);
  if (msg.empty()) return true;
  run.problem(f, std::move(msg));
  return false;
}

void no_alternative_fits(const Dataset& ds, const FieldSchema& f, Walk& run) {
  std::string expected;
  for (const ModelSchema& m : f.models) expected += (expected.empty() ? "" : " or ") + describe(m.value);
  run.problem(f, "fits none of its alternatives: expected " + expected + ", found " +
                     describe_found(ds.dtype(), ds.shape()));
}

}  // namespace h5kit::detail::model

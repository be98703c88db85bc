#pragma once
// The compiled half of the model walkers (src/model/run.cpp): where the walk is, what it found wrong,
// how names, units and versions map between the model and the file. The templates in walk.hpp only
// move values between members and HDF5; every decision that does not depend on a C++ type is here.
#include <memory>
#include <optional>
#include <typeindex>
#include <string>
#include <string_view>
#include <vector>

#include "h5kit/dataset.hpp"
#include "h5kit/group.hpp"
#include "h5kit/model/options.hpp"
#include "h5kit/model/problems.hpp"
#include "h5kit/model/schema.hpp"
#include "h5kit/model/migrations.hpp"
#include "h5kit/units.hpp"

namespace h5kit::detail::model {

// Where a walk is (object path in the file, member path in the model) and what it found wrong.
class Walk {
 public:
  Walk(std::string root_path, std::string model_name);

  // Into the object called `name` in the file, member `member` of the model. `model_name` is its
  // name in the current model when a migration renamed it (migrations and embedded schemas are
  // looked up by model names; problems name what is in the file).
  void enter(std::string_view name, std::string_view member, std::string_view model_name = {});
  void leave() noexcept;

  // "/calibration/position"
  const std::string& object_path() const noexcept { return object_path_; }
  // "calibration/position": the model-relative path migrations and embedded schemas speak of.
  std::string relative_path(std::string_view name = {}) const;

  // A problem of `field` in the current object; a field without a name or member (an element,
  // element_schema) is the current object itself: "Experiment.datas[0]".
  void problem(const FieldSchema& field, std::string message);
  void problem(std::string field_name, std::string model_member, std::string message);
  std::vector<Problem>& problems() noexcept { return problems_; }
  bool failed() const noexcept { return !problems_.empty(); }

 private:
  std::string root_path_;
  std::string object_path_;
  std::string model_path_;
  std::vector<std::pair<std::size_t, std::size_t>> marks_;  // lengths to restore on leave()
  std::vector<std::string> names_;
  std::vector<Problem> problems_;
};

// enter() for one scope.
class Scope {
 public:
  Scope(Walk& walk, std::string_view name, std::string_view member, std::string_view model_name = {}) : walk_(walk) {
    walk.enter(name, member, model_name);
  }
  ~Scope() { walk_.leave(); }
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

 private:
  Walk& walk_;
};

// Dumping.
DatasetOptions storage_options(const FieldSchema& field, const Shape& data_shape);
// `units` and `description` from the field's unit and doc, unless its dataset model has fields of
// those names (they are written as the model's attributes instead).
void write_dataset_notes(const Dataset& dataset, const FieldSchema& field, const ModelSchema& model);
// A dataset of `model`'s declared shape (a wildcard axis has length 0, and may grow when the field's
// storage is chunked) that is never written: DumpOptions::unset_datasets == UnsetDatasets::empty.
Dataset create_unset_dataset(const Group& parent, const std::string& name, const Datatype& type,
                             const ModelSchema& model, const FieldSchema& field);
// A dataset the dumper (model/dumper.hpp) creates to be written later: its declared shape with each
// wildcard axis of length 0 and unlimited, chunked as the field declares (else about 1 MiB chunks of
// whole rows), its filters. A dataset without wildcard axes keeps its declared layout.
Dataset create_open_dataset(const Group& parent, const std::string& name, const Datatype& type,
                            const ModelSchema& model, const FieldSchema& field);

// One dataset created by the dumper and waiting for data.
struct OpenDataset {
  Dataset dataset;
  std::string path;                     // its object path ("/calibration/no_beam")
  const FieldSchema* field = nullptr;   // its field (a list's or map's own for an element)
  const ModelSchema* model = nullptr;   // its dataset model: declared type and shape
  std::type_index element{typeid(void)};  // the C++ element type its field handles take
  std::string element_name;             // that type's name, for errors
  Problem unset;                        // what close() reports while it has no data (validate()'s problem)
  bool given_data = false;
};

// The datasets a dumper created, found by object path.
class OpenDatasets {
 public:
  void add(const Dataset& dataset, const FieldSchema& field, const ModelSchema& model, std::type_index element,
           std::string element_name);
  // NotFoundError naming the path and the datasets there are.
  OpenDataset& find(std::string_view path, const std::string& file);
  std::vector<std::unique_ptr<OpenDataset>>& items() noexcept { return items_; }

 private:
  std::vector<std::unique_ptr<OpenDataset>> items_;  // stable addresses: field handles point into them
};
void write_model_notes(const Group& root, const ModelSchema& schema);       // h5kit_model, _version, _schema
// A model's group keeps all its attribute fields in its object header (see
// GroupOptions::max_compact_attributes): most models have more than HDF5's 8.
GroupOptions group_options(const ModelSchema& model);

class LoadRun : public Walk {
 public:
  // Reads the root's model name and version: InvalidArgumentError for a version newer than the
  // model's; a different model name is a problem. Reads the embedded schema when present. The root
  // is a group, or a dataset for a dataset model loaded on its own.
  LoadRun(const Object& root, const ModelSchema& model, const Migrations* migrations, const LoadOptions& options);

  const LoadOptions& options() const noexcept { return options_; }

  // The field's name in this file (after migrations).
  std::string stored_name(const FieldSchema& field) const;
  // The child link for a non-attribute field, checked: nullopt (and a problem unless absence is
  // fine) when missing or of the wrong kind.
  std::optional<Object> child(const Group& parent, const FieldSchema& field, ObjectKind expected);
  // Whether the attribute exists; a problem when it does not and must.
  bool has_attribute(const Object& owner, const FieldSchema& field, const std::string& name);

  // The converter from the unit the file stores the field in to the model's, when they differ:
  // `dataset` (when given) may say it in a `units` attribute; else migrations or the embedded
  // schema. nullopt: no conversion needed, or impossible (then a problem was recorded and `ok` is false).
  std::optional<UnitConverter> unit_conversion(const FieldSchema& field, const Object* dataset, bool& ok);

  // Members of `owner` (attributes) and `group` (links) that `model` does not declare: problems
  // under LoadOptions::strict.
  void check_extras(const ModelSchema& model, const Object& owner, const Group* group);

  // A list or map group holds only its elements: any attribute is a problem under strict.
  void check_no_attributes(const Group& holder);

  // Numbered members "0".."n-1" of a list group, in numeric order; problems for anything else.
  std::vector<std::string> list_members(const Group& list);

  // Throws ValidationError when anything was found wrong.
  void finish(const std::string& file);

 private:
  const Migrations* migrations_;
  LoadOptions options_;
  int file_version_;
  void read_embedded_schema();  // into embedded_; a schema that does not parse is a problem
  Object root_;
  std::optional<ModelSchema> embedded_;  // the schema the file was written with, when it has one
};

// Why `converted` cannot go into an integer field whose values are [lowest, upper_exclusive) (not
// whole, out of range), or empty when it can: std::round(converted) then converts exactly.
std::string integral_after_conversion(double converted, double lowest, double upper_exclusive);
// AlreadyExistsError naming every attribute and link of `group` that dumping `schema` would write.
void refuse_taken_names(const Group& group, const ModelSchema& schema, bool self_describing);
// Why a map key cannot be one link name (empty, ".", or holding '/'), or empty when it can.
std::string check_member_name(std::string_view key);
// A message for an enumerator value that the enum does not name.
std::string not_an_enumerator(long long value, std::string_view enum_type);

// The schema of one element of a list or map field `container`: its type, shape, unit and
// constraints, with no name or member of its own, so its problems are the element's
// ("Experiment.datas[0]", never "Experiment.datas[0].datas").
FieldSchema element_schema(const FieldSchema& container);

}  // namespace h5kit::detail::model

#pragma once
// Dumping a model to HDF5 and loading it back, validated. docs/models.md is the guide.
//
//     h5kit::dump(experiment, "experiment.h5");                      // atomic: all or nothing
//     auto e = h5kit::load<Experiment>("experiment.h5");             // every problem at once
//     for (const auto& p : h5kit::validate(e)) std::cout << p.to_string() << '\n';
#include <string>
#include <string_view>
#include <vector>

#include "h5kit/file.hpp"
#include "h5kit/group.hpp"
#include "h5kit/model/options.hpp"
#include "h5kit/model/problems.hpp"
#include "h5kit/model/schema.hpp"

namespace h5kit {

// The model's run-time description, built once per type.
template <class T>
const ModelSchema& schema_of();
// JSON Schema and Markdown documentation of a model type.
template <class T>
std::string json_schema() {
  return schema_to_json(schema_of<T>());
}
template <class T>
std::string markdown() {
  return schema_to_markdown(schema_of<T>());
}

// Every problem of an in-memory model: constraints, enum values, mandatory datasets without data.
// Touches no file.
template <class T>
std::vector<Problem> validate(const T& model, const ValidateOptions& options = {});

// Writes `model` to a new file at `path`, replacing an existing one atomically (h5kit::AtomicFile):
// the model is validated first (ValidationError, nothing written), and a dump that fails or dies
// leaves the old file intact.
template <class T>
void dump(const T& model, std::string_view path, const DumpOptions& options = {});
// Writes `model` into an existing group (its attributes and members). Validated first; the names
// the model writes must not exist yet (AlreadyExistsError). Not atomic: prefer the path form.
template <class T>
void dump(const T& model, const Group& group, const DumpOptions& options = {});

// Reads a model from a file or a group: every type, shape, unit and constraint is checked and all
// problems are reported together in one ValidationError. A file written by a newer version of the
// model than T's is an InvalidArgumentError; older versions go through T's migrations.
template <class T>
T load(std::string_view path, const LoadOptions& options = {});
template <class T>
T load(const Group& group, const LoadOptions& options = {});
// A dataset model (a DatasetOf, or a struct derived from one) from one dataset: its type and shape,
// its values (or, lazily, the open dataset) and its attribute fields, checked as above.
template <class T>
T load(const Dataset& dataset, const LoadOptions& options = {});

}  // namespace h5kit

#include "h5kit/model/detail/schema_of.hpp"
#include "h5kit/model/detail/walk.hpp"

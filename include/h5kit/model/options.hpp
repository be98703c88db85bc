#pragma once
// How dump(), load() and validate() behave (include/h5kit/model/io.hpp).
#include <cstdint>

#include "h5kit/file.hpp"

namespace h5kit {

// What a partial dump (DumpOptions::partial) makes of a mandatory dataset never given data.
enum class UnsetDatasets : std::uint8_t {
  omit,   // left out of the file: it loads back only into an optional field
  // Created with its declared shape (a wildcard axis has length 0) and its type, and never written:
  // it reads as the fill value and loads back into the same model (h5pydantic's partial dump). Its
  // dataset model's attribute fields are written as they are.
  empty,
};

struct DumpOptions {
  // Allow mandatory datasets that were never given data (h5pydantic's partial dump): they are left
  // out of the file, or created empty (`unset_datasets`). Without it such a dump fails listing every one.
  bool partial = false;
  UnsetDatasets unset_datasets = UnsetDatasets::omit;
  // Record the model's name, version and JSON schema in attributes of the model's root group
  // (kModelNameAttribute, kModelVersionAttribute, kSchemaAttribute).
  bool self_describing = true;
  FileOptions file{};  // dump(model, path): how to create the file
};

struct LoadOptions {
  // Attributes and links the model does not declare are problems (by default they are ignored).
  bool strict = false;
  // Datasets are opened and checked (type, shape, unit) but their values are read on first touch of
  // DatasetOf::values(); the file stays open while such fields live. Element constraints of lazily
  // loaded datasets are not checked.
  bool lazy = false;
  // Integers of any width load into enum fields, each value checked against the enum's members
  // (h5pydantic and many h5py scripts store an enum as its int64 value). An HDF5 enum still loads as
  // before. Such enum datasets are read at load even when `lazy`: their values must be checked.
  bool integer_enums = false;
};

struct ValidateOptions {
  bool partial = false;  // as DumpOptions::partial
};

}  // namespace h5kit

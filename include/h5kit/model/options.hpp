#pragma once
// How dump(), load() and validate() behave (include/h5kit/model/io.hpp).
#include "h5kit/file.hpp"

namespace h5kit {

struct DumpOptions {
  // Allow mandatory datasets that were never given data (h5pydantic's partial dump): they are left
  // out of the file. Without it such a dump fails listing every one.
  bool partial = false;
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
};

struct ValidateOptions {
  bool partial = false;  // as DumpOptions::partial
};

}  // namespace h5kit

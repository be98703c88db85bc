#pragma once
// A file against a model schema, without the C++ types: the schema a dumped file carries in its root
// attribute `h5kit_schema`, and a validator that checks any file (h5kit's or h5py's) against a
// ModelSchema. `h5kit doc` and `h5kit validate` are built on these. docs/model_schema.md is the guide.
//
//     if (auto schema = h5kit::embedded_schema(file))
//       for (const auto& p : h5kit::validate_file(file, *schema)) std::cout << p.to_string() << '\n';
#include <optional>
#include <vector>

#include "h5kit/group.hpp"
#include "h5kit/model/problems.hpp"
#include "h5kit/model/schema.hpp"

namespace h5kit {

// The schema in `root`'s attribute kSchemaAttribute, or nullopt when there is none. InvalidArgumentError
// naming the file and the group when the attribute is there but is not a string holding such a schema.
std::optional<ModelSchema> embedded_schema(const Group& root);

// Every way the objects under `root` differ from `schema`: missing mandatory attributes and links,
// groups where datasets belong (and the reverse), stored types and shapes that cannot be read as the
// fields declare, values out of bounds, enum values not in the schema, list members that are not
// "0".."n-1", `units` attributes not convertible to the declared unit. With `strict`, attributes
// and links the schema does not declare are problems too (except the h5kit_* attributes of the root
// and `units`/`description` on datasets). All problems are returned, in file order; empty when the
// file conforms. Reads values only where a constraint needs them.
std::vector<Problem> validate_file(const Group& root, const ModelSchema& schema, bool strict = false);

}  // namespace h5kit

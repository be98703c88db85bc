#pragma once
// The schema specifications embedded in an NWB file (spec §5.4; nwb-linkml's read_specs_as_dicts and
// make_provider): /specifications/<namespace>/<version>/<schema>, each a string dataset holding JSON.
// Variable-length and fixed-length (NUL-padded, as AqNWB writes, often with a leading newline) strings,
// ASCII or UTF-8, both parse. A file without /specifications, or a namespace without a version, is a
// value that says so, not an error.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "h5kit/group.hpp"

namespace h5kit::graph {

struct DeclaredNamespace {
  std::string name;
  std::optional<std::string> version;  // nullopt: the namespace declares none ("absent")
  std::string declared_in;             // "<ns>/<version directory>" whose `namespace` schema declares it
};

struct SpecProblem {
  std::string path;     // the dataset
  std::string message;  // what is wrong (not a string, not JSON...)
};

struct Specifications {
  bool present = false;  // false: the file has no /specifications group
  // namespace -> version directory -> schema name -> the schema's JSON text (normalised, compact).
  std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> namespaces;
  // Every namespace declared by a `namespace` schema, with its version (or none).
  std::vector<DeclaredNamespace> versions;
  // Datasets not at /specifications/<ns>/<version>/<schema> (nwb-linkml files them under wrong keys).
  std::vector<std::string> unexpected;
  std::vector<SpecProblem> problems;

  // nwb-linkml's {namespace: {schema: json}}: versions in name order, a later one overwriting an
  // earlier one's schemas (nwb-linkml's visit order).
  std::map<std::string, std::map<std::string, std::string>> flattened() const;
  // JSON text of the whole value: {"present", "namespaces", "versions", "unexpected", "problems"}.
  std::string to_json(int indent = 2) const;
};

// Reads /specifications of `root`'s file (any group of the file may be given).
Specifications read_specs(const Group& root);

}  // namespace h5kit::graph

// `h5kit specs FILE [--json]`: the schema specifications embedded in an NWB file
// (/specifications/<namespace>/<version>/<schema>), one line per namespace version:
//
//   core 2.7.0: namespace, nwb.base
//   hdmf-common 1.8.0: namespace, table
//   declared: core 2.7.0, hdmf-common 1.8.0
//
// A file without /specifications prints "no specifications" (status 0: it is a fact about the file,
// not an error). Datasets at an unexpected depth and schemas that do not parse are listed after
// "unexpected:" / "problem:" lines, status 1. --json writes graph::Specifications::to_json().
#include <iostream>
#include <memory>
#include <string>

#include <h5kit/graph.hpp>

#include "commands.hpp"
#include "walk.hpp"

namespace h5kit::cli {

namespace {

struct SpecsOptions {
  std::string file;
  bool json = false;
};

int run_specs(const SpecsOptions& options) {
  const File file = open_input(options.file);
  const graph::Specifications specs = graph::read_specs(file);
  const bool clean = specs.unexpected.empty() && specs.problems.empty();
  if (options.json) {
    std::cout << specs.to_json() << '\n';
    return clean ? 0 : 1;
  }
  if (!specs.present) {
    std::cout << "no specifications\n";
    return 0;
  }
  for (const auto& [ns, versions] : specs.namespaces) {
    for (const auto& [version, schemas] : versions) {
      std::string names;
      for (const auto& [schema, json] : schemas) names += (names.empty() ? "" : ", ") + schema;
      std::cout << ns << " " << version << ": " << (names.empty() ? "(no schemas)" : names) << '\n';
    }
  }
  std::string declared;
  for (const auto& d : specs.versions)
    declared += (declared.empty() ? "" : ", ") + d.name + " " + d.version.value_or("(no version)");
  std::cout << "declared: " << (declared.empty() ? "(none)" : declared) << '\n';
  for (const auto& u : specs.unexpected) std::cout << "unexpected: " << u << '\n';
  for (const auto& p : specs.problems) std::cout << "problem: " << p.path << ": " << p.message << '\n';
  return clean ? 0 : 1;
}

}  // namespace

Command register_specs(CLI::App& parent) {
  auto options = std::make_shared<SpecsOptions>();
  CLI::App* app = parent.add_subcommand("specs", "List the schema specifications embedded in an NWB file");
  app->add_option("FILE", options->file, "NWB/HDF5 file to read")->required();
  app->add_flag("--json", options->json, "Write {namespace: {version: {schema: json}}} and the declared versions");
  return {app, [options] { return run_specs(*options); }};
}

}  // namespace h5kit::cli

// `h5kit doc` and `h5kit validate`: a file's embedded model schema as documentation, and a file
// checked against that schema (or one given as JSON) without the C++ model types.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <system_error>

#include <h5kit/model/file_schema.hpp>

#include "commands.hpp"
#include "walk.hpp"

namespace h5kit::cli {

namespace {

std::string no_schema_message(const std::string& file) {
  return "'" + file + "' has no embedded model schema (no attribute '" + kSchemaAttribute +
         "' on the root group)";
}

ModelSchema embedded_or_fail(const File& file, const std::string& file_name, const std::string& hint) {
  std::optional<ModelSchema> schema;
  try {
    schema = embedded_schema(file);
  } catch (const Error& e) {
    throw UserError("'" + file_name + "': " + one_line(e.detail()));
  }
  if (!schema) throw UserError(no_schema_message(file_name) + hint);
  return *schema;
}

struct DocOptions {
  std::string file;
  std::string format = "markdown";
};

int run_doc(const DocOptions& options) {
  const File file = open_input(options.file);
  const ModelSchema schema = embedded_or_fail(file, options.file, "");
  std::cout << (options.format == "json" ? schema_to_json(schema, 2) + "\n" : schema_to_markdown(schema));
  return 0;
}

struct ValidateOptions {
  std::string file;
  std::string schema_file;
  bool strict = false;
};

// A model's schema is a few kilobytes of JSON; this bound keeps /dev/zero or a huge file given by
// mistake from being read into memory.
constexpr std::uintmax_t max_schema_bytes = 64 << 20;

ModelSchema schema_from_file(const std::string& path) {
  // A FIFO would block until someone writes it, a device would never end: only regular files.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw UserError("cannot read schema '" + path + "': " +
                    (std::filesystem::exists(path, ec) ? "not a regular file" : "no such file"));
  if (const std::uintmax_t size = std::filesystem::file_size(path, ec); !ec && size > max_schema_bytes)
    throw UserError("cannot read schema '" + path + "': " + std::to_string(size) +
                    " bytes is not a model schema (at most " + std::to_string(max_schema_bytes) + " bytes)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError("cannot read schema '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return schema_from_json(text.str());
  } catch (const Error& e) {
    throw UserError("schema '" + path + "': " + one_line(e.detail()));
  }
}

int run_validate(const ValidateOptions& options) {
  // Problems found are the answer (status 1); anything that stops the check is status 2.
  try {
    const File file = open_input(options.file);
    const ModelSchema schema = options.schema_file.empty()
                                   ? embedded_or_fail(file, options.file, "; give one with --schema")
                                   : schema_from_file(options.schema_file);
    const std::vector<Problem> problems = validate_file(file, schema, options.strict);
    const std::string model = "(model " + schema.name + " version " + std::to_string(schema.version) + ")";
    for (const Problem& p : problems) std::cout << p.to_string() << '\n';
    if (problems.empty()) {
      std::cout << options.file << ": valid " << model << '\n';
      return 0;
    }
    std::cout << options.file << ": invalid, " << problems.size() << (problems.size() == 1 ? " problem " : " problems ")
              << model << '\n';
    return 1;
  } catch (const UserError& e) {
    std::cerr << "h5kit: " << one_line(e.what()) << '\n';
  } catch (const Error& e) {
    std::cerr << "h5kit: " << one_line(e.what()) << '\n';
  }
  return 2;
}

}  // namespace

Command register_doc(CLI::App& parent) {
  auto options = std::make_shared<DocOptions>();
  CLI::App* app = parent.add_subcommand("doc", "Print the model schema embedded in FILE (Markdown or JSON)");
  app->add_option("FILE", options->file, "HDF5 file written by h5kit::dump")->required();
  app->add_option("--format", options->format, "markdown (a readable page) or json (the JSON Schema)")
      ->check(CLI::IsMember({"markdown", "json"}))
      ->capture_default_str();
  return {app, [options] { return run_doc(*options); }};
}

Command register_validate(CLI::App& parent) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* app = parent.add_subcommand(
      "validate", "Check FILE against its embedded model schema or --schema; exit 0 valid, 1 invalid, 2 error");
  app->add_option("FILE", options->file, "HDF5 file to check")->required();
  app->add_option("--schema", options->schema_file, "JSON schema file (h5kit doc --format json) to check against");
  app->add_flag("--strict", options->strict, "Attributes and links the schema does not declare are problems");
  Command command{app, [options] { return run_validate(*options); }};
  command.usage_status = 2;
  return command;
}

}  // namespace h5kit::cli

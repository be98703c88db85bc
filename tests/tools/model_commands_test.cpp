// `h5kit doc` and `h5kit validate`: output, exit codes (validate: 0 valid, 1 invalid, 2 error), files
// without a schema, --schema and --strict.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/stat.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <h5kit/h5kit.hpp>
#include <h5kit/model.hpp>

#include "model/schema_samples.hpp"
#include "support/temp_dir.hpp"
#include "tools/cli_runner.hpp"

namespace h5kit::test {
namespace {

using samples::Shot;

void write_beam(const Group& g, double energy) {
  g.attrs().set("energy", energy);
  g.attrs().set("distance", std::int32_t{5});
  g.attrs().set("label", std::string("main"));
}

// A file that conforms to Shot, with its schema embedded as h5kit's dump writes it.
std::string write_shot(const TempDir& dir, const std::string& name, double energy = 1.0, bool embed = true) {
  const std::string path = dir / name;
  File f(path, "w");
  if (embed) {
    f.attrs().set(kModelNameAttribute, std::string("Shot"));
    f.attrs().set(kModelVersionAttribute, std::int32_t{4});
    f.attrs().set(kSchemaAttribute, schema_to_json(schema_of<Shot>()));
  }
  f.attrs().set("operator", std::string("ada"));
  write_beam(f.create_group("beam"), energy);
  f.create_dataset("image", std::vector<std::vector<std::int32_t>>{{1, 2}, {3, 4}, {5, 6}});
  write_beam(f.create_group("beams/0"), 2.0);
  return path;
}

TEST(DocCommand, PrintsTheEmbeddedSchemaAsMarkdownByDefault) {
  TempDir dir;
  const std::string path = write_shot(dir, "shot.h5");
  const CliResult run = run_cli(dir, "doc " + shell_quote(path));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, schema_to_markdown(schema_of<Shot>()));
  EXPECT_NE(run.out.find("| `/beam@energy` | attribute | float64 scalar | J | >= 0 J | X-ray beam energy |"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(run_cli(dir, "doc --format markdown " + shell_quote(path)).out, run.out);
}

TEST(DocCommand, JsonFormatIsTheJsonSchema) {
  TempDir dir;
  const std::string path = write_shot(dir, "shot.h5");
  const CliResult run = run_cli(dir, "doc " + shell_quote(path) + " --format json");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["title"], "Shot");
  EXPECT_EQ(j["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(schema_from_json(run.out), schema_of<Shot>());
}

TEST(DocCommand, FileWithoutSchemaOrFileMissingIsStatusOne) {
  TempDir dir;
  const std::string plain = write_shot(dir, "plain.h5", 1.0, false);
  expect_one_line_error(run_cli(dir, "doc " + shell_quote(plain)), 1, "has no embedded model schema");
  expect_one_line_error(run_cli(dir, "doc " + shell_quote(dir / "missing.h5")), 1, "no such file");
  {
    File f(dir / "broken.h5", "w");
    f.attrs().set(kSchemaAttribute, std::string("{not json"));
  }
  expect_one_line_error(run_cli(dir, "doc " + shell_quote(dir / "broken.h5")), 1, "not valid JSON");
  expect_one_line_error(run_cli(dir, "doc --format yaml " + shell_quote(plain)), 105, "--format");
}

TEST(ValidateCommand, AValidFileSaysSoWithStatusZero) {
  TempDir dir;
  const std::string path = write_shot(dir, "shot.h5");
  const CliResult run = run_cli(dir, "validate " + shell_quote(path));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, path + ": valid (model Shot version 4)\n");
  EXPECT_EQ(run_cli(dir, "validate --strict " + shell_quote(path)).exit_code, 0);
}

TEST(ValidateCommand, AnInvalidFileListsEveryProblemWithStatusOne) {
  TempDir dir;
  const std::string path = write_shot(dir, "shot.h5", -3.5);
  {
    File f(path, "r+");
    f.attrs().erase("operator");
    f.attrs().set("extra", 1);
  }
  const CliResult run = run_cli(dir, "validate " + shell_quote(path));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, "/: operator missing mandatory attribute\n"
                     "/beam: energy must be >= 0 J, found -3.5\n" +
                         path + ": invalid, 2 problems (model Shot version 4)\n");
  const CliResult strict = run_cli(dir, "validate " + shell_quote(path) + " --strict");
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_NE(strict.out.find("/: extra is an attribute the schema does not declare\n"), std::string::npos) << strict.out;
  EXPECT_NE(strict.out.find("invalid, 3 problems"), std::string::npos) << strict.out;
}

TEST(ValidateCommand, SchemaOptionChecksAFileWithoutOne) {
  TempDir dir;
  const std::string plain = write_shot(dir, "plain.h5", 1.0, false);
  const std::string schema = dir / "shot.schema.json";
  std::ofstream(schema) << schema_to_json(schema_of<Shot>());
  const CliResult run = run_cli(dir, "validate " + shell_quote(plain) + " --schema " + shell_quote(schema));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, plain + ": valid (model Shot version 4)\n");
  // the same schema against a file of another model
  const std::string other = dir / "other.h5";
  File(other, "w").create_group("g");
  const CliResult bad = run_cli(dir, "validate " + shell_quote(other) + " --schema " + shell_quote(schema));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("/: operator missing mandatory attribute\n/: beam missing mandatory group\n"),
            std::string::npos)
      << bad.out;
}

TEST(ValidateCommand, ErrorsThatStopTheCheckAreStatusTwo) {
  TempDir dir;
  const std::string plain = write_shot(dir, "plain.h5", 1.0, false);
  expect_one_line_error(run_cli(dir, "validate " + shell_quote(plain)), 2, "has no embedded model schema");
  expect_one_line_error(run_cli(dir, "validate " + shell_quote(dir / "missing.h5")), 2, "no such file");
  expect_one_line_error(run_cli(dir, "validate " + shell_quote(plain) + " --schema " + shell_quote(dir / "none.json")),
                        2, "cannot read schema");
  std::ofstream(dir / "bad.json") << R"({"title": "X", "x-h5kit": {"version": "one"}})";
  expect_one_line_error(run_cli(dir, "validate " + shell_quote(plain) + " --schema " + shell_quote(dir / "bad.json")),
                        2, "/x-h5kit/version");
  expect_one_line_error(run_cli(dir, "validate"), 2, "FILE is required");
  expect_one_line_error(run_cli(dir, "validate --no-such-flag " + shell_quote(plain)), 2, "no-such-flag");
}

// A FIFO waits for a writer and /dev/zero never ends: given as FILE or --schema, each is refused at
// once with one line, where the CLI used to wait forever or read gigabytes (issue 19, bug 7).
TEST(ValidateCommand, AFifoOrADeviceIsRefusedNotWaitedFor) {
  TempDir dir;
  const std::string plain = write_shot(dir, "plain.h5", 1.0, false);
  const std::string fifo = dir / "pipe";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  expect_one_line_error(run_cli(dir, "validate " + shell_quote(plain) + " --schema " + shell_quote(fifo), 10), 2,
                        "cannot read schema '" + fifo + "': not a regular file");
  expect_one_line_error(run_cli(dir, "validate " + shell_quote(plain) + " --schema /dev/zero", 10), 2,
                        "cannot read schema '/dev/zero': not a regular file");
  expect_one_line_error(run_cli(dir, "validate " + shell_quote(fifo), 10), 2, "is a FIFO (named pipe)");
  expect_one_line_error(run_cli(dir, "tree " + shell_quote(fifo), 10), 1, "is a FIFO (named pipe)");
  expect_one_line_error(run_cli(dir, "dump /dev/zero", 10), 1, "cannot open '/dev/zero': is a character device");
  std::filesystem::create_symlink("loop_b", dir / "loop_a");
  std::filesystem::create_symlink("loop_a", dir / "loop_b");
  expect_one_line_error(run_cli(dir, "tree " + shell_quote(dir / "loop_a"), 10), 1, "symbolic links make a loop");
  std::ofstream(dir / "big.json") << std::string(65 << 20, ' ');
  expect_one_line_error(run_cli(dir, "validate " + shell_quote(plain) + " --schema " + shell_quote(dir / "big.json"), 10),
                        2, "68157440 bytes is not a model schema");
}

}  // namespace
}  // namespace h5kit::test

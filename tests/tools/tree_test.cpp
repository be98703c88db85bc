// `h5kit tree`: the exact listing format, PATH arguments, hard-link repeats and cycles, and errors.
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <h5kit/h5kit.hpp>

#include "support/temp_dir.hpp"
#include "tools/cli_runner.hpp"

namespace h5kit::test {
namespace {

// A file with one of everything the listing distinguishes.
std::string make_sample(const TempDir& dir) {
  {
    File calib(dir / "calib.h5", "w");
    calib.create_dataset("table", std::vector<double>{1.0});
  }
  const std::string path = dir / "sample.h5";
  File f(path, "w");
  f.attrs().set("title", std::string("demo"));
  Dataset t = f.create_dataset("data/temperature", std::vector<std::vector<double>>{{1, 2}, {3, 4}, {5, 6}});
  t.attrs().set("units", std::string("K"));
  t.attrs().set("scale", 1.0);
  f.create_dataset("data/count", 3);
  f.create_dataset("data/nothing", Empty{Datatype::float32()});
  f.create_dataset("data/names", std::vector<std::string>{"a"});
  f.link("data/alias", t);  // met first in name order, so "temperature" is the repeat
  f.link("latest", SoftLink{"/data/temperature"});
  f.link("broken", SoftLink{"/nowhere"});
  f.link("calibration", ExternalLink{"calib.h5", "/table"});
  f.link("lost", ExternalLink{"missing.h5", "/x"});
  f.create_group("empty_group");
  return path;
}

CliResult tree(const TempDir& dir, const std::string& file, const std::string& extra = "") {
  return run_cli(dir, "tree " + shell_quote(file) + " " + extra);
}

// `h5kit tree FILE extra` succeeds silently and prints exactly `listing`.
void expect_tree(const TempDir& dir, const std::string& file, const std::string& extra, const std::string& listing) {
  SCOPED_TRACE("h5kit tree FILE " + extra);
  const CliResult run = tree(dir, file, extra);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, listing);
}

TEST(TreeCommand, ListsEveryLinkWithKindShapeTypeAndAttributeCount) {
  TempDir dir;
  const std::string path = make_sample(dir);
  expect_tree(dir, path, "",
              "/                  Group, 1 attr\n"
              "/broken            Soft link -> /nowhere (dangling)\n"
              "/calibration       External link -> calib.h5:/table\n"
              "/data              Group, 0 attrs\n"
              "/data/alias        Dataset {3, 2} float64, 2 attrs\n"
              "/data/count        Dataset {SCALAR} int32, 0 attrs\n"
              "/data/names        Dataset {1} str, 0 attrs\n"
              "/data/nothing      Dataset {NULL} float32, 0 attrs\n"
              "/data/temperature  Dataset, same as /data/alias\n"
              "/empty_group       Group, 0 attrs\n"
              "/latest            Soft link -> /data/temperature\n"
              "/lost              External link -> missing.h5:/x (dangling)\n");
}

TEST(TreeCommand, PathArgumentStartsTheListingThere) {
  TempDir dir;
  const std::string path = make_sample(dir);
  expect_tree(dir, path, "/data",
              "/data              Group, 0 attrs\n"
              "/data/alias        Dataset {3, 2} float64, 2 attrs\n"
              "/data/count        Dataset {SCALAR} int32, 0 attrs\n"
              "/data/names        Dataset {1} str, 0 attrs\n"
              "/data/nothing      Dataset {NULL} float32, 0 attrs\n"
              "/data/temperature  Dataset, same as /data/alias\n");
  // A dataset on its own (reached by a relative path), and a link shown as a link.
  expect_tree(dir, path, "data/temperature", "/data/temperature  Dataset {3, 2} float64, 2 attrs\n");
  expect_tree(dir, path, "/latest", "/latest  Soft link -> /data/temperature\n");
  expect_tree(dir, path, "/empty_group/", "/empty_group  Group, 0 attrs\n");
}

TEST(TreeCommand, HardLinkCyclesAreListedOnce) {
  TempDir dir;
  const std::string path = dir / "cycle.h5";
  {
    File f(path, "w");
    Group a = f.create_group("a");
    a.link("back_to_root", f.open("/"));
    a.link("self", a);
    f.create_dataset("a/b/v", std::vector<std::uint8_t>{1, 2});
  }
  expect_tree(dir, path, "",
              "/                Group, 0 attrs\n"
              "/a               Group, 0 attrs\n"
              "/a/b             Group, 0 attrs\n"
              "/a/b/v           Dataset {2} uint8, 0 attrs\n"
              "/a/back_to_root  Group, same as /\n"
              "/a/self          Group, same as /a\n");
}

TEST(TreeCommand, NamedTypesAreListed) {
  TempDir dir;
  const std::string path = dir / "typed.h5";
  ASSERT_TRUE(write_with_tools_script("make_typed_file.py", path));
  expect_tree(dir, path, "/named_type", "/named_type  Datatype float64, 0 attrs\n");
  expect_tree(dir, path, "/grp", "/grp  Group, 2 attrs\n");
}

TEST(TreeCommand, NonAsciiNamesAlignByCharacter) {
  TempDir dir;
  const std::string path = dir / "utf8.h5";
  {
    File f(path, "w");
    f.create_dataset("\xc3\xa9t\xc3\xa9", 1);  // "été": 3 characters, 5 bytes
    f.create_dataset("abcd", 2);
  }
  expect_tree(dir, path, "",
              "/      Group, 0 attrs\n"
              "/abcd  Dataset {SCALAR} int32, 0 attrs\n"
              "/\xc3\xa9t\xc3\xa9   Dataset {SCALAR} int32, 0 attrs\n");
}

TEST(TreeCommand, BadInputIsAOneLineError) {
  TempDir dir;
  const std::string missing = dir / "absent.h5";
  expect_one_line_error(tree(dir, missing), 1, "cannot open '" + missing + "': no such file");

  const std::string text = dir / "notes.h5";
  std::ofstream(text) << "not HDF5 at all";
  expect_one_line_error(tree(dir, text), 1, "cannot open '" + text + "': not an HDF5 file");

  const std::string path = make_sample(dir);
  const CliResult no_path = tree(dir, path, "/data/absent");
  expect_one_line_error(no_path, 1, "no object at '/data/absent'");
  EXPECT_NE(no_path.err.find(path), std::string::npos) << no_path.err;

  expect_one_line_error(run_cli(dir, "tree"), 106, "FILE");
  expect_one_line_error(run_cli(dir, "tree " + shell_quote(path) + " / extra"), 109, "extra");
}

}  // namespace
}  // namespace h5kit::test

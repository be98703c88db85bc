// `h5kit tree`: the exact listing format, PATH arguments, hard-link repeats and cycles, and errors.
#include <cstdint>
#include <fstream>
#include <iterator>
#include <regex>
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

// Byte counts of compressed chunks depend on the compressor's build; everything else is exact.
std::string without_compressed_sizes(std::string listing) {
  return std::regex_replace(listing, std::regex(R"(chunked (\{[0-9, ]+\}), [0-9]+ bytes stored)"),
                            "chunked $1, N bytes stored");
}

TEST(TreeCommand, DetailsShowStorageFiltersFillScalesAndAttributeTypes) {
  TempDir dir;
  const std::string path = dir / "storage.h5";
  ASSERT_TRUE(write_with_tools_script("make_storage_file.py", path));
  const CliResult run = tree(dir, path, "--details");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(without_compressed_sizes(run.out),
            "/             Group, 1 attr\n"
            "                @title: str {SCALAR}\n"
            "/compact      Dataset {4} int16, 0 attrs\n"
            "                layout: compact, 8 bytes stored\n"
            "/contiguous   Dataset {3} int64, 0 attrs\n"
            "                layout: contiguous, 24 bytes stored\n"
            "                fill: 7\n"
            "/gzip         Dataset {4, 6} float64, 0 attrs\n"
            "                layout: chunked {2, 3}, N bytes stored\n"
            "                maxshape: {unlimited, 6}\n"
            "                filters: shuffle, gzip(level=4), fletcher32\n"
            "                fill: -1.5\n"
            "/image        Dataset {4, 6} uint8, 2 attrs\n"
            "                layout: contiguous, 24 bytes stored\n"
            "                dims: [/x, /y]\n"
            "                @DIMENSION_LIST: vlen(ref) {2}\n"
            "                @when: datetime64[D] {SCALAR}\n"
            "/kelvin       Datatype float64, 1 attr\n"
            "                @units: str {SCALAR}\n"
            "/lzf          Dataset {100} float32, 0 attrs\n"
            "                layout: chunked {50}, N bytes stored\n"
            "                filters: lzf\n"
            "/scaleoffset  Dataset {100} int32, 0 attrs\n"
            "                layout: chunked {25}, N bytes stored\n"
            "                filters: scaleoffset(int,minbits=auto)\n"
            "/virtual      Dataset {2, 3} int64, 0 attrs\n"
            "                layout: virtual\n"
            "                source: [0, :] <- .:/contiguous [...]\n"
            "                source: [1, :] <- .:/contiguous [...]\n"
            "/x            Dataset {4} float64, 3 attrs\n"
            "                layout: contiguous, 32 bytes stored\n"
            "                scale: x\n"
            "                @CLASS: S16 {SCALAR}\n"
            "                @NAME: S2 {SCALAR}\n"
            "                @REFERENCE_LIST: compound{dataset:ref,dimension:int32} {1}\n"
            "/y            Dataset {6} float64, 3 attrs\n"
            "                layout: contiguous, 48 bytes stored\n"
            "                scale\n"
            "                @CLASS: S16 {SCALAR}\n"
            "                @NAME: S1 {SCALAR}\n"
            "                @REFERENCE_LIST: compound{dataset:ref,dimension:int32} {1}\n");
}

TEST(TreeCommand, DefaultListingStaysOneLinePerObject) {
  TempDir dir;
  const std::string path = dir / "storage.h5";
  ASSERT_TRUE(write_with_tools_script("make_storage_file.py", path));
  expect_tree(dir, path, "/gzip", "/gzip  Dataset {4, 6} float64, 0 attrs\n");
  // Opaque types name their tag, h5py's numpy times by numpy's name.
  expect_tree(dir, path, "--details /image",
              "/image  Dataset {4, 6} uint8, 2 attrs\n"
              "          layout: contiguous, 24 bytes stored\n"
              "          dims: [/x, /y]\n"
              "          @DIMENSION_LIST: vlen(ref) {2}\n"
              "          @when: datetime64[D] {SCALAR}\n");
}

TEST(TreeCommand, DetailsOfDatasetsWrittenByH5kit) {
  TempDir dir;
  const std::string path = dir / "own.h5";
  {
    File f(path, "w");
    f.create_dataset("packed", std::vector<std::int32_t>(64, 5),
                     DatasetOptions{}.chunks({16}).maxshape({unlimited}).gzip(9).shuffle().fill_value(std::int32_t{-9}));
    f.create_dataset("nothing", Empty{Datatype::float32()});
  }
  const CliResult run = tree(dir, path, "--details");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(without_compressed_sizes(run.out),
            "/         Group, 0 attrs\n"
            "/nothing  Dataset {NULL} float32, 0 attrs\n"
            "            layout: contiguous, 0 bytes stored\n"
            "/packed   Dataset {64} int32, 0 attrs\n"
            "            layout: chunked {16}, N bytes stored\n"
            "            maxshape: {unlimited}\n"
            "            filters: shuffle, gzip(level=9)\n"
            "            fill: -9\n");
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

  // --details changes nothing about errors.
  expect_one_line_error(tree(dir, missing, "--details"), 1, "no such file");
  expect_one_line_error(tree(dir, path, "--details /data/absent"), 1, "no object at '/data/absent'");

  // A real HDF5 file cut short: HDF5's own reason, still on one line.
  const std::string cut = dir / "cut.h5";
  {
    std::ifstream whole(path, std::ios::binary);
    std::string bytes(std::istreambuf_iterator<char>(whole), {});
    std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  }
  expect_one_line_error(tree(dir, cut, "--details"), 1, "cannot open '" + cut + "'");
  expect_one_line_error(run_cli(dir, "dump " + shell_quote(cut)), 1, "truncated");

  expect_one_line_error(run_cli(dir, "tree"), 106, "FILE");
  expect_one_line_error(run_cli(dir, "tree " + shell_quote(path) + " / extra"), 109, "extra");
}

}  // namespace
}  // namespace h5kit::test

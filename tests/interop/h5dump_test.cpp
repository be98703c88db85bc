// HDF5's own h5dump (hdf5-tools) reads files h5kit wrote: header, data, superblock and storage.
// Output is compared after collapsing every run of whitespace into one space, so the checks do not
// depend on h5dump's column alignment.
#include <complex>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

std::string squeeze(const std::string& text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

struct Dump {
  int exit_code = -1;
  std::string raw;
  std::string text;  // squeezed
};

Dump h5dump(const std::string& options, const std::string& path) {
  const auto result = h5kit::test::run_command("h5dump " + options + " " + shell_quote(path));
  return {result.exit_code, result.output, squeeze(result.output)};
}

#define EXPECT_DUMP_HAS(dump, fragment) \
  EXPECT_NE((dump).text.find(squeeze(fragment)), std::string::npos) << "missing: " << (fragment) << "\nin:\n" << (dump).raw

// One file with a bit of everything, written by h5kit.
void write_sample(const std::string& path) {
  File f(path, "w", FileOptions{.userblock_size = 512});
  f.create_dataset("ints", std::vector<std::int32_t>{-3, 0, 7, 2147483647}).attrs().set("units", std::string("m"));
  f.create_dataset("grid", NDArray<double>(Shape{2, 3}, {0.5, 1.5, 2.5, 3.5, 4.5, 5.5}));
  f.create_dataset("text", std::string("hello world"));
  f.create_dataset("fixed", std::vector<std::string>{"ab", "abcdef"}, DatasetOptions{}.dtype(Datatype::fixed_string(6)));
  f.create_dataset("flags", std::vector<bool>{true, false, true});
  f.create_dataset("colors", std::vector<Color>{Color::red, Color::blue, Color::green});
  f.create_dataset("z", std::vector<std::complex<double>>{{1.0, 2.0}, {3.0, -0.5}});
  f.create_dataset("scalar", std::uint64_t{42});
  f.create_dataset("nothing", h5kit::Empty{Datatype::float64()});
  NDArray<std::int32_t> block(Shape{10, 10});
  for (std::size_t k = 0; k < block.size(); ++k) block.data()[k] = static_cast<std::int32_t>(k);
  f.create_dataset("gz", block, DatasetOptions{}.chunks({5, 5}).gzip(6).shuffle());
  f.create_dataset("grow", Shape{2, 4}, Datatype::float64(),
                   DatasetOptions{}.maxshape({h5kit::unlimited, 4}).chunks({2, 4}).fill_value(-1.5));
  f["soft"] = h5kit::SoftLink{"/ints"};
  f["dangling"] = h5kit::SoftLink{"/nowhere"};
  f.create_group("group/sub");
}

// One run of h5dump on the sample file: the fragments its output must hold.
struct DumpCase {
  const char* name;
  const char* options;
  std::vector<std::string> fragments;
};

// GoogleTest prints the parameter of a failing case.
void PrintTo(const DumpCase& c, std::ostream* os) { *os << "h5dump " << c.options; }

const DumpCase kDumpCases[] = {
    {"HeaderShowsEveryTypeAndShape",
     "-H",
     {R"(DATASET "ints" { DATATYPE H5T_STD_I32LE DATASPACE SIMPLE { ( 4 ) / ( 4 ) })",
      R"(ATTRIBUTE "units" { DATATYPE H5T_STRING { STRSIZE H5T_VARIABLE;)",
      R"(DATASET "grid" { DATATYPE H5T_IEEE_F64LE DATASPACE SIMPLE { ( 2, 3 ) / ( 2, 3 ) })",
      R"(CSET H5T_CSET_UTF8; CTYPE H5T_C_S1; } DATASPACE SCALAR })",  // "text"
      R"(DATASET "fixed" { DATATYPE H5T_STRING { STRSIZE 6; STRPAD H5T_STR_NULLPAD;
                        CSET H5T_CSET_ASCII; CTYPE H5T_C_S1; } DATASPACE SIMPLE { ( 2 ) / ( 2 ) })",
      R"(DATASET "flags" { DATATYPE H5T_ENUM { H5T_STD_I8LE; "FALSE" 0; "TRUE" 1; })",
      R"(DATASET "colors" { DATATYPE H5T_ENUM { H5T_STD_U8LE;)",
      R"("red" 0;)",
      R"("green" 1;)",
      R"("blue" 5;)",
      R"(DATASET "z" { DATATYPE H5T_COMPOUND { H5T_IEEE_F64LE "r"; H5T_IEEE_F64LE "i"; })",
      R"(DATASET "scalar" { DATATYPE H5T_STD_U64LE DATASPACE SCALAR })",
      R"(DATASET "nothing" { DATATYPE H5T_IEEE_F64LE DATASPACE NULL })",
      R"(DATASET "grow" { DATATYPE H5T_IEEE_F64LE DATASPACE SIMPLE { ( 2, 4 ) / ( H5S_UNLIMITED, 4 ) })",
      R"(SOFTLINK "soft" { LINKTARGET "/ints" })",
      R"(SOFTLINK "dangling" { LINKTARGET "/nowhere" })",
      R"(GROUP "group" { GROUP "sub" { } })"}},
    {"DataShowsTheValuesWritten",
     "-d /ints -d /grid -d /text -d /fixed -d /flags -d /colors -d /z -d /scalar",
     {R"(DATA { (0): -3, 0, 7, 2147483647 })",
      R"(DATA { (0,0): 0.5, 1.5, 2.5, (1,0): 3.5, 4.5, 5.5 })",
      R"(DATA { (0): "hello world" })",
      R"(DATA { (0): "ab\000\000\000\000", "abcdef" })",
      R"(DATA { (0): TRUE, FALSE, TRUE })",
      R"(DATA { (0): red, blue, green })",
      R"(DATA { (0): { 1, 2 }, { 3, -0.5 } })",
      R"(DATA { (0): 42 })",
      R"(ATTRIBUTE "units" {)",
      R"(DATA { (0): "m" })"}},
    {"SuperblockShowsTheUserBlock", "-B -H", {"USER_BLOCK { USERBLOCK_SIZE 512 }"}},
    {"PropertiesShowChunksFiltersAndFillValue",
     "-p -H -d /gz -d /grow",
     {"CHUNKED ( 5, 5 )",
      "FILTERS { PREPROCESSING SHUFFLE COMPRESSION DEFLATE { LEVEL 6 } }",
      "CHUNKED ( 2, 4 )",
      "VALUE -1.5 }"}},
    // a compressed block: row 9, columns 7..9
    {"HyperslabOfACompressedDataset", "-d /gz -s 9,7 -c 1,3", {"(9,7): 97, 98, 99"}},
    // never written: the fill value
    {"UnwrittenDataIsTheFillValue",
     "-d /grow",
     {"DATA { (0,0): -1.5, -1.5, -1.5, -1.5, (1,0): -1.5, -1.5, -1.5, -1.5 }"}},
};

class interop_h5dump : public ::testing::TestWithParam<DumpCase> {};

TEST_P(interop_h5dump, ShowsWhatH5kitWrote) {
  TempDir dir;
  const std::string path = dir / "sample.h5";
  write_sample(path);
  const Dump d = h5dump(GetParam().options, path);
  ASSERT_EQ(d.exit_code, 0) << d.raw;
  for (const std::string& fragment : GetParam().fragments) EXPECT_DUMP_HAS(d, fragment);
}
INSTANTIATE_TEST_SUITE_P(interop, interop_h5dump, ::testing::ValuesIn(kDumpCases),
                         [](const ::testing::TestParamInfo<DumpCase>& run) { return std::string(run.param.name); });

}  // namespace
}  // namespace h5kit::test

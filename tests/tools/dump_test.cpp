// `h5kit dump --json`: every HDF5 type's JSON mapping, links, repeats, --max-elements and errors.
// Files are written with h5kit's own API, and with h5py (make_typed_file.py) for the types that are
// awkward to write from C++.
#include <cmath>
#include <complex>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <h5kit/h5kit.hpp>

#include "support/temp_dir.hpp"
#include "tools/cli_runner.hpp"

namespace h5kit::test {
namespace {

using Json = nlohmann::ordered_json;

// Runs `h5kit dump --json FILE extra...` and parses stdout; the command must succeed silently.
Json dump(const TempDir& dir, const std::string& file, const std::string& extra = "") {
  const CliResult run = run_cli(dir, "dump --json " + shell_quote(file) + " " + extra);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  return Json::parse(run.out);
}

Json parse(const std::string& text) { return Json::parse(text); }

TEST(DumpCommand, IntegersOfEveryWidthKeepTheirExtremes) {
  TempDir dir;
  const std::string path = dir / "ints.h5";
  {
    File f(path, "w");
    f.create_dataset("i8", std::vector<std::int8_t>{-128, 0, 127});
    f.create_dataset("i16", std::vector<std::int16_t>{-32768, 32767});
    f.create_dataset("i32", std::vector<std::int32_t>{std::numeric_limits<std::int32_t>::min(), 7});
    f.create_dataset("i64", std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min(),
                                                      std::numeric_limits<std::int64_t>::max()});
    f.create_dataset("u8", std::vector<std::uint8_t>{0, 255});
    f.create_dataset("u16", std::vector<std::uint16_t>{65535});
    f.create_dataset("u32", std::vector<std::uint32_t>{4294967295U});
    f.create_dataset("u64", std::vector<std::uint64_t>{std::numeric_limits<std::uint64_t>::max()});
  }
  const Json doc = dump(dir, path);
  const Json& m = doc["members"];
  EXPECT_EQ(m["i8"], parse(R"({"kind":"dataset","dtype":"int8","shape":[3],"attrs":{},"data":[-128,0,127]})"));
  EXPECT_EQ(m["i16"]["data"], parse("[-32768,32767]"));
  EXPECT_EQ(m["i16"]["dtype"], "int16");
  EXPECT_EQ(m["i32"]["data"], parse("[-2147483648,7]"));
  EXPECT_EQ(m["i64"]["data"], parse("[-9223372036854775808,9223372036854775807]"));
  EXPECT_EQ(m["i64"]["dtype"], "int64");
  EXPECT_EQ(m["u8"]["data"], parse("[0,255]"));
  EXPECT_EQ(m["u16"]["data"], parse("[65535]"));
  EXPECT_EQ(m["u32"]["data"], parse("[4294967295]"));
  EXPECT_EQ(m["u64"]["data"], parse("[18446744073709551615]"));
  EXPECT_EQ(m["u64"]["dtype"], "uint64");
  // Members come in the group's own order (name order here).
  std::vector<std::string> names;
  for (const auto& [name, node] : m.items()) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"i16", "i32", "i64", "i8", "u16", "u32", "u64", "u8"}));
}

TEST(DumpCommand, FloatsWriteNanAndInfinityAsStrings) {
  TempDir dir;
  const std::string path = dir / "floats.h5";
  {
    File f(path, "w");
    const double inf = std::numeric_limits<double>::infinity();
    f.create_dataset("f64", std::vector<double>{1.5, std::numeric_limits<double>::quiet_NaN(), inf, -inf, -0.25});
    f.create_dataset("f32", std::vector<float>{0.1F, -2.5F, std::numeric_limits<float>::infinity()});
  }
  const Json doc = dump(dir, path);
  EXPECT_EQ(doc["members"]["f64"]["data"], parse(R"([1.5,"nan","inf","-inf",-0.25])"));
  EXPECT_EQ(doc["members"]["f64"]["dtype"], "float64");
  // float32 values print as numpy shows them (0.1, not 0.10000000149011612).
  EXPECT_EQ(doc["members"]["f32"]["data"], parse(R"([0.1,-2.5,"inf"])"));
  EXPECT_EQ(doc["members"]["f32"]["dtype"], "float32");
}

TEST(DumpCommand, BoolComplexAndStringsWrittenByH5kit) {
  TempDir dir;
  const std::string path = dir / "mixed.h5";
  {
    File f(path, "w");
    f.create_dataset("flags", std::vector<bool>{true, false, true});
    f.create_dataset("z", std::vector<std::complex<double>>{{1.0, 2.0}, {3.0, -4.0}});
    f.create_dataset("names", std::vector<std::string>{"alpha", "", "\xc3\xa9t\xc3\xa9"});
    f.create_dataset("codes", std::vector<std::string>{"ab", "abcdefgh"},
                     DatasetOptions{}.dtype(Datatype::fixed_string(8)));
  }
  const Json m = dump(dir, path)["members"];
  EXPECT_EQ(m["flags"], parse(R"({"kind":"dataset","dtype":"bool","shape":[3],"attrs":{},"data":[true,false,true]})"));
  EXPECT_EQ(m["z"]["data"], parse("[[1.0,2.0],[3.0,-4.0]]"));
  EXPECT_EQ(m["z"]["dtype"], "complex128");
  EXPECT_EQ(m["names"]["data"], parse(R"(["alpha","","\u00e9t\u00e9"])"));
  EXPECT_EQ(m["names"]["dtype"], "str");
  EXPECT_EQ(m["codes"]["data"], parse(R"(["ab","abcdefgh"])"));  // NUL padding removed
  EXPECT_EQ(m["codes"]["dtype"], "S8");
}

TEST(DumpCommand, ScalarEmptyAndTwoDimensionalShapes) {
  TempDir dir;
  const std::string path = dir / "shapes.h5";
  {
    File f(path, "w");
    f.create_dataset("scalar", 42);
    f.create_dataset("empty", Empty{Datatype::float64()});
    f.create_dataset("grid", std::vector<std::vector<std::int32_t>>{{1, 2, 3}, {4, 5, 6}});
    f.create_dataset("none", std::vector<double>{});
  }
  const Json m = dump(dir, path)["members"];
  EXPECT_EQ(m["scalar"], parse(R"({"kind":"dataset","dtype":"int32","shape":[],"attrs":{},"data":42})"));
  EXPECT_EQ(m["empty"], parse(R"({"kind":"dataset","dtype":"float64","shape":null,"attrs":{},"data":null})"));
  EXPECT_EQ(m["grid"], parse(R"({"kind":"dataset","dtype":"int32","shape":[2,3],"attrs":{},"data":[[1,2,3],[4,5,6]]})"));
  EXPECT_EQ(m["none"]["shape"], parse("[0]"));
  EXPECT_EQ(m["none"]["data"], parse("[]"));
}

TEST(DumpCommand, AttributesAreValuesByShapeInTheObjectsOrder) {
  TempDir dir;
  const std::string path = dir / "attrs.h5";
  {
    FileOptions options;
    options.track_order = true;  // the root keeps creation order, so "zeta" comes before "alpha"
    File f(path, "w", options);
    f.attrs().set("zeta", std::string("last name, first made"));
    f.attrs().set("alpha", std::vector<double>{1.0, 2.5});
    Dataset d = f.create_dataset("d", std::vector<std::int32_t>{1});
    d.attrs().set("units", std::string("K"));
    d.attrs().set("scale", 0.5);
    d.attrs().set("grid", std::vector<std::vector<std::int16_t>>{{1, 2}, {3, 4}});
  }
  const Json doc = dump(dir, path);
  EXPECT_EQ(doc, parse(R"({"kind":"group",
    "attrs":{"zeta":"last name, first made","alpha":[1.0,2.5]},
    "members":{"d":{"kind":"dataset","dtype":"int32","shape":[1],
                    "attrs":{"grid":[[1,2],[3,4]],"scale":0.5,"units":"K"},"data":[1]}}})"));
}

TEST(DumpCommand, ObjectReferencesBecomeTargetPaths) {
  TempDir dir;
  const std::string path = dir / "refs.h5";
  {
    File f(path, "w");
    Group g = f.create_group("grp/inner");
    Dataset d = f.create_dataset("data", std::vector<std::int32_t>{1, 2});
    f.create_dataset("refs", std::vector<ObjectReference>{g.reference(), d.reference(), ObjectReference{}});
    d.attrs().set("home", g.reference());
  }
  const Json m = dump(dir, path)["members"];
  EXPECT_EQ(m["refs"], parse(R"({"kind":"dataset","dtype":"ref","shape":[3],"attrs":{},
                                 "data":["/grp/inner","/data",null]})"));
  EXPECT_EQ(m["data"]["attrs"]["home"], "/grp/inner");
}

TEST(DumpCommand, LinksAreDescribedNotFollowed) {
  TempDir dir;
  const std::string path = dir / "links.h5";
  {
    File other(dir / "other.h5", "w");
    other.create_dataset("x", 1);
  }
  {
    File f(path, "w");
    f.create_dataset("a/x", std::vector<std::int32_t>{7});
    f.link("b", f.open("/a/x"));  // a second hard link: written once, then referred to
    f.link("soft", SoftLink{"/a/x"});
    f.link("soft_dangling", SoftLink{"/nowhere"});
    f.link("ext", ExternalLink{"other.h5", "/x"});
    f.link("ext_dangling", ExternalLink{"missing.h5", "/x"});
    f.link("a/up", f.open("/"));  // a hard link back to the root: no endless walk
  }
  const Json doc = dump(dir, path);
  EXPECT_EQ(doc, parse(R"({"kind":"group","attrs":{},"members":{
    "a":{"kind":"group","attrs":{},"members":{
      "up":{"kind":"hard_link","target":"/"},
      "x":{"kind":"dataset","dtype":"int32","shape":[1],"attrs":{},"data":[7]}}},
    "b":{"kind":"hard_link","target":"/a/x"},
    "ext":{"kind":"external_link","file":"other.h5","path":"/x"},
    "ext_dangling":{"kind":"external_link","file":"missing.h5","path":"/x","dangling":true},
    "soft":{"kind":"soft_link","target":"/a/x"},
    "soft_dangling":{"kind":"soft_link","target":"/nowhere","dangling":true}}})"));
}

TEST(DumpCommand, PathArgumentSelectsOneObjectOrLink) {
  TempDir dir;
  const std::string path = dir / "path.h5";
  {
    File f(path, "w");
    f.create_dataset("g/d", std::vector<std::int32_t>{1, 2});
    f.link("s", SoftLink{"/g/d"});
  }
  const Json dataset = parse(R"({"kind":"dataset","dtype":"int32","shape":[2],"attrs":{},"data":[1,2]})");
  EXPECT_EQ(dump(dir, path, "/g/d"), dataset);
  EXPECT_EQ(dump(dir, path, "g/d/"), dataset);  // relative and trailing-slash spellings mean the same
  EXPECT_EQ(dump(dir, path, "/g"), parse(R"({"kind":"group","attrs":{},"members":{"d":)" + dataset.dump() + "}}"));
  EXPECT_EQ(dump(dir, path, "/s"), parse(R"({"kind":"soft_link","target":"/g/d"})"));
  // --json is the default format, so it may be left out.
  const CliResult plain = run_cli(dir, "dump " + shell_quote(path) + " /g/d");
  EXPECT_EQ(plain.exit_code, 0);
  EXPECT_EQ(Json::parse(plain.out), dataset);
  // --compact writes the same document on one line.
  const CliResult compact = run_cli(dir, "dump --compact " + shell_quote(path) + " /g/d");
  EXPECT_EQ(compact.out, dataset.dump() + "\n");
}

TEST(DumpCommand, MaxElementsElidesLargeDatasetsOnly) {
  TempDir dir;
  const std::string path = dir / "big.h5";
  {
    File f(path, "w");
    f.create_dataset("big", std::vector<std::int32_t>(10, 1));
    f.create_dataset("small", std::vector<std::int32_t>{1, 2, 3});
    f.create_dataset("grid", std::vector<std::vector<double>>{{1, 2, 3}, {4, 5, 6}});
    f.create_dataset("empty", Empty{Datatype::int8()});
    f.attrs().set("long_attribute", std::vector<std::int32_t>(8, 2));  // attributes are never elided
  }
  const Json doc = dump(dir, path, "--max-elements 5");
  EXPECT_EQ(doc["members"]["big"]["data"], parse(R"({"elided":true,"count":10})"));
  EXPECT_EQ(doc["members"]["big"]["shape"], parse("[10]"));
  EXPECT_EQ(doc["members"]["grid"]["data"], parse(R"({"elided":true,"count":6})"));
  EXPECT_EQ(doc["members"]["small"]["data"], parse("[1,2,3]"));
  EXPECT_EQ(doc["members"]["empty"]["data"], nullptr);
  EXPECT_EQ(doc["attrs"]["long_attribute"], parse("[2,2,2,2,2,2,2,2]"));

  const Json none = dump(dir, path, "--max-elements 0");
  EXPECT_EQ(none["members"]["small"]["data"], parse(R"({"elided":true,"count":3})"));
  EXPECT_EQ(none["members"]["empty"]["data"], nullptr);  // 0 elements is never more than N
}

// The file make_typed_file.py writes with h5py, dumped whole: the types awkward to write from C++.
class DumpCommandOnH5pyFile : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string path = dir_ / "typed.h5";
    ASSERT_TRUE(write_with_tools_script("make_typed_file.py", path));
    doc_ = dump(dir_, path);
  }
  TempDir dir_;
  Json doc_;
};

TEST_F(DumpCommandOnH5pyFile, TypesWrittenByH5py) {
  const Json& m = doc_["members"];
  EXPECT_EQ(m["compound"]["data"], parse(R"([
      {"id":1,"pos":[0.5,1.5],"name":"ab","label":"first"},
      {"id":2,"pos":[2.5,-1.0],"name":"cdefgh","label":"second"}])"));
  EXPECT_EQ(m["compound"]["dtype"], "compound{id:int32,pos:array(float32,(2,)),name:S6,label:str}");
  EXPECT_EQ(m["enum"]["data"], parse(R"(["RED","BLUE","GREEN",7])"));  // 7 names no member
  EXPECT_EQ(m["vlen_ints"]["data"], parse("[[1,2,3],[],[4]]"));
  EXPECT_EQ(m["vlen_ints"]["dtype"], "vlen(int32)");
  EXPECT_EQ(m["array_type"]["data"], parse("[[1.5,2.5],[3.5,4.5]]"));
  EXPECT_EQ(m["array_type"]["shape"], parse("[2]"));
  EXPECT_EQ(m["array_type"]["dtype"], "array(float32,(2,))");
  EXPECT_EQ(m["opaque"]["data"], parse(R"(["AQIDBA==","/wAQIA=="])"));
  EXPECT_EQ(m["opaque"]["dtype"], "opaque(4)");
  EXPECT_EQ(m["refs"]["data"], parse(R"(["/grp","/data",null])"));
  EXPECT_EQ(m["grp"]["attrs"], parse(R"({"nothing":null,"self":"/grp"})"));  // an empty attribute is null
  EXPECT_EQ(m["fixed_strings"]["data"], parse(R"(["ab","hello"])"));
  EXPECT_EQ(m["fixed_strings"]["dtype"], "S5");
  EXPECT_EQ(m["vlen_strings"]["data"], parse(R"(["alpha","\u00e9t\u00e9"])"));
  EXPECT_EQ(m["complex"]["data"], parse("[[1.0,2.0],[3.0,-4.0]]"));
  EXPECT_EQ(m["complex64"], parse(R"({"kind":"dataset","dtype":"complex64","shape":[],"attrs":{},"data":[0.5,0.25]})"));
  EXPECT_EQ(m["bool"]["data"], parse("[true,false,true]"));
  EXPECT_EQ(m["matrix"]["data"], parse("[[1,-2,3],[4,5,-6]]"));
  EXPECT_EQ(m["matrix"]["dtype"], "int16");
  EXPECT_EQ(m["named_type"], parse(R"({"kind":"datatype","dtype":"float64","attrs":{}})"));
  EXPECT_EQ(m["big_endian"]["data"], parse("[1,256]"));  // read in native byte order
}

TEST_F(DumpCommandOnH5pyFile, EdgeCasesWrittenByH5py) {
  const Json& m = doc_["members"];
  EXPECT_EQ(m["half"]["data"], parse("[1.5,-0.25]"));
  EXPECT_EQ(m["long_double"]["data"], parse("[1.5,3.25]"));
  EXPECT_EQ(m["vlen_compound"]["data"], parse(R"([[{"a":1,"b":2.0},{"a":3,"b":4.5}],[]])"));
  EXPECT_EQ(m["not_utf8"]["data"], parse(R"([{"base64":"/2Fi"}])"));  // b"\xffab", kept whole
  EXPECT_EQ(m["no_columns"]["shape"], parse("[2,0]"));
  EXPECT_EQ(m["no_columns"]["data"], parse("[[],[]]"));
  EXPECT_EQ(m["unwritten_strings"]["data"], parse(R"(["",""])"));
  EXPECT_EQ(m["signed_enum"]["data"], parse(R"(["DOWN","UP"])"));
  EXPECT_EQ(m["bitfield"]["data"], parse("[3,255]"));
  EXPECT_EQ(doc_["attrs"]["ascii_strings"], parse(R"(["x","yz"])"));
}

TEST_F(DumpCommandOnH5pyFile, NestedCompoundsKeepTheirStructure) {
  const Json& nested = doc_["members"]["nested_compound"];
  // A compound member is an object, array members are lists, an enum member is its name (or the bare
  // number for a value no member names), an opaque member is base64.
  EXPECT_EQ(nested["data"], parse(R"([
      {"inner":{"x":0.5,"tags":[1,-1]},"vec":[1.0,2.0,3.0],"code":"ab","text":"one","color":"BLUE","raw":"AQI="},
      {"inner":{"x":-1.0,"tags":[7,8]},"vec":[0.25,0.0,-4.0],"code":"wxyz","text":"\u00e9","color":9,"raw":"/wA="}])"));
  EXPECT_EQ(nested["dtype"],
            "compound{inner:compound{x:float64,tags:array(int16,(2,))},vec:array(float32,(3,)),code:S4,text:str,"
            "color:enum(uint8){BLUE=2,GREEN=1,RED=0},raw:opaque(2)}");
  // Field order is the file's, not alphabetical.
  std::vector<std::string> fields;
  for (const auto& [name, value] : nested["data"][0].items()) fields.push_back(name);
  EXPECT_EQ(fields, (std::vector<std::string>{"inner", "vec", "code", "text", "color", "raw"}));
}

TEST_F(DumpCommandOnH5pyFile, AttributesOfArrayEnumAndVlenTypes) {
  const Json& attrs = doc_["members"]["data"]["attrs"];
  EXPECT_EQ(attrs["vec3"], parse("[1.0,2.5,-3.0]"));                     // scalar of float32[3]
  EXPECT_EQ(attrs["mats"], parse("[[[1,2],[3,4]],[[-1,-2],[-3,-4]]]"));  // (2,) of int8[2][2]
  EXPECT_EQ(attrs["color"], "GREEN");
  EXPECT_EQ(attrs["ragged"], parse("[[1,2],[]]"));
}

TEST_F(DumpCommandOnH5pyFile, OpaqueDataIsBase64AndTheTagIsInTheDtype) {
  const Json& m = doc_["members"];
  EXPECT_EQ(m["opaque_tagged"]["dtype"], R"(opaque(8,"NUMPY:|V8"))");
  EXPECT_EQ(m["opaque_tagged"]["data"], parse(R"(["AAAAAAAAAAE=","QUJDREVGR0g="])"));
  EXPECT_EQ(m["opaque"]["dtype"], "opaque(4)");  // no tag
}

TEST_F(DumpCommandOnH5pyFile, BigEndianHalfAndNonFiniteFloats) {
  const Json& m = doc_["members"];
  EXPECT_EQ(m["big_i4"]["data"], parse("[-2,70000]"));
  EXPECT_EQ(m["big_i4"]["dtype"], "int32be");  // the stored byte order shows in the name (docs/types.md)
  EXPECT_EQ(m["big_f8"]["data"], parse("[1.5,-2.25e10]"));
  EXPECT_EQ(m["big_f2"]["data"], parse("[0.5,-65504.0]"));
  EXPECT_EQ(m["big_f2"]["dtype"], "float16be");
  const Json special = parse(R"(["nan","inf","-inf",-0.0,1.0])");
  for (const char* name : {"special_f8", "special_f4", "special_f2"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(m[name]["data"], special);
    EXPECT_TRUE(std::signbit(m[name]["data"][3].get<double>()));  // -0.0 keeps its sign
  }
}

TEST_F(DumpCommandOnH5pyFile, StringsThatAreNotUtf8ComeOutAsBase64) {
  const Json& m = doc_["members"];
  EXPECT_EQ(m["fixed_utf8"]["data"], parse(R"(["\u00e9t\u00e9","ok"])"));
  EXPECT_EQ(m["fixed_utf8"]["dtype"], "S8:utf8");
  EXPECT_EQ(m["latin1_bytes"]["data"], parse(R"([{"base64":"Y2Fm6Q=="},"plain"])"));  // b"caf\xe9"
  EXPECT_EQ(m["vlen_bytes"]["data"], parse(R"([{"base64":"/v8="},"fine"])"));
  EXPECT_EQ(m["vlen_bytes"]["dtype"], "bytes");
}

TEST_F(DumpCommandOnH5pyFile, EmptyDatasets) {
  const Json& m = doc_["members"];
  EXPECT_EQ(m["empty_null"], parse(R"({"kind":"dataset","dtype":"float64","shape":null,"attrs":{},"data":null})"));
  EXPECT_EQ(m["empty_zero"], parse(R"({"kind":"dataset","dtype":"float32","shape":[0],"attrs":{},"data":[]})"));
  EXPECT_EQ(m["empty_table"]["data"], parse("[]"));
  EXPECT_EQ(m["empty_table"]["shape"], parse("[0]"));
}

TEST_F(DumpCommandOnH5pyFile, RegionReferencesNameTheTargetAndTheSelection) {
  const Json& m = doc_["members"];
  EXPECT_EQ(m["region_refs"]["dtype"], "regionref");
  EXPECT_EQ(m["region_refs"]["data"], parse(R"([
      {"path":"/data","selection":{"type":"blocks","blocks":[[[0,2]]]}},
      {"path":"/grid","selection":{"type":"blocks","blocks":[[[1,3],[0,1]],[[1,3],[2,3]],[[1,3],[4,5]]]}},
      {"path":"/grid","selection":{"type":"points","points":[[0,1],[3,4]]}},
      {"path":"/grid","selection":{"type":"all"}},
      null])"));
  EXPECT_EQ(m["grid"]["attrs"]["region"],
            parse(R"({"path":"/grid","selection":{"type":"blocks","blocks":[[[0,1],[2,4]]]}})"));
}

TEST(DumpCommand, NumpyTimesWrittenByH5pyAreIso8601) {
  TempDir dir;
  const std::string path = dir / "time.h5";
  ASSERT_TRUE(write_with_tools_script("make_time_file.py", path));
  const Json doc = dump(dir, path, "/numpy");
  const Json& m = doc["members"];
  EXPECT_EQ(m["ns"]["dtype"], "datetime64[ns]");
  EXPECT_EQ(m["ns"]["data"], parse(R"(["2024-05-01T12:00:00.123456789Z","1969-12-31T23:59:59.500000000Z","NaT"])"));
  EXPECT_EQ(m["ms"]["data"], parse(R"(["2024-05-01T12:00:00.123Z","1969-12-31T23:59:59.500Z","NaT"])"));
  EXPECT_EQ(m["s"]["data"], parse(R"(["2024-05-01T12:00:00Z","1900-01-01T00:00:00Z"])"));
  EXPECT_EQ(m["m"]["data"], parse(R"(["2024-05-01T12:34Z"])"));
  EXPECT_EQ(m["D"]["data"], parse(R"(["2024-02-29","0001-01-01"])"));
  EXPECT_EQ(m["M"]["data"], parse(R"(["2024-05","1969-12"])"));
  EXPECT_EQ(m["Y"]["data"], parse(R"(["2024"])"));
  EXPECT_EQ(m["big_us"]["data"], parse(R"(["2024-05-01T12:00:00.000001Z"])"));  // tag "NUMPY:>M8[us]"
  EXPECT_EQ(m["big_us"]["dtype"], "datetime64[us]");
  EXPECT_EQ(m["grid"]["data"], parse(R"([["2024-01-01","2024-01-02"],["2024-01-03","NaT"]])"));
  EXPECT_EQ(m["delta_ms"]["dtype"], "timedelta64[ms]");
  EXPECT_EQ(m["delta_ms"]["data"], parse(R"(["PT0.005S","-PT1.5S","PT0S"])"));
  EXPECT_EQ(m["delta_h"]["data"], parse(R"(["PT36H"])"));
  EXPECT_EQ(m["delta_D"]["data"], parse(R"(["-P3D"])"));
  EXPECT_EQ(m["ancient"]["data"], parse(R"(["-0044-03-15","0000-01-01","9999-12-31"])"));  // astronomical years
  EXPECT_EQ(m["far"]["data"], parse(R"([{"count":3000000,"dtype":"datetime64[D]"}])"));  // year 10183
  EXPECT_EQ(doc["attrs"]["created"], "2024-05-01T00:00:00Z");
}

TEST(DumpCommand, ReferencesBehindAnExternalLinkResolveInTheirOwnFile) {
  TempDir dir;
  {
    File other(dir / "other.h5", "w");
    other.create_group("padding/so/addresses/differ");
    Dataset d = other.create_dataset("g/d", std::vector<std::int32_t>{5});
    other.create_dataset("g/refs", std::vector<ObjectReference>{d.reference()});
  }
  const std::string path = dir / "main.h5";
  {
    File f(path, "w");
    f.create_dataset("unrelated", 1);
    f.link("ext", ExternalLink{"other.h5", "/g"});
  }
  const Json doc = dump(dir, path, "/ext/refs");
  EXPECT_EQ(doc["data"], parse(R"(["/g/d"])"));
}

TEST(DumpCommand, UnreadableDataIsMarkedAndTheRestStillDumped) {
  TempDir dir;
  const std::string path = dir / "time.h5";
  ASSERT_TRUE(write_with_tools_script("make_time_file.py", path));

  const CliResult run = run_cli(dir, "dump --json " + shell_quote(path));
  EXPECT_EQ(run.exit_code, 1);  // the output is incomplete
  const Json doc = Json::parse(run.out);
  EXPECT_EQ(doc["members"]["plain"]["data"], parse("[1,2]"));
  const Json& times = doc["members"]["times"];
  EXPECT_EQ(times["dtype"], "time");
  EXPECT_EQ(times["shape"], parse("[2]"));
  EXPECT_EQ(times["attrs"]["CLASS"], "EARRAY");
  ASSERT_TRUE(times["data"].is_object()) << times["data"];
  EXPECT_EQ(times["data"]["unreadable"], true);
  EXPECT_NE(times["data"]["error"].get<std::string>().find("/times"), std::string::npos);
  // One stderr line per value left out.
  EXPECT_TRUE(is_one_line(run.err)) << run.err;
  EXPECT_EQ(run.err.rfind("h5kit: cannot read /times: ", 0), 0U) << run.err;

  // Elided data is never read, so it cannot fail.
  const CliResult elided = run_cli(dir, "dump --max-elements 1 " + shell_quote(path));
  EXPECT_EQ(elided.exit_code, 0) << elided.err;
  EXPECT_EQ(Json::parse(elided.out)["members"]["times"]["data"], parse(R"({"elided":true,"count":2})"));
}

// ---- bad input: one line on stderr starting with "h5kit: ", nothing on stdout ----

TEST(DumpCommand, MissingFileIsAOneLineError) {
  TempDir dir;
  const std::string path = dir / "absent.h5";
  expect_one_line_error(run_cli(dir, "dump --json " + shell_quote(path)), 1, "'" + path + "': no such file");
}

TEST(DumpCommand, NonHdf5FileIsAOneLineError) {
  TempDir dir;
  const std::string path = dir / "notes.txt";
  std::ofstream(path) << "just some text, certainly not HDF5\n";
  expect_one_line_error(run_cli(dir, "dump --json " + shell_quote(path)), 1, "'" + path + "': not an HDF5 file");
  const std::string empty = dir / "empty.h5";
  std::ofstream{empty};
  expect_one_line_error(run_cli(dir, "dump " + shell_quote(empty)), 1, "not an HDF5 file");
  expect_one_line_error(run_cli(dir, "dump " + shell_quote(dir.path().string())), 1, "is a directory");
}

TEST(DumpCommand, MissingPathIsAOneLineError) {
  TempDir dir;
  const std::string path = dir / "small.h5";
  {
    File f(path, "w");
    f.create_dataset("g/d", 1);
  }
  expect_one_line_error(run_cli(dir, "dump --json " + shell_quote(path) + " /g/missing"), 1,
                        "no object at '/g/missing'");
  const CliResult deep = run_cli(dir, "dump " + shell_quote(path) + " /nope/deeper");
  expect_one_line_error(deep, 1, "'/nope/deeper'");
  EXPECT_NE(deep.err.find(path), std::string::npos) << deep.err;
  expect_one_line_error(run_cli(dir, "dump " + shell_quote(path) + " /g/d/below_a_dataset"), 1,
                        "'/g/d/below_a_dataset'");
}

TEST(DumpCommand, BadOptionsAreOneLineUsageErrors) {
  TempDir dir;
  const std::string path = dir / "small.h5";
  { File f(path, "w"); }
  expect_one_line_error(run_cli(dir, "dump --max-elements lots " + shell_quote(path)), 105, "--max-elements");
  expect_one_line_error(run_cli(dir, "dump --max-elements -3 " + shell_quote(path)), 105, "--max-elements");
  expect_one_line_error(run_cli(dir, "dump --no-such-flag " + shell_quote(path)), 109, "--no-such-flag");
  expect_one_line_error(run_cli(dir, "dump"), 106, "FILE");
  expect_one_line_error(run_cli(dir, ""), 106, "subcommand");
  expect_one_line_error(run_cli(dir, "frobnicate " + shell_quote(path)), 109, "unknown command 'frobnicate'");
  // --help is not an error.
  const CliResult help = run_cli(dir, "dump --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--max-elements"), std::string::npos);
}

// Output that never reaches stdout is a failure: a script must not take a lost dump for a result
// (issue 19, bug 6). /dev/full fails every write with ENOSPC; `>&-` closes stdout (EBADF).
TEST(DumpCommand, LostOutputIsAnErrorNotSuccess) {
  TempDir dir;
  const std::string path = dir / "lost.h5";
  {
    File f(path, "w");
    f.create_dataset("x", std::vector<double>(1000, 1.5));
  }
  for (const std::string redirect : {">/dev/full", ">&-"}) {
    for (const std::string command : {"dump --json ", "tree "}) {
      const CliResult run = run_cli(dir, command + shell_quote(path) + " " + redirect);
      EXPECT_EQ(run.exit_code, 1) << command << redirect << ": " << run.err;
      EXPECT_TRUE(is_one_line(run.err)) << run.err;
      EXPECT_NE(run.err.find("h5kit: the output could not be written to stdout"), std::string::npos) << run.err;
    }
  }
}

}  // namespace
}  // namespace h5kit::test

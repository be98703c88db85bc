// Reading what others write (spec §3.2, §3.4, §11.2): h5py-backend files (variable-length strings,
// JSON root TITLE/CLASS, int64 EXTDIM), nodes without CLASS (typed from the layout, nothing
// written), and bad input reported with file, node and attribute.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "daq/daq_test_support.hpp"
#include "h5kit/daq.hpp"
#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

using daq::H5Backend;
using daq::NodeClass;
using daq::PyValue;
using daq::object2json;

TEST(daq_reader, H5pyBackendFlavour) {
  TempDir dir;
  const std::string path = dir / "h5py_flavour.h5";
  {
    File f(path, "w");
    // h5py's backend: every string variable-length UTF-8; the root TITLE and CLASS are JSON.
    f.attrs().set("TITLE", object2json("PyMoDAQ file"));
    f.attrs().set("CLASS", object2json("GROUP"));
    f.attrs().set("pymodaq_version", object2json("4.4.0"));
    h5kit::Group raw = f.create_group("RawData");
    raw.attrs().set("TITLE", std::string("Data from PyMoDAQ modules"));
    raw.attrs().set("CLASS", std::string("GROUP"));
    raw.attrs().set("type", object2json("scan"));
    h5kit::Dataset c = raw.create_dataset("Data00", std::vector<double>{1, 2, 3});  // contiguous
    c.attrs().set("CLASS", std::string("CARRAY"));
    c.attrs().set("TITLE", std::string("mydata"));
    c.attrs().set("shape", object2json(PyValue::tuple({3})));
    h5kit::Dataset e = raw.create_dataset("EnlData00", NDArray<double>(Shape{2, 1}, {1, 2}),
                                          DatasetOptions{}.maxshape({unlimited, 1}));
    e.attrs().set("CLASS", std::string("EARRAY"));
    e.attrs().set("EXTDIM", std::int64_t{0});
    e.attrs().set("shape", object2json(PyValue::tuple({2, 1})).c_str());
  }
  H5Backend h5;
  h5.open_file(path, "r");
  EXPECT_EQ(h5.root().title(), "PyMoDAQ file");
  EXPECT_EQ(h5.root().get_str("CLASS"), "GROUP");
  EXPECT_EQ(h5.get_node("/RawData").get_str("type"), "scan");
  EXPECT_EQ(h5.get_node("/RawData").title(), "Data from PyMoDAQ modules");
  const auto data = h5.get_node("/RawData/Data00");
  EXPECT_EQ(data.node_class(), NodeClass::carray);
  EXPECT_EQ(data.title(), "mydata");
  EXPECT_EQ(data.as_carray().read<double>()(2), 3.0);
  EXPECT_EQ(data.get_int_tuple("shape"), (std::vector<std::int64_t>{3}));
  const auto enl = h5.get_node("/RawData/EnlData00");
  EXPECT_EQ(enl.node_class(), NodeClass::earray);
  EXPECT_EQ(enl.get_attr("EXTDIM"), PyValue(0));
  EXPECT_EQ(enl.get_int_tuple("shape"), (std::vector<std::int64_t>{2, 1}));
  EXPECT_EQ(h5.root().get_str("pymodaq_version"), "4.4.0");
}

TEST(daq_reader, NodesWithoutClassAreTypedFromTheLayoutAndNothingIsWritten) {
  TempDir dir;
  const std::string path = dir / "classless.h5";
  {
    File f(path, "w");
    f.create_group("plain");
    f.create_dataset("plain/fixed", std::vector<double>{1, 2});
    f.create_dataset("plain/grows", NDArray<double>(Shape{1, 2}, {1, 2}), DatasetOptions{}.maxshape({unlimited, 2}));
    h5kit::Dataset v = f.create_dataset("plain/ragged", Shape{1}, Datatype::vlen(Datatype::uint8()),
                                        DatasetOptions{}.maxshape({unlimited}));
    v.attrs().set("subdtype", object2json("string"));
    f.create_dataset("plain/table", std::vector<int>{1}).attrs().set("CLASS", std::string("TABLE"));
  }
  const auto read_all = [&] {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string before = read_all();
  {
    H5Backend h5;
    h5.open_file(path, "a");  // even with write access, reading writes nothing
    const auto g = h5.get_node("/plain");
    EXPECT_EQ(g.node_class(), NodeClass::group);
    EXPECT_FALSE(g.has_class_attribute());
    EXPECT_EQ(h5.get_node("/plain/fixed").node_class(), NodeClass::carray);
    EXPECT_EQ(h5.get_node("/plain/grows").node_class(), NodeClass::earray);
    EXPECT_EQ(h5.get_node("/plain/ragged").node_class(), NodeClass::string_array);
    EXPECT_FALSE(h5.get_node("/plain/fixed").has_class_attribute());
    EXPECT_FALSE(g.has_attr("CLASS"));
    EXPECT_EQ(h5.walk_groups("/").size(), 2u);
    try {
      h5.get_node("/plain/table");
      FAIL();
    } catch (const TypeMismatchError& e) {
      EXPECT_EQ(e.object(), "/plain/table");
      EXPECT_NE(e.detail().find("TABLE"), std::string::npos) << e.what();
    }
    EXPECT_EQ(h5.get_children("/plain").size(), 3u);  // `table` is no pymodaq node: left out of walks
    h5.close_file();
  }
  File f(path, "r");
  EXPECT_FALSE(f.attrs().contains("CLASS"));
  EXPECT_FALSE(f.group("plain").attrs().contains("CLASS"));
  f.close();
  // HDF5 rewrites the superblock's open flags while the file is open for writing; the bytes come back.
  EXPECT_TRUE(read_all() == before) << "the file changed while it was only read";
}

TEST(daq_reader, AttributesOfAnyStringStorage) {
  TempDir dir;
  const std::string path = dir / "strings.h5";
  {
    File f(path, "w");
    h5kit::Group g = f.create_group("g");
    g.attrs().set("vlen", object2json(PyValue::tuple({1, 2})));
    g.attrs().set("fixed_ascii", object2json("x"), Datatype::fixed_string(object2json("x").size()));
    g.attrs().set("padded", std::string("abc"), Datatype::fixed_string(10));  // NULLPAD with room to spare
    g.attrs().set("number", 4.5);
    g.attrs().set("count", std::uint16_t{7});
    g.attrs().set("list", std::vector<std::int32_t>{1, 2, 3});
    g.attrs().set("empty", Empty{Datatype::fixed_string(1)});
  }
  H5Backend h5;
  h5.open_file(path, "r");
  const auto g = h5.get_node("/g");
  EXPECT_EQ(g.get_attr("vlen"), PyValue::tuple({1, 2}));
  EXPECT_EQ(g.get_str("fixed_ascii"), "x");
  EXPECT_EQ(g.get_str("padded"), "abc");
  EXPECT_EQ(g.get_float("number"), 4.5);
  EXPECT_EQ(g.get_int("count"), 7);
  EXPECT_EQ(g.get_attr("list"), PyValue::list({1, 2, 3}));
  EXPECT_EQ(g.get_str("empty"), "");
  EXPECT_EQ(g.attrs_to_dict().size(), 7u);
}

TEST(daq_reader, BadAttributesNameFileNodeAndAttribute) {
  TempDir dir;
  const std::string path = dir / "bad.h5";
  H5Backend h5;
  h5.open_file(path, "w");
  const auto c = h5.create_carray("/", "Data00", NDArray<double>(Shape{2}, 1.0));
  c.object().attrs().set("label", std::string("not json"));
  c.object().attrs().set("nav_indexes", std::string(R"j({"module": "builtins", "type": "tuple", "data": "(0,"})j"));
  c.object().attrs().set("matrix", std::vector<double>{1, 2, 3, 4});
  // pymodaq's json2object semantics: the raw text comes back ...
  EXPECT_TRUE(c.get_attr("label").is_raw());
  EXPECT_EQ(c.get_str("label"), "not json");
  // ... and a caller that needs a kind gets an error naming everything.
  try {
    c.get_int_tuple("nav_indexes");
    FAIL();
  } catch (const TypeMismatchError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_EQ(e.object(), "/Data00");
    EXPECT_NE(e.detail().find("nav_indexes"), std::string::npos) << e.what();
    EXPECT_NE(e.detail().find("tuple of ints"), std::string::npos) << e.what();
  }
  try {
    c.get_attr("timestamp");
    FAIL();
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.object(), "/Data00");
    EXPECT_NE(e.detail().find("timestamp"), std::string::npos) << e.what();
  }
  EXPECT_EQ(c.get_attr("matrix"), PyValue::list({1.0, 2.0, 3.0, 4.0}));
  EXPECT_THROW(c.get_int("label"), TypeMismatchError);
  EXPECT_THROW(c.set_attr("x", PyValue::raw("x")), InvalidArgumentError);
  EXPECT_THROW(c.set_attr("x", "\xff"), InvalidArgumentError);
  EXPECT_FALSE(c.has_attr("x"));
}

TEST(daq_reader, ReplacingAnAttributeKeepsOneCopy) {
  TempDir dir;
  H5Backend h5;
  h5.open_file(dir / "replace.h5", "w");
  const auto g = h5.root();
  g.set_attr("n", 1);
  g.set_attr("n", "longer text than before");
  g.set_attr("n", "");
  EXPECT_EQ(g.get_str("n"), "");
  const StoredString s = stored_attribute(g.object(), "n");
  EXPECT_TRUE(s.exists);
  EXPECT_EQ(s.space, H5S_SCALAR);  // a JSON text is never empty: "''" in the data
  auto names = g.attrs_name();
  EXPECT_EQ(std::count(names.begin(), names.end(), "n"), 1);
  for (const auto& n : names) EXPECT_EQ(n.find("staged"), std::string::npos) << n;
}

TEST(daq_reader, EnumNamesAndValues) {
  using namespace h5kit::daq;
  EXPECT_EQ(name(GroupType::data_logger), "data_logger");
  EXPECT_EQ(value(GroupType::data_logger), 7);
  EXPECT_EQ(value(DataType::data_enlargeable), "EnlData");
  EXPECT_EQ(value(DataType::error), "ErrorBar");
  EXPECT_EQ(value(DataType::live_scan), "Live");
  EXPECT_EQ(value(DataType::external_h5), "ExtData");
  EXPECT_EQ(value(DataType::strings), "Strings");
  EXPECT_EQ(value(DataType::bkg), "Bkg");
  EXPECT_EQ(value(DataType::axis), "Axis");
  EXPECT_EQ(name(DataType::data_enlargeable), "data_enlargeable");
  EXPECT_EQ(data_type_from_value("ErrorBar"), DataType::error);
  EXPECT_THROW(data_type_from_value("errorbar"), InvalidArgumentError);
  EXPECT_EQ(parse<DataDim>("data2d"), DataDim::Data2D);
  EXPECT_EQ(name(DataDim::DataND), "DataND");
  EXPECT_EQ(parse<DataSource>("CALCULATED"), DataSource::calculated);
  EXPECT_EQ(parse<DataDistribution>("Spread"), DataDistribution::spread);
  EXPECT_EQ(parse<SaveType>("Logger"), SaveType::logger);
  EXPECT_EQ(value(SaveType::actuator), 4);
  EXPECT_EQ(parse<FileType>("axis"), FileType::axis);
  EXPECT_EQ(lower_name(GroupType::external_h5), "external_h5");
  EXPECT_EQ(members<GroupType>().size(), 8u);
  EXPECT_EQ(members<DataType>().size(), 8u);
  try {
    parse<GroupType>("dataset");
    FAIL();
  } catch (const InvalidArgumentError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("'dataset' is not a GroupType name"), std::string::npos) << m;
    EXPECT_NE(m.find("'data_logger'"), std::string::npos) << m;
  }
  EXPECT_EQ(dim_from_shape({1}), DataDim::Data0D);
  EXPECT_EQ(dim_from_shape({10}), DataDim::Data1D);
  EXPECT_EQ(dim_from_shape({5, 6}), DataDim::Data2D);
  EXPECT_EQ(dim_from_shape({2, 5, 6}), DataDim::DataND);
  EXPECT_EQ(element_type_from_numpy("complex128"), ElementType::complex128);
  EXPECT_EQ(numpy_name(ElementType::boolean), "bool");
  EXPECT_THROW(element_type_from_numpy("object"), InvalidArgumentError);
}

}  // namespace
}  // namespace h5kit::test

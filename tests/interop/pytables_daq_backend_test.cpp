// The daq backend across the boundary (spec §3-§6): PyTables opens h5kit's files and sees CARRAY /
// EARRAY / VLARRAY nodes, titles, pymodaq JSON attributes (json.loads + ast.literal_eval, and the
// JSON text equal to pymodaq's object2json), data and pickled strings; h5py checks the attribute
// storage. Files PyTables writes the way pymodaq_data 5.0.5 does are read back by h5kit.
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/daq.hpp"
#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "pytables_daq_backend.py";

using daq::PyValue;
using daq::ElementType;

// pytables_daq_backend.py's ATTRIBUTES, in the same order.
const std::vector<std::pair<std::string, PyValue>>& attributes() {
  static const std::vector<std::pair<std::string, PyValue>> values = {
      {"s_plain", "scan"},
      {"s_quote", "it's"},
      {"s_both", "it's \"x\""},
      {"s_escapes", "a\nb\rc\td\\e"},
      {"s_ctrl", std::string("\x00\x01\x1f\x7f", 4)},
      {"s_latin1", "\xc2\xb5m \xc3\xa9t\xc3\xa9 \xc2\x80\xc2\x9f\xc2\xa0\xc2\xad \xc3\xbf\xc2\xa1"},
      {"s_bmp", "\xce\xbb \xe2\x80\x8b \xe2\x80\xa8 \xe3\x80\x80 \xee\x80\x80 \xef\xbf\xbf"},
      {"s_astral", "\xf0\x9f\x98\x80 \xf3\xa0\x80\x81 \xf4\x8f\xbf\xbf"},
      {"s_empty", ""},
      {"b_settings", PyValue::bytes("<All_settings/>")},
      {"b_binary", PyValue::bytes(std::string("\x00\x7f\x80\xff'\"\\\n", 8))},
      {"i_zero", 0},
      {"i_neg", std::int64_t{-123456789012345}},
      {"i_max", std::numeric_limits<std::int64_t>::max()},
      {"f_one", 1.0},
      {"f_small", 1e-05},
      {"f_big", 1e16},
      {"f_fixed", 1e15},
      {"f_ts", 1796280425.5731053},
      {"f_negzero", -0.0},
      {"f_tiny", 5e-324},
      {"f_third", 1.0 / 3.0},
      {"f_nan", std::numeric_limits<double>::quiet_NaN()},
      {"f_inf", std::numeric_limits<double>::infinity()},
      {"f_minf", -std::numeric_limits<double>::infinity()},
      {"bool_t", true},
      {"bool_f", false},
      {"none", PyValue::none()},
      {"t_empty", PyValue::tuple({})},
      {"t_one", PyValue::tuple({1})},
      {"t_shape", PyValue::tuple({2, 10, 3})},
      {"t_mixed", PyValue::tuple({0, "a", 2.5, PyValue::none()})},
      {"l_mixed", PyValue::list({1, "\xc2\xb5", PyValue::list({2.5}), PyValue::tuple({1}), PyValue::bytes("x"), true})},
      {"np64", PyValue::float64(-20.4)},
      {"np64_one", PyValue::float64(1.0)},
  };
  return values;
}

const std::vector<std::string> kStrings = {"This", "", "is a message", "\xc2\xb5m and \xf0\x9f\x98\x80",
                                           std::string(300, 'x'), std::string(70000, 'y'), "it's \"quoted\"\n"};

void expect_same(const PyValue& got, const PyValue& expected, const std::string& label) {
  if (expected.kind() == PyValue::Kind::floating || expected.kind() == PyValue::Kind::float64) {
    ASSERT_TRUE(got.is_float()) << label << ": " << got.type_name();
    EXPECT_EQ(got.kind(), expected.kind()) << label;
    const double g = got.as_float(), e = expected.as_float();
    if (std::isnan(e)) EXPECT_TRUE(std::isnan(g)) << label;
    else EXPECT_TRUE(g == e && std::signbit(g) == std::signbit(e)) << label << ": " << g;
    return;
  }
  EXPECT_EQ(got.kind(), expected.kind()) << label << ": " << got.type_name();
  EXPECT_TRUE(got == expected) << label << ": " << daq::python_repr(got);
}

TEST(interop_pytables_daq, PyTablesAndH5pyReadAnH5kitFile) {
  TempDir dir;
  const std::string path = dir / "from_h5kit.h5";
  {
    daq::H5Backend h5;
    h5.open_file(path, "w");
    daq::Metadata metadata(attributes().begin(), attributes().end());
    h5.add_group("attrs", daq::GroupType::scan, "/", "every kind of value", metadata);
    const daq::Group arrays = h5.get_set_group("/", "Arrays");
    NDArray<double> data(Shape{5, 10});
    for (std::size_t k = 0; k < data.size(); ++k) data.data()[k] = 0.5 * static_cast<double>(k);
    h5.create_carray(arrays, "carray", data, "my carray");
    h5.create_carray(arrays, "small", NDArray<double>(Shape{2, 3}, 1.0));
    NDArray<bool> flags(Shape{3});
    flags(1) = true;
    h5.create_carray(arrays, "flags", flags);
    h5.create_carray(arrays, "z",
                     NDArray<std::complex<double>>(Shape{2}, {std::complex<double>(1, 2), std::complex<double>(-3, 0.5)}));
    const daq::EArray e = h5.create_earray(arrays, "earray", ElementType::uint32, {10, 3});
    NDArray<std::uint32_t> block(Shape{10, 3});
    for (std::size_t k = 0; k < block.size(); ++k) block.data()[k] = static_cast<std::uint32_t>(k);
    e.append(block);
    for (auto& v : block) v += 100;
    e.append(block);
    const daq::EArray e0 = h5.create_earray(arrays, "EnlData00", ElementType::float64, {1});
    e0.append(daq::array_view(std::vector<double>{2.7}));
    e0.append(daq::array_view(std::vector<double>{3.7}));
    const daq::VLArray v = h5.create_vlarray(arrays, "vlarray", ElementType::uint32);
    v.append(std::vector<std::uint32_t>{10, 12, 15});
    v.append(std::vector<std::uint32_t>{10, 4, 2, 4, 6, 4});
    const daq::StringArray logger = h5.create_string_array(arrays, "Logger");
    for (const auto& s : kStrings) logger.append(s);
    h5.define_compression("gzip", 6);
    const daq::Group comp = h5.get_set_group("/", "Compressed");
    NDArray<std::int64_t> ints(Shape{10, 100});
    for (std::size_t k = 0; k < ints.size(); ++k) ints.data()[k] = static_cast<std::int64_t>(k);
    h5.create_carray(comp, "carray", ints);
    const daq::EArray ce = h5.create_earray(comp, "earray", ElementType::float64, {4});
    ce.append(NDArray<double>(Shape{4}, 1.5));
    ce.append(NDArray<double>(Shape{4}, 9.5));
    h5.get_set_group("/", "Empty title");
    h5.add_group("big", daq::GroupType::scan, "/")
        .set_attr("settings", PyValue::bytes("<All_settings>" + std::string(200000, 's') + "</All_settings>"));
    h5.close_file();
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-h5kit", {path}));

  // pymodaq reopens a file with 'a' and goes on writing: PyTables appends to h5kit's nodes, and
  // h5kit reads the result.
  ASSERT_TRUE(run_peer_case(kScript, "append-pytables", {path}));
  daq::H5Backend h5;
  h5.open_file(path, "r");
  const auto e = h5.get_node("/Arrays/earray").as_earray();
  EXPECT_EQ(e.shape(), (Shape{3, 10, 3}));
  EXPECT_EQ(e.get_int_tuple("shape"), (std::vector<std::int64_t>{3, 10, 3}));
  EXPECT_EQ(e.read_at<std::uint32_t>({-1}), (NDArray<std::uint32_t>(Shape{10, 3}, 7u)));
  EXPECT_EQ(h5.get_node("/Arrays/vlarray").as_vlarray().row<std::uint32_t>(-1), (std::vector<std::uint32_t>{1, 2}));
  const auto logger = h5.get_node("/Arrays/Logger").as_string_array().read();
  ASSERT_EQ(logger.size(), kStrings.size() + 1);
  EXPECT_EQ(logger.back(), "from PyTables");
  EXPECT_EQ(h5.get_attr("/Attrs", "added"), PyValue::tuple({1, "two"}));
  EXPECT_EQ(h5.get_node("/FromPyTables").title(), "added later");
  EXPECT_EQ(h5.get_node("/FromPyTables/Data00").as_carray().read<std::int64_t>()(3), 3);
}

class interop_pytables_daq_written : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    path_ = *dir_ / "from_pytables.h5";
    written_ = run_peer_case(kScript, "write-pytables", {path_});
  }
  static void TearDownTestSuite() { dir_.reset(); }
  void SetUp() override {
    ASSERT_TRUE(written_);
    h5.open_file(path_, "r");
  }
  static inline std::unique_ptr<TempDir> dir_;
  static inline std::string path_;
  static inline ::testing::AssertionResult written_ = ::testing::AssertionFailure() << "not written yet";
  daq::H5Backend h5;
};

TEST_F(interop_pytables_daq_written, RootAndGroups) {
  const daq::Group root = h5.root();
  EXPECT_EQ(root.title(), "PyMoDAQ file");
  EXPECT_EQ(root.get_str("PYTABLES_FORMAT_VERSION"), "2.1");
  EXPECT_EQ(root.get_str("pymodaq_version"), "0.0.0");
  EXPECT_EQ(root.get_str("pymodaq_data_version"), "5.0.5");
  EXPECT_EQ(root.children_name(), (std::vector<std::string>{"Attrs", "G1", "G2", "RawData"}));
  const auto raw = h5.get_node("/RawData");
  EXPECT_EQ(raw.node_class(), daq::NodeClass::group);
  EXPECT_EQ(raw.title(), "Data from PyMoDAQ modules");
  EXPECT_EQ(raw.get_str("type"), "scan");
  EXPECT_EQ(h5.get_group_by_title("/", "Data from PyMoDAQ modules")->path(), "/RawData");
  std::vector<std::string> walk;
  for (const auto& g : h5.walk_groups("/")) walk.push_back(g.path());
  EXPECT_EQ(walk, (std::vector<std::string>{"/", "/Attrs", "/G1", "/G2", "/RawData", "/G2/G21", "/G2/G22", "/G1/G11"}));
  EXPECT_EQ(h5.get_node("/G2").get_str("type"), "detector");
  EXPECT_EQ(h5.get_node("/G2").get_str("backend"), "tables");
  EXPECT_TRUE(h5.is_node_in_group("/", "g2"));
}

TEST_F(interop_pytables_daq_written, AttributesDecodeToTheSameValues) {
  const auto g = h5.get_node("/Attrs");
  EXPECT_EQ(g.title(), "every kind of value");
  EXPECT_EQ(g.get_str("type"), "scan");
  for (const auto& [name, expected] : attributes()) expect_same(g.get_attr(name), expected, name);
  // pymodaq's exact json2object: NoneType comes back as the dict, nan as the text.
  EXPECT_TRUE(g.get_attr_raw("none").is_dict());
  EXPECT_TRUE(g.get_attr_raw("f_nan").is_raw());
  expect_same(g.get_attr("np2"), PyValue::float64(-20.4), "np2");
  EXPECT_TRUE(g.get_attr("plain").is_raw());
  EXPECT_EQ(g.get_str("plain"), "plain text");
  // What h5kit writes for the same values is the text PyTables holds, byte for byte.
  for (const auto& [name, expected] : attributes()) {
    const std::string stored = g.object().attrs().get<std::string>(name);
    EXPECT_EQ(daq::object2json(expected), stored) << name;
  }
}

TEST_F(interop_pytables_daq_written, Arrays) {
  const auto data = h5.get_node("/RawData/Data00");
  EXPECT_EQ(data.node_class(), daq::NodeClass::carray);
  EXPECT_EQ(data.title(), "mydata");
  EXPECT_EQ(data.get_int_tuple("shape"), (std::vector<std::int64_t>{5, 10}));
  EXPECT_EQ(data.get_str("dtype"), "float64");
  const auto values = data.as_carray().read<double>();
  EXPECT_EQ(values(4, 9), 24.5);
  EXPECT_EQ(data.as_carray().dataset().gzip_level(), 5);
  EXPECT_TRUE(data.as_carray().dataset().shuffle());
  const auto flags = h5.get_node("/RawData/flags").as_carray();
  EXPECT_EQ(flags.element_type(), ElementType::boolean);
  EXPECT_EQ(flags.read<bool>(), (NDArray<bool>(Shape{3}, {false, true, true})));
  const auto z = h5.get_node("/RawData/z").as_carray();
  EXPECT_EQ(z.element_type(), ElementType::complex128);
  EXPECT_EQ(z.read<std::complex<double>>()(1), std::complex<double>(-3, 0.5));
  const auto enl = h5.get_node("/RawData/EnlData00");
  EXPECT_EQ(enl.node_class(), daq::NodeClass::earray);
  EXPECT_EQ(enl.get_attr("EXTDIM"), PyValue(0));
  EXPECT_EQ(enl.as_earray().shape(), (Shape{2, 10, 3}));
  EXPECT_EQ(enl.as_earray().read_at<std::uint32_t>({-1})(9, 2), 129u);
  const auto vl = h5.get_node("/RawData/vlarray");
  EXPECT_EQ(vl.node_class(), daq::NodeClass::vlarray);
  EXPECT_EQ(vl.as_vlarray().row<std::uint32_t>(-1), (std::vector<std::uint32_t>{10, 4, 2, 4, 6, 4}));
  EXPECT_EQ(vl.as_vlarray().row<std::uint32_t>(0), (std::vector<std::uint32_t>{10, 12, 15}));
}

TEST_F(interop_pytables_daq_written, LoggerOfEveryPickleProtocol) {
  const auto logger = h5.get_node("/RawData/Logger");
  EXPECT_EQ(logger.node_class(), daq::NodeClass::string_array);
  EXPECT_EQ(logger.get_str("data_type"), "strings");
  EXPECT_EQ(logger.as_string_array().read(), kStrings);
  EXPECT_EQ(logger.as_string_array().at(-1), kStrings.back());
}

TEST_F(interop_pytables_daq_written, AppendingToAPyTablesFile) {
  // A copy opened 'a': h5kit appends to PyTables' EARRAY and Logger and keeps `shape` true.
  h5.close_file();
  const std::string copy = *dir_ / "appended.h5";
  std::filesystem::copy_file(path_, copy, std::filesystem::copy_options::overwrite_existing);
  {
    daq::H5Backend a;
    a.open_file(copy, "a");
    const auto e = a.get_node("/RawData/EnlData00").as_earray();
    e.append(NDArray<std::uint32_t>(Shape{10, 3}, 7u));
    EXPECT_EQ(e.get_int_tuple("shape"), (std::vector<std::int64_t>{3, 10, 3}));
    a.get_node("/RawData/Logger").as_string_array().append("from h5kit");
    a.close_file();
  }
  daq::H5Backend r;
  r.open_file(copy, "r");
  EXPECT_EQ(r.get_node("/RawData/Logger").as_string_array().at(-1), "from h5kit");
  EXPECT_EQ(r.get_node("/RawData/Logger").get_int_tuple("shape"),
            (std::vector<std::int64_t>{static_cast<std::int64_t>(kStrings.size()) + 1}));
}

TEST(interop_pytables_daq, H5pyBackendFileReadsLikeAPyTablesOne) {
  TempDir dir;
  const std::string path = dir / "from_h5py.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-h5py", {path}));
  daq::H5Backend h5;
  h5.open_file(path, "r");
  EXPECT_EQ(h5.root().title(), "PyMoDAQ file");  // JSON on the root in this flavour
  EXPECT_EQ(h5.root().get_str("CLASS"), "GROUP");
  EXPECT_EQ(h5.root().get_str("pymodaq_version"), "4.4.7");
  EXPECT_EQ(h5.get_node("/RawData").title(), "Data from PyMoDAQ modules");
  const auto d = h5.get_node("/RawData/Data00");
  EXPECT_EQ(d.node_class(), daq::NodeClass::carray);
  EXPECT_EQ(d.as_carray().dataset().layout(), Layout::contiguous);
  EXPECT_EQ(d.as_carray().read<std::int64_t>()(1, 2), 5);
  EXPECT_EQ(d.get_int_tuple("nav_indexes"), std::vector<std::int64_t>{});
  EXPECT_EQ(d.get_attr("offset"), PyValue::float64(-20.4));
  EXPECT_EQ(d.get_attr("settings"), PyValue::bytes("<xml/>"));
  const auto e = h5.get_node("/RawData/EnlData00");
  EXPECT_EQ(e.node_class(), daq::NodeClass::earray);
  EXPECT_EQ(e.get_attr("EXTDIM"), PyValue(0));
  EXPECT_EQ(e.as_earray().read_at<double>({-1})(2), 1.5);
  const auto logger = h5.get_node("/RawData/Logger");
  EXPECT_EQ(logger.node_class(), daq::NodeClass::string_array);
  EXPECT_EQ(logger.as_string_array().read(), std::vector<std::string>(kStrings.begin(), kStrings.begin() + 4));
  std::vector<std::string> names;
  for (const auto& n : h5.walk_nodes("/")) names.push_back(n.path());
  EXPECT_EQ(names, (std::vector<std::string>{"/", "/RawData", "/RawData/Data00", "/RawData/EnlData00",
                                             "/RawData/Logger"}));
}

}  // namespace
}  // namespace h5kit::test

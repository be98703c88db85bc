// H5Backend (spec §5, §6 and the backend part of §12 scenarios 1-7): the file skeleton, groups,
// the group tree and PyTables' walk order, CARRAY, EARRAY growth, VLARRAY and string arrays,
// compression, and what PyTables stores for each node (system attributes, types, chunks).
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>

#include "daq/daq_test_support.hpp"
#include "h5kit/daq.hpp"
#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

// Using-declarations, not a using-directive: daq::Group must win over h5kit::Group here.
using daq::array_view;
using daq::ArrayView;
using daq::BackendOptions;
using daq::CArray;
using daq::EArray;
using daq::ElementType;
using daq::Group;
using daq::GroupType;
using daq::H5Backend;
using daq::Node;
using daq::NodeClass;
using daq::PyValue;
using daq::StringArray;
using daq::VLArray;
using daq::capitalize;
using daq::members;
using daq::pickle_string;
using Ints = std::vector<std::int64_t>;

class daq_backend : public ::testing::Test {
 protected:
  void SetUp() override { h5.open_file(path, "w"); }
  TempDir dir;
  std::string path = dir / "h5file.h5";
  H5Backend h5;
};

std::vector<std::string> names_of(const std::vector<Node>& nodes) {
  std::vector<std::string> out;
  for (const Node& n : nodes) out.push_back(n.path());
  return out;
}
std::vector<std::string> names_of(const std::vector<Group>& nodes) {
  std::vector<std::string> out;
  for (const Node& n : nodes) out.push_back(n.path());
  return out;
}

// ---- scenario 1: the file skeleton (the backend's part) ----

TEST_F(daq_backend, NewFileHasPyTablesRootAttributes) {
  const Group root = h5.root();
  EXPECT_EQ(root.name(), "/");
  EXPECT_EQ(root.title(), "PyMoDAQ file");
  EXPECT_EQ(root.get_str("CLASS"), "GROUP");
  EXPECT_EQ(root.get_str("VERSION"), "1.0");
  EXPECT_EQ(root.get_str("PYTABLES_FORMAT_VERSION"), "2.1");
  EXPECT_EQ(root.get_attr("pymodaq_version"), PyValue("5.0.5"));
  EXPECT_EQ(root.get_attr("pymodaq_data_version"), PyValue("5.0.5"));
  EXPECT_FALSE(root.has_attr("type"));
  // The version attributes are pymodaq JSON; the PyTables ones are plain.
  EXPECT_EQ(root.get_attr_raw("pymodaq_version"), PyValue("5.0.5"));
  EXPECT_TRUE(root.get_attr_raw("CLASS").is_raw());
  for (const char* name : {"CLASS", "TITLE", "VERSION", "PYTABLES_FORMAT_VERSION", "pymodaq_version"}) {
    const StoredString s = stored_attribute(h5.h5file(), name);
    EXPECT_TRUE(s.is_string && !s.variable) << name;
    EXPECT_EQ(s.pad, H5T_STR_NULLTERM) << name;
    EXPECT_EQ(s.cset, H5T_CSET_UTF8) << name;
    EXPECT_EQ(s.space, H5S_SCALAR) << name;
  }
  EXPECT_EQ(stored_attribute(h5.h5file(), "TITLE").size, 12u);  // STRSIZE = the byte length
}

TEST_F(daq_backend, VersionsAndTitleAreOptions) {
  h5.close_file();
  H5Backend other(BackendOptions{"4.4.2", "5.0.1"});
  other.open_file(path, "w", "my title");
  EXPECT_EQ(other.root().title(), "my title");
  EXPECT_EQ(other.root().get_str("pymodaq_version"), "4.4.2");
  EXPECT_EQ(other.root().get_str("pymodaq_data_version"), "5.0.1");
}

TEST_F(daq_backend, ReopeningKeepsTheFile) {
  {
    // Nodes keep the file open after close_file (HDF5's weak close), so this one goes first.
    const Group raw = h5.get_set_group("/", "RawData", "Data from PyMoDAQ modules");
    raw.set_attr("attr2", PyValue::tuple({10, 2}));
  }
  h5.close_file();
  EXPECT_FALSE(h5.isopen());
  h5.open_file(path, "a", "another title");
  EXPECT_EQ(h5.root().title(), "PyMoDAQ file");  // 'a' on an existing file writes nothing
  EXPECT_EQ(h5.get_node("/RawData").title(), "Data from PyMoDAQ modules");
  EXPECT_EQ(h5.get_attr("/RawData", "attr2"), PyValue::tuple({10, 2}));
  h5.close_file();
  h5.open_file(path, "r");
  EXPECT_THROW(h5.get_set_group("/", "New"), FileError);
  EXPECT_EQ(h5.filename(), path);
}

TEST_F(daq_backend, LoggerStringsRoundTrip) {
  const Group raw = h5.get_set_group("/", "RawData");
  StringArray logger = h5.create_string_array(raw, "Logger");
  const std::vector<std::string> messages = {"This", "is a message", "\xc2\xb5m and \xf0\x9f\x98\x80",
                                             std::string(300, 'x')};
  for (const auto& m : messages) logger.append(m);
  EXPECT_EQ(logger.read(), messages);
  EXPECT_EQ(logger.at(-1), messages.back());
  EXPECT_EQ(logger.at(0), "This");
  h5.close_file();
  h5.open_file(path, "r");
  const Node node = h5.get_node("/RawData/Logger");
  EXPECT_EQ(node.node_class(), NodeClass::string_array);
  EXPECT_EQ(node.get_str("CLASS"), "VLARRAY");
  EXPECT_EQ(node.get_str("dtype"), "uint8");
  EXPECT_EQ(node.get_str("subdtype"), "string");
  EXPECT_EQ(node.get_int_tuple("shape"), (Ints{4}));
  EXPECT_EQ(node.as_string_array().read(), messages);
  // Each row is the protocol-4 pickle of the string.
  const auto rows = node.as_vlarray().read_rows<std::uint8_t>();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], pickle_string("This"));
}

// ---- scenario 2: groups ----

TEST_F(daq_backend, AddGroupOfEveryType) {
  for (const GroupType t : members<GroupType>()) {
    h5.close_file();
    h5.open_file(path, "w");
    const Group g = h5.add_group("g3", t, "/", "this is a group", {{"attr1", "attr1"}, {"attr2", 21.4}});
    EXPECT_EQ(g.path(), "/G3");
    EXPECT_EQ(g.title(), "this is a group");
    EXPECT_EQ(g.get_str("CLASS"), "GROUP");
    EXPECT_EQ(g.get_str("VERSION"), "1.0");
    EXPECT_EQ(g.get_str("type"), std::string(name(t)));
    EXPECT_EQ(g.get_str("attr1"), "attr1");
    EXPECT_EQ(g.get_float("attr2"), 21.4);
    EXPECT_EQ(g.get_str("backend"), "tables");
  }
  EXPECT_EQ(h5.add_group("g4", "DATA_DIM", "/").get_str("type"), "data_dim");
  EXPECT_THROW(h5.add_group("g5", "not a type", "/"), InvalidArgumentError);
  EXPECT_FALSE(h5.is_node_in_group("/", "g5"));
}

TEST_F(daq_backend, AddGroupReusesAnExistingChild) {
  h5.add_group("scan", GroupType::scan, "/", "first", {{"n", 1}});
  // 'Scan' exists: get_set_group returns it, type and metadata are written again, TITLE kept.
  const Group again = h5.add_group("scan", GroupType::detector, "/", "second", {{"n", 2}});
  EXPECT_EQ(again.path(), "/Scan");
  EXPECT_EQ(again.title(), "first");
  EXPECT_EQ(again.get_str("type"), "detector");
  EXPECT_EQ(again.get_int("n"), 2);
  // An exact name match is returned as it is, with only `backend` rewritten.
  const Group same = h5.add_group("Scan", GroupType::actuator, "/", "third", {{"n", 3}});
  EXPECT_EQ(same.get_str("type"), "detector");
  EXPECT_EQ(same.get_int("n"), 2);
  EXPECT_EQ(capitalize("base group"), "Base group");
  EXPECT_EQ(capitalize("CH00"), "CH00");
}

TEST_F(daq_backend, GetSetGroupAddsNoPymodaqAttributes) {
  const Group g = h5.get_set_group("/", "Data1D");
  EXPECT_EQ(g.attrs_name(), (std::vector<std::string>{"CLASS", "TITLE", "VERSION"}));
  const StoredString title = stored_attribute(g.object(), "TITLE");
  EXPECT_TRUE(title.is_string);
  EXPECT_EQ(title.size, 1u);             // the empty TITLE: STRSIZE 1 ...
  EXPECT_EQ(title.space, H5S_NULL);      // ... with a null dataspace
  EXPECT_EQ(title.cset, H5T_CSET_UTF8);
  EXPECT_EQ(g.title(), "");
  EXPECT_EQ(h5.get_set_group("/", "Data1D", "ignored").title(), "");
  h5.create_carray("/", "arr", NDArray<double>(Shape{2}, 1.0));
  EXPECT_THROW(h5.get_set_group("/", "arr"), TypeMismatchError);
  EXPECT_THROW(h5.get_set_group("/", "a/b"), InvalidArgumentError);
}

// ---- scenario 3: the group tree ----

TEST_F(daq_backend, GroupTreeChildrenAndTitles) {
  h5.get_set_group("/", "g1", "group 1");
  const Group g2 = h5.get_set_group("/", "g2", "group 2");
  const Group g21 = h5.get_set_group(g2, "g21", "group 21");
  h5.get_set_group("/g2", "g22", "group 22");
  EXPECT_EQ(g21.path(), "/g2/g21");
  EXPECT_EQ(g2.children_name(), (std::vector<std::string>{"g21", "g22"}));
  EXPECT_EQ(h5.get_group_by_title("/g2", "group 22")->path(), "/g2/g22");
  EXPECT_FALSE(h5.get_group_by_title("/g2", "group 1").has_value());  // direct children only
  EXPECT_FALSE(h5.get_parent_node("/").has_value());
  EXPECT_FALSE(h5.root().parent_node().has_value());
  EXPECT_EQ(h5.get_parent_node(g21)->path(), "/g2");
  EXPECT_EQ(h5.get_node_name("/g2/g21"), "g21");
  EXPECT_EQ(h5.get_node_path(g21), "/g2/g21");
  EXPECT_EQ(h5.get_node("/g2", "g21"), g21);
  EXPECT_THROW(h5.get_node("/g9"), NotFoundError);
  EXPECT_THROW(h5.get_node("/g2", "nope"), NotFoundError);
}

TEST_F(daq_backend, ChildrenNameSortsUpperCaseFirst) {
  const Group base = h5.add_group("base group", "scan", "/");
  EXPECT_EQ(base.path(), "/Base group");
  h5.create_carray(base, "n1", NDArray<double>(Shape{3}, 0.5));
  h5.add_group("n2", GroupType::data, base);
  EXPECT_EQ(base.children_name(), (std::vector<std::string>{"N2", "n1"}));
  h5.add_group("m1", GroupType::data, base);
  EXPECT_EQ(base.children_name(), (std::vector<std::string>{"M1", "N2", "n1"}));
  // children(): the groups by name, then the arrays (PyTables' order on a reopened file).
  std::vector<std::string> order;
  for (auto& [name, node] : base.children()) order.push_back(name);
  EXPECT_EQ(order, (std::vector<std::string>{"M1", "N2", "n1"}));
  EXPECT_TRUE(h5.is_node_in_group(base, "N1"));
  EXPECT_TRUE(h5.is_node_in_group(base, "m1"));
  EXPECT_FALSE(h5.is_node_in_group(base, "n3"));
  base.remove_children();
  EXPECT_TRUE(base.children().empty());
}

TEST_F(daq_backend, WalkOrderIsPyTables) {
  h5.get_set_group("/", "g1");
  h5.get_set_group("/", "g2");
  h5.get_set_group("/g2", "g21");
  h5.get_set_group("/g2", "g22");
  h5.get_set_group("/g1", "g11");
  h5.create_carray("/g1", "a1", NDArray<double>(Shape{2}, 1.0));
  h5.create_carray("/g2/g21", "a21", NDArray<double>(Shape{2}, 1.0));
  h5.create_carray("/", "a0", NDArray<double>(Shape{2}, 1.0));
  // _f_walk_groups: self, its sorted child groups, then the subtrees popped from a stack (last name first).
  EXPECT_EQ(names_of(h5.walk_groups("/")),
            (std::vector<std::string>{"/", "/g1", "/g2", "/g2/g21", "/g2/g22", "/g1/g11"}));
  EXPECT_EQ(names_of(h5.walk_nodes("/")),
            (std::vector<std::string>{"/", "/g1", "/g2", "/a0", "/g1/g11", "/g1/a1", "/g2/g21", "/g2/g22",
                                      "/g2/g21/a21"}));
  EXPECT_TRUE(h5.walk_groups("/a0").empty());
  EXPECT_EQ(names_of(h5.walk_nodes("/g2")), (std::vector<std::string>{"/g2", "/g2/g21", "/g2/g22", "/g2/g21/a21"}));
}

// ---- scenario 4: CARRAY ----

TEST_F(daq_backend, CArrayOfFloat64) {
  NDArray<double> data(Shape{5, 10});
  for (std::size_t k = 0; k < data.size(); ++k) data.data()[k] = 0.5 * static_cast<double>(k);
  const CArray c = h5.create_carray("/", "carray", data, "my carray");
  EXPECT_EQ(c.get_str("dtype"), "float64");
  EXPECT_EQ(c.title(), "my carray");
  EXPECT_EQ(c.get_str("CLASS"), "CARRAY");
  EXPECT_EQ(c.get_str("VERSION"), "1.1");
  EXPECT_EQ(c.get_str("subdtype"), "");
  EXPECT_EQ(c.get_str("backend"), "tables");
  EXPECT_EQ(c.get_int_tuple("shape"), (Ints{5, 10}));
  EXPECT_FALSE(c.has_attr("EXTDIM"));
  EXPECT_EQ(c.read<double>(), data);
  EXPECT_EQ(c.read_at<double>({1, 2})(), data(1, 2));
  EXPECT_EQ(c.read_at<double>({-1}).shape(), (Shape{10}));
  EXPECT_EQ(c.read_at<double>({-1})(9), data(4, 9));
  EXPECT_EQ(c.nrows(), 5u);
  EXPECT_EQ(h5.get_node("/carray").node_class(), NodeClass::carray);
  // No data: pymodaq raises ValueError; h5kit an InvalidArgumentError, and nothing is created.
  EXPECT_THROW(h5.create_carray("/", "none", ArrayView{nullptr, Shape{3}, ElementType::float64}),
               InvalidArgumentError);
  EXPECT_THROW(h5.create_carray("/", "scalar", ArrayView{nullptr, Shape{}, ElementType::float64}),
               InvalidArgumentError);
  EXPECT_FALSE(h5.is_node_in_group("/", "none"));
  EXPECT_THROW(h5.create_carray("/", "carray", data), AlreadyExistsError);
}

TEST_F(daq_backend, CArrayStorageIsPyTables) {
  const CArray c = h5.create_carray("/", "c", NDArray<double>(Shape{2, 3}, 1.0));
  const h5kit::Dataset& ds = c.dataset();
  EXPECT_EQ(ds.chunks(), (Shape{2730, 3}));
  EXPECT_EQ(ds.maxshape(), (Shape{2730, 3}));  // max(dims, chunk), not unlimited
  EXPECT_EQ(ds.fill_time(), FillTime::alloc);
  EXPECT_TRUE(ds.filters().empty());
  for (const char* name : {"CLASS", "TITLE", "VERSION"}) {
    const StoredString s = stored_attribute(ds, name);
    EXPECT_TRUE(s.is_string && !s.variable) << name;
    EXPECT_EQ(s.cset, H5T_CSET_ASCII) << name;  // written from C by PyTables
    EXPECT_EQ(s.pad, H5T_STR_NULLTERM) << name;
  }
  EXPECT_EQ(stored_attribute(ds, "TITLE").space, H5S_NULL);
  EXPECT_EQ(stored_attribute(ds, "shape").cset, H5T_CSET_UTF8);  // pymodaq's, set from Python
  EXPECT_EQ(stored_attribute(ds, "CLASS").size, 6u);
}

TEST_F(daq_backend, ElementTypesAreThoseOfPyTables) {
  NDArray<bool> flags(Shape{3});
  flags(1) = true;
  const CArray b = h5.create_carray("/", "flags", flags);
  EXPECT_EQ(b.get_str("dtype"), "bool");
  EXPECT_EQ(b.dataset().dtype().type_class(), TypeClass::bitfield);
  EXPECT_TRUE(H5Tequal(b.dataset().dtype().id(), H5T_STD_B8LE) > 0);
  EXPECT_EQ(b.read<bool>(), flags);
  EXPECT_EQ(b.element_type(), ElementType::boolean);

  NDArray<std::complex<double>> z(Shape{2}, {std::complex<double>(1, 2), std::complex<double>(-3, 0.5)});
  const CArray c = h5.create_carray("/", "z", z);
  EXPECT_EQ(c.get_str("dtype"), "complex128");
  EXPECT_TRUE(c.dataset().dtype().is_complex());
  EXPECT_EQ(c.read<std::complex<double>>(), z);

  const CArray i = h5.create_carray("/", "i", NDArray<std::int64_t>(Shape{10}, -4));
  EXPECT_TRUE(H5Tequal(i.dataset().dtype().id(), H5T_STD_I64LE) > 0);
  const CArray f = h5.create_carray("/", "f", NDArray<float>(Shape{1}, 2.5f));
  EXPECT_TRUE(H5Tequal(f.dataset().dtype().id(), H5T_IEEE_F32LE) > 0);
  EXPECT_EQ(f.get_str("dtype"), "float32");
  EXPECT_EQ(i.read<double>()(3), -4.0);
}

TEST_F(daq_backend, IndexedWritesOfAZeroCArray) {
  const CArray c = h5.create_carray("/", "ext", NDArray<double>(Shape{5, 10, 2}, 0.0));
  c.write_at({4, 3}, array_view(std::vector<double>{2.7, 3.5}));
  EXPECT_EQ(c.read_at<double>({4, 3})(1), 3.5);
  EXPECT_EQ(c.read<double>()(0, 0, 0), 0.0);
  EXPECT_THROW(c.write_at({4, 3}, array_view(std::vector<double>{1.0})), ShapeMismatchError);
  EXPECT_THROW(c.write_at({5, 0}, array_view(std::vector<double>{1.0, 2.0})), InvalidArgumentError);
  const CArray scalar_slots = h5.create_carray("/", "ext0", NDArray<double>(Shape{5, 10}, 0.0));
  scalar_slots.write_at({4, 3}, array_view(std::vector<double>{2.7}));  // 0-D data of shape (1,)
  EXPECT_EQ(scalar_slots.read<double>()(4, 3), 2.7);
}

// ---- scenario 5: EARRAY growth ----

TEST_F(daq_backend, EArrayGrowsTo2x10x3) {
  EArray e = h5.create_earray("/", "earray", ElementType::uint32, {10, 3}, "an earray");
  EXPECT_EQ(e.get_int_tuple("shape"), (Ints{0, 10, 3}));
  EXPECT_EQ(e.shape(), (Shape{0, 10, 3}));
  NDArray<std::uint32_t> block(Shape{10, 3});
  for (std::size_t k = 0; k < block.size(); ++k) block.data()[k] = static_cast<std::uint32_t>(k);
  e.append(block);
  EXPECT_EQ(e.get_int_tuple("shape"), (Ints{1, 10, 3}));
  block(9, 2) = 1000;
  e.append(block);
  EXPECT_EQ(e.shape(), (Shape{2, 10, 3}));
  EXPECT_EQ(e.get_int_tuple("shape"), (Ints{2, 10, 3}));
  EXPECT_EQ(e.read_at<std::uint32_t>({-1}), block);
  EXPECT_EQ(e.read_at<std::uint32_t>({0})(9, 2), 29u);
  EXPECT_EQ(h5.get_children("/").at(0).second.node_class(), NodeClass::earray);
  EXPECT_EQ(e.get_str("CLASS"), "EARRAY");
  EXPECT_EQ(e.get_str("VERSION"), "1.1");
  EXPECT_EQ(e.get_str("dtype"), "uint32");
  // A block of rows grows by its first extent.
  NDArray<std::uint32_t> two(Shape{2, 10, 3}, 5u);
  e.append(two);
  EXPECT_EQ(e.get_int_tuple("shape"), (Ints{4, 10, 3}));
  // Rows of the wrong shape: nothing is written.
  EXPECT_THROW(e.append(NDArray<std::uint32_t>(Shape{3, 10}, 1u)), ShapeMismatchError);
  EXPECT_EQ(e.shape(), (Shape{4, 10, 3}));
  EXPECT_EQ(e.get_int_tuple("shape"), (Ints{4, 10, 3}));
}

TEST_F(daq_backend, EArrayWithoutDataShape) {
  EArray e = h5.create_earray("/", "axis", ElementType::uint32);
  EXPECT_EQ(e.get_int_tuple("shape"), (Ints{0}));
  e.append(array_view(std::vector<std::uint32_t>{10}));
  EXPECT_EQ(e.get_int_tuple("shape"), (Ints{1}));
  e.append(array_view(std::vector<std::uint32_t>{11}), false);
  EXPECT_EQ(e.get_int_tuple("shape"), (Ints{2}));
  EXPECT_EQ(e.read<std::uint32_t>(), (NDArray<std::uint32_t>(Shape{2}, {10, 11})));
  // With expand, 1-D data of length > 1 becomes (n, 1): not rows of shape ().
  EXPECT_THROW(e.append(array_view(std::vector<std::uint32_t>{1, 2})), ShapeMismatchError);
  e.append(array_view(std::vector<std::uint32_t>{1, 2}), false);
  EXPECT_EQ(e.get_int_tuple("shape"), (Ints{4}));
}

TEST_F(daq_backend, EArrayOfScalarRowsTakesOneDData) {
  // pymodaq's 0-D enlargeable data: EARRAY (0, 1); appending [2.7] adds one row.
  EArray e = h5.create_earray("/", "EnlData00", ElementType::float64, {1});
  e.append(array_view(std::vector<double>{2.7}));
  e.append(array_view(std::vector<double>{3.7}));
  EXPECT_EQ(e.get_int_tuple("shape"), (Ints{2, 1}));
  EXPECT_EQ(e.read<double>(), (NDArray<double>(Shape{2, 1}, {2.7, 3.7})));
  // (3,) with expand is (3, 1): three rows.
  e.append(array_view(std::vector<double>{1, 2, 3}));
  EXPECT_EQ(e.get_int_tuple("shape"), (Ints{5, 1}));
  // 1-D rows: (0, 10) takes (10,) as one row.
  EArray e1 = h5.create_earray("/", "EnlData01", ElementType::int64, {10});
  e1.append(NDArray<std::int64_t>(Shape{10}, 3));
  EXPECT_EQ(e1.get_int_tuple("shape"), (Ints{1, 10}));
}

TEST_F(daq_backend, EArrayStorageIsPyTables) {
  const EArray e = h5.create_earray("/", "e", ElementType::uint32, {10, 3});
  EXPECT_EQ(e.dataset().chunks(), (Shape{546, 10, 3}));
  EXPECT_EQ(e.dataset().maxshape(), (Shape{unlimited, 10, 3}));
  const StoredString extdim = stored_attribute(e.dataset(), "EXTDIM");
  EXPECT_EQ(extdim.type_name, "I32LE");
  EXPECT_EQ(extdim.space, H5S_SCALAR);
  EXPECT_EQ(e.get_attr("EXTDIM"), PyValue(0));
  EXPECT_EQ(stored_attribute(e.dataset(), "CLASS").cset, H5T_CSET_ASCII);
  EXPECT_EQ(h5.create_earray("/", "e1", ElementType::float64, {1}).dataset().chunks(), (Shape{8192, 1}));
}

TEST_F(daq_backend, StreamingPrimitives) {
  const EArray e = h5.create_earray("/", "stream", ElementType::float64, {2});
  EXPECT_EQ(e.row_shape(), (Shape{2}));
  EXPECT_TRUE(H5Tequal(e.file_type().id(), H5T_IEEE_F64LE) > 0);
  const std::vector<double> rows = {1, 2, 3, 4, 5, 6};
  EXPECT_EQ(e.append_rows(array_view(std::span<const double>(rows), Shape{3, 2})), 3u);
  EXPECT_EQ(e.get_int_tuple("shape"), (Ints{0, 2}));  // not rewritten until asked
  EXPECT_EQ(e.append_rows(array_view(rows)), 6u);      // flat: 6 elements are 3 rows
  e.update_shape_attribute();
  EXPECT_EQ(e.get_int_tuple("shape"), (Ints{6, 2}));
  EXPECT_THROW(e.append_rows(array_view(std::vector<double>{1, 2, 3})), ShapeMismatchError);
  EXPECT_THROW(array_view(std::span<const double>(rows), Shape{4, 2}), ShapeMismatchError);
  EXPECT_EQ(e.shape(), (Shape{6, 2}));
}

// ---- scenario 6: VLARRAY and strings ----

TEST_F(daq_backend, VLArrayRows) {
  VLArray v = h5.create_vlarray("/", "vlarray", ElementType::uint32, "ragged");
  EXPECT_EQ(v.get_int_tuple("shape"), (Ints{0}));
  v.append(std::vector<std::uint32_t>{10, 12, 15});
  EXPECT_EQ(v.row<std::uint32_t>(-1), (std::vector<std::uint32_t>{10, 12, 15}));
  v.append(std::vector<std::uint32_t>{10, 4, 2, 4, 6, 4});
  EXPECT_EQ(v.row<std::uint32_t>(-1), (std::vector<std::uint32_t>{10, 4, 2, 4, 6, 4}));
  EXPECT_EQ(v.read_rows<std::uint32_t>().size(), 2u);
  EXPECT_EQ(v.get_int_tuple("shape"), (Ints{2}));
  EXPECT_EQ(v.get_str("CLASS"), "VLARRAY");
  EXPECT_EQ(v.get_str("VERSION"), "1.4");
  EXPECT_EQ(v.get_str("dtype"), "uint32");
  EXPECT_EQ(v.get_str("subdtype"), "");
  EXPECT_EQ(stored_attribute(v.dataset(), "CLASS").cset, H5T_CSET_UTF8);  // set from Python
  EXPECT_FALSE(v.has_attr("EXTDIM"));
  EXPECT_FALSE(v.has_attr("PSEUDOATOM"));
  EXPECT_EQ(v.dataset().chunks(), (Shape{16384}));
  EXPECT_EQ(h5.get_node("/vlarray").node_class(), NodeClass::vlarray);
  EXPECT_THROW(v.row<std::uint32_t>(2), InvalidArgumentError);
  EXPECT_THROW(h5.get_node("/vlarray").as_string_array(), TypeMismatchError);
}

TEST_F(daq_backend, StringArrayNode) {
  StringArray s = h5.create_string_array("/", "strings");
  EXPECT_EQ(s.get_str("CLASS"), "VLARRAY");
  EXPECT_EQ(s.get_str("dtype"), "uint8");
  EXPECT_EQ(s.get_str("subdtype"), "string");
  EXPECT_EQ(s.dataset().chunks(), (Shape{65536}));
  s.append("");
  s.append("it's a \"quoted\" \xc3\xa9");
  EXPECT_EQ(s.read(), (std::vector<std::string>{"", "it's a \"quoted\" \xc3\xa9"}));
  EXPECT_THROW(s.append("\xff"), InvalidArgumentError);
  EXPECT_EQ(s.nrows(), 2u);
}

TEST_F(daq_backend, BadPickleRowNamesNodeAndRow) {
  StringArray s = h5.create_string_array("/", "Logger");
  s.append("good");
  s.VLArray::append(std::vector<std::uint8_t>{0x80, 0x04, 0x4B, 0x01, 0x2E});  // pickle of the int 1
  try {
    s.read();
    FAIL();
  } catch (const InvalidArgumentError& e) {
    EXPECT_EQ(e.object(), "/Logger");
    EXPECT_EQ(e.file(), path);
    EXPECT_NE(e.detail().find("row 1"), std::string::npos) << e.what();
  }
  EXPECT_EQ(s.at(0), "good");
}

// ---- scenario 7: compression ----

class daq_compression : public ::testing::TestWithParam<std::tuple<const char*, int>> {};

TEST_P(daq_compression, CArrayAndEArrayRoundTrip) {
  const auto [library, level] = GetParam();
  TempDir dir;
  H5Backend h5;
  h5.open_file(dir / "comp.h5", "w");
  h5.define_compression(library, level);
  EXPECT_EQ(h5.compression().library, "zlib");
  EXPECT_EQ(h5.compression().level, level);
  NDArray<double> data(Shape{5, 10});
  for (std::size_t k = 0; k < data.size(); ++k) data.data()[k] = static_cast<double>(k % 7);
  const CArray c = h5.create_carray("/", "carray", data);
  EArray e = h5.create_earray("/", "earray", ElementType::float64, {10, 3});
  VLArray v = h5.create_vlarray("/", "vl", ElementType::float64);
  NDArray<double> block(Shape{10, 3});
  for (int round = 0; round < 3; ++round) {
    for (std::size_t k = 0; k < block.size(); ++k) block.data()[k] = round * 100.0 + static_cast<double>(k);
    e.append(block);
    EXPECT_EQ(e.read_at<double>({-1}), block);
  }
  v.append(std::vector<double>{1, 2});
  EXPECT_EQ(c.read<double>(), data);
  for (const h5kit::Dataset& ds : {c.dataset(), e.dataset(), v.dataset()}) {
    const auto filters = ds.filters();
    if (level == 0) {
      EXPECT_TRUE(filters.empty());
    } else {
      ASSERT_EQ(filters.size(), 2u);
      EXPECT_EQ(filters[0].id, filter_id::shuffle);
      EXPECT_EQ(filters[1].id, filter_id::deflate);
      EXPECT_EQ(ds.gzip_level(), level);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(LibrariesAndLevels, daq_compression,
                         ::testing::Combine(::testing::Values("gzip", "zlib"), ::testing::Values(0, 3, 6, 9)));

TEST(daq_backend_errors, CompressionArguments) {
  H5Backend h5;
  EXPECT_THROW(h5.define_compression("lzf", 3), InvalidArgumentError);
  EXPECT_THROW(h5.define_compression("zlib", 10), InvalidArgumentError);
  EXPECT_THROW(h5.define_compression("gzip", -1), InvalidArgumentError);
}

TEST(daq_backend_errors, ClosedBackendAndBadModes) {
  TempDir dir;
  H5Backend h5;
  EXPECT_FALSE(h5.isopen());
  EXPECT_THROW(h5.root(), ClosedObjectError);
  EXPECT_THROW(h5.get_node("/x"), ClosedObjectError);
  EXPECT_THROW(h5.open_file(dir / "x.h5", "x"), InvalidArgumentError);
  EXPECT_THROW(h5.open_file(dir / "missing.h5", "r"), FileError);
  h5.close_file();  // closing nothing is fine
  h5.open_file(dir / "a.h5", "a");  // 'a' creates: a new file gets the root attributes, not the versions
  EXPECT_EQ(h5.root().title(), "PyMoDAQ file");
  EXPECT_FALSE(h5.root().has_attr("pymodaq_version"));
}

}  // namespace
}  // namespace h5kit::test

namespace h5kit::test {
namespace {

using daq::CArray;
using daq::ElementType;
using daq::H5Backend;
using daq::PyValue;

TEST(daq_backend_more, ZeroFilledCArray) {
  TempDir dir;
  H5Backend h5;
  h5.open_file(dir / "zeros.h5", "w");
  const CArray c = h5.create_carray("/", "Data00", ElementType::float64, {5, 10, 5, 6}, "scan");
  EXPECT_EQ(c.get_int_tuple("shape"), (std::vector<std::int64_t>{5, 10, 5, 6}));
  EXPECT_EQ(c.get_str("dtype"), "float64");
  EXPECT_EQ(c.title(), "scan");
  NDArray<double> frame(Shape{5, 6}, 1.5);
  c.write_at({4, 3}, daq::array_view(frame));
  const auto all = c.read<double>();
  EXPECT_EQ(all(4, 3, 4, 5), 1.5);
  EXPECT_EQ(all(0, 0, 0, 0), 0.0);
  EXPECT_EQ(all(4, 2, 0, 0), 0.0);
  const CArray flags = h5.create_carray("/", "flags", ElementType::boolean, {4});
  EXPECT_EQ(flags.read<bool>(), NDArray<bool>(Shape{4}, false));
  EXPECT_THROW(h5.create_carray("/", "scalar", ElementType::int64, Shape{}), InvalidArgumentError);
}

TEST(daq_backend_more, UsesAnOpenFile) {
  TempDir dir;
  const std::string path = dir / "open.h5";
  {
    H5Backend w;
    w.open_file(path, "w");
    w.get_set_group("/", "RawData", "raw");
  }
  H5Backend h5;
  h5.open_file(File(path, "r"));
  EXPECT_EQ(h5.get_node("/RawData").title(), "raw");
  EXPECT_THROW(h5.open_file(File()), ClosedObjectError);
}

TEST(daq_backend_more, TitlesWithNulAreRefused) {
  TempDir dir;
  H5Backend h5;
  h5.open_file(dir / "nul.h5", "w");
  EXPECT_THROW(h5.get_set_group("/", "g", std::string("a\0b", 3)), InvalidArgumentError);
  EXPECT_FALSE(h5.is_node_in_group("/", "g"));  // nothing half-made stays
  // In pymodaq JSON a NUL is an escape, so any text is fine as an attribute value.
  h5.root().set_attr("settings", std::string("a\0b", 3));
  EXPECT_EQ(h5.root().get_str("settings"), std::string("a\0b", 3));
}

TEST(daq_backend_more, LargeSettingsAttribute) {
  // DAQ_Scan's settings XML can pass the 64 KiB an object header holds: with h5kit's file format
  // (libver latest) HDF5 stores such attributes densely.
  TempDir dir;
  H5Backend h5;
  h5.open_file(dir / "big.h5", "w");
  const auto scan = h5.add_group("scan000", daq::GroupType::scan, "/");
  const std::string xml = "<All_settings>" + std::string(200000, 's') + "</All_settings>";
  scan.set_attr("settings", PyValue::bytes(xml));
  scan.set_attr("description", "");
  EXPECT_EQ(scan.get_attr("settings").as_bytes(), xml);
  EXPECT_EQ(scan.get_text("settings"), xml);
  EXPECT_EQ(scan.get_str("description"), "");
}

}  // namespace
}  // namespace h5kit::test

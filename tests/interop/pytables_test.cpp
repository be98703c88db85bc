// PyTables across the boundary: it opens h5kit files (plain datasets become Array, growable
// chunked ones EArray), and h5kit reads PyTables' Array / EArray / CArray with their CLASS, TITLE
// and EXTDIM attributes (fixed-length UTF-8 or ASCII strings, empty TITLE as a null dataspace).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "interop/peer_file_fixture.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "pytables_peer.py";

TEST(interop_pytables, PyTablesReadsAnH5kitFile) {
  TempDir dir;
  const std::string path = dir / "for_pytables.h5";
  {
    File f(path, "w");
    const h5kit::Dataset ints = f.create_dataset("ints", std::vector<std::int32_t>{-3, 0, 7, 2147483647});
    ints.attrs().set("units", std::string("m"));
    ints.attrs().set("scale", 0.5);
    ints.attrs().set("labels", std::vector<std::string>{"a", "bb"});
    f.create_dataset("grid", NDArray<double>(Shape{2, 3}, {0, 1, 2, 3, 4, 5}));
    f.create_group("group").attrs().set("n", std::int32_t{4});
    f.create_dataset("grow", NDArray<double>(Shape{2, 3}, {0, 1, 2, 3, 4, 5}),
                     DatasetOptions{}.maxshape({unlimited, 3}).gzip());
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-h5kit", {path}));
}

class interop_pytables_written : public PeerFileTest<kScript, "write-pytables", "from_pytables.h5"> {};

TEST_F(interop_pytables_written, EArrayGrownByAppends) {
  const h5kit::Dataset e = file_.dataset("earray");
  EXPECT_EQ(e.shape(), (Shape{2, 10, 3}));
  EXPECT_EQ(e.maxshape(), (Shape{unlimited, 10, 3}));
  EXPECT_EQ(e.dtype().name(), "float64");
  ASSERT_TRUE(e.chunks().has_value());
  EXPECT_EQ(e.chunks()->size(), 3u);
  const auto values = e.read<NDArray<double>>();
  ASSERT_EQ(values.shape(), (Shape{2, 10, 3}));
  for (std::size_t k = 0; k < values.size(); ++k) EXPECT_EQ(values.data()[k], static_cast<double>(k)) << k;
  EXPECT_EQ(values(1, 9, 2), 59.0);

  const auto a = e.attrs();
  EXPECT_EQ(a.get<std::string>("CLASS"), "EARRAY");
  EXPECT_EQ(a.open("CLASS").dtype().name(), "S6");
  EXPECT_EQ(a.get<std::string>("TITLE"), "grown");
  EXPECT_EQ(a.get<std::string>("VERSION"), "1.1");
  EXPECT_EQ(a.open("EXTDIM").dtype().name(), "int32");
  EXPECT_EQ(a.get<std::int32_t>("EXTDIM"), 0);
}

TEST_F(interop_pytables_written, CArrayWithZlibAndShuffle) {
  const h5kit::Dataset c = file_.dataset("carray");
  EXPECT_EQ(c.dtype().name(), "int16");
  EXPECT_EQ(c.chunks(), std::optional<Shape>(Shape{25}));
  EXPECT_EQ(c.gzip_level(), 5);
  EXPECT_TRUE(c.shuffle());
  const auto values = c.read<std::vector<std::int16_t>>();
  ASSERT_EQ(values.size(), 100u);
  for (std::size_t i = 0; i < values.size(); ++i) EXPECT_EQ(values[i], static_cast<std::int16_t>(i));
  EXPECT_EQ(c.attrs().get<std::string>("CLASS"), "CARRAY");
}

TEST_F(interop_pytables_written, ArrayAndUtf8FixedStringAttributes) {
  const h5kit::Dataset a = file_.dataset("array");
  EXPECT_EQ(a.read<NDArray<std::int32_t>>(), NDArray<std::int32_t>(Shape{2, 3}, {0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(a.attrs().get<std::string>("CLASS"), "ARRAY");
  EXPECT_EQ(a.attrs().open("CLASS").dtype().name(), "S5:utf8");  // fixed 5 bytes, UTF-8
  EXPECT_EQ(a.attrs().get<std::string>("TITLE"), "plain array");
  EXPECT_EQ(a.attrs().get<std::string>("FLAVOR"), "numpy");
}

TEST_F(interop_pytables_written, RootAndGroupAttributes) {
  const auto root = file_.attrs();
  EXPECT_EQ(root.get<std::string>("CLASS"), "GROUP");
  EXPECT_EQ(root.get<std::string>("PYTABLES_FORMAT_VERSION"), "2.1");
  const h5kit::Attribute title = root.open("TITLE");  // "" is stored as a null dataspace
  EXPECT_TRUE(title.is_empty());
  EXPECT_TRUE(title.dtype().is_fixed_string());

  const h5kit::Group scan = file_.group("scan");
  EXPECT_EQ(scan.attrs().get<std::string>("TITLE"), "scan data");
  EXPECT_EQ(scan.attrs().get<std::string>("units"), "mm");
  EXPECT_EQ(scan.attrs().open("units").dtype().charset(), h5kit::CharSet::utf8);
  EXPECT_EQ(scan.attrs().get<std::int32_t>("count"), 3);
  EXPECT_EQ(scan.attrs().get<double>("step"), 0.25);
  EXPECT_EQ(file_.keys(), (std::vector<std::string>{"array", "carray", "earray", "scan"}));
}

}  // namespace
}  // namespace h5kit::test

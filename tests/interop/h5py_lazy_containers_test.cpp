// Lazy containers across the h5kit <-> h5py boundary (ch5mpy's conventions are plain HDF5 + attributes).
//   A: h5kit writes a dict, a list and None, h5py_lazy_containers.py check-dict-and-list reads them.
//   B: h5py writes groups tagged as ch5mpy does, h5kit reads them as H5Dict / H5List / objects.
#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "h5kit/lazy/dict.hpp"
#include "interop/interop_support.hpp"
#include "interop/peer_file_fixture.hpp"
#include "lazy/lazy_test_types.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "h5py_lazy_containers.py";

TEST(interop_lazy_containers, H5pyReadsDictListObjectAndNone) {
  TempDir dir;
  const std::string path = dir / "lazy.h5";
  {
    File f(path, "w");
    const lazy::H5Dict root = lazy::H5Dict::create(f, "root");
    root.merge(case1_map());
    root.attributes().set("none", lazy::none);
    root.attributes().set("one", 1);
    root.attributes().set("abc", std::string("abc"));
    root.attributes().set("color", Color::blue);
    lazy::write_object(f, "list", lazy::List{1.0, 2, std::vector<int>{1, 2, 3}, "4.", Point{3, 4, "p"}});
    lazy::write_object(f, "nothing", lazy::none);
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-dict-and-list", {path}));
}

class interop_lazy_from_h5py : public PeerFileTest<kScript, "write-containers", "lazy_from_h5py.h5"> {};

TEST_F(interop_lazy_from_h5py, TrackedGroupIsADictInCreationOrder) {
  const lazy::H5Dict d(file_.group("settings"));
  EXPECT_EQ(d.keys(), (std::vector<std::string>{"zeta", "alpha", "mid", "sub"}));
  EXPECT_EQ(d["zeta"].get<int>(), 3);
  EXPECT_EQ(d["alpha"].get<std::string>(), "first");
  ASSERT_TRUE(d["mid"].is_array());
  EXPECT_EQ(d["mid"].as_array<double>().read(), NDArray<double>(Shape{2, 3}, {0, 1, 2, 3, 4, 5}));
  ASSERT_TRUE(d["sub"].is_dict());
  EXPECT_TRUE(d["sub"].as_dict()["flag"].get<bool>());
  EXPECT_TRUE(d.attributes().is_none("unset"));
  EXPECT_EQ(d.attributes().get<std::optional<int>>("unset"), std::nullopt);
  EXPECT_EQ(d.attributes().get<std::optional<int>>("count"), 5);
}

TEST_F(interop_lazy_from_h5py, TaggedGroupIsAListWithNestedListAndObject) {
  const lazy::H5List l(file_.group("items"));
  ASSERT_EQ(l.size(), 5u);
  EXPECT_EQ(l[0].get<std::string>(), "x");
  EXPECT_EQ(l[-4].get<int>(), -7);
  EXPECT_EQ(l[2].get<std::vector<double>>(), (std::vector<double>{1.5, 2.5}));
  EXPECT_EQ(l[3].read<std::vector<int>>(), (std::vector<int>{10, 20}));
  ASSERT_TRUE(l[-1].is_object());
  EXPECT_EQ(l[-1].type_tag(), "h5kit.test.Point");
  EXPECT_EQ(l[-1].read<Point>(), (Point{1, 2, "from h5py"}));
}

}  // namespace
}  // namespace h5kit::test

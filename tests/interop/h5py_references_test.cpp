// Object references and named (committed) types across the h5kit <-> h5py boundary
// (h5py.Reference / h5py.ref_dtype, h5py.Datatype).
//   A: h5kit stores them, tests/interop/h5py_references.py check-* follows them with h5py.
//   B: h5py_references.py write-* stores them, h5kit follows them.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
struct PointRecord {
  std::int32_t x;
  double y;
  friend bool operator==(const PointRecord&, const PointRecord&) = default;
};
}  // namespace h5kit::test

// The numpy dtype [("x", "<i4"), ("y", "<f8")] of h5py_references.py's POINT.
template <>
struct h5kit::inspector<h5kit::test::PointRecord> : h5kit::scalar_inspector<h5kit::test::PointRecord> {
  static Datatype datatype() {
    return Datatype::compound(sizeof(test::PointRecord), {{"x", offsetof(test::PointRecord, x), Datatype::int32()},
                                                          {"y", offsetof(test::PointRecord, y), Datatype::float64()}});
  }
};

namespace h5kit::test {
namespace {

constexpr char kScript[] = "h5py_references.py";

TEST(interop_references, H5pyFollowsH5kitReferences) {
  TempDir dir;
  const std::string path = dir / "refs.h5";
  {
    File f(path, "w");
    const h5kit::Dataset values = f.create_dataset("data/values", std::vector<std::int32_t>{1, 2, 3});
    const h5kit::Group data = f.group("data");
    const Datatype point = f.commit_type("types/point", dtype<PointRecord>());
    f.create_dataset("refs", std::vector<ObjectReference>{values.reference(), data.reference(), f.reference(),
                                                          as_object(point).reference(), ObjectReference{}});
    f.create_dataset("null_ref", ObjectReference{});
    data.attrs().set("values_ref", values.reference());
    data.attrs().set("many_refs", std::vector<ObjectReference>{data.reference(), values.reference()});
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-refs", {path}));
}

TEST(interop_references, H5kitFollowsH5pyReferences) {
  TempDir dir;
  const std::string path = dir / "refs_from_h5py.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-refs", {path}));

  File f(path, "r");
  const h5kit::Dataset refs = f.dataset("refs");
  EXPECT_EQ(refs.dtype().name(), "ref");
  EXPECT_EQ(refs.dtype().type_class(), h5kit::TypeClass::reference);
  EXPECT_EQ(refs.shape(), (Shape{5}));
  const auto targets = refs.read<std::vector<ObjectReference>>();
  ASSERT_EQ(targets.size(), 5u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_FALSE(targets[i].is_null()) << i;
  EXPECT_TRUE(targets[4].is_null());
  EXPECT_THROW(f.dereference(targets[4]), h5kit::InvalidArgumentError);

  const h5kit::Object first = f.dereference(targets[0]);
  EXPECT_EQ(first.kind(), h5kit::ObjectKind::dataset);
  EXPECT_TRUE(first == f.open("data/values"));
  EXPECT_EQ(first.path(), "/data/values");
  EXPECT_EQ(first.as_dataset().read<std::vector<std::int32_t>>(), (std::vector<std::int32_t>{1, 2, 3}));
  const h5kit::Object second = f.dereference(targets[1]);
  EXPECT_EQ(second.kind(), h5kit::ObjectKind::group);
  EXPECT_TRUE(second == f.open("data"));
  EXPECT_TRUE(f.dereference(targets[2]) == f.open("/"));
  const h5kit::Object type = f.dereference(targets[3]);
  EXPECT_EQ(type.kind(), h5kit::ObjectKind::datatype);
  EXPECT_EQ(type.path(), "/types/point");
  EXPECT_EQ(as_datatype(type), dtype<PointRecord>());
  // The same reference h5kit would make for the same object.
  EXPECT_EQ(targets[0], f.open("data/values").reference());

  const auto null_ref = f.dataset("null_ref").read<ObjectReference>();
  EXPECT_TRUE(null_ref.is_null());
  EXPECT_THROW(f.dereference(null_ref), h5kit::InvalidArgumentError);

  const auto attr_ref = f.group("data").attrs().get<ObjectReference>("values_ref");
  EXPECT_EQ(f.group("data").attrs().open("values_ref").dtype().name(), "ref");
  EXPECT_TRUE(f.dereference(attr_ref) == f.open("data/values"));
  const auto many = f.group("data").attrs().get<std::vector<ObjectReference>>("many_refs");
  ASSERT_EQ(many.size(), 2u);
  EXPECT_EQ(f.dereference(many[0]).path(), "/data");
  EXPECT_EQ(f.dereference(many[1]).path(), "/data/values");
}

TEST(interop_named_types, H5pySeesH5kitCommittedTypes) {
  TempDir dir;
  const std::string path = dir / "named.h5";
  {
    File f(path, "w");
    const Datatype point = f.commit_type("types/point", dtype<PointRecord>());
    const Datatype label = f.commit_type("types/label", Datatype::variable_string());
    const h5kit::Dataset points = f.create_dataset("points", std::vector<PointRecord>{{1, 0.5}, {2, 1.5}},
                                                   DatasetOptions{}.dtype(point));
    points.attrs().set("label", std::string("two points"), label);
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-named-types", {path}));
}

TEST(interop_named_types, H5kitOpensH5pyCommittedTypes) {
  TempDir dir;
  const std::string path = dir / "named_from_h5py.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-named-types", {path}));
  File f(path, "r");
  EXPECT_EQ(f.group("types").type_names(), (std::vector<std::string>{"int16", "point"}));
  EXPECT_EQ(f.object_kind("types/point"), h5kit::ObjectKind::datatype);
  const Datatype point = f.open_type("types/point");
  EXPECT_TRUE(point.is_committed());
  EXPECT_EQ(point, dtype<PointRecord>());
  EXPECT_EQ(point.name(), "compound{x:int32,y:float64}");
  EXPECT_THROW(f.open_type("types/not_a_type"), h5kit::TypeMismatchError);

  const h5kit::Dataset points = f.dataset("points");
  EXPECT_TRUE(points.dtype().is_committed());
  EXPECT_TRUE(as_object(points.dtype()) == as_object(point));
  EXPECT_EQ(points.read<std::vector<PointRecord>>(), (std::vector<PointRecord>{{1, 0.5}, {2, 1.5}}));
  const h5kit::Attribute count = points.attrs().open("count");
  EXPECT_TRUE(count.dtype().is_committed());
  EXPECT_EQ(count.dtype().name(), "int16");
  EXPECT_EQ(count.read<int>(), 2);
}

// ---- Region references -------------------------------------------------------------------------

std::vector<std::vector<std::int32_t>> grid_values() {
  std::vector<std::vector<std::int32_t>> g(6, std::vector<std::int32_t>(6));
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 6; ++j) g[i][j] = 6 * i + j;
  return g;
}

TEST(interop_region_references, H5pyReadsH5kitRegions) {
  TempDir dir;
  const std::string path = dir / "regions.h5";
  {
    File f(path, "w");
    const h5kit::Dataset grid = f.create_dataset("grid", grid_values());
    f.create_dataset("regions", std::vector<RegionReference>{
                                    grid.region_reference({s(2, 5), s(none, none, 2)}),
                                    grid.region_reference(grid.points({{0, 1}, {5, 5}, {3, 0}})),
                                    grid.region_reference(Selection::all(grid.shape()))});
    f.create_dataset("null_region", RegionReference{});
    grid.attrs().set("row_ref", grid.region_reference({s(4, 5), all}));
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-region-refs", {path}));
}

TEST(interop_region_references, H5kitReadsH5pyRegions) {
  TempDir dir;
  const std::string path = dir / "regions_from_h5py.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-region-refs", {path}));
  File f(path, "r");
  const h5kit::Dataset regions = f.dataset("regions");
  EXPECT_EQ(regions.dtype().name(), "regionref");
  const auto refs = regions.read<std::vector<RegionReference>>();
  ASSERT_EQ(refs.size(), 3u);
  // grid.regionref[2:5, ::2]
  const DatasetSelection block = f.dereference(refs[0]);
  EXPECT_EQ(block.dataset().path(), "/grid");
  EXPECT_EQ(block.shape(), (Shape{3, 3}));
  EXPECT_EQ(block.read<std::vector<std::vector<std::int32_t>>>(),
            (std::vector<std::vector<std::int32_t>>{{12, 14, 16}, {18, 20, 22}, {24, 26, 28}}));
  // grid.regionref[1, :]: h5py keeps the axis, (1, 6)
  EXPECT_EQ(f.dereference(refs[1]).shape(), (Shape{1, 6}));
  EXPECT_EQ(f.dereference(refs[1]).read<std::vector<std::int32_t>>(), (std::vector<std::int32_t>{6, 7, 8, 9, 10, 11}));
  // grid.regionref[...]
  EXPECT_EQ(f.dereference(refs[2]).read<std::vector<std::vector<std::int32_t>>>(), grid_values());
  EXPECT_TRUE(f.dataset("null_region").read<RegionReference>().is_null());
  EXPECT_THROW(f.dereference(f.dataset("null_region").read<RegionReference>()), h5kit::InvalidArgumentError);
  const auto row = f.dataset("grid").attrs().get<RegionReference>("row_ref");
  EXPECT_EQ(f.dereference(row).read<std::vector<std::int32_t>>(), (std::vector<std::int32_t>{25, 26}));
}

}  // namespace
}  // namespace h5kit::test

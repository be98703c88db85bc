// Object references across the h5kit <-> h5py boundary (h5py.Reference / h5py.ref_dtype).
//   A: h5kit stores references, tests/interop/h5py_references.py check-refs follows them with h5py.
//   B: h5py_references.py write-refs stores them, h5kit follows them.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

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
    f.create_dataset("refs", std::vector<ObjectReference>{values.reference(), data.reference(), f.reference()});
    f.create_dataset("null_ref", ObjectReference{});
    data.attrs().set("values_ref", values.reference());
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
  EXPECT_EQ(refs.shape(), (Shape{3}));
  const auto targets = refs.read<std::vector<ObjectReference>>();
  ASSERT_EQ(targets.size(), 3u);
  for (const auto& ref : targets) EXPECT_FALSE(ref.is_null());

  const h5kit::Object first = f.dereference(targets[0]);
  EXPECT_EQ(first.kind(), h5kit::ObjectKind::dataset);
  EXPECT_TRUE(first == f.open("data/values"));
  EXPECT_EQ(first.path(), "/data/values");
  EXPECT_EQ(first.as_dataset().read<std::vector<std::int32_t>>(), (std::vector<std::int32_t>{1, 2, 3}));
  const h5kit::Object second = f.dereference(targets[1]);
  EXPECT_EQ(second.kind(), h5kit::ObjectKind::group);
  EXPECT_TRUE(second == f.open("data"));
  EXPECT_TRUE(f.dereference(targets[2]) == f.open("/"));
  // The same reference h5kit would make for the same object.
  EXPECT_EQ(targets[0], f.open("data/values").reference());

  const auto null_ref = f.dataset("null_ref").read<ObjectReference>();
  EXPECT_TRUE(null_ref.is_null());
  EXPECT_THROW(f.dereference(null_ref), h5kit::InvalidArgumentError);

  const auto attr_ref = f.group("data").attrs().get<ObjectReference>("values_ref");
  EXPECT_EQ(f.group("data").attrs().open("values_ref").dtype().name(), "ref");
  EXPECT_TRUE(f.dereference(attr_ref) == f.open("data/values"));
}

}  // namespace
}  // namespace h5kit::test

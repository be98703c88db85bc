#include "h5kit/named_type.hpp"

#include <hdf5.h>

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

class NamedTypeTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "types.h5", "w"};
  Datatype point = Datatype::compound(8, {{"x", 0, Datatype::int32()}, {"y", 4, Datatype::int32()}});
};

TEST_F(NamedTypeTest, CommitOpenAndCompare) {
  EXPECT_FALSE(point.is_committed());
  const Datatype committed = f.commit_type("point_t", point);
  EXPECT_TRUE(committed.is_committed());
  EXPECT_FALSE(point.is_committed());  // the caller's type is copied, not changed
  EXPECT_EQ(committed, point);
  EXPECT_EQ(f.object_kind("point_t"), ObjectKind::datatype);

  const Datatype opened = f.open_type("point_t");
  EXPECT_TRUE(opened.is_committed());
  EXPECT_EQ(opened.name(), "compound{x:int32,y:int32}");
  EXPECT_EQ(as_object(opened).path(), "/point_t");
  EXPECT_TRUE(as_object(opened) == f.open("point_t"));
}

TEST_F(NamedTypeTest, PredefinedAndSharedTypesCanBeCommitted) {
  EXPECT_TRUE(f.commit_type("f64", Datatype::float64()).is_committed());
  EXPECT_TRUE(f.commit_type("str", Datatype::variable_string()).is_committed());
  EXPECT_TRUE(f.commit_type("nested/deeper/bool", Datatype::boolean()).is_committed());
  EXPECT_EQ(f.open_type("nested/deeper/bool").name(), "bool");
  // A committed type committed again under another name is a second, separate named type.
  const Datatype again = f.commit_type("f64_again", f.open_type("f64"));
  EXPECT_FALSE(as_object(again) == f.open("f64"));
}

TEST_F(NamedTypeTest, DatasetsAndAttributesShareTheCommittedType) {
  const Datatype t = f.commit_type("point_t", point);
  const Dataset d = f.create_dataset("points", Shape{2}, t);
  // The dataset's type IS the committed one (HDF5 links it; h5py shows dset.dtype as linked).
  EXPECT_TRUE(d.dtype().is_committed());
  EXPECT_GT(H5Tcommitted(d.dtype().id()), 0);
  EXPECT_TRUE(as_object(d.dtype()) == as_object(t));
  EXPECT_TRUE(f.dataset("points").dtype().is_committed());

  const Dataset numbers = f.create_dataset("numbers", std::vector<double>{1.5, 2.5},
                                           DatasetOptions{}.dtype(f.commit_type("real", Datatype::float64())));
  EXPECT_TRUE(numbers.dtype().is_committed());
  EXPECT_EQ(numbers.read<std::vector<double>>(), (std::vector<double>{1.5, 2.5}));

  const Datatype index_t = f.commit_type("index_t", Datatype::int16());
  d.attrs().set("index", std::vector<int>{3, 4}, index_t);
  const Attribute a = d.attrs().open("index");
  EXPECT_TRUE(a.dtype().is_committed());
  EXPECT_EQ(a.dtype().name(), "int16");
  EXPECT_EQ(a.read<std::vector<int>>(), (std::vector<int>{3, 4}));
  // Values that do not fit the committed type are refused as for any stored type.
  EXPECT_THROW(d.attrs().set("too_big", 70000, index_t), InvalidArgumentError);
  EXPECT_FALSE(d.attrs().contains("too_big"));
}

TEST_F(NamedTypeTest, ListingNamedTypes) {
  f.commit_type("b_type", Datatype::int8());
  f.create_dataset("data", 1);
  f.create_group("group");
  f.commit_type("a_type", Datatype::int8());
  f.commit_type("group/inner_t", Datatype::float32());
  f["dangling"] = SoftLink{"/nowhere"};
  EXPECT_EQ(f.type_names(), (std::vector<std::string>{"a_type", "b_type"}));
  EXPECT_EQ(f.group("group").type_names(), (std::vector<std::string>{"inner_t"}));
  EXPECT_EQ(f.keys().size(), 5u);  // keys() lists every link, type or not
}

TEST_F(NamedTypeTest, Errors) {
  f.commit_type("t", Datatype::int32());
  f.create_dataset("data", 1);
  // A taken name.
  EXPECT_THROW(f.commit_type("t", Datatype::int64()), AlreadyExistsError);
  EXPECT_THROW(f.commit_type("data", Datatype::int64()), AlreadyExistsError);
  EXPECT_EQ(f.open_type("t").name(), "int32");  // the old type is untouched
  // No type.
  EXPECT_THROW(f.commit_type("none", Datatype{}), InvalidArgumentError);
  EXPECT_FALSE(f.contains("none"));
  // Absent, or not a type.
  EXPECT_THROW(f.open_type("missing"), NotFoundError);
  try {
    f.open_type("data");
    FAIL() << "a dataset is not a named type";
  } catch (const TypeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("found a dataset"), std::string::npos) << e.what();
  }
  EXPECT_THROW(as_datatype(f.open("data")), TypeMismatchError);
  // A transient type is not an object.
  try {
    as_object(Datatype::int32());
    FAIL() << "a transient type has no path";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("not committed"), std::string::npos) << e.what();
  }
  // Read-only file.
  f.close();
  File ro(dir / "types.h5", "r");
  EXPECT_THROW(ro.commit_type("new", Datatype::int8()), Error);
  EXPECT_FALSE(ro.contains("new"));
}

}  // namespace
}  // namespace h5kit

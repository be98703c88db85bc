#include "h5kit/reference.hpp"

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

class ReferenceTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "refs.h5", "w"};
};

TEST_F(ReferenceTest, ReferencesToGroupDatasetAndNamedTypeDereference) {
  const Group g = f.create_group("a/b");
  const Dataset d = f.create_dataset("a/values", std::vector<int>{1, 2, 3});
  const Datatype t = f.commit_type("types/pair", Datatype::compound(8, {{"x", 0, Datatype::int32()},
                                                                        {"y", 4, Datatype::int32()}}));

  const Object to_group = f.dereference(g.reference());
  EXPECT_EQ(to_group.kind(), ObjectKind::group);
  EXPECT_EQ(to_group.path(), "/a/b");
  EXPECT_TRUE(to_group == g);

  const Object to_dataset = f.dereference(d.reference());
  EXPECT_EQ(to_dataset.kind(), ObjectKind::dataset);
  EXPECT_EQ(to_dataset.as_dataset().read<std::vector<int>>(), (std::vector<int>{1, 2, 3}));

  const ObjectReference type_ref = as_object(t).reference();
  const Object to_type = f.dereference(type_ref);
  EXPECT_EQ(to_type.kind(), ObjectKind::datatype);
  EXPECT_EQ(to_type.path(), "/types/pair");
  EXPECT_EQ(as_datatype(to_type), t);
  EXPECT_TRUE(as_datatype(to_type).is_committed());

  // Dereferencing works from any group of the file, not only the root.
  EXPECT_TRUE(g.dereference(d.reference()) == d);
}

TEST_F(ReferenceTest, SameObjectGivesTheSameReferenceWhicheverPath) {
  const Dataset d = f.create_dataset("x", 1.5);
  f["alias"] = d;
  EXPECT_EQ(f.dataset("alias").reference(), d.reference());
  EXPECT_NE(f.reference(), d.reference());
}

TEST_F(ReferenceTest, NullReferenceIsDefaultAndCannotBeFollowed) {
  const ObjectReference null_ref;
  EXPECT_TRUE(null_ref.is_null());
  EXPECT_FALSE(f.reference().is_null());
  try {
    f.dereference(null_ref);
    FAIL() << "dereferencing the null reference must throw";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("null"), std::string::npos) << e.what();
  }
  // A null reference stores and reads back as null.
  f.create_dataset("null", null_ref);
  EXPECT_TRUE(f.dataset("null").read<ObjectReference>().is_null());
}

TEST_F(ReferenceTest, ArraysOfReferencesInDatasetsAndAttributes) {
  const Dataset a = f.create_dataset("a", 1);
  const Dataset b = f.create_dataset("b", 2);
  const std::vector<ObjectReference> refs{a.reference(), ObjectReference{}, b.reference(), f.reference()};
  const Dataset stored = f.create_dataset("refs", refs);
  EXPECT_EQ(stored.dtype().name(), "ref");
  EXPECT_EQ(stored.dtype(), Datatype::object_reference());
  f.attrs().set("refs", refs);
  EXPECT_EQ(f.attrs().open("refs").dtype().name(), "ref");

  for (const auto& back :
       {stored.read<std::vector<ObjectReference>>(), f.attrs().get<std::vector<ObjectReference>>("refs")}) {
    ASSERT_EQ(back, refs);
    EXPECT_EQ(f.dereference(back[0]).as_dataset().read<int>(), 1);
    EXPECT_TRUE(back[1].is_null());
    EXPECT_EQ(f.dereference(back[2]).as_dataset().read<int>(), 2);
    EXPECT_TRUE(f.dereference(back[3]) == f);
  }
  // 2-d arrays of references too.
  const std::vector<std::vector<ObjectReference>> grid{{a.reference(), b.reference()}, {b.reference(), a.reference()}};
  f.create_dataset("grid", grid);
  EXPECT_EQ(f.dataset("grid").read<std::vector<std::vector<ObjectReference>>>(), grid);
}

TEST_F(ReferenceTest, ReferencesAreNotNumbers) {
  const Dataset refs = f.create_dataset("refs", std::vector<ObjectReference>{f.reference()});
  EXPECT_THROW(refs.read<std::vector<std::uint64_t>>(), TypeMismatchError);
  const Dataset numbers = f.create_dataset("numbers", std::vector<std::uint64_t>{1});
  EXPECT_THROW(numbers.read<std::vector<ObjectReference>>(), TypeMismatchError);
  EXPECT_THROW(numbers.write(std::vector<ObjectReference>{f.reference()}), TypeMismatchError);
  EXPECT_EQ(numbers.read<std::vector<std::uint64_t>>(), std::vector<std::uint64_t>{1});  // nothing was written
}

TEST_F(ReferenceTest, ReferenceFromAnotherFileIsNotFoundWhenItPointsAtNothing) {
  // A reference is only an address. One from a bigger file points past everything in a small one.
  File big(dir / "big.h5", "w");
  big.create_dataset("filler", std::vector<double>(20000, 1.0));
  const ObjectReference foreign = big.create_dataset("late", 7).reference();
  try {
    f.dereference(foreign);
    FAIL() << "a reference from another file must not open anything here";
  } catch (const NotFoundError& e) {
    EXPECT_NE(std::string(e.what()).find("another file"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("refs.h5"), std::string::npos) << e.what();
  }
  // A made-up address fails the same way instead of crashing.
  EXPECT_THROW(f.dereference(ObjectReference{12345}), NotFoundError);
}

TEST_F(ReferenceTest, DereferenceOnClosedGroupIsClosedError) {
  const ObjectReference ref = f.reference();
  Group g = f.create_group("g");
  g.close();
  EXPECT_THROW(g.dereference(ref), ClosedObjectError);
}

}  // namespace
}  // namespace h5kit

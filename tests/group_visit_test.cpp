#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

class VisitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    f.create_group("a/b");
    f.create_dataset("a/b/d", std::vector<int>{1, 2});
    f.create_dataset("c", 1.0);
    f["a/alias"] = f.dataset("a/b/d");  // a second hard link: visited once
    f["soft"] = SoftLink{"/a"};          // soft links are not followed
  }
  TempDir dir;
  File f{dir / "v.h5", "w"};
};

TEST_F(VisitTest, VisitsEachObjectOnceInNameOrder) {
  std::vector<std::string> names;
  EXPECT_FALSE(f.visit([&](const std::string& name) {
    names.push_back(name);
    return false;
  }));
  EXPECT_EQ(names, (std::vector<std::string>{"a", "a/alias", "a/b", "c"}));
}

TEST_F(VisitTest, StopsEarlyAndSaysWhere) {
  int calls = 0;
  const auto stopped = f.visit([&](const std::string& name) {
    ++calls;
    return name == "a/alias";
  });
  ASSERT_TRUE(stopped);
  EXPECT_EQ(*stopped, "a/alias");
  EXPECT_EQ(calls, 2);
}

TEST_F(VisitTest, VisitItemsGivesOpenObjects) {
  std::vector<std::pair<std::string, ObjectKind>> seen;
  f.group("a").visit_items([&](const std::string& name, const Object& obj) {
    seen.emplace_back(name, obj.kind());
    return false;
  });
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], std::make_pair(std::string("alias"), ObjectKind::dataset));
  EXPECT_EQ(seen[1], std::make_pair(std::string("b"), ObjectKind::group));
}

TEST_F(VisitTest, ExceptionsFromTheCallbackPropagate) {
  EXPECT_THROW(f.visit([](const std::string&) -> bool { throw std::runtime_error("stop"); }), std::runtime_error);
  // HDF5 is left in a usable state.
  EXPECT_TRUE(f.contains("c"));
}

TEST_F(VisitTest, CopyWithinTheFile) {
  f.group("a").attrs().set("note", std::string("kept"));
  f.copy("a", f, "a_copy");
  EXPECT_EQ(f.dataset("a_copy/b/d").read<std::vector<int>>(), (std::vector<int>{1, 2}));
  EXPECT_EQ(f.group("a_copy").attrs().get<std::string>("note"), "kept");
  EXPECT_FALSE(f.dataset("a_copy/b/d") == f.dataset("a/b/d"));
  EXPECT_THROW(f.copy("a", f, "a_copy"), AlreadyExistsError);
  EXPECT_THROW(f.copy("missing", f, "z"), NotFoundError);
}

TEST_F(VisitTest, CopyIntoAnotherFileWithoutAttributesOrShallow) {
  f.group("a").attrs().set("note", 1);
  File other(dir / "other.h5", "w");
  f.copy("a", other, "plain", CopyOptions{.without_attrs = true});
  EXPECT_EQ(other.group("plain").attrs().size(), 0u);
  EXPECT_TRUE(other.contains("plain/b/d"));
  f.copy(f.group("a"), other, "shallow", CopyOptions{.shallow = true});
  EXPECT_TRUE(other.contains("shallow/b"));
  EXPECT_FALSE(other.contains("shallow/b/d"));
  EXPECT_EQ(other.group("shallow").attrs().get<int>("note"), 1);
}

}  // namespace
}  // namespace h5kit

// H5List: issue 5's case 3, negative indices, insert/erase renumbering, iteration, errors.
#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "h5kit/lazy/dict.hpp"
#include "lazy/lazy_test_types.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
// Its write fails, like a value that cannot be stored.
struct Unstorable {};
}  // namespace h5kit::test

template <>
struct h5kit::lazy::object_traits<h5kit::test::Unstorable> {
  static constexpr const char* tag = "h5kit.test.Unstorable";
  static void write(const Group&, const h5kit::test::Unstorable&) { throw std::runtime_error("cannot store"); }
  static h5kit::test::Unstorable read(const Group&) { return {}; }
};

namespace h5kit::test {
namespace {

using lazy::H5List;
using lazy::List;

const Point kPoint{3, 4, "p"};

class LazyList : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = File(dir_ / "list.h5", "w");
    // Case 3: [1.0, 2, [1, 2, 3], "4.", a user object]
    ASSERT_TRUE(lazy::write_object(file_, "l", List{1.0, 2, std::vector<int>{1, 2, 3}, "4.", kPoint}));
    list_.emplace(file_.group("l"));
  }
  H5List& l() { return *list_; }
  TempDir dir_;
  File file_;
  std::optional<H5List> list_;
};

TEST_F(LazyList, Case3NegativeIndexAppendAndErase) {
  ASSERT_EQ(l().size(), 5u);
  EXPECT_EQ(file_.group("l").attrs().get<std::string>("__h5_type__"), "list");
  EXPECT_EQ(l()[-2].get<std::string>(), "4.");
  EXPECT_EQ(l()[0].get<double>(), 1.0);
  EXPECT_EQ(l()[1].get<int>(), 2);
  EXPECT_EQ(l()[2].get<std::vector<int>>(), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(l()[-1].read<Point>(), kPoint);
  l().append(-1);
  ASSERT_EQ(l().size(), 6u);
  EXPECT_EQ(l()[5].get<int>(), -1);
  l().erase(2);
  ASSERT_EQ(l().size(), 5u);
  EXPECT_EQ(l()[0].get<double>(), 1.0);
  EXPECT_EQ(l()[1].get<int>(), 2);
  EXPECT_EQ(l()[2].get<std::string>(), "4.");
  EXPECT_EQ(l()[3].read<Point>(), kPoint);
  EXPECT_EQ(l()[4].get<int>(), -1);
  EXPECT_FALSE(file_.group("l").has_link("5"));
  EXPECT_EQ(H5List(file_.group("l")).size(), 5u);  // reopened: numbering is contiguous
}

TEST_F(LazyList, InsertRenumbersAndClampsLikePython) {
  l().insert(1, std::string("one"));
  l().insert(-1, lazy::Map{{"k", 7}});
  l().insert(100, 99);  // past the end: appended, as Python does
  ASSERT_EQ(l().size(), 8u);
  EXPECT_EQ(l()[0].get<double>(), 1.0);
  EXPECT_EQ(l()[1].get<std::string>(), "one");
  EXPECT_EQ(l()[2].get<int>(), 2);
  EXPECT_EQ(l()[4].get<std::string>(), "4.");
  ASSERT_TRUE(l()[5].is_dict());
  EXPECT_EQ(l()[5].as_dict()["k"].get<int>(), 7);
  EXPECT_EQ(l()[6].read<Point>(), kPoint);
  EXPECT_EQ(l()[7].get<int>(), 99);
}

TEST_F(LazyList, IterationNestedListsAndOutOfRange) {
  std::vector<lazy::ValueKind> kinds;
  for (const lazy::Value v : l()) kinds.push_back(v.kind());
  EXPECT_EQ(kinds, (std::vector<lazy::ValueKind>{lazy::ValueKind::scalar, lazy::ValueKind::scalar,
                                                 lazy::ValueKind::array, lazy::ValueKind::scalar,
                                                 lazy::ValueKind::object}));
  l().append(List{List{1, "x"}, lazy::none});
  const H5List nested = l()[-1].as_list();
  EXPECT_EQ(nested[0].as_list()[1].get<std::string>(), "x");
  EXPECT_TRUE(nested[1].is_none());
  EXPECT_THROW(l()[6], InvalidArgumentError);
  EXPECT_THROW(l()[-7], InvalidArgumentError);
  EXPECT_THROW(l().erase(6), InvalidArgumentError);
  EXPECT_FALSE(l().set(0, 1.0));
  EXPECT_TRUE(l().set(-6, 1.5));
  EXPECT_EQ(l()[0].get<double>(), 1.5);
}

TEST_F(LazyList, GroupsWithoutTheTagOrWithGapsAreRejected) {
  const Group plain = file_.create_group("plain");
  EXPECT_THROW(H5List{plain}, TypeMismatchError);
  file_.group("l").erase("1");
  EXPECT_THROW(H5List(file_.group("l")), TypeMismatchError);
}

TEST_F(LazyList, OutOfRangeNamesTheSizeAndAFailedInsertMovesNothing) {
  try {
    l()[5];
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("index 5 is out of range for a list of 5 elements"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(l().insert(0, Unstorable{}), std::runtime_error);
  ASSERT_EQ(l().size(), 5u);
  EXPECT_EQ(l()[0].get<double>(), 1.0);
  EXPECT_EQ(l()[-1].read<Point>(), kPoint);
  EXPECT_EQ(file_.group("l").size(), 5u);  // no staged member left behind
  EXPECT_EQ(H5List(file_.group("l")).size(), 5u);
}

// What a process killed mid-insert or mid-replace leaves: a member under a staged name. It is no
// element (the list opens with its size), no dict key, and the next insert clears it.
TEST_F(LazyList, AStagedMemberLeftByAKilledWriteIsNeitherAnElementNorAKey) {
  const Group g = file_.group("l");
  g.create_dataset("__h5kit_staged__insert", 99);
  g.create_dataset("__h5kit_staged__2", 98);
  H5List reopened(g);
  EXPECT_EQ(reopened.size(), 5u);
  std::size_t visited = 0;
  for (const lazy::Value& v : reopened) visited += v.object().valid() ? 1 : 0;
  EXPECT_EQ(visited, 5u);
  reopened.insert(0, std::string("first"));
  EXPECT_EQ(reopened.size(), 6u);
  EXPECT_EQ(reopened[0].get<std::string>(), "first");
  EXPECT_EQ(reopened[1].get<double>(), 1.0);
  EXPECT_FALSE(g.has_link("__h5kit_staged__insert"));

  lazy::H5Dict d = lazy::H5Dict::create(file_, "d");
  d.set("a", 1);
  d.group().create_dataset("__h5kit_staged__a", 5);
  EXPECT_EQ(d.keys(), (std::vector<std::string>{"a"}));
  EXPECT_EQ(d.size(), 1u);
  EXPECT_EQ((d.read<std::map<std::string, int>>()), (std::map<std::string, int>{{"a", 1}}));
  EXPECT_TRUE(d.set("a", std::string("replaced")));  // staged under that name: the leftover goes first
  EXPECT_EQ(d["a"].get<std::string>(), "replaced");
  EXPECT_EQ(d.group().size(), 1u);
}


// The size a handle keeps follows the group: another handle's appends are seen, not overwritten.
TEST_F(LazyList, TwoHandlesOnOneListSeeEachOthersChanges) {
  H5List first = H5List::create(file_, "two");
  H5List second(file_.group("two"));
  first.append(1);
  second.append(2);
  first.append(3);
  EXPECT_EQ(H5List(file_.group("two")).read<std::vector<int>>(), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(second.size(), 3u);
  second.erase(0);
  EXPECT_EQ(first.size(), 2u);
  EXPECT_EQ(first[-1].get<int>(), 3);
}

}  // namespace
}  // namespace h5kit::test

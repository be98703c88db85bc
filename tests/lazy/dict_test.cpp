// H5Dict: issue 5's cases 1, 2 and 9, unchanged writes, replacement, errors.
#include <hdf5.h>

#include <gtest/gtest.h>

#include <cmath>

#include <boost/describe/enum.hpp>

#include "h5kit/h5kit.hpp"
#include "h5kit/lazy/dict.hpp"
#include "lazy/lazy_test_types.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

using lazy::H5Dict;
using lazy::Map;

enum class Mode : std::int8_t { fast = 0, safe = 3 };
BOOST_DESCRIBE_ENUM(Mode, fast, safe)

class LazyDict : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = File(dir_ / "dict.h5", "w");
    root_.emplace(H5Dict::create(file_, "root"));
    ASSERT_TRUE(d().merge(case1_map()));
  }
  TempDir dir_;
  File file_;
  const H5Dict& d() const { return *root_; }
  std::optional<H5Dict> root_;
};

haddr_t address_of(const Object& o) {
  H5O_info_t info;
  EXPECT_GE(H5Oget_info2(o.id(), &info, H5O_INFO_BASIC), 0);
  return info.addr;
}

TEST_F(LazyDict, Case1KeysInCreationOrderAndLazyValues) {
  EXPECT_EQ(d().keys(), (std::vector<std::string>{"a", "b", "c", "f"}));
  EXPECT_EQ(d().size(), 4u);
  ASSERT_TRUE(d()["a"].is_scalar());
  EXPECT_EQ(d()["a"].get<int>(), 1);
  ASSERT_TRUE(d()["b"].is_array());
  EXPECT_EQ(d()["b"].get<std::vector<std::int64_t>>(), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(d()["b"].as_array<std::int64_t>().shape(), Shape{3});
  ASSERT_TRUE(d()["c"].is_dict());
  const H5Dict c = d()["c"].as_dict();
  EXPECT_EQ(c["d"].get<std::string>(), "test");
  EXPECT_EQ(c["e"].get<std::vector<std::int64_t>>(), arange(100));
  EXPECT_EQ(d()["f"].as_array<double>().shape(), (Shape{10, 10, 10}));
  EXPECT_TRUE(d().contains("f"));
  EXPECT_FALSE(d().contains("z"));
  EXPECT_THROW(d()["z"], NotFoundError);
  EXPECT_THROW(d()["a"].as_dict(), TypeMismatchError);
  EXPECT_THROW(d()["c"].get<int>(), TypeMismatchError);
}

TEST_F(LazyDict, Case2AssigningAMapOverASubDictReplacesItsKeys) {
  EXPECT_TRUE(d().set("c", Map{{"d2", "other"}, {"e", arange(100)}}));
  const H5Dict c = d()["c"].as_dict();
  EXPECT_EQ(c.keys(), (std::vector<std::string>{"e", "d2"}));  // e kept in place, d2 added, d removed
  EXPECT_FALSE(c.contains("d"));
  EXPECT_EQ(c["d2"].get<std::string>(), "other");
}

TEST_F(LazyDict, Case2MergeKeepsOtherKeys) {
  const H5Dict c = d()["c"].as_dict();
  EXPECT_TRUE(c.merge(Map{{"d", "new_val"}, {"g", -1}}));
  std::vector<std::string> keys = c.keys();
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"d", "e", "g"}));
  EXPECT_EQ(c["d"].get<std::string>(), "new_val");
  EXPECT_EQ(c["g"].get<int>(), -1);
  EXPECT_EQ(c["e"].get<std::vector<std::int64_t>>(), arange(100));
}

TEST_F(LazyDict, UnchangedValuesWriteNothing) {
  const haddr_t e_before = address_of(d()["c"].as_dict()["e"].object());
  EXPECT_FALSE(d().set("a", 1));
  EXPECT_FALSE(d().set("c", Map{{"d", "test"}, {"e", arange(100)}}));
  EXPECT_FALSE(d().merge(case1_map()));
  EXPECT_EQ(address_of(d()["c"].as_dict()["e"].object()), e_before);
  EXPECT_TRUE(d().set("a", 2));  // same type and shape: written in place
  EXPECT_EQ(d()["a"].get<int>(), 2);
  EXPECT_TRUE(d().set("a", std::string("now a string")));  // another type: replaced
  EXPECT_EQ(d()["a"].get<std::string>(), "now a string");
  EXPECT_FALSE(d().set("a", "now a string"));
}

// The comparison before a write reads the stored array block by block, within the cap: a change in
// the last element of a large array is seen, an equal array writes nothing, and NaNs already stored
// count as unchanged (they are the same bytes).
TEST_F(LazyDict, LargeArraysCompareBlockByBlockBeforeWriting) {
  NDArray<double> big(Shape{40, 25});
  for (std::size_t i = 0; i < big.size(); ++i) big.data()[i] = static_cast<double>(i) * 0.5;
  big.data()[7] = std::nan("");
  ASSERT_TRUE(d().set("big", big));
  const lazy::ScopedMemoryCap cap(16 * sizeof(double));
  EXPECT_FALSE(d().set("big", big));
  big.data()[big.size() - 1] = -1;  // only in the last block
  EXPECT_TRUE(d().set("big", big));
  EXPECT_EQ(d()["big"].get<NDArray<double>>().data()[big.size() - 1], -1.0);
  EXPECT_FALSE(d().set("big", big));
  big.data()[0] = -0.0;  // equal to 0.0 as a number, other bytes: stored
  EXPECT_TRUE(d().set("big", big));
  EXPECT_TRUE(std::signbit(d()["big"].get<NDArray<double>>().data()[0]));
  // Scalars compare as bytes too.
  ASSERT_TRUE(d().set("zero", 0.0));
  EXPECT_FALSE(d().set("zero", 0.0));
  EXPECT_TRUE(d().set("zero", -0.0));
  EXPECT_TRUE(std::signbit(d()["zero"].get<double>()));
  ASSERT_TRUE(d().set("nan", std::nan("")));
  EXPECT_FALSE(d().set("nan", std::nan("")));
  const std::vector<std::int16_t> shorts{1, 2, 3, 4, 5};
  ASSERT_TRUE(d().set("shorts", shorts));
  EXPECT_FALSE(d().set("shorts", shorts));
  EXPECT_TRUE(d().set("shorts", std::vector<std::int16_t>{1, 2, 3, 4, 6}));
  EXPECT_EQ(d()["shorts"].get<std::vector<std::int16_t>>(), (std::vector<std::int16_t>{1, 2, 3, 4, 6}));
}

TEST_F(LazyDict, EraseAndUserObjectsAndNone) {
  d().erase("b");
  EXPECT_EQ(d().keys(), (std::vector<std::string>{"a", "c", "f"}));
  EXPECT_THROW(d().erase("b"), NotFoundError);
  const Point p{1.5, -2, "origin"};
  EXPECT_TRUE(d().set("p", p));
  EXPECT_FALSE(d().set("p", p));
  ASSERT_TRUE(d()["p"].is_object());
  EXPECT_EQ(d()["p"].type_tag(), "h5kit.test.Point");
  EXPECT_EQ(d()["p"].read<Point>(), p);
  EXPECT_TRUE(d().set("n", lazy::none));
  EXPECT_TRUE(d()["n"].is_none());
  EXPECT_FALSE(d().set("n", lazy::none));
  EXPECT_EQ(d()["n"].read<std::optional<int>>(), std::nullopt);
}

TEST_F(LazyDict, Case9AttributesRoundTripNoneIntStringEnum) {
  const lazy::Attributes attrs = d().attributes();
  attrs.set("none", lazy::none);
  attrs.set("one", 1);
  attrs.set("abc", std::string("abc"));
  attrs.set("mode", Mode::safe);
  attrs.set("maybe", std::optional<int>{});
  file_.close();
  const File f(dir_ / "dict.h5", "r");
  const lazy::Attributes back = H5Dict(f.group("root")).attributes();
  EXPECT_TRUE(back.is_none("none"));
  EXPECT_TRUE(back.is_none("maybe"));
  EXPECT_EQ(back.get<std::optional<int>>("none"), std::nullopt);
  EXPECT_FALSE(back.is_none("abc"));
  EXPECT_EQ(back.get<int>("one"), 1);
  EXPECT_EQ(back.get<std::optional<int>>("one"), 1);
  EXPECT_EQ(back.get<std::string>("abc"), "abc");
  EXPECT_EQ(back.get<Mode>("mode"), Mode::safe);
  EXPECT_EQ(back.keys(), (std::vector<std::string>{"none", "one", "abc", "mode", "maybe"}));
}

TEST_F(LazyDict, TaggedGroupsAreNotDicts) {
  lazy::write_object(file_, "list", std::vector<Point>{});
  EXPECT_THROW(H5Dict(file_.group("list")), TypeMismatchError);
  EXPECT_TRUE(lazy::Value(file_.open("list")).is_list());
}


// A key with '/' would be a path for HDF5 (a group "x" made, then removed as an unknown key): it is
// refused before anything is written, in set, in a map value and in merge.
TEST_F(LazyDict, KeysThatAreNotLinkNamesAreRefusedBeforeAnyWrite) {
  for (const char* bad : {"x/y", "", ".", ".."}) {
    try {
      d().set("m", Map{{"ok", 1}, {bad, 2}});
      ADD_FAILURE() << "no error for key '" << bad << "'";
    } catch (const InvalidArgumentError& e) {
      EXPECT_NE(e.detail().find("member name without '/'"), std::string::npos) << e.what();
    }
    EXPECT_THROW(d().merge(Map{{"g", 1}, {bad, 2}}), InvalidArgumentError);
    EXPECT_THROW(d().set(bad, 1), InvalidArgumentError);
  }
  EXPECT_EQ(d().keys(), (std::vector<std::string>{"a", "b", "c", "f"}));
  EXPECT_THROW(d().merge(std::map<std::string, int>{{"a", 9}, {"p/q", 2}}), InvalidArgumentError);
  // At any depth, before anything is written: "a" keeps its value.
  EXPECT_THROW(d().merge(Map{{"a", 9}, {"sub", Map{{"ok", 1}, {"x/y", 2}}}}), InvalidArgumentError);
  EXPECT_THROW(d().merge(Map{{"a", 9}, {"l", lazy::List{1, Map{{"..", 2}}}}}), InvalidArgumentError);
  EXPECT_EQ(d()["a"].get<int>(), 1);
  EXPECT_FALSE(d().contains("sub"));
  // The staging prefix is h5kit's: a key there would be taken for a leftover and discarded.
  EXPECT_THROW(d().set("__h5kit_staged__a", 1), InvalidArgumentError);
  EXPECT_THROW(d().set("m", Map{{"__h5kit_staged__x", 1}}), InvalidArgumentError);
  EXPECT_EQ(d().keys(), (std::vector<std::string>{"a", "b", "c", "f"}));
}

}  // namespace
}  // namespace h5kit::test

// String arrays: element access, comparison with a string, and widening of a fixed-length type.
#include "h5kit/lazy/strings.hpp"

#include <gtest/gtest.h>

#include "h5kit/error.hpp"
#include "h5kit/file.hpp"
#include "h5kit/group.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::lazy {
namespace {

class StringArrays : public ::testing::Test {
 protected:
  H5Array<std::string> fixed(std::string_view name, std::size_t width, CharSet charset = CharSet::ascii) {
    return H5Array<std::string>(
        f.create_dataset(name, words, DatasetOptions{}.chunks({2, 3}).dtype(Datatype::fixed_string(width, charset))));
  }
  test::TempDir dir;
  File f{dir / "strings.h5", "w"};
  NDArray<std::string> words{Shape{3, 3}, {"ab", "cd", "ab", "x", "ab", "yz", "", "cd", "ab"}};
};

TEST_F(StringArrays, ElementsReadAndWriteWithinTheWidth) {
  H5Array<std::string> a = fixed("s", 4);
  EXPECT_EQ(a.at({1, 2}), "yz");
  EXPECT_EQ(a.at({2, 0}), "");
  a.set({2, 0}, "four");
  EXPECT_EQ(a.at({2, 0}), "four");
  EXPECT_EQ(a.dtype().size(), 4u);  // fits: no rewrite
  EXPECT_EQ(a.select(2, all), (NDArray<std::string>(Shape{3}, {"four", "cd", "ab"})));
  const H5Array<std::string> v = a.view(s(1, 3), s(1, 3));
  EXPECT_EQ(v.at({1, 0}), "cd");
  EXPECT_EQ(v.read(), (NDArray<std::string>(Shape{2, 2}, {"ab", "yz", "cd", "ab"})));
}

TEST_F(StringArrays, VariableLengthStringsTakeAnyLength) {
  H5Array<std::string> a(f.create_dataset("v", words));
  ASSERT_TRUE(a.dtype().is_variable_string());
  const std::string long_value(300, 'q');
  a.set({0, 1}, long_value);
  a.set({0, 2}, "温度");
  EXPECT_EQ(H5Array<std::string>(f.dataset("v")).at({0, 1}), long_value);
  EXPECT_EQ(a.at({0, 2}), "温度");
  EXPECT_THROW(a.set({0, 0}, std::string("\xff\xfe")), InvalidArgumentError);  // the dataset is UTF-8
  EXPECT_EQ(a.at({0, 0}), "ab");
}

TEST_F(StringArrays, ALongerValueWidensTheDatasetChunkByChunkKeepingEverything) {
  H5Array<std::string> a = fixed("s", 2);
  a.dataset().attrs().set("units", std::string("names"));
  a.dataset().attrs().set("counts", std::vector<int>{1, 2, 3});
  const ScopedMemoryCap cap(3 * (sizeof(std::string) + 8));  // a few elements per block
  a.set({1, 1}, "a much longer value");
  EXPECT_EQ(a.dtype().size(), 19u);
  const Dataset reopened = f.dataset("s");
  EXPECT_TRUE(reopened.dtype().is_fixed_string());
  EXPECT_EQ(reopened.dtype().size(), 19u);
  EXPECT_EQ(reopened.chunks(), (Shape{2, 3}));
  NDArray<std::string> expected = words;
  expected(1, 1) = "a much longer value";
  EXPECT_EQ(reopened.read<NDArray<std::string>>(), expected);
  EXPECT_EQ(reopened.attrs().get<std::string>("units"), "names");
  EXPECT_EQ(reopened.attrs().get<std::vector<int>>("counts"), (std::vector<int>{1, 2, 3}));
  EXPECT_FALSE(f.contains("s.h5kit-retype"));
  // Never narrower on request; explicitly wider on request.
  a.widen(5);
  EXPECT_EQ(a.dtype().size(), 19u);
  a.widen(40);
  EXPECT_EQ(f.dataset("s").dtype().size(), 40u);
  EXPECT_EQ(a.at({1, 1}), "a much longer value");
}

TEST_F(StringArrays, AViewFollowsTheWidenedDataset) {
  H5Array<std::string> v = fixed("s", 2).view(s(1, 3), all);
  v.set({0, 2}, "longer");
  EXPECT_EQ(v.region(), (Block{{1, 0}, {2, 3}}));
  EXPECT_EQ(H5Array<std::string>(f.dataset("s")).at({1, 2}), "longer");
  EXPECT_EQ(v.read(), (NDArray<std::string>(Shape{2, 3}, {"x", "ab", "longer", "", "cd", "ab"})));
}

TEST_F(StringArrays, Utf8FixedStringsRefuseInvalidBytesAndWidenByBytes) {
  H5Array<std::string> a = fixed("u", 3, CharSet::utf8);
  a.set({0, 0}, "µm温");  // 2 + 1 + 3 bytes
  EXPECT_EQ(a.dtype().size(), 6u);
  EXPECT_EQ(a.dtype().charset(), CharSet::utf8);
  EXPECT_EQ(a.at({0, 0}), "µm温");
  try {
    a.set({0, 1}, std::string("ok\xc3\x28 and longer"));
    FAIL();
  } catch (const InvalidArgumentError& e) {
    EXPECT_EQ(e.object(), "/u");
    EXPECT_NE(e.file().find("strings.h5"), std::string::npos);
    EXPECT_NE(e.detail().find("expected valid UTF-8"), std::string::npos) << e.what();
    EXPECT_NE(e.detail().find("offset 2"), std::string::npos) << e.what();
  }
  EXPECT_EQ(f.dataset("u").dtype().size(), 6u);  // refused before any rewrite
  EXPECT_EQ(a.at({0, 1}), "cd");
  // Bytes that are not UTF-8 are fine in an ASCII ('S') dataset.
  H5Array<std::string> b = fixed("b", 2);
  b.set({0, 0}, std::string("\xff\xfe\xfd"));
  EXPECT_EQ(b.at({0, 0}), std::string("\xff\xfe\xfd"));
}

TEST_F(StringArrays, BadWritesNameTheDatasetAndChangeNothing) {
  H5Array<std::string> a = fixed("s", 2);
  try {
    a.set({3, 0}, "x");
    FAIL();
  } catch (const InvalidArgumentError& e) {
    EXPECT_EQ(e.object(), "/s");
    EXPECT_NE(e.detail().find("expected an index inside the shape (3, 3)"), std::string::npos) << e.what();
  }
  EXPECT_THROW(a.at({0}), InvalidArgumentError);
  EXPECT_THROW(a.set({0, 0}, std::string("a\0b", 3)), InvalidArgumentError);
  EXPECT_EQ(f.dataset("s").dtype().size(), 2u);
  EXPECT_EQ(a.read(), words);
  // Widening needs a fixed-length string dataset.
  H5Array<std::string> ints(f.create_dataset("i", std::vector<int>{1, 2}));
  EXPECT_THROW(ints.widen(10), InvalidArgumentError);
  EXPECT_THROW(ints.set({0}, "x"), InvalidArgumentError);
}

TEST_F(StringArrays, ComparisonWithAStringRunsChunkByChunk) {
  const H5Array<std::string> a = fixed("s", 4);
  const ScopedMemoryCap cap(2 * (sizeof(std::string) + 8));
  EXPECT_EQ(a == "ab", (NDArray<bool>(Shape{3, 3}, {true, false, true, false, true, false, false, false, true})));
  EXPECT_EQ(a != std::string("cd"),
            (NDArray<bool>(Shape{3, 3}, {true, false, true, true, true, true, true, false, true})));
  EXPECT_EQ(a.view(s(1, 3), s(1, 3)) == "ab", (NDArray<bool>(Shape{2, 2}, {true, false, false, true})));
  const H5Array<bool> mask = equal(a, "ab", Into{f, "is_ab", DatasetOptions{}.chunks({1, 3})});
  EXPECT_EQ(f.dataset("is_ab").read<NDArray<bool>>(), a == "ab");
  const H5Array<bool> other = not_equal(a.view(all, s(0, 1)), std::string("x"), Into{f, "not_x"});
  EXPECT_EQ(other.read(), (NDArray<bool>(Shape{3, 1}, {true, false, true})));
  H5Array<std::string> v(f.create_dataset("v", words));
  EXPECT_EQ(v == "cd", a == "cd");
}

TEST_F(StringArrays, ComparingANonStringArrayIsRefusedAndLeavesNoOutput) {
  const H5Array<std::string> ints(f.create_dataset("i", std::vector<int>{1, 2}));
  try {
    (void)(ints == "1");
    FAIL();
  } catch (const InvalidArgumentError& e) {
    EXPECT_EQ(e.object(), "/i");
    EXPECT_NE(e.detail().find("expected a string dataset; found element type int32"), std::string::npos) << e.what();
  }
  EXPECT_THROW(equal(ints, "1", Into{f, "out"}), InvalidArgumentError);
  EXPECT_FALSE(f.contains("out"));
}

}  // namespace
}  // namespace h5kit::lazy

// Variable-length sequences (VarLen<T>) as dataset and attribute elements.
#include "h5kit/vlen.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>
#include <gtest/gtest.h>

#include "h5kit/compound.hpp"

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit_vlen_test {
struct Hit {
  std::int32_t channel = 0;
  std::string tag;
  bool operator==(const Hit&) const = default;
};
BOOST_DESCRIBE_STRUCT(Hit, (), (channel, tag))
}  // namespace h5kit_vlen_test

namespace h5kit {
namespace {

using h5kit_vlen_test::Hit;

using test::TempDir;

class VlenTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "v.h5", "w"};
};

TEST(VlenBuilder, NamesTheBase) {
  EXPECT_EQ(Datatype::vlen(Datatype::int32()).name(), "vlen(int32)");
  EXPECT_EQ(Datatype::vlen(Datatype::int32()).super(), Datatype::int32());
  EXPECT_EQ(dtype<VarLen<double>>().name(), "vlen(float64)");
  EXPECT_EQ(dtype<std::vector<VarLen<std::int16_t>>>().name(), "vlen(int16)");
}

TEST_F(VlenTest, RaggedRowsRoundTripIncludingEmptyOnes) {
  const std::vector<VarLen<int>> rows = {{1, 2, 3}, {}, {4}, {5, 6, 7, 8, 9}, {}};
  f.create_dataset("rows", rows);
  EXPECT_EQ(f.dataset("rows").shape(), (Shape{5}));
  EXPECT_EQ(f.dataset("rows").dtype().name(), "vlen(int32)");
  EXPECT_EQ(f.dataset("rows").read<std::vector<VarLen<int>>>(), rows);
  // Values convert per row like any numbers.
  const auto wide = f.dataset("rows").read<std::vector<VarLen<double>>>();
  EXPECT_EQ(wide[3][4], 9.0);
  EXPECT_TRUE(wide[1].empty());
}

TEST_F(VlenTest, TwoDimensionalAndScalar) {
  NDArray<VarLen<float>> grid(Shape{2, 2});
  grid(0, 0) = {1.5f};
  grid(1, 1) = {2.5f, 3.5f};
  f.create_dataset("grid", grid);
  const auto back = f.dataset("grid").read<NDArray<VarLen<float>>>();
  EXPECT_EQ(back(1, 1), (VarLen<float>{2.5f, 3.5f}));
  EXPECT_TRUE(back(0, 1).empty());

  f.attrs().set("row", VarLen<std::int64_t>{7, 8});
  EXPECT_EQ(f.attrs().get<VarLen<std::int64_t>>("row"), (VarLen<std::int64_t>{7, 8}));
}

TEST_F(VlenTest, RowsOfStrings) {
  const std::vector<VarLen<std::string>> rows = {{"a", "bc"}, {}, {"ünï"}};
  f.create_dataset("words", rows);
  EXPECT_EQ(f.dataset("words").dtype().name(), "vlen(str)");
  EXPECT_EQ(f.dataset("words").read<std::vector<VarLen<std::string>>>(), rows);
}

TEST_F(VlenTest, RowsOfStructs) {
  const std::vector<VarLen<Hit>> events = {{{1, "a"}, {2, "bb"}}, {}, {{3, ""}}};
  f.create_dataset("events", events);
  EXPECT_EQ(f.dataset("events").dtype().name(), "vlen(compound{channel:int32,tag:str})");
  EXPECT_EQ(f.dataset("events").read<std::vector<VarLen<Hit>>>(), events);
}

TEST_F(VlenTest, WriteInPlaceAndByBlock) {
  Dataset ds = f.create_dataset("rows", Shape{3}, Datatype::vlen(Datatype::uint8()));
  ds.write(std::vector<VarLen<std::uint8_t>>{{1}, {2, 2}, {3, 3, 3}});
  ds.write_block(std::vector<VarLen<std::uint8_t>>{{9, 9, 9, 9}}, Shape{1});
  EXPECT_EQ(ds.read<std::vector<VarLen<std::uint8_t>>>()[1].size(), 4u);
  EXPECT_EQ(ds.read_element<VarLen<std::uint8_t>>(Shape{2}), (VarLen<std::uint8_t>{3, 3, 3}));
}

TEST_F(VlenTest, RaggedDataIntoANonVlenTypeWritesNothing) {
  f.create_dataset("ints", std::vector<int>{1, 2, 3});
  try {
    f.dataset("ints").write(std::vector<VarLen<int>>{{1}, {2, 3}, {}});
    FAIL() << "expected TypeMismatchError";
  } catch (const TypeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("nothing was written"), std::string::npos) << e.what();
  }
  EXPECT_THROW(f.dataset("ints").read<std::vector<VarLen<int>>>(), TypeMismatchError);
  EXPECT_EQ(f.dataset("ints").read<std::vector<int>>(), (std::vector<int>{1, 2, 3}));
  // A vlen dataset does not read as plain numbers either.
  f.create_dataset("rows", std::vector<VarLen<int>>{{1, 2}, {3, 4}});
  EXPECT_THROW(f.dataset("rows").read<std::vector<int>>(), TypeMismatchError);
  // Nested vectors are rectangular, never ragged.
  EXPECT_THROW(f.create_dataset("ragged", std::vector<std::vector<int>>{{1, 2}, {3}}), ShapeMismatchError);
  EXPECT_FALSE(f.contains("ragged"));
}

TEST_F(VlenTest, RowsOfTheWrongBaseAreRefused) {
  f.create_dataset("rows", std::vector<VarLen<int>>{{1}});
  EXPECT_THROW(f.dataset("rows").read<std::vector<VarLen<std::string>>>(), TypeMismatchError);
}

}  // namespace
}  // namespace h5kit

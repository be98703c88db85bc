// Enums between C++ (BOOST_DESCRIBE_ENUM) and HDF5: mapped by name, never into garbage.
#include <cstdint>
#include <string>
#include <vector>

#include <boost/describe/enum.hpp>
#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit_enum_test {
enum class Level : std::uint8_t { low = 0, mid = 5, high = 10 };
BOOST_DESCRIBE_ENUM(Level, low, mid, high)
// The same names with other numbers and a wider base.
enum class LevelWide : std::int32_t { high = -1, low = 100, mid = 200 };
BOOST_DESCRIBE_ENUM(LevelWide, high, low, mid)
// Only some of Level's names.
enum class Coarse : std::uint8_t { low = 0, high = 10 };
BOOST_DESCRIBE_ENUM(Coarse, low, high)
}  // namespace h5kit_enum_test

namespace h5kit {
namespace {

using namespace h5kit_enum_test;
using test::TempDir;

class EnumTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "e.h5", "w"};
  const std::vector<Level> levels{Level::high, Level::low, Level::mid, Level::high};
};

TEST_F(EnumTest, RoundTripKeepsNamesAndValues) {
  f.create_dataset("levels", levels);
  EXPECT_EQ(f.dataset("levels").dtype().name(), "enum(uint8){low=0,mid=5,high=10}");
  EXPECT_EQ(f.dataset("levels").read<std::vector<Level>>(), levels);
}

TEST_F(EnumTest, AnotherEnumMapsByName) {
  f.create_dataset("levels", levels);
  const auto wide = f.dataset("levels").read<std::vector<LevelWide>>();
  EXPECT_EQ(wide, (std::vector<LevelWide>{LevelWide::high, LevelWide::low, LevelWide::mid, LevelWide::high}));
  f.dataset("levels").write(std::vector<LevelWide>{LevelWide::mid, LevelWide::mid, LevelWide::low, LevelWide::high});
  EXPECT_EQ(f.dataset("levels").read<std::vector<Level>>(),
            (std::vector<Level>{Level::mid, Level::mid, Level::low, Level::high}));
}

TEST_F(EnumTest, ReadsAsTheBaseInteger) {
  f.create_dataset("levels", levels);
  EXPECT_EQ(f.dataset("levels").read<std::vector<std::uint8_t>>(), (std::vector<std::uint8_t>{10, 0, 5, 10}));
  EXPECT_EQ(f.dataset("levels").read<std::vector<std::int64_t>>(), (std::vector<std::int64_t>{10, 0, 5, 10}));
  // A value that does not fit the integer asked for is an error, not a clamp.
  f.create_dataset("wide", std::vector<LevelWide>{LevelWide::mid});
  EXPECT_THROW(f.dataset("wide").read<std::vector<std::int8_t>>(), TypeMismatchError);
}

TEST_F(EnumTest, IntegersWriteWhenTheyAreMembers) {
  f.create_dataset("levels", levels);
  f.dataset("levels").write(std::vector<int>{0, 5, 10, 0});
  EXPECT_EQ(f.dataset("levels").read<std::vector<Level>>()[1], Level::mid);
  EXPECT_THROW(f.dataset("levels").write(std::vector<int>{0, 5, 7, 0}), InvalidArgumentError);
  EXPECT_EQ(f.dataset("levels").read<std::vector<Level>>()[2], Level::high);  // nothing was written
}

TEST_F(EnumTest, UnknownStoredValueSaysWhichAndWhere) {
  // Any integer can sit in an HDF5 enum dataset; 7 is not one of Level's.
  const Datatype stored = Datatype::enumeration(Datatype::uint8(), {{"low", 0}, {"mid", 5}, {"high", 10}});
  Dataset ds = f.create_dataset("raw", Shape{3}, stored);
  ds.write(std::vector<std::uint8_t>{0, 5, 10});
  f.create_dataset("ints", std::vector<int>{0, 7, 10});
  try {
    f.dataset("ints").read<std::vector<Level>>();
    FAIL() << "expected TypeMismatchError";
  } catch (const TypeMismatchError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("element 1 holds 7"), std::string::npos) << what;
    EXPECT_NE(what.find("low=0, mid=5, high=10"), std::string::npos) << what;
    EXPECT_NE(what.find("/ints"), std::string::npos) << what;
  }
}

TEST_F(EnumTest, StoredNameMissingFromTheCppEnum) {
  f.create_dataset("levels", levels);
  try {
    f.dataset("levels").read<std::vector<Coarse>>();
    FAIL() << "expected TypeMismatchError";
  } catch (const TypeMismatchError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("element 2 holds 5 (mid)"), std::string::npos) << what;
    EXPECT_NE(what.find("low=0, high=10"), std::string::npos) << what;
  }
  // Values whose names exist read fine.
  f.create_dataset("coarse_ok", std::vector<Level>{Level::low, Level::high});
  EXPECT_EQ(f.dataset("coarse_ok").read<std::vector<Coarse>>(), (std::vector<Coarse>{Coarse::low, Coarse::high}));
  // Writing a name the stored enum lacks writes nothing.
  f.create_dataset("coarse", std::vector<Coarse>{Coarse::low, Coarse::low});
  EXPECT_THROW(f.dataset("coarse").write(std::vector<Level>{Level::high, Level::mid}), TypeMismatchError);
  EXPECT_EQ(f.dataset("coarse").read<std::vector<Coarse>>()[0], Coarse::low);
}

TEST_F(EnumTest, BoolStaysStrict) {
  f.create_dataset("n", std::vector<std::int8_t>{0, 1});
  EXPECT_THROW(f.dataset("n").read<std::vector<bool>>(), TypeMismatchError);
  f.create_dataset("b", std::vector<bool>{true, false});
  EXPECT_EQ(f.dataset("b").read<std::vector<bool>>(), (std::vector<bool>{true, false}));
}

TEST_F(EnumTest, AttributesToo) {
  f.attrs().set("level", Level::mid);
  EXPECT_EQ(f.attrs().get<LevelWide>("level"), LevelWide::mid);
  f.attrs().set("bad", std::uint8_t{7});
  try {
    f.attrs().get<Level>("bad");
    FAIL();
  } catch (const TypeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("attribute \"bad\""), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace h5kit

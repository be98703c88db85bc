// Datasets and attributes whose element type is an HDF5 array type: the array dimensions become
// trailing axes of the value.
#include <array>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

class ArrayTypeTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "a.h5", "w"};
  Dataset vectors = f.create_dataset("v", Shape{4}, Datatype::array(Datatype::float32(), {3}));
};

TEST(ArrayTypeBuilder, NamesAndDims) {
  const Datatype t = Datatype::array(Datatype::int16(), {2, 3});
  EXPECT_EQ(t.type_class(), TypeClass::array);
  EXPECT_EQ(t.array_dims(), (Shape{2, 3}));
  EXPECT_EQ(t.super(), Datatype::int16());
  EXPECT_EQ(t.size(), 12u);
  EXPECT_EQ(t.name(), "array(int16,(2, 3))");
  EXPECT_THROW(Datatype::array(Datatype::int16(), {}), InvalidArgumentError);
  EXPECT_THROW(Datatype::array(Datatype::int16(), {2, 0}), InvalidArgumentError);
}

TEST_F(ArrayTypeTest, ReadsWithTrailingArrayAxes) {
  std::vector<std::array<float, 3>> rows = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}};
  vectors.write(rows);
  EXPECT_EQ(vectors.shape(), (Shape{4}));
  EXPECT_EQ((vectors.read<std::vector<std::array<float, 3>>>()), rows);
  const auto nd = vectors.read<NDArray<float>>();
  EXPECT_EQ(nd.shape(), (Shape{4, 3}));
  EXPECT_EQ(nd(2, 1), 8.0f);
  // Another element type converts value by value.
  const auto doubles = vectors.read<std::vector<std::vector<double>>>();
  EXPECT_EQ(doubles[3][2], 12.0);
  // An NDArray of the stored shape plus the array dims writes too.
  NDArray<float> twice(Shape{4, 3});
  for (std::size_t i = 0; i < 12; ++i) twice.data()[i] = 2.0f * float(i);
  vectors.write(twice);
  EXPECT_EQ(vectors.read<NDArray<float>>()(3, 2), 22.0f);
}

TEST_F(ArrayTypeTest, ConversionsAreRangeChecked) {
  vectors.write(std::vector<std::array<double, 3>>(4, {0.5, 1.5, 2.5}));
  EXPECT_EQ((vectors.read<std::vector<std::array<float, 3>>>()[3]), (std::array<float, 3>{0.5f, 1.5f, 2.5f}));
  Dataset small = f.create_dataset("small", Shape{2}, Datatype::array(Datatype::int8(), {2}));
  small.write(std::vector<std::array<int, 2>>{{1, 2}, {3, 4}});
  EXPECT_THROW(small.write(std::vector<std::array<int, 2>>{{1, 2}, {3, 400}}), InvalidArgumentError);
  EXPECT_EQ((small.read<std::vector<std::array<int, 2>>>()[1]), (std::array<int, 2>{3, 4}));
}

TEST_F(ArrayTypeTest, BlocksReadWithTrailingAxes) {
  std::vector<std::array<float, 3>> rows = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}};
  vectors.write(rows);
  const auto block = vectors.read_block<NDArray<float>>(Shape{1}, Shape{2});
  EXPECT_EQ(block.shape(), (Shape{2, 3}));
  EXPECT_EQ(block(1, 0), 7.0f);
  EXPECT_EQ((vectors.read_element<std::array<float, 3>>(Shape{3})), (std::array<float, 3>{10, 11, 12}));
  // write_block: the value's trailing (3,) is the array type, so the block is one element at 2.
  vectors.write_block(std::vector<std::array<float, 3>>{{0, -1, -2}}, Shape{2});
  EXPECT_EQ((vectors.read<std::vector<std::array<float, 3>>>()[2]), (std::array<float, 3>{0, -1, -2}));
  EXPECT_EQ((vectors.read<std::vector<std::array<float, 3>>>()[1]), (std::array<float, 3>{4, 5, 6}));
  EXPECT_THROW(vectors.write_block(std::vector<std::array<float, 3>>{{0, 0, 0}}, Shape{4}), InvalidArgumentError);
  // A selection reads the same shape as a block: the selection's plus the array's.
  EXPECT_EQ((vectors[{s(1, 3)}].read<NDArray<float>>().shape()), (Shape{2, 3}));
}

TEST_F(ArrayTypeTest, DimsMismatchIsAShapeError) {
  EXPECT_THROW(vectors.write(std::vector<std::array<float, 4>>(4)), ShapeMismatchError);
  EXPECT_THROW(vectors.write(std::vector<float>(4)), ShapeMismatchError);
  EXPECT_THROW((vectors.read<std::vector<std::array<float, 4>>>()), ShapeMismatchError);
}

TEST_F(ArrayTypeTest, ScalarAttributeOfAnArrayType) {
  // h5py: attrs.create("rgb", [1, 2, 3], dtype="(3,)f4") on a scalar space.
  Dataset ds = f.create_dataset("scalar", Shape{}, Datatype::array(Datatype::float32(), {3}));
  ds.write(std::array<float, 3>{1, 2, 3});
  EXPECT_EQ(ds.read<std::vector<float>>(), (std::vector<float>{1, 2, 3}));
  EXPECT_EQ((ds.read<std::array<double, 3>>()), (std::array<double, 3>{1, 2, 3}));
}

TEST_F(ArrayTypeTest, CreatingWithAnArrayTypeDropsTrailingAxes) {
  // h5py: create_dataset(data=(4, 3) array, dtype="(3,)f4") and attrs.create(..., dtype="(3,)f4").
  const Datatype triple = Datatype::array(Datatype::float32(), {3});
  NDArray<float> data(Shape{4, 3});
  for (std::size_t i = 0; i < 12; ++i) data.data()[i] = float(i);
  const Dataset ds = f.create_dataset("made", data, DatasetOptions{}.dtype(triple));
  EXPECT_EQ(ds.shape(), (Shape{4}));
  EXPECT_EQ(ds.read<NDArray<float>>()(3, 0), 9.0f);
  f.attrs().set("rgb", std::vector<double>{0.25, 0.5, 1.0}, triple);
  EXPECT_EQ(f.attrs().open("rgb").shape(), Shape{});
  EXPECT_EQ((f.attrs().get<std::array<float, 3>>("rgb")), (std::array<float, 3>{0.25f, 0.5f, 1.0f}));
  // Data whose trailing axes are not the array's is refused, and nothing stays behind.
  EXPECT_THROW(f.create_dataset("bad", std::vector<float>(4), DatasetOptions{}.dtype(triple)), ShapeMismatchError);
  EXPECT_FALSE(f.contains("bad"));
}

TEST_F(ArrayTypeTest, MultiDimensionalArrayType) {
  Dataset ds = f.create_dataset("m", Shape{2}, Datatype::array(Datatype::int32(), {2, 3}));
  NDArray<int> values(Shape{2, 2, 3});
  for (std::size_t i = 0; i < 12; ++i) values.data()[i] = int(i);
  ds.write(values);
  const auto back = ds.read<NDArray<int>>();
  EXPECT_EQ(back.shape(), (Shape{2, 2, 3}));
  EXPECT_EQ(back(1, 1, 2), 11);
}

}  // namespace
}  // namespace h5kit

#include "h5kit/dataset.hpp"

#include <cmath>
#include <complex>
#include <limits>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

class DatasetTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "d.h5", "w"};
};

template <class T>
void expect_round_trip(const Group& g, const std::string& name, const std::vector<T>& values, const char* dtype_name) {
  Dataset d = g.create_dataset(name, values);
  EXPECT_EQ(d.dtype().name(), dtype_name) << name;
  EXPECT_EQ(d.shape(), Shape{values.size()});
  EXPECT_EQ(g.dataset(name).read<std::vector<T>>(), values) << name;
}

TEST_F(DatasetTest, EveryNumericTypeRoundTrips) {
  expect_round_trip<std::int8_t>(f, "i8", {-128, 0, 127}, "int8");
  expect_round_trip<std::int16_t>(f, "i16", {-32768, 32767}, "int16");
  expect_round_trip<std::int32_t>(f, "i32", {std::numeric_limits<std::int32_t>::min(), 7}, "int32");
  expect_round_trip<std::int64_t>(f, "i64", {std::numeric_limits<std::int64_t>::max(), -1}, "int64");
  expect_round_trip<std::uint8_t>(f, "u8", {0, 255}, "uint8");
  expect_round_trip<std::uint16_t>(f, "u16", {65535}, "uint16");
  expect_round_trip<std::uint32_t>(f, "u32", {4294967295u}, "uint32");
  expect_round_trip<std::uint64_t>(f, "u64", {std::numeric_limits<std::uint64_t>::max()}, "uint64");
  expect_round_trip<float>(f, "f32", {1.5f, -0.0f, 3e38f}, "float32");
  expect_round_trip<double>(f, "f64", {1e-300, 2.5}, "float64");
  expect_round_trip<std::complex<float>>(f, "c64", {{1, 2}, {-3, 0.5}}, "complex64");
  expect_round_trip<std::complex<double>>(f, "c128", {{1e10, -1e-10}}, "complex128");
  expect_round_trip<std::string>(f, "str", {"alpha", "", "ünïcödé"}, "str");
}

TEST_F(DatasetTest, BoolUsesH5pyEnum) {
  Dataset d = f.create_dataset("b", std::vector<bool>{true, false, true});
  EXPECT_TRUE(d.dtype().is_bool());
  EXPECT_EQ(d.read<std::vector<bool>>(), (std::vector<bool>{true, false, true}));
  NDArray<bool> arr = d.read<NDArray<bool>>();
  EXPECT_TRUE(arr(2));
}

TEST_F(DatasetTest, NanAndInfinitySurvive) {
  const double inf = std::numeric_limits<double>::infinity();
  Dataset d = f.create_dataset("x", std::vector<double>{std::nan(""), inf, -inf});
  const auto v = d.read<std::vector<double>>();
  EXPECT_TRUE(std::isnan(v[0]));
  EXPECT_EQ(v[1], inf);
  EXPECT_EQ(v[2], -inf);
}

TEST_F(DatasetTest, FixedLengthAsciiStrings) {
  Dataset d = f.create_dataset("s", std::vector<std::string>{"ab", "abcde", ""},
                               DatasetOptions{}.dtype(Datatype::fixed_string(5)));
  EXPECT_EQ(d.dtype().name(), "S5");
  EXPECT_TRUE(d.dtype().is_fixed_string());
  EXPECT_EQ(d.read<std::vector<std::string>>(), (std::vector<std::string>{"ab", "abcde", ""}));
  EXPECT_THROW(d.write(std::vector<std::string>{"abcdef", "a", "b"}), InvalidArgumentError);
  EXPECT_EQ(d.read<std::vector<std::string>>()[1], "abcde");  // nothing was written
}

TEST_F(DatasetTest, ScalarAndEmptyDatasets) {
  Dataset s = f.create_dataset("scalar", 42.5);
  EXPECT_TRUE(s.is_scalar());
  EXPECT_EQ(s.shape(), Shape{});
  EXPECT_EQ(s.size(), 1u);
  EXPECT_EQ(s.read<double>(), 42.5);
  Dataset text = f.create_dataset("text", std::string("a scalar string"));
  EXPECT_EQ(text.read<std::string>(), "a scalar string");
  Dataset e = f.create_dataset("empty", Empty{Datatype::float32()});
  EXPECT_TRUE(e.is_empty());
  EXPECT_EQ(e.size(), 0u);
  EXPECT_EQ(e.dtype().name(), "float32");
  EXPECT_TRUE(e.read<std::vector<float>>().empty());
  EXPECT_THROW(e.read<float>(), ShapeMismatchError);
  // h5py: dset[...] on Empty is Empty, like the whole read (this threw once); other indices are refused.
  EXPECT_TRUE(e[{ellipsis}].read<std::vector<float>>().empty());
  EXPECT_TRUE(e[ellipsis].read<std::vector<float>>().empty());
  EXPECT_THROW(e[{0}].read<std::vector<float>>(), InvalidArgumentError);
  EXPECT_TRUE(e.is_empty());
}

TEST_F(DatasetTest, NestedVectorsStdArrayAndNDArray) {
  const std::vector<std::vector<int>> rows{{1, 2, 3}, {4, 5, 6}};
  Dataset d = f.create_dataset("nested", rows);
  EXPECT_EQ(d.shape(), (Shape{2, 3}));
  EXPECT_EQ(d.read<std::vector<std::vector<int>>>(), rows);
  const auto arr = d.read<NDArray<int>>();
  EXPECT_EQ(arr.shape(), (Shape{2, 3}));
  EXPECT_EQ(arr(1, 2), 6);
  EXPECT_EQ((d.read<std::array<std::array<int, 3>, 2>>()[1][0]), 4);
  EXPECT_THROW((d.read<std::array<std::array<int, 2>, 2>>()), ShapeMismatchError);

  NDArray<double> cube({2, 3, 4});
  for (std::size_t i = 0; i < cube.size(); ++i) cube.data()[i] = static_cast<double>(i);
  Dataset c = f.create_dataset("cube", cube);
  EXPECT_EQ(c.shape(), (Shape{2, 3, 4}));
  EXPECT_EQ(c.read<NDArray<double>>(), cube);
  EXPECT_EQ(c.read<NDArray<double>>()(1, 2, 3), 23.0);
}

TEST_F(DatasetTest, RaggedNestedVectorsAreRefused) {
  EXPECT_THROW(f.create_dataset("ragged", std::vector<std::vector<int>>{{1, 2}, {3}}), ShapeMismatchError);
  EXPECT_FALSE(f.contains("ragged"));  // nothing half-made is left behind
}

TEST_F(DatasetTest, RawPointerAndCallerBuffers) {
  const double values[6] = {1, 2, 3, 4, 5, 6};
  Dataset d = f.create_dataset("raw", ndview(values, {2, 3}));
  EXPECT_EQ(d.shape(), (Shape{2, 3}));
  double out[6] = {};
  d.read(std::span<double>(out, 6));
  EXPECT_EQ(out[5], 6.0);
  auto view = ndview(out, {3, 2});
  d.read(view);  // same number of elements: accepted
  double small[4] = {};
  EXPECT_THROW(d.read(std::span<double>(small, 4)), ShapeMismatchError);
}

TEST_F(DatasetTest, WrongShapeWritesAreRefusedAndWriteNothing) {
  Dataset d = f.create_dataset("x", std::vector<int>{1, 2, 3});
  try {
    d.write(std::vector<int>{1, 2});
    FAIL();
  } catch (const ShapeMismatchError& e) {
    EXPECT_EQ(e.object(), "/x");
    EXPECT_NE(std::string(e.what()).find("(2,)"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("(3,)"), std::string::npos) << e.what();
  }
  EXPECT_EQ(d.read<std::vector<int>>(), (std::vector<int>{1, 2, 3}));
  d.write(std::vector<std::vector<int>>{{7, 8, 9}});  // (1, 3) fits (3,)
  EXPECT_EQ(d.read<std::vector<int>>(), (std::vector<int>{7, 8, 9}));
}

TEST_F(DatasetTest, WrongTypeReadsAreTypeMismatch) {
  f.create_dataset("s", std::vector<std::string>{"a"});
  f.create_dataset("n", std::vector<int>{1});
  EXPECT_THROW(f.dataset("s").read<std::vector<int>>(), TypeMismatchError);
  EXPECT_THROW(f.dataset("n").read<std::vector<std::string>>(), TypeMismatchError);
  EXPECT_THROW(f.dataset("n").read<std::vector<bool>>(), TypeMismatchError);
  EXPECT_THROW(f.dataset("n").read<std::vector<std::complex<double>>>(), TypeMismatchError);
  // Numbers convert between widths and kinds, as in h5py's astype.
  EXPECT_EQ(f.dataset("n").read<std::vector<double>>(), std::vector<double>{1.0});
}

TEST_F(DatasetTest, BlocksAndElements) {
  NDArray<int> grid({4, 5});
  for (std::size_t i = 0; i < grid.size(); ++i) grid.data()[i] = static_cast<int>(i);
  Dataset d = f.create_dataset("grid", grid);
  const auto block = d.read_block<NDArray<int>>({1, 2}, {2, 3});
  EXPECT_EQ(block.shape(), (Shape{2, 3}));
  EXPECT_EQ(block(0, 0), 7);
  EXPECT_EQ(block(1, 2), 14);
  EXPECT_EQ(d.read_element<int>({3, 4}), 19);
  d.write_block(std::vector<std::vector<int>>{{-1, -2}}, {0, 3});
  EXPECT_EQ(d.read_element<int>({0, 4}), -2);
  EXPECT_THROW(d.read_element<int>({4, 0}), InvalidArgumentError);
  EXPECT_THROW(d.read_block<std::vector<int>>({0}, {1}), InvalidArgumentError);
}

TEST_F(DatasetTest, CreateFromShapeAndTypeReadsTheFillValue) {
  Dataset d = f.create_dataset("filled", Shape{3}, Datatype::int32(), DatasetOptions{}.fill_value(-1));
  EXPECT_EQ(d.read<std::vector<int>>(), (std::vector<int>{-1, -1, -1}));
  EXPECT_EQ(d.fill_value<int>(), -1);
  Dataset plain = f.create_dataset("plain", Shape{2, 2}, dtype<double>());
  EXPECT_EQ(plain.read<NDArray<double>>()(1, 1), 0.0);
}

TEST_F(DatasetTest, RequireDataset) {
  Dataset a = f.require_dataset("r", Shape{3}, Datatype::float64());
  Dataset b = f.require_dataset("r", Shape{3}, Datatype::float32());  // convertible: opens
  EXPECT_EQ(a, b);
  EXPECT_THROW(f.require_dataset("r", Shape{4}, Datatype::float64()), ShapeMismatchError);
  EXPECT_THROW(f.require_dataset("r", Shape{3}, Datatype::variable_string()), TypeMismatchError);
}

// h5py 3.8+: require_dataset with the maxshape accepts a dataset that has grown within it.
TEST_F(DatasetTest, RequireDatasetWithAMaxshapeAcceptsOneGrownWithinIt) {
  const DatasetOptions growable = DatasetOptions{}.maxshape({unlimited, 4});
  Dataset log = f.require_dataset("log", Shape{0, 4}, Datatype::float64(), growable);
  log.resize({10, 4});
  Dataset again = f.require_dataset("log", Shape{0, 4}, Datatype::float64(), growable);
  EXPECT_EQ(again, log);
  EXPECT_EQ(again.shape(), (Shape{10, 4}));
  EXPECT_THROW(f.require_dataset("log", Shape{0, 4}, Datatype::float64()), ShapeMismatchError);  // no maxshape
  EXPECT_THROW(f.require_dataset("log", Shape{0, 4}, Datatype::float64(), DatasetOptions{}.maxshape({unlimited, 8})),
               ShapeMismatchError);  // another maxshape
  EXPECT_THROW(f.require_dataset("log", Shape{0, 5}, Datatype::float64(), growable), ShapeMismatchError);
  EXPECT_EQ(f.dataset("log").shape(), (Shape{10, 4}));  // nothing changed
}

TEST_F(DatasetTest, ClosedDatasetRefusesUse) {
  Dataset d = f.create_dataset("x", 1);
  d.close();
  EXPECT_THROW(d.read<int>(), ClosedObjectError);
  EXPECT_THROW(d.write(2), ClosedObjectError);
  EXPECT_THROW(d.shape(), ClosedObjectError);
}

}  // namespace
}  // namespace h5kit

namespace h5kit {
namespace {

TEST(DatasetConversion, OutOfRangeWritesWriteNothing) {
  test::TempDir dir;
  File f(dir / "c.h5", "w");
  Dataset d = f.create_dataset("x", Shape{3}, Datatype::int8());
  d.write(std::vector<int>{1, 2, 3});
  EXPECT_THROW(d.write(std::vector<int>{1, 200, 3}), InvalidArgumentError);
  EXPECT_EQ(d.read<std::vector<int>>(), (std::vector<int>{1, 2, 3}));
  EXPECT_THROW(d.write(std::vector<double>{1, 1e10, 3}), InvalidArgumentError);
  d.write(std::vector<double>{1.7, -2.2, 3});  // fractions truncate, as numpy's astype
  EXPECT_EQ(d.read<std::vector<int>>(), (std::vector<int>{1, -2, 3}));
  Dataset big = f.create_dataset("big", std::vector<std::int64_t>{1, std::int64_t{1} << 50});
  EXPECT_THROW(big.read<std::vector<std::int32_t>>(), TypeMismatchError);
  EXPECT_EQ(big.read_element<std::int32_t>({0}), 1);
}

}  // namespace
}  // namespace h5kit

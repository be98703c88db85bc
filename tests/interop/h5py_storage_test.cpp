// Dataset storage across the h5kit <-> h5py boundary: chunks, gzip + shuffle, maxshape, fill values.
//   A: h5kit writes, tests/interop/h5py_storage.py check-* inspects with h5py.
//   B: h5py_storage.py write-storage writes, h5kit reads (and grows a dataset h5py then checks).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "interop/peer_file_fixture.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "h5py_storage.py";

// 0, 1, 2, ... in row-major order (h5py_storage.py's grid()).
template <class T>
NDArray<T> grid(const Shape& shape) {
  NDArray<T> a(shape);
  for (std::size_t k = 0; k < a.size(); ++k) a.data()[k] = static_cast<T>(k);
  return a;
}

// ---- A: h5kit writes, h5py checks --------------------------------------------------------------

TEST(interop_storage, H5pySeesGzipShuffleAndChunks) {
  TempDir dir;
  const std::string path = dir / "compressed.h5";
  {
    File f(path, "w");
    const h5kit::Dataset gz = f.create_dataset("gz", grid<std::int32_t>({40, 30}),
                                               DatasetOptions{}.chunks({10, 10}).gzip(6).shuffle());
    EXPECT_EQ(gz.layout(), Layout::chunked);
    EXPECT_EQ(gz.chunks(), std::optional<Shape>(Shape{10, 10}));
    EXPECT_EQ(gz.gzip_level(), 6);
    EXPECT_TRUE(gz.shuffle());
    f.create_dataset("gz_only", grid<std::int16_t>({7, 5, 3}), DatasetOptions{}.chunks({7, 5, 1}).gzip(1));
    f.create_dataset("auto", grid<double>({1000, 500}), DatasetOptions{}.gzip());
    f.create_dataset("shuffled", grid<float>({300}), DatasetOptions{}.shuffle());
    const h5kit::Dataset plain = f.create_dataset("plain", grid<float>({3}));
    EXPECT_EQ(plain.chunks(), std::nullopt);
    EXPECT_EQ(plain.gzip_level(), -1);
    EXPECT_FALSE(plain.shuffle());
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-compressed", {path}));
}

TEST(interop_storage, H5pySeesMaxshapeAndResizedData) {
  TempDir dir;
  const std::string path = dir / "maxshape.h5";
  {
    File f(path, "w");
    const NDArray<double> all = grid<double>({5, 4});
    const h5kit::Dataset grow = f.create_dataset("grow", Shape{2, 4}, Datatype::float64(),
                                                 DatasetOptions{}.maxshape({unlimited, 4}).chunks({2, 4}));
    std::vector<std::vector<double>> first(2, std::vector<double>(4));
    std::vector<std::vector<double>> rest(3, std::vector<double>(4));
    for (std::size_t i = 0; i < 5; ++i)
      for (std::size_t j = 0; j < 4; ++j) (i < 2 ? first[i] : rest[i - 2])[j] = all(i, j);
    grow.write(first);
    grow.resize({5, 4});
    grow.write_block(rest, {2, 0});
    EXPECT_EQ(grow.maxshape(), (Shape{unlimited, 4}));
    EXPECT_EQ(grow.shape(), (Shape{5, 4}));

    f.create_dataset("bounded", grid<std::int64_t>({3, 4}), DatasetOptions{}.maxshape({10, 4}));
    f.create_dataset("unlimited_1d", Shape{0}, Datatype::uint8(), DatasetOptions{}.maxshape({unlimited}));
    f.create_dataset("auto_unlimited", Shape{10, 64}, Datatype::int8(), DatasetOptions{}.maxshape({unlimited, 64}));
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-maxshape", {path}));
}

TEST(interop_storage, H5pySeesFillValues) {
  TempDir dir;
  const std::string path = dir / "fill.h5";
  {
    File f(path, "w");
    const h5kit::Dataset f64 =
        f.create_dataset("filled_f64", Shape{6}, Datatype::float64(), DatasetOptions{}.fill_value(-1.5));
    f64.write_block(std::vector<double>{1.0, 2.0}, {2});
    EXPECT_EQ(f64.fill_value<double>(), std::optional<double>(-1.5));
    f.create_dataset("filled_i32", Shape{2, 3}, Datatype::int32(), DatasetOptions{}.fill_value(std::int32_t{7}));
    const h5kit::Dataset grow = f.create_dataset(
        "filled_grow", std::vector<std::uint8_t>{1, 2, 3},
        DatasetOptions{}.maxshape({unlimited}).chunks({4}).fill_value(std::uint8_t{255}));
    grow.resize({8});
    f.create_dataset("no_fill", Shape{3}, Datatype::float64());
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-fill", {path}));
}

// ---- B: h5py writes, h5kit checks --------------------------------------------------------------

class interop_storage_from_h5py : public PeerFileTest<kScript, "write-storage", "storage_from_h5py.h5"> {};

TEST_F(interop_storage_from_h5py, BigGzipShuffledArray) {
  const h5kit::Dataset big = file_.dataset("big");
  EXPECT_EQ(big.dtype().name(), "float64");
  EXPECT_EQ(big.shape(), (Shape{1000, 500}));
  EXPECT_EQ(big.size(), 500000u);
  EXPECT_EQ(big.layout(), Layout::chunked);
  EXPECT_EQ(big.chunks(), std::optional<Shape>(Shape{100, 50}));
  EXPECT_EQ(big.gzip_level(), 7);
  EXPECT_TRUE(big.shuffle());
  EXPECT_EQ(big.maxshape(), (Shape{1000, 500}));
  EXPECT_LT(big.storage_size(), 500000u * sizeof(double)) << "gzip + shuffle should shrink an arange";
  EXPECT_GT(big.storage_size(), 0u);

  const auto values = big.read<NDArray<double>>();
  ASSERT_EQ(values.shape(), (Shape{1000, 500}));
  std::size_t wrong = 0;
  for (std::size_t k = 0; k < values.size(); ++k)
    if (values.data()[k] != static_cast<double>(k)) ++wrong;
  EXPECT_EQ(wrong, 0u) << "elements differing from arange(500000)";
  EXPECT_EQ(values(999, 499), 499999.0);
  EXPECT_EQ(values(123, 45), 123.0 * 500 + 45);

  const auto block = big.read_block<std::vector<std::vector<double>>>({10, 20}, {3, 4});
  ASSERT_EQ(block.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    ASSERT_EQ(block[i].size(), 4u);
    for (std::size_t j = 0; j < 4; ++j) EXPECT_EQ(block[i][j], static_cast<double>((10 + i) * 500 + 20 + j));
  }
  EXPECT_EQ(big.read_element<double>({998, 7}), 998.0 * 500 + 7);

  // the nested-vector path gives the same numbers
  const auto nested = big.read<std::vector<std::vector<double>>>();
  ASSERT_EQ(nested.size(), 1000u);
  EXPECT_EQ(nested[500][250], 500.0 * 500 + 250);
  EXPECT_EQ(nested[999][499], 499999.0);
}

TEST_F(interop_storage_from_h5py, ContiguousHasNoFilters) {
  const h5kit::Dataset contig = file_.dataset("contig");
  EXPECT_EQ(contig.layout(), Layout::contiguous);
  EXPECT_EQ(contig.chunks(), std::nullopt);
  EXPECT_EQ(contig.gzip_level(), -1);
  EXPECT_FALSE(contig.shuffle());
  EXPECT_EQ(contig.read<NDArray<std::int32_t>>(), grid<std::int32_t>({4, 5}));
}

TEST_F(interop_storage_from_h5py, MaxshapeFillValueAndGrowth) {
  {
    const h5kit::Dataset grow = file_.dataset("grow");
    EXPECT_EQ(grow.shape(), (Shape{3, 8}));
    EXPECT_EQ(grow.maxshape(), (Shape{unlimited, 8}));
    EXPECT_EQ(grow.chunks(), std::optional<Shape>(Shape{4, 8}));
    EXPECT_EQ(grow.fill_value<std::int32_t>(), std::optional<std::int32_t>(42));
    EXPECT_EQ(grow.fill_value<double>(), std::optional<double>(42.0));  // converted to the asked type
    EXPECT_EQ(grow.read<NDArray<std::int32_t>>(), grid<std::int32_t>({3, 8}));

    const h5kit::Dataset filled = file_.dataset("filled");
    EXPECT_EQ(filled.dtype().name(), "float32");
    EXPECT_EQ(filled.fill_value<float>(), std::optional<float>(2.5f));
    EXPECT_EQ(filled.read<std::vector<float>>(), std::vector<float>(5, 2.5f));
  }
  // The suite's file stays as h5py wrote it: grow a copy.
  TempDir dir;
  const std::string path = dir / "grown.h5";
  std::filesystem::copy_file(path_, path);
  {
    File f(path, "r+");
    const h5kit::Dataset grow = f.dataset("grow");
    grow.resize({6, 8});
    EXPECT_EQ(grow.shape(), (Shape{6, 8}));
    const auto new_rows = grow.read_block<std::vector<std::vector<std::int32_t>>>({3, 0}, {3, 8});
    EXPECT_EQ(new_rows, std::vector<std::vector<std::int32_t>>(3, std::vector<std::int32_t>(8, 42)));
    std::vector<std::vector<std::int32_t>> row5(1, std::vector<std::int32_t>(8));
    for (std::int32_t j = 0; j < 8; ++j) row5[0][static_cast<std::size_t>(j)] = 100 + j;
    grow.write_block(row5, {5, 0});
    EXPECT_THROW(grow.resize({7, 9}), h5kit::Error) << "axis 1 may not grow beyond maxshape 8";
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-grown", {path}));
}

TEST_F(interop_storage_from_h5py, FletcherAndDefaultGzip) {
  const h5kit::Dataset checked = file_.dataset("checksummed");
  EXPECT_EQ(checked.chunks(), std::optional<Shape>(Shape{10}));
  EXPECT_EQ(checked.gzip_level(), -1);
  std::vector<std::int64_t> expected(50);
  for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = static_cast<std::int64_t>(i);
  EXPECT_EQ(checked.read<std::vector<std::int64_t>>(), expected);

  const h5kit::Dataset gz = file_.dataset("gz_default");
  EXPECT_EQ(gz.gzip_level(), 4);  // h5py's default level
  EXPECT_FALSE(gz.shuffle());
  ASSERT_TRUE(gz.chunks().has_value());
  const auto values = gz.read<std::vector<std::uint16_t>>();
  ASSERT_EQ(values.size(), 1000u);
  for (std::size_t i = 0; i < values.size(); ++i) ASSERT_EQ(values[i], i) << "index " << i;
}

}  // namespace
}  // namespace h5kit::test

#include "h5kit/storage.hpp"

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

TEST(GuessChunk, SmallDatasetsAreOneChunk) {
  EXPECT_EQ(guess_chunk({100}, std::nullopt, 8), Shape{100});
}

TEST(GuessChunk, LargeDatasetsAreHalvedAxisByAxis) {
  // 1000 x 1000 float64 = 8 MB: target ~ 16 KiB * 2^log10(7.6) ~ 37 KiB.
  const Shape chunk = guess_chunk({1000, 1000}, std::nullopt, 8);
  const std::size_t bytes = element_count(chunk) * 8;
  EXPECT_LE(bytes, 1024u * 1024u);
  EXPECT_GE(bytes, 8u * 1024u);
  EXPECT_EQ(chunk, (Shape{63, 63}));  // h5py._hl.filters.guess_chunk((1000, 1000), None, 8)
}

TEST(GuessChunk, EmptyAxesCountAs1024) {
  EXPECT_EQ(guess_chunk({0, 3}, Shape{unlimited, 3}, 4), (Shape{512, 3}));  // h5py gives (512, 3)
  EXPECT_EQ(guess_chunk({10000}, std::nullopt, 8), Shape{1250});
}

class StorageTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "s.h5", "w"};
};

TEST_F(StorageTest, ContiguousByDefault) {
  Dataset d = f.create_dataset("x", std::vector<double>(10));
  EXPECT_EQ(d.layout(), Layout::contiguous);
  EXPECT_FALSE(d.chunks());
  EXPECT_EQ(d.gzip_level(), -1);
  EXPECT_FALSE(d.shuffle());
  EXPECT_EQ(d.maxshape(), Shape{10});
}

TEST_F(StorageTest, GzipAndShuffleChooseChunkedStorage) {
  std::vector<double> ramp(10000);
  for (std::size_t i = 0; i < ramp.size(); ++i) ramp[i] = static_cast<double>(i % 100);
  Dataset d = f.create_dataset("z", ramp, DatasetOptions{}.gzip(9).shuffle());
  EXPECT_EQ(d.layout(), Layout::chunked);
  EXPECT_EQ(d.chunks(), guess_chunk({10000}, std::nullopt, 8));
  EXPECT_EQ(d.gzip_level(), 9);
  EXPECT_TRUE(d.shuffle());
  EXPECT_LT(d.storage_size(), ramp.size() * sizeof(double) / 4);  // it really compressed
  EXPECT_EQ(d.read<std::vector<double>>(), ramp);
}

TEST_F(StorageTest, EveryGzipLevelWorksAndOthersAreRefused) {
  for (int level = 0; level <= 9; ++level) {
    Dataset d = f.create_dataset("g" + std::to_string(level), std::vector<int>{level, 1, 2},
                                 DatasetOptions{}.gzip(level));
    EXPECT_EQ(d.gzip_level(), level);
    EXPECT_EQ(d.read<std::vector<int>>()[0], level);
  }
  EXPECT_THROW(f.create_dataset("bad", std::vector<int>{1}, DatasetOptions{}.gzip(10)), InvalidArgumentError);
  EXPECT_FALSE(f.contains("bad"));
}

TEST_F(StorageTest, ExplicitChunksAndUnlimitedGrowth) {
  Dataset d = f.create_dataset("grow", Shape{0, 3}, Datatype::float32(),
                               DatasetOptions{}.maxshape({unlimited, 3}).chunks({16, 3}));
  EXPECT_EQ(d.chunks(), (Shape{16, 3}));
  EXPECT_EQ(d.maxshape(), (Shape{unlimited, 3}));
  d.resize({2, 3});
  d.write(std::vector<std::vector<float>>{{1, 2, 3}, {4, 5, 6}});
  d.resize({5, 3});
  EXPECT_EQ(d.shape(), (Shape{5, 3}));
  EXPECT_EQ(d.read_element<float>({1, 2}), 6.0f);
  EXPECT_EQ(d.read_element<float>({4, 0}), 0.0f);
  EXPECT_THROW(d.resize({5, 4}), InvalidArgumentError);
  EXPECT_THROW(d.resize({5}), InvalidArgumentError);
}

TEST_F(StorageTest, MaxshapeAloneGivesAutomaticChunks) {
  Dataset d = f.create_dataset("m", std::vector<int>{1, 2}, DatasetOptions{}.maxshape({unlimited}));
  ASSERT_TRUE(d.chunks());
  EXPECT_EQ(*d.chunks(), guess_chunk({2}, Shape{unlimited}, 4));
  d.resize({4});
  EXPECT_EQ(d.read<std::vector<int>>(), (std::vector<int>{1, 2, 0, 0}));
}

TEST_F(StorageTest, ContiguousDatasetsCannotBeResized) {
  Dataset d = f.create_dataset("c", std::vector<int>{1, 2});
  EXPECT_THROW(d.resize({3}), InvalidArgumentError);
}

TEST_F(StorageTest, BadStorageOptionsAreRefused) {
  EXPECT_THROW(f.create_dataset("a", 1.0, DatasetOptions{}.gzip()), InvalidArgumentError);  // scalar
  EXPECT_THROW(f.create_dataset("b", Shape{4}, Datatype::int8(), DatasetOptions{}.chunks({2, 2})),
               InvalidArgumentError);
  EXPECT_THROW(f.create_dataset("c", Shape{4}, Datatype::int8(), DatasetOptions{}.maxshape({2})),
               InvalidArgumentError);
  EXPECT_THROW(f.create_dataset("d", Shape{4}, Datatype::int8(), DatasetOptions{}.chunks({0})),
               InvalidArgumentError);
  EXPECT_EQ(f.size(), 0u);
}

TEST_F(StorageTest, DatasetAttributesInCreationOrderWhenTracked) {
  Dataset d = f.create_dataset("t", std::vector<int>{1}, DatasetOptions{}.track_order());
  d.attrs().set("zeta", 1);
  d.attrs().set("alpha", 2);
  EXPECT_EQ(d.attrs().keys(), (std::vector<std::string>{"zeta", "alpha"}));
  Dataset plain = f.create_dataset("p", std::vector<int>{1});
  plain.attrs().set("zeta", 1);
  plain.attrs().set("alpha", 2);
  EXPECT_EQ(plain.attrs().keys(), (std::vector<std::string>{"alpha", "zeta"}));
}

TEST_F(StorageTest, FillValueOnGrowth) {
  Dataset d = f.create_dataset("f", Shape{2}, Datatype::float64(),
                               DatasetOptions{}.maxshape({unlimited}).fill_value(-9.5));
  d.resize({4});
  EXPECT_EQ(d.read<std::vector<double>>(), (std::vector<double>{-9.5, -9.5, -9.5, -9.5}));
  EXPECT_EQ(d.fill_value<double>(), -9.5);
}

}  // namespace
}  // namespace h5kit

// Iterating over a dataset: iter_chunks (every chunk of the extent or of a region, clipped, allocated
// or not, in row-major chunk order) and rows (ds[i] along the first axis), with their refusals.
#include <numeric>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

class DatasetIteration : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "it.h5", "w"};
};

std::vector<Block> collect(const ChunkBlocks& blocks) { return {blocks.begin(), blocks.end()}; }

TEST_F(DatasetIteration, IterChunksCoversTheExtentChunkByChunkClippedAtTheEdges) {
  // (5, 7) in chunks of (2, 3): a 3 x 3 grid, the last row and column of chunks clipped.
  Dataset d = f.create_dataset("d", Shape{5, 7}, dtype<int>(), DatasetOptions{}.chunks({2, 3}));
  const ChunkBlocks blocks = d.iter_chunks();
  EXPECT_EQ(blocks.size(), 9U);
  const std::vector<Block> all = collect(blocks);
  ASSERT_EQ(all.size(), 9U);
  EXPECT_EQ(all[0], (Block{{0, 0}, {2, 3}}));
  EXPECT_EQ(all[1], (Block{{0, 3}, {2, 3}}));
  EXPECT_EQ(all[2], (Block{{0, 6}, {2, 1}}));
  EXPECT_EQ(all[3], (Block{{2, 0}, {2, 3}}));
  EXPECT_EQ(all[8], (Block{{4, 6}, {1, 1}}));
  std::size_t elements = 0;
  for (const Block& b : all) elements += element_count(b.count);
  EXPECT_EQ(elements, 35U);  // every element exactly once
  EXPECT_TRUE(d.chunk_list().empty()) << "nothing is allocated, yet every chunk is listed";
}

TEST_F(DatasetIteration, IterChunksOfARegionAndReadingEachBlock) {
  std::vector<int> values(100);
  std::iota(values.begin(), values.end(), 0);
  Dataset d = f.create_dataset("line", values, DatasetOptions{}.chunks({16}));
  const std::vector<Block> part = collect(d.iter_chunks(Block{{10}, {30}}));  // elements 10..39
  ASSERT_EQ(part.size(), 3U);
  EXPECT_EQ(part[0], (Block{{10}, {6}}));
  EXPECT_EQ(part[1], (Block{{16}, {16}}));
  EXPECT_EQ(part[2], (Block{{32}, {8}}));
  int sum = 0;
  for (const Block& b : part)
    for (int v : d.read_block<std::vector<int>>(b.offset, b.count)) sum += v;
  EXPECT_EQ(sum, (10 + 39) * 30 / 2);
  EXPECT_TRUE(d.iter_chunks(Block{{50}, {0}}).empty());
}

TEST_F(DatasetIteration, IterChunksRefusals) {
  Dataset contiguous = f.create_dataset("c", std::vector<int>{1, 2, 3});
  try {
    (void)contiguous.iter_chunks();
    FAIL() << "not chunked";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("not chunked (its layout is contiguous)"), std::string::npos) << e.what();
  }
  Dataset d = f.create_dataset("d", Shape{10}, dtype<int>(), DatasetOptions{}.chunks({4}));
  EXPECT_THROW((void)d.iter_chunks(Block{{8}, {3}}), InvalidArgumentError);      // past the end
  EXPECT_THROW((void)d.iter_chunks(Block{{0, 0}, {1, 1}}), InvalidArgumentError);  // wrong rank
}

TEST_F(DatasetIteration, RowsReadAndWriteLikeDsI) {
  Dataset d = f.create_dataset("m", std::vector<std::vector<double>>{{1, 2}, {3, 4}, {5, 6}});
  std::vector<double> sums;
  for (DatasetSelection row : d.rows()) {
    const auto v = row.read<std::vector<double>>();
    sums.push_back(v[0] + v[1]);
  }
  EXPECT_EQ(sums, (std::vector<double>{3, 7, 11}));
  for (DatasetSelection row : f.dataset("m").rows()) row = 0.0;  // the range keeps the temporary's handle
  EXPECT_EQ(d.read<std::vector<std::vector<double>>>(), (std::vector<std::vector<double>>(3, {0, 0})));
  EXPECT_EQ(f.create_dataset("v", std::vector<int>{4, 5}).rows().size(), 2U);
  EXPECT_THROW((void)f.create_dataset("s", 1).rows(), InvalidArgumentError);
  EXPECT_THROW((void)f.create_dataset("e", Empty{dtype<int>()}).rows(), InvalidArgumentError);
}

// chunks() on a temporary: value() and * give a Shape of their own, so the loop reads live memory
// (with std::optional<Shape> it iterated a destroyed temporary: ASan's stack-use-after-scope).
TEST_F(DatasetIteration, ChunksOfATemporaryIsSafeInARangeFor) {
  f.create_dataset("c", Shape{100, 10}, dtype<int>(), DatasetOptions{}.chunks({25, 5}));
  std::size_t product = 1;
  for (std::size_t n : f.dataset("c").chunks().value()) product *= n;
  EXPECT_EQ(product, 125U);
  for (std::size_t n : *f.dataset("c").chunks()) EXPECT_GT(n, 0U);
  const ChunkShape none_here = f.create_dataset("flat", std::vector<int>{1}).chunks();
  EXPECT_FALSE(none_here);
  EXPECT_EQ(none_here, std::nullopt);
  EXPECT_THROW((void)none_here.value(), std::bad_optional_access);
  const std::optional<Shape> as_optional = f.dataset("c").chunks();  // converts for code written for optional
  EXPECT_EQ(as_optional, (Shape{25, 5}));
}

}  // namespace
}  // namespace h5kit

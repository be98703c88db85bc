// Issue case 6 and the memory cap's scoping.
#include "h5kit/lazy/chunk_plan.hpp"

#include <gtest/gtest.h>

#include "h5kit/error.hpp"
#include "h5kit/lazy/memory_cap.hpp"

namespace h5kit::lazy {
namespace {

TEST(ChunkPlan, TenElementsOverFifteen) {
  const ChunkPlan plan(Shape{15}, 10);
  EXPECT_EQ(plan.blocks(), (std::vector<Block>{{{0}, {10}}, {{10}, {5}}}));
}

TEST(ChunkPlan, TwentyOverEightByTenIsFourTwoRowSlabs) {
  const ChunkPlan plan(Shape{8, 10}, 20);
  ASSERT_EQ(plan.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(plan[i], (Block{{2 * i, 0}, {2, 10}}));
}

TEST(ChunkPlan, TenOverEightByTenIsEightSingleRows) {
  const ChunkPlan plan(Shape{8, 10}, 10);
  ASSERT_EQ(plan.size(), 8u);
  for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(plan[i], (Block{{i, 0}, {1, 10}}));
}

TEST(ChunkPlan, LeadingAxesTakeSingleIndicesAndTheBlocksCoverEveryElementOnce) {
  const Shape shape{3, 4, 5};
  for (std::size_t cap : {1u, 3u, 4u, 5u, 7u, 20u, 21u, 59u, 60u, 1000u}) {
    const ChunkPlan plan(shape, cap);
    std::vector<int> seen(60, 0);
    for (const Block& b : plan) {
      ASSERT_LE(element_count(b.count), cap) << "cap " << cap;
      for (std::size_t i = 0; i < b.count[0]; ++i)
        for (std::size_t j = 0; j < b.count[1]; ++j)
          for (std::size_t k = 0; k < b.count[2]; ++k) ++seen[((b.offset[0] + i) * 4 + b.offset[1] + j) * 5 + b.offset[2] + k];
    }
    EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), 60) << "cap " << cap;
  }
  EXPECT_EQ(ChunkPlan(shape, 60).size(), 1u);
  EXPECT_EQ(ChunkPlan(shape, 1000).sliced_axis(), -1);
  EXPECT_EQ(ChunkPlan(shape, 3).sliced_axis(), 2);
  EXPECT_EQ(ChunkPlan(Shape{0, 5}, 10).size(), 0u);
  EXPECT_EQ(ChunkPlan(Shape{}, 10).size(), 1u);  // a scalar is one block
}

TEST(ChunkPlan, SlabsAreWholeStorageChunksWhenTheyCanBe) {
  const ChunkPlan plan(Shape{100, 10}, 250, Shape{8, 10});  // 25 rows fit: 24, three chunks of 8
  EXPECT_EQ(plan.slab(), 24u);
  EXPECT_EQ(plan[4], (Block{{96, 0}, {4, 10}}));
  EXPECT_EQ(ChunkPlan(Shape{100, 10}, 50, Shape{8, 10}).slab(), 5u);  // less than one chunk: as many rows as fit
}

TEST(MemoryCap, GlobalSettingAndNestedScopedOverrides) {
  EXPECT_EQ(memory_cap(), kDefaultMemoryCap);
  {
    ScopedMemoryCap outer(3 * sizeof(double));
    EXPECT_EQ(elements_within_cap(sizeof(double)), 3u);
    {
      ScopedMemoryCap inner(1);
      EXPECT_EQ(memory_cap(), 1u);
      EXPECT_EQ(elements_within_cap(sizeof(double)), 1u);  // always at least one element
    }
    EXPECT_EQ(memory_cap(), 3 * sizeof(double));
  }
  set_memory_cap(1 << 20);
  EXPECT_EQ(memory_cap(), 1u << 20);
  set_memory_cap(kDefaultMemoryCap);
  EXPECT_THROW(set_memory_cap(0), InvalidArgumentError);
  EXPECT_THROW(ScopedMemoryCap{0}, InvalidArgumentError);
}

}  // namespace
}  // namespace h5kit::lazy

#include "h5kit/file.hpp"
#include "h5kit/group.hpp"
#include "h5kit/lazy/h5array.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::lazy {
namespace {

TEST(H5ArrayBasics, ShapeAndBlocksOfAChunkedDatasetWithinTheCap) {
  test::TempDir dir;
  File f(dir / "a.h5", "w");
  NDArray<double> values(Shape{8, 10});
  for (std::size_t i = 0; i < values.size(); ++i) values.data()[i] = static_cast<double>(i);
  const H5Array<double> a(f.create_dataset("a", values, DatasetOptions{}.chunks({2, 10})));
  EXPECT_EQ(a.shape(), (Shape{8, 10}));
  EXPECT_EQ(a.size(), 80u);
  const ScopedMemoryCap cap(40 * sizeof(double));
  const ChunkPlan plan = a.plan();
  EXPECT_EQ(plan.slab(), 4u);  // 4 rows: two whole chunks of 2
  double total = 0;
  for (const Block& b : plan) {
    for (double v : a.read(b)) total += v;
  }
  EXPECT_EQ(total, 79.0 * 80 / 2);
  EXPECT_EQ(a.read(), values);
}

}  // namespace
}  // namespace h5kit::lazy

// Slicing an H5Array: select() into memory, view() as a lazy block, conversion to NDArray.
#include "h5kit/lazy/h5array.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "h5kit/error.hpp"
#include "h5kit/file.hpp"
#include "h5kit/group.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::lazy {
namespace {

class H5ArraySlicing : public ::testing::Test {
 protected:
  void SetUp() override {
    for (std::size_t i = 0; i < values.size(); ++i) values.data()[i] = static_cast<int>(i);
    a = H5Array<int>(f.create_dataset("a", values, DatasetOptions{}.chunks({2, 3})));
  }
  test::TempDir dir;
  File f{dir / "s.h5", "w"};
  NDArray<int> values{Shape{6, 8}};
  H5Array<int> a;
};

TEST_F(H5ArraySlicing, SelectReadsIntoMemoryWithNumpysRules) {
  EXPECT_EQ(a.select(1, all), (NDArray<int>(Shape{8}, {8, 9, 10, 11, 12, 13, 14, 15})));
  EXPECT_EQ(a.select(s(0, 6, 2), -1), (NDArray<int>(Shape{3}, {7, 23, 39})));
  EXPECT_EQ(a.select(ellipsis, 0).shape(), (Shape{6}));
  EXPECT_EQ(a.select(indices{1, 4}, s(none, 2)), (NDArray<int>(Shape{2, 2}, {8, 9, 32, 33})));
  EXPECT_EQ(static_cast<NDArray<int>>(a), values);
}

TEST_F(H5ArraySlicing, ViewsAreLazyBlocksAndSelectWithinThemRelativeToTheirOrigin) {
  const H5Array<int> v = a.view(s(1, 5), s(2, -1));  // rows 1..4, columns 2..6
  EXPECT_TRUE(v.is_view());
  EXPECT_EQ(v.shape(), (Shape{4, 5}));
  EXPECT_EQ(v.region(), (Block{{1, 2}, {4, 5}}));
  NDArray<int> expected(Shape{4, 5});
  for (std::size_t r = 0; r < 4; ++r)
    for (std::size_t c = 0; c < 5; ++c) expected(r, c) = values(r + 1, c + 2);
  EXPECT_EQ(v.read(), expected);
  EXPECT_EQ(v.select(0, all), (NDArray<int>(Shape{5}, {10, 11, 12, 13, 14})));
  EXPECT_EQ(v.select(-1, s(0, 5, 2)), (NDArray<int>(Shape{3}, {34, 36, 38})));
  EXPECT_EQ(v.select(all, indices{0, 4}), (NDArray<int>(Shape{4, 2}, {10, 14, 18, 22, 26, 30, 34, 38})));
  EXPECT_EQ(v.select(s(-2, none), ellipsis), (NDArray<int>(Shape{2, 5}, {26, 27, 28, 29, 30, 34, 35, 36, 37, 38})));
  // A view of a view, and a write through it lands in the dataset.
  const H5Array<int> inner = v.view(s(1, 2), s(1, 3));
  EXPECT_EQ(inner.region(), (Block{{2, 3}, {1, 2}}));
  inner.write(NDArray<int>(Shape{1, 2}, {-1, -2}), {0, 0});
  EXPECT_EQ(a.select(2, s(3, 5)), (NDArray<int>(Shape{2}, {-1, -2})));
  // A view not on a chunk boundary still plans every element once.
  const ScopedMemoryCap cap(3 * sizeof(int));
  std::size_t seen = 0;
  for (const Block& b : v.plan()) seen += element_count(b.count);
  EXPECT_EQ(seen, 20u);
}

TEST_F(H5ArraySlicing, BadIndicesNameTheDataset) {
  const H5Array<int> v = a.view(s(1, 5), all);
  try {
    v.select(4, all);
    FAIL();
  } catch (const InvalidArgumentError& e) {
    EXPECT_EQ(e.object(), "/a");
    EXPECT_NE(e.detail().find("index 4 on axis 0"), std::string::npos) << e.what();
  }
  EXPECT_THROW(v.select(all, indices{8}), InvalidArgumentError);
  EXPECT_THROW(v.select(0, 0, 0), InvalidArgumentError);
  EXPECT_THROW(a.view(ellipsis, 0, ellipsis), InvalidArgumentError);
  EXPECT_THROW(a.view(indices{1, 2}, all), InvalidArgumentError);
  EXPECT_THROW(a.view(all, -9), InvalidArgumentError);
  // Negative list positions count from the end of the view, as in the core.
  EXPECT_EQ(v.select(indices{0, -1}, 0), (NDArray<int>(Shape{2}, {values(1, 0), values(4, 0)})));
  // newaxis, one-axis masks and MultiBlockSlices are the core's: refused with a pointer to select().
  try {
    v.select(newaxis, all);
    FAIL() << "a newaxis in a lazy view";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(e.detail().find("found a newaxis (read it through Dataset::select"), std::string::npos) << e.what();
  }
  EXPECT_THROW(v.select(std::vector<bool>{true, false, true, false}, all), InvalidArgumentError);
  EXPECT_THROW(a.view(multi_block(0, 2, 2, 1), all), InvalidArgumentError);
}


// A view's blocks are relative to the view and must stay inside it: the rest of the dataset is not
// the view's to read or write.
TEST_F(H5ArraySlicing, BlocksOutsideAViewAreRefusedAndWriteNothing) {
  const H5Array<int> whole(f.create_dataset("ten", std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  const H5Array<int> v = whole.view(s(2, 5));
  EXPECT_EQ(v.read(Block{{1}, {2}}), (NDArray<int>(Shape{2}, {3, 4})));
  try {
    (void)v.read(Block{{0}, {5}});
    ADD_FAILURE() << "read past the view";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(e.detail().find("inside the view's shape (3,)"), std::string::npos) << e.what();
    EXPECT_EQ(e.object(), "/ten");
  }
  EXPECT_THROW(v.write(NDArray<int>(Shape{5}, -1), Shape{0}), InvalidArgumentError);
  EXPECT_THROW(v.write(NDArray<int>(Shape{1}, -1), Shape{3}), InvalidArgumentError);
  EXPECT_THROW(v.view(Block{{2}, {std::numeric_limits<std::size_t>::max()}}), InvalidArgumentError);  // no wrap
  EXPECT_THROW(whole.view(Block{{8}, {5}}), InvalidArgumentError);
  EXPECT_THROW((void)v.read(Block{}), InvalidArgumentError);  // the empty block is a 0-d array's, not a view's
  EXPECT_THROW(v.write(NDArray<int>(Shape{}, 5), Shape{}), InvalidArgumentError);
  EXPECT_EQ(whole.read(), (NDArray<int>(Shape{10}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})));
  v.write(NDArray<int>(Shape{1}, -1), Shape{2});
  EXPECT_EQ(whole.at({4}), -1);
}

}  // namespace
}  // namespace h5kit::lazy

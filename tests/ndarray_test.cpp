#include "h5kit/ndarray.hpp"

#include <gtest/gtest.h>

#include "h5kit/error.hpp"

namespace h5kit {
namespace {

TEST(NDArray, ShapeIndexingAndReshape) {
  NDArray<int> a({2, 3}, {0, 1, 2, 3, 4, 5});
  EXPECT_EQ(a.size(), 6u);
  EXPECT_EQ(a.rank(), 2u);
  EXPECT_EQ(a(1, 0), 3);
  a(1, 0) = 30;
  EXPECT_EQ(a.data()[3], 30);
  a.reshape({3, 2});
  EXPECT_EQ(a(1, 1), 30);
  EXPECT_THROW(a.reshape({4, 2}), ShapeMismatchError);
  EXPECT_THROW(a(3, 0), InvalidArgumentError);
  EXPECT_THROW(a(0), ShapeMismatchError);
}

TEST(NDArray, CopiesAreDeep) {
  NDArray<double> a({2}, 1.0);
  NDArray<double> b = a;
  b(0) = 5;
  EXPECT_EQ(a(0), 1.0);
  EXPECT_FALSE(a == b);
  EXPECT_THROW(NDArray<int>({2}, {1, 2, 3}), ShapeMismatchError);
}

}  // namespace
}  // namespace h5kit

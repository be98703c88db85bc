// Constructors written block by block under tiny caps.
#include "h5kit/lazy/creation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "h5kit/error.hpp"
#include "h5kit/file.hpp"
#include "h5kit/group.hpp"
#include "h5kit/lazy/reductions.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::lazy {
namespace {

class Creation : public ::testing::Test {
 protected:
  test::TempDir dir;
  File f{dir / "c.h5", "w"};
};

TEST_F(Creation, FilledArraysUnderACapOfThree) {
  const ScopedMemoryCap cap(3 * sizeof(double));
  const Group g = f.create_group("g");
  EXPECT_EQ(zeros<double>(Into{g, "z"}, {4, 5}).read(), NDArray<double>(Shape{4, 5}, 0.0));
  EXPECT_EQ(ones<std::int32_t>(Into{g, "o"}, {7}).read(), NDArray<std::int32_t>(Shape{7}, 1));
  const H5Array<float> full7 = full<float>(Into{g, "f", DatasetOptions{}.chunks({2, 2})}, {5, 3}, 7.5f);
  EXPECT_EQ(full7.read(), NDArray<float>(Shape{5, 3}, 7.5f));
  EXPECT_EQ(full7.dataset().chunks(), (Shape{2, 2}));
  EXPECT_EQ(f["g/f"].as_dataset().dtype(), dtype<float>());
  const H5Array<double> e = empty<double>(Into{g, "e"}, {2, 2});
  EXPECT_EQ(e.shape(), (Shape{2, 2}));
}

TEST_F(Creation, ArangeMatchesNumpysLengthsAndValues) {
  const ScopedMemoryCap cap(2 * sizeof(double));
  EXPECT_EQ(arange<std::int64_t>(Into{f, "a"}, 0, 10).read(),
            (NDArray<std::int64_t>(Shape{10}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})));
  EXPECT_EQ(arange<std::int64_t>(Into{f, "b"}, 0, 100, 3).shape(), (Shape{34}));
  EXPECT_EQ(arange<std::int64_t>(Into{f, "c"}, 10, 0, -4).read(), (NDArray<std::int64_t>(Shape{3}, {10, 6, 2})));
  EXPECT_EQ(arange<double>(Into{f, "d"}, 0.0, 1.0, 0.25).read(), (NDArray<double>(Shape{4}, {0, 0.25, 0.5, 0.75})));
  EXPECT_EQ(arange<double>(Into{f, "e"}, 1.0, 0.0).shape(), (Shape{0}));
  EXPECT_EQ(sum(arange<double>(Into{f, "h"}, 0.0, 100.0)), 4950.0);
  EXPECT_THROW(arange<double>(Into{f, "bad"}, 0.0, 1.0, 0.0), InvalidArgumentError);
  EXPECT_FALSE(f.contains("bad"));
}

TEST_F(Creation, RandomArraysAreSeededAndIndependentOfTheCap) {
  NDArray<double> uniform_small, uniform_large;
  {
    const ScopedMemoryCap cap(3 * sizeof(double));
    uniform_small = random_uniform<double>(Into{f, "u1", DatasetOptions{}.chunks({3, 3})}, {10, 10}, -2.0, 3.0, 42).read();
  }
  uniform_large = random_uniform<double>(Into{f, "u2"}, {10, 10}, -2.0, 3.0, 42).read();
  EXPECT_EQ(uniform_small, uniform_large);
  std::mt19937_64 engine(42);
  std::uniform_real_distribution<double> d(-2.0, 3.0);
  for (double v : uniform_small) EXPECT_EQ(v, d(engine));
  EXPECT_NE(random_uniform<double>(Into{f, "u3"}, {10, 10}, -2.0, 3.0, 43).read(), uniform_small);

  const NDArray<std::int32_t> dice = random_uniform<std::int32_t>(Into{f, "dice"}, {200}, 1, 6, 7).read();
  EXPECT_EQ(*std::min_element(dice.begin(), dice.end()), 1);
  EXPECT_EQ(*std::max_element(dice.begin(), dice.end()), 6);

  const ScopedMemoryCap cap(5 * sizeof(double));
  const H5Array<double> normal = random_normal<double>(Into{f, "n"}, {100, 100}, 10.0, 2.0, 1);
  EXPECT_NEAR(mean(normal), 10.0, 0.1);
  EXPECT_NEAR(std_(normal), 2.0, 0.1);
}

TEST_F(Creation, ATakenNameFailsAndLeavesTheExistingDataset) {
  f.create_dataset("taken", NDArray<double>(Shape{2}, 5.0));
  EXPECT_THROW(zeros<double>(Into{f, "taken"}, {3}), AlreadyExistsError);
  EXPECT_EQ(f["taken"].as_dataset().read<NDArray<double>>(), NDArray<double>(Shape{2}, 5.0));
}


TEST_F(Creation, ArangeCountsInt64BoundsExactlyAndRefusesAbsurdLengths) {
  const std::int64_t start = std::int64_t{1} << 60;  // beyond double's 2^53
  EXPECT_EQ(arange<std::int64_t>(Into{f, "big"}, start, start + 3).read(),
            (NDArray<std::int64_t>(Shape{3}, {start, start + 1, start + 2})));
  EXPECT_EQ(arange<std::int64_t>(Into{f, "down"}, 5, -5, -4).read(), (NDArray<std::int64_t>(Shape{3}, {5, 1, -3})));
  EXPECT_EQ(arange<std::uint8_t>(Into{f, "none"}, 5, 5).shape(), (Shape{0}));
  // i * step passes int32's range on the way to values that fit.
  EXPECT_EQ(arange<std::int32_t>(Into{f, "wide"}, -2000000000, 2000000000, 1000000000).read(),
            (NDArray<std::int32_t>(Shape{4}, {-2000000000, -1000000000, 0, 1000000000})));
  EXPECT_THROW(arange<std::int64_t>(Into{f, "zero"}, 0, 5, 0), InvalidArgumentError);
  try {
    (void)arange<double>(Into{f, "absurd"}, 0.0, 1e30, 1e-30);
    ADD_FAILURE() << "no error";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(e.detail().find("below 2^63"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(f.contains("zero"));
  EXPECT_FALSE(f.contains("absurd"));
}

TEST_F(Creation, DistributionsWithBadParametersAreRefusedBeforeCreating) {
  EXPECT_THROW(random_uniform<int>(Into{f, "u"}, Shape{4}, 10, 0, 1), InvalidArgumentError);
  EXPECT_THROW(random_uniform<double>(Into{f, "u"}, Shape{4}, 0.0, std::nan(""), 1), InvalidArgumentError);
  EXPECT_THROW(random_normal<double>(Into{f, "n"}, Shape{4}, 0.0, -1.0, 1), InvalidArgumentError);
  EXPECT_THROW(random_uniform<double>(Into{f, "u"}, Shape{4}, -INFINITY, INFINITY, 1), InvalidArgumentError);
  EXPECT_THROW(random_uniform<double>(Into{f, "u"}, Shape{4}, -1e308, 1e308, 1), InvalidArgumentError);  // span inf
  EXPECT_FALSE(f.contains("u"));
  EXPECT_FALSE(f.contains("n"));
  // numpy's scale=0: every value is the mean.
  EXPECT_EQ(random_normal<double>(Into{f, "flat"}, Shape{3}, 2.5, 0.0, 1).read(), (NDArray<double>(Shape{3}, 2.5)));
  EXPECT_EQ(random_uniform<int>(Into{f, "one"}, Shape{2}, 7, 7, 1).read(), (NDArray<int>(Shape{2}, 7)));
}

}  // namespace
}  // namespace h5kit::lazy

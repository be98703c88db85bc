// Datasets made like another (h5py's create_dataset_like) and from reshaped data (create_dataset with
// a shape and data): what is kept, h5py's maxshape rule for a new shape, and the refusals.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

class DatasetLike : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "like.h5", "w"};

  Dataset model() const {
    return f.create_dataset("model", Shape{6, 4}, dtype<float>(),
                            DatasetOptions{}.chunks({2, 4}).maxshape({unlimited, 4}).gzip(6).shuffle().fletcher32()
                                .fill_value(-1.0f).fill_time(FillTime::alloc));
  }
};

bool mentions(const Error& e, const std::string& text) { return std::string(e.what()).find(text) != std::string::npos; }

TEST_F(DatasetLike, KeepsShapeTypeMaxshapeAndEveryCreationProperty) {
  Dataset m = model();
  m.write(NDArray<float>(Shape{6, 4}, 3.0f));
  Dataset like = f.create_dataset_like("like", m);
  EXPECT_EQ(like.shape(), (Shape{6, 4}));
  EXPECT_EQ(like.maxshape(), (Shape{unlimited, 4}));
  EXPECT_EQ(like.dtype(), dtype<float>());
  EXPECT_EQ(like.chunks(), (Shape{2, 4}));
  EXPECT_EQ(like.gzip_level(), 6);
  EXPECT_TRUE(like.shuffle());
  EXPECT_TRUE(like.fletcher32());
  EXPECT_EQ(like.fill_value<float>(), -1.0f);
  EXPECT_EQ(like.fill_time(), FillTime::alloc);
  EXPECT_EQ(like.read<NDArray<float>>(), NDArray<float>(Shape{6, 4}, -1.0f)) << "made empty: reads the fill value";
}

TEST_F(DatasetLike, IntoAnotherFileAndWithANewShape) {
  Dataset m = model();
  File other(dir / "other.h5", "w");
  Dataset longer = other.create_dataset_like("longer", m, Shape{100, 4});
  EXPECT_EQ(longer.shape(), (Shape{100, 4}));
  EXPECT_EQ(longer.maxshape(), (Shape{unlimited, 4})) << "a maxshape other than the shape is kept";
  EXPECT_EQ(longer.gzip_level(), 6);
  try {
    (void)f.create_dataset_like("wider", m, Shape{6, 5});
    FAIL() << "past the kept maxshape";
  } catch (const InvalidArgumentError& e) {
    EXPECT_TRUE(mentions(e, "passes the maxshape (inf, 4)") || mentions(e, "passes the maxshape")) << e.what();
    EXPECT_TRUE(mentions(e, "/wider")) << e.what();
  }
  EXPECT_FALSE(f.contains("wider"));
  // A fixed-size chunked model: the new shape is the new maxshape; chunks must fit it.
  Dataset fixed = f.create_dataset("fixed", Shape{8, 8}, dtype<std::int16_t>(), DatasetOptions{}.chunks({4, 4}));
  EXPECT_EQ(f.create_dataset_like("bigger", fixed, Shape{20, 20}).maxshape(), (Shape{20, 20}));
  try {
    (void)f.create_dataset_like("small", fixed, Shape{2, 2});
    FAIL() << "chunks (4, 4) in a fixed (2, 2)";
  } catch (const InvalidArgumentError& e) {
    EXPECT_TRUE(mentions(e, "the chunks (4, 4) do not fit the fixed extent (2, 2)")) << e.what();
  }
  try {
    (void)f.create_dataset_like("flat", fixed, Shape{64});
    FAIL() << "chunks of rank 2 on a 1-d shape";
  } catch (const InvalidArgumentError& e) {
    EXPECT_TRUE(mentions(e, "the chunks have rank 2, the new shape rank 1")) << e.what();
  }
  Dataset contiguous = f.create_dataset("contiguous", std::vector<int>{1, 2, 3});
  EXPECT_EQ(f.create_dataset_like("flat", contiguous, Shape{2, 5}).shape(), (Shape{2, 5}));
}

TEST_F(DatasetLike, RefusalsNameTheirObjects) {
  Dataset m = model();
  EXPECT_THROW((void)f.create_dataset_like("model", m), AlreadyExistsError);
  Dataset empty = f.create_dataset("empty", Empty{dtype<double>()});
  EXPECT_TRUE(f.create_dataset_like("empty2", empty).is_empty());
  EXPECT_THROW((void)f.create_dataset_like("empty3", empty, Shape{3}), InvalidArgumentError);
  EXPECT_THROW((void)f.create_dataset_like("never", Dataset{}), ClosedObjectError);
}

TEST_F(DatasetLike, CreateDatasetWithAShapeReshapesTheData) {
  const std::vector<std::int32_t> flat = {0, 1, 2, 3, 4, 5};
  Dataset d = f.create_dataset("grid", Shape{2, 3}, flat);
  EXPECT_EQ(d.shape(), (Shape{2, 3}));
  EXPECT_EQ(d.dtype(), dtype<std::int32_t>());
  EXPECT_EQ(d.read<std::vector<std::vector<int>>>(), (std::vector<std::vector<int>>{{0, 1, 2}, {3, 4, 5}}));
  Dataset chunked = f.create_dataset("cube", Shape{1, 2, 3}, NDArray<double>(Shape{6}, 2.5), DatasetOptions{}.chunks({1, 2, 3}));
  EXPECT_EQ(chunked.shape(), (Shape{1, 2, 3}));
  try {
    (void)f.create_dataset("bad", Shape{4, 2}, flat);
    FAIL() << "6 elements into (4, 2)";
  } catch (const ShapeMismatchError& e) {
    EXPECT_TRUE(mentions(e, "data of 6 elements cannot take the shape (4, 2), which holds 8")) << e.what();
    EXPECT_TRUE(mentions(e, "/bad")) << e.what();
  }
  EXPECT_FALSE(f.contains("bad"));
}

}  // namespace
}  // namespace h5kit

// load<T>(dataset): a dataset model (DatasetOf or derived) read from one dataset, with every
// problem reported at the dataset's path.
#include <gtest/gtest.h>

#include "h5kit/model.hpp"
#include "model/test_models.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

using models::Baseline;

TEST(ModelLoadDataset, ADatasetModelLoadsFromItsDataset) {
  TempDir dir;
  File f(dir / "d.h5", "w");
  NDArray<std::int32_t> values(Shape{3, 5});
  for (std::size_t i = 0; i < values.size(); ++i) values.data()[i] = static_cast<std::int32_t>(i * 3);
  const Dataset ds = f.create_dataset("deep/baseline", values);
  ds.attrs().set("metadata", std::int16_t{42});  // any integer width loads into int64

  const Baseline b = load<Baseline>(ds);
  EXPECT_EQ(b.metadata, 42);
  EXPECT_EQ(b.values(), values);

  // Lazily: the dataset stays open and is read on first touch.
  const Baseline lazy = load<Baseline>(ds, LoadOptions{.lazy = true});
  EXPECT_FALSE(lazy.is_loaded());
  EXPECT_EQ(lazy.shape(), (Shape{3, 5}));
  EXPECT_EQ(lazy.values(), values);

  // A bare DatasetOf too.
  using Trace = DatasetOf<double, kAnyExtent>;
  const Dataset t = f.create_dataset("trace", std::vector<float>{1.5f, 2.5f});
  EXPECT_EQ(load<Trace>(t).values().size(), 2u);
}

TEST(ModelLoadDataset, EveryProblemNamesTheDatasetPath) {
  TempDir dir;
  File f(dir / "bad.h5", "w");
  const Dataset wrong_shape = f.create_dataset("g/baseline", NDArray<std::int32_t>(Shape{2, 5}));
  wrong_shape.attrs().set("metadata", -1.5);  // a float into an int64 field
  try {
    (void)load<Baseline>(wrong_shape);
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    // A dataset that is not the model (wrong shape): its values are not read, its attributes are
    // still checked (issue 14 bug 2, tests/model/dataset_mismatch_test.cpp).
    ASSERT_EQ(e.problems().size(), 2u) << e.what();
    EXPECT_EQ(e.problems()[0].path, "/g/baseline");
    EXPECT_EQ(e.problems()[0].field, "");
    EXPECT_NE(e.problems()[0].message.find("(3, 5)"), std::string::npos) << e.what();
    EXPECT_EQ(e.problems()[1].field, "metadata");
    EXPECT_EQ(e.file(), dir / "bad.h5");
  }

  const Dataset wrong_attr = f.create_dataset("g/b2", NDArray<std::int32_t>(Shape{3, 5}));
  wrong_attr.attrs().set("metadata", std::string("x"));
  wrong_attr.attrs().set("extra", 1);
  try {
    (void)load<Baseline>(wrong_attr, LoadOptions{.strict = true});
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 2u) << e.what();
    EXPECT_EQ(e.problems()[0].to_string().substr(0, 20), "/g/b2: metadata expe") << e.what();
    EXPECT_EQ(e.problems()[1].path, "/g/b2");
    EXPECT_EQ(e.problems()[1].field, "extra");
  }
}

}  // namespace
}  // namespace h5kit::test

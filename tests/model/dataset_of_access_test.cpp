// DatasetOf element access (data(0, 1), data[{0, 1}]), assignment of a dataset model derived from
// DatasetOf (through dataset(), or its own operator= brought in), a read-only view, and block reads
// (from the file when loaded lazily).
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "h5kit/model.hpp"
#include "model/test_models.hpp"
#include "support/error_message.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

struct Trace : DatasetOf<double, kAnyExtent> {
  using DatasetOf<double, kAnyExtent>::operator=;  // allows trace = {...} and trace = array
  std::string units;
};
BOOST_DESCRIBE_STRUCT(Trace, (), (units))

struct Recording {
  Trace trace;
  models::Baseline baseline;  // DatasetOf<std::int32_t, 3, 5> with an attribute field `metadata`
};
BOOST_DESCRIBE_STRUCT(Recording, (), (trace, baseline))

TEST(ModelDatasetOfAccess, ElementsByIndexAndByBracedIndex) {
  DatasetOf<std::int32_t, 3, 2> image = {{0, 1}, {2, 3}, {4, 5}};
  EXPECT_EQ(image(2, 1), 5);
  EXPECT_EQ((image[{1, 0}]), 2);
  image(0, 0) = 9;
  image[{0, 1}] = 8;
  EXPECT_EQ(image.values()(0, 0), 9);
  EXPECT_EQ(image.values()(0, 1), 8);
  const std::string out = message_of<InvalidArgumentError>([&] { (void)image[{3, 0}]; });
  EXPECT_NE(out.find("index 3 is out of range for axis 0 of length 3 (values of shape (3, 2))"), std::string::npos) << out;
  const std::string rank = message_of<InvalidArgumentError>([&] { (void)image[{1}]; });
  EXPECT_NE(rank.find("an index of 1 axes for values of shape (3, 2)"), std::string::npos) << rank;
  const DatasetOf<std::int32_t, 3, 2> unset;
  EXPECT_THROW((void)unset(0, 0), InvalidArgumentError);  // never given data
}

TEST(ModelDatasetOfAccess, ADerivedDatasetModelIsGivenDataThroughDatasetOrItsOwnAssignment) {
  Recording run;
  run.trace = {1.0, 2.0, 3.0};  // the using-declaration
  run.trace.units = "mV";
  run.baseline.dataset() = {{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}, {11, 12, 13, 14, 15}};
  run.baseline.metadata = 12;
  EXPECT_EQ(run.baseline(2, 4), 15);
  NDArray<double> longer(Shape{5}, 0.5);
  run.trace = longer;
  EXPECT_EQ(run.trace.shape(), (Shape{5}));
  run.trace.dataset() = {4.0};
  EXPECT_EQ(run.trace.shape(), (Shape{1}));
  run.trace.assign({7.0, 8.0});
  EXPECT_DOUBLE_EQ(run.trace(1), 8.0);
  EXPECT_THROW(run.baseline.dataset() = NDArray<std::int32_t>(Shape{2, 5}, 0), ShapeMismatchError);
  EXPECT_EQ(run.baseline.shape(), (Shape{3, 5}));  // unchanged

  TempDir dir;
  dump(run, dir / "run.h5");
  const Recording back = load<Recording>(dir / "run.h5");
  EXPECT_EQ(back.trace.units, "mV");
  EXPECT_DOUBLE_EQ(back.trace(0), 7.0);
  EXPECT_EQ(back.baseline.metadata, 12);
  EXPECT_EQ((back.baseline[{1, 1}]), 7);
}

TEST(ModelDatasetOfAccess, AViewIsReadOnlyAndBlocksComeFromTheFileWhenLazy) {
  Recording run;
  run.trace = NDArray<double>(Shape{100}, 0.0);
  for (std::size_t i = 0; i < 100; ++i) run.trace(i) = static_cast<double>(i);
  run.baseline.dataset() = NDArray<std::int32_t>(Shape{3, 5}, 4);
  const NDView<const double> view = run.trace.view();
  static_assert(std::is_const_v<std::remove_pointer_t<decltype(view.data)>>);
  EXPECT_EQ(view.shape, (Shape{100}));
  EXPECT_DOUBLE_EQ(view.data[42], 42.0);
  EXPECT_EQ(run.trace.read_block(Shape{10}, Shape{3}), (NDArray<double>(Shape{3}, {10.0, 11.0, 12.0})));
  EXPECT_EQ(run.baseline.read_block(Shape{1, 2}, Shape{2, 3}), (NDArray<std::int32_t>(Shape{2, 3}, 4)));
  const std::string outside = message_of<InvalidArgumentError>([&] { (void)run.trace.read_block(Shape{99}, Shape{2}); });
  EXPECT_NE(outside.find("the block of (2,) elements from (99,) is not inside the values of shape (100,)"),
            std::string::npos) << outside;

  TempDir dir;
  dump(run, dir / "run.h5");
  const Recording lazy = load<Recording>(dir / "run.h5", {.lazy = true});
  NDArray<double> block;
  lazy.trace.read_block(Shape{90}, Shape{10}, block);
  EXPECT_FALSE(lazy.trace.is_loaded());  // read from the file, not loaded whole
  EXPECT_DOUBLE_EQ(block(9), 99.0);
  const std::string past = message_of<Error>([&] { (void)lazy.trace.read_block(Shape{95}, Shape{10}); });
  EXPECT_NE(past.find("run.h5"), std::string::npos) << past;
  EXPECT_NE(past.find("/trace"), std::string::npos) << past;
}

}  // namespace
}  // namespace h5kit::test

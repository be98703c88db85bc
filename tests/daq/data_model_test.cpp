// The DAQ data model (spec §10): Array keeps numpy's dtype, Axis detects linear data as pymodaq,
// DataWithAxes derives dim/distribution/labels and refuses inconsistent errors and axes,
// DataToExport orders by dim then name.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/daq/data.hpp"
#include "h5kit/error.hpp"

namespace h5kit::daq {
namespace {

std::vector<double> axis_values(std::size_t n) {  // -20.4 + 0.22 * linspace(0, n-1, n)
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = -20.4 + 0.22 * double(i);
  return v;
}

Array arange_i64(Shape shape) {
  std::vector<std::int64_t> v(element_count(shape));
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = std::int64_t(i);
  return Array(std::move(shape), v);
}

TEST(daq_array, KeepsItsNumpyType) {
  Array a = arange_i64({5, 6});
  EXPECT_EQ(a.dtype(), ElementType::int64);
  EXPECT_EQ(a.dtype_name(), "int64");
  EXPECT_EQ(a.shape(), (Shape{5, 6}));
  EXPECT_EQ(a.values<std::int64_t>()[29], 29);
  EXPECT_THROW((void)a.values<double>(), TypeMismatchError);
  Array b(std::vector<double>{2.7});
  EXPECT_EQ(b.dtype_name(), "float64");
  Array flags(Shape{3}, std::vector<bool>{true, false, true});
  EXPECT_EQ(flags.dtype_name(), "bool");
  EXPECT_EQ(flags.values<std::uint8_t>(), (std::vector<std::uint8_t>{1, 0, 1}));
  EXPECT_THROW(Array(Shape{2, 2}, std::vector<double>{1, 2, 3}), ShapeMismatchError);
}

TEST(daq_array, SqueezeKeepsAtLeastOneDimension) {
  Array a(Shape{1, 3, 1}, std::vector<double>{1, 2, 3});
  EXPECT_EQ(a.squeezed({0, 2}).shape(), (Shape{3}));
  EXPECT_EQ(a.squeezed({2}).shape(), (Shape{1, 3}));
  Array one(Shape{1, 1}, std::vector<double>{4});
  EXPECT_EQ(one.squeezed({0, 1}).shape(), (Shape{1}));
  EXPECT_THROW((void)a.squeezed({1}), InvalidArgumentError);
}

TEST(daq_array, SubtractFollowsNumpyTypes) {
  Array a = arange_i64({2, 3});
  Array d = subtract(a, a);
  EXPECT_EQ(d.dtype(), ElementType::int64);
  for (auto v : d.values<std::int64_t>()) EXPECT_EQ(v, 0);
  Array f(Shape{2, 3}, std::vector<double>{0.5, 0.5, 0.5, 0.5, 0.5, 0.5});
  Array mixed = subtract(a, f);
  EXPECT_EQ(mixed.dtype(), ElementType::float64);
  EXPECT_DOUBLE_EQ(mixed.values<double>()[5], 4.5);
  EXPECT_THROW((void)subtract(a, arange_i64({3, 2})), ShapeMismatchError);
  Array u(Shape{1}, std::vector<std::uint32_t>{1});
  Array u2(Shape{1}, std::vector<std::uint32_t>{2});
  EXPECT_EQ(subtract(u, u2).values<std::uint32_t>()[0], 4294967295u);  // numpy wraps
}

TEST(daq_axis, LinearDataKeepOffsetAndScalingAsNumpyFloat64) {
  Axis ax("myaxis", "ms", axis_values(10), 5);
  EXPECT_TRUE(ax.is_linear());
  EXPECT_EQ(ax.offset().kind(), PyValue::Kind::float64);
  EXPECT_EQ(ax.scaling().kind(), PyValue::Kind::float64);
  EXPECT_DOUBLE_EQ(ax.offset().as_float(), -20.4);
  EXPECT_NEAR(ax.scaling().as_float(), 0.22, 1e-12);
  EXPECT_EQ(ax.size(), 10u);
  EXPECT_EQ(ax.index(), 5);
  auto v = ax.values();
  ASSERT_EQ(v.size(), 10u);
  for (std::size_t i = 0; i < 10; ++i) EXPECT_NEAR(v[i], -20.4 + 0.22 * double(i), 1e-12);
}

TEST(daq_axis, MeanStepIsNumpysPairwiseMean) {
  // 200 steps: numpy.mean sums them pairwise; the scaling must be that exact double.
  std::vector<double> v(201);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = 0.1 * double(i) * 1.0000001;
  Axis ax("x", "", v);
  ASSERT_TRUE(ax.is_linear());
  std::vector<double> diff(200);
  for (std::size_t i = 0; i < 200; ++i) diff[i] = v[i + 1] - v[i];
  // numpy's pairwise sum of 200 items: halves of 96 (a multiple of 8) and 104, each by 8 accumulators.
  auto block = [&](std::size_t from, std::size_t n) {
    double r[8];
    for (int j = 0; j < 8; ++j) r[j] = diff[from + std::size_t(j)];
    std::size_t i = 8;
    for (; i < n - n % 8; i += 8)
      for (int j = 0; j < 8; ++j) r[j] += diff[from + i + std::size_t(j)];
    double s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; ++i) s += diff[from + i];
    return s;
  };
  const double expected = (block(0, 96) + block(96, 104)) / 200.0;
  EXPECT_EQ(ax.scaling().as_float(), expected);
}

TEST(daq_axis, NonLinearAndSingleValueAxes) {
  Axis ax("x", "", {0.0, 1.0, 5.0});
  EXPECT_FALSE(ax.is_linear());
  EXPECT_TRUE(ax.offset().is_none());
  EXPECT_TRUE(ax.scaling().is_none());
  EXPECT_EQ(ax.values(), (std::vector<double>{0.0, 1.0, 5.0}));
  Axis one("t", "s", {3.5});
  EXPECT_TRUE(one.is_linear());
  EXPECT_EQ(one.scaling().kind(), PyValue::Kind::integer);  // pymodaq: scaling = 1 for a length-1 axis
  EXPECT_EQ(one.offset().kind(), PyValue::Kind::float64);
  EXPECT_THROW(Axis("x", "", {1.0}, -1), InvalidArgumentError);
}

TEST(daq_axis, EqualityComparesLabelUnitsIndexAndValues) {
  EXPECT_EQ(Axis("a", "m", axis_values(5), 1), Axis("a", "m", axis_values(5), 1));
  EXPECT_NE(Axis("a", "m", axis_values(5), 1), Axis("a", "m", axis_values(5), 0));
  EXPECT_NE(Axis("a", "m", axis_values(5), 1), Axis("b", "m", axis_values(5), 1));
  EXPECT_EQ(Axis::linear("a", "m", -20.4, 0.22, 5, 1), Axis("a", "m", axis_values(5), 1));
}

TEST(daq_data, DimFromShapeAxesAndNavIndexes) {
  DataWithAxes d0("d0", {Array(std::vector<double>{2.7})});
  EXPECT_EQ(d0.dim(), DataDim::Data0D);
  DataWithAxes d1("d1", {arange_i64({10})});
  EXPECT_EQ(d1.dim(), DataDim::Data1D);
  DataWithAxes d2("d2", {arange_i64({5, 6})});
  EXPECT_EQ(d2.dim(), DataDim::Data2D);
  DataWithAxes d3("d3", {arange_i64({2, 5, 6})});
  EXPECT_EQ(d3.dim(), DataDim::DataND);
  DataWithAxes nd("nd", {arange_i64({5, 6})},
                  {.distribution = DataDistribution::spread,
                   .axes = {Axis("nav", "", axis_values(5), 0)},
                   .nav_indexes = {0}});
  EXPECT_EQ(nd.dim(), DataDim::DataND);
  EXPECT_EQ(nd.distribution(), DataDistribution::spread);
  EXPECT_EQ(nd.sig_indexes(), (std::vector<int>{1}));
  // Without nav indexes, spread is not possible: pymodaq forces uniform.
  DataWithAxes u("u", {arange_i64({5})}, {.distribution = DataDistribution::spread});
  EXPECT_EQ(u.distribution(), DataDistribution::uniform);
}

TEST(daq_data, LabelsDefaultToChannelNames) {
  DataWithAxes d("d", {arange_i64({3}), arange_i64({3}), arange_i64({3})}, {.labels = {"first"}});
  EXPECT_EQ(d.labels(), (std::vector<std::string>{"first", "CH01", "CH02"}));
  EXPECT_EQ(d.length(), 3u);
}

TEST(daq_data, RefusesInconsistentInput) {
  EXPECT_THROW(DataWithAxes("d", {}), InvalidArgumentError);
  EXPECT_THROW(DataWithAxes("d", {arange_i64({3}), arange_i64({4})}), ShapeMismatchError);
  EXPECT_THROW(DataWithAxes("d", {arange_i64({3})}, {.errors = std::vector<Array>{}}), ShapeMismatchError);
  EXPECT_THROW(DataWithAxes("d", {arange_i64({3})}, {.errors = std::vector<Array>{arange_i64({4})}}),
               ShapeMismatchError);
  EXPECT_THROW(DataWithAxes("d", {arange_i64({3})}, {.axes = {Axis("x", "", axis_values(4), 0)}}),
               ShapeMismatchError);
  EXPECT_THROW(DataWithAxes("d", {arange_i64({3})}, {.axes = {Axis("x", "", axis_values(3), 1)}}),
               InvalidArgumentError);
  EXPECT_THROW(DataWithAxes("d", {arange_i64({3})}, {.nav_indexes = {1}}), InvalidArgumentError);
  try {
    DataWithAxes("mydata", {arange_i64({3})}, {.errors = std::vector<Array>{arange_i64({3}), arange_i64({3})}});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("mydata"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("2 error arrays for 1 data arrays"), std::string::npos) << e.what();
  }
}

TEST(daq_data, ErrorsAsDataAndMissingAxes) {
  DataWithAxes d("mydata2D", {arange_i64({5, 6})}, {.errors = std::vector<Array>{arange_i64({5, 6})}});
  DataWithAxes e = d.errors_as_dwa();
  EXPECT_EQ(e.name(), "mydata2D_errors");
  EXPECT_FALSE(e.errors().has_value());
  EXPECT_EQ(e[0], d.errors()->at(0));
  d.create_missing_axes();
  ASSERT_EQ(d.axes().size(), 2u);
  EXPECT_EQ(d.axes()[0].index(), 0);
  EXPECT_EQ(d.axes()[0].size(), 5u);
  EXPECT_EQ(d.axes()[1].size(), 6u);
  EXPECT_EQ(d.axes()[1].offset().kind(), PyValue::Kind::integer);  // pymodaq's Axis(offset=0, scaling=1)
  DataWithAxes scalar("s", {Array(std::vector<double>{1.0})});
  scalar.create_missing_axes();
  EXPECT_TRUE(scalar.axes().empty());  // no axis for a dimension of extent 1
}

TEST(daq_data, EqualityIsPymodaqs) {
  DataWithAxes a("a", {arange_i64({4})}, {.labels = {"x"}});
  DataWithAxes b("b", {arange_i64({4})}, {.labels = {"y"}});
  EXPECT_EQ(a, b);  // names and labels are not compared
  DataWithAxes c("a", {Array(Shape{4}, std::vector<double>{0, 1, 2, 3.1})});
  EXPECT_NE(a, c);
  DataWithAxes with_axis("a", {arange_i64({4})}, {.axes = {Axis("x", "", axis_values(4), 0)}});
  EXPECT_NE(a, with_axis);
}

TEST(daq_data_to_export, OrdersByDimThenName) {
  DataToExport dte("mybigdata");
  dte.append(DataWithAxes("mydata2D", {arange_i64({5, 6})}));
  dte.append(DataWithAxes("mydata1D", {arange_i64({10})}));
  dte.append(DataWithAxes("mydata0Dbis", {Array(std::vector<double>{2.7})}));
  dte.append(DataWithAxes("mydata0D", {Array(std::vector<double>{2.7})}));
  EXPECT_EQ(dte.dims_present(), (std::vector<DataDim>{DataDim::Data0D, DataDim::Data1D, DataDim::Data2D}));
  std::vector<std::string> names;
  for (auto* d : dte.sorted()) names.push_back(d->name());
  EXPECT_EQ(names, (std::vector<std::string>{"mydata0D", "mydata0Dbis", "mydata1D", "mydata2D"}));
  // Appending the same name and origin replaces.
  dte.append(DataWithAxes("mydata1D", {arange_i64({3})}));
  EXPECT_EQ(dte.size(), 4u);
  EXPECT_EQ(dte.find("mydata1D")->shape(), (Shape{3}));
  dte.append(DataWithAxes("mydata1D", {arange_i64({3})}, {.origin = "other"}));
  EXPECT_EQ(dte.size(), 5u);
}

}  // namespace
}  // namespace h5kit::daq

#include "h5kit/dimension_scales.hpp"

#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/error_message.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::message_of;
using test::TempDir;

class DimensionScaleTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "dims.h5", "w"};
  Dataset data = f.create_dataset("temperature", std::vector<std::vector<float>>(3, std::vector<float>(4, 1.0f)));
  Dataset x = f.create_dataset("x", std::vector<double>{0, 1, 2, 3});
  Dataset t = f.create_dataset("time", std::vector<double>{10, 20, 30});
};

TEST_F(DimensionScaleTest, MakeScaleAttachLabelList) {
  EXPECT_FALSE(x.is_scale());
  x.make_scale("x");
  t.make_scale("time");
  EXPECT_TRUE(x.is_scale());
  EXPECT_EQ(x.scale_name(), "x");
  EXPECT_EQ(data.dims(1).size(), 0u);

  data.dims(0).attach_scale(t);
  data.dims(1).attach_scale(x);
  data.dims(0).set_label("t");
  EXPECT_EQ(data.dims(0).label(), "t");
  EXPECT_EQ(data.dims(1).label(), "");
  EXPECT_TRUE(data.dims(0).is_attached(t));
  EXPECT_FALSE(data.dims(0).is_attached(x));
  EXPECT_EQ(data.dims(1).size(), 1u);

  const std::vector<Dataset> scales = data.dims(1).scales();
  ASSERT_EQ(scales.size(), 1u);
  EXPECT_TRUE(scales[0] == x);
  EXPECT_EQ(scales[0].path(), "/x");
  EXPECT_EQ(scales[0].read<std::vector<double>>(), (std::vector<double>{0, 1, 2, 3}));
  EXPECT_EQ(data.dims(0).scale_names(), std::vector<std::string>{"time"});
  // Reopened from the file, everything is still there.
  const Dataset again = f.dataset("temperature");
  EXPECT_EQ(again.dims(0).label(), "t");
  EXPECT_EQ(again.dims(1).scale_names(), std::vector<std::string>{"x"});
}

TEST_F(DimensionScaleTest, SeveralScalesPerAxisInAttachmentOrderAndDetach) {
  const Dataset x_km = f.create_dataset("x_km", std::vector<double>{0, 0.001, 0.002, 0.003});
  x.make_scale("x");
  x_km.make_scale();  // unnamed
  EXPECT_EQ(x_km.scale_name(), "");
  data.dims(1).attach_scale(x);
  data.dims(1).attach_scale(x_km);
  data.dims(1).attach_scale(x);  // attaching twice keeps one attachment
  EXPECT_EQ(data.dims(1).scale_names(), (std::vector<std::string>{"x", ""}));
  data.dims(1).detach_scale(x);
  EXPECT_EQ(data.dims(1).size(), 1u);
  EXPECT_FALSE(data.dims(1).is_attached(x));
  EXPECT_TRUE(data.dims(1).scales()[0] == x_km);
  EXPECT_TRUE(x.is_scale());  // detaching leaves it a scale
}

TEST_F(DimensionScaleTest, LabelsWithoutScales) {
  data.dims(1).set_label("longitude");
  EXPECT_EQ(data.dims(1).label(), "longitude");
  EXPECT_EQ(data.dims(0).label(), "");
  data.dims(1).set_label("lon");
  EXPECT_EQ(data.dims(1).label(), "lon");
}

TEST_F(DimensionScaleTest, LengthMismatchIsAllowedAsInHdf5AndH5py) {
  x.make_scale("x");
  data.dims(0).attach_scale(x);  // axis 0 has 3 elements, x has 4
  EXPECT_TRUE(data.dims(0).is_attached(x));
}

TEST_F(DimensionScaleTest, ScaleByName) {
  x.make_scale("x");
  Dataset x_mm = f.create_dataset("x_mm", std::vector<double>{0, 10, 20, 30});
  x_mm.make_scale("x in mm");
  Dataset unnamed = f.create_dataset("unnamed", std::vector<double>{0, 1, 2, 3});
  unnamed.make_scale();
  for (const Dataset& s : {x, x_mm, unnamed}) data.dims(1).attach_scale(s);
  EXPECT_EQ(data.dims(1).scale("x in mm").path(), "/x_mm");  // h5py's dims[1]["x in mm"]
  EXPECT_EQ(data.dims(1).scale("x").read<std::vector<double>>(), (std::vector<double>{0, 1, 2, 3}));
  const std::string missing = message_of<NotFoundError>([&] { data.dims(1).scale("y"); });
  EXPECT_NE(missing.find("no scale named \"y\" on axis 1 (attached: x, x in mm, (unnamed))"), std::string::npos)
      << missing;
  const std::string none = message_of<NotFoundError>([&] { data.dims(0).scale("x"); });
  EXPECT_NE(none.find("none is attached"), std::string::npos) << none;
}

TEST_F(DimensionScaleTest, AxisOutOfRange) {
  const std::string m = message_of<InvalidArgumentError>([&] { data.dims(2); });
  EXPECT_NE(m.find("axis 2 is out of range"), std::string::npos) << m;
  EXPECT_NE(m.find("(3, 4)"), std::string::npos) << m;
  const Dataset scalar = f.create_dataset("scalar", 1.0);
  EXPECT_THROW(scalar.dims(0), InvalidArgumentError);
}

TEST_F(DimensionScaleTest, AttachingANonScaleIsRefusedAndChangesNothing) {
  const std::string m = message_of<InvalidArgumentError>([&] { data.dims(0).attach_scale(t); });
  EXPECT_NE(m.find("\"/time\" is not a dimension scale"), std::string::npos) << m;
  EXPECT_NE(m.find("make_scale"), std::string::npos) << m;
  EXPECT_FALSE(t.is_scale());
  EXPECT_FALSE(t.attrs().contains("CLASS"));
  EXPECT_EQ(data.dims(0).size(), 0u);
}

TEST_F(DimensionScaleTest, AttachingToItselfOrToAScaleIsRefused) {
  x.make_scale("x");
  t.make_scale("time");
  std::string m = message_of<InvalidArgumentError>([&] { x.dims(0).attach_scale(x); });
  EXPECT_NE(m.find("itself"), std::string::npos) << m;
  m = message_of<InvalidArgumentError>([&] { x.dims(0).attach_scale(t); });
  EXPECT_NE(m.find("is itself a dimension scale"), std::string::npos) << m;
  EXPECT_EQ(x.dims(0).size(), 0u);
}

TEST_F(DimensionScaleTest, MakingADatasetWithScalesAScaleIsRefused) {
  x.make_scale("x");
  data.dims(1).attach_scale(x);
  const std::string m = message_of<InvalidArgumentError>([&] { data.make_scale("data"); });
  EXPECT_NE(m.find("cannot have scales"), std::string::npos) << m;
  EXPECT_FALSE(data.is_scale());
}

TEST_F(DimensionScaleTest, DetachingWhatIsNotAttached) {
  x.make_scale("x");
  t.make_scale("time");
  data.dims(1).attach_scale(x);
  std::string m = message_of<NotFoundError>([&] { data.dims(1).detach_scale(t); });
  EXPECT_NE(m.find("\"/time\" is not attached to axis 1"), std::string::npos) << m;
  m = message_of<NotFoundError>([&] { data.dims(0).detach_scale(x); });
  EXPECT_NE(m.find("not attached to axis 0"), std::string::npos) << m;
  EXPECT_EQ(data.dims(1).size(), 1u);
}

TEST_F(DimensionScaleTest, ScaleNameOfANonScale) {
  EXPECT_THROW(t.scale_name(), InvalidArgumentError);
}

TEST_F(DimensionScaleTest, ScaleFromAnotherFileIsRefused) {
  File other(dir / "other.h5", "w");
  const Dataset foreign = other.create_dataset("x", std::vector<double>{1, 2, 3, 4});
  foreign.make_scale("x");
  const std::string m = message_of<InvalidArgumentError>([&] { data.dims(1).attach_scale(foreign); });
  EXPECT_NE(m.find("another file"), std::string::npos) << m;
  EXPECT_EQ(data.dims(1).size(), 0u);
}

TEST_F(DimensionScaleTest, ScalesOnReadOnlyFileCanBeListedNotChanged) {
  x.make_scale("x");
  data.dims(1).attach_scale(x);
  data = {};
  x = {};
  t = {};
  f.close();
  File ro(dir / "dims.h5", "r");
  const Dataset d = ro.dataset("temperature");
  EXPECT_EQ(d.dims(1).scale_names(), std::vector<std::string>{"x"});
  EXPECT_THROW(d.dims(0).set_label("nope"), Error);
  EXPECT_EQ(d.dims(0).label(), "");
}

}  // namespace
}  // namespace h5kit

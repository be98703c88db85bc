// Dimension scales across the h5kit <-> h5py boundary (dset.dims[i], h5py.h5ds).
//   A: h5kit attaches and labels, tests/interop/h5py_dimension_scales.py check-scales reads them.
//   B: h5py_dimension_scales.py write-scales attaches (netCDF habits included), h5kit lists them.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "interop/peer_file_fixture.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

TEST(interop_dimension_scales, H5pySeesH5kitScales) {
  TempDir dir;
  const std::string path = dir / "scales.h5";
  {
    File f(path, "w");
    const h5kit::Dataset data =
        f.create_dataset("temperature", std::vector<std::vector<float>>(3, std::vector<float>(4, 1.0f)));
    const h5kit::Dataset t = f.create_dataset("time", std::vector<double>{10, 20, 30});
    const h5kit::Dataset x = f.create_dataset("x", std::vector<double>{0, 1, 2, 3});
    const h5kit::Dataset x_km = f.create_dataset("x_km", std::vector<double>{0, 0.001, 0.002, 0.003});
    t.make_scale("time");
    x.make_scale("x");
    x_km.make_scale();
    data.dims(0).attach_scale(t);
    data.dims(1).attach_scale(x);
    data.dims(1).attach_scale(x_km);
    data.dims(0).set_label("time");
    const h5kit::Dataset detached = f.create_dataset("detached", std::vector<double>{1, 2, 3});
    detached.dims(0).attach_scale(t);
    detached.dims(0).detach_scale(t);
  }
  EXPECT_TRUE(run_peer_case("h5py_dimension_scales.py", "check-scales", {path}));
}

class interop_dimension_scales_from_h5py
    : public PeerFileTest<"h5py_dimension_scales.py", "write-scales", "scales_from_h5py.h5"> {};

TEST_F(interop_dimension_scales_from_h5py, ScalesAndLabels) {
  const h5kit::Dataset data = file_.dataset("temperature");
  EXPECT_EQ(data.dims(0).label(), "time");
  EXPECT_EQ(data.dims(1).label(), "distance");
  EXPECT_EQ(data.dims(0).scale_names(), std::vector<std::string>{"time"});
  EXPECT_EQ(data.dims(1).scale_names(), (std::vector<std::string>{"x", ""}));
  const auto scales = data.dims(1).scales();
  ASSERT_EQ(scales.size(), 2u);
  EXPECT_EQ(scales[0].path(), "/x");
  EXPECT_EQ(scales[1].path(), "/x_km");
  EXPECT_EQ(scales[1].read<std::vector<double>>()[3], 0.003);
  EXPECT_TRUE(data.dims(1).is_attached(file_.dataset("x")));
  EXPECT_FALSE(data.dims(0).is_attached(file_.dataset("x")));
  EXPECT_TRUE(file_.dataset("x").is_scale());
  EXPECT_FALSE(data.is_scale());
  EXPECT_EQ(file_.dataset("time").scale_name(), "time");
}

TEST_F(interop_dimension_scales_from_h5py, NetcdfHabitsImitatedByH5py) {
  const h5kit::Dataset bounds = file_.dataset("time_bnds");
  const auto nv = bounds.dims(1).scales();
  ASSERT_EQ(nv.size(), 1u);
  EXPECT_EQ(nv[0].scale_name(), "This is a netCDF dimension but not a netCDF variable.         2");
  EXPECT_EQ(nv[0].attrs().get<std::int32_t>("_Netcdf4Dimid"), 2);
  EXPECT_EQ(bounds.dims(0).scales().at(0).attrs().get<std::int32_t>("_Netcdf4Dimid"), 0);
  // The time scale serves two datasets: its REFERENCE_LIST has one record per attachment.
  EXPECT_EQ(file_.dataset("time").attrs().open("REFERENCE_LIST").shape(), (Shape{2}));
  EXPECT_EQ(file_.dataset("time").attrs().open("REFERENCE_LIST").read_native().count(), 2u);
}

}  // namespace
}  // namespace h5kit::test

// Files of the real netCDF-4 library (netCDF-C 4.9 through netCDF4-python, tests/interop/netcdf_peer.py)
// read as plain HDF5: dimension scales, _Netcdf4Dimid, _FillValue, the DIMENSION_LIST and
// REFERENCE_LIST attributes, strings, groups, compression. And netCDF-4 reading a file h5kit wrote
// with netCDF's conventions.
#include <hdf5.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "interop/peer_file_fixture.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kNoVariable[] = "This is a netCDF dimension but not a netCDF variable.";

class interop_netcdf_from_netcdf4 : public PeerFileTest<"netcdf_peer.py", "write-netcdf", "from_netcdf.nc"> {};

TEST_F(interop_netcdf_from_netcdf4, CoordinateVariablesAreDimensionScales) {
  const h5kit::Dataset temp = file_.dataset("temp");
  EXPECT_EQ(temp.shape(), (Shape{2, 3, 4}));
  EXPECT_EQ(temp.maxshape(), (Shape{unlimited, 3, 4}));  // the unlimited dimension
  EXPECT_FALSE(temp.is_scale());
  EXPECT_EQ(temp.dims(0).scale_names(), std::vector<std::string>{"time"});
  EXPECT_EQ(temp.dims(1).scale_names(), std::vector<std::string>{"lat"});
  EXPECT_EQ(temp.dims(2).scale_names(), std::vector<std::string>{"lon"});
  EXPECT_EQ(temp.dims(0).label(), "");  // netCDF does not label axes
  const std::vector<h5kit::Dataset> lat = temp.dims(1).scales();
  ASSERT_EQ(lat.size(), 1u);
  EXPECT_EQ(lat[0].path(), "/lat");
  EXPECT_EQ(lat[0].read<std::vector<float>>(), (std::vector<float>{-10, 0, 10}));
  EXPECT_TRUE(file_.dataset("time").is_scale());
  EXPECT_EQ(file_.dataset("time").read<std::vector<double>>(), (std::vector<double>{0, 6}));
  EXPECT_EQ(file_.dataset("time").attrs().get<std::string>("units"), "hours since 2000-01-01");
}

TEST_F(interop_netcdf_from_netcdf4, DimensionWithoutVariableIsANamelessScale) {
  const h5kit::Dataset bounds = file_.dataset("lat_bnds");
  const std::vector<h5kit::Dataset> nv = bounds.dims(1).scales();
  ASSERT_EQ(nv.size(), 1u);
  EXPECT_EQ(nv[0].path(), "/nv");
  // netCDF's marker for a dimension with no coordinate variable, followed by its length.
  EXPECT_EQ(nv[0].scale_name(), std::string(kNoVariable) + "         2");
  EXPECT_EQ(nv[0].shape(), (Shape{2}));
  EXPECT_EQ(bounds.read<std::vector<std::vector<float>>>(),
            (std::vector<std::vector<float>>{{-15, -5}, {-5, 5}, {5, 15}}));
}

TEST_F(interop_netcdf_from_netcdf4, Netcdf4DimidAttributes) {
  EXPECT_EQ(file_.dataset("time").attrs().get<std::int32_t>("_Netcdf4Dimid"), 0);
  EXPECT_EQ(file_.dataset("lat").attrs().get<std::int32_t>("_Netcdf4Dimid"), 1);
  EXPECT_EQ(file_.dataset("lon").attrs().get<std::int32_t>("_Netcdf4Dimid"), 2);
  EXPECT_EQ(file_.dataset("nv").attrs().get<std::int32_t>("_Netcdf4Dimid"), 3);
  EXPECT_EQ(file_.dataset("temp").attrs().get<std::vector<std::int32_t>>("_Netcdf4Coordinates"),
            (std::vector<std::int32_t>{0, 1, 2}));
}

TEST_F(interop_netcdf_from_netcdf4, FillValueAttributeMatchesTheDatasetFillValue) {
  const h5kit::Dataset temp = file_.dataset("temp");
  EXPECT_EQ(temp.attrs().get<float>("_FillValue"), -999.0f);
  EXPECT_EQ(temp.fill_value<float>(), -999.0f);
  EXPECT_EQ(temp.fill_value<double>(), -999.0);
  EXPECT_EQ(temp.attrs().get<std::vector<float>>("valid_range"), (std::vector<float>{0, 400}));
  // Masked values are stored as the fill value.
  const auto values = temp.read<std::vector<std::vector<std::vector<float>>>>();
  EXPECT_EQ(values[1][2][3], -999.0f);
  EXPECT_EQ(values[0][0][1], 0.25f);
  EXPECT_EQ(values[1][2][2], 22.0f / 4);
}

TEST_F(interop_netcdf_from_netcdf4, CompressedVariable) {
  const h5kit::Dataset temp = file_.dataset("temp");
  EXPECT_EQ(temp.layout(), Layout::chunked);
  EXPECT_EQ(temp.gzip_level(), 4);
}

TEST_F(interop_netcdf_from_netcdf4, AttributesOfSeveralTypes) {
  const AttributeManager attrs = file_.attrs();
  EXPECT_EQ(attrs.get<std::string>("title"), "h5kit interop");  // NC_CHAR: fixed-length
  EXPECT_TRUE(attrs.open("title").dtype().is_fixed_string());
  // NC_STRING: a variable-length string, stored as an array of one.
  EXPECT_TRUE(attrs.open("history").dtype().is_variable_string());
  EXPECT_EQ(attrs.get<std::vector<std::string>>("history"), std::vector<std::string>{"written by netcdf_peer.py"});
  EXPECT_EQ(attrs.get<std::int32_t>("version"), 3);  // shape (1,), read as a scalar
  EXPECT_EQ(attrs.get<std::vector<double>>("scale_factors"), (std::vector<double>{0.5, 2.0}));
  EXPECT_EQ(attrs.get<std::vector<std::uint8_t>>("flags"), (std::vector<std::uint8_t>{1, 2, 4}));
  EXPECT_EQ(attrs.get<std::string>("_NCProperties").rfind("version=2,netcdf=", 0), 0u);
}

TEST_F(interop_netcdf_from_netcdf4, StringVariable) {
  EXPECT_EQ(file_.dataset("station").read<std::vector<std::string>>(),
            (std::vector<std::string>{"north", "east", "south", "west"}));
  EXPECT_EQ(file_.dataset("station").dims(0).scale_names(), std::vector<std::string>{"lon"});
}

TEST_F(interop_netcdf_from_netcdf4, GroupWithItsOwnAndInheritedDimensions) {
  const h5kit::Dataset wind = file_.dataset("forecast/wind");
  EXPECT_EQ(wind.dims(0).scales().at(0).path(), "/forecast/step");
  EXPECT_EQ(wind.dims(1).scales().at(0).path(), "/lat");  // a dimension of the parent group
  EXPECT_EQ(wind.read<std::vector<std::vector<double>>>()[2][1], 7.0);
  EXPECT_EQ(file_.dataset("forecast/step").read<std::vector<std::int32_t>>(), (std::vector<std::int32_t>{1, 2, 3}));
}

TEST_F(interop_netcdf_from_netcdf4, DimensionListAndReferenceListAreReadableRaw) {
  // DIMENSION_LIST: one variable-length sequence of object references per axis.
  const Attribute dimension_list = file_.dataset("temp").attrs().open("DIMENSION_LIST");
  EXPECT_EQ(dimension_list.dtype().name(), "vlen(ref)");
  const RawData lists = dimension_list.read_native();
  ASSERT_EQ(lists.count(), 3u);
  const auto* sequences = reinterpret_cast<const hvl_t*>(lists.data());
  const char* expected[] = {"/time", "/lat", "/lon"};
  for (std::size_t axis = 0; axis < 3; ++axis) {
    ASSERT_EQ(sequences[axis].len, 1u) << axis;
    const ObjectReference ref{static_cast<const hobj_ref_t*>(sequences[axis].p)[0]};
    EXPECT_EQ(file_.dereference(ref).path(), expected[axis]);
  }
  // REFERENCE_LIST: compound {dataset: object reference, dimension: int32} on each scale.
  const Attribute reference_list = file_.dataset("lat").attrs().open("REFERENCE_LIST");
  EXPECT_EQ(reference_list.dtype().name(), "compound{dataset:ref,dimension:int32}");
  const RawData backs = reference_list.read_native();
  ASSERT_EQ(backs.count(), 3u);
  const auto members = backs.type().members();
  std::vector<std::string> users;
  for (std::size_t i = 0; i < backs.count(); ++i) {
    const std::byte* record = backs.data() + i * backs.type().size();
    ObjectReference ref;
    std::memcpy(&ref.address, record + members[0].offset, sizeof ref.address);
    std::int32_t axis = 0;
    std::memcpy(&axis, record + members[1].offset, sizeof axis);
    users.push_back(file_.dereference(ref).path() + ":" + std::to_string(axis));
  }
  EXPECT_EQ(users, (std::vector<std::string>{"/lat_bnds:0", "/temp:1", "/forecast/wind:1"}));
  // And they are ordinary attributes for listing.
  const auto keys = file_.dataset("temp").attrs().keys();
  EXPECT_NE(std::find(keys.begin(), keys.end(), "DIMENSION_LIST"), keys.end());
}

// ---- h5kit writes with netCDF's conventions, netCDF-4 reads ---------------------------------------

TEST(interop_netcdf, Netcdf4ReadsAFileH5kitWroteWithDimensionScales) {
  TempDir dir;
  const std::string path = dir / "from_h5kit.nc";
  {
    File f(path, "w");
    const h5kit::Dataset x = f.create_dataset("x", std::vector<double>{10, 20, 30});
    x.make_scale("x");
    x.attrs().set("_Netcdf4Dimid", std::int32_t{0});
    // A dimension with no variable: netCDF's marker name, the length right-aligned in 10 columns.
    const h5kit::Dataset y = f.create_dataset("y", Shape{2}, Datatype::float32());
    y.make_scale(std::string(kNoVariable) + "         2");
    y.attrs().set("_Netcdf4Dimid", std::int32_t{1});
    const h5kit::Dataset data = f.create_dataset(
        "data", std::vector<std::vector<float>>{{1, 2, 3}, {4, -1, 6}}, DatasetOptions{}.fill_value(-1.0f));
    data.attrs().set("_FillValue", -1.0f);
    data.attrs().set("units", std::string("m"));
    data.dims(0).attach_scale(y);
    data.dims(1).attach_scale(x);
  }
  EXPECT_TRUE(run_peer_case("netcdf_peer.py", "check-netcdf-reads", {path}));
}

}  // namespace
}  // namespace h5kit::test

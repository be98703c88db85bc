"""netCDF-4 peer for tests/interop/netcdf_test.cpp: files written by the real netCDF-C library
(through netCDF4-python), which h5kit must read as plain HDF5 — dimension scales, _FillValue,
_Netcdf4Dimid, DIMENSION_LIST/REFERENCE_LIST and all."""
import netCDF4
import numpy as np

from interop_common import Checker, run

TEMP = np.arange(2 * 3 * 4, dtype=np.float32).reshape(2, 3, 4) / 4


def write_netcdf(path):
    with netCDF4.Dataset(path, "w", format="NETCDF4") as nc:
        nc.title = "h5kit interop"                      # NC_CHAR: a fixed-length string
        nc.setncattr_string("history", "written by netcdf_peer.py")  # NC_STRING: variable-length
        nc.version = np.int32(3)
        nc.scale_factors = np.array([0.5, 2.0], dtype=np.float64)
        nc.flags = np.array([1, 2, 4], dtype=np.uint8)

        nc.createDimension("time", None)  # unlimited
        nc.createDimension("lat", 3)
        nc.createDimension("lon", 4)
        nc.createDimension("nv", 2)       # a dimension with no coordinate variable

        time = nc.createVariable("time", "f8", ("time",))
        time.units = "hours since 2000-01-01"
        lat = nc.createVariable("lat", "f4", ("lat",))
        lat.units = "degrees_north"
        lon = nc.createVariable("lon", "f4", ("lon",))
        lat[:] = [-10.0, 0.0, 10.0]
        lon[:] = [0.0, 90.0, 180.0, 270.0]
        bounds = nc.createVariable("lat_bnds", "f4", ("lat", "nv"))
        bounds[:] = [[-15, -5], [-5, 5], [5, 15]]

        temp = nc.createVariable("temp", "f4", ("time", "lat", "lon"), zlib=True, complevel=4,
                                 fill_value=np.float32(-999.0))
        temp.units = "K"
        temp.valid_range = np.array([0.0, 400.0], dtype=np.float32)
        time[0:2] = [0.0, 6.0]
        temp[0:2, :, :] = TEMP
        temp[1, 2, 3] = np.ma.masked  # stored as the fill value

        names = nc.createVariable("station", str, ("lon",))
        for i, name in enumerate(["north", "east", "south", "west"]):
            names[i] = name

        forecast = nc.createGroup("forecast")
        forecast.createDimension("step", 3)
        step = forecast.createVariable("step", "i4", ("step",))
        step[:] = [1, 2, 3]
        wind = forecast.createVariable("wind", "f8", ("step", "lat"))  # lat from the parent group
        wind[:] = np.arange(9, dtype=np.float64).reshape(3, 3)
    print(f"wrote {path}")


def check_netcdf_reads(path):
    """netCDF-4 reads a file h5kit wrote with netCDF's conventions (dimension scales named as
    netCDF names them, _Netcdf4Dimid, _FillValue)."""
    c = Checker(path)
    with netCDF4.Dataset(path, "r") as nc:
        c.equal("dimensions", sorted(nc.dimensions), ["x", "y"])
        c.equal("len(x)", len(nc.dimensions["x"]), 3)
        c.equal("len(y)", len(nc.dimensions["y"]), 2)
        c.equal("variables", sorted(nc.variables), ["data", "x"])
        c.equal("data dimensions", nc["data"].dimensions, ("y", "x"))
        c.array("x values", nc["x"][:].data, np.array([10, 20, 30], dtype=np.float64))
        data = nc["data"][:]
        c.array("data values", data.data, np.array([[1, 2, 3], [4, -1, 6]], dtype=np.float32))
        c.equal("data masked where _FillValue", data.mask.tolist(), [[False] * 3, [False, True, False]])
        c.equal("data units", nc["data"].units, "m")
    c.finish()


run({
    "write-netcdf": write_netcdf,
    "check-netcdf-reads": check_netcdf_reads,
})

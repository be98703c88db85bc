"""h5py peer for tests/interop/h5py_dimension_scales_test.cpp: dimension scales (dset.dims)."""
import h5py
import numpy as np

from interop_common import Checker, run

NO_VARIABLE = "This is a netCDF dimension but not a netCDF variable."


# ---- A: h5kit wrote the file, h5py checks it -------------------------------------------------

def check_scales(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        data = f["temperature"]
        c.equal("len(dims)", len(data.dims), 2)
        c.equal("dims[0].label", data.dims[0].label, "time")
        c.equal("dims[1].label", data.dims[1].label, "")
        c.equal("dims[0].keys()", list(data.dims[0].keys()), ["time"])
        c.equal("dims[1].keys()", list(data.dims[1].keys()), ["x", ""])
        c.equal("dims[1] scale paths", [s.name for s in data.dims[1].values()], ["/x", "/x_km"])
        c.true(data.dims[0]["time"] == f["time"], "dims[0]['time'] is not /time")
        c.array("dims[1][0] values", data.dims[1][0][()], np.array([0, 1, 2, 3], dtype=np.float64))
        c.true(h5py.h5ds.is_scale(f["x"].id), "/x is not a dimension scale")
        c.true(h5py.h5ds.is_attached(data.id, f["x"].id, 1), "/x is not attached to axis 1")
        c.true(not h5py.h5ds.is_attached(data.id, f["x"].id, 0), "/x is attached to axis 0")
        c.true(not h5py.h5ds.is_scale(data.id), "/temperature became a scale")
        c.equal("/x_km scale name", h5py.h5ds.get_scale_name(f["x_km"].id), b"")
        c.equal("detached: len(dims[0]) of /detached", len(f["detached"].dims[0]), 0)
    c.finish()


# ---- B: h5py writes the file, h5kit checks it ------------------------------------------------

def write_scales(path):
    with h5py.File(path, "w") as f:
        data = f.create_dataset("temperature", data=np.ones((3, 4), dtype=np.float32))
        t = f.create_dataset("time", data=np.array([10.0, 20.0, 30.0]))
        x = f.create_dataset("x", data=np.arange(4, dtype=np.float64))
        x2 = f.create_dataset("x_km", data=np.arange(4, dtype=np.float64) / 1000)
        t.make_scale("time")
        x.make_scale("x")
        x2.make_scale()
        data.dims[0].attach_scale(t)
        data.dims[1].attach_scale(x)
        data.dims[1].attach_scale(x2)
        data.dims[0].label = "time"
        data.dims[1].label = "distance"

        # netCDF-4's habits, imitated: a dimension without a coordinate variable is a scale with a
        # marker NAME, and every scale carries its dimension id.
        nv = f.create_dataset("nv", shape=(2,), dtype=np.float32)
        nv.make_scale(f"{NO_VARIABLE}{2:10d}")
        nv.attrs["_Netcdf4Dimid"] = np.int32(2)
        t.attrs["_Netcdf4Dimid"] = np.int32(0)
        x.attrs["_Netcdf4Dimid"] = np.int32(1)
        bounds = f.create_dataset("time_bnds", data=np.zeros((3, 2)))
        bounds.dims[0].attach_scale(t)
        bounds.dims[1].attach_scale(nv)
    print(f"wrote {path}")


run({
    "check-scales": check_scales,
    "write-scales": write_scales,
})

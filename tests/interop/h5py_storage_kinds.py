"""h5py peer for tests/interop/h5py_storage_kinds_test.cpp: external raw storage, bitfields, paged
files with a page buffer, filters this process cannot load, and dimension scales found by name."""
import os

import h5py
import numpy as np

from interop_common import Checker, run


# ---- A: h5kit wrote the file, h5py checks it -------------------------------------------------

def check_kinds(path):
    c = Checker(path)
    directory = os.path.dirname(path)
    with h5py.File(path, "r") as f:
        ds = f["external"]
        c.equal("external list", ds.external, [(os.path.join(directory, "raw.bin"), 0, h5py.h5f.UNLIMITED)])
        c.array("external values", ds[()], np.arange(6, dtype=np.int32))

        ds = f["flags"]
        c.equal("flags class", ds.id.get_type().get_class(), h5py.h5t.BITFIELD)
        c.equal("flags dtype as h5py reads it", ds.dtype, np.dtype("uint16"))
        c.array("flags values", ds[()], np.array([1, 0x8001, 0xFFFF], np.uint16))
        ds = f["flags_be"]
        c.equal("flags_be order", ds.id.get_type().get_order(), h5py.h5t.ORDER_BE)
        c.array("flags_be values", ds[()].astype(np.uint32), np.array([0x01020304, 0x80000000], np.uint32))

        ds = f["unknown"]
        c.equal("unknown filter", ds.id.get_create_plist().get_filter(0)[:2], (40000, h5py.h5z.FLAG_OPTIONAL))
        c.equal("unknown direct chunk", ds.id.read_direct_chunk((0,))[1], b"\x2a" * 5)

        c.equal("scale by name", f["data"].dims[0]["time"].name, "/time")
        plist = f.id.get_create_plist()
        c.equal("file space strategy", plist.get_file_space_strategy(), (h5py.h5f.FSPACE_STRATEGY_PAGE, True, 1))
        c.equal("file space page size", plist.get_file_space_page_size(), 4096)
    # h5py reads the paged file through its own page buffer too.
    with h5py.File(path, "r", page_buf_size=16384) as f:
        c.array("page-buffered read", f["external"][()], np.arange(6, dtype=np.int32))
    c.finish()


# ---- B: h5py writes, h5kit reads -------------------------------------------------------------

def write_kinds(directory):
    path = os.path.join(directory, "kinds.h5")
    with h5py.File(path, "w", fs_strategy="page", fs_persist=True, fs_threshold=64, fs_page_size=8192) as f:
        f.create_dataset("external", data=np.arange(4, dtype=np.float64),
                         external=[(os.path.join(directory, "h5py.bin"), 16, 32)])
        space = h5py.h5s.create_simple((3,))
        h5py.h5d.create(f.id, b"flags", h5py.h5t.STD_B8LE, space)
        f["flags"][...] = np.array([1, 2, 0x81], np.uint8)
        f["time"] = np.arange(3.0)
        f["time"].make_scale("time")
        f["data"] = np.zeros(3)
        f["data"].dims[0].attach_scale(f["time"])
    print(f"wrote {path}")


run({
    "check-kinds": check_kinds,
    "write-kinds": write_kinds,
})

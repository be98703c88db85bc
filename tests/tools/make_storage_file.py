"""Writes, with h5py, datasets with every storage detail `h5kit tree --details` shows: each layout
(compact, contiguous, chunked, virtual), filter pipelines with options, fill values, maxshape,
dimension scales, a named type and attributes of several types, for tree_test.cpp.

Usage: /usr/bin/python3 make_storage_file.py OUT.h5
The expected listing is asserted in tree_test.cpp (TreeCommand.Details*); keep them in step.
"""
import sys

import h5py
import numpy as np


def main(path):
    with h5py.File(path, "w") as f:
        f.attrs["title"] = "storage"
        f.create_dataset("contiguous", data=np.arange(3, dtype="<i8"), fillvalue=7)

        # h5py's high level has no switch for the compact layout.
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_layout(h5py.h5d.COMPACT)
        compact = h5py.h5d.create(f.id, b"compact", h5py.h5t.STD_I16LE, h5py.h5s.create_simple((4,)), dcpl=dcpl)
        compact.write(h5py.h5s.ALL, h5py.h5s.ALL, np.array([1, 2, 3, 4], dtype="<i2"))

        f.create_dataset("gzip", data=np.zeros((4, 6)), chunks=(2, 3), maxshape=(None, 6),
                         compression="gzip", compression_opts=4, shuffle=True, fletcher32=True, fillvalue=-1.5)
        f.create_dataset("lzf", data=np.arange(100, dtype="<f4"), chunks=(50,), compression="lzf")
        f.create_dataset("scaleoffset", data=np.arange(100, dtype="<i4"), chunks=(25,), scaleoffset=0)

        layout = h5py.VirtualLayout(shape=(2, 3), dtype="<i8")
        layout[0] = h5py.VirtualSource(f["contiguous"])
        layout[1] = h5py.VirtualSource(f["contiguous"])
        f.create_virtual_dataset("virtual", layout)

        x = f.create_dataset("x", data=np.arange(4.0))
        x.make_scale("x")
        y = f.create_dataset("y", data=np.arange(6.0))
        y.make_scale()  # a scale without a name
        image = f.create_dataset("image", data=np.zeros((4, 6), dtype="u1"))
        image.dims[0].attach_scale(x)
        image.dims[1].attach_scale(y)
        image.attrs["when"] = np.array("2024-05-01", dtype="M8[D]").astype(h5py.opaque_dtype(np.dtype("M8[D]")))

        f["kelvin"] = np.dtype("<f8")
        f["kelvin"].attrs["units"] = "K"


if __name__ == "__main__":
    main(sys.argv[1])

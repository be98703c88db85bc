"""h5py peer for tests/interop/h5py_virtual_test.cpp: virtual datasets both ways."""
import os

import h5py
import numpy as np

from interop_common import Checker, run


def module_row(m, n):
    return np.arange(n, dtype=np.int32) + 100 * m


def frames(n):
    return (np.arange(40, dtype=np.uint16) + 1000 * n).reshape(10, 4)


def mapping_summary(vmap):
    """(file, dataset, virtual bounds, source bounds) of one of h5py's VDSmap entries."""
    return (vmap.file_name, vmap.dset_name, vmap.vspace.get_select_bounds(), vmap.src_space.get_select_bounds())


# ---- A: h5kit wrote the file, h5py checks it -------------------------------------------------

def check_virtual(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["frames"]
        c.true(ds.is_virtual, "frames is virtual")
        c.array("frames values", ds[()], np.stack([module_row(m, 6) for m in range(4)]))
        sources = ds.virtual_sources()
        c.equal("frames mapping count", len(sources), 4)
        c.equal("frames mapping 2", mapping_summary(sources[2]), (".", "/modules/2", ((2, 0), (2, 5)), ((0,), (5,))))

        ds = f["other_files"]  # module 1's file is missing: the fill value -1
        expected = np.stack([module_row(0, 5), np.full(5, -1, np.int32), module_row(2, 5)])
        c.array("other_files values", ds[()], expected)
        c.equal("other_files fillvalue", ds.fillvalue, -1)
        c.equal("other_files mapping 1 file", ds.virtual_sources()[1].file_name, "module-1.h5")

        ds = f["selected"]
        c.array("selected values", ds[()], np.array([[0, 2, 4, 6, 8], [7, 17, 18, 19, 7]], np.int32))

        ds = f["printf"]
        c.equal("printf shape", ds.shape, (30, 4))
        c.equal("printf maxshape", ds.maxshape, (None, 4))
        c.array("printf values", ds[()], np.concatenate([frames(n) for n in range(3)]))
        vmap = ds.virtual_sources()[0]
        c.equal("printf file name", vmap.file_name, "frames-%b.h5")
        c.true(vmap.vspace.is_regular_hyperslab(), "printf region is a regular hyperslab")
        start, stride, count, block = vmap.vspace.get_regular_hyperslab()
        c.equal("printf region", (start, stride, count[1], block), ((0, 0), (10, 1), 1, (10, 4)))
        c.equal("printf region count without end", count[0], h5py.h5s.UNLIMITED)

        ds = f["grows"]
        c.equal("grows shape (the source grew after)", ds.shape, (3, 3))
        c.array("grows values", ds[()], np.arange(9, dtype=np.int32).reshape(3, 3))
    c.finish()


# ---- B: h5py writes, h5kit reads -------------------------------------------------------------

def write_virtual(directory):
    for m in range(3):
        with h5py.File(os.path.join(directory, f"src-{m}.h5"), "w") as s:
            s["data"] = module_row(m, 5)
    with h5py.File(os.path.join(directory, "vds.h5"), "w") as f:
        layout = h5py.VirtualLayout(shape=(3, 5), dtype=np.int32)
        for m in range(3):
            layout[m] = h5py.VirtualSource(f"src-{m}.h5", "data", shape=(5,))
        f.create_virtual_dataset("stack", layout, fillvalue=-9)

        f["base"] = np.arange(12, dtype=np.float64)
        layout = h5py.VirtualLayout(shape=(2, 3), dtype=np.float64)
        layout[0] = h5py.VirtualSource(f["base"])[0:6:2]
        layout[1, 1:] = h5py.VirtualSource(f["base"])[10:]
        f.create_virtual_dataset("picked", layout, fillvalue=0.5)

        log = f.create_dataset("log", data=np.arange(4, dtype=np.int64), maxshape=(None,), chunks=(4,))
        layout = h5py.VirtualLayout(shape=(4,), maxshape=(None,), dtype=np.int64)
        layout[:h5py.h5s.UNLIMITED] = h5py.VirtualSource(log)[:h5py.h5s.UNLIMITED]
        f.create_virtual_dataset("endless", layout)
        log.resize((6,))
        log[4:] = [40, 50]
    print(f"wrote {directory}")


run({
    "check-virtual": check_virtual,
    "write-virtual": write_virtual,
})

"""h5py peer for tests/interop/h5py_growing_test.cpp: growing, iterating and "like" datasets.

check-written: h5kit appended rows, resized one axis, used an Appender and create_dataset_like;
h5py reads the results. write-chunked: h5py writes a chunked dataset and records its own
iter_chunks() blocks (start, stop per axis) beside it, for h5kit to compare with its own.
"""
import h5py
import numpy as np

from interop_common import Checker, run


def check_written(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        log = f["log"]
        c.equal("log maxshape", log.maxshape, (None, 3))
        c.array("log after appends", log[()], np.array([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]], dtype=np.float64))
        c.array("appended strings", f["names"].asstr()[()], np.array(["alpha", "beta", "gamma"], dtype=object))
        c.array("resized along axis 1", f["cols"][()], np.array([[1, 2, 0], [3, 4, 0]], dtype=np.int32))
        c.array("Appender rows", f["stream"][()], np.arange(1000, dtype=np.int64))
        like, model = f["like"], f["model"]
        for attribute in ("shape", "maxshape", "chunks", "dtype", "compression", "compression_opts", "shuffle",
                          "fletcher32", "fillvalue"):
            c.equal(f"like.{attribute}", getattr(like, attribute), getattr(model, attribute))
        c.array("like reads its fill value", like[()], np.full(model.shape, -1, dtype=np.float32))
        c.array("reshaped on creation", f["grid"][()], np.arange(6, dtype=np.int32).reshape(2, 3))
    c.finish()


def write_chunked(path):
    with h5py.File(path, "w") as f:
        d = f.create_dataset("d", shape=(9, 10), dtype=np.int16, chunks=(4, 3))
        d[...] = np.arange(90, dtype=np.int16).reshape(9, 10)
        blocks = [[(s.start, s.stop) for s in chunk] for chunk in d.iter_chunks()]
        f.create_dataset("blocks", data=np.array(blocks, dtype=np.int64))
        region = [[(s.start, s.stop) for s in chunk] for chunk in d.iter_chunks(np.s_[2:7, 1:9])]
        f.create_dataset("region_blocks", data=np.array(region, dtype=np.int64))


run({"check-written": check_written, "write-chunked": write_chunked})

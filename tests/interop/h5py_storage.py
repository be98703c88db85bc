"""h5py peer for tests/interop/h5py_storage_test.cpp: chunking, gzip + shuffle, maxshape, fill values."""
import h5py
import numpy as np
from h5py._hl.filters import guess_chunk

from interop_common import Checker, run

BIG_SHAPE = (1000, 500)


def big_array():
    return np.arange(BIG_SHAPE[0] * BIG_SHAPE[1], dtype=np.float64).reshape(BIG_SHAPE)


def grid(shape, dtype):
    return np.arange(int(np.prod(shape)), dtype=dtype).reshape(shape)


# ---- A: h5kit wrote the file, h5py checks it -------------------------------------------------

def check_compressed(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["gz"]
        c.equal("gz compression", ds.compression, "gzip")
        c.equal("gz compression_opts", ds.compression_opts, 6)
        c.equal("gz shuffle", ds.shuffle, True)
        c.equal("gz chunks", ds.chunks, (10, 10))
        c.equal("gz fletcher32", ds.fletcher32, False)
        c.array("gz values", ds[()], grid((40, 30), np.int32))
        filters = ds.id.get_create_plist()
        order = [filters.get_filter(i)[0] for i in range(filters.get_nfilters())]
        c.equal("gz filter pipeline (shuffle before deflate, as h5py)", order,
                [h5py.h5z.FILTER_SHUFFLE, h5py.h5z.FILTER_DEFLATE])
        c.true(ds.id.get_storage_size() < ds.size * ds.dtype.itemsize,
               f"gz: {ds.id.get_storage_size()} bytes stored for {ds.size * ds.dtype.itemsize} raw bytes")

        ds = f["gz_only"]
        c.equal("gz_only compression", ds.compression, "gzip")
        c.equal("gz_only compression_opts", ds.compression_opts, 1)
        c.equal("gz_only shuffle", ds.shuffle, False)
        c.array("gz_only values", ds[()], grid((7, 5, 3), np.int16))

        ds = f["auto"]  # gzip without chunks: the chunk shape h5py itself would guess
        c.equal("auto compression", ds.compression, "gzip")
        c.equal("auto compression_opts (h5py's default level)", ds.compression_opts, 4)
        c.equal("auto chunks (h5py's guess_chunk)", ds.chunks, guess_chunk(BIG_SHAPE, None, 8))
        c.array("auto values", ds[()], big_array())

        ds = f["shuffled"]  # shuffle alone also chooses chunked storage
        c.equal("shuffled shuffle", ds.shuffle, True)
        c.equal("shuffled compression", ds.compression, None)
        c.equal("shuffled chunks (h5py's guess_chunk)", ds.chunks, guess_chunk((300,), None, 4))
        c.array("shuffled values", ds[()], np.arange(300, dtype=np.float32))

        ds = f["plain"]
        c.equal("plain chunks", ds.chunks, None)
        c.equal("plain compression", ds.compression, None)
        c.equal("plain shuffle", ds.shuffle, False)
    c.finish()


def check_maxshape(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["grow"]
        c.equal("grow maxshape", ds.maxshape, (None, 4))
        c.equal("grow shape after resize", ds.shape, (5, 4))
        c.equal("grow chunks", ds.chunks, (2, 4))
        c.array("grow values", ds[()], grid((5, 4), np.float64))

        ds = f["bounded"]
        c.equal("bounded maxshape", ds.maxshape, (10, 4))
        c.equal("bounded shape", ds.shape, (3, 4))
        c.true(ds.chunks is not None, "bounded: a dataset with maxshape must be chunked")
        c.array("bounded values", ds[()], grid((3, 4), np.int64))

        ds = f["unlimited_1d"]
        c.equal("unlimited_1d maxshape", ds.maxshape, (None,))
        c.equal("unlimited_1d shape", ds.shape, (0,))
        c.true(ds.chunks is not None and ds.chunks[0] > 0, f"unlimited_1d: bad chunks {ds.chunks}")
        c.equal("unlimited_1d dtype", ds.dtype, np.dtype(np.uint8))

        ds = f["auto_unlimited"]
        c.equal("auto_unlimited maxshape", ds.maxshape, (None, 64))
        # h5py's guess looks at the current shape only, not at maxshape
        c.equal("auto_unlimited chunks (h5py's guess_chunk)", ds.chunks, guess_chunk((10, 64), (None, 64), 1))
    c.finish()


def check_fill(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["filled_f64"]
        c.equal("filled_f64 fillvalue", ds.fillvalue, -1.5)
        c.array("filled_f64 values", ds[()], np.array([-1.5, -1.5, 1.0, 2.0, -1.5, -1.5]))

        ds = f["filled_i32"]
        c.equal("filled_i32 fillvalue", ds.fillvalue, 7)
        c.array("filled_i32 values (never written)", ds[()], np.full((2, 3), 7, dtype=np.int32))

        ds = f["filled_grow"]
        c.equal("filled_grow fillvalue", ds.fillvalue, 255)
        c.equal("filled_grow maxshape", ds.maxshape, (None,))
        c.array("filled_grow values (grown part filled)", ds[()],
                np.array([1, 2, 3, 255, 255, 255, 255, 255], dtype=np.uint8))

        ds = f["no_fill"]
        c.equal("no_fill fillvalue (HDF5 default)", ds.fillvalue, 0.0)
    c.finish()


# ---- B: h5py writes the file, h5kit checks it ------------------------------------------------

def write_storage(path):
    with h5py.File(path, "w") as f:
        f.create_dataset("big", data=big_array(), chunks=(100, 50), compression="gzip",
                         compression_opts=7, shuffle=True)
        f["contig"] = grid((4, 5), np.int32)
        f.create_dataset("grow", data=grid((3, 8), np.int32), maxshape=(None, 8), chunks=(4, 8), fillvalue=42)
        f.create_dataset("filled", shape=(5,), dtype="f4", fillvalue=np.float32(2.5))
        f.create_dataset("checksummed", data=np.arange(50, dtype=np.int64), chunks=(10,), fletcher32=True)
        f.create_dataset("gz_default", data=np.arange(1000, dtype=np.uint16), compression="gzip")
    print(f"wrote {path}")


def check_grown(path):
    """h5kit resized h5py's "grow" to (6, 8) and wrote row 5."""
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["grow"]
        c.equal("grow shape", ds.shape, (6, 8))
        c.equal("grow maxshape", ds.maxshape, (None, 8))
        expected = np.full((6, 8), 42, dtype=np.int32)
        expected[:3] = grid((3, 8), np.int32)
        expected[5] = np.arange(100, 108, dtype=np.int32)
        c.array("grow values", ds[()], expected)
    c.finish()


run({
    "check-compressed": check_compressed,
    "check-maxshape": check_maxshape,
    "check-fill": check_fill,
    "write-storage": write_storage,
    "check-grown": check_grown,
})

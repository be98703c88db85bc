"""h5py peer for tests/interop/h5py_filters_test.cpp: layouts, fill time, fletcher32, scaleoffset,
szip, plugin filters (LZF, LZ4, BZip2, Bitshuffle) and direct chunk I/O, both directions."""
import zlib

import h5py
import numpy as np

from interop_common import Checker, run

N = 5000  # elements of the filtered 1-d datasets
LZ4, BZIP2, BITSHUFFLE = 32004, 307, 32008


def ramp(dtype=np.int32, n=N):
    """0..96 repeating: compressible, and small enough for scaleoffset to pack (97 values: 7 bits)."""
    return (np.arange(n) % 97).astype(dtype)


def smooth(n=N):
    return np.linspace(-50.0, 50.0, n)


def pipeline(ds):
    plist = ds.id.get_create_plist()
    return [plist.get_filter(i)[0] for i in range(plist.get_nfilters())]


def layout_name(ds):
    return {h5py.h5d.COMPACT: "compact", h5py.h5d.CONTIGUOUS: "contiguous",
            h5py.h5d.CHUNKED: "chunked"}[ds.id.get_create_plist().get_layout()]


def fill_time(ds):
    return {h5py.h5d.FILL_TIME_IFSET: "ifset", h5py.h5d.FILL_TIME_ALLOC: "alloc",
            h5py.h5d.FILL_TIME_NEVER: "never"}[ds.id.get_create_plist().get_fill_time()]


# ---- A: h5kit wrote the file, h5py checks it -------------------------------------------------

def check_filters(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["lzf"]
        c.equal("lzf compression", ds.compression, "lzf")
        c.equal("lzf compression_opts", ds.compression_opts, None)
        c.array("lzf values", ds[()], ramp())

        ds = f["lz4"]
        c.equal("lz4 pipeline", pipeline(ds), [LZ4])
        c.equal("lz4 compression (h5py names only gzip, lzf, szip)", ds.compression, None)
        c.array("lz4 values", ds[()], ramp())

        ds = f["bzip2"]
        c.equal("bzip2 pipeline", pipeline(ds), [BZIP2])
        c.equal("bzip2 client data", ds.id.get_create_plist().get_filter(0)[2], (9,))
        c.array("bzip2 values", ds[()], ramp())

        ds = f["bitshuffle"]
        c.equal("bitshuffle pipeline", pipeline(ds), [BITSHUFFLE])
        c.array("bitshuffle values", ds[()], ramp())

        ds = f["szip_nn"]
        c.equal("szip_nn compression", ds.compression, "szip")
        c.equal("szip_nn compression_opts", ds.compression_opts, ("nn", 8))
        c.array("szip_nn values", ds[()], ramp())
        ds = f["szip_ec"]
        c.equal("szip_ec compression_opts", ds.compression_opts, ("ec", 16))
        c.array("szip_ec values", ds[()], ramp())

        ds = f["so_int"]
        c.equal("so_int scaleoffset", ds.scaleoffset, 0)
        c.equal("so_int fletcher32", ds.fletcher32, False)
        c.array("so_int values", ds[()], ramp(np.int64))
        ds = f["so_float"]
        c.equal("so_float scaleoffset", ds.scaleoffset, 3)
        got = ds[()]
        c.true(np.allclose(got, smooth(), atol=0.0006), "so_float: values not within 3 decimal digits")
        c.true(not np.array_equal(got, smooth()), "so_float: lossy filter returned exact values")

        ds = f["checked"]
        c.equal("checked fletcher32", ds.fletcher32, True)
        c.equal("checked shuffle", ds.shuffle, True)
        c.equal("checked compression", (ds.compression, ds.compression_opts), ("gzip", 6))
        c.equal("checked pipeline (shuffle, deflate, fletcher32 last)", pipeline(ds),
                [h5py.h5z.FILTER_SHUFFLE, h5py.h5z.FILTER_DEFLATE, h5py.h5z.FILTER_FLETCHER32])
        c.array("checked values", ds[()], ramp())

        ds = f["compact"]
        c.equal("compact layout", layout_name(ds), "compact")
        c.equal("compact chunks", ds.chunks, None)
        c.array("compact values", ds[()], ramp(np.int16, 100))
        c.equal("contiguous layout", layout_name(f["contiguous"]), "contiguous")
        ds = f["chunked"]
        c.equal("chunked layout", layout_name(ds), "chunked")
        c.equal("chunked chunks", ds.chunks, (25,))
        c.equal("chunked filters", pipeline(ds), [])

        ds = f["fill_never"]
        c.equal("fill_never fill time", fill_time(ds), "never")
        c.equal("fill_never fillvalue", ds.fillvalue, -1)
        ds = f["fill_ifset"]
        c.equal("fill_ifset fill time", fill_time(ds), "ifset")
        c.equal("fill_ifset fillvalue", ds.fillvalue, 2.5)
        c.array("fill_ifset values", ds[()], np.array([2.5, 7.0, 2.5, 2.5]))
        c.equal("fill_chunked fill time (h5py's default for chunked)", fill_time(f["fill_chunked"]), "alloc")

        ds = f["direct"]  # chunk (4,) copied by read_chunk/write_chunk, chunk (8,) written raw with mask 1
        c.array("direct values", ds[()], np.array([0, 0, 0, 0, 4, 5, 6, 7, 80, 90, 100, 110], dtype=np.int32))
        c.equal("direct chunk (8,) filter mask", ds.id.get_chunk_info_by_coord((8,)).filter_mask, 1)
        mask, raw = ds.id.read_direct_chunk((4,))
        c.equal("direct chunk (4,) is deflated", (mask, np.frombuffer(zlib.decompress(raw), np.int32).tolist()),
                (0, [4, 5, 6, 7]))
    c.finish()


# ---- B: h5py writes the file, h5kit checks it ------------------------------------------------

def write_filters(path):
    with h5py.File(path, "w") as f:
        f.create_dataset("gzip", data=ramp(), compression="gzip", compression_opts=2, chunks=(1000,))
        f.create_dataset("lzf", data=ramp(), compression="lzf", shuffle=True)
        f.create_dataset("szip", data=ramp(), compression="szip", compression_opts=("ec", 16))
        f.create_dataset("so_int", data=ramp(np.int64), scaleoffset=True)
        f.create_dataset("so_float", data=smooth(), scaleoffset=2)
        f.create_dataset("checked", data=ramp(), fletcher32=True, compression="gzip")
        f.create_dataset("lz4", data=ramp(), compression=LZ4)
        f.create_dataset("bzip2", data=ramp(), compression=BZIP2, compression_opts=(9,))
        f.create_dataset("bitshuffle", data=ramp(), compression=BITSHUFFLE, compression_opts=(0, 2))
        # h5py has no layout= argument: compact through the low-level API.
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_layout(h5py.h5d.COMPACT)
        space = h5py.h5s.create_simple((100,))
        h5py.Dataset(h5py.h5d.create(f.id, b"compact", h5py.h5t.STD_I16LE, space, dcpl=dcpl))[...] = ramp(np.int16, 100)
        # A chunk of 2 MiB: h5kit must give it a cache that holds one chunk.
        f.create_dataset("big_chunks", shape=(1024, 512), dtype="f8", chunks=(512, 512))
        # A chunk h5py writes directly, deflated here with Python's zlib.
        ds = f.create_dataset("zlib_direct", shape=(8,), dtype="i4", chunks=(4,), compression="gzip")
        raw = zlib.compress(np.arange(4, 8, dtype="<i4").tobytes())
        ds.id.write_direct_chunk((4,), raw)
        ds.attrs["raw_size"] = len(raw)
    print(f"wrote {path}")


def check_copied(path):
    """h5kit copied h5py's zlib chunk into "copy" with read_chunk/write_chunk."""
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.array("copy values", f["copy"][()], np.array([0, 0, 0, 0, 4, 5, 6, 7], dtype=np.int32))
    c.finish()


run({
    "check-filters": check_filters,
    "write-filters": write_filters,
    "check-copied": check_copied,
})

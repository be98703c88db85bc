"""Writes, with h5py, datasets of varied types and shapes for dump_stream_test.cpp: each is dumped
once read whole and once in blocks of a few bytes (--max-memory), and the two must be the same text.
Shapes are chosen so the blocks split along the first axis, along an inner axis and inside a row.

Usage: /usr/bin/python3 make_stream_file.py OUT.h5
Attributes stay under 32 bytes so the small budget of the blocked dump still reads them whole.
"""
import sys

import h5py
import numpy as np


def main(path):
    with h5py.File(path, "w") as f:
        f.attrs["n"] = 3
        f.create_dataset("scalar", data=np.float64(2.5))
        f.create_dataset("empty", data=h5py.Empty("f8"))
        f.create_dataset("no_rows", data=np.zeros((0, 3), dtype="<i4"))
        f.create_dataset("ints", data=np.arange(-20, 21, dtype="<i8"))
        grid = f.create_dataset("grid", data=np.arange(3 * 50, dtype="<i4").reshape(3, 50))  # a row > a block
        grid.attrs["units"] = "m"
        f.create_dataset("cube", data=np.linspace(-1, 1, 4 * 5 * 6).reshape(4, 5, 6))
        f.create_dataset("big_endian", data=np.arange(30, dtype=">f4") / 8)
        f.create_dataset("floats", data=np.array([0.1, np.nan, np.inf, -np.inf, -0.0] * 4, dtype="<f4"))
        f.create_dataset("words", data=["alpha", "", "été", "x" * 40] * 5, dtype=h5py.string_dtype())
        f.create_dataset("codes", data=np.array([b"ab", b"abcdefgh", b"caf\xe9"] * 5, dtype="S8"))
        point = np.dtype([("id", "<i4"), ("pos", "<f8", (2,)), ("name", h5py.string_dtype()), ("ok", "?")])
        rows = np.array([(i, (i / 2, -i), "p%d" % i, i % 2 == 0) for i in range(12)], dtype=point)
        f.create_dataset("table", data=rows, chunks=(5,))
        color = h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": 2}, basetype="u1")
        f.create_dataset("colors", data=np.array([0, 1, 2, 7] * 6, dtype="u1"), dtype=color)
        f.create_dataset("complex", data=(np.arange(10) + 1j * np.arange(10)[::-1]).astype("<c16"))
        ragged = f.create_dataset("ragged", (7,), dtype=h5py.vlen_dtype(np.dtype("<i2")))
        for i in range(7):
            ragged[i] = np.arange(i, dtype="<i2")
        vectors = f.create_dataset("vectors", (12,), dtype=np.dtype(("<f4", (3,))))  # array(float32,(3,))
        vectors[...] = np.arange(36, dtype="<f4").reshape(12, 3)
        f.create_dataset("refs", data=[f["ints"].ref, f["grid"].ref, h5py.Reference()] * 4, dtype=h5py.ref_dtype)
        f.create_dataset("unwritten", shape=(6, 7), dtype="<f8", chunks=(2, 7), fillvalue=-1.0)


if __name__ == "__main__":
    main(sys.argv[1])

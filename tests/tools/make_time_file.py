"""Writes the two kinds of time an HDF5 file meets, for dump_test.cpp:

- with PyTables, HDF5's own time type (H5T_TIME), which HDF5 itself cannot read into memory, next to
  an ordinary array (a dump must carry on past such data);
- with h5py, numpy datetime64 / timedelta64 values under /numpy. h5py stores them as 8-byte opaque
  types tagged "NUMPY:" + the numpy dtype string ("NUMPY:<M8[ns]"), holding numpy's int64 counts.

Usage: /usr/bin/python3 make_time_file.py OUT.h5
The expected JSON is asserted in dump_test.cpp (DumpCommand.NumpyTimes*); keep them in step.
"""
import sys

import h5py
import numpy as np
import tables


def as_opaque(values):
    """What h5py asks for to store numpy times: the same array viewed with its opaque dtype."""
    return values.astype(h5py.opaque_dtype(values.dtype))


def main(path):
    with tables.open_file(path, "w") as f:
        times = f.create_earray("/", "times", tables.Time64Atom(), (0,))
        times.append(np.array([1.5, 2.5]))
        f.create_array("/", "plain", np.array([1, 2], dtype="<i4"))

    with h5py.File(path, "a") as f:
        g = f.create_group("numpy")
        stamps = ["2024-05-01T12:00:00.123456789", "1969-12-31T23:59:59.5", "NaT"]
        g["ns"] = as_opaque(np.array(stamps, dtype="M8[ns]"))
        g["ms"] = as_opaque(np.array(stamps, dtype="M8[ns]").astype("M8[ms]"))
        g["s"] = as_opaque(np.array(["2024-05-01T12:00:00", "1900-01-01T00:00:00"], dtype="M8[s]"))
        g["D"] = as_opaque(np.array(["2024-02-29", "0001-01-01"], dtype="M8[D]"))
        g["M"] = as_opaque(np.array(["2024-05", "1969-12"], dtype="M8[M]"))
        g["Y"] = as_opaque(np.array(["2024"], dtype="M8[Y]"))
        g["m"] = as_opaque(np.array(["2024-05-01T12:34"], dtype="M8[m]"))
        g["big_us"] = as_opaque(np.array(["2024-05-01T12:00:00.000001"], dtype=">M8[us]"))
        g["grid"] = as_opaque(np.array([["2024-01-01", "2024-01-02"], ["2024-01-03", "NaT"]], dtype="M8[D]"))
        g["delta_ms"] = as_opaque(np.array([5, -1500, 0], dtype="m8[ms]"))
        g["delta_h"] = as_opaque(np.array([36], dtype="m8[h]"))
        g["delta_D"] = as_opaque(np.array([-3], dtype="m8[D]"))
        g["ancient"] = as_opaque(np.array(["-0044-03-15", "0000-01-01", "9999-12-31"], dtype="M8[D]"))
        # Year 10183: past what ISO 8601 writes without an agreed expansion.
        g["far"] = as_opaque(np.array([3_000_000], dtype="<i8").view("M8[D]"))
        g.attrs["created"] = as_opaque(np.array("2024-05-01T00:00:00", dtype="M8[s]"))


if __name__ == "__main__":
    main(sys.argv[1])

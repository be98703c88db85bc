"""Opens a file made readable by `h5kit recover` with h5py and PyTables (normal, non-SWMR opens) and
checks /RawData/EnlData00 (row i, column j = i*1000 + j) and /RawData/time (0.5 * i).

    check_recovered.py FILE MIN_ROWS     # prints "rows N" and exits 0 when everything is right
"""
import ast
import json
import sys

import h5py
import numpy as np
import tables

path, min_rows = sys.argv[1], int(sys.argv[2])


def check(data, time, who):
    n = data.shape[0]
    if n < min_rows:
        sys.exit(f"{who}: {n} rows, expected at least {min_rows}")
    if time.shape[0] < n:
        n = time.shape[0]
    want = np.arange(n)[:, None] * 1000.0 + np.arange(data.shape[1])[None, :]
    if not np.array_equal(data[:n], want):
        sys.exit(f"{who}: wrong values in EnlData00")
    if not np.array_equal(time[:n], 0.5 * np.arange(n)):
        sys.exit(f"{who}: wrong values in time")
    return n


with h5py.File(path, "r") as f:
    n_h5py = check(f["/RawData/EnlData00"][...], f["/RawData/time"][...], "h5py")
with tables.open_file(path, "r") as f:
    node = f.get_node("/RawData/EnlData00")
    if type(node).__name__ != "EArray":
        sys.exit(f"PyTables: EnlData00 is a {type(node).__name__}")
    shape = ast.literal_eval(json.loads(node.attrs.shape)["data"])  # pymodaq's JSON attribute
    if tuple(shape) != node.shape:
        sys.exit(f"PyTables: shape attribute {node.attrs.shape} but extent {node.shape}")
    n_tables = check(node.read(), f.get_node("/RawData/time").read(), "PyTables")
print("rows", min(n_h5py, n_tables))

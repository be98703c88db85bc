"""Checks SWMR files left by killed writers (tests/daq/streaming_kill_test.cpp), with h5py.

Usage: h5py_swmr_check.py LIST
LIST has one line per file: "<path> <last reported flushed row count> <row width>". Each file is
opened for SWMR reading; /RawData/EnlData00 must have at least the reported rows, row i holding
i * 1000 + j, and /RawData/time at least as many rows, row i holding i * 0.5. Prints "ok N" or the
first problems, exit status 1 on any.
"""
import sys

import h5py
import numpy as np

problems = []
count = 0
for line in open(sys.argv[1]):
    path, reported, width = line.split()
    reported, width = int(reported), int(width)
    count += 1
    try:
        with h5py.File(path, "r", swmr=True) as f:
            data = f["/RawData/EnlData00"][...]
            time = f["/RawData/time"][...]
    except Exception as e:  # noqa: BLE001 - every failure is a finding
        problems.append(f"{path}: cannot read: {e}")
        continue
    if data.shape[0] < reported or time.shape[0] < reported:
        problems.append(f"{path}: {data.shape[0]} data / {time.shape[0]} time rows, {reported} reported flushed")
    expected = np.arange(data.shape[0])[:, None] * 1000.0 + np.arange(width)[None, :]
    if data.shape[1:] != (width,) or not np.array_equal(data, expected):
        problems.append(f"{path}: wrong data values in {data.shape}")
    if not np.array_equal(time.reshape(-1), np.arange(time.shape[0]) * 0.5):
        problems.append(f"{path}: wrong time values")
if problems:
    print("\n".join(problems[:10]))
    sys.exit(1)
print(f"ok {count}")

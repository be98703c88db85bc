#!/usr/bin/python3
"""daq_append, Python side: the same 1,000,000 single-row appends as bench_daq_append.cpp, in
h5py (resize then write the last row: the acquisition loop h5py users write) and PyTables
(EArray.append of one row, and of one block of chunk_rows rows at a time). Float64 rows of 2
(16 bytes) and 128 (1 KiB) elements; row i element j holds i * row + j. Prints one JSON line per
run: {"name", "wall_s", "cpu_s", "appends"}; each file is checked (untimed) after its run.

  /usr/bin/python3 bench/daq_append_bench.py --dir DIR --chunk-rows-16B N --chunk-rows-1KiB M
      [--appends 1000000] [--repetitions 1] [--only NAME]
"""
import argparse
import json
import os
import time

import h5py
import numpy as np
import tables


def rows_of(n, width):
    return np.arange(n * width, dtype=np.float64).reshape(n, width)


def h5py_loop(path, n, width, chunk_rows):
    data = rows_of(n, width)  # made before the clock starts, as the C++ side computes each row
    start = time.perf_counter(), time.process_time()
    with h5py.File(path, "w", libver="latest") as f:
        ds = f.create_dataset("data", shape=(0, width), maxshape=(None, width), chunks=(chunk_rows, width),
                              dtype="f8")
        for i in range(n):
            ds.resize((i + 1, width))
            ds[i] = data[i]
    return start, "data"


def pytables_rows(path, n, width, chunk_rows, block):
    data = rows_of(n, width)
    start = time.perf_counter(), time.process_time()
    with tables.open_file(path, "w") as f:
        a = f.create_earray("/", "data", tables.Float64Atom(), (0, width), chunkshape=(chunk_rows, width),
                            expectedrows=n)
        step = block if block else 1
        for i in range(0, n, step):
            a.append(data[i:i + step])
    return start, "data"


def check(path, node, n, width):
    with h5py.File(path, "r") as f:
        ds = f[node]
        assert ds.shape == (n, width), (path, ds.shape)
        for row in (0, n - 1):
            assert np.array_equal(ds[row], np.arange(width, dtype=np.float64) + row * width), (path, row)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--chunk-rows-16B", type=int, required=True)
    p.add_argument("--chunk-rows-1KiB", type=int, required=True)
    p.add_argument("--appends", type=int, default=1_000_000)
    p.add_argument("--repetitions", type=int, default=1)
    p.add_argument("--only", default="")
    a = p.parse_args()
    for label, width, chunk in (("16B", 2, a.chunk_rows_16B), ("1KiB", 128, a.chunk_rows_1KiB)):
        runs = {
            f"daq_append_{label}/h5py_loop": lambda path: h5py_loop(path, a.appends, width, chunk),
            f"daq_append_{label}/pytables_row": lambda path: pytables_rows(path, a.appends, width, chunk, 0),
            f"daq_append_{label}/pytables_block": lambda path: pytables_rows(path, a.appends, width, chunk, chunk),
        }
        for name, run in runs.items():
            if a.only and a.only not in name:
                continue
            best = None
            for _ in range(a.repetitions):
                path = os.path.join(a.dir, "daq_append_py.h5")
                (wall0, cpu0), node = run(path)
                wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
                check(path, node, a.appends, width)
                os.remove(path)
                if best is None or wall < best[0]:
                    best = (wall, cpu)
            print(json.dumps({"name": name, "wall_s": best[0], "cpu_s": best[1], "appends": a.appends}), flush=True)


if __name__ == "__main__":
    main()

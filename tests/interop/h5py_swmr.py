"""h5py peer for tests/interop/h5py_swmr_test.cpp: SWMR files across the h5kit <-> h5py boundary.
  read-live FILE ROWS: h5kit is writing FILE in SWMR mode right now; h5py opens it with swmr=True,
                       checks the ROWS rows flushed so far, prints "read", waits for FILE.next (made
                       after h5kit's next flush), refreshes and checks the new row.
  write-swmr FILE:     h5py writes a file in SWMR mode (swmr_mode = True, rows appended and flushed)."""
import os
import time

import h5py
import numpy as np

from interop_common import Checker, run


def read_live(path, rows):
    c = Checker(path)
    rows = int(rows)
    with h5py.File(path, "r", swmr=True, libver="latest") as f:
        ds = f["log"]
        c.equal("swmr read sees the flushed rows", ds.shape, (rows, 3))
        c.array("flushed values", ds[()], np.arange(rows * 3, dtype=np.float64).reshape(rows, 3))
        # Tell the writer we read, then wait for its next flush and refresh.
        print("read", flush=True)
        deadline = time.monotonic() + 30
        while not os.path.exists(path + ".next") and time.monotonic() < deadline:
            time.sleep(0.02)
        ds.refresh()
        c.equal("after refresh", ds.shape, (rows + 1, 3))
        c.array("the new row", ds[rows], np.arange(rows * 3, rows * 3 + 3, dtype=np.float64))
    c.finish()


def write_swmr(path):
    with h5py.File(path, "w", libver="latest") as f:
        ds = f.create_dataset("frames", (0, 4), maxshape=(None, 4), dtype="i4", chunks=(8, 4))
        f.swmr_mode = True
        for i in range(5):
            ds.resize(i + 1, axis=0)
            ds[i] = np.arange(4) + 10 * i
            ds.flush()
    print(f"wrote {path}")


run({
    "read-live": read_live,
    "write-swmr": write_swmr,
})

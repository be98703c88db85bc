"""h5py peer for tests/interop/h5py_selections_test.cpp: numpy-style selections on both sides.

The C++ test and this script share one table of index expressions (EXPRESSIONS here, kExpressions
there, same order): h5py evaluates each one and stores the answer, h5kit evaluates its C++ spelling
and compares; and the writes h5kit makes through selections are replayed with numpy here.
"""
import h5py
import numpy as np

from interop_common import Checker, run

SHAPE = (4, 5, 6)


def cube():
    return np.arange(np.prod(SHAPE), dtype=np.int32).reshape(SHAPE)


def mask():
    return cube() % 7 == 0


# numpy/h5py index expressions; the C++ spellings are in the test, in the same order.
EXPRESSIONS = [
    lambda d: d[1:4:2, :, -1],
    lambda d: d[2],
    lambda d: d[..., 0],
    lambda d: d[-3:, 1:-1],
    lambda d: d[[0, 2, 3], 1],
    lambda d: d[1, 2:100, ::5],
    lambda d: d[:, [1, 4], 2:5],
    lambda d: d[3, 4, 5],
    lambda d: d[0, 3:1],
    lambda d: d[mask()],
    lambda d: d[[0, -1]],                                            # negative positions in a list
    lambda d: d[:, np.array([True, False, False, True, True]), 2],   # a boolean mask on one axis
    lambda d: d[1, :, h5py.MultiBlockSlice(0, 4, 2, 2)],             # blocks of 2 every 4: 0, 1, 4, 5
    lambda d: d[[1, 3], h5py.MultiBlockSlice(start=1, stride=2, block=1)],  # count unset: 1, 3
]


# ---- B: h5py evaluates every expression, h5kit compares ----------------------------------------

def write_expected(path):
    with h5py.File(path, "w") as f:
        d = f.create_dataset("cube", data=cube(), chunks=(2, 5, 3))
        for i, expression in enumerate(EXPRESSIONS):
            f.create_dataset(f"expected/{i}", data=np.asarray(expression(d)))
        # numpy's coordinate lists (h5py has none): the values at (3, 4, 5), (0, 0, 0), (1, 2, 3)
        f.create_dataset("expected/points", data=cube()[[3, 0, 1], [4, 0, 2], [5, 0, 3]])


# ---- A: h5kit wrote through selections, h5py replays the writes with numpy -----------------------

def check_writes(path):
    c = Checker(path)
    expected = np.zeros(SHAPE, dtype=np.int32)
    expected[1, 0:2] = 7                                     # a scalar broadcast
    expected[2, 0:3] = np.arange(6)                           # a row repeated over rows
    expected[3, 0:3, 0:2] = np.array([[10], [20], [30]])      # a column repeated over columns
    expected[0, 1:4:2, ::2] = np.array([[1, 2, 3], [4, 5, 6]])
    expected[[0, 2], 4, 5] = -1                               # an index list
    m = mask()
    expected[m] = np.arange(m.sum(), dtype=np.int32) + 100    # a mask, values in row-major order
    expected[0, 0, 0] = 99                                    # a point
    with h5py.File(path, "r") as f:
        c.array("cube after writes through selections", f["cube"][()], expected)
        grid = np.zeros((6, 8), dtype=np.float64)
        grid[1:5, 2:6] = np.arange(16, dtype=np.float64).reshape(4, 4)   # write_direct from a buffer part
        c.array("grid after write_direct", f["grid"][()], grid)
    c.finish()


run({"write-expected": write_expected, "check-writes": check_writes})

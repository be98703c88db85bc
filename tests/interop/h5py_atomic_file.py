"""h5py peer for tests/atomic_file_test.cpp: the file left at the target after an atomic write
(committed, or killed mid-write) opens with h5py and holds the expected version."""
import h5py
import numpy as np

from interop_common import Checker, run


def check_content(path, version, count):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.equal("keys", sorted(f.keys()), ["data"])
        c.equal("version attribute", f.attrs["version"], int(version))
        c.array("data", f["data"][()], np.arange(int(count), dtype=np.int64) * int(version))
    c.finish()


if __name__ == "__main__":
    run({"check-content": check_content})

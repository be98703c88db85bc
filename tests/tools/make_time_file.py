"""Writes, with PyTables, a file holding HDF5's time type (H5T_TIME), which HDF5 itself cannot read
into memory, next to an ordinary array, for dump_test.cpp (a dump must carry on past such data).

Usage: /usr/bin/python3 make_time_file.py OUT.h5
"""
import sys

import numpy as np
import tables


def main(path):
    with tables.open_file(path, "w") as f:
        times = f.create_earray("/", "times", tables.Time64Atom(), (0,))
        times.append(np.array([1.5, 2.5]))
        f.create_array("/", "plain", np.array([1, 2], dtype="<i4"))


if __name__ == "__main__":
    main(sys.argv[1])

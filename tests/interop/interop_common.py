"""Shared helpers for the h5py peer scripts of tests/interop.

Every peer script is run as `python3 <script>.py <case> <file> [more args]`. A case either checks a
file written by h5kit (it collects every mismatch, prints them and exits 1) or writes a file for
the C++ side to check (exits 0 once written). Any unexpected exception exits 2 with its traceback.
"""
import sys
import traceback

import h5py
import numpy as np


class Checker:
    """Collects mismatches instead of stopping at the first, so one run reports them all."""

    def __init__(self, path):
        self.path = path
        self.failures = []
        self.checks = 0

    def fail(self, message):
        self.failures.append(message)

    def true(self, condition, message):
        """Counts one check; records `message` when `condition` is false. Every check ends here."""
        self.checks += 1
        if not condition:
            self.fail(message)
        return bool(condition)

    def equal(self, label, got, expected):
        return self.true(got == expected, f"{label}: expected {expected!r}, got {got!r}")

    def dtype(self, label, got, expected):
        """Exact numpy dtype, byte order included (the HDF5 files are little-endian)."""
        expected = np.dtype(expected)
        return self.true(got == expected and got.str == expected.str,
                         f"{label}: expected dtype {expected.str} ({expected}), got {got.str} ({got})")

    def array(self, label, got, expected):
        """Same shape, same dtype and every element equal."""
        expected = np.asarray(expected)
        got = np.asarray(got)
        problems = []
        if got.shape != expected.shape:
            problems.append(f"shape {got.shape} != expected {expected.shape}")
        if got.dtype != expected.dtype:
            problems.append(f"dtype {got.dtype.str} != expected {expected.dtype.str}")
        if not problems and not np.array_equal(got, expected):
            bad = np.argwhere(got != expected) if got.shape else []
            where = f" (first differing index {tuple(bad[0])})" if len(bad) else ""
            problems.append(f"values differ{where}: got {got!r}, expected {expected!r}")
        return self.true(not problems, f"{label}: " + "; ".join(problems))

    def vlen_utf8(self, label, dt):
        """h5py's str: variable-length, UTF-8."""
        info = h5py.check_string_dtype(dt)
        if info is None:
            return self.true(False, f"{label}: expected a variable-length UTF-8 string dtype, "
                                    f"got {dt!r} (not a string)")
        return self.true(info.encoding == "utf-8" and info.length is None,
                         f"{label}: expected string_info(encoding='utf-8', length=None), got {info!r}")

    def fixed_ascii(self, label, dt, length):
        """numpy 'S<length>' with h5py's ASCII string info."""
        ok = self.dtype(label, dt, f"S{length}")
        info = h5py.check_string_dtype(dt)
        return self.true(info is not None and info.encoding == "ascii" and info.length == length,
                         f"{label}: expected string_info(encoding='ascii', length={length}), got {info!r}") and ok

    def enum(self, label, dt, base, members):
        """An HDF5 enum h5py maps to `base` with exactly these (name -> value) members."""
        ok = self.dtype(label + " (enum base)", dt, base)
        got = h5py.check_enum_dtype(dt)
        if got is None:
            return self.true(False, f"{label}: expected an enum dtype with members {members!r}, got plain {dt!r}")
        got = {str(k): int(v) for k, v in got.items()}
        return self.true(got == members, f"{label}: expected enum members {members!r}, got {got!r}") and ok

    def finish(self):
        if self.failures:
            print(f"FAILED: {len(self.failures)} of {self.checks} checks on {self.path}:")
            for failure in self.failures:
                print("  - " + failure)
            sys.exit(1)
        print(f"OK: {self.checks} checks passed on {self.path}")
        sys.exit(0)


def run(cases):
    """Dispatches argv[1] to one of `cases` (name -> function(args...))."""
    if len(sys.argv) < 3 or sys.argv[1] not in cases:
        print(f"usage: {sys.argv[0]} <{'|'.join(sorted(cases))}> <file> [args...]")
        sys.exit(64)
    try:
        cases[sys.argv[1]](*sys.argv[2:])
    except SystemExit:
        raise
    except BaseException:
        print(f"peer case '{sys.argv[1]}' raised:")
        traceback.print_exc(file=sys.stdout)
        sys.exit(2)


# Values both sides agree on (interop_support.hpp holds the C++ half).
ORDER = ["zeta", "alpha", "mid", "beta"]  # neither sorted nor reverse-sorted
COLOR = {"red": 0, "green": 1, "blue": 5}  # uint8 enum Color
RGB = {"RED": 0, "GREEN": 1, "BLUE": 5}  # int8 enum Rgb, the one the peers write
SIGNED = [np.int8, np.int16, np.int32, np.int64]
UNSIGNED = [np.uint8, np.uint16, np.uint32, np.uint64]
FLOATS = [np.float32, np.float64]


def integer_values(dt):
    info = np.iinfo(dt)
    if info.min < 0:
        return np.array([info.min, -1, 0, 1, info.max], dtype=dt)
    return np.array([0, 1, info.max // 2, info.max], dtype=dt)


def float_values(dt):
    info = np.finfo(dt)
    return np.array([-1.5, 0.0, 0.1, 3.25, info.max, info.tiny, info.min, np.inf, -np.inf], dtype=dt)


def numeric_values(dt):
    return float_values(dt) if dt in FLOATS else integer_values(dt)


def numpy_name(dt):
    return np.dtype(dt).name  # "int8", ..., "float64"

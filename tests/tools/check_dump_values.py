"""Compares the `data` of every dataset in an `h5kit dump --json` document with what h5py reads from
the same file, for dump_stream_test.cpp: the streamed dump must hold the file's values, not only
agree with itself.

Usage: /usr/bin/python3 check_dump_values.py FILE.h5 DUMP.json
Prints one line per mismatch and exits 1 when there is any; prints "checked N datasets" otherwise.
"""
import base64
import json
import math
import sys

import h5py
import numpy as np


def nested(array, depth, dtype, f):
    """A dataset's value as nested lists over its `depth` axes, each element mapped by expected()."""
    if depth == 0:
        return expected(array, dtype, f)
    return [nested(array[i], depth - 1, dtype, f) for i in range(len(array))]


def expected(value, dtype, f):
    """One element as h5py reads it, as the dump's JSON mapping (docs/cli.md, "Values") writes it."""
    if dtype.subdtype is not None:  # an array type: numpy gives it as the array's own axes
        return nested(value, len(dtype.subdtype[1]), dtype.subdtype[0], f)
    if dtype.fields is not None:
        return {name: expected(value[name], dtype.fields[name][0], f) for name in dtype.names}
    if h5py.check_enum_dtype(dtype) is not None:
        if dtype == np.dtype("?"):
            return bool(value)
        names = {v: k for k, v in h5py.check_enum_dtype(dtype).items()}
        return names.get(int(value), int(value))
    if h5py.check_ref_dtype(dtype) is not None:
        return f[value].name if value else None
    if h5py.check_vlen_dtype(dtype) is not None and h5py.check_string_dtype(dtype) is None:
        return [expected(v, h5py.check_vlen_dtype(dtype), f) for v in value]
    if isinstance(value, (bytes, np.bytes_)):
        text = bytes(value).rstrip(b"\0")
        try:
            return text.decode("utf-8")
        except UnicodeDecodeError:
            return {"base64": base64.b64encode(text).decode()}
    if isinstance(value, str):
        return value
    if dtype.kind == "c":
        return [expected(value.real, value.real.dtype, f), expected(value.imag, value.imag.dtype, f)]
    if dtype.kind == "b":
        return bool(value)
    if dtype.kind in "iu":
        return int(value)
    if dtype.kind == "f":
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        # float32 is written as its shortest decimal, which reads back as the same float32.
        return float(str(value)) if dtype.itemsize == 4 else float(value)
    raise ValueError("no mapping for %r of %s" % (value, dtype))


def same(a, b):
    if isinstance(a, float) and isinstance(b, (int, float)):
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b


def main(path, dump_path):
    with open(dump_path, encoding="utf-8") as text:
        members = json.load(text)["members"]
    bad = 0
    checked = 0
    with h5py.File(path, "r") as f:
        for name, node in members.items():
            if node.get("kind") != "dataset":
                continue
            dataset = f[name]
            if dataset.shape is None:
                want = None
            else:
                want = nested(dataset[()], dataset.ndim, dataset.dtype, f)
            checked += 1
            if not same(node["data"], want):
                bad += 1
                print("%s: dump has %s, h5py reads %s" % (name, json.dumps(node["data"])[:200], json.dumps(want)[:200]))
    if bad:
        sys.exit(1)
    print("checked %d datasets" % checked)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

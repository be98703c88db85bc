"""h5py peer for tests/interop/h5py_compound_test.cpp: compounds, enums, array types and vlen sequences."""
import h5py
import numpy as np

from interop_common import Checker, run

LEVEL = {"low": -1, "mid": 0, "high": 1000}  # int16, the C++ enum Level
POINT = np.dtype([("x", "<f8"), ("y", "<f8"), ("z", "<f8")])


# ---- A: h5kit wrote the file, h5py checks it -------------------------------------------------

def body_values(i):
    return (-i, (1.0 * i, 2.0 * i, 3.0 * i), (0.5 * i, 1.5, -2.0), ((1, 2, 3), (4, 5, i)), complex(0.25 * i, -1.0),
            1000 if i % 2 else -1, i % 2 == 0)


def check_compound(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["bodies"]
        dt = ds.dtype
        c.equal("bodies field names", list(dt.names),
                ["flag", "position", "velocity", "grid", "phase", "kind", "visible"])
        c.dtype("flag", dt["flag"], "i1")
        c.equal("position fields", dt["position"].names, ("x", "y", "z"))
        c.equal("velocity subarray", dt["velocity"].subdtype, (np.dtype("<f4"), (3,)))
        c.equal("grid subarray", dt["grid"].subdtype, (np.dtype("<i4"), (2, 3)))
        c.dtype("phase", dt["phase"], "c16")
        c.equal("kind enum", {k: int(v) for k, v in (h5py.check_enum_dtype(dt["kind"]) or {}).items()}, LEVEL)
        c.dtype("visible", dt["visible"], "?")
        data = ds[()]
        c.equal("bodies shape", data.shape, (4,))
        for i in range(4):
            row = data[i]
            want = body_values(i)
            c.equal(f"bodies[{i}].flag", int(row["flag"]), want[0])
            c.equal(f"bodies[{i}].position", tuple(float(v) for v in row["position"]), want[1])
            c.equal(f"bodies[{i}].velocity", [float(v) for v in row["velocity"]], list(want[2]))
            c.equal(f"bodies[{i}].grid", row["grid"].tolist(), [list(r) for r in want[3]])
            c.equal(f"bodies[{i}].phase", complex(row["phase"]), want[4])
            c.equal(f"bodies[{i}].kind", int(row["kind"]), want[5])
            c.equal(f"bodies[{i}].visible", bool(row["visible"]), want[6])

        named = f["named"]
        c.vlen_utf8("named.name dtype", named.dtype["name"])
        c.true(h5py.check_vlen_dtype(named.dtype["samples"]) == np.dtype("<f8"),
               f"named.samples: expected vlen float64, got {named.dtype['samples']!r}")
        rows = named[()]
        c.equal("named ids", [int(v) for v in rows["id"]], [1, 2, 3])
        c.equal("named names", [v.decode() for v in rows["name"]], ["alpha", "", "h\u00e9llo"])
        c.equal("named samples", [list(v) for v in rows["samples"]], [[1.0, 2.0], [], [3.0]])
        c.equal("named where", [tuple(float(x) for x in v) for v in rows["where"]],
                [(1.0, 2.0, 3.0), (4.0, 5.0, 6.0), (7.0, 8.0, 9.0)])

        origin = f.attrs["origin"]
        c.equal("origin attribute", tuple(float(v) for v in origin), (0.0, 0.0, 1.0))
    c.finish()


def check_enum_array_vlen(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.enum("levels", f["levels"].dtype, "<i2", LEVEL)
        c.array("levels values", f["levels"][()], np.array([1000, -1, 0, 1000], dtype="<i2"))
        c.equal("rows vlen base", h5py.check_vlen_dtype(f["rows"].dtype), np.dtype("<i4"))
        rows = f["rows"][()]
        c.equal("rows values", [v.tolist() for v in rows], [[1, 2, 3], [], [4], [5, 6, 7, 8, 9]])
        c.equal("vectors shape", f["vectors"].shape, (4,))
        c.equal("vectors dtype", f["vectors"].dtype.subdtype, (np.dtype("<f4"), (3,)))
        c.array("vectors values", f["vectors"][()], np.arange(12, dtype="<f4").reshape(4, 3))
    c.finish()


# ---- B: h5py writes, h5kit checks ------------------------------------------------------------

def check_fields(path):
    """h5kit wrote (id, score, flag) rows, then rewrote only `score` through fields()."""
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["scores"]
        c.array("id untouched", ds["id"], np.array([1, 2, 3], np.int32))
        c.array("score rewritten", ds["score"], np.array([0.5, 0.5, 9.0]))
        c.array("flag untouched", ds["flag"], np.array([10, 20, 30], np.int16))
    c.finish()


def write_all(path):
    with h5py.File(path, "w") as f:
        table = np.dtype([("id", "<i4"), ("name", "S10"), ("score", "<f8"), ("pos", POINT), ("vel", "<f4", (3,)),
                          ("label", h5py.string_dtype())])
        data = np.array([(7, b"seven", 0.5, (1.0, 2.0, 3.0), (0.1, 0.2, 0.3), "\u00e9t\u00e9"),
                         (8, b"tenletters", -1.5, (4.0, 5.0, 6.0), (1.0, 2.0, 3.0), "")], dtype=table)
        f["table"] = data
        f.attrs["table_row"] = data[0]

        ragged = np.dtype([("label", h5py.string_dtype()), ("samples", h5py.vlen_dtype(np.float64))])
        series = np.empty(3, dtype=ragged)
        series[0] = ("a", np.array([1.0, 2.0]))
        series[1] = ("empty", np.array([], dtype=np.float64))
        series[2] = ("c", np.array([3.0]))
        f["series"] = series

        level = h5py.enum_dtype(LEVEL, basetype="i2")
        f.create_dataset("levels", data=np.array([1000, -1, 0], dtype="<i2"), dtype=level)
        wider = h5py.enum_dtype(dict(LEVEL, extra=7), basetype="i2")
        f.create_dataset("levels_extra", data=np.array([0, 7], dtype="<i2"), dtype=wider)

        rows = f.create_dataset("rows", shape=(4,), dtype=h5py.vlen_dtype(np.int32))
        rows[0] = np.array([1, 2, 3], dtype=np.int32)
        rows[1] = np.array([], dtype=np.int32)
        rows[2] = np.array([42], dtype=np.int32)
        rows[3] = np.arange(10, dtype=np.int32)

        # A (4,) dataset of array(float32, (3,)); h5py's high level cannot write it from a (4, 3) array.
        vectors = f.create_dataset("vectors", shape=(4,), dtype="(3,)f4")
        vectors.id.write(h5py.h5s.ALL, h5py.h5s.ALL, np.arange(12, dtype="<f4").reshape(4, 3),
                         mtype=h5py.h5t.array_create(h5py.h5t.NATIVE_FLOAT, (3,)))
        # h5py stores a trailing (3,) as the attribute's array type on a scalar dataspace.
        f.attrs.create("rgb", np.array([0.25, 0.5, 1.0], dtype="<f4"), dtype="(3,)f4")
    print(f"wrote {path}")


run({
    "check-compound": check_compound,
    "check-enum-array-vlen": check_enum_array_vlen,
    "check-fields": check_fields,
    "write-all": write_all,
})

"""h5py peer for tests/interop/h5py_references_test.cpp: object references in datasets and
attributes, named (committed) datatypes, and (once region references land) region references."""
import h5py
import numpy as np

from interop_common import Checker, run


def is_ref_dtype(dt):
    return h5py.check_ref_dtype(dt) is h5py.Reference


POINT = np.dtype([("x", "<i4"), ("y", "<f8")], align=True)  # the C++ struct PointRecord: y at offset 8


# ---- A: h5kit wrote the file, h5py checks it -------------------------------------------------

def check_refs(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["refs"]
        c.true(is_ref_dtype(ds.dtype), f"refs: expected h5py.ref_dtype, got {ds.dtype!r}")
        c.equal("refs shape", ds.shape, (5,))
        refs = ds[()]
        c.true(f[refs[0]] == f["data/values"], "refs[0] does not point at /data/values")
        c.true(f[refs[1]] == f["data"], "refs[1] does not point at /data")
        c.true(f[refs[2]] == f["/"], "refs[2] does not point at the root group")
        c.equal("refs[0] target name", f[refs[0]].name, "/data/values")
        c.array("values through refs[0]", f[refs[0]][()], np.array([1, 2, 3], dtype=np.int32))
        c.true(isinstance(f[refs[3]], h5py.Datatype), f"refs[3] is not a named type: {f[refs[3]]!r}")
        c.equal("refs[3] target name", f[refs[3]].name, "/types/point")
        c.equal("refs[4] is null", bool(refs[4]), False)

        ds = f["null_ref"]
        c.true(is_ref_dtype(ds.dtype), f"null_ref: expected h5py.ref_dtype, got {ds.dtype!r}")
        c.equal("null_ref shape", ds.shape, ())
        c.equal("null_ref is null (bool(ref))", bool(ds[()]), False)

        aid = f["data"].attrs.get_id("values_ref")
        c.true(is_ref_dtype(aid.dtype), f"data@values_ref: expected h5py.ref_dtype, got {aid.dtype!r}")
        c.true(f[f["data"].attrs["values_ref"]] == f["data/values"], "data@values_ref does not point at /data/values")
        many = f["data"].attrs["many_refs"]
        c.equal("data@many_refs shape", many.shape, (2,))
        c.equal("data@many_refs names", [f[r].name for r in many], ["/data", "/data/values"])
    c.finish()


def check_named_types(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        t = f["types/point"]
        c.true(isinstance(t, h5py.Datatype), f"types/point is {t!r}, not h5py.Datatype")
        c.equal("types/point dtype", t.dtype, POINT)
        c.true(t.id.committed(), "types/point is not committed")
        c.true(isinstance(f["types/label"], h5py.Datatype), "types/label is not h5py.Datatype")
        c.vlen_utf8("types/label dtype", f["types/label"].dtype)
        ds = f["points"]
        c.equal("points dtype", ds.dtype, POINT)
        c.true(ds.id.get_type().committed(), "points: the dataset's type is not the committed one")
        c.array("points values", ds[()], np.array([(1, 0.5), (2, 1.5)], dtype=POINT))
        aid = ds.attrs.get_id("label")
        c.true(aid.get_type().committed(), "points@label: the attribute's type is not the committed one")
        c.equal("points@label", ds.attrs["label"], "two points")
        c.equal("committed types in types/",
                sorted(k for k, v in f["types"].items() if isinstance(v, h5py.Datatype)), ["label", "point"])
    c.finish()


GRID = np.arange(36, dtype=np.int32).reshape(6, 6)


def is_regionref_dtype(dt):
    return h5py.check_ref_dtype(dt) is h5py.RegionReference


def check_region_refs(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["regions"]
        c.true(is_regionref_dtype(ds.dtype), f"regions: expected h5py.regionref_dtype, got {ds.dtype!r}")
        c.equal("regions shape", ds.shape, (3,))
        block, points, everything = ds[()]
        c.equal("block target", f[block].name, "/grid")
        c.array("grid[block] (rows 2:5, columns ::2)", f[block][block], GRID[2:5, ::2])
        c.array("grid[points]", f[points][points], np.array([GRID[0, 1], GRID[5, 5], GRID[3, 0]], dtype=np.int32))
        c.array("grid[everything]", f[everything][everything], GRID)
        c.equal("null region is null", bool(f["null_region"][()]), False)
        one = f["grid"].attrs["row_ref"]
        c.array("grid@row_ref -> row 4", f[one][one], GRID[4:5, :])
    c.finish()


# ---- B: h5py writes the file, h5kit checks it ------------------------------------------------

def write_refs(path):
    with h5py.File(path, "w") as f:
        values = f.create_dataset("data/values", data=np.array([1, 2, 3], dtype=np.int32))
        f["types/point"] = POINT
        refs = f.create_dataset("refs", shape=(5,), dtype=h5py.ref_dtype)
        refs[0] = values.ref
        refs[1] = f["data"].ref
        refs[2] = f.ref
        refs[3] = f["types/point"].ref
        # refs[4] never written: null
        f.create_dataset("null_ref", shape=(), dtype=h5py.ref_dtype)  # never written: null
        f["data"].attrs["values_ref"] = values.ref
        f["data"].attrs.create("many_refs", [f["data"].ref, values.ref], dtype=h5py.ref_dtype)
    print(f"wrote {path}")


def write_named_types(path):
    with h5py.File(path, "w") as f:
        f["types/point"] = POINT
        f["types/int16"] = np.dtype("<i2")
        f.create_group("types/not_a_type")
        ds = f.create_dataset("points", shape=(2,), dtype=f["types/point"])
        ds[...] = np.array([(1, 0.5), (2, 1.5)], dtype=POINT)
        ds.attrs.create("count", 2, dtype=f["types/int16"])
    print(f"wrote {path}")


def write_region_refs(path):
    with h5py.File(path, "w") as f:
        grid = f.create_dataset("grid", data=GRID)
        regions = f.create_dataset("regions", shape=(3,), dtype=h5py.regionref_dtype)
        regions[0] = grid.regionref[2:5, ::2]
        regions[1] = grid.regionref[1, :]
        regions[2] = grid.regionref[...]
        f.create_dataset("null_region", shape=(), dtype=h5py.regionref_dtype)
        grid.attrs["row_ref"] = grid.regionref[4, 1:3]
    print(f"wrote {path}")


run({
    "check-refs": check_refs,
    "check-named-types": check_named_types,
    "check-region-refs": check_region_refs,
    "write-refs": write_refs,
    "write-named-types": write_named_types,
    "write-region-refs": write_region_refs,
})

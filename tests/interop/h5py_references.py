"""h5py peer for tests/interop/h5py_references_test.cpp: object references in datasets and attributes."""
import h5py
import numpy as np

from interop_common import Checker, run


def is_ref_dtype(dt):
    return h5py.check_ref_dtype(dt) is h5py.Reference


# ---- A: h5kit wrote the file, h5py checks it -------------------------------------------------

def check_refs(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["refs"]
        c.true(is_ref_dtype(ds.dtype), f"refs: expected h5py.ref_dtype, got {ds.dtype!r}")
        c.equal("refs shape", ds.shape, (3,))
        refs = ds[()]
        c.true(f[refs[0]] == f["data/values"], "refs[0] does not point at /data/values")
        c.true(f[refs[1]] == f["data"], "refs[1] does not point at /data")
        c.true(f[refs[2]] == f["/"], "refs[2] does not point at the root group")
        c.equal("refs[0] target name", f[refs[0]].name, "/data/values")
        c.array("values through refs[0]", f[refs[0]][()], np.array([1, 2, 3], dtype=np.int32))

        ds = f["null_ref"]
        c.true(is_ref_dtype(ds.dtype), f"null_ref: expected h5py.ref_dtype, got {ds.dtype!r}")
        c.equal("null_ref shape", ds.shape, ())
        c.equal("null_ref is null (bool(ref))", bool(ds[()]), False)

        aid = f["data"].attrs.get_id("values_ref")
        c.true(is_ref_dtype(aid.dtype), f"data@values_ref: expected h5py.ref_dtype, got {aid.dtype!r}")
        c.true(f[f["data"].attrs["values_ref"]] == f["data/values"], "data@values_ref does not point at /data/values")
    c.finish()


# ---- B: h5py writes the file, h5kit checks it ------------------------------------------------

def write_refs(path):
    with h5py.File(path, "w") as f:
        values = f.create_dataset("data/values", data=np.array([1, 2, 3], dtype=np.int32))
        refs = f.create_dataset("refs", shape=(3,), dtype=h5py.ref_dtype)
        refs[0] = values.ref
        refs[1] = f["data"].ref
        refs[2] = f.ref
        f.create_dataset("null_ref", shape=(), dtype=h5py.ref_dtype)  # never written: null
        f["data"].attrs["values_ref"] = values.ref
    print(f"wrote {path}")


run({
    "check-refs": check_refs,
    "write-refs": write_refs,
})

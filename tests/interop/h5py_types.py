"""h5py peer for tests/interop/h5py_types_test.cpp: every element type as datasets, both directions."""
import h5py
import numpy as np

from interop_common import (COLOR, FLOATS, RGB, SIGNED, UNSIGNED, Checker, numeric_values, numpy_name, run)

VLEN_STRINGS = ["alpha", "", "h\u00e9llo w\u00f6rld \u2713", "with\nnewline", "tab\there"]
COMPLEX64 = np.array([1.5 - 2j, 0j, -0.25 + 1e10j], dtype=np.complex64)
COMPLEX128 = np.array([1.5 - 2j, 0j, -0.25 + 1e300j, 1e-300 - 7j], dtype=np.complex128)
BOOLS = np.array([True, False, False, True], dtype=np.bool_)


# ---- A: h5kit wrote the file, h5py checks it -------------------------------------------------

def check_numeric(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        for dt in SIGNED + UNSIGNED + FLOATS:
            name = numpy_name(dt)
            if not c.true(name in f, f"dataset '{name}' missing"):
                continue
            ds = f[name]
            c.dtype(f"{name} dtype", ds.dtype, dt)
            c.array(f"{name} values", ds[()], numeric_values(dt))
            c.equal(f"{name} maxshape", ds.maxshape, (len(numeric_values(dt)),))
    c.finish()


def check_bool_complex(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.dtype("bools dtype", f["bools"].dtype, np.bool_)
        c.array("bools", f["bools"][()], BOOLS)
        c.dtype("bool_scalar dtype", f["bool_scalar"].dtype, np.bool_)
        c.equal("bool_scalar shape", f["bool_scalar"].shape, ())
        c.array("bool_scalar", f["bool_scalar"][()], np.bool_(True))
        c.dtype("bools_2d dtype", f["bools_2d"].dtype, np.bool_)
        c.array("bools_2d", f["bools_2d"][()], np.array([[True, False, True], [False, False, True]]))
        c.true(h5py.check_enum_dtype(f["bools"].dtype) is None, "bools: h5py should see plain bool, not an enum")
        c.dtype("complex64 dtype", f["complex64"].dtype, np.complex64)
        c.array("complex64", f["complex64"][()], COMPLEX64)
        c.dtype("complex128 dtype", f["complex128"].dtype, np.complex128)
        c.array("complex128", f["complex128"][()], COMPLEX128)
        c.dtype("complex_scalar dtype", f["complex_scalar"].dtype, np.complex128)
        c.array("complex_scalar", f["complex_scalar"][()], np.complex128(3 - 4j))
        # the on-disk layout h5py relies on: compound {r, i}
        tid = f["complex128"].id.get_type()
        c.equal("complex128 HDF5 class", tid.get_class(), h5py.h5t.COMPOUND)
        c.equal("complex128 member names",
                [tid.get_member_name(i) for i in range(tid.get_nmembers())], [b"r", b"i"])
    c.finish()


def check_strings(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["vlen"]
        c.vlen_utf8("vlen dtype", ds.dtype)
        c.equal("vlen shape", ds.shape, (len(VLEN_STRINGS),))
        c.equal("vlen values", list(ds.asstr()[()]), VLEN_STRINGS)
        ds = f["vlen_scalar"]
        c.vlen_utf8("vlen_scalar dtype", ds.dtype)
        c.equal("vlen_scalar shape", ds.shape, ())
        c.equal("vlen_scalar value", ds.asstr()[()], "Gr\u00fc\u00dfe")
        ds = f["vlen_2d"]
        c.vlen_utf8("vlen_2d dtype", ds.dtype)
        c.equal("vlen_2d shape", ds.shape, (2, 2))
        c.equal("vlen_2d values", ds.asstr()[()].tolist(), [["a", "bb"], ["ccc", "dddd"]])
        ds = f["fixed"]
        c.fixed_ascii("fixed dtype", ds.dtype, 8)
        c.array("fixed values", ds[()], np.array([b"ab", b"abcdefgh", b""], dtype="S8"))
        ds = f["fixed_scalar"]
        c.fixed_ascii("fixed_scalar dtype", ds.dtype, 3)
        c.equal("fixed_scalar shape", ds.shape, ())
        c.equal("fixed_scalar value", ds[()], b"xyz")
        # NUL padding, as numpy expects (not space padding)
        c.equal("fixed padding", ds.id.get_type().get_strpad(), h5py.h5t.STR_NULLPAD)
        ds = f["fixed_utf8"]
        c.dtype("fixed_utf8 dtype", ds.dtype, "S8")
        info = h5py.check_string_dtype(ds.dtype)
        c.equal("fixed_utf8 string info", info and (info.encoding, info.length), ("utf-8", 8))
        c.array("fixed_utf8 values", ds[()], np.array(["\u00e9t\u00e9".encode(), b"ab"], dtype="S8"))
        ds = f["vlen_ascii"]
        info = h5py.check_string_dtype(ds.dtype)
        c.equal("vlen_ascii string info", info and (info.encoding, info.length), ("ascii", None))
        c.equal("vlen_ascii values", list(ds[()]), [b"raw", b"bytes"])
    c.finish()


def check_multi_dim(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.array("nested", f["nested"][()], np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int32))
        expected = np.array([[i * 10 + j + 0.5 for j in range(4)] for i in range(3)], dtype=np.float64)
        c.array("ndarray", f["ndarray"][()], expected)
        c.array("ndarray3d", f["ndarray3d"][()], np.arange(24, dtype=np.uint16).reshape(2, 3, 4))
        c.array("ndarray_f32", f["ndarray_f32"][()], np.array([[1, 2], [3, 4]], dtype=np.float32))
        c.array("std_array", f["std_array"][()], np.array([[1, -2], [3, -4], [5, -6]], dtype=np.int16))
        c.array("nested_f64", f["nested_f64"][()], np.array([[0.5], [1.5], [2.5]], dtype=np.float64))
        # zero-sized, but with a shape (not h5py.Empty)
        c.array("zero_1d", f["zero_1d"][()], np.zeros(0, dtype=np.float64))
        c.array("zero_2d", f["zero_2d"][()], np.zeros((0, 3), dtype=np.int32))
        c.array("zero_nested", f["zero_nested"][()], np.zeros((0, 0), dtype=np.int16))
    c.finish()


def check_scalar_empty(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        for name, dt, value in [("i32", np.int32, 42), ("f64", np.float64, 2.5),
                                ("u64", np.uint64, np.iinfo(np.uint64).max), ("f32", np.float32, -0.75)]:
            ds = f[name]
            c.equal(f"{name} shape", ds.shape, ())
            c.array(f"{name} value", ds[()], dt(value))
        for name, dt in [("empty_f8", np.float64), ("empty_i4", np.int32), ("empty_u8", np.uint8)]:
            ds = f[name]
            c.equal(f"{name} shape", ds.shape, None)
            c.dtype(f"{name} dtype", ds.dtype, dt)
            value = ds[()]
            c.true(isinstance(value, h5py.Empty), f"{name}: expected h5py.Empty, got {value!r}")
            if isinstance(value, h5py.Empty):
                c.dtype(f"{name} Empty dtype", value.dtype, dt)
        ds = f["empty_str"]
        c.equal("empty_str shape", ds.shape, None)
        c.vlen_utf8("empty_str dtype", ds.dtype)
    c.finish()


def check_enums(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["colors"]
        c.enum("colors", ds.dtype, np.uint8, COLOR)
        c.array("colors values", ds[()], np.array([0, 5, 1, 5], dtype=np.uint8))
        ds = f["level"]
        c.enum("level", ds.dtype, np.int16, {"low": -1, "mid": 0, "high": 1000})
        c.equal("level shape", ds.shape, ())
        c.array("level value", ds[()], np.int16(1000))
    c.finish()


# ---- B: h5py writes the file, h5kit checks it ------------------------------------------------

def write_all(path):
    with h5py.File(path, "w") as f:
        for dt in SIGNED + UNSIGNED + FLOATS:
            f.create_dataset(numpy_name(dt), data=numeric_values(dt))
        f["bools"] = BOOLS
        f["bool_scalar"] = np.bool_(False)
        f["complex64"] = COMPLEX64
        f["complex128"] = COMPLEX128
        f.create_dataset("vlen", data=VLEN_STRINGS, dtype=h5py.string_dtype("utf-8"))
        f["vlen_scalar"] = "Gr\u00fc\u00dfe"
        f.create_dataset("bytes_vlen", data=[b"raw", b"bytes"], dtype=h5py.string_dtype("ascii"))
        f["fixed"] = np.array([b"ab", b"abcde", b"", b"x"], dtype="S5")
        f["fixed_scalar"] = np.array(b"xyz", dtype="S3")
        f["int2d"] = np.arange(12, dtype=np.int32).reshape(3, 4) - 5
        f["f32_3d"] = (np.arange(24, dtype=np.float32) / 4).reshape(2, 3, 4)
        f["zero_1d"] = np.zeros(0, dtype=np.int32)
        f["zero_2d"] = np.zeros((0, 3), dtype=np.float64)
        f["scalar_f64"] = np.float64(2.5)
        f["scalar_i64"] = 42
        f["empty_i4"] = h5py.Empty("<i4")
        f["empty_f8"] = h5py.Empty("<f8")
        f.create_dataset("fixed_utf8", data=["\u00e9t\u00e9".encode(), b"ab"], dtype=h5py.string_dtype("utf-8", 8))
        f["be_i32"] = np.array([1, -2, 300000], dtype=">i4")
        f["be_f64"] = np.array([0.5, -1e300], dtype=">f8")
        f["points"] = np.array([(1, 2.5), (-3, -1.0)], dtype=[("x", "<i4"), ("y", "<f8")])
        vlen = f.create_dataset("vlen_ints", shape=(2,), dtype=h5py.vlen_dtype(np.int32))
        vlen[0] = np.array([1, 2, 3], dtype=np.int32)
        vlen[1] = np.array([4], dtype=np.int32)
        rgb = h5py.enum_dtype(RGB, basetype="i1")
        f.create_dataset("enum", data=np.array([0, 5, 1, 1], dtype=np.int8), dtype=rgb)
    print(f"wrote {path}")


run({
    "check-numeric": check_numeric,
    "check-bool-complex": check_bool_complex,
    "check-strings": check_strings,
    "check-multi-dim": check_multi_dim,
    "check-scalar-empty": check_scalar_empty,
    "check-enums": check_enums,
    "write-all": write_all,
})

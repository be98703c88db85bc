"""h5py peer for tests/interop/h5py_attributes_test.cpp: attributes of every kind, both directions."""
import h5py
import numpy as np

from interop_common import (COLOR, FLOATS, ORDER, RGB, SIGNED, UNSIGNED, Checker, numeric_values,
                            numpy_name, run)


def attr_type(obj, name):
    aid = obj.attrs.get_id(name)
    return aid.dtype, aid.shape


def check_attr(c, obj, name, dt, shape, value):
    """Dtype, shape and value of one numeric/bool/complex attribute."""
    where = f"{obj.name}@{name}"
    if not c.true(name in obj.attrs, f"{where}: attribute missing (have {sorted(obj.attrs)})"):
        return
    got_dt, got_shape = attr_type(obj, name)
    c.dtype(f"{where} dtype", got_dt, dt)
    c.equal(f"{where} shape", got_shape, shape)
    c.array(f"{where} value", np.asarray(obj.attrs[name]), np.asarray(value, dtype=dt))


def check_str_attr(c, obj, name, value):
    where = f"{obj.name}@{name}"
    if not c.true(name in obj.attrs, f"{where}: attribute missing (have {sorted(obj.attrs)})"):
        return
    got_dt, got_shape = attr_type(obj, name)
    c.vlen_utf8(f"{where} dtype", got_dt)
    got = obj.attrs[name]
    if isinstance(value, list):
        c.equal(f"{where} shape", got_shape, (len(value),))
        c.equal(f"{where} value", [str(v) for v in got], value)
    else:
        c.equal(f"{where} shape", got_shape, ())
        c.equal(f"{where} value", got, value)


# ---- A: h5kit wrote the file, h5py checks it -------------------------------------------------

def check_typed(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        for obj in (f, f["group"], f["data"]):
            for dt in SIGNED + UNSIGNED + FLOATS:
                name = numpy_name(dt)
                values = numeric_values(dt)
                check_attr(c, obj, name, dt, (), values[-1] if dt not in FLOATS else values[4])
                check_attr(c, obj, "vec_" + name, dt, (len(values),), values)
            check_attr(c, obj, "bool", np.bool_, (), True)
            check_attr(c, obj, "bools", np.bool_, (3,), [False, True, True])
            check_attr(c, obj, "complex128", np.complex128, (), 1 - 1j)
            check_attr(c, obj, "complex64s", np.complex64, (2,), [0.5 + 0.25j, -3j])
            check_attr(c, obj, "matrix", np.float64, (3, 2), [[1, 2], [3, 4], [5, 6]])
            check_attr(c, obj, "ndarray", np.int32, (2, 2), [[7, 8], [9, 10]])
    c.finish()


def check_strings_enums(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["data"]
        check_str_attr(c, ds, "units", "m/s\u00b2")
        check_str_attr(c, ds, "description", "Temperature at 2 m, \u00b0C")
        check_str_attr(c, ds, "labels", ["x", "yy", "", "\u03bb"])
        got_dt, got_shape = attr_type(ds, "fixed")
        c.fixed_ascii("data@fixed dtype", got_dt, 4)
        c.equal("data@fixed shape", got_shape, ())
        c.equal("data@fixed value", ds.attrs["fixed"], b"abc")
        got_dt, got_shape = attr_type(ds, "fixed_list")
        c.fixed_ascii("data@fixed_list dtype", got_dt, 3)
        c.array("data@fixed_list value", ds.attrs["fixed_list"], np.array([b"a", b"bcd"], dtype="S3"))
        got_dt, got_shape = attr_type(ds, "color")
        c.enum("data@color", got_dt, np.uint8, COLOR)
        c.equal("data@color shape", got_shape, ())
        c.equal("data@color value", int(ds.attrs["color"]), 5)
        got_dt, got_shape = attr_type(ds, "colors")
        c.enum("data@colors", got_dt, np.uint8, COLOR)
        c.array("data@colors value", np.asarray(ds.attrs["colors"]), np.array([1, 0, 5], dtype=np.uint8))
    c.finish()


def check_stored_types(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        g = f["group"]
        check_attr(c, g, "narrow", np.int16, (), 7)       # set(name, int, Datatype::int16())
        check_attr(c, g, "as_f32", np.float32, (3,), [0.5, 1.5, 2.5])  # doubles stored as float32
        check_attr(c, g, "modified", np.int16, (), 300)   # modify() kept the stored int16
        check_str_attr(c, g, "replaced", "now text")      # set() of another type replaced it
        c.true("removed" not in g.attrs, f"group@removed should have been erased, have {sorted(g.attrs)}")
        check_attr(c, g, "renamed_to", np.int32, (), 11)
        c.true("renamed_from" not in g.attrs, "group@renamed_from still present after rename")
        c.equal("group attribute count", len(g.attrs), 5)
    c.finish()


def check_kept(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        g = f["group"]
        check_attr(c, g, "kept", np.int32, (), 5)  # the set() of 100000 as int16 failed
        c.true("negative" not in g.attrs, "group@negative: -1 stored as uint8 should have failed")
        c.equal("group attributes", sorted(g.attrs), ["kept"])
    c.finish()


def check_order(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.equal("ordered group attrs order", list(f["ordered"].attrs), ORDER)
        c.equal("ordered dataset attrs order", list(f["ordered_data"].attrs), ORDER)
        c.equal("plain group attrs order (by name)", list(f["plain"].attrs), sorted(ORDER))
        for i, name in enumerate(ORDER):
            check_attr(c, f["ordered"], name, np.int32, (), i)
        # 12 attributes (dense storage in the latest format), created in descending name order,
        # then "a05" replaced by a string: the others keep their creation order.
        many = f["many"]
        names = [f"a{i:02d}" for i in reversed(range(12))]
        c.equal("many: attribute names", sorted(many.attrs), sorted(names))
        c.equal("many: creation order of the untouched ones",
                [n for n in many.attrs if n != "a05"], [n for n in names if n != "a05"])
        for i in range(12):
            if i != 5:
                check_attr(c, many, f"a{i:02d}", np.int64, (), i)
        check_str_attr(c, many, "a05", "replaced")
    c.finish()


# ---- B: h5py writes the file, h5kit checks it ------------------------------------------------

def write_all(path):
    rgb = h5py.enum_dtype(RGB, basetype="i1")
    with h5py.File(path, "w") as f:
        g = f.create_group("group")
        ds = f.create_dataset("data", data=np.arange(4.0))
        for obj in (f, g, ds):
            a = obj.attrs
            a["i64"] = 42
            a["f64"] = 2.5
            a["f32"] = np.float32(0.1)
            a["i8"] = np.int8(-128)
            a["u16"] = np.uint16(65535)
            a["u64"] = np.iinfo(np.uint64).max
            a["str"] = "Gr\u00fc\u00dfe"
            a["bytes"] = b"abc"
            a["fixed"] = np.array(b"ab", dtype="S5")
            a["fixed_list"] = np.array([b"a", b"bcd", b""], dtype="S3")
            a["str_list"] = ["a", "bb", "", "\u03bb"]
            a["bool"] = True
            a["bools"] = np.array([True, False, True])
            a["c128"] = 1 - 2j
            a["c64"] = np.complex64(0.5 + 0.25j)
            a.create("enum", 5, dtype=rgb)
            a["int_list"] = [1, 2, 3]
            a["matrix"] = np.arange(6.0).reshape(2, 3)
            a["empty"] = h5py.Empty("f8")
        ordered = f.create_group("ordered", track_order=True)
        for i, name in enumerate(ORDER):
            ordered.attrs[name] = np.int32(i)
        ods = f.create_dataset("ordered_data", data=[1], track_order=True)
        for i, name in enumerate(ORDER):
            ods.attrs[name] = np.int32(i)
        plain = f.create_group("plain")
        for i, name in enumerate(ORDER):
            plain.attrs[name] = np.int32(i)
    print(f"wrote {path}")


run({
    "check-typed": check_typed,
    "check-strings-enums": check_strings_enums,
    "check-stored-types": check_stored_types,
    "check-kept": check_kept,
    "check-order": check_order,
    "write-all": write_all,
})

"""h5py peer for tests/interop/h5py_scalar_types_test.cpp: float16, bytes vs text, opaque tags,
numpy datetime64/timedelta64 (calendar units too), string fill values, text decoding (asstr) and
big-endian numbers, both directions."""
import h5py
import numpy as np

from interop_common import Checker, run

# Values both sides agree on (the C++ half is at the top of h5py_scalar_types_test.cpp).
HALF_SOURCE = np.array([0.0, -1.5, 0.1, 65504.0, 2.0 ** -24, 1.0 + 2.0 ** -11, 1.0 + 3 * 2.0 ** -11,
                        65519.0, 65520.0, 1e6, -np.inf], dtype=np.float32)
with np.errstate(over="ignore"):  # 65520 and 1e6 become inf, as intended
    HALF = HALF_SOURCE.astype(np.float16)
TEXT = ["\u00b5m", "\u6e29\u5ea6", "plain", ""]
BYTES = [b"plain", b"\xff\xfe raw", b""]
FIXED_BYTES = [b"ab", b"0123456789", b""]
INSTANTS_NS = np.array(["2024-05-01T12:00:00.123456789", "1970-01-01T00:00:00", "1900-01-01T00:00:00.5", "NaT"],
                       dtype="M8[ns]")
INSTANTS_S = np.array(["2024-05-01T12:00:00", "1969-12-31T23:59:59"], dtype="M8[s]")
INSTANTS_US = np.array(["2024-05-01T12:00:00.123456", "2262-04-11T23:47:16.854775"], dtype="M8[us]")
GAPS_MS = np.array([1500, -3, 0], dtype="m8[ms]")
YEARS = np.array(["1970", "1969", "2024", "1000"], dtype="M8[Y]")
MONTHS = np.array(["1969-12", "2024-05", "1970-01"], dtype="M8[M]")
SPANS_Y = np.array([2, -1], dtype="m8[Y]")
# Strings whose bytes are not what their character set says, for asstr(encoding, errors).
MISLABELLED = {
    "latin1_fixed": (np.array([b"caf\xe9", b"ok", b"\xff"], dtype="S6"), None),
    "broken_utf8": ([b"ok", b"\xe2\x82", b"a\xffb\xe0\x80c", "\u00b5".encode()], h5py.string_dtype("utf-8")),
}
DECODINGS = [("ascii", "replace"), ("ascii", "ignore"), ("ascii", "backslashreplace"), ("utf-8", "replace"),
             ("utf-8", "ignore"), ("utf-8", "backslashreplace"), ("latin-1", "strict")]
BLOBS = [b"abcd", b"\x00\x01\x02\x03", b"wxyz"]
BE_I4 = np.array([1, -2, 0x01020304, np.iinfo(np.int32).min], dtype=">i4")
BE_F8 = np.array([1.5, -0.0, 1e300, np.inf], dtype=">f8")
BE_U2 = np.array([1, 65535, 258], dtype=">u2")
BE_F2 = np.array([1.5, -65504.0, 2.0 ** -24], dtype=">f2")
BE_COMPOUND = np.array([(1, 2.5), (-7, -0.125)], dtype=[("a", ">i4"), ("b", ">f8")])


def string_info(c, label, dt, encoding, length):
    info = h5py.check_string_dtype(dt)
    return c.true(info is not None and info.encoding == encoding and info.length == length,
                  f"{label}: expected string_info(encoding={encoding!r}, length={length}), got {info!r}")


def opaque_dtype(tag, size):
    tid = h5py.h5t.create(h5py.h5t.OPAQUE, size)
    tid.set_tag(tag)
    return tid


def create_with_type(f, name, tid, data):
    """A dataset of an exact HDF5 type (one the high-level API does not make) holding `data`."""
    space = h5py.h5s.create_simple((len(data),))
    dsid = h5py.h5d.create(f.id, name.encode(), tid, space)
    dsid.write(h5py.h5s.ALL, h5py.h5s.ALL, np.asarray(data), mtype=tid)


# ---- A: h5kit wrote the file, h5py checks it -------------------------------------------------

def check_float16(path):
    c = Checker(path)
    expected = HALF
    with h5py.File(path, "r") as f:
        for name in ("half", "half_from_float"):
            ds = f[name]
            c.dtype(f"{name} dtype", ds.dtype, "<f2")
            got = ds[()]
            c.array(f"{name} bits", got.view(np.uint16), expected.view(np.uint16))
            c.true(ds.id.get_type() == h5py.h5t.py_create(np.dtype("<f2")),
                   f"{name}: HDF5 type differs (H5Tequal) from h5py's own float16")
    c.finish()


def check_strings(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["bytes"]
        string_info(c, "bytes", ds.dtype, "ascii", None)
        c.equal("bytes values (as bytes)", list(ds[()]), BYTES)
        ds = f["text"]
        string_info(c, "text", ds.dtype, "utf-8", None)
        c.equal("text values (as str)", list(ds.asstr()[()]), TEXT)
        ds = f["fixed_bytes"]
        c.fixed_ascii("fixed_bytes", ds.dtype, 10)
        c.equal("fixed_bytes values", list(ds[()]), FIXED_BYTES)
        ds = f["fixed_utf8"]
        string_info(c, "fixed_utf8", ds.dtype, "utf-8", 30)
        c.equal("fixed_utf8 values", [v.decode("utf-8") for v in ds[()]], TEXT)
        ds = f["bytes_2d"]
        c.equal("bytes_2d shape", ds.shape, (2, 2))
        string_info(c, "bytes_2d", ds.dtype, "ascii", None)
        c.equal("bytes_2d values", ds[()].tolist(), [[b"a", b"bb"], [b"", b"\xff"]])
        ds = f["text_2d"]
        c.equal("text_2d values", ds.asstr()[()].tolist(), [["x", "\u00e9"], ["\u2713", ""]])
        # h5py hands every variable-length string attribute back as str; the stored charset tells bytes.
        string_info(c, "bytes attribute", f.attrs.get_id("raw").dtype, "ascii", None)
        c.equal("bytes attribute", f.attrs["raw"], "\x01\x02")
        string_info(c, "text attribute", f.attrs.get_id("unit").dtype, "utf-8", None)
        c.equal("text attribute", f.attrs["unit"], "\u00b5m")
    c.finish()


def check_opaque(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["tagged"]
        c.equal("tagged tag", ds.id.get_type().get_tag(), b"acme:frame")
        c.dtype("tagged dtype", ds.dtype, "V4")
        # h5py's high-level reads know only the empty tag and "NUMPY:" tags; others need the stored type.
        values = np.empty(ds.shape, dtype="V4")
        ds.id.read(h5py.h5s.ALL, h5py.h5s.ALL, values, mtype=ds.id.get_type())
        c.equal("tagged values", [bytes(v) for v in values], BLOBS)
        ds = f["untagged"]
        c.dtype("untagged dtype", ds.dtype, "V4")
        c.equal("untagged tag", ds.id.get_type().get_tag(), b"")
        c.equal("untagged values", [bytes(v) for v in ds[()]], BLOBS)
    c.finish()


def check_time(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        for name, expected in (("ns", INSTANTS_NS), ("s", INSTANTS_S), ("us", INSTANTS_US), ("gaps_ms", GAPS_MS)):
            ds = f[name]
            c.equal(f"{name} tag", ds.id.get_type().get_tag(), b"NUMPY:" + expected.dtype.str.encode())
            got = ds[()]
            c.dtype(f"{name} dtype", got.dtype, expected.dtype)
            c.true(np.array_equal(got.view(np.int64), expected.view(np.int64)),
                   f"{name} values: got {got!r}, expected {expected!r}")
        c.equal("attribute", f.attrs["when"], np.datetime64("2024-05-01T12:00:00", "s"))
        for name, expected in (("years", YEARS), ("months", MONTHS), ("spans_y", SPANS_Y)):
            ds = f[name]
            c.equal(f"{name} tag", ds.id.get_type().get_tag(), b"NUMPY:" + expected.dtype.str.encode())
            c.array(f"{name} values", ds[()], expected)
        c.array("years as days (numpy's calendar)", f["years"][()].astype("M8[D]"),
                np.array(["1970-01-01", "1969-01-01", "2024-01-01", "1000-01-01"], dtype="M8[D]"))
    c.finish()


def check_fill_strings(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        ds = f["fixed"]
        c.equal("fixed fillvalue", ds.fillvalue, b"N/A")
        c.equal("fixed never-written values", list(ds[()]), [b"N/A", b"N/A", b"N/A"])
        ds = f["vlen"]
        c.equal("vlen fillvalue", ds.fillvalue, b"none")
        c.equal("vlen never-written values", list(ds.asstr()[()]), ["none", "written", "none"])
        ds = f["utf8_fixed"]
        c.equal("utf8 fillvalue", ds.fillvalue.decode("utf-8"), "\u00b5m")
    c.finish()


def check_byte_order(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        for name, expected in (("i4be", BE_I4), ("f8be", BE_F8), ("u2be", BE_U2), ("f2be", BE_F2)):
            ds = f[name]
            c.equal(f"{name} byteorder", ds.dtype.byteorder, ">")
            c.dtype(f"{name} dtype", ds.dtype, expected.dtype)
            c.array(f"{name} values", ds[()], expected)
    c.finish()


# ---- B: h5py writes, h5kit reads -------------------------------------------------------------

def write_all(path):
    with h5py.File(path, "w") as f:
        f["half"] = HALF
        f["half_be"] = BE_F2
        f["bytes_fixed"] = np.array(FIXED_BYTES, dtype="S10")
        f.create_dataset("text_vlen", data=TEXT, dtype=h5py.string_dtype("utf-8"))
        f.create_dataset("bytes_vlen", data=BYTES, dtype=h5py.string_dtype("ascii"))
        f.create_dataset("text_fixed", data=[t.encode() for t in TEXT], dtype=h5py.string_dtype("utf-8", 30))
        f.create_dataset("text_2d", data=np.array([["\u00b5m", "a"], ["\u6e29\u5ea6", ""]], dtype=object),
                         dtype=h5py.string_dtype("utf-8"))
        spaced = h5py.h5t.C_S1.copy()
        spaced.set_size(8)
        spaced.set_strpad(h5py.h5t.STR_SPACEPAD)
        create_with_type(f, "space_padded", spaced, np.array([b"ab      ", b"abcdefgh", b"        "], dtype="S8"))
        f["v8"] = np.array([b"\x01\x02\x03\x04\x05\x06\x07\x08", b"\x00" * 8], dtype="V8")
        create_with_type(f, "tagged", opaque_dtype(b"acme:frame", 4), np.array(BLOBS, dtype="V4"))
        for name, values in (("M8ns", INSTANTS_NS), ("M8s", INSTANTS_S), ("M8us", INSTANTS_US), ("m8ms", GAPS_MS)):
            f[name] = values.astype(h5py.opaque_dtype(values.dtype))
        far = np.array(["3000-01-01T00:00:00"], dtype="M8[us]")  # beyond int64 nanoseconds (year 2262)
        f["M8us_far"] = far.astype(h5py.opaque_dtype(far.dtype))
        f["i4be"] = BE_I4
        f["f8be"] = BE_F8
        f["u2be"] = BE_U2
        f["compound_be"] = BE_COMPOUND
        for name, values in (("M8Y", YEARS), ("M8M", MONTHS), ("m8Y", SPANS_Y)):
            f[name] = values.astype(h5py.opaque_dtype(values.dtype))
        f.create_dataset("fill_fixed", (3,), dtype="S5", fillvalue=b"N/A")
        f.create_dataset("fill_vlen", (2,), dtype=h5py.string_dtype(), fillvalue="none")
        for name, (data, dtype) in MISLABELLED.items():
            ds = f.create_dataset(name, data=data, dtype=dtype)
            # h5py's own decodings of the same bytes, for h5kit to match.
            for encoding, errors in DECODINGS:
                expected = list(ds.asstr(encoding, errors)[()])
                f.create_dataset(f"decoded/{name}/{encoding}/{errors}", data=expected, dtype=h5py.string_dtype())


run({
    "check-float16": check_float16,
    "check-strings": check_strings,
    "check-fill-strings": check_fill_strings,
    "check-opaque": check_opaque,
    "check-time": check_time,
    "check-byte-order": check_byte_order,
    "write-all": write_all,
})

"""Peer for tests/interop/pytables_daq_backend_test.cpp: PyTables and h5py read the files h5kit's
daq backend writes (node classes, titles, pymodaq JSON attributes, data, pickled strings, and the
low-level attribute storage), and PyTables writes files the way pymodaq_data 5.0.5 does for h5kit
to read (docs/daq.md, specs/pymodaq_layout.md)."""
import ast
import json
import math
import pickle
import warnings

import h5py
import numpy as np
import tables

from interop_common import Checker, run

warnings.simplefilter("ignore", tables.NaturalNameWarning)

# The attribute values both sides agree on (kAttributes in the C++ test holds the same, in order).
ATTRIBUTES = {
    "s_plain": "scan",
    "s_quote": "it's",
    "s_both": "it's \"x\"",
    "s_escapes": "a\nb\rc\td\\e",
    "s_ctrl": "\x00\x01\x1f\x7f",
    "s_latin1": "\u00b5m \u00e9t\u00e9 \x80\x9f\xa0\xad \u00ff\u00a1",
    "s_bmp": "\u03bb \u200b \u2028 \u3000 \ue000 \uffff",
    "s_astral": "\U0001F600 \U000E0001 \U0010FFFF",
    "s_empty": "",
    "b_settings": b"<All_settings/>",
    "b_binary": b"\x00\x7f\x80\xff'\"\\\n",
    "i_zero": 0,
    "i_neg": -123456789012345,
    "i_max": 9223372036854775807,
    "f_one": 1.0,
    "f_small": 1e-05,
    "f_big": 1e16,
    "f_fixed": 1e15,
    "f_ts": 1796280425.5731053,
    "f_negzero": -0.0,
    "f_tiny": 5e-324,
    "f_third": 1 / 3,
    "f_nan": float("nan"),
    "f_inf": float("inf"),
    "f_minf": float("-inf"),
    "bool_t": True,
    "bool_f": False,
    "none": None,
    "t_empty": (),
    "t_one": (1,),
    "t_shape": (2, 10, 3),
    "t_mixed": (0, "a", 2.5, None),
    "l_mixed": [1, "\u00b5", [2.5], (1,), b"x", True],
    "np64": np.float64(-20.4),
    "np64_one": np.float64(1.0),
}

STRINGS = ["This", "", "is a message", "\u00b5m and \U0001F600", "x" * 300, "y" * 70000, "it's \"quoted\"\n"]


def object2json(value):
    """pymodaq_utils' JsonConverter.object2json."""
    return json.dumps({"module": type(value).__module__, "type": type(value).__name__, "data": repr(value)})


def same(a, b):
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, float) and isinstance(b, float):
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    return type(a) == type(b) and a == b


# ---- A: h5kit wrote the file ---------------------------------------------------------------------

def check_attribute_storage(c, obj, name, cset, label):
    """PyTables' storage: scalar fixed-length NULLTERM string; empty as STRSIZE 1 with H5S_NULL."""
    aid = h5py.h5a.open(obj.id, name.encode())
    t = aid.get_type()
    space = aid.get_space().get_simple_extent_type()
    c.true(isinstance(t, h5py.h5t.TypeStringID), f"{label}.{name}: not a string type")
    if not isinstance(t, h5py.h5t.TypeStringID):
        return
    c.true(not t.is_variable_str(), f"{label}.{name}: variable-length, expected fixed-length")
    c.equal(f"{label}.{name} strpad", t.get_strpad(), h5py.h5t.STR_NULLTERM)
    c.equal(f"{label}.{name} cset", t.get_cset(), cset)
    value = obj.attrs.get(name) if space != h5py.h5s.NULL else None
    if space == h5py.h5s.NULL:
        c.equal(f"{label}.{name} STRSIZE of the empty string", t.get_size(), 1)
    else:
        c.equal(f"{label}.{name} space", space, h5py.h5s.SCALAR)
        raw = value if isinstance(value, bytes) else value.encode()
        c.equal(f"{label}.{name} STRSIZE", t.get_size(), len(raw))


def check_h5kit(path):
    c = Checker(path)
    with tables.open_file(path, "r") as f:
        c.equal("root TITLE", f.title, "PyMoDAQ file")
        c.equal("root CLASS", f.root._v_attrs.CLASS, "GROUP")
        c.equal("PYTABLES_FORMAT_VERSION", f.format_version, "2.1")
        c.equal("pymodaq_version", json.loads(f.root._v_attrs.pymodaq_version)["data"], "'5.0.5'")
        g = f.get_node("/Attrs")
        c.equal("Attrs title", g._v_title, "every kind of value")
        c.equal("Attrs type", ast.literal_eval(json.loads(g._v_attrs.type)["data"]), "scan")
        for name, expected in ATTRIBUTES.items():
            stored = g._v_attrs[name]
            c.equal(f"{name} JSON text", stored, object2json(expected))
            data = json.loads(stored)["data"]
            if isinstance(expected, float) and (math.isnan(expected) or math.isinf(expected)):
                got = float(data)
            else:
                got = ast.literal_eval(data)
            c.true(same(got, expected) if not isinstance(expected, (tuple, list)) else got == expected,
                   f"{name}: expected {expected!r}, got {got!r}")
        # Arrays: classes, titles, data, pymodaq attributes.
        ca = f.get_node("/Arrays/carray")
        c.true(isinstance(ca, tables.CArray) and not isinstance(ca, tables.EArray), f"carray is {type(ca).__name__}")
        c.equal("carray title", ca._v_title, "my carray")
        c.array("carray data", ca.read(), np.arange(50, dtype=np.float64).reshape(5, 10) * 0.5)
        c.equal("carray [1,2]", ca[1, 2], 6.0)
        for attr, value in (("shape", (5, 10)), ("dtype", "float64"), ("subdtype", ""), ("backend", "tables")):
            c.equal(f"carray {attr}", ast.literal_eval(json.loads(ca._v_attrs[attr])["data"]), value)
        c.equal("carray chunkshape", ca.chunkshape, (819, 10))
        c.array("flags", f.get_node("/Arrays/flags").read(), np.array([False, True, False]))
        c.array("complex", f.get_node("/Arrays/z").read(), np.array([1 + 2j, -3 + 0.5j]))
        ea = f.get_node("/Arrays/earray")
        c.true(isinstance(ea, tables.EArray), f"earray is {type(ea).__name__}")
        c.equal("earray shape", ea.shape, (2, 10, 3))
        c.equal("earray extdim", ea.extdim, 0)
        c.equal("earray shape attr", ast.literal_eval(json.loads(ea._v_attrs.shape)["data"]), (2, 10, 3))
        c.array("earray[-1]", ea[-1, :, :], np.arange(30, dtype=np.uint32).reshape(10, 3) + 100)
        c.array("earray[0]", ea[0], np.arange(30, dtype=np.uint32).reshape(10, 3))
        e0 = f.get_node("/Arrays/EnlData00")
        c.array("0-D enlargeable", e0.read(), np.array([[2.7], [3.7]]))
        vl = f.get_node("/Arrays/vlarray")
        c.true(isinstance(vl, tables.VLArray), f"vlarray is {type(vl).__name__}")
        c.array("vlarray[0]", vl[0], np.array([10, 12, 15], dtype=np.uint32))
        c.array("vlarray[-1]", vl[-1], np.array([10, 4, 2, 4, 6, 4], dtype=np.uint32))
        c.equal("vlarray shape attr", ast.literal_eval(json.loads(vl._v_attrs.shape)["data"]), (2,))
        lg = f.get_node("/Arrays/Logger")
        c.true(isinstance(lg, tables.VLArray), f"Logger is {type(lg).__name__}")
        c.equal("Logger subdtype", ast.literal_eval(json.loads(lg._v_attrs.subdtype)["data"]), "string")
        c.equal("Logger dtype", ast.literal_eval(json.loads(lg._v_attrs.dtype)["data"]), "uint8")
        c.equal("Logger atom", lg.atom.dtype, np.dtype("uint8"))
        rows = lg.read()
        c.equal("Logger strings", [pickle.loads(r.tobytes()) for r in rows], STRINGS)
        c.equal("Logger bytes", [r.tobytes() for r in rows], [pickle.dumps(s, protocol=4) for s in STRINGS])
        comp = f.get_node("/Compressed/carray")
        c.equal("compressed complevel", comp.filters.complevel, 6)
        c.equal("compressed complib", comp.filters.complib, "zlib")
        c.equal("compressed shuffle", comp.filters.shuffle, True)
        c.array("compressed data", comp.read(), np.arange(1000, dtype=np.int64).reshape(10, 100))
        ce = f.get_node("/Compressed/earray")
        c.equal("compressed earray complevel", ce.filters.complevel, 6)
        c.array("compressed earray[-1]", ce[-1], np.full((4,), 9.5))
        c.equal("children of /", sorted(f.root._v_children), ["Arrays", "Attrs", "Big", "Compressed", "Empty title"])
        settings = ast.literal_eval(json.loads(f.get_node("/Big")._v_attrs.settings)["data"])
        c.equal("200 kB settings", settings, b"<All_settings>" + b"s" * 200000 + b"</All_settings>")
        c.equal("empty title", f.get_node("/Empty title")._v_title, "")
    # h5py: the storage PyTables itself uses.
    with h5py.File(path, "r") as f:
        for name in ("CLASS", "TITLE", "VERSION", "PYTABLES_FORMAT_VERSION", "pymodaq_version"):
            check_attribute_storage(c, f, name, h5py.h5t.CSET_UTF8, "/")
        for name in ATTRIBUTES:
            check_attribute_storage(c, f["Attrs"], name, h5py.h5t.CSET_UTF8, "/Attrs")
        for node in ("carray", "earray"):
            for name in ("CLASS", "TITLE", "VERSION"):
                check_attribute_storage(c, f["Arrays"][node], name, h5py.h5t.CSET_ASCII, node)
            for name in ("shape", "dtype", "subdtype", "backend"):
                check_attribute_storage(c, f["Arrays"][node], name, h5py.h5t.CSET_UTF8, node)
        for name in ("CLASS", "TITLE", "VERSION"):
            check_attribute_storage(c, f["Arrays/vlarray"], name, h5py.h5t.CSET_UTF8, "vlarray")
        check_attribute_storage(c, f["Empty title"], "TITLE", h5py.h5t.CSET_UTF8, "/Empty title")
        c.equal("empty TITLE dataspace",
                h5py.h5a.open(f["Empty title"].id, b"TITLE").get_space().get_simple_extent_type(), h5py.h5s.NULL)
        extdim = h5py.h5a.open(f["Arrays/earray"].id, b"EXTDIM")
        c.true(extdim.get_type().equal(h5py.h5t.STD_I32LE), "EXTDIM is not H5T_STD_I32LE")
        c.equal("EXTDIM space", extdim.get_space().get_simple_extent_type(), h5py.h5s.SCALAR)
        c.true("EXTDIM" not in f["Arrays/carray"].attrs, "a CARRAY has EXTDIM")
        c.true("EXTDIM" not in f["Arrays/vlarray"].attrs, "a VLARRAY has EXTDIM")
        small = f["Arrays/small"]
        c.equal("small chunks", small.chunks, (2730, 3))
        c.equal("small maxshape", small.maxshape, (2730, 3))
        c.equal("earray chunks", f["Arrays/earray"].chunks, (546, 10, 3))
        c.equal("earray maxshape", f["Arrays/earray"].maxshape, (None, 10, 3))
        c.equal("flags type class", f["Arrays/flags"].id.get_type().get_class(), h5py.h5t.BITFIELD)
        c.true(f["Arrays/flags"].id.get_type().equal(h5py.h5t.STD_B8LE), "bool is not H5T_STD_B8LE")
        zt = f["Arrays/z"].id.get_type()
        c.equal("complex members", [zt.get_member_name(i) for i in range(zt.get_nmembers())], [b"r", b"i"])
        c.equal("carray fill time", f["Arrays/carray"].id.get_create_plist().get_fill_time(), h5py.h5d.FILL_TIME_ALLOC)
        c.equal("compressed pipeline", list(f["Compressed/carray"]._filters), ["shuffle", "gzip"])
        c.equal("compressed level", f["Compressed/carray"].compression_opts, 6)
        c.equal("uncompressed pipeline", list(f["Arrays/carray"]._filters), [])
    c.finish()


# ---- B: PyTables writes the file as pymodaq_data 5.0.5 does --------------------------------------

def set_attr(node, name, value):
    node._v_attrs[name] = object2json(value)


def create_carray(f, where, name, obj, title=""):
    array = f.create_carray(where, name, obj=obj, title=title, filters=FILTERS)
    set_attr(array, "shape", obj.shape)
    set_attr(array, "dtype", obj.dtype.name)
    set_attr(array, "subdtype", "")
    set_attr(array, "backend", "tables")
    return array


def add_group(f, name, group_type, where, title="", metadata=None):
    group = f.create_group(where, name[0].upper() + name[1:], title)
    set_attr(group, "type", group_type)
    for key, value in (metadata or {}).items():
        set_attr(group, key, value)
    set_attr(group, "backend", "tables")
    return group


FILTERS = tables.Filters(complevel=5, complib="zlib")


def write_pytables(path):
    with tables.open_file(path, "w", title="PyMoDAQ file") as f:
        set_attr(f.root, "pymodaq_version", "0.0.0")
        set_attr(f.root, "pymodaq_data_version", "5.0.5")
        attrs = add_group(f, "attrs", "scan", "/", "every kind of value", ATTRIBUTES)
        # numpy >= 2 writes a numpy scalar's repr as np.float64(x): h5kit reads that form too.
        attrs._v_attrs["np2"] = json.dumps({"module": "numpy", "type": "float64", "data": "np.float64(-20.4)"})
        attrs._v_attrs["plain"] = "plain text"
        raw = f.create_group("/", "RawData", "Data from PyMoDAQ modules")
        set_attr(raw, "type", "scan")
        create_carray(f, raw, "Data00", np.arange(50, dtype=np.float64).reshape(5, 10) * 0.5, "mydata")
        create_carray(f, raw, "flags", np.array([False, True, True]))
        create_carray(f, raw, "z", np.array([1 + 2j, -3 + 0.5j]))
        e = f.create_earray(raw, "EnlData00", atom=tables.Atom.from_dtype(np.dtype("uint32")), shape=(0, 10, 3),
                            title="enl", filters=FILTERS)
        for k in range(2):
            e.append((np.arange(30, dtype=np.uint32) + 100 * k).reshape(1, 10, 3))
        set_attr(e, "shape", (2, 10, 3))
        set_attr(e, "dtype", "uint32")
        set_attr(e, "subdtype", "")
        set_attr(e, "backend", "tables")
        v = f.create_vlarray(raw, "vlarray", atom=tables.UInt32Atom(), title="ragged", filters=FILTERS)
        v.append(np.array([10, 12, 15], dtype=np.uint32))
        v.append(np.array([10, 4, 2, 4, 6, 4], dtype=np.uint32))
        for name, value in (("shape", (2,)), ("dtype", "uint32"), ("subdtype", ""), ("backend", "tables")):
            set_attr(v, name, value)
        logger = f.create_vlarray(raw, "Logger", atom=tables.UInt8Atom(), title="")
        # One row per protocol: pymodaq reads them all with pickle.loads.
        for k, s in enumerate(STRINGS):
            logger.append(np.frombuffer(pickle.dumps(s, protocol=2 + k % 4), np.uint8))
        for name, value in (("shape", (len(STRINGS),)), ("dtype", "uint8"), ("subdtype", "string"),
                            ("backend", "tables"), ("data_type", "strings"), ("type", "log")):
            set_attr(logger, name, value)
        g2 = add_group(f, "g2", "detector", "/")
        add_group(f, "g21", "data", g2)
        add_group(f, "g22", "data", g2)
        g1 = add_group(f, "g1", "actuator", "/")
        add_group(f, "g11", "data", g1)
    print(f"wrote {path}")


def write_h5py(path):
    """The files of pymodaq's h5py backend (spec §3.4): variable-length strings, JSON root TITLE and
    CLASS, plain CLASS/TITLE elsewhere, int64 EXTDIM also on VLARRAYs, no VERSION, contiguous CARRAYs."""
    with h5py.File(path, "w") as f:
        f.attrs["TITLE"] = object2json("PyMoDAQ file")
        f.attrs["CLASS"] = object2json("GROUP")
        f.attrs["pymodaq_version"] = object2json("4.4.7")
        raw = f.create_group("RawData")
        raw.attrs["TITLE"] = "Data from PyMoDAQ modules"
        raw.attrs["CLASS"] = "GROUP"
        raw.attrs["type"] = object2json("scan")
        d = raw.create_dataset("Data00", data=np.arange(6, dtype=np.int64).reshape(2, 3))
        d.attrs["TITLE"] = "mydata"
        d.attrs["CLASS"] = "CARRAY"
        for name, value in (("shape", (2, 3)), ("dtype", "int64"), ("subdtype", ""), ("backend", "h5py"),
                            ("nav_indexes", ()), ("offset", np.float64(-20.4)), ("settings", b"<xml/>")):
            d.attrs[name] = object2json(value)
        e = raw.create_dataset("EnlData00", shape=(0, 3), maxshape=(None, 3), dtype=np.float64, chunks=True)
        for k in range(2):
            e.resize(e.shape[0] + 1, axis=0)
            e[-1] = np.full(3, k + 0.5)
        e.attrs["CLASS"] = "EARRAY"
        e.attrs["TITLE"] = ""
        e.attrs["EXTDIM"] = np.int64(0)
        e.attrs["shape"] = object2json((2, 3))
        lg = raw.create_dataset("Logger", shape=(0,), maxshape=(None,), dtype=h5py.vlen_dtype(np.uint8))
        for s in STRINGS[:4]:
            lg.resize(lg.shape[0] + 1, axis=0)
            lg[-1] = np.frombuffer(pickle.dumps(s), np.uint8)
        lg.attrs["CLASS"] = "VLARRAY"
        lg.attrs["TITLE"] = ""
        lg.attrs["EXTDIM"] = np.int64(0)
        lg.attrs["subdtype"] = object2json("string")
        lg.attrs["shape"] = object2json((4,))
    print(f"wrote {path}")


def append_pytables(path):
    """pymodaq reopens its files with 'a' and goes on: PyTables appends to h5kit's nodes."""
    with tables.open_file(path, "a") as f:
        ea = f.get_node("/Arrays/earray")
        ea.append(np.full((1, 10, 3), 7, dtype=np.uint32))
        set_attr(ea, "shape", ea.shape)
        f.get_node("/Arrays/vlarray").append(np.array([1, 2], dtype=np.uint32))
        f.get_node("/Arrays/Logger").append(np.frombuffer(pickle.dumps("from PyTables"), np.uint8))
        set_attr(f.get_node("/Attrs"), "added", (1, "two"))
        g = f.create_group("/", "FromPyTables", "added later")
        create_carray(f, g, "Data00", np.arange(4, dtype=np.int64))
    print(f"appended to {path}")


run({
    "write-h5py": write_h5py,
    "append-pytables": append_pytables,
    "check-h5kit": check_h5kit,
    "write-pytables": write_pytables,
})

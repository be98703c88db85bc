"""PyTables peer for tests/interop/pytables_daq_saving_test.cpp.

check-h5kit FILE LAYOUT: PyTables opens a DAQ file h5kit's savers wrote (LAYOUT: dte, timed, scan):
node classes, titles, every pymodaq attribute through json.loads + ast.literal_eval, the `shape`
and `dtype` attributes against the arrays, the pickled Logger, and the data values of spec §12.

write-pymodaq FILE LAYOUT: writes the same layouts with python3-tables following
specs/pymodaq_layout.md (what pymodaq_data 5.0.5's PyTables backend does), for h5kit's DataLoader.
"""
import ast
import json
import pickle
import sys

import numpy as np
import tables

from interop_common import Checker, run

EVALUATED = {"float", "int", "str", "datetime", "date", "time", "tuple", "list", "bool", "bytes", "float64"}
SYSTEM = {"CLASS", "TITLE", "VERSION", "EXTDIM", "PYTABLES_FORMAT_VERSION"}
TIMESTAMP = 1796280425.5731053
SCAN_SHAPE = (5, 10)
POINT = (4, 3)


def axis_values(n):
    return -20.4 + 0.22 * np.linspace(0, n - 1, n)


# The DataToExport 'mybigdata' of spec §12: name -> (arrays, labels, units, axes[(label, units, index, n)], errors)
def mybigdata(errors=True):
    d2 = np.arange(30).reshape(5, 6)
    d1 = np.arange(10)
    d0 = np.array([2.7])
    return [
        ("mydata0D", [d0, d0], ["CH00", "CH01"], "um", [],
         [np.full((1,), 0.01), np.full((1,), 0.02)] if errors else None),
        ("mydata0Dbis", [d0, d0], ["mylabel1bis", "mylabel2bis"], "", [], None),
        ("mydata1D", [d1, d1], ["CH00", "CH01"], "s", [("myaxis0", "myunits0", 0, 10)], None),
        ("mydata2D", [d2, d2], ["mylabel1", "mylabel2"], "nm",
         [("myaxis0", "myunits0", 0, 5), ("myaxis1", "myunits1", 1, 6)],
         [np.full((5, 6), 0.1), np.full((5, 6), 0.2)] if errors else None),
    ]


def dim_of(name):
    return {"mydata0D": "Data0D", "mydata0Dbis": "Data0D", "mydata1D": "Data1D", "mydata2D": "Data2D"}[name]


# ---- A: PyTables checks h5kit's files ---------------------------------------------------------

def decode(c, where, name, raw):
    """pymodaq's json2object, strictly: every pymodaq attribute must be this JSON."""
    if isinstance(raw, bytes):
        raw = raw.decode()
    if not c.true(isinstance(raw, str), f"{where}.{name}: expected a str attribute, got {type(raw).__name__}"):
        return None
    try:
        obj = json.loads(raw)
    except ValueError:
        c.fail(f"{where}.{name}: not JSON: {raw!r}")
        return None
    if not c.true(isinstance(obj, dict) and list(obj) == ["module", "type", "data"],
                  f"{where}.{name}: keys {list(obj) if isinstance(obj, dict) else obj!r}"):
        return None
    if obj["type"] in EVALUATED:
        try:
            value = ast.literal_eval(obj["data"])
        except (ValueError, SyntaxError):
            c.fail(f"{where}.{name}: data {obj['data']!r} is not a Python literal")
            return None
        module = "numpy" if obj["type"] == "float64" else "builtins"
        c.equal(f"{where}.{name} module", obj["module"], module)
        expected_type = "float" if obj["type"] == "float64" else obj["type"]
        c.equal(f"{where}.{name} type", type(value).__name__, expected_type)
        return value
    c.true(obj["type"] == "NoneType" and obj["data"] == "None", f"{where}.{name}: unexpected type {obj['type']}")
    return None


def check_node(c, node):
    where = node._v_pathname
    attrs = node._v_attrs
    names = attrs._v_attrnames
    values = {n: decode(c, where, n, attrs[n]) for n in names if n not in SYSTEM}
    if isinstance(node, tables.Group):
        c.true(type(node) is tables.Group or where == "/", f"{where}: group class {type(node).__name__}")
        return values
    cls = attrs["CLASS"].decode() if isinstance(attrs["CLASS"], bytes) else attrs["CLASS"]
    expected_class = {tables.CArray: "CARRAY", tables.EArray: "EARRAY", tables.VLArray: "VLARRAY"}.get(type(node))
    c.equal(f"{where} CLASS", cls, expected_class)
    for required in ("shape", "dtype", "subdtype", "backend"):
        c.true(required in values, f"{where}: no '{required}' attribute")
    c.equal(f"{where} backend", values.get("backend"), "tables")
    if isinstance(node, tables.VLArray):
        c.equal(f"{where} shape attr", values.get("shape"), (node.nrows,))
        c.equal(f"{where} dtype attr", values.get("dtype"), node.atom.dtype.name)
    else:
        c.equal(f"{where} shape attr", values.get("shape"), node.shape)
        c.equal(f"{where} dtype attr", values.get("dtype"), node.atom.dtype.name)
    if isinstance(node, tables.EArray) and not isinstance(node, tables.VLArray):
        c.equal(f"{where} extdim", node.extdim, 0)
    if "data_type" in values and values["data_type"] not in ("strings",):
        c.equal(f"{where} TITLE vs label/name", isinstance(node.title, str), True)
        for required in ("data_dimension",):
            c.true(required in values, f"{where}: no '{required}'")
        if values["data_type"] == "axis":
            for required in ("size", "label", "units", "index", "offset", "scaling", "distribution", "spread_order"):
                c.true(required in names, f"{where}: axis without '{required}'")
            c.equal(f"{where} axis title", node.title, values.get("label"))
        else:
            for required in ("timestamp", "label", "source", "distribution", "origin", "nav_indexes"):
                c.true(required in values, f"{where}: data node without '{required}'")
    return values


def check_h5kit(path, layout):
    c = Checker(path)
    with tables.open_file(path, "r") as f:
        c.equal("root title", f.root._v_title, "PyMoDAQ file")
        c.equal("PYTABLES_FORMAT_VERSION", f.root._v_attrs["PYTABLES_FORMAT_VERSION"], "2.1")
        root = check_node(c, f.root)
        c.equal("pymodaq_version", root.get("pymodaq_version"), "5.0.5")
        c.true(root.get("file", "").endswith(".h5"), f"root file attribute {root.get('file')!r}")
        raw = f.get_node("/RawData")
        c.equal("RawData title", raw._v_title, "Data from PyMoDAQ modules")
        logger = f.get_node("/RawData/Logger")
        c.true(isinstance(logger, tables.VLArray), "Logger is not a VLArray")
        messages = [pickle.loads(row.tobytes()) for row in logger.read()]
        c.equal("Logger messages", messages, ["first message", "µm and ünïcode", "last"])
        count = 0
        for node in f.walk_nodes("/"):
            check_node(c, node)
            count += 1
        c.true(count > 10, f"only {count} nodes")

        if layout == "dte":
            for name, arrays, labels, units, axes, errors in mybigdata():
                ch = next(g for g in f.get_node(f"/RawData/MyDet/{dim_of(name)}") if g._v_title == name)
                for k, a in enumerate(arrays):
                    node = ch[f"Data{k:02d}"]
                    c.array(f"{node._v_pathname}", node.read(), a)
                    c.equal(f"{node._v_pathname} dtype", node.dtype, a.dtype)
                    c.equal(f"{node._v_pathname} label", json_value(node, "label"), labels[k])
                    c.equal(f"{node._v_pathname} units", json_value(node, "units"), units)
                    if errors is not None:
                        c.array(f"{ch._v_pathname}/ErrorBar{k:02d}", ch[f"ErrorBar{k:02d}"].read(), errors[k])
                for k, (label, aunits, index, n) in enumerate(axes):
                    node = ch[f"Axis{k:02d}"]
                    # pymodaq stores a linear axis' get_data(): offset + mean step * linspace, bit for bit.
                    v = axis_values(n)
                    stored = np.float64(v[0]) + np.mean(np.diff(v)) * np.linspace(0, n - 1, n)
                    c.array(f"{node._v_pathname}", node.read(), stored)
                    c.equal(f"{node._v_pathname} index", json_value(node, "index"), index)
                    c.equal(f"{node._v_pathname} units", json_value(node, "units"), aunits)
        elif layout == "timed":
            t = f.get_node("/RawData/MyDet/NavAxes/Axis00")
            c.true(isinstance(t, tables.EArray), "time axis is not an EArray")
            c.array("time axis", t.read(), np.array([100.0, 102.0, 104.0]))
            c.equal("time size", json_value(t, "size"), 3)
            e = f.get_node("/RawData/MyDet/Data2D/CH00/EnlData00")
            c.true(isinstance(e, tables.EArray), "EnlData00 is not an EArray")
            c.array("EnlData00", e.read(), np.stack([np.arange(30).reshape(5, 6)] * 3))
            c.equal("EnlData00 nav_indexes", json_value(e, "nav_indexes"), (0,))
            c.equal("EnlData00 units", json_value(e, "units"), "nm")
            c.array("EnlData 0D", f.get_node("/RawData/MyDet/Data0D/CH00/EnlData01").read(), np.full((3, 1), 2.7))
        elif layout == "scan":
            d = f.get_node("/RawData/Scan000/Detector000/Data2D/CH00/Data01")
            expected = np.zeros(SCAN_SHAPE + (5, 6), dtype=np.int64)
            expected[POINT] = np.arange(30).reshape(5, 6)
            c.array("scan Data2D", d.read(), expected)
            d0 = f.get_node("/RawData/Scan000/Detector000/Data0D/CH00/Data00").read()
            c.equal("scan Data0D shape", d0.shape, SCAN_SHAPE)
            c.equal("scan Data0D point", float(d0[POINT]), 2.7)
            c.equal("scan nav axes", sorted(f.get_node("/RawData/Scan000/NavAxes")._v_children), ["Axis00", "Axis01"])
            c.equal("scan_done", json_value(f.get_node("/RawData/Scan000"), "scan_done"), False)
    c.finish()


def json_value(node, name):
    raw = node._v_attrs[name]
    obj = json.loads(raw.decode() if isinstance(raw, bytes) else raw)
    return ast.literal_eval(obj["data"])


# ---- B: PyTables writes pymodaq's layout, h5kit's DataLoader reads it --------------------------

def j(value):
    """JsonConverter.object2json: {"module", "type", "data": repr}."""
    if isinstance(value, np.float64):
        return json.dumps({"module": "numpy", "type": "float64", "data": repr(float(value))})
    return json.dumps({"module": "builtins", "type": type(value).__name__, "data": repr(value)})


class Writer:
    """What pymodaq_data 5.0.5's H5Backend / H5SaverLowLevel / savers write through PyTables."""

    def __init__(self, path):
        self.f = tables.open_file(path, "w", title="PyMoDAQ file")
        self.set(self.f.root, "pymodaq_version", "5.0.5")
        self.set(self.f.root, "pymodaq_data_version", "5.0.5")
        self.raw = self.f.create_group("/", "RawData", title="Data from PyMoDAQ modules")
        logger = self.f.create_vlarray(self.raw, "Logger", atom=tables.UInt8Atom(), title="")
        self.array_attrs(logger, (0,), "uint8", "string")
        self.set(logger, "shape", (0,))
        self.set(logger, "data_type", "strings")
        self.set(logger, "type", "log")
        self.logger = logger
        self.set(self.raw, "type", "scan")
        self.set(self.f.root, "file", path.rsplit("/", 1)[-1])
        self.set(self.f.root, "date", "2024-10-20")
        self.set(self.f.root, "time", "06:46:20.203113")

    def set(self, node, name, value):
        node._v_attrs[name] = j(value)

    def array_attrs(self, node, shape, dtype, subdtype=""):
        self.set(node, "shape", tuple(shape))
        self.set(node, "dtype", dtype)
        self.set(node, "subdtype", subdtype)
        self.set(node, "backend", "tables")

    def log(self, message):
        self.logger.append(np.frombuffer(pickle.dumps(message), dtype=np.uint8))
        self.set(self.logger, "shape", (self.logger.nrows,))

    def group(self, where, name, title=""):
        if name in where._v_children:
            return where._v_children[name]
        return self.f.create_group(where, name, title=title)

    def incremental(self, where, kind, title, metadata=()):
        prefix = kind.capitalize()
        names = sorted(n for n in where._v_children if prefix in n)
        index = int(names[-1][-3:]) + 1 if names else 0
        g = self.group(where, f"{prefix}{index:03d}", title)
        self.set(g, "settings", "")
        self.set(g, "type", kind)
        for k, v in metadata:
            self.set(g, k, v)
        return g

    def count(self, where, data_type):
        n = 0
        for node in self.f.walk_nodes(where):
            if "data_type" in node._v_attrs._v_attrnames and json_value(node, "data_type") == data_type:
                n += 1
        return n

    def carray(self, where, prefix, data_type, data, dim, title, metadata):
        name = f"{prefix}{self.count(where, data_type):02d}"
        node = self.f.create_carray(where, name, obj=data, title=title)
        self.array_attrs(node, data.shape, data.dtype.name)
        self.set(node, "data_type", data_type)
        self.set(node, "data_dimension", dim)
        for k, v in metadata:
            self.set(node, k, v)
        return node

    def earray(self, where, prefix, data_type, dtype, data_shape, dim, title, metadata):
        name = f"{prefix}{self.count(where, data_type):02d}"
        node = self.f.create_earray(where, name, atom=tables.Atom.from_dtype(np.dtype(dtype)),
                                    shape=(0,) + tuple(data_shape), title=title)
        self.array_attrs(node, (0,) + tuple(data_shape), np.dtype(dtype).name)
        self.set(node, "data_type", data_type)
        self.set(node, "data_dimension", dim)
        for k, v in metadata:
            self.set(node, k, v)
        return node

    def append(self, node, data):
        shape = json_value(node, "shape")
        if len(shape) > 1 and data.shape == tuple(shape[1:]):
            data = data.reshape((1,) + data.shape)
        node.append(data)
        self.set(node, "shape", (shape[0] + data.shape[0],) + tuple(shape[1:]))

    def axis(self, where, label, units, values, index, spread_order=0, enlargeable=False):
        # Axis(data=values) keeps a linear axis as offset + scaling; add_axis saves get_data().
        # A linear axis from data: numpy.float64 offset and scaling.
        diff = np.diff(values)
        linear = np.allclose(diff, np.mean(diff)) if values.size > 1 else True
        offset = np.float64(values[0]) if linear else None
        scaling = (np.float64(np.mean(diff)) if values.size > 1 else 1) if linear else None
        metadata = [("size", int(values.size)), ("label", label), ("units", units), ("index", index),
                    ("offset", offset), ("scaling", scaling), ("distribution", "uniform" if linear else "spread"),
                    ("spread_order", spread_order)]
        if enlargeable:
            return self.earray(where, "Axis", "axis", "float64", (), "Data1D", label, metadata)
        if linear:
            values = offset + scaling * np.linspace(0, values.size - 1, values.size)
        return self.carray(where, "Axis", "axis", values, "Data1D", label, metadata)

    def data_meta(self, label, units, nav_indexes, distribution="uniform", source="raw", with_units=True):
        m = [("timestamp", TIMESTAMP), ("label", label), ("source", source), ("distribution", distribution),
             ("origin", "mybigdata")]
        if with_units:
            m.append(("units", units))
        m.append(("nav_indexes", tuple(nav_indexes)))
        return m

    def close(self):
        self.f.close()


def write_dte(w):
    det = w.group(w.raw, "MyDet")
    for dim in ("Data0D", "Data1D", "Data2D"):
        dim_group = w.group(det, dim)
        entries = sorted((e for e in mybigdata() if dim_of(e[0]) == dim), key=lambda e: e[0])
        for ind, (name, arrays, labels, units, axes, errors) in enumerate(entries):
            ch = w.group(dim_group, f"CH{ind:02d}", name)
            for k, a in enumerate(arrays):
                w.carray(ch, "Data", "data", a, dim, name, w.data_meta(labels[k], units, ()))
            for label, aunits, index, n in axes:
                w.axis(ch, label, aunits, axis_values(n), index)
            if errors is not None:
                for k, e in enumerate(errors):
                    w.carray(ch, "ErrorBar", "error", e, dim, f"{name}_errors",
                             w.data_meta(labels[k], units, (), source="calculated"))


def write_timed(w):
    det = w.group(w.raw, "MyDet")
    created = False
    for step in range(3):
        for dim in ("Data0D", "Data1D", "Data2D"):
            dim_group = w.group(det, dim)
            entries = sorted((e for e in mybigdata(False) if dim_of(e[0]) == dim), key=lambda e: e[0])
            for ind, (name, arrays, labels, units, axes, errors) in enumerate(entries):
                ch = w.group(dim_group, f"CH{ind:02d}", name)
                if not created:
                    for k, a in enumerate(arrays):
                        w.earray(ch, "EnlData", "data_enlargeable", a.dtype, a.shape, dim, name,
                                 w.data_meta(labels[k], units, (0,), "spread", with_units=False))
                    for label, aunits, index, n in axes:
                        w.axis(ch, label, aunits, axis_values(n), index + 1)
                for k, a in enumerate(arrays):
                    w.append(ch[f"EnlData{k:02d}"], a)
        nav = w.group(det, "NavAxes")
        if not created:
            t = w.axis(nav, "time", "s", np.array([0., 1.]), 0, enlargeable=True)
            w.set(t, "size", 0)
        t = nav["Axis00"]
        w.append(t, np.array([100.0 + 2 * step]))
        w.set(t, "size", json_value(t, "size") + 1)
        created = True


def write_scan(w):
    scan = w.incremental(w.raw, "scan", "", [("description", ""), ("scan_done", False)])
    det = w.incremental(scan, "detector", "MyDet")
    nav = w.group(scan, "NavAxes")
    w.axis(nav, "x", "mm", np.arange(5, dtype=np.float64), 0)
    w.axis(nav, "y", "mm", 0.5 * np.arange(10, dtype=np.float64), 1)
    n_ext = len(SCAN_SHAPE)
    for dim in ("Data0D", "Data1D", "Data2D"):
        dim_group = w.group(det, dim)
        entries = sorted((e for e in mybigdata() if dim_of(e[0]) == dim), key=lambda e: e[0])
        for ind, (name, arrays, labels, units, axes, errors) in enumerate(entries):
            ch = w.group(dim_group, f"CH{ind:02d}", name)
            for k, a in enumerate(arrays):
                shape = SCAN_SHAPE if a.shape == (1,) else SCAN_SHAPE + a.shape
                node = w.carray(ch, "Data", "data", np.zeros(shape, dtype=a.dtype), dim, name,
                                w.data_meta(labels[k], units, tuple(range(n_ext)), with_units=False))
                node[POINT] = a[0] if a.shape == (1,) else a
            for label, aunits, index, n in axes:
                w.axis(ch, label, aunits, axis_values(n), index + n_ext)


def write_pymodaq(path, layout):
    w = Writer(path)
    w.log("first message")
    w.log("µm and ünïcode")
    w.log("last")
    {"dte": write_dte, "timed": write_timed, "scan": write_scan}[layout](w)
    w.close()
    print(f"wrote {path} ({layout})")


run({
    "check-h5kit": check_h5kit,
    "write-pymodaq": write_pymodaq,
})

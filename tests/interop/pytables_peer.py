"""PyTables peer for tests/interop/pytables_test.cpp: PyTables reads h5kit files and writes its own
Array / EArray / CArray nodes (CLASS, TITLE, EXTDIM attributes) for h5kit to read."""
import warnings

import numpy as np
import tables

from interop_common import Checker, run

warnings.simplefilter("ignore", tables.NaturalNameWarning)


# ---- A: h5kit wrote the file, PyTables checks it ---------------------------------------------

def check_h5kit(path):
    c = Checker(path)
    with tables.open_file(path, "r") as f:
        ints = f.root.ints
        c.true(isinstance(ints, tables.Array), f"ints: expected a PyTables Array, got {type(ints).__name__}")
        c.array("ints", ints.read(), np.array([-3, 0, 7, 2147483647], dtype=np.int32))
        c.equal("ints.attrs.units", ints.attrs.units, "m")
        c.equal("ints.attrs.scale", ints.attrs.scale, 0.5)
        c.equal("ints.attrs.labels", [str(v) for v in ints.attrs.labels], ["a", "bb"])
        c.array("grid", f.root.grid.read(), np.arange(6, dtype=np.float64).reshape(2, 3))
        c.equal("group attribute n", int(f.root.group._v_attrs.n), 4)
        grow = f.root.grow
        c.true(isinstance(grow, tables.EArray), f"grow: expected an EArray, got {type(grow).__name__}")
        c.equal("grow shape", grow.shape, (2, 3))
        c.equal("grow extdim", grow.extdim, 0)
        c.equal("grow complevel", grow.filters.complevel, 4)
        c.equal("grow complib", grow.filters.complib, "zlib")
        c.array("grow values", grow.read(), np.arange(6, dtype=np.float64).reshape(2, 3))
        c.equal("children", sorted(f.root._v_children), ["grid", "group", "grow", "ints"])
    c.finish()


# ---- B: PyTables writes the file, h5kit checks it --------------------------------------------

def write_pytables(path):
    with tables.open_file(path, "w", title="") as f:
        f.create_array("/", "array", obj=np.arange(6, dtype=np.int32).reshape(2, 3), title="plain array")
        e = f.create_earray("/", "earray", atom=tables.Float64Atom(), shape=(0, 10, 3), title="grown")
        e.append(np.arange(30.0).reshape(1, 10, 3))
        e.append(np.arange(30.0, 60.0).reshape(1, 10, 3))
        filters = tables.Filters(complevel=5, complib="zlib", shuffle=True)
        c = f.create_carray("/", "carray", atom=tables.Int16Atom(), shape=(100,), filters=filters, chunkshape=(25,))
        c[:] = np.arange(100, dtype=np.int16)
        g = f.create_group("/", "scan", title="scan data")
        g._v_attrs.units = "mm"
        g._v_attrs.count = np.int32(3)
        g._v_attrs.step = 0.25
    print(f"wrote {path}")


run({
    "check-h5kit": check_h5kit,
    "write-pytables": write_pytables,
})

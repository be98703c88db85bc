"""h5py peer for tests/interop/h5py_lazy_containers_test.cpp: ch5mpy's conventions (plain HDF5 groups,
__h5_type__ / __h5_class__ attributes, members "0".."n-1", the "__ATTRIBUTE_None__" attribute) both ways."""
import h5py
import numpy as np

from interop_common import COLOR, Checker, run

NONE = "__ATTRIBUTE_None__"


def text(value):
    return value.decode() if isinstance(value, bytes) else value


# ---- A: h5kit wrote the file, h5py checks it -------------------------------------------------

def check_dict_and_list(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        root = f["root"]
        c.equal("root keys (creation order)", list(root.keys()), ["a", "b", "c", "f"])
        c.true("__h5_type__" not in root.attrs, "a dict carries no __h5_type__")
        c.equal("a", root["a"][()], 1)
        c.equal("a shape", root["a"].shape, ())
        c.array("b", root["b"][()], np.array([1, 2, 3]))
        c.equal("c keys", list(root["c"].keys()), ["d", "e"])
        c.equal("c/d", text(root["c/d"][()]), "test")
        c.array("c/e", root["c/e"][()], np.arange(100))
        c.array("f", root["f"][()], np.zeros((10, 10, 10)))
        c.equal("attr none", text(root.attrs["none"]), NONE)
        c.equal("attr one", root.attrs["one"], 1)
        c.equal("attr abc", text(root.attrs["abc"]), "abc")
        c.equal("attr color", root.attrs["color"], COLOR["blue"])
        c.equal("attr color enum", h5py.check_enum_dtype(root.attrs.get_id("color").dtype), COLOR)

        lst = f["list"]
        c.equal("list __h5_type__", text(lst.attrs["__h5_type__"]), "list")
        c.equal("list members", sorted(lst.keys(), key=int), ["0", "1", "2", "3", "4"])
        c.equal("list[0]", lst["0"][()], 1.0)
        c.equal("list[1]", lst["1"][()], 2)
        c.array("list[2]", lst["2"][()], np.array([1, 2, 3], dtype=np.int32))
        c.equal("list[-2]", text(lst["3"][()]), "4.")
        obj = lst["4"]
        c.equal("object __h5_type__", text(obj.attrs["__h5_type__"]), "object")
        c.equal("object __h5_class__", text(obj.attrs["__h5_class__"]), "h5kit.test.Point")
        c.equal("object x", obj["x"][()], 3.0)
        c.equal("object label", text(obj["label"][()]), "p")
        c.true(isinstance(f["nothing"][()], h5py.Empty), "None is a dataset with a null dataspace")
    c.finish()


# ---- B: h5py writes what ch5mpy would, h5kit reads it --------------------------------------------

def write_containers(path):
    with h5py.File(path, "w", track_order=True) as f:
        d = f.create_group("settings", track_order=True)
        d["zeta"] = 3
        d["alpha"] = "first"
        d["mid"] = np.arange(6, dtype=np.float64).reshape(2, 3)
        sub = d.create_group("sub", track_order=True)
        sub["flag"] = np.bool_(True)
        d.attrs["unset"] = NONE
        d.attrs["count"] = 5

        lst = f.create_group("items")
        lst.attrs["__h5_type__"] = "list"
        lst["0"] = "x"
        lst["1"] = -7
        lst["2"] = np.array([1.5, 2.5])
        inner = lst.create_group("3")
        inner.attrs["__h5_type__"] = "list"
        inner["0"] = 10
        inner["1"] = 20
        obj = lst.create_group("4")
        obj.attrs["__h5_type__"] = "object"
        obj.attrs["__h5_class__"] = "h5kit.test.Point"
        obj["x"] = 1.0
        obj["y"] = 2.0
        obj["label"] = "from h5py"
    print(f"wrote {path}")


run({
    "check-dict-and-list": check_dict_and_list,
    "write-containers": write_containers,
})

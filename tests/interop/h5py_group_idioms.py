"""h5py peer for tests/interop/h5py_group_idioms_test.cpp: h5py's dict methods on groups (update,
setdefault, pop, clear, get with getlink), link visits, copies into a group and with expanded soft
links, and in-memory file images, both directions."""
import io
import os

import h5py
import numpy as np

from interop_common import Checker, run


def links_below(group):
    """Every link below `group`, in H5Lvisit's order, as (name, kind, target), never followed."""
    out = []

    def visit(name):
        name = name.decode()
        link = group.get(name, getlink=True)
        if isinstance(link, h5py.SoftLink):
            out.append((name, "soft", link.path))
        elif isinstance(link, h5py.ExternalLink):
            out.append((name, "external", f"{link.filename}:{link.path}"))
        else:
            out.append((name, "hard", ""))
        return None

    group.id.links.visit(visit)
    return out


# ---- A: h5kit wrote the file, h5py checks it -------------------------------------------------

def check_dict_methods(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.array("update: data member", f["run/signal"][()], np.array([1.0, 2.0, 3.0]))
        c.equal("update: soft link", f["run"].get("latest", getlink=True).path, "/run/signal")
        ext = f["run"].get("calib", getlink=True)
        c.equal("update: external link", (ext.filename, ext.path), ("calib.h5", "/gain"))
        c.equal("setdefault kept the first value", int(f["run/count"][()]), 5)
        c.true("gone" not in f["run"], "pop removed /run/gone")
        c.equal("clear emptied the group", list(f["scratch"].keys()), [])
        c.array("copy into a group keeps the name", f["archive/signal"][()], np.array([1.0, 2.0, 3.0]))
        c.true(isinstance(f["archive"].get("expanded/latest", getlink=True), h5py.HardLink),
               "expand_soft copied the target, not the link")
        c.equal("link visit", [n for n, _, _ in links_below(f["run"])], ["calib", "count", "latest", "signal"])
    c.finish()


def check_image(path):
    """The file's bytes came from h5kit's File::image() of a core-driver file: h5py opens them in
    memory, as h5py.File(io.BytesIO(...))."""
    c = Checker(path)
    with open(path, "rb") as raw:
        data = raw.read()
    with h5py.File(io.BytesIO(data), "r") as f:
        c.array("image values", f["frame"][()], np.arange(12, dtype=np.int32).reshape(3, 4))
        c.equal("image attribute", f["frame"].attrs["detector"], "eiger")
    c.finish()


# ---- B: h5py writes, h5kit reads -------------------------------------------------------------

def write_links(directory):
    path = os.path.join(directory, "links.h5")
    with h5py.File(path, "w") as f:
        f["data/x"] = np.arange(3.0)
        f["data/soft"] = h5py.SoftLink("/data/x")
        f["data/dangling"] = h5py.SoftLink("/nowhere")
        f["data/ext"] = h5py.ExternalLink("other.h5", "/y")
        f["data/sub/z"] = 1
        f["data/hard_again"] = f["data/x"]
        expected = links_below(f["data"])
        f.create_dataset("expected/names", data=[n for n, _, _ in expected], dtype=h5py.string_dtype())
        f.create_dataset("expected/kinds", data=[k for _, k, _ in expected], dtype=h5py.string_dtype())
        f.create_dataset("expected/targets", data=[t for _, _, t in expected], dtype=h5py.string_dtype())
    print(f"wrote {path}")


def write_image(path):
    """An in-memory file (h5py.File on a BytesIO) whose bytes are then saved for h5kit to open as
    an image."""
    buffer = io.BytesIO()
    with h5py.File(buffer, "w") as f:
        f["frame"] = np.arange(6, dtype=np.uint16).reshape(2, 3)
        f["frame"].attrs["detector"] = "jungfrau"
    with open(path, "wb") as out:
        out.write(buffer.getvalue())
    print(f"wrote {path}")


run({
    "check-dict-methods": check_dict_methods,
    "check-image": check_image,
    "write-links": write_links,
    "write-image": write_image,
})

"""h5py peer for tests/interop/h5py_links_test.cpp: hard, soft, dangling and external links."""
import os

import h5py
import numpy as np

from interop_common import Checker, run

PAYLOAD = np.array([10, 20, 30], dtype=np.int64)


def link_of(f, name):
    return f.get(name, getlink=True)


# ---- A: h5kit wrote the file, h5py checks it -------------------------------------------------

def check_links(path, target_path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        x = f["data/x"]
        c.array("data/x", x[()], np.array([1.5, 2.5, 3.5]))

        # hard links: the very same object under two names
        c.true(isinstance(link_of(f, "alias"), h5py.HardLink),
               f"alias: expected HardLink, got {link_of(f, 'alias')!r}")
        c.true(f["alias"] == x, "alias is not the same object as /data/x")
        c.array("alias values", f["alias"][()], np.array([1.5, 2.5, 3.5]))
        c.true(isinstance(f["group_alias"], h5py.Group), "group_alias should be a group")
        c.true(f["group_alias"] == f["data"], "group_alias is not the same object as /data")
        c.true("x" in f["group_alias"], "group_alias/x should be reachable")
        c.equal("data/x reference count (two hard links)", h5py.h5o.get_info(x.id).rc, 2)

        # soft links
        soft = link_of(f, "soft")
        if c.true(isinstance(soft, h5py.SoftLink), f"soft: expected SoftLink, got {soft!r}"):
            c.equal("soft path", soft.path, "/data/x")
        c.true("soft" in f, "soft link should resolve")
        c.true(f["soft"] == x, "soft link resolves to another object than /data/x")
        rel = link_of(f, "data/rel")
        if c.true(isinstance(rel, h5py.SoftLink), f"data/rel: expected SoftLink, got {rel!r}"):
            c.equal("data/rel path", rel.path, "x")
        c.true(f["data/rel"] == x, "relative soft link data/rel does not resolve to /data/x")

        # dangling soft link: a link that exists, to an object that does not
        dangling = link_of(f, "dangling")
        if c.true(isinstance(dangling, h5py.SoftLink), f"dangling: expected SoftLink, got {dangling!r}"):
            c.equal("dangling path", dangling.path, "/nowhere/at/all")
        c.true(f.get("dangling") is None, "f.get('dangling') should be None: the soft link must dangle")
        c.true("dangling" in f.keys(), "dangling link missing from f.keys()")

        # external link
        ext = link_of(f, "ext")
        if c.true(isinstance(ext, h5py.ExternalLink), f"ext: expected ExternalLink, got {ext!r}"):
            c.equal("ext filename", ext.filename, os.path.basename(target_path))
            c.equal("ext path", ext.path, "/payload")
        c.array("ext values (resolved through the link)", f["ext"][()], PAYLOAD)
        c.equal("ext attribute", f["ext"].attrs["origin"], "target")

        # intermediate groups created by a nested path
        c.true(isinstance(f["a/b/c"], h5py.Dataset), "a/b/c should be a dataset")
        c.true(isinstance(f["a/b"], h5py.Group), "a/b should be a group")
        c.equal("root keys", sorted(f.keys()),
                sorted(["a", "alias", "dangling", "data", "ext", "group_alias", "soft"]))
    c.finish()


# ---- B: h5py writes the file, h5kit checks it ------------------------------------------------

def write_links(path, target_path):
    with h5py.File(target_path, "w") as t:
        t["payload"] = PAYLOAD
        t["payload"].attrs["origin"] = "target"
    with h5py.File(path, "w") as f:
        x = f.create_dataset("data/x", data=np.array([1.5, 2.5, 3.5]))
        f["alias"] = x
        f["group_alias"] = f["data"]
        f["soft"] = h5py.SoftLink("/data/x")
        f["data/rel"] = h5py.SoftLink("x")
        f["dangling"] = h5py.SoftLink("/nowhere/at/all")
        f["ext"] = h5py.ExternalLink(os.path.basename(target_path), "/payload")
        f["ext_missing"] = h5py.ExternalLink("no_such_file.h5", "/x")
        f["a/b/c"] = np.int32(5)
    print(f"wrote {path} and {target_path}")


def check_unicode(path):
    """Non-ASCII link and attribute names, stored as UTF-8 the way h5py stores them."""
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.equal("root keys", list(f.keys()), ["donn\u00e9es", "lien"])
        c.equal("group keys", list(f["donn\u00e9es/\u03b1"].keys()), ["temp\u00e9rature"])
        ds = f["donn\u00e9es/\u03b1/temp\u00e9rature"]
        c.array("temp\u00e9rature values", ds[()], np.array([20.5, 21.0]))
        c.equal("attribute names", list(ds.attrs), ["\u00fcnits"])
        c.equal("\u00fcnits value", ds.attrs["\u00fcnits"], "\u00b0C")
        c.equal("lien target", f.get("lien", getlink=True).path, "/donn\u00e9es/\u03b1/temp\u00e9rature")
        c.true(f["lien"] == ds, "lien does not resolve to the dataset")
    c.finish()


def write_unicode(path):
    with h5py.File(path, "w") as f:
        ds = f.create_dataset("donn\u00e9es/\u03b1/temp\u00e9rature", data=np.array([20.5, 21.0]))
        ds.attrs["\u00fcnits"] = "\u00b0C"
        f["lien"] = h5py.SoftLink("/donn\u00e9es/\u03b1/temp\u00e9rature")
    print(f"wrote {path}")


run({
    "check-links": check_links,
    "write-links": write_links,
    "check-unicode": check_unicode,
    "write-unicode": write_unicode,
})

"""h5py peer for tests/interop/h5py_files_test.cpp: user block, creation order, format bounds,
drivers, and files edited by the other side."""
import h5py
import numpy as np

from interop_common import ORDER, Checker, run

USERBLOCK_TEXT = b"h5kit interop user block\n"


def superblock_version(f):
    return f.id.get_create_plist().get_version()[0]


# ---- A: h5kit wrote the file, h5py checks it -------------------------------------------------

def check_userblock(path, size):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.equal("userblock_size", f.userblock_size, int(size))
        c.array("data", f["data"][()], np.arange(10, dtype=np.int32))
    with open(path, "rb") as raw:
        head = raw.read(int(size) + 8)
    c.true(head[int(size):int(size) + 8] == b"\x89HDF\r\n\x1a\n",
           f"HDF5 signature not found right after the {size}-byte user block")
    c.finish()


def check_order(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        # f["/"], not f: h5py 3.7 asks the *file* creation property list whether the root tracks
        # creation order and always lists a reopened file's root by name (h5py issue #1577,
        # fixed in h5py 3.11 by PR #2410).
        c.equal("root keys (file track_order)", list(f["/"].keys()), ORDER + ["ordered", "plain", "many"])
        c.equal("root attrs (file track_order)", list(f.attrs), ORDER)
        c.equal("ordered keys", list(f["ordered"].keys()), ORDER)
        c.equal("plain keys (name order)", list(f["plain"].keys()), sorted(ORDER))
        c.equal("ordered/alpha is a group", isinstance(f["ordered/alpha"], h5py.Group), True)
        c.array("ordered/zeta", f["ordered/zeta"][()], np.array([0, 1], dtype=np.int64))
        gcpl = f["ordered"].id.get_create_plist()
        c.true(gcpl.get_link_creation_order() & h5py.h5p.CRT_ORDER_TRACKED,
               "ordered: link creation order is not tracked in the group creation property list")
        gcpl = f["plain"].id.get_create_plist()
        c.true(not gcpl.get_link_creation_order() & h5py.h5p.CRT_ORDER_TRACKED,
               "plain: link creation order is tracked but was not asked for")
        # 40 links: dense link storage in the latest format, still in creation order
        many = [f"n{(i * 7) % 40:02d}" for i in range(40)]
        c.equal("many keys (dense storage)", list(f["many"].keys()), many)
    c.finish()


def check_bounds(path, earliest_path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.true(superblock_version(f) >= 2,
               f"latest-format file has superblock version {superblock_version(f)}, expected >= 2")
        c.array("latest/data", f["data"][()], np.array([1.0, 2.0]))
    with h5py.File(earliest_path, "r") as f:
        c.equal("earliest-format superblock version", superblock_version(f), 0)
        c.array("earliest/data", f["data"][()], np.array([1.0, 2.0]))
    c.finish()


def check_core(path):
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.array("core/data", f["data"][()], np.arange(100, dtype=np.float64) * 0.5)
        c.equal("core/data units", f["data"].attrs["units"], "s")
    c.finish()


def check_family(pattern, member_size):
    c = Checker(pattern)
    with h5py.File(pattern, "r", driver="family", memb_size=int(member_size)) as f:
        c.equal("driver", f.driver, "family")
        c.array("family/data", f["data"][()], np.arange(5000, dtype=np.float64))
    c.finish()


def append(path):
    """h5py opens an h5kit file read/write and adds to it."""
    with h5py.File(path, "r+") as f:
        f["from_h5py"] = np.array([[1, 2], [3, 4]], dtype=np.int16)
        f["from_h5kit"].attrs["touched_by"] = "h5py"
        f.create_group("h5py_group").attrs["n"] = np.int32(3)
    print(f"appended to {path}")


# ---- B: h5py writes the file, h5kit checks it ------------------------------------------------

def write_userblock(path):
    with h5py.File(path, "w", userblock_size=1024) as f:
        f["data"] = np.arange(6, dtype=np.int64).reshape(2, 3)
    with open(path, "r+b") as raw:  # fill the user block, as a tool would
        raw.write(USERBLOCK_TEXT)
    print(f"wrote {path}")


def write_order(path):
    with h5py.File(path, "w", track_order=True) as f:
        for i, name in enumerate(ORDER):
            if i % 2:
                f.create_group(name)
            else:
                f[name] = np.arange(i + 1)
            f.attrs[name] = i
        ordered = f.create_group("ordered", track_order=True)
        plain = f.create_group("plain", track_order=False)
        for i, name in enumerate(ORDER):
            ordered[name] = np.int32(i)
            plain[name] = np.int32(i)
        deep = ordered.create_group("deep", track_order=True)
        for name in reversed(ORDER):
            deep.create_group(name)
    print(f"wrote {path}")


def write_bounds(path, libver):
    with h5py.File(path, "w", libver=libver) as f:
        f["data"] = np.array([1.0, 2.0])
        g = f.create_group("g")
        for i in range(20):  # enough to move to dense link/attribute storage in the latest format
            g[f"d{i:02d}"] = np.int32(i)
            g.attrs[f"a{i:02d}"] = np.int32(i)
    print(f"wrote {path}")


def write_family(pattern, member_size):
    with h5py.File(pattern, "w", driver="family", memb_size=int(member_size)) as f:
        f["data"] = np.arange(5000, dtype=np.float64)
    print(f"wrote {pattern}")


def write_tracked_unindexed(path):
    """A group whose creation order is tracked but not indexed (h5py itself always indexes)."""
    with h5py.File(path, "w") as f:
        gcpl = h5py.h5p.create(h5py.h5p.GROUP_CREATE)
        gcpl.set_link_creation_order(h5py.h5p.CRT_ORDER_TRACKED)
        h5py.h5g.create(f.id, b"tracked", gcpl=gcpl)
        for name in ORDER:
            f["tracked"].create_group(name)
        # h5py lists it in creation order
        assert list(f["tracked"].keys()) == ORDER, list(f["tracked"].keys())
    print(f"wrote {path}")


def check_copy(path):
    """h5kit copied h5py's objects into its own file."""
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.array("copied data", f["copied"][()], np.arange(6, dtype=np.int64).reshape(2, 3))
        c.equal("copied attrs", dict(f["copied"].attrs), {"units": "K"})
        c.array("bare data", f["bare"][()], np.arange(6, dtype=np.int64).reshape(2, 3))
        c.equal("bare attrs (without_attrs)", list(f["bare"].attrs), [])
        c.equal("tree keys", sorted(f["tree"].keys()), ["inner", "leaf"])
        c.array("tree/inner/deep", f["tree/inner/deep"][()], np.array([7], dtype=np.int8))
    c.finish()


def write_for_copy(path):
    with h5py.File(path, "w") as f:
        f["data"] = np.arange(6, dtype=np.int64).reshape(2, 3)
        f["data"].attrs["units"] = "K"
        f["tree/leaf"] = 1.5
        f["tree/inner/deep"] = np.array([7], dtype=np.int8)
    print(f"wrote {path}")


def check_appended(path):
    """h5kit opened an h5py file read/write and added to it."""
    c = Checker(path)
    with h5py.File(path, "r") as f:
        c.array("original data", f["data"][()], np.arange(6, dtype=np.int64).reshape(2, 3))
        c.array("from_h5kit", f["from_h5kit"][()], np.array([1.25, -2.5], dtype=np.float64))
        c.equal("data@touched_by", f["data"].attrs["touched_by"], "h5kit")
        c.true("h5kit_group/sub" in f, "h5kit_group/sub missing")
        c.equal("userblock_size kept", f.userblock_size, 1024)
    with open(path, "rb") as raw:
        c.equal("user block content kept", raw.read(len(USERBLOCK_TEXT)), USERBLOCK_TEXT)
    c.finish()


run({
    "check-userblock": check_userblock,
    "check-order": check_order,
    "check-bounds": check_bounds,
    "check-core": check_core,
    "check-family": check_family,
    "append": append,
    "write-userblock": write_userblock,
    "write-order": write_order,
    "write-bounds": write_bounds,
    "check-appended": check_appended,
    "write-family": write_family,
    "write-tracked-unindexed": write_tracked_unindexed,
    "check-copy": check_copy,
    "write-for-copy": write_for_copy,
})

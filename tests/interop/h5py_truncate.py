"""h5py peer for tests/interop/h5py_truncate_test.cpp: h5py writes the sources, h5kit truncates them,
and h5py checks the copy against the source object by object (h5kit::graph::truncate).

The check is generic: every link of the source is walked; datasets whose first axis is longer than
the window must hold the window's rows, every other dataset all of its values; creation properties,
attributes (types and bytes), links, aliases and dimension scales must be the source's; every
object reference must lead to the object the source's reference leads to (by name and by content),
and every region reference to the same dataset with the source's selection clipped to the kept rows
(computed here, independently, from the source's selection).
"""
import os

import h5py
import numpy as np

from interop_common import Checker, run

# ---- writing the sources ------------------------------------------------------------------------


def write_upstream(path):
    """nwb-linkml's test_truncate_file (tests/test_io/test_io_hdf5.py)."""
    with h5py.File(path, "w") as f:
        data = f.create_group("data")
        contig = data.create_dataset("dataset_contig", data=np.zeros((1000, 30, 40)), compression="gzip",
                                     compression_opts=9)
        chunked = data.create_dataset("dataset_chunked", data=np.zeros((1000, 40, 50)), chunks=True,
                                      compression="gzip", compression_opts=9)
        contig.attrs["anattr"] = 1
        contig.attrs["reference_other"] = chunked.ref
        chunked.attrs["reference_other"] = contig.ref
        child = f.create_group("link").create_group("child")
        child.attrs["reference_contig"] = contig.ref
        child.attrs["reference_chunked"] = chunked.ref
    print(f"wrote {path}")


POINT = np.dtype([("x", "<i4"), ("y", "<f8")])
INNER = np.dtype([("label", "S4"), ("target", h5py.ref_dtype)])
NESTED = np.dtype([("id", "<i8"), ("inner", INNER), ("pair", h5py.ref_dtype, (2,))])
SINGLE = np.dtype([("only", h5py.ref_dtype)])
COLOR = h5py.enum_dtype({"red": 0, "green": 1, "blue": 5}, basetype="u1")


def write_general(path):
    """Everything HDF5 allows that truncate must keep (spec §5.6, §5.8)."""
    rng = np.random.default_rng(12)
    with h5py.File(path, "w", track_order=True) as f:
        f.attrs["zeta"] = 1
        f.attrs["alpha"] = "root attribute"
        types = f.create_group("types")
        types["point"] = POINT
        data = f.create_group("data", track_order=True)
        big = data.create_dataset("chunked", data=rng.standard_normal((100, 50)).astype("<f4"),
                                  chunks=(16, 25), maxshape=(None, 50), compression="gzip", compression_opts=4,
                                  shuffle=True, fletcher32=True, fillvalue=-7.0)
        big.attrs["units"] = "volt"
        short = data.create_dataset("short", data=np.arange(150, dtype="<i2").reshape(3, 50), chunks=(2, 10),
                                    maxshape=(None, None))
        short.attrs["note"] = "3 rows: must stay (3, 50)"
        data.create_dataset("contiguous", data=np.arange(100, dtype="<u8"))
        data.create_dataset("compact", data=np.arange(40, dtype="<i4"),
                            dcpl=compact_plist())
        data.create_dataset("scalar", data=3.5)
        data.create_dataset("empty", data=h5py.Empty("f8"))
        data.create_dataset("zero_rows", shape=(0, 4), maxshape=(None, 4), dtype="<f8")
        data.create_dataset("strings", data=[f"row {i}" for i in range(100)], dtype=h5py.string_dtype())
        data.create_dataset("fixed_strings", data=[b"r%03d" % i for i in range(100)], dtype="S4")
        data.create_dataset("points", data=np.array([(i, i / 2) for i in range(100)], dtype=POINT),
                            dtype=types["point"])
        data.create_dataset("colors", data=np.array([i % 3 for i in range(100)], dtype="u1"), dtype=COLOR)
        data.create_dataset("unwritten", shape=(100,), dtype="<i4", chunks=(10,), fillvalue=42)
        # Hard-link alias, soft links (one dangling) and an external link.
        data["alias"] = big
        f["soft"] = h5py.SoftLink("/data/chunked")
        f["dangling"] = h5py.SoftLink("/nowhere")
        f["external"] = h5py.ExternalLink("other.h5", "/x")
        # Dimension scales on the big dataset's first axis.
        time = data.create_dataset("time", data=np.arange(100, dtype="<f8") * 0.5)
        time.make_scale("time")
        big.dims[0].attach_scale(time)
        big.dims[0].label = "t"

        refs = f.create_group("refs")
        targets = [big, short, data, f["/"], time, types["point"]]
        refs.create_dataset("objects", data=np.array([targets[i % 6].ref for i in range(100)], dtype=h5py.ref_dtype))
        grid = np.empty((100, 2), dtype=h5py.ref_dtype)
        for i in range(100):
            grid[i, 0] = big.ref
            grid[i, 1] = short.ref if i % 2 else h5py.Reference()
        refs.create_dataset("grid", data=grid)
        nested = np.zeros(100, dtype=NESTED)
        for i in range(100):
            nested[i]["id"] = i
            nested[i]["inner"]["label"] = b"n%02d" % (i % 100)
            nested[i]["inner"]["target"] = targets[i % 5].ref
            nested[i]["pair"][0] = data.ref
            nested[i]["pair"][1] = time.ref
        refs.create_dataset("nested", data=nested, chunks=(7,))
        single = np.zeros(12, dtype=SINGLE)
        for i in range(12):
            single[i]["only"] = short.ref
        refs.create_dataset("single", data=single)
        regions = refs.create_dataset("regions", shape=(6,), dtype=h5py.regionref_dtype)
        regions[0] = big.regionref[2:5, ::2]      # kept whole
        regions[1] = big.regionref[5:30, 1]       # clipped to rows 5..9
        regions[2] = big.regionref[50:60, :]      # clipped away: null
        regions[3] = big.regionref[...]           # everything: the kept rows
        regions[4] = short.regionref[1:3, 4:8]    # a dataset that was not cut
        regions[5] = refs["objects"].regionref[3:20]
        f["refs"].attrs["scalar_ref"] = big.ref
        f["refs"].attrs["ref_array"] = np.array([big.ref, short.ref, time.ref], dtype=h5py.ref_dtype)
        f["refs"].attrs["region"] = big.regionref[1:4, 0:3]
        f["refs"].attrs["gone_region"] = big.regionref[90:95, 0]
        f["refs"].attrs["compound_refs"] = np.array([(7, (b"a", big.ref), (data.ref, time.ref))], dtype=NESTED)

        attrs = f.create_group("attrs", track_order=True)
        attrs.attrs["zzz"] = np.int8(-3)
        attrs.attrs["aaa"] = np.arange(6, dtype=">i4").reshape(2, 3)
        attrs.attrs["vlen_str"] = "variable"
        attrs.attrs["vlen_list"] = np.array(["a", "bb", "ccc"], dtype=h5py.string_dtype())
        attrs.attrs["fixed"] = np.bytes_(b"fixed\0\0")
        attrs.attrs["half"] = np.float16(1.5)
        attrs.attrs["complex"] = np.complex64(1 + 2j)
        attrs.attrs["color"] = np.array(5, dtype=COLOR)
        attrs.attrs.create("named", np.array((1, 2.5), dtype=POINT), dtype=types["point"])
        attrs.attrs["empty"] = h5py.Empty("i4")
        attrs.attrs.create("ragged", np.array([np.arange(3, dtype="i4"), np.arange(1, dtype="i4")], dtype=object),
                           dtype=h5py.vlen_dtype(np.dtype("i4")))
        attrs.attrs["big_endian"] = np.array([1.0, 2.0], dtype=">f8")
    print(f"wrote {path}")


def compact_plist():
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_layout(h5py.h5d.COMPACT)
    return dcpl


def write_nwb(path):
    """A small NWB-like file: a units table with a ragged spike_times column, an electrodes table,
    an ElectricalSeries with an electrodes region and an intervals table with TimeSeriesReferences."""
    tsr = np.dtype([("idx_start", "<i4"), ("count", "<i4"), ("timeseries", h5py.ref_dtype)])

    def typed(obj, kind):
        obj.attrs["namespace"] = "core"
        obj.attrs["neurodata_type"] = kind
        return obj

    with h5py.File(path, "w") as f:
        typed(f["/"], "NWBFile")
        electrodes = typed(f.create_group("general/extracellular_ephys/electrodes"), "DynamicTable")
        electrodes.attrs["colnames"] = ["location"]
        typed(electrodes.create_dataset("id", data=np.arange(12)), "ElementIdentifiers")
        typed(electrodes.create_dataset("location", data=[f"ca{i}" for i in range(12)],
                                        dtype=h5py.string_dtype()), "VectorData")
        series = typed(f.create_group("acquisition/ElectricalSeries"), "ElectricalSeries")
        series.create_dataset("data", data=np.arange(50 * 12, dtype="<f4").reshape(50, 12), chunks=(25, 12))
        series.create_dataset("timestamps", data=np.arange(50) / 10.0)
        region = typed(series.create_dataset("electrodes", data=np.arange(12)), "DynamicTableRegion")
        region.attrs["table"] = electrodes.ref

        units = typed(f.create_group("units"), "Units")
        units.attrs["colnames"] = ["spike_times"]
        typed(units.create_dataset("id", data=np.arange(20)), "ElementIdentifiers")
        counts = np.arange(20) % 4 + 1          # 1..4 spikes per unit
        index = np.cumsum(counts)
        times = typed(units.create_dataset("spike_times", data=np.arange(index[-1]) * 0.25), "VectorData")
        spike_index = typed(units.create_dataset("spike_times_index", data=index.astype("<u4")), "VectorIndex")
        spike_index.attrs["target"] = times.ref
        # a region column of the units table, pointing into the electrodes table
        unit_el = typed(units.create_dataset("electrodes", data=np.arange(20) % 12), "DynamicTableRegion")
        unit_el.attrs["table"] = electrodes.ref

        trials = typed(f.create_group("intervals/trials"), "TimeIntervals")
        typed(trials.create_dataset("id", data=np.arange(15)), "ElementIdentifiers")
        refs = np.zeros(15, dtype=tsr)
        for i in range(15):
            refs[i] = (i * 3, 3, series.ref)   # samples 0..44 of the 50
        typed(trials.create_dataset("timeseries", data=refs), "TimeSeriesReferenceVectorData")
    print(f"wrote {path}")


# ---- checking a copy ------------------------------------------------------------------------------


def links_of(f):
    """{path: (kind, value)} for every link reachable from the root, with h5py's visit_links."""
    out = {}

    def note(name, link):
        if isinstance(link, h5py.SoftLink):
            out["/" + name] = ("soft", link.path)
        elif isinstance(link, h5py.ExternalLink):
            out["/" + name] = ("external", (link.filename, link.path))
        else:
            out["/" + name] = ("hard", None)
    # h5py < 3.11 has no visit_links: walk the groups by hand, each group once
    seen = set()

    def walk(group, prefix):
        key = h5py.h5o.get_info(group.id).addr
        if key in seen:
            return
        seen.add(key)
        for name in group:
            link = group.get(name, getlink=True)
            path = prefix + name
            note(path, link)
            if isinstance(link, h5py.HardLink) and isinstance(group.get(name), h5py.Group):
                walk(group[name], path + "/")
    walk(f, "")
    return out


def address(obj):
    return h5py.h5o.get_info(obj.id).addr


def kept_rows(shape, start, stop, path=""):
    """The rows the copy must keep: None when the dataset is not cut (/specifications never is)."""
    if path == "/specifications" or path.startswith("/specifications/"):
        return None
    if not shape or shape[0] <= stop - start or shape[0] <= start:
        return None
    return (start, min(stop, shape[0]))


def ref_fields(dt, prefix=""):
    """(field path, is_region, subarray shape) of every reference in a numpy dtype."""
    kind = h5py.check_ref_dtype(dt)
    if kind is not None:
        return [(prefix, kind is h5py.RegionReference, ())]
    if dt.subdtype is not None:
        base, shape = dt.subdtype
        return [(p, r, shape + s) for p, r, s in ref_fields(base, prefix)]
    if dt.names:
        out = []
        for name in dt.names:
            out += ref_fields(dt.fields[name][0], prefix + "." + name)
        return out
    return []


def vlen_ref(dt):
    """None unless `dt` is a vlen of references; then whether they are region references."""
    base = h5py.check_vlen_dtype(dt)
    if base is None:
        return None
    kind = h5py.check_ref_dtype(base)
    return None if kind is None else kind is h5py.RegionReference


def plain(value):
    """Nested lists of Python values (vlen sequences come back as arrays inside object arrays)."""
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.tolist()] if value.dtype.kind == "O" else value.tolist()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def field(values, path):
    for part in path.split(".")[1:]:
        values = values[part]
    return values


class Compare:
    def __init__(self, c, src, dst, start, stop):
        self.c, self.src, self.dst, self.start, self.stop = c, src, dst, start, stop

    def expected_region(self, sref):
        """The source selection clipped to the kept rows of its dataset, as a set of blocks."""
        sds = self.src[sref]
        space = h5py.h5r.get_region(sref, self.src.id)
        rows = kept_rows(sds.shape, self.start, self.stop, sds.name)
        kind = space.get_select_type()
        if kind == h5py.h5s.SEL_ALL:
            return sds.name, "all", None
        if kind == h5py.h5s.SEL_HYPERSLABS:
            blocks = space.get_select_hyper_blocklist()
        else:
            blocks = [(p, p) for p in space.get_select_elem_pointlist()]
        out = []
        for lo, hi in blocks:
            lo, hi = list(lo), list(hi)
            if rows is not None:
                lo[0], hi[0] = max(lo[0], rows[0]), min(hi[0], rows[1] - 1)
                if lo[0] > hi[0]:
                    continue
                lo[0] -= rows[0]
                hi[0] -= rows[0]
            out.append((tuple(lo), tuple(hi)))
        return sds.name, "blocks", sorted(out)

    def region_of(self, dref):
        space = h5py.h5r.get_region(dref, self.dst.id)
        if space.get_select_type() == h5py.h5s.SEL_ALL:
            return self.dst[dref].name, "all", None
        if space.get_select_type() == h5py.h5s.SEL_HYPERSLABS:
            blocks = space.get_select_hyper_blocklist()
        else:
            blocks = [(p, p) for p in space.get_select_elem_pointlist()]
        return self.dst[dref].name, "blocks", sorted((tuple(lo), tuple(hi)) for lo, hi in blocks)

    def reference(self, label, sref, dref, region):
        c = self.c
        if not sref:
            return c.true(not dref, f"{label}: a null reference became non-null")
        if not region:
            if not c.true(bool(dref), f"{label}: became a null reference"):
                return False
            s, d = self.src[sref], self.dst[dref]
            c.equal(f"{label} target name", d.name, s.name)
            # the same object as the copy's object at that path (identity, not just a name)
            c.true(d == self.dst[s.name], f"{label}: not the object at {s.name} in the copy")
            if isinstance(s, h5py.Dataset):
                rows = kept_rows(s.shape, self.start, self.stop, s.name)
                want = s[rows[0]:rows[1]] if rows else s[()]
                self.values(f"{label} -> {s.name} content", d[()], want)
            return True
        name, kind, blocks = self.expected_region(sref)
        if kind == "blocks" and not blocks:
            return c.true(not dref, f"{label}: a region clipped away must be a null reference")
        if not c.true(bool(dref), f"{label}: became a null region reference"):
            return False
        c.true(isinstance(dref, h5py.RegionReference), f"{label}: no longer a region reference")
        c.equal(f"{label} region", self.region_of(dref), (name, kind, blocks))
        return True

    def values(self, label, got, want):
        got, want = np.asarray(got), np.asarray(want)
        if not self.c.equal(f"{label} shape", got.shape, want.shape):
            return
        if want.dtype.kind == "O" or ref_fields(want.dtype):
            return  # references compared one by one elsewhere; vlen compared as lists
        self.c.true(got.tobytes() == want.tobytes(), f"{label}: bytes differ")

    def references_in(self, label, svals, dvals, dt):
        for path, region, _ in ref_fields(dt):
            s = np.asarray(field(svals, path) if path else svals)
            d = np.asarray(field(dvals, path) if path else dvals)
            if not self.c.equal(f"{label}{path} shape", d.shape, s.shape):
                continue
            for index in np.ndindex(s.shape):
                self.reference(f"{label}{list(index)}{path}", s[index], d[index], region)

    def attributes(self, label, s, d):
        c = self.c
        c.equal(f"{label} attribute names (in order)", list(d.attrs.keys()), list(s.attrs.keys()))
        for name in s.attrs.keys():
            if name not in d.attrs:
                continue
            sid, did = s.attrs.get_id(name), d.attrs.get_id(name)
            c.true(sid.get_type() == did.get_type(), f"{label}@{name}: the stored type changed")
            c.equal(f"{label}@{name} shape", did.shape, sid.shape)
            if name in ("DIMENSION_LIST", "REFERENCE_LIST"):
                continue  # checked through .dims
            sv, dv = s.attrs[name], d.attrs[name]
            if isinstance(sv, h5py.Empty):
                c.true(isinstance(dv, h5py.Empty), f"{label}@{name}: no longer empty")
                continue
            if ref_fields(sid.dtype):
                self.references_in(f"{label}@{name}", np.asarray(sv), np.asarray(dv), sid.dtype)
                continue
            if vlen_ref(sid.dtype) is not None:
                for index in np.ndindex(np.asarray(sv).shape):
                    sw, dw = np.asarray(sv)[index], np.asarray(dv)[index]
                    if c.equal(f"{label}@{name}{list(index)} length", len(dw), len(sw)):
                        for k in range(len(sw)):
                            self.reference(f"{label}@{name}{list(index)}{{{k}}}", sw[k], dw[k], vlen_ref(sid.dtype))
                continue
            if sid.dtype.kind == "O" or h5py.check_vlen_dtype(sid.dtype) is not None:
                c.equal(f"{label}@{name} values", plain(np.asarray(dv)), plain(np.asarray(sv)))
            else:
                c.true(np.asarray(dv).tobytes() == np.asarray(sv).tobytes(), f"{label}@{name}: bytes differ")

    def dataset(self, path, s, d):
        c = self.c
        rows = kept_rows(s.shape, self.start, self.stop, path)
        shape = s.shape if rows is None else (rows[1] - rows[0],) + s.shape[1:]
        c.equal(f"{path} shape", d.shape, shape)
        c.true(s.id.get_type() == d.id.get_type(), f"{path}: the stored type changed")
        c.equal(f"{path} named type", d.id.get_type().committed(), s.id.get_type().committed())
        c.equal(f"{path} layout", d.id.get_create_plist().get_layout(), s.id.get_create_plist().get_layout())
        chunks = s.chunks
        if chunks and rows is not None:
            chunks = (min(chunks[0], max(shape[0], 1)),) + chunks[1:]
        c.equal(f"{path} chunks", d.chunks, chunks)
        for prop in ("compression", "compression_opts", "shuffle", "fletcher32", "scaleoffset"):
            c.equal(f"{path} {prop}", getattr(d, prop), getattr(s, prop))
        maxshape = s.maxshape
        if rows is not None and maxshape and maxshape[0] == s.shape[0]:
            maxshape = (shape[0],) + maxshape[1:]  # could not grow: still cannot, at the new length
        c.equal(f"{path} maxshape", d.maxshape, maxshape)
        sp, dp = s.id.get_create_plist(), d.id.get_create_plist()
        c.equal(f"{path} fill value defined", dp.fill_value_defined(), sp.fill_value_defined())
        c.equal(f"{path} fill time", dp.get_fill_time(), sp.get_fill_time())
        c.equal(f"{path} alloc time", dp.get_alloc_time(), sp.get_alloc_time())
        if s.dtype.kind != "O" and not ref_fields(s.dtype):  # h5py crashes reading a vlen fill value
            sf, df = s.fillvalue, d.fillvalue
            c.true(np.asarray(sf).tobytes() == np.asarray(df).tobytes(), f"{path} fillvalue: {df!r} != {sf!r}")
        if s.shape is None:
            return
        want = s[rows[0]:rows[1]] if rows is not None else s[()]
        got = d[()]
        if ref_fields(s.dtype):
            self.references_in(path, want, got, s.dtype)
            rest = [n for n in (s.dtype.names or ()) if not ref_fields(s.dtype.fields[n][0])]
            for n in rest:
                self.values(f"{path}.{n}", got[n], want[n])
        elif vlen_ref(s.dtype) is not None:
            # variable-length sequences of references: each element followed
            for index in np.ndindex(np.asarray(want).shape):
                sw, dw = want[index], got[index]
                if c.equal(f"{path}{list(index)} length", len(dw), len(sw)):
                    for k in range(len(sw)):
                        self.reference(f"{path}{list(index)}{{{k}}}", sw[k], dw[k], vlen_ref(s.dtype))
        elif s.dtype.kind == "O":
            c.equal(f"{path} values", plain(np.asarray(got)), plain(np.asarray(want)))
        else:
            self.values(f"{path} values", got, want)
        self.attributes(path, s, d)
        # dimension scales: the same scales attached, by name, on every axis
        for axis in range(len(s.shape)):
            sn = [x.name for x in s.dims[axis].values()]
            dn = [x.name for x in d.dims[axis].values()]
            c.equal(f"{path} dims[{axis}] scales", dn, sn)
            c.equal(f"{path} dims[{axis}] label", d.dims[axis].label, s.dims[axis].label)
            for scale in d.dims[axis].values():
                c.true(scale == self.dst[scale.name], f"{path} dims[{axis}]: the scale is not {scale.name}")

    def run(self):
        c = self.c
        slinks, dlinks = links_of(self.src), links_of(self.dst)
        c.equal("link paths", sorted(dlinks), sorted(slinks))
        self.attributes("/", self.src["/"], self.dst["/"])
        seen = {}
        for path, (kind, value) in sorted(slinks.items()):
            if path not in dlinks:
                continue
            c.equal(f"{path} link", dlinks[path], (kind, value))
            if kind != "hard":
                continue
            s = self.src[path]
            d = self.dst[path]
            # aliases: one object in the copy exactly when one object in the source
            key = address(s)
            if key in seen:
                other = seen[key]
                c.true(d == self.dst[other], f"{path}: an alias of {other} in the source, another object in the copy")
                continue
            seen[key] = path
            c.equal(f"{path} kind", type(d).__name__, type(s).__name__)
            if isinstance(s, h5py.Dataset):
                self.dataset(path, s, d)
            elif isinstance(s, h5py.Group):
                self.attributes(path, s, d)
                c.equal(f"{path} tracks order", d.id.get_create_plist().get_link_creation_order(),
                        s.id.get_create_plist().get_link_creation_order())
                c.equal(f"{path} member order", list(d.keys()), list(s.keys()))
            else:
                self.attributes(path, s, d)


def check_copy(src_path, dst_path, start, stop):
    c = Checker(dst_path)
    with h5py.File(src_path, "r") as src, h5py.File(dst_path, "r") as dst:
        Compare(c, src, dst, int(start), int(stop)).run()
    c.finish()


def check_upstream(src_path, dst_path):
    """test_truncate_file's assertions, with h5py."""
    c = Checker(dst_path)
    c.true(os.path.getsize(dst_path) < os.path.getsize(src_path) / 5,
           f"size {os.path.getsize(dst_path)} not < source {os.path.getsize(src_path)} / 5")
    with h5py.File(dst_path, "r") as f:
        contig, chunked = f["data/dataset_contig"], f["data/dataset_chunked"]
        c.equal("dataset_contig shape", contig.shape, (10, 30, 40))
        c.equal("dataset_chunked shape", chunked.shape, (10, 40, 50))
        c.true(f[contig.attrs["reference_other"]] == chunked, "dataset_contig@reference_other")
        c.true(f[chunked.attrs["reference_other"]] == contig, "dataset_chunked@reference_other")
        c.true(f[f["link/child"].attrs["reference_contig"]] == contig, "link/child@reference_contig")
        c.true(f[f["link/child"].attrs["reference_chunked"]] == chunked, "link/child@reference_chunked")
        c.equal("anattr", contig.attrs["anattr"], 1)
    c.finish()


def check_nwb(src_path, dst_path, n):
    """NWB mode: the ragged units table stays valid and region values are shifted or reported."""
    n = int(n)
    c = Checker(dst_path)
    with h5py.File(src_path, "r") as src, h5py.File(dst_path, "r") as f:
        index = f["units/spike_times_index"][()]
        times = f["units/spike_times"]
        c.equal("spike_times_index rows", index.shape, (n,))
        c.equal("spike_times cut at index[n-1]", times.shape, (int(src["units/spike_times_index"][n - 1]),))
        c.array("index values", index, src["units/spike_times_index"][:n])
        c.true(f[f["units/spike_times_index"].attrs["target"]] == times, "index@target -> spike_times")
        # every unit's spikes are the source's
        sidx, stimes = src["units/spike_times_index"][()], src["units/spike_times"][()]
        for u in range(n):
            lo = 0 if u == 0 else index[u - 1]
            slo = 0 if u == 0 else sidx[u - 1]
            c.array(f"unit {u} spikes", times[lo:index[u]], stimes[slo:sidx[u]])
        c.equal("electrodes region keeps its length (not a table column)",
                f["acquisition/ElectricalSeries/electrodes"].shape, (12,))
        c.equal("electrodes table cut", f["general/extracellular_ephys/electrodes/id"].shape, (n,))
        c.equal("trials keep n rows", f["intervals/trials/timeseries"].shape, (n,))
        tsr = f["intervals/trials/timeseries"][()]
        for i in range(n):
            c.true(f[tsr[i]["timeseries"]] == f["acquisition/ElectricalSeries"], f"trials timeseries[{i}] ref")
    c.finish()


def check_ragged(src_path, dst_path, start, stop):
    """NWB mode on any file: every VectorIndex of the copy indexes its target completely, and each of
    its rows holds the elements of the corresponding source row of the window."""
    start, stop = int(start), int(stop)
    c = Checker(dst_path)
    with h5py.File(src_path, "r") as src, h5py.File(dst_path, "r") as dst:
        indices = []
        dst.visititems(lambda name, obj: indices.append("/" + name)
                       if isinstance(obj, h5py.Dataset) and obj.attrs.get("neurodata_type") in ("VectorIndex", b"VectorIndex")
                       and "target" in obj.attrs else None)
        for path in indices:
            sidx, didx = src[path], dst[path]
            starget, dtarget = src[sidx.attrs["target"]], dst[didx.attrs["target"]]
            c.equal(f"{path}@target name", dtarget.name, starget.name)
            s_values, d_values = sidx[()], didx[()]
            rows = kept_rows(sidx.shape, start, stop) or (0, sidx.shape[0])
            c.equal(f"{path} rows", d_values.shape[0], rows[1] - rows[0])
            if d_values.shape[0]:
                c.equal(f"{path} last value = target length", int(d_values[-1]), dtarget.shape[0])
            for r in range(d_values.shape[0]):
                s_row = rows[0] + r
                s_lo = int(s_values[s_row - 1]) if s_row else 0
                d_lo = int(d_values[r - 1]) if r else 0
                got, want = dtarget[d_lo:int(d_values[r])], starget[s_lo:int(s_values[s_row])]
                if got.dtype.kind == "O" or ref_fields(got.dtype):
                    c.equal(f"{path} row {r} length", len(got), len(want))
                else:
                    c.true(np.asarray(got).tobytes() == np.asarray(want).tobytes(), f"{path} row {r}: elements differ")
    c.finish()


run({
    "write-upstream": write_upstream,
    "write-general": write_general,
    "write-nwb": write_nwb,
    "check-copy": check_copy,
    "check-upstream": check_upstream,
    "check-nwb": check_nwb,
    "check-ragged": check_ragged,
})

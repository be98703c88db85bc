"""The graph layer's test corpus: small real-looking NWB files and one synthetic file per row of the
robustness table (shared/specs/nwb_graph.md §5.8), written with h5py.

    /usr/bin/python3 tests/interop/nwb_corpus.py OUTDIR

Every file is rebuilt from scratch; nothing is random (ids are fixed), so the C++ tests can assert
exact paths, counts and values. The layouts follow what pynwb/hdmf and AqNWB write:
  - DynamicTableRegion: an int dataset with a `table` object-reference attribute;
  - a re-used DynamicTableRegion and shared timestamps are soft links (hdmf's write_link);
  - VectorIndex: a `target` object-reference attribute to its VectorData;
  - TimeSeriesReferenceVectorData: compound (idx_start int32, count int32, timeseries object ref);
  - /specifications/<ns>/<version>/<schema>: JSON strings; hdmf-common as fixed-length NUL-padded
    strings with a leading newline (AqNWB's habit), core as variable-length strings (pynwb's);
  - the root's `.specloc` object reference to /specifications.
"""
import json
import os
import sys

import h5py
import numpy as np

REF = h5py.ref_dtype
REGREF = h5py.regionref_dtype
VSTR = h5py.string_dtype("utf-8")


def oid(n):
    return "00000000-0000-0000-0000-%012d" % n


def typed(obj, neurodata_type, n, namespace="core"):
    obj.attrs["neurodata_type"] = neurodata_type
    obj.attrs["namespace"] = namespace
    obj.attrs["object_id"] = oid(n)
    return obj


def fixed_json(text):
    # AqNWB: fixed-length string, NUL padded, leading newline.
    raw = ("\n" + text).encode("utf-8")
    return np.array(raw, dtype="S%d" % (len(raw) + 7))


CORE_NS = {"namespaces": [{"name": "core", "version": "2.7.0", "doc": "NWB core", "author": ["a"],
                           "contact": ["a@b"], "full_name": "NWB core",
                           "schema": [{"namespace": "hdmf-common"}, {"source": "nwb.base"}]}]}
CORE_BASE = {"groups": [{"neurodata_type_def": "TimeSeries", "doc": "a time series"}], "datasets": []}
HDMF_NS = {"namespaces": [{"name": "hdmf-common", "version": "1.8.0", "doc": "hdmf", "author": ["b"],
                           "contact": ["b@c"], "schema": [{"source": "table"}]}]}
HDMF_TABLE = {"groups": [{"data_type_def": "DynamicTable", "doc": "a table"}],
              "datasets": [{"data_type_def": "VectorData", "doc": "a column"}]}


def write_specs(f):
    specs = f.create_group("specifications")
    core = specs.create_group("core/2.7.0")
    core.create_dataset("namespace", data=json.dumps(CORE_NS), dtype=VSTR)
    core.create_dataset("nwb.base", data=json.dumps(CORE_BASE), dtype=VSTR)
    hdmf = specs.create_group("hdmf-common/1.8.0")
    hdmf.create_dataset("namespace", data=fixed_json(json.dumps(HDMF_NS)))
    hdmf.create_dataset("table", data=fixed_json(json.dumps(HDMF_TABLE)))
    f.attrs[".specloc"] = specs.ref
    return specs


def dynamic_table(parent, name, neurodata_type, n, columns, rows, namespace="hdmf-common"):
    t = parent.create_group(name)
    typed(t, neurodata_type, n, namespace if neurodata_type == "DynamicTable" else "core")
    t.attrs["colnames"] = [c.encode() for c in columns]
    t.attrs["description"] = "table " + name
    ids = t.create_dataset("id", data=np.arange(rows, dtype=np.int64))
    typed(ids, "ElementIdentifiers", n + 1, "hdmf-common")
    return t


def ecephys(path):
    """pynwb-like ecephys file: electrodes table, two ElectricalSeries sharing one region, units, trials."""
    with h5py.File(path, "w") as f:
        typed(f, "NWBFile", 1)
        f.attrs["nwb_version"] = "2.7.0"
        f.create_dataset("identifier", data="1111-1111-1111-1111", dtype=VSTR)
        f.create_dataset("session_start_time", data="2024-01-01T00:00:00", dtype=VSTR)
        f.create_group("analysis")
        f.create_group("stimulus/presentation")
        write_specs(f)
        # devices and electrode groups (the group's device is a soft link, as hdmf writes links)
        dev = typed(f.create_group("general/devices/array"), "Device", 2)
        dev.attrs["description"] = "probe"
        shanks = []
        for i in range(4):
            g = typed(f.create_group("general/extracellular_ephys/shank%d" % i), "ElectrodeGroup", 10 + i)
            g.attrs["location"] = "brain"
            g["device"] = h5py.SoftLink("/general/devices/array")
            shanks.append(g)
        # electrodes: 4 shanks x 3 electrodes
        el = dynamic_table(f["general/extracellular_ephys"], "electrodes", "DynamicTable", 20,
                           ["location", "group", "label"], 12)
        loc = el.create_dataset("location", data=["brain"] * 12, dtype=VSTR)
        typed(loc, "VectorData", 22, "hdmf-common")
        grp = el.create_dataset("group", data=[shanks[i // 3].ref for i in range(12)], dtype=REF)
        typed(grp, "VectorData", 23, "hdmf-common")
        lab = el.create_dataset("label", data=["e%d" % i for i in range(12)], dtype=VSTR)
        typed(lab, "VectorData", 24, "hdmf-common")
        # acquisition ElectricalSeries with its electrodes region
        es = typed(f.create_group("acquisition/ElectricalSeries"), "ElectricalSeries", 30)
        es.create_dataset("data", data=np.arange(600, dtype=np.float32).reshape(50, 12))
        es.create_dataset("timestamps", data=np.arange(50, dtype=np.float64) / 10.0)
        reg = es.create_dataset("electrodes", data=np.arange(12, dtype=np.int32))
        typed(reg, "DynamicTableRegion", 31, "hdmf-common")
        reg.attrs["table"] = el.ref
        reg.attrs["description"] = "all electrodes"
        # LFP ElectricalSeries re-using the region and the timestamps through soft links
        pm = typed(f.create_group("processing/ecephys"), "ProcessingModule", 40)
        pm.attrs["description"] = "ecephys"
        lfp = typed(pm.create_group("LFP"), "LFP", 41)
        les = typed(lfp.create_group("ElectricalSeries"), "ElectricalSeries", 42)
        les.create_dataset("data", data=np.zeros((50, 12), dtype=np.float32))
        les["electrodes"] = h5py.SoftLink("/acquisition/ElectricalSeries/electrodes")
        les["timestamps"] = h5py.SoftLink("/acquisition/ElectricalSeries/timestamps")
        # units: ragged spike times
        units = dynamic_table(f, "units", "Units", 50, ["spike_times", "quality"], 10)
        counts = np.arange(1, 11)
        st = units.create_dataset("spike_times", data=np.arange(counts.sum(), dtype=np.float64) / 100.0)
        typed(st, "VectorData", 52, "hdmf-common")
        sti = units.create_dataset("spike_times_index", data=np.cumsum(counts).astype(np.uint32))
        typed(sti, "VectorIndex", 53, "hdmf-common")
        sti.attrs["target"] = st.ref
        q = units.create_dataset("quality", data=np.linspace(0, 1, 10))
        typed(q, "VectorData", 54, "hdmf-common")
        # trials with a TimeSeriesReferenceVectorData column
        tr = dynamic_table(f, "intervals/trials", "TimeIntervals", 60, ["start_time", "stop_time", "timeseries"], 2)
        typed(tr.create_dataset("start_time", data=[0.0, 2.5]), "VectorData", 62, "hdmf-common")
        typed(tr.create_dataset("stop_time", data=[2.0, 4.5]), "VectorData", 63, "hdmf-common")
        tsr = np.dtype([("idx_start", np.int32), ("count", np.int32), ("timeseries", REF)])
        rows = np.array([(0, 20, es.ref), (25, 20, es.ref), (0, 10, les.ref)], dtype=tsr)
        ts = tr.create_dataset("timeseries", data=rows)
        typed(ts, "TimeSeriesReferenceVectorData", 64)
        tsi = tr.create_dataset("timeseries_index", data=np.array([2, 3], dtype=np.uint8))
        typed(tsi, "VectorIndex", 65, "hdmf-common")
        tsi.attrs["target"] = ts.ref


def nwb_20b(path):
    """NWB 2.0b-like (pynwb 0.x): no /specifications, no .specloc, compound reference columns,
    compound non-reference columns, soft-linked timestamps, contiguous datasets."""
    with h5py.File(path, "w") as f:
        typed(f, "NWBFile", 1)
        f.attrs["nwb_version"] = "2.0b"
        ts = typed(f.create_group("acquisition/ts"), "TimeSeries", 2)
        ts.create_dataset("data", data=np.arange(20.0))
        ts.create_dataset("timestamps", data=np.arange(20.0))
        ts2 = typed(f.create_group("acquisition/ts2"), "TimeSeries", 3)
        ts2.create_dataset("data", data=np.arange(20.0) * 2)
        ts2["timestamps"] = h5py.SoftLink("/acquisition/ts/timestamps")
        epochs = typed(f.create_group("epochs"), "Epochs", 4)
        tsr = np.dtype([("idx_start", np.int32), ("count", np.int32), ("timeseries", REF)])
        epochs.create_dataset("timeseries", data=np.array([(0, 5, ts.ref), (5, 5, ts2.ref)], dtype=tsr))
        pm = np.dtype([("x", np.uint32), ("y", np.uint32), ("weight", np.float32)])
        roi = typed(f.create_group("processing/ophys/roi"), "ROI", 5)
        roi.create_dataset("pixel_mask", data=np.array([(1, 2, 0.5), (3, 4, 0.25)], dtype=pm))


def hdmf_generic(path):
    """hdmf-generic file: data_type instead of neurodata_type; an unversioned namespace directory."""
    with h5py.File(path, "w") as f:
        f.attrs["data_type"] = "Container"
        f.attrs["namespace"] = "test_core"
        f.attrs["object_id"] = oid(1)
        t = f.create_group("table")
        t.attrs["data_type"] = "DynamicTable"
        t.attrs["namespace"] = "hdmf-common"
        col = t.create_dataset("col", data=np.arange(3))
        col.attrs["data_type"] = "VectorData"
        idx = t.create_dataset("col_index", data=np.array([1, 3], dtype=np.int64))
        idx.attrs["data_type"] = "VectorIndex"
        idx.attrs["target"] = col.ref
        t.create_dataset("untyped_leaf", data=np.arange(2))
        f.create_group("plain/deeper")  # untyped group chain: the iterated filter removes it all
        specs = f.create_group("specifications")
        ns = {"namespaces": [{"name": "test_core", "doc": "no version", "author": ["x"], "contact": ["y"],
                              "schema": [{"source": "test"}]}]}
        u = specs.create_group("test_core/unversioned")
        u.create_dataset("namespace", data=json.dumps(ns), dtype=VSTR)
        u.create_dataset("test", data=json.dumps({"groups": []}), dtype=VSTR)
        f.attrs[".specloc"] = specs.ref


def specs_variants(path):
    """Two versions of one namespace, an extension namespace, a dataset at an unexpected depth,
    a spec that is not JSON and one that is not a string."""
    with h5py.File(path, "w") as f:
        specs = f.create_group("specifications")
        for version, doc in (("2.6.0", "old"), ("2.7.0", "new")):
            g = specs.create_group("core/" + version)
            ns = {"namespaces": [{"name": "core", "version": version, "doc": doc, "author": ["a"],
                                  "contact": ["a"], "schema": [{"source": "nwb.base"}]}]}
            g.create_dataset("namespace", data=json.dumps(ns), dtype=VSTR)
            g.create_dataset("nwb.base", data=json.dumps({"groups": [{"doc": doc}]}), dtype=VSTR)
        ext = specs.create_group("ndx-test/0.1.0")
        ext.create_dataset("namespace", data=fixed_json(json.dumps(
            {"namespaces": [{"name": "ndx-test", "version": "0.1.0", "schema": [{"namespace": "core"}]}]})))
        ext.create_dataset("ndx-test.extensions", data=fixed_json(json.dumps({"groups": [{"doc": "ext"}]})))
        specs.create_dataset("stray", data=json.dumps({"x": 1}), dtype=VSTR)       # depth 1
        specs.create_dataset("core/stray_version", data="{}", dtype=VSTR)          # depth 2
        specs.create_dataset("core/2.7.0/deeper/too_deep", data="{}", dtype=VSTR)  # depth 4
        specs.create_dataset("ndx-test/0.1.0/broken", data="{not json", dtype=VSTR)
        specs.create_dataset("ndx-test/0.1.0/numbers", data=np.arange(3))
        f.attrs[".specloc"] = specs.ref


def synthetic(out):
    """One file per row of §5.8."""
    with h5py.File(os.path.join(out, "dangling_soft.h5"), "w") as f:
        g = f.create_group("g")
        g.create_dataset("data", data=[1, 2, 3])
        g["dangling"] = h5py.SoftLink("/nowhere")
        g["to_data"] = h5py.SoftLink("/g/data")

    with h5py.File(os.path.join(out, "external_target.h5"), "w") as f:
        f.create_dataset("x", data=[1.0, 2.0])
        f.create_group("only_in_target")
    with h5py.File(os.path.join(out, "external_links.h5"), "w") as f:
        f.create_group("g").create_dataset("local", data=[1])
        f["g/ext_present"] = h5py.ExternalLink("external_target.h5", "/x")
        f["g/ext_missing"] = h5py.ExternalLink("missing_file.h5", "/y")
        f["g/ext_bad_path"] = h5py.ExternalLink("external_target.h5", "/no_such")

    with h5py.File(os.path.join(out, "null_refs.h5"), "w") as f:
        d = f.create_dataset("d", data=np.arange(10).reshape(5, 2))
        f.attrs.create("null_obj", h5py.Reference(), dtype=REF)
        f.create_dataset("refs", data=[d.ref, h5py.Reference(), f.ref], dtype=REF)
        f.attrs.create("null_region", h5py.RegionReference(), dtype=REGREF)

    with h5py.File(os.path.join(out, "null_dataspace.h5"), "w") as f:
        f.create_dataset("empty_float", data=h5py.Empty("f8"))
        f.create_dataset("empty_ref", data=h5py.Empty(REF))
        f.attrs["empty_attr"] = h5py.Empty("i4")
        f.attrs.create("empty_ref_attr", h5py.Empty(REF))

    with h5py.File(os.path.join(out, "empty_compound.h5"), "w") as f:
        t = np.dtype([("idx_start", np.int32), ("count", np.int32), ("timeseries", REF)])
        f.create_dataset("no_rows", shape=(0,), dtype=t)
        f.create_dataset("no_rows_chunked", shape=(0,), maxshape=(None,), dtype=t)
        f.create_dataset("target", data=[1])

    with h5py.File(os.path.join(out, "one_field_compound.h5"), "w") as f:
        a = f.create_dataset("a", data=[1])
        b = f.create_group("b")
        t = np.dtype([("target", REF)])
        f.create_dataset("single", data=np.array([(a.ref,), (b.ref,), (a.ref,)], dtype=t))

    with h5py.File(os.path.join(out, "ref_2d.h5"), "w") as f:
        objs = [f.create_dataset("t%d" % i, data=[i]) for i in range(6)]
        arr = np.empty((2, 3), dtype=REF)
        for i in range(6):
            arr[i // 3, i % 3] = objs[i].ref
        f.create_dataset("grid", data=arr, dtype=REF)

    with h5py.File(os.path.join(out, "ref_array_attr.h5"), "w") as f:
        xs = [f.create_dataset("x%d" % i, data=[i]) for i in range(3)]
        g = f.create_group("holder")
        g.attrs.create("many", [x.ref for x in xs], dtype=REF)
        g.attrs.create("one", xs[1].ref, dtype=REF)

    with h5py.File(os.path.join(out, "nested_compound.h5"), "w") as f:
        a = f.create_dataset("a", data=[1])
        b = f.create_group("b")
        inner = np.dtype([("n", np.int32), ("r", REF)])
        outer = np.dtype([("id", np.int64), ("inner", inner), ("pair", REF, (2,))])
        rows = np.zeros(2, dtype=outer)
        rows[0] = (1, (5, a.ref), (a.ref, b.ref))
        rows[1] = (2, (6, b.ref), (b.ref, a.ref))
        f.create_dataset("nested", data=rows)
        scalar = np.zeros((), dtype=inner)
        scalar[()] = (7, b.ref)
        f.create_dataset("scalar_compound", data=scalar)
        f.attrs.create("compound_attr", scalar, dtype=inner)

    with h5py.File(os.path.join(out, "region_refs.h5"), "w") as f:
        d = f.create_dataset("data", data=np.arange(40).reshape(10, 4))
        f.attrs.create("rows_2_5", d.regionref[2:5, :], dtype=REGREF)
        f.create_dataset("regions", data=[d.regionref[0:1, 0:2], d.regionref[:, 3], h5py.RegionReference()],
                         dtype=REGREF)

    with h5py.File(os.path.join(out, "cycle.h5"), "w") as f:
        a = f.create_group("a")
        b = f.create_group("b")
        a.attrs["to_b"] = b.ref
        b.attrs["to_a"] = a.ref
        s = f.create_dataset("self", data=[1])
        s.attrs["me"] = s.ref
        p = f.create_group("parent")
        c = p.create_group("child")
        c.attrs["up"] = p.ref
        f.create_dataset("free", data=[0])

    with h5py.File(os.path.join(out, "child_referenced.h5"), "w") as f:
        p = f.create_group("parent")
        c = p.create_dataset("child", data=[1, 2])
        p.attrs["points_at_child"] = c.ref

    with h5py.File(os.path.join(out, "hard_alias.h5"), "w") as f:
        g = f.create_group("g")
        x = g.create_dataset("x", data=[1, 2, 3])
        y = g.create_dataset("y", data=[4])
        f["alias"] = g            # /alias/x and /g/x name one dataset: /alias/x is canonical
        f["z_alias_y"] = y        # /alias/y (through the group alias) comes first
        f["holder"] = np.arange(2)
        f["holder"].attrs["to_x"] = x.ref
        f["holder"].attrs["to_y"] = y.ref
        f["link_to_x"] = h5py.SoftLink("/g/x")

    with h5py.File(os.path.join(out, "vlen_refs.h5"), "w") as f:
        a = f.create_dataset("a", data=[1])
        b = f.create_group("b")
        try:
            dt = h5py.vlen_dtype(REF)
            d = f.create_dataset("seqs", shape=(2,), dtype=dt)
            d[0] = np.array([a.ref, b.ref], dtype=REF)
            d[1] = np.array([b.ref], dtype=REF)
        except Exception:  # an h5py that cannot write them: the file holds no vlen
            f.attrs["vlen_unsupported"] = 1

    # Dense link storage (libver latest, more than 8 links): native name-index order is hash order,
    # which is what H5Iget_name searches; a shared dataset linked from every group makes it matter.
    with h5py.File(os.path.join(out, "dense.h5"), "w", libver="latest") as f:
        shared = f.create_dataset("zz_shared", data=[1])
        holder = f.create_group("holder")
        for i in range(24):
            g = f.create_group("g%02d" % i)
            g["shared"] = shared
            holder.attrs["r%02d" % i] = g.ref
        holder.attrs["shared"] = shared.ref


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    ecephys(os.path.join(out, "ecephys.nwb"))
    nwb_20b(os.path.join(out, "nwb_20b.nwb"))
    hdmf_generic(os.path.join(out, "hdmf_generic.h5"))
    specs_variants(os.path.join(out, "specs_variants.h5"))
    synthetic(out)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The truncate workload, h5py side (bench/bench_truncate.cpp is h5kit's).

    truncate_bench.py --make-input FILE          # write the ~1.15 GiB input (untimed; run.sh does it once)
    truncate_bench.py --input FILE --dir DIR [--repetitions N] [--out results.json]

The input is an NWB-like session: a 1 GiB int16 ElectricalSeries (8,388,608 x 64, chunked 16384 x 64)
with 64 MiB of float64 timestamps, its electrodes region (an index dataset whose `table` attribute is an
object reference), the electrodes table (a column of object references to four shank groups), an LFP
series stored contiguously (64 MiB, with its timestamps a soft link), a trials table with a compound
column (idx_start, count, object reference), spike times with their VectorIndex, and /specifications.

Both sides truncate it to its first 10 rows. This side is nwb-linkml's truncate_file (spec
nwb_graph.md section 3.9) in h5py, without networkx: copy the file, resize every dataset with more than n
elements to n rows (re-create the contiguous ones from old[0:n]), `h5repack -f GZIP=9` into a second file,
rewrite the recorded references, rename. Times are the best of N wall seconds, and CPU seconds of this
process plus its children (h5repack). Each result is checked: the series is (10, 64), and every reference
attribute and reference column resolves to the object it named in the source.
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import time

import h5py
import numpy as np

from bench_timing import best_of, emit

ROWS = 8 * 1024 * 1024
CHANNELS = 64
CHUNK_ROWS = 16384
LFP_ROWS = 1024 * 1024
LFP_CHANNELS = 16
N = 10


def make_input(path):
    rng = np.random.default_rng(7)
    with h5py.File(path, "w") as f:
        f.attrs["neurodata_type"] = "NWBFile"
        shanks = []
        ephys = f.create_group("general/extracellular_ephys")
        for i in range(4):
            g = ephys.create_group(f"shank{i}")
            g.attrs["neurodata_type"] = "ElectrodeGroup"
            shanks.append(g)
        table = ephys.create_group("electrodes")
        table.attrs["neurodata_type"] = "DynamicTable"
        table.attrs["colnames"] = ["x", "group"]
        table.create_dataset("id", data=np.arange(CHANNELS))
        table.create_dataset("x", data=np.linspace(0, 630, CHANNELS))
        table.create_dataset("group", data=[shanks[i * 4 // CHANNELS].ref for i in range(CHANNELS)],
                             dtype=h5py.ref_dtype)

        series = f.create_group("acquisition/ElectricalSeries")
        series.attrs["neurodata_type"] = "ElectricalSeries"
        data = series.create_dataset("data", shape=(ROWS, CHANNELS), dtype=np.int16, chunks=(CHUNK_ROWS, CHANNELS))
        block = rng.integers(-2000, 2000, size=(CHUNK_ROWS * 16, CHANNELS), dtype=np.int16)
        for start in range(0, ROWS, block.shape[0]):
            data[start:start + block.shape[0]] = block
        data.attrs["conversion"] = 1.95e-7
        timestamps = series.create_dataset("timestamps", shape=(ROWS,), dtype=np.float64, chunks=(65536,))
        for start in range(0, ROWS, 1 << 20):
            timestamps[start:start + (1 << 20)] = np.arange(start, start + (1 << 20)) / 30000.0
        electrodes = series.create_dataset("electrodes", data=np.arange(CHANNELS, dtype=np.int32))
        electrodes.attrs["neurodata_type"] = "DynamicTableRegion"
        electrodes.attrs["table"] = table.ref

        lfp = f.create_group("processing/ecephys/LFP/lfp")
        lfp.attrs["neurodata_type"] = "ElectricalSeries"
        lfp.create_dataset("data", data=rng.standard_normal((LFP_ROWS, LFP_CHANNELS), dtype=np.float32))
        lfp["timestamps"] = h5py.SoftLink("/acquisition/ElectricalSeries/timestamps")
        lfp.attrs["source"] = series.ref

        trials = f.create_group("intervals/trials")
        trials.attrs["neurodata_type"] = "TimeIntervals"
        trials.create_dataset("start_time", data=np.arange(1000) * 2.0)
        trials.create_dataset("stop_time", data=np.arange(1000) * 2.0 + 1.5)
        ts_type = np.dtype([("idx_start", np.int32), ("count", np.int32), ("timeseries", h5py.ref_dtype)])
        column = np.zeros(1000, dtype=ts_type)
        column["idx_start"] = np.arange(1000) * 60000
        column["count"] = 45000
        column["timeseries"] = [series.ref] * 1000
        trials.create_dataset("timeseries", data=column)

        units = f.create_group("units")
        units.attrs["neurodata_type"] = "Units"
        units.create_dataset("spike_times", data=np.sort(rng.uniform(0, ROWS / 30000.0, 100000)))
        index = units.create_dataset("spike_times_index", data=np.arange(1000, 100001, 1000))
        index.attrs["neurodata_type"] = "VectorIndex"

        spec = f.create_group("specifications/core/2.7.0")
        spec.create_dataset("nwb.base", data=json.dumps({"groups": [{"neurodata_type_def": "NWBDataInterface"}]}))
        f.attrs[".specloc"] = f["specifications"].ref


def recorded_references(f):
    """Every reference attribute and reference column of `f` as target paths (nwb-linkml's step 4)."""
    attr_refs, dataset_refs = {}, {}

    def visit(name, obj):
        for key, value in obj.attrs.items():
            if isinstance(value, h5py.Reference):
                attr_refs[(name, key)] = f[value].name
        if isinstance(obj, h5py.Dataset):
            if h5py.check_ref_dtype(obj.dtype) is h5py.Reference:
                dataset_refs[(name, None)] = [f[r].name for r in obj[()]]
            elif obj.dtype.names:
                for field in obj.dtype.names:
                    if h5py.check_ref_dtype(obj.dtype[field]) is h5py.Reference:
                        dataset_refs[(name, field)] = [f[r].name for r in obj[field]]

    for key, value in f.attrs.items():
        if isinstance(value, h5py.Reference):
            attr_refs[("/", key)] = f[value].name
    f.visititems(visit)
    return attr_refs, dataset_refs


def nwb_linkml_truncate(source, target, n):
    """nwb-linkml's truncate_file, step by step; returns seconds per step."""
    steps = {}
    t0 = time.perf_counter()
    target_tmp = target[:-len(".hdf5")] + "_tmp.hdf5"
    for stale in (target, target_tmp):
        if os.path.exists(stale):
            os.unlink(stale)
    shutil.copy(source, target)
    os.chmod(target, 0o774)
    t1 = time.perf_counter()
    steps["copy"] = t1 - t0

    with h5py.File(target, "r+") as f:
        to_resize = []
        f.visititems(lambda name, obj: to_resize.append(name)
                     if isinstance(obj, h5py.Dataset) and obj.size is not None and obj.size > n else None)
        attr_refs, dataset_refs = recorded_references(f)
        for name in to_resize:
            obj = f[name]
            try:
                obj.resize(n, axis=0)
            except TypeError:  # contiguous or compact: re-create from the first n rows
                f.move(name, name + "__tmp")
                old = f[name + "__tmp"]
                new = f.create_dataset(name, data=old[0:n], dtype=old.dtype)
                for key, value in old.attrs.items():
                    new.attrs[key] = value
                del f[name + "__tmp"]
    t2 = time.perf_counter()
    steps["resize"] = t2 - t1

    subprocess.run(["h5repack", "--verbose=2", "--enable-error-stack", "-f", "GZIP=9", target, target_tmp],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t3 = time.perf_counter()
    steps["h5repack"] = t3 - t2

    with h5py.File(target_tmp, "r+") as f:
        for (owner, key), path in attr_refs.items():
            f[owner].attrs[key] = f[path].ref
        for (name, field), paths in dataset_refs.items():
            obj = f[name]
            refs = [f[p].ref for p in paths[:obj.shape[0]]]
            if field is None:
                obj[...] = refs
            else:
                rows = obj[()]
                rows[field] = refs
                obj[...] = rows
    os.unlink(target)
    os.rename(target_tmp, target)
    steps["rewrite"] = time.perf_counter() - t3
    return steps


def check(source, target, n):
    """The truncated series, and every recorded reference resolving to the object it named in the source."""
    with h5py.File(source, "r") as s, h5py.File(target, "r") as t:
        if t["acquisition/ElectricalSeries/data"].shape != (n, CHANNELS):
            raise SystemExit(f"{target}: series shape {t['acquisition/ElectricalSeries/data'].shape}")
        if not np.array_equal(t["acquisition/ElectricalSeries/data"][()], s["acquisition/ElectricalSeries/data"][:n]):
            raise SystemExit(f"{target}: series values differ from the source's first {n} rows")
        source_attrs, source_columns = recorded_references(s)
        target_attrs, target_columns = recorded_references(t)
        if target_attrs != source_attrs:
            raise SystemExit(f"{target}: reference attributes {target_attrs} != {source_attrs}")
        for key, paths in source_columns.items():
            if target_columns.get(key) != paths[:n]:
                raise SystemExit(f"{target}: reference column {key} {target_columns.get(key)} != {paths[:n]}")


def cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--make-input")
    p.add_argument("--input")
    p.add_argument("--dir")
    p.add_argument("--repetitions", type=int, default=3)
    p.add_argument("--out")
    a = p.parse_args()
    if a.make_input:
        make_input(a.make_input)
        return
    target = os.path.join(a.dir, "truncate_h5py_truncated.hdf5")
    best_wall, best_cpu, best_steps = best_of(a.repetitions, lambda: nwb_linkml_truncate(a.input, target, N),
                                              cpu_seconds)
    check(a.input, target, N)
    result = {"workload": "graph_truncate", "implementation": "h5py copy + resize + h5repack",
              "h5py": h5py.version.version, "wall_s": best_wall, "cpu_s": best_cpu,
              "repetitions": a.repetitions, "steps_s": best_steps,
              "source_bytes": os.path.getsize(a.input), "target_bytes": os.path.getsize(target)}
    os.unlink(target)
    emit(result, a.out)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Merges the C++ (Google Benchmark JSON) and h5py results into one table and writes bench/RESULTS.md.

    report.py --cpp cpp.json --h5py h5py.json [--out bench/RESULTS.md] [--build-info TEXT]

Statistics are computed here, the same way for every implementation, from the individual
repetitions: the median is the headline number; mean, minimum and coefficient of variation (CV)
are given beside it so the noise of the run can be judged.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import sys

IMPLS = ["h5kit", "rawc", "h5py", "h5py_default"]
IMPL_TITLES = {"h5kit": "h5kit", "rawc": "raw C", "h5py": "h5py", "h5py_default": "h5py (default libver)"}

# workload -> (title, what one "op" is for the per-op column, per-op unit)
WORKLOADS = {
    "bulk_write": ("1. write 256 MiB float64, contiguous, whole", None),
    "bulk_read": ("2. read 256 MiB back whole (into a preallocated buffer)", None),
    "point_read": ("3. 100,000 single-element reads at random positions", "read"),
    "attrs_create": ("4a. create 10,000 int64 attributes on one group", "attribute"),
    "attrs_read": ("4b. read those 10,000 attributes back by name", "attribute"),
    "groups_create": ("5. create 5,000 groups with 2 attributes each", "group"),
    "gzip_write": ("6a. write 256 MiB float32, chunked (1 MiB chunks), gzip 4, whole", None),
    "gzip_read": ("6b. read the gzip dataset back whole (into a preallocated buffer)", None),
    "gzip_shuffle_write": ("6c. as 6a, shuffle + gzip 4", None),
    "gzip_shuffle_read": ("6d. as 6b, shuffle + gzip 4", None),
}
EXTRA_WORKLOADS = {
    "bulk_read_alloc": ("2b. read 256 MiB whole into a new array (library allocates)", None),
    "point_read_fresh_spaces": ("3b. as 3, raw C making both dataspaces anew per read", "read"),
}
# Typed models (include/h5kit/model.hpp): their own section.
MODEL_WORKLOADS = {
    "model_dump": ("7a. dump a model: 1,000 groups x 10 float64 scalar fields (h5kit: dump(model, path), atomic)",
                   None),
    "model_load": ("7b. load it back (h5kit: load<Network>(path), every field checked)", None),
    "model_dump_group": ("7c. as 7a, h5kit dump(model, group) into a new file: no temporary file, no fsync", None),
    "model_dump_compact": ("7d. as 7a, raw C keeping each group's 10 attributes compact "
                           "(H5Pset_attr_phase_change(16, 14))", None),
    "model_load_compact": ("7e. as 7b, reading the compact file of 7d", None),
    "scan_load_eager": ("8a. load a model of 64 float32 datasets of 2 MiB + attributes, eagerly (128 MiB read)",
                        None),
    "scan_load_lazy": ("8b. the same lazily: attributes and shapes, no values (LoadOptions{.lazy = true})", None),
}
# The lazy layer (include/h5kit/lazy/): its own section, with each implementation's peak memory.
LAZY_WORKLOADS = {
    "lazy_sum": ("9a. sum of a 2 GiB float64 dataset (16384 x 16384, 1 MiB chunks of 64 x 2048); h5kit capped "
                 "at 64 MiB", None),
    "lazy_reduce": ("9b. sum, mean and std of it (h5kit: describe(), one pass, 64 MiB cap; h5py: load whole + numpy)", None),
    "lazy_sin": ("10. sin of it into a new dataset, same chunks, block by block (h5kit: sin(a, Into{...}))", None),
}
ALL_WORKLOADS = {**WORKLOADS, **EXTRA_WORKLOADS, **MODEL_WORKLOADS, **LAZY_WORKLOADS}
UNIT_SECONDS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


class Series:
    def __init__(self, times, ops, checksum, error=None, cpu_times=None):
        self.times = times  # wall-clock seconds per repetition
        self.cpu_times = cpu_times if cpu_times is not None else []  # CPU seconds per repetition
        self.ops = ops
        self.checksum = checksum
        self.error = error
        self.counters = {}  # Google Benchmark user counters a section reports (e.g. target_bytes)

    @property
    def ok(self):
        return self.error is None and len(self.times) > 0

    def median(self):
        return statistics.median(self.times)

    def mean(self):
        return statistics.fmean(self.times)

    def min(self):
        return min(self.times)

    def cpu_median(self):
        return statistics.median(self.cpu_times) if self.cpu_times else None

    def cv(self):
        if len(self.times) < 2:
            return 0.0
        return statistics.stdev(self.times) / self.mean()


def separate_runs(path):
    """The sections of an existing report recorded from runs of their own (headed "# ... (separate
    run ..."): kept after the regenerated part, so one run does not erase the others' tables."""
    try:
        with open(path) as f:
            lines = f.read().split("\n")
    except OSError:
        return ""
    starts = [i for i, line in enumerate(lines) if line.startswith("# ") and "(separate run" in line]
    if not starts:
        return ""
    return "\n" + "\n".join(lines[starts[0]:]).rstrip("\n") + "\n"


def load_cpp(path):
    with open(path) as f:
        doc = json.load(f)
    found = {}
    for b in doc.get("benchmarks", []):
        if b.get("run_type") != "iteration":
            continue
        parts = b["run_name"].split("/")
        key = (parts[0], parts[1])
        series = found.setdefault(key, Series([], b.get("ops", 1.0), b.get("checksum")))
        if b.get("error_occurred"):
            series.error = b.get("error_message", "error")
            continue
        # Google Benchmark reports real_time and cpu_time per iteration already.
        series.times.append(b["real_time"] * UNIT_SECONDS[b["time_unit"]])
        series.cpu_times.append(b["cpu_time"] * UNIT_SECONDS[b["time_unit"]])
        series.ops = b.get("ops", series.ops)
        series.checksum = b.get("checksum", series.checksum)
        series.counters.update({k: b[k] for k in ("target_bytes",) if k in b})
    return doc.get("context", {}), found


def load_h5py(path):
    with open(path) as f:
        doc = json.load(f)
    found = {}
    for b in doc.get("benchmarks", []):
        found[(b["workload"], b["implementation"])] = Series(list(b["times_s"]), b["ops"], b["checksum"],
                                                            b.get("error"), list(b.get("cpu_times_s", [])))
    return doc.get("context", {}), found


def fmt_time(seconds):
    if seconds >= 1.0:
        return "%.2f s" % seconds
    if seconds >= 1e-3:
        return "%.1f ms" % (seconds * 1e3)
    if seconds >= 1e-6:
        return "%.2f µs" % (seconds * 1e6)
    return "%.0f ns" % (seconds * 1e9)


def fmt_ratio(r):
    if r is None:
        return "—"
    return "%.2fx" % r if r < 10 else "%.1fx" % r


def machine_info(cpp_ctx, h5py_ctx, build_info):
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "unknown"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = "%.1f GiB" % (int(line.split()[1]) / 1024 / 1024)
                    break
    except OSError:
        pass
    def loads(ctx):
        load = ctx.get("load_avg")
        return ", ".join("%.2f" % x for x in load) if load else "?"

    rows = [
        ("date", datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")),
        ("nproc", str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count())),
        ("CPU", model),
        ("memory", mem),
        ("kernel", platform.release()),
        ("HDF5 (C++ side, linked)", cpp_ctx.get("hdf5_version", "?")),
        ("HDF5 (h5py)", h5py_ctx.get("hdf5_version", "?")),
        ("h5py / numpy / Python", "%s / %s / %s" % (h5py_ctx.get("h5py_version", "?"),
                                                   h5py_ctx.get("numpy_version", "?"), h5py_ctx.get("python", "?"))),
        ("load average (1, 5, 15 min) when the C++ part started", loads(cpp_ctx)),
        ("load average when the h5py part started", loads(h5py_ctx)),
    ]
    if build_info:
        rows.append(("build", build_info))
    return rows


def truncate_section(h5kit_row, h5py_path):
    """The file truncation table: h5kit's row from h5kit_bench, nwb-linkml's pipeline from truncate_bench.py."""
    h5py_row = None
    if h5py_path and os.path.exists(h5py_path):
        with open(h5py_path) as f:
            h5py_row = json.loads(f.read() or "null")
    if h5kit_row is None and h5py_row is None:
        return []
    out = ["## File truncation\n",
           "An NWB-like 1.15 GiB session (`truncate_bench.py --make-input`: a 1 GiB int16 ElectricalSeries, "
           "its timestamps, a contiguous LFP series, reference columns, a compound column of references) cut "
           "to its first 10 rows. h5kit: `graph::truncate` (`bench_truncate.cpp`). h5py: nwb-linkml's "
           "`truncate_file` (copy, resize, `h5repack -f GZIP=9`, rewrite the references); CPU includes "
           "h5repack's. Both results are checked (the first rows, every reference resolving). Warm page "
           "cache: a cold copy of the source costs the h5py side its read and write of 1.15 GiB more.\n",
           "| implementation | wall (best) | CPU (best) | repetitions | result size |\n|---|---:|---:|---:|---:|"]
    if h5kit_row is not None:
        if h5kit_row.ok:
            out.append("| h5kit | %s | %s | %d | %s |" % (
                fmt_time(min(h5kit_row.times)), fmt_time(min(h5kit_row.cpu_times)), len(h5kit_row.times),
                "%.1f KiB" % (h5kit_row.counters.get("target_bytes", 0) / 1024)))
        else:
            out.append("| h5kit | error: %s | | | |" % h5kit_row.error)
    if h5py_row is not None:
        if h5py_row.get("wall_s") is not None:
            steps = ", ".join("%s %s" % (k, fmt_time(v)) for k, v in h5py_row.get("steps_s", {}).items())
            out.append("| h5py %s + h5repack (%s) | %s | %s | %d | %.1f KiB |" % (
                h5py_row.get("h5py", ""), steps, fmt_time(h5py_row["wall_s"]), fmt_time(h5py_row["cpu_s"]),
                h5py_row["repetitions"], h5py_row["target_bytes"] / 1024))
        else:
            out.append("| h5py + h5repack | %s | | | |" % h5py_row.get("error", "no result"))
    out.append("")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cpp", required=True)
    parser.add_argument("--h5py", required=True)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "RESULTS.md"))
    parser.add_argument("--build-info", default="")
    parser.add_argument("--rss", help="JSON lines of peak RSS per (workload, implementation), from run.sh")
    parser.add_argument("--graph", help="h5py_graph_bench.py's JSON result (the file graph section)")
    parser.add_argument("--truncate", help="truncate_bench.py's JSON result (the file truncation section)")
    args = parser.parse_args()

    rss = {}  # (workload, implementation) -> (peak KiB, KiB at the start of the workload)
    if args.rss:
        with open(args.rss) as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    rss[(r["workload"], r["implementation"])] = (r["peak_rss_kib"], r.get("start_rss_kib"))

    cpp_ctx, data = load_cpp(args.cpp)
    h5py_ctx, py = load_h5py(args.h5py)
    data.update(py)

    def get(w, impl):
        s = data.get((w, impl))
        return s if s is not None and s.ok else None

    def ratio(w, num, den, stat="median"):
        a, b = get(w, num), get(w, den)
        if a is None or b is None:
            return None
        return getattr(a, stat)() / getattr(b, stat)()

    def cell(w, impl):
        s = data.get((w, impl))
        if s is None:
            return "—"
        if not s.ok:
            return "error: %s" % (s.error or "no data")
        op = ALL_WORKLOADS[w][1]
        if op == "read":  # the per-read time is the number that matters
            return "%s/read" % fmt_time(s.median() / s.ops)
        return fmt_time(s.median())

    out = []
    out.append("# h5kit benchmark results\n")
    out.append("Produced by `bench/run.sh` (see `docs/benchmarks.md`). Every number is the **median** wall-clock "
               "time over the repetitions of one run; the same workloads run in h5kit, the raw HDF5 C API and h5py, "
               "all against the same libhdf5. h5kit, raw C and the `h5py` column create and open files with "
               "libver bounds latest/latest; the `h5py (default libver)` column is h5py as most people run it.\n")
    out.append("## Machine\n")
    out.append("| | |\n|---|---|")
    for k, v in machine_info(cpp_ctx, h5py_ctx, args.build_info):
        out.append("| %s | %s |" % (k, v))
    reps = sorted({len(s.times) for (w, i), s in data.items() if s.ok and i in ("h5kit", "rawc")})
    py_reps = sorted({len(s.times) for (w, i), s in data.items() if s.ok and i == "h5py"})
    pyd_reps = sorted({len(s.times) for (w, i), s in data.items() if s.ok and i == "h5py_default"})
    out.append("| repetitions | h5kit & raw C: %s (randomly interleaved); h5py: %s; h5py default libver: %s |\n"
               % ("/".join(map(str, reps)) or "?", "/".join(map(str, py_reps)) or "?",
                  "/".join(map(str, pyd_reps)) or "?"))

    header = ("| workload | h5kit | raw C | h5py | h5kit/raw C | h5py/h5kit | h5py (default libver) "
              "| h5py default/h5kit |")
    sep = "|---|---:|---:|---:|---:|---:|---:|---:|"

    def table(workloads):
        rows = [header, sep]
        for w, (title, _) in workloads.items():
            if not any((w, i) in data for i in IMPLS):
                continue
            rows.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
                title, cell(w, "h5kit"), cell(w, "rawc"), cell(w, "h5py"),
                fmt_ratio(ratio(w, "h5kit", "rawc")), fmt_ratio(ratio(w, "h5py", "h5kit")),
                cell(w, "h5py_default"), fmt_ratio(ratio(w, "h5py_default", "h5kit"))))
        return rows

    out.append("## Results (median)\n")
    main_table = table(WORKLOADS)
    out.extend(main_table)
    out.append("")
    if len(main_table) == 2:
        out.append("(No row of workloads 1-6 in this run.)\n")
    out.append("Ratios: **h5kit/raw C** above 1.00x is h5kit's overhead over hand-written C (1.10x = 10% slower); "
               "**h5py/h5kit** is how many times faster h5kit is than h5py. Row 3 is time per read; the other rows "
               "are the time of the whole workload. Rows 6a-6d spend their time in zlib inside HDF5's filter pipeline, "
               "the same code for all three; they run fewer repetitions (see the Spread table) and h5py's "
               "default-libver column skips them.\n")

    extra = table({w: v for w, v in EXTRA_WORKLOADS.items() if any((w, i) in data for i in IMPLS)})
    if len(extra) > 2:
        out.append("### Extra rows (not targets; they explain the ones above)\n")
        out.extend(extra)
        out.append("")

    model_table = table(MODEL_WORKLOADS)
    if len(model_table) > 2:
        out.append("## Typed models\n")
        out.append("The model layer (`include/h5kit/model.hpp`) against the same layout written and read by hand: "
                   "raw C with `H5Gcreate2`/`H5Acreate2`/`H5Awrite` and `H5Gopen2`/`H5Aopen`/`H5Aread`, h5py with "
                   "`create_group` + `attrs[name] = value` and `dict(group.attrs)`. Same libver as every other row "
                   "(latest/latest; h5kit's `dump(model, path)` creates its temporary file with the default "
                   "`FileOptions`, which are latest/latest too).\n")
        out.extend(model_table)
        out.append("")
        lazy_rows = []
        for impl in ("h5kit", "rawc", "h5py", "h5py_default"):
            e, l_ = get("scan_load_eager", impl), get("scan_load_lazy", impl)
            if e is not None and l_ is not None:
                lazy_rows.append("| %s | %s | %s | %s |" % (IMPL_TITLES[impl], fmt_time(e.median()),
                                                           fmt_time(l_.median()), fmt_ratio(e.median() / l_.median())))
        if lazy_rows:
            out.append("Eager against lazy load of workload 8 (how much a lazy load saves, per implementation):\n")
            out.append("| implementation | eager (8a) | lazy (8b) | eager/lazy |\n|---|---:|---:|---:|")
            out.extend(lazy_rows)
            out.append("")
        out.append("7a includes what `dump(model, path)` promises beyond the hand-written code: validating the "
                   "model first, writing a temporary file, `fsync` and `rename`, and the self-describing root "
                   "attributes (model name, version, JSON schema). 7c leaves out the temporary file and the fsync. "
                   "7b checks every field (present, a float64-compatible type, scalar) and builds a "
                   "`std::vector<Station>`; raw C reads into a preallocated array, h5py builds a list of dicts. "
                   "7d/7e are raw C only: with libver latest, an object with more than 8 attributes moves them to "
                   "dense storage (a fractal heap and a v2 B-tree per group); raising the group's max_compact "
                   "keeps them in the object header. h5kit's model groups are created that way "
                   "(GroupOptions::max_compact_attributes), so 7d/7e are the like-for-like raw C rows for 7a/7b.\n")

    lazy_table = table(LAZY_WORKLOADS)
    if len(lazy_table) > 2:
        out.append("## Lazy arrays\n")
        out.append("The lazy layer (`include/h5kit/lazy/`) on one 2 GiB float64 dataset (16384 x 16384, chunked "
                   "64 x 2048 = 1 MiB, no filter; input written once before anything is timed). h5kit runs under "
                   "`ScopedMemoryCap(64 MiB)`: its plan reads blocks of 512 whole rows (64 MiB) for the reductions "
                   "and 256 rows for sin (input and result share the cap). Raw C reads the "
                   "same 256-row blocks into one buffer and computes sum, mean and std in a single pass (each "
                   "block's mean and squared deviations, merged). h5py loads the whole array (`ds[()]`) and calls "
                   "`.sum()`, `.mean()`, `.std()`; for sin it loops over the same 256-row blocks (read, `np.sin`, "
                   "write). h5py runs with libver latest, no default-libver column (the data path is the same).\n")
        out.extend(lazy_table)
        out.append("")
        if rss:
            out.append("Peak memory: each implementation runs the workload once, alone in a fresh process "
                       "(`h5kit_bench --lazy-once`, `h5py_bench.py --once`); peak RSS is the process's "
                       "`ru_maxrss`, start is its RSS just before the workload (the h5py process has imported "
                       "h5py and numpy).\n")
            out.append("| workload | h5kit peak | raw C peak | h5py peak | h5kit start | raw C start | h5py start |\n"
                       "|---|---:|---:|---:|---:|---:|---:|")

            def mib(kib):
                return "—" if kib is None else "%.0f MiB" % (kib / 1024)

            for w in LAZY_WORKLOADS:
                if not any((w, i) in rss for i in ("h5kit", "rawc", "h5py")):
                    continue
                cells = [mib(rss.get((w, i), (None, None))[0]) for i in ("h5kit", "rawc", "h5py")]
                cells += [mib(rss.get((w, i), (None, None))[1]) for i in ("h5kit", "rawc", "h5py")]
                out.append("| %s | %s |" % (w, " | ".join(cells)))
            out.append("")

    # File graph (graph_refs): h5kit's row from h5kit_bench, h5py's from h5py_graph_bench.py.
    graph_h5kit = data.get(("graph_refs", "h5kit"))
    graph_h5py = None
    if args.graph and os.path.exists(args.graph):
        with open(args.graph) as f:
            graph_h5py = json.loads(f.read() or "null")
    if graph_h5kit is not None or graph_h5py is not None:
        out.append("## File graph\n")
        out.append("Dependency graph + reference inventory of one file with 100,001 objects (1,000 groups of 99 "
                   "scalar datasets) and 10,000 object-reference attributes, written by h5py "
                   "(`h5py_graph_bench.py --make-input`, default libver). h5kit: open, one `FileIndex` walk, "
                   "`dependency_graph` and `inventory` over the whole file (`bench_graph.cpp`). h5py: the same walk "
                   "as nwb-linkml's `hdf_dependency_graph` without networkx (root + `visititems`, every attribute "
                   "read, each reference dereferenced for its `.name`, each group's children named). "
                   "Best of N, wall and CPU.\n")
        out.append("| implementation | wall (best) | CPU (best) | repetitions | check |\n|---|---:|---:|---:|---|")
        if graph_h5kit is not None:
            if graph_h5kit.ok:
                out.append("| h5kit | %s | %s | %d | graph and inventory counts match |" % (
                    fmt_time(min(graph_h5kit.times)), fmt_time(min(graph_h5kit.cpu_times)), len(graph_h5kit.times)))
            else:
                out.append("| h5kit | error: %s | | | |" % graph_h5kit.error)
        if graph_h5py is not None:
            if graph_h5py.get("wall_s") is not None:
                out.append("| h5py %s | %s | %s | %d | %s |" % (
                    graph_h5py.get("h5py", ""), fmt_time(graph_h5py["wall_s"]), fmt_time(graph_h5py["cpu_s"]),
                    graph_h5py["repetitions"], "counts match" if graph_h5py.get("ok") else "**counts differ**"))
            else:
                out.append("| h5py | %s | | | |" % graph_h5py.get("error", "no result"))
        out.append("")

    out.extend(truncate_section(data.get(("graph_truncate", "h5kit")), args.truncate))

    # Targets
    out.append("## Targets\n")
    out.append("The last column is what hand-written C achieves on the same ratio (raw C in place of h5kit): "
               "the best a wrapper over the same HDF5 calls can hope for.\n")
    out.append("| target | measured (median) | measured (min) | verdict | raw C on the same ratio |\n"
               "|---|---:|---:|---|---:|")
    verdicts = []

    def target(label, w, num, den, limit, higher_is_better):
        med, best = ratio(w, num, den, "median"), ratio(w, num, den, "min")
        ceiling = ratio(w, num.replace("h5kit", "rawc"), den.replace("h5kit", "rawc"), "median")
        if num == "h5kit" and den == "rawc":
            ceiling = None  # raw C against itself says nothing
        if med is None:
            verdict = "not measured"
        else:
            ok = med >= limit if higher_is_better else med <= limit
            ok_min = best >= limit if higher_is_better else best <= limit
            verdict = "met" if ok else ("**MISSED**" + (" (met on the minimum)" if ok_min else ""))
        verdicts.append((label, verdict))
        if med is None:
            return  # a filtered run: only the workloads it ran have a row
        out.append("| %s | %s | %s | %s | %s |" % (label, fmt_ratio(med), fmt_ratio(best), verdict,
                                                 fmt_ratio(ceiling)))

    target("bulk write within 3% of raw C (h5kit/raw C ≤ 1.03)", "bulk_write", "h5kit", "rawc", 1.03, False)
    target("bulk read within 3% of raw C (h5kit/raw C ≤ 1.03)", "bulk_read", "h5kit", "rawc", 1.03, False)
    target("small read at most 1.5x raw C (h5kit/raw C ≤ 1.5)", "point_read", "h5kit", "rawc", 1.5, False)
    for w in ("attrs_create", "attrs_read", "groups_create"):
        target("%s ≥ 10x faster than h5py, libver latest (h5py/h5kit ≥ 10)" % w, w, "h5py", "h5kit", 10, True)
    for w in ("attrs_create", "attrs_read", "groups_create"):
        target("%s ≥ 10x faster than h5py, default libver (h5py/h5kit ≥ 10)" % w, w, "h5py_default", "h5kit", 10,
               True)
    for w in ("model_dump", "model_load"):
        target("%s ≥ 10x faster than h5py, libver latest (h5py/h5kit ≥ 10)" % w, w, "h5py", "h5kit", 10, True)
    for w in ("model_dump", "model_load"):
        target("%s ≥ 10x faster than h5py, default libver (h5py/h5kit ≥ 10)" % w, w, "h5py_default", "h5kit", 10,
               True)
    for w in ("lazy_sum", "lazy_reduce"):
        target("%s at least 0.9x h5py's speed, load whole + numpy (h5py/h5kit ≥ 0.9)" % w, w, "h5py", "h5kit",
               0.9, True)
    target("lazy_sin at least 0.9x h5py's block loop (h5py/h5kit ≥ 0.9)", "lazy_sin", "h5py", "h5kit", 0.9, True)
    for w in LAZY_WORKLOADS:
        peak = rss.get((w, "h5kit"))
        if peak is None:
            continue
        ok = peak[0] < 96 * 1024
        verdicts.append(("%s h5kit peak RSS < 96 MiB" % w, "met" if ok else "**MISSED**"))
        raw = rss.get((w, "rawc"))
        out.append("| %s h5kit peak RSS < 96 MiB | %.0f MiB | — | %s | %s |" % (
            w, peak[0] / 1024, "met" if ok else "**MISSED**", "%.0f MiB" % (raw[0] / 1024) if raw else "—"))
    out.append("")

    # Noise
    out.append("## Spread\n")
    out.append("Minimum, mean and coefficient of variation (stdev/mean) of each series. A CV of several percent "
               "means a ratio near a 3% limit cannot be called either way from this run alone.\n")
    out.append("| workload | implementation | reps | min | median | mean | CV |\n|---|---|---:|---:|---:|---:|---:|")
    for w in ALL_WORKLOADS:
        for impl in IMPLS:
            s = data.get((w, impl))
            if s is None or not s.ok:
                continue
            div = s.ops if ALL_WORKLOADS[w][1] == "read" else 1
            out.append("| %s | %s | %d | %s | %s | %s | %.1f%% |" % (
                w, IMPL_TITLES[impl], len(s.times), fmt_time(s.min() / div), fmt_time(s.median() / div),
                fmt_time(s.mean() / div), 100 * s.cv()))
    out.append("")

    # CPU time
    out.append("## CPU time\n")
    out.append("Median CPU time of the process (user + system) over the same repetitions. Other work on the machine "
               "inflates wall-clock times but hardly CPU times, so when the two tables disagree, the machine was "
               "busy; the wall-clock table above is the one the targets are judged on.\n")
    out.append("| workload | h5kit | raw C | h5py | h5kit/raw C | h5py/h5kit |\n|---|---:|---:|---:|---:|---:|")

    def cpu(w, impl):
        s_ = get(w, impl)
        return s_.cpu_median() if s_ is not None else None

    for w in ALL_WORKLOADS:
        if not any((w, i) in data for i in IMPLS):
            continue
        div = data[next(k for k in data if k[0] == w)].ops if ALL_WORKLOADS[w][1] == "read" else 1
        k, r, p = cpu(w, "h5kit"), cpu(w, "rawc"), cpu(w, "h5py")
        out.append("| %s | %s | %s | %s | %s | %s |" % (
            w, fmt_time(k / div) if k else "—", fmt_time(r / div) if r else "—", fmt_time(p / div) if p else "—",
            fmt_ratio(k / r if k and r else None), fmt_ratio(p / k if p and k else None)))
    out.append("")

    # Checks
    problems = []
    for (w, impl), s in sorted(data.items()):
        if not s.ok:
            problems.append("%s/%s failed: %s" % (w, impl, s.error or "no repetitions"))
    expected = {"point_read": cpp_ctx.get("expected_point_checksum"),
                "attrs_read": cpp_ctx.get("expected_attribute_checksum"),
                "gzip_read": cpp_ctx.get("expected_gzip_checksum"),
                "gzip_shuffle_read": cpp_ctx.get("expected_gzip_checksum"),
                "model_load": cpp_ctx.get("expected_station_checksum"),
                "model_load_compact": cpp_ctx.get("expected_station_checksum"),
                "scan_load_eager": cpp_ctx.get("expected_scan_checksum_eager"),
                "scan_load_lazy": cpp_ctx.get("expected_scan_checksum_lazy"),
                "lazy_sum": cpp_ctx.get("expected_lazy_checksum"),
                "lazy_reduce": cpp_ctx.get("expected_lazy_checksum")}
    for w, exp in expected.items():
        if exp is None:
            continue
        for impl in IMPLS:
            s = data.get((w, impl))
            if s is not None and s.ok and s.checksum is not None and abs(float(s.checksum) - float(exp)) > 0.5:
                problems.append("%s/%s read checksum %s, expected %s" % (w, impl, s.checksum, exp))
    out.append("## Checks\n")
    if problems:
        out.extend("- **%s**" % p for p in problems)
    else:
        out.append("- Every implementation read back the same values (checksums of workloads 3, 4b, 6b, 6d, 7b, 7e, 8a, "
                   "8b, 9a and 9b match the "
                   "expected sums; bulk reads are checked on a sample of positions).")
    out.append("")

    text = "\n".join(out) + "\n" + separate_runs(args.out)
    with open(args.out, "w") as f:
        f.write(text)

    # Console summary: the main table and the verdicts.
    print("\n".join(main_table))
    print()
    if len(model_table) > 2:
        print("\n".join(model_table))
        print()
    if len(lazy_table) > 2:
        print("\n".join(lazy_table))
        print()
    for label, verdict in verdicts:
        print("  %-75s %s" % (label, verdict))
    for p in problems:
        print("  PROBLEM: " + p)
    print("\nwritten to %s" % args.out)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""The h5kit benchmark workloads written in h5py, for bench/run.sh.

Run with Debian's /usr/bin/python3 (python3-h5py + python3-numpy). Writes JSON to stdout or --out:

    {"context": {...}, "benchmarks": [{"workload": "bulk_write", "implementation": "h5py",
      "times_s": [...wall-clock time of each repetition...], "cpu_times_s": [...process CPU time...],
      "ops": 1, "checksum": 0}, ...]}

Implementations: "h5py" opens every file with libver="latest" (h5kit's default, so the comparison is
like for like); "h5py_default" leaves libver at h5py's default (HDF5's earliest format), which is what
most h5py users get. The parameters repeat bench/workloads.h; report.py checks the checksums, so a drift
between the two copies shows up in the report.
"""
import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time

import h5py
import numpy as np

# --- parameters (keep equal to bench/workloads.h) ---
BULK_ELEMENTS = 256 * 1024 * 1024 // 8
POINT_DATASET_ELEMENTS = 1_000_000
POINT_READS = 100_000
POINT_SEED = 0x6835B17E5EED
ATTRIBUTES = 10_000
GROUPS = 5_000
GZIP_ELEMENTS = 256 * 1024 * 1024 // 4
GZIP_CHUNK = 262144
GZIP_LEVEL = 4
GZIP_SEED = 0x9A1B5C0FFEE
MODEL_STATIONS = 1000
MODEL_FIELDS = 10
MODEL_LIST_NAME = "stations"
SCAN_IMAGES = 64
SCAN_ROWS = 512
SCAN_COLUMNS = 1024
SCAN_LIST_NAME = "images"
SCAN_TEMPERATURE = 293.5
SCAN_FRAMES = 64
LAZY_ROWS = 16384
LAZY_COLUMNS = 16384
LAZY_CHUNKS = (64, 2048)
LAZY_BLOCK_ROWS = 256
LAZY_PERIOD = 4096
LAZY_OUTPUT_NAME = "sin"
DATASET_NAME = "data"
ATTR_GROUP_NAME = "attrs"

MASK64 = (1 << 64) - 1


def now():
    """(wall clock, CPU time of this process): Google Benchmark reports both as well."""
    return time.perf_counter(), time.process_time()


def span(t0, t1):
    return t1[0] - t0[0], t1[1] - t0[1]


def splitmix64_positions(seed, count, modulus):
    """The same positions as bench_splitmix64() in workloads.h."""
    state = seed
    out = []
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        z ^= z >> 31
        out.append(z % modulus)
    return out


def gzip_values(start, count):
    """bench_gzip_value(i) of workloads.h for i in [start, start + count), vectorised (uint64 wraps like C)."""
    i = np.arange(start, start + count, dtype=np.uint64)
    z = np.uint64(GZIP_SEED) + (i + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
    z ^= z >> np.uint64(30)
    z *= np.uint64(0xBF58476D1CE4E5B9)
    z ^= z >> np.uint64(27)
    z *= np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    noise = (z >> np.uint64(60)).astype(np.int64) - 8
    phase = (i % np.uint64(65536)).astype(np.int64)
    h = phase % 32768
    arch = (h * (32768 - h)) >> 12
    steps = np.where(phase < 32768, arch, -arch) + noise
    return steps.astype(np.float32) / np.float32(64)


def make_gzip_data():
    out = np.empty(GZIP_ELEMENTS, dtype=np.float32)
    step = 1 << 22
    for start in range(0, GZIP_ELEMENTS, step):
        out[start:start + step] = gzip_values(start, min(step, GZIP_ELEMENTS - start))
    return out


class Inputs:
    """Everything made before any timed region."""

    def __init__(self):
        self.bulk = np.arange(BULK_ELEMENTS, dtype=np.float64) * 0.5
        self.point_data = np.arange(POINT_DATASET_ELEMENTS, dtype=np.float64)
        self.positions = splitmix64_positions(POINT_SEED, POINT_READS, POINT_DATASET_ELEMENTS)
        self.attr_names = ["attr_%05d" % i for i in range(ATTRIBUTES)]
        self.group_names = ["g_%05d" % i for i in range(GROUPS)]
        self._gzip = None
        # 7: the stations as a scientist holds them: a list of dicts of floats.
        self.field_names = ["f%d" % j for j in range(MODEL_FIELDS)]
        self.stations = [{name: (i * MODEL_FIELDS + j) * 0.5 for j, name in enumerate(self.field_names)}
                         for i in range(MODEL_STATIONS)]

    @property
    def gzip(self):
        """Made on first use (a few seconds): only when a gzip workload runs."""
        if self._gzip is None:
            self._gzip = make_gzip_data()
        return self._gzip


def lazy_expected():
    """(sum, mean, std) of the lazy workloads' input: bench_lazy_expected() of workloads.h."""
    n, p = LAZY_ROWS * LAZY_COLUMNS, LAZY_PERIOD
    mean = 0.25 * (p - 1) / 2
    return mean * n, mean, 0.25 * ((p * p - 1) / 12) ** 0.5


def check_lazy(total, mean=None, std=None):
    e_sum, e_mean, e_std = lazy_expected()
    if total != e_sum:
        raise RuntimeError("h5py: sum %r, expected %r" % (total, e_sum))
    for got, want in ((mean, e_mean), (std, e_std)):
        if got is not None and abs(got - want) > 1e-9 * max(1.0, abs(want)):
            raise RuntimeError("h5py: mean/std %r/%r, expected %r/%r" % (mean, std, e_mean, e_std))


def make_lazy_input(path, libver):
    """The lazy workloads' input (as rawc_lazy_make_input), when run.sh did not make one."""
    with h5py.File(path, "w", libver=libver) as f:
        ds = f.create_dataset(DATASET_NAME, shape=(LAZY_ROWS, LAZY_COLUMNS), dtype=np.float64, chunks=LAZY_CHUNKS)
        for r in range(0, LAZY_ROWS, LAZY_BLOCK_ROWS):
            i = np.arange(r * LAZY_COLUMNS, (r + LAZY_BLOCK_ROWS) * LAZY_COLUMNS, dtype=np.int64)
            ds[r:r + LAZY_BLOCK_ROWS] = ((i % LAZY_PERIOD) * 0.25).reshape(LAZY_BLOCK_ROWS, LAZY_COLUMNS)


def looks_like_gzip_data(a, inputs):
    n = GZIP_ELEMENTS
    if a.shape != (n,) or a.dtype != np.float32:
        return False
    return bool(np.array_equal(a[0:n:4093], inputs.gzip[0:n:4093])) and a[n - 1] == inputs.gzip[n - 1]


def gzip_checksum(a):
    """Sum of every 4093rd value read, in float64: compared with the C++ side's (report.py), so the data
    of the three implementations is known to be the same, bit for bit on the sample."""
    return float(np.sum(a[0:GZIP_ELEMENTS:4093], dtype=np.float64))


def looks_like_bulk(a):
    n = BULK_ELEMENTS
    if a.shape != (n,):
        return False
    idx = np.arange(0, n, 4093)
    return bool(np.array_equal(a[idx], idx * 0.5)) and a[n - 1] == (n - 1) * 0.5


def scan_image(k):
    """bench_image_value(k, e) of workloads.h for the whole image k."""
    row = np.arange(SCAN_COLUMNS, dtype=np.float32) + np.float32(k)
    return np.broadcast_to(row, (SCAN_ROWS, SCAN_COLUMNS))


class Workloads:
    """One implementation (a libver setting). Each method returns ((wall s, CPU s), ops, checksum)."""

    def __init__(self, name, libver, inputs, scratch):
        self.name = name
        self.libver = libver
        self.inp = inputs
        self.scratch = scratch
        self._files = {}

    def path(self, stem):
        return os.path.join(self.scratch, "%s_%s.h5" % (self.name, stem))

    def open(self, path, mode):
        return h5py.File(path, mode, libver=self.libver)

    def write_dataset(self, path, data):
        with self.open(path, "w") as f:
            f.create_dataset(DATASET_NAME, data=data)

    def write_gzip(self, path, data, shuffle):
        with self.open(path, "w") as f:
            f.create_dataset(DATASET_NAME, data=data, chunks=(GZIP_CHUNK,), compression="gzip",
                             compression_opts=GZIP_LEVEL, shuffle=shuffle)

    def create_attributes(self, path):
        with self.open(path, "w") as f:
            attrs = f.create_group(ATTR_GROUP_NAME).attrs
            for i, name in enumerate(self.inp.attr_names):
                attrs[name] = i

    def file_once(self, stem, make):
        """A read-only input file, written once (outside timing) and reused by every repetition."""
        if stem not in self._files:
            path = self.path(stem)
            make(path)
            self._files[stem] = path
        return self._files[stem]

    # Each bulk workload first runs once untimed (warm-up): see the note in bench/bench_common.hpp on
    # this VM handing idle memory back to the hypervisor.

    # 1. the 256 MiB dataset written whole (file created and closed inside the timed region)
    def bulk_write(self):
        path = self.path("bulk_write")
        self.write_dataset(path, self.inp.bulk)  # warm-up
        os.remove(path)
        t0 = now()
        self.write_dataset(path, self.inp.bulk)
        t1 = now()
        os.remove(path)
        return span(t0, t1), 1, 0

    def bulk_path(self):
        return self.file_once("bulk_read", lambda p: self.write_dataset(p, self.inp.bulk))

    # 2. read back whole into a buffer allocated beforehand
    def bulk_read(self):
        path = self.bulk_path()
        buffer = np.full(BULK_ELEMENTS, -1.0)
        with self.open(path, "r") as f:  # warm-up
            f[DATASET_NAME].read_direct(buffer)
        buffer.fill(-1.0)
        t0 = now()
        with self.open(path, "r") as f:
            f[DATASET_NAME].read_direct(buffer)
        t1 = now()
        if not looks_like_bulk(buffer):
            raise RuntimeError("h5py: wrong data read back")
        return span(t0, t1), 1, 0

    # 2b. read back whole into a new array (ds[()])
    def read_new_array(self, path):
        with self.open(path, "r") as f:
            values = f[DATASET_NAME][()]
        ok = looks_like_bulk(values)
        del values
        return ok

    def bulk_read_alloc(self):
        path = self.bulk_path()
        ok = self.read_new_array(path)  # warm-up
        t0 = now()
        ok = self.read_new_array(path) and ok
        t1 = now()
        if not ok:
            raise RuntimeError("h5py: wrong data read back")
        return span(t0, t1), 1, 0

    # 3. single-element reads at random positions: ds[i]
    def point_read(self):
        path = self.file_once("point", lambda p: self.write_dataset(p, self.inp.point_data))
        positions = self.inp.positions
        with self.open(path, "r") as f:
            ds = f[DATASET_NAME]
            total = 0.0
            t0 = now()
            for i in positions:
                total += ds[i]
            t1 = now()
        return span(t0, t1), len(positions), float(total)

    # 4a. 10,000 int64 scalar attributes on one group (file created and closed inside the timed region)
    def attrs_create(self):
        path = self.path("attrs_create")
        if os.path.exists(path):
            os.remove(path)
        t0 = now()
        self.create_attributes(path)
        t1 = now()
        os.remove(path)
        return span(t0, t1), ATTRIBUTES, 0

    # 4b. all of them read back by name (file opened and closed inside the timed region)
    def attrs_read(self):
        path = self.file_once("attrs_read", self.create_attributes)
        names = self.inp.attr_names
        t0 = now()
        with self.open(path, "r") as f:
            attrs = f[ATTR_GROUP_NAME].attrs
            total = 0
            for name in names:
                total += attrs[name]
        t1 = now()
        return span(t0, t1), len(names), float(total)

    # 5. 5,000 groups under the root with attributes "index" (int64) and "value" (float64)
    def groups_create(self):
        path = self.path("groups")
        if os.path.exists(path):
            os.remove(path)
        t0 = now()
        with self.open(path, "w") as f:
            for i, name in enumerate(self.inp.group_names):
                g = f.create_group(name)
                g.attrs["index"] = i
                g.attrs["value"] = i * 0.5
        t1 = now()
        os.remove(path)
        return span(t0, t1), GROUPS, 0

    # 7. Typed models, the way a scientist writes them in h5py: a group per station, one attribute per field,
    # read back into a list of dicts of floats.
    def write_stations(self, path):
        with self.open(path, "w") as f:
            stations = f.create_group(MODEL_LIST_NAME)
            for i, station in enumerate(self.inp.stations):
                g = stations.create_group(str(i))
                for name, value in station.items():
                    g.attrs[name] = value

    def model_dump(self):
        path = self.path("model_dump")
        if os.path.exists(path):
            os.remove(path)
        t0 = now()
        self.write_stations(path)
        t1 = now()
        os.remove(path)
        return span(t0, t1), MODEL_STATIONS * MODEL_FIELDS, 0

    def model_load(self):
        path = self.file_once("model_load", self.write_stations)
        t0 = now()
        with self.open(path, "r") as f:
            group = f[MODEL_LIST_NAME]
            stations = [dict(group[str(i)].attrs) for i in range(len(group))]
        t1 = now()
        total = float(sum(sum(s.values()) for s in stations))
        return span(t0, t1), MODEL_STATIONS * MODEL_FIELDS, total

    # 8. 64 float32 images of 2 MiB with an attribute each, plus two root attributes.
    def write_scan(self, path):
        with self.open(path, "w") as f:
            f.attrs["temperature"] = SCAN_TEMPERATURE
            f.attrs["frames"] = np.int64(SCAN_FRAMES)
            images = f.create_group(SCAN_LIST_NAME)
            for k in range(SCAN_IMAGES):
                ds = images.create_dataset(str(k), data=scan_image(k), dtype=np.float32)
                ds.attrs["exposure"] = (k + 1) * 0.5

    def scan_read(self, path, read_values):
        """Eager: every image into a new array (ds[()]). Lazy: what opening the file and looking costs in
        h5py: the attributes and each image's shape, values left in the file. Returns the checksum of
        rawc_scan_load() (workloads.h); everything read is dropped before returning, as in C."""
        with self.open(path, "r") as f:
            scan = {"temperature": f.attrs["temperature"], "frames": f.attrs["frames"], "images": []}
            images = f[SCAN_LIST_NAME]
            for k in range(len(images)):
                ds = images[str(k)]
                image = {"exposure": ds.attrs["exposure"], "shape": ds.shape}
                if read_values:
                    image["values"] = ds[()]
                scan["images"].append(image)
        total = float(scan["temperature"]) + float(scan["frames"])
        for image in scan["images"]:
            total += float(image["exposure"]) + image["shape"][0] * image["shape"][1]
            if read_values:
                total += float(image["values"][-1, -1])
        del scan
        return total

    def scan_load_with(self, read_values):
        path = self.file_once("scan", self.write_scan)
        self.scan_read(path, read_values)  # warm-up
        t0 = now()
        total = self.scan_read(path, read_values)
        t1 = now()
        return span(t0, t1), SCAN_IMAGES, total

    def scan_load_eager(self):
        return self.scan_load_with(True)

    def scan_load_lazy(self):
        return self.scan_load_with(False)

    # 6a/6c. 256 MiB float32 in 1 MiB chunks, gzip 4 (6c: shuffle first), written whole. No warm-up write:
    # compression takes seconds (see bench_rawc.cpp).
    def gzip_write_with(self, shuffle):
        path = self.path("gzip_shuffle_write" if shuffle else "gzip_write")
        if os.path.exists(path):
            os.remove(path)
        t0 = now()
        self.write_gzip(path, self.inp.gzip, shuffle)
        t1 = now()
        os.remove(path)
        return span(t0, t1), 1, 0

    # 6b/6d. read back whole into a buffer allocated beforehand
    def gzip_read_with(self, shuffle):
        stem = "gzip_shuffle_read" if shuffle else "gzip_read"
        path = self.file_once(stem, lambda p: self.write_gzip(p, self.inp.gzip, shuffle))
        buffer = np.full(GZIP_ELEMENTS, -1.0, dtype=np.float32)
        with self.open(path, "r") as f:  # warm-up
            f[DATASET_NAME].read_direct(buffer)
        buffer.fill(-1.0)
        t0 = now()
        with self.open(path, "r") as f:
            f[DATASET_NAME].read_direct(buffer)
        t1 = now()
        if not looks_like_gzip_data(buffer, self.inp):
            raise RuntimeError("h5py: wrong data read back")
        return span(t0, t1), 1, gzip_checksum(buffer)

    def gzip_write(self):
        return self.gzip_write_with(False)

    # 9, 10. The lazy workloads' 2 GiB input, made once: by run.sh ($H5KIT_BENCH_LAZY_INPUT) or here.
    def lazy_input(self):
        given = os.environ.get("H5KIT_BENCH_LAZY_INPUT")
        if given:
            return given
        return self.file_once("lazy_input", lambda p: make_lazy_input(p, self.libver))

    # 9a/9b. What an h5py user does when the array fits in memory: load it whole, then numpy.
    def lazy_reduce_once(self, moments):
        with self.open(self.lazy_input(), "r") as f:
            a = f[DATASET_NAME][()]
        if not moments:
            return (a.sum(),)
        return a.sum(), a.mean(), a.std()

    # 10. sin into a new dataset, block by block (the same blocks as raw C and h5kit's plan).
    def lazy_sin_once(self, out_path):
        with self.open(self.lazy_input(), "r") as fin, self.open(out_path, "w") as fout:
            src = fin[DATASET_NAME]
            dst = fout.create_dataset(LAZY_OUTPUT_NAME, shape=src.shape, dtype=np.float64, chunks=LAZY_CHUNKS)
            for r in range(0, LAZY_ROWS, LAZY_BLOCK_ROWS):
                block = src[r:r + LAZY_BLOCK_ROWS]
                np.sin(block, out=block)
                dst[r:r + LAZY_BLOCK_ROWS] = block

    def check_lazy_sin(self, out_path):
        with self.open(out_path, "r") as f:
            ds = f[LAZY_OUTPUT_NAME]
            for r in (0, LAZY_ROWS - 1):
                i = np.arange(r * LAZY_COLUMNS, (r + 1) * LAZY_COLUMNS, dtype=np.int64)
                if not np.allclose(ds[r], np.sin((i % LAZY_PERIOD) * 0.25), rtol=0, atol=1e-12):
                    raise RuntimeError("h5py: sin: wrong values written")

    def lazy_reduce_with(self, moments):
        self.lazy_input()  # made (if at all) outside the timed region
        self.lazy_reduce_once(moments)  # warm-up
        t0 = now()
        result = self.lazy_reduce_once(moments)
        t1 = now()
        check_lazy(*result)
        return span(t0, t1), 1, float(result[0])

    def lazy_sum(self):
        return self.lazy_reduce_with(False)

    def lazy_reduce(self):
        return self.lazy_reduce_with(True)

    def lazy_sin(self):
        self.lazy_input()
        out_path = self.path("lazy_sin")
        self.lazy_sin_once(out_path)  # warm-up
        os.remove(out_path)
        t0 = now()
        self.lazy_sin_once(out_path)
        t1 = now()
        self.check_lazy_sin(out_path)
        os.remove(out_path)
        return span(t0, t1), 1, 0

    def gzip_read(self):
        return self.gzip_read_with(False)

    def gzip_shuffle_write(self):
        return self.gzip_write_with(True)

    def gzip_shuffle_read(self):
        return self.gzip_read_with(True)


WORKLOADS = ["bulk_write", "bulk_read", "bulk_read_alloc", "point_read", "attrs_create", "attrs_read",
             "groups_create", "gzip_write", "gzip_read", "gzip_shuffle_write", "gzip_shuffle_read",
             "model_dump", "model_load", "scan_load_eager", "scan_load_lazy", "lazy_sum", "lazy_reduce", "lazy_sin"]
# Compressing 256 MiB takes seconds: fewer repetitions, and not in the default-libver column (the data
# path -- deflate -- is the same; only the chunk index format differs).
GZIP_WORKLOADS = {"gzip_write", "gzip_read", "gzip_shuffle_write", "gzip_shuffle_read"}
# A pass over 2 GiB takes seconds: fewer repetitions, and no default-libver column either.
LAZY_WORKLOADS = {"lazy_sum", "lazy_reduce", "lazy_sin"}


def run_once(workload, scratch):
    """--once: one lazy workload in this fresh process; prints its peak RSS (what h5kit_bench --lazy-once does)."""
    import resource
    impl = Workloads("h5py", "latest", None, scratch)
    with open("/proc/self/status") as f:
        start_kib = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    if workload in ("lazy_sum", "lazy_reduce"):
        check_lazy(*impl.lazy_reduce_once(workload == "lazy_reduce"))
    elif workload == "lazy_sin":
        out_path = impl.path("lazy_sin_once")
        impl.lazy_sin_once(out_path)
        impl.check_lazy_sin(out_path)
        os.remove(out_path)
    else:
        raise SystemExit("h5py_bench.py --once: unknown workload %r" % workload)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"workload": workload, "implementation": "h5py", "peak_rss_kib": peak_kib,
                      "start_rss_kib": start_kib}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repetitions", type=int, default=7, help="repetitions per workload (libver='latest')")
    parser.add_argument("--default-libver-repetitions", type=int, default=3,
                        help="repetitions per workload for h5py's default libver (0 to skip that column)")
    parser.add_argument("--gzip-repetitions", type=int, default=0,
                        help="repetitions of the gzip workloads (0: as --repetitions)")
    parser.add_argument("--lazy-repetitions", type=int, default=0,
                        help="repetitions of the lazy workloads (0: as --repetitions)")
    parser.add_argument("--once", metavar="WORKLOAD",
                        help="run one lazy workload once and print this process's peak RSS as JSON")
    parser.add_argument("--filter", default="",
                        help="only workloads whose name matches this regular expression (re.search), as "
                             "--benchmark_filter does for the C++ side")
    parser.add_argument("--out", default="-", help="JSON output file ('-' for stdout)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the order the repetitions are interleaved in")
    args = parser.parse_args()

    load_at_start = os.getloadavg()
    base = os.environ.get("H5KIT_BENCH_TMPDIR") or None
    scratch = tempfile.mkdtemp(prefix="h5kit-bench-py-", dir=base)
    if args.once:
        try:
            run_once(args.once, scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return
    try:
        inputs = Inputs()
        impls = [(Workloads("h5py", "latest", inputs, scratch), args.repetitions)]
        if args.default_libver_repetitions > 0:
            impls.append((Workloads("h5py_default", None, inputs, scratch), args.default_libver_repetitions))
        workloads = [w for w in WORKLOADS if re.search(args.filter, w)]

        # Every (implementation, workload, repetition) once, in a shuffled order, so that machine noise
        # falls on all of them alike (as --benchmark_enable_random_interleaving does for the C++ side).
        def reps_of(impl, reps, w):
            if w not in GZIP_WORKLOADS and w not in LAZY_WORKLOADS:
                return reps
            if impl.libver is None:
                return 0
            if w in LAZY_WORKLOADS:
                return args.lazy_repetitions or reps
            return args.gzip_repetitions or reps

        runs = [(impl, w) for impl, reps in impls for w in workloads for _ in range(reps_of(impl, reps, w))]
        random.Random(args.seed).shuffle(runs)
        results = {}
        for impl, w in runs:
            (seconds, cpu_seconds), ops, checksum = getattr(impl, w)()
            entry = results.setdefault((impl.name, w), {"workload": w, "implementation": impl.name,
                                                        "libver": impl.libver or "default", "times_s": [],
                                                        "cpu_times_s": [], "ops": ops, "checksum": checksum})
            entry["times_s"].append(seconds)
            entry["cpu_times_s"].append(cpu_seconds)
            print("%-16s %-14s %10.3f ms" % (w, impl.name, seconds * 1e3), file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    doc = {
        "context": {
            "python": sys.version.split()[0],
            "h5py_version": h5py.version.version,
            "numpy_version": np.__version__,
            "hdf5_version": h5py.version.hdf5_version,
            "load_avg": list(load_at_start),
        },
        "benchmarks": [results[k] for k in sorted(results)],
    }
    text = json.dumps(doc, indent=1)
    if args.out == "-":
        print(text)
    else:
        with open(args.out, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Mutation campaign: damaged HDF5 files through h5kit dump / tree / check and h5dump.

Run with /usr/bin/python3 (h5py and numpy live there):

    /usr/bin/python3 bench/mutation_campaign.py --seed 1 --seconds 600 \
        --json /tmp/campaign.json --keep /tmp/crashers

It writes a small, varied corpus with h5py (the project's interop peer) into a temporary
directory, then makes mutants of it (bit flips, runs of 0x00 / 0xff, truncation, small integer
fields bumped, one chunk's bytes copied over another, a byte range copied elsewhere) and runs each
mutant through every tool, each under a time limit and an address-space limit. Mutant i of seed S
is always the same bytes (its generator is seeded with "S:i"), so `--seed S --only i` remakes it.

Every run is classified:
  ok                  status 0
  wrong output        h5kit dump, status 0, but a value, shape, attribute set or member set differs
                      from what h5py reads from the same mutant
  ok, h5py can't read h5kit dump, status 0, but h5py cannot open the mutant or fails on an item the
                      dump printed (not counted as wrong)
  damage reported     h5kit check, status 1 with its list of problems
  error, clean        non-zero status, every stderr line is one `h5kit:` line (`h5dump error:` for
                      h5dump); "one line" counts those with exactly one
  error, other        non-zero status with anything else on stderr (or nothing)
  crash               ended by a signal (or an AddressSanitizer report); where: libhdf5 or h5kit,
                      from ASan's stack or, for other builds, from a gdb backtrace (--backtraces)
  hang                killed at the time limit
The isolated h5kit commands (the default) turn a crash of their reading child into one `h5kit:`
line; those are counted as clean errors and also in "child crashed" (signal in the message).
"""
import argparse
import hashlib
import json
import os
import random
import re
import resource
import select
import shutil
import signal
import struct
import subprocess
import tempfile
import time

# ---------------------------------------------------------------------------------------------
# The corpus: a few KB per file, covering the structures a reader must parse.


def write_corpus(directory):
    """Writes the corpus with h5py; returns [(name, path, chunks)] where chunks lists the
    (byte_offset, size) of every stored chunk (for the chunk-duplication mutation)."""
    import h5py
    import numpy as np

    rng = np.random.default_rng(12345)
    files = []

    def add(name, build, **kw):
        path = os.path.join(directory, name + ".h5")
        with h5py.File(path, "w", **kw) as f:
            build(f)
        chunks = []
        with h5py.File(path, "r") as f:
            def collect(_, obj):
                if isinstance(obj, h5py.Dataset) and obj.chunks is not None:
                    try:
                        for i in range(obj.id.get_num_chunks()):
                            info = obj.id.get_chunk_info(i)
                            chunks.append((int(info.byte_offset), int(info.size)))
                    except Exception:
                        pass
            f.visititems(collect)
        files.append((name, path, chunks))

    def groups_attrs(f):
        f.attrs["int32"] = np.int32(-7)
        f.attrs["uint64"] = np.uint64(2**63 + 5)
        f.attrs["float64"] = 2.5
        f.attrs["float32s"] = np.array([0.1, 1e-30, -3.5], dtype="f4")
        f.attrs["vlen_str"] = "température"
        f.attrs["fixed_str"] = np.bytes_(b"fixed-ascii")
        f.attrs["bool"] = np.bool_(True)
        f.attrs["matrix"] = np.arange(6, dtype="i2").reshape(2, 3)
        f.attrs["strings"] = np.array(["a", "bc", "déf"], dtype=h5py.string_dtype())
        f.attrs["empty"] = h5py.Empty("f8")
        g = f.create_group("entry/instrument/detector")
        g.attrs["units"] = "mm"
        g.attrs["distance"] = np.float32(247.0)
        f["entry"].attrs["NX_class"] = np.bytes_(b"NXentry")
        f.create_group("entry/sample").attrs["temperature"] = np.arange(3.0)
        f["entry/sample/name"] = np.bytes_(b"silicon")
        f["entry/data"] = np.arange(12, dtype="<i4").reshape(3, 4)

    def chunked(f):
        f.create_dataset("gzip", data=np.arange(600, dtype="i4").reshape(30, 20), chunks=(5, 10),
                         compression="gzip", compression_opts=4)
        f.create_dataset("shuffle", data=rng.normal(size=(16, 16)).astype("f4"), chunks=(4, 8),
                         compression="gzip", shuffle=True)
        f.create_dataset("fletcher", data=np.arange(100, dtype="u2"), chunks=(25,), fletcher32=True)
        f.create_dataset("plain_chunks", data=np.linspace(0, 1, 64), chunks=(16,))
        ds = f.create_dataset("partial", shape=(40,), dtype="i8", chunks=(8,), fillvalue=-1)
        ds[3:13] = np.arange(10)
        f.create_dataset("growing", data=np.arange(30, dtype="f8").reshape(10, 3), chunks=(4, 3),
                         maxshape=(None, 3))

    def compound(f):
        point = np.dtype([("x", "f4"), ("y", "f4")])
        rec = np.dtype([("id", "<i4"), ("pos", point), ("name", "S6"), ("flags", "u1", (3,)),
                        ("value", "<f8")])
        data = np.zeros(6, dtype=rec)
        for i in range(6):
            data[i] = (i, (i * 0.5, -i), b"n%d" % i, (i, i + 1, i + 2), i * 1.25)
        f["records"] = data
        color = h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": 2}, basetype="u1")
        f.create_dataset("colors", data=np.array([0, 2, 1, 2], dtype="u1"), dtype=color)
        f["complex"] = np.array([1 + 2j, -3.5 - 0.25j], dtype="c16")
        f["complex64"] = np.array([1.5 + 0.5j], dtype="c8")
        f["bools"] = np.array([True, False, True])
        f["be_ints"] = np.arange(5, dtype=">i8")
        f["f16"] = np.array([0.5, 1.5, -2.0], dtype="f2")

    def strings(f):
        f.create_dataset("vlen_utf8", data=["alpha", "béta", "", "γάμμα"], dtype=h5py.string_dtype())
        f.create_dataset("vlen_ascii", data=[b"one", b"two", b"three"],
                         dtype=h5py.string_dtype("ascii"))
        f["fixed"] = np.array([b"abc", b"de", b"fghij"], dtype="S5")
        seq = f.create_dataset("ragged", (3,), dtype=h5py.vlen_dtype("i4"))
        seq[0] = [1, 2, 3]
        seq[1] = []
        seq[2] = [7]
        f["scalar_str"] = "just one string"
        f.create_dataset("chunked_str", data=["x%d" % i for i in range(20)], dtype=h5py.string_dtype(),
                         chunks=(5,), compression="gzip")

    def references(f):
        f["target"] = np.arange(10, dtype="i2")
        f.create_group("grp").attrs["k"] = 1
        r = f.create_dataset("refs", (3,), dtype=h5py.ref_dtype)
        r[0] = f["target"].ref
        r[1] = f["grp"].ref
        f["one_ref"] = f["grp"].ref
        rr = f.create_dataset("regions", (1,), dtype=h5py.regionref_dtype)
        rr[0] = f["target"].regionref[2:5]
        f["grp"].attrs["points_to"] = f["target"].ref
        f["soft"] = h5py.SoftLink("/target")
        f["dangling"] = h5py.SoftLink("/nowhere")
        f["external"] = h5py.ExternalLink("other.h5", "/x")
        f["grp/hard"] = f["target"]
        f["grp/up"] = f["grp"]  # a hard link back to an ancestor

    def layouts(f):
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_layout(h5py.h5d.COMPACT)
        space = h5py.h5s.create_simple((8,))
        dsid = h5py.h5d.create(f.id, b"compact", h5py.h5t.NATIVE_INT16, space, dcpl=dcpl)
        dsid.write(h5py.h5s.ALL, h5py.h5s.ALL, np.arange(8, dtype="i2"))
        f["contiguous"] = np.arange(50, dtype="f8")
        f["contiguous2d"] = np.arange(24, dtype="u1").reshape(4, 6)
        f["scalar"] = np.float64(3.25)
        f["empty"] = h5py.Empty("i4")
        f.create_dataset("zero_len", shape=(0, 3), dtype="f4")
        f.create_dataset("unwritten", shape=(20,), dtype="i4", fillvalue=42)
        f["named_type"] = np.dtype("<f8")
        f.create_dataset("uses_named", data=[1.0, 2.0], dtype=f["named_type"])

    def many_attrs(f):
        g = f.create_group("dense", track_order=True)
        for i in range(20):
            g.attrs["a%02d" % i] = np.arange(i + 1, dtype="i4")
        for i in range(12):
            f.create_group("g%02d" % i).attrs["i"] = i
        f.create_group("ordered", track_order=True)
        for name in ("z", "a", "m"):
            f["ordered"][name] = np.array([ord(name)], dtype="i4")

    builds = [("groups_attrs", groups_attrs), ("chunked", chunked), ("compound", compound),
              ("strings", strings), ("references", references), ("layouts", layouts),
              ("many_attrs", many_attrs)]
    for name, build in builds:
        add(name + "-earliest", build)
        add(name + "-latest", build, libver="latest")
    return files


# ---------------------------------------------------------------------------------------------
# Mutations. Each takes (rng, bytearray, corpus entry) and returns a short description.


def m_flip(rng, b, _):
    n = rng.randint(1, 8)
    spots = []
    for _ in range(n):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
        spots.append(i)
    return "flip@" + ",".join(map(str, spots))


def m_run(rng, b, _, value=None):
    value = rng.choice((0x00, 0xFF)) if value is None else value
    n = min(len(b), rng.choice((1, 2, 4, 8, rng.randint(1, 64))))
    i = rng.randrange(len(b) - n + 1)
    b[i:i + n] = bytes([value]) * n
    return "run%02x@%d+%d" % (value, i, n)


def m_truncate(rng, b, _):
    n = rng.randrange(len(b))
    del b[n:]
    return "truncate@%d" % n


def m_bump(rng, b, _):
    width = rng.choice((1, 2, 4, 8))
    fmt = {1: "<B", 2: "<H", 4: "<I", 8: "<Q"}[width]
    # Prefer a spot holding a small non-zero integer: a size, a count, an offset, a version.
    spot = None
    for _ in range(64):
        i = rng.randrange(0, max(1, len(b) - width + 1))
        v = struct.unpack_from(fmt, b, i)[0]
        if 0 < v < 65536:
            spot = i
            break
    if spot is None:
        spot = rng.randrange(0, max(1, len(b) - width + 1))
    if spot + width > len(b):
        return "bump-none"
    v = struct.unpack_from(fmt, b, spot)[0]
    delta = rng.choice((1, -1, 2, -2, 8, 16, 256, 4096, "double", "max"))
    mask = (1 << (8 * width)) - 1
    if delta == "double":
        nv = (v * 2) & mask
    elif delta == "max":
        nv = mask
    else:
        nv = (v + delta) & mask
    struct.pack_into(fmt, b, spot, nv)
    return "bump%d@%d:%d->%d" % (width, spot, v, nv)


def m_chunk_dup(rng, b, entry):
    chunks = [c for c in entry[2] if c[0] + c[1] <= len(b)]
    if len(chunks) < 2:
        return m_copy(rng, b, entry)
    (src, ns), (dst, nd) = rng.sample(chunks, 2)
    n = min(ns, nd)
    b[dst:dst + n] = b[src:src + n]
    return "chunkdup@%d->%d+%d" % (src, dst, n)


def m_copy(rng, b, _):
    n = min(len(b) // 2 or 1, rng.choice((8, 16, 32, 64, 128, 512)))
    src = rng.randrange(len(b) - n + 1)
    dst = rng.randrange(len(b) - n + 1)
    b[dst:dst + n] = b[src:src + n]
    return "copy@%d->%d+%d" % (src, dst, n)


MUTATIONS = [("flip", m_flip, 5), ("run", m_run, 3), ("truncate", m_truncate, 1), ("bump", m_bump, 5),
             ("chunkdup", m_chunk_dup, 2), ("copy", m_copy, 2)]


def make_mutant(seed, index, corpus):
    rng = random.Random("%d:%d" % (seed, index))
    entry = corpus[rng.randrange(len(corpus))]
    with open(entry[1], "rb") as fh:
        data = bytearray(fh.read())
    kinds, notes = [], []
    rounds = 1 if rng.random() < 0.75 else rng.randint(2, 3)
    for _ in range(rounds):
        if len(data) < 2:
            break
        name, fn, _ = rng.choices(MUTATIONS, weights=[w for *_, w in MUTATIONS])[0]
        kinds.append(name)
        notes.append(fn(rng, data, entry))
    return entry[0], kinds, " ".join(notes), bytes(data)


# ---------------------------------------------------------------------------------------------
# Running a tool under limits.


def limiter(memory_bytes):
    def apply():
        os.setsid()
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if memory_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    return apply


def run_tool(argv, workdir, timeout, memory_bytes, env=None):
    """Runs argv with stdout and stderr in files; returns a dict with status, signal, timed_out,
    stdout path, stderr text, stdout size and wall time."""
    out_path = os.path.join(workdir, "stdout")
    err_path = os.path.join(workdir, "stderr")
    start = time.monotonic()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env,
                                preexec_fn=limiter(memory_bytes))
        timed_out = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the session this run started, by its id
            except ProcessLookupError:
                pass
            proc.wait()
    wall = time.monotonic() - start
    with open(err_path, "rb") as fh:
        stderr = fh.read(1 << 20).decode("utf-8", "replace")
    rc = proc.returncode
    return {"status": rc if rc >= 0 else None, "signal": -rc if rc < 0 else None, "timed_out": timed_out,
            "stdout": out_path, "stdout_size": os.path.getsize(out_path), "stderr": stderr, "wall": wall}


GLIBC_FUNCTIONS = re.compile(r"^(malloc_printerr|_int_\w+|__?libc_\w+|raise|abort|__GI_\w+|__pthread_kill\w*|"
                             r"__memcpy\w*|__memmove\w*|__memset\w*|__strlen\w*|free|malloc|realloc|calloc|"
                             r"cfree|__GI___libc_\w+)$")
SKIP_MODULES = re.compile(r"libc\.so|libstdc\+\+|libgcc|ld-linux|libasan|libubsan|libpthread|libm\.so|"
                          r"libz\.so|libsz|libaec|libdeflate|linux-vdso")


def where_from_frames(lines):
    """Reads stack frames ('#N ... in FUNC (MODULE+0x..)' from ASan, '#N ... in FUNC () from MODULE'
    or '... at FILE:LINE' from gdb) and names the first one outside the C/C++ runtimes."""
    for line in lines:
        m = re.match(r"\s*#\d+\s+(?:0x[0-9a-f]+\s+in\s+)?(\S+)(.*)", line)
        if not m:
            continue
        func, rest = m.group(1), m.group(2)
        if func.startswith(("__asan", "__interceptor", "__sanitizer")) or GLIBC_FUNCTIONS.match(func):
            continue
        if re.search(r" at \.\.?/", rest):  # glibc's sources: ./malloc/malloc.c, ../sysdeps/...
            continue
        module = None
        mm = re.search(r"from (\S+)", rest) or re.search(r"\((/[^)+]+)\+0x", rest)
        if mm:
            module = mm.group(1)
        if module and SKIP_MODULES.search(module):
            continue
        if (module and "libhdf5" in module) or func.startswith(("H5", "H5_")):
            return "libhdf5", func
        return "h5kit", func
    return "unknown", None


def asan_report(stderr):
    """For an AddressSanitizer build: (kind, where, function) of its report, or None."""
    m = re.search(r"ERROR: AddressSanitizer: (\S+)", stderr)
    if not m:
        return None
    tail = stderr[m.end():].splitlines()
    where, func = where_from_frames(tail)
    return m.group(1), where, func


def gdb_where(argv, timeout):
    """Reruns a crashing command under gdb (no address-space limit: gdb needs its own) and reads
    the backtrace."""
    cmd = ["gdb", "-q", "-batch", "-nx", "-ex", "set pagination off", "-ex", "run", "-ex", "bt 30",
           "--args"] + argv
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout,
                           preexec_fn=limiter(0))
    except subprocess.TimeoutExpired:
        return "unknown", None
    text = p.stdout.decode("utf-8", "replace")
    if "received signal" not in text:
        return "unknown", None
    return where_from_frames(text.split("received signal", 1)[1].splitlines())


# ---------------------------------------------------------------------------------------------
# h5py's view of a mutant, in a long-lived worker process (libhdf5 can crash or loop on a mutant:
# the worker is restarted then, and the mutant counts as one h5py cannot read).

WORKER = r'''
import base64, json, sys, os
import numpy as np, h5py
LIMIT = int(sys.argv[1])
SKIP = {"__skip__": True}

def name_of(s):
    b = s if isinstance(s, bytes) else s.encode("utf-8", "surrogateescape")
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return {"invalid_utf8": b.hex()}

def text(b):
    if isinstance(b, str):
        return b
    b = bytes(b)
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(b).decode()}

def f32(x):
    return float(str(np.float32(x)))

def num(x, kind, size):
    if kind == "f":
        x = float(x) if size >= 8 else f32(x)
        if x != x: return "nan"
        if x in (float("inf"), float("-inf")): return "inf" if x > 0 else "-inf"
        return x
    return int(x)

def elem(x, dt):
    """One element of numpy dtype dt, as h5kit's dump writes it."""
    if dt.names:
        return {n: elem(x[n], dt.fields[n][0]) for n in dt.names}
    if dt.subdtype is not None:
        base, shape = dt.subdtype
        return nest(np.asarray(x), base)
    enum = h5py.check_enum_dtype(dt)
    if dt.kind == "b":
        return bool(x)
    if enum is not None:
        names = {v: text(k) for k, v in enum.items()}
        return names.get(int(x), int(x))
    if h5py.check_ref_dtype(dt) is not None:
        return SKIP
    vlen = h5py.check_vlen_dtype(dt)
    if h5py.check_string_dtype(dt) is not None or dt.kind == "S":
        return text(x)
    if vlen is not None:
        return [elem(v, np.dtype(vlen)) for v in x]
    if dt.kind in "iu":
        return int(x)
    if dt.kind == "f":
        return num(x, "f", dt.itemsize)
    if dt.kind == "c":
        half = dt.itemsize // 2
        return [num(x.real, "f", half), num(x.imag, "f", half)]
    return SKIP

def nest(a, dt):
    if a.ndim == 0:
        return elem(a[()], dt)
    if a.ndim == 1:
        return [elem(a[i], dt) for i in range(a.shape[0])]
    return [nest(a[i], dt) for i in range(a.shape[0])]

def value(v, dt, shape):
    if isinstance(v, h5py.Empty):
        return None
    a = np.asarray(v, dtype=object) if dt.kind == "O" else np.asarray(v)
    if shape == () and a.ndim == 0:
        return elem(a[()], dt)
    return nest(a, dt)

def attrs(obj):
    try:
        names = list(obj.attrs.keys())
    except Exception as e:
        return {"error": repr(e)[:200]}
    out = {}
    for n in names:
        try:
            a = obj.attrs.get_id(n)
            dt, shape = a.dtype, a.shape
            v = obj.attrs[n]
            out[json.dumps(name_of(n))] = value(v, dt, shape if shape is not None else ())
        except Exception as e:
            out[json.dumps(name_of(n))] = {"error": repr(e)[:200]}
    return {"names": sorted(out), "values": out}

def walk(f):
    nodes = {}
    seen = set()
    todo = [((), f)]
    while todo and len(nodes) < 3000:
        path, obj = todo.pop()
        node = {}
        nodes[json.dumps(list(path))] = node
        try:
            addr = h5py.h5o.get_info(obj.id).addr
        except Exception:
            addr = None
        if addr is not None and addr in seen:
            node["kind"] = "hard_link"
            continue
        seen.add(addr)
        node["attrs"] = attrs(obj)
        if isinstance(obj, h5py.Group):
            node["kind"] = "group"
            try:
                names = list(obj.keys())
            except Exception as e:
                node["members"] = {"error": repr(e)[:200]}
                continue
            node["members"] = sorted(json.dumps(name_of(n)) for n in names)
            for n in names:
                try:
                    link = obj.get(n, getlink=True)
                    if isinstance(link, (h5py.SoftLink, h5py.ExternalLink)):
                        nodes[json.dumps(list(path) + [name_of(n)])] = {"kind": "link"}
                        continue
                    child = obj[n]
                except Exception as e:
                    nodes[json.dumps(list(path) + [name_of(n)])] = {"error": repr(e)[:200]}
                    continue
                todo.append((path + (name_of(n),), child))
        elif isinstance(obj, h5py.Dataset):
            node["kind"] = "dataset"
            try:
                shape = obj.shape
                node["shape"] = None if shape is None else list(shape)
                if shape is not None and obj.size > LIMIT:
                    node["data"] = SKIP
                else:
                    node["data"] = value(obj[()], obj.dtype, shape)
            except Exception as e:
                node["data"] = {"error": repr(e)[:200]}
        else:
            node["kind"] = "datatype"
    return nodes

for line in sys.stdin:
    path = line.rstrip("\n")
    try:
        with h5py.File(path, "r") as f:
            out = json.dumps({"nodes": walk(f)})
    except Exception as e:
        out = json.dumps({"open_error": repr(e)[:300]})
    sys.stdout.write(out + "\n")
    sys.stdout.flush()
'''


class H5pyWorker:
    def __init__(self, workdir, timeout, memory_bytes, limit):
        self.script = os.path.join(workdir, "h5py_worker.py")
        with open(self.script, "w") as fh:
            fh.write(WORKER)
        self.timeout, self.memory, self.limit = timeout, memory_bytes, limit
        self.proc = None
        self.served = 0
        self.restarts = 0

    def start(self):
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
        self.proc = subprocess.Popen(["/usr/bin/python3", self.script, str(self.limit)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                     preexec_fn=limiter(self.memory))
        self.served = 0

    def stop(self):
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
            self.proc = None

    def read(self, path):
        """h5py's nodes for the file, or {"h5py_failed": why}."""
        if self.proc is None or self.served >= 200:  # a fresh process now and then
            self.stop()
            self.start()
        self.served += 1
        try:
            self.proc.stdin.write((path + "\n").encode())
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + self.timeout + 5  # python's start-up on top
        buf = b""
        while not buf.endswith(b"\n"):
            left = deadline - time.monotonic()
            ready = select.select([fd], [], [], max(0.0, left))[0] if left > 0 else []
            if not ready:
                self.stop()
                self.restarts += 1
                return {"h5py_failed": "hang"}
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                status = self.proc.wait()
                self.proc = None
                self.restarts += 1
                return {"h5py_failed": "crash (status %s)" % status}
            buf += chunk
        return json.loads(buf)


# ---------------------------------------------------------------------------------------------
# Comparing h5kit dump's document with h5py's view.


def h5kit_nodes(doc):
    """Flattens a dump document into {json path: node} like the worker's."""
    nodes = {}

    def visit(path, node):
        if not isinstance(node, dict):
            return
        key = json.dumps(list(path))
        nodes[key] = node
        members = node.get("members")
        if node.get("kind") == "group" and isinstance(members, dict):
            for name, child in members.items():
                visit(path + (name,), child)
    visit((), doc)
    return nodes


def same(a, b):
    """h5kit's value a against h5py's b (b may hold skip markers)."""
    if isinstance(b, dict) and b.get("__skip__"):
        return True
    if isinstance(b, bool) or isinstance(a, bool):
        return a is b or (type(a) == type(b) and a == b)
    if isinstance(b, (int, float)) and isinstance(a, (int, float)):
        return a == b
    if isinstance(b, list) and isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(b, dict) and isinstance(a, dict):
        return list(a.keys()) == list(b.keys()) and all(same(a[k], b[k]) for k in a)
    return a == b


def first_difference(a, b, at=""):
    """Where h5kit's value a first differs from h5py's b, as 'index: a vs b'."""
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return "%s: %d elements vs %d" % (at or "value", len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            if not same(x, y):
                return first_difference(x, y, "%s[%d]" % (at, i))
    if isinstance(a, dict) and isinstance(b, dict) and list(a) == list(b):
        for k in a:
            if not same(a[k], b[k]):
                return first_difference(a[k], b[k], "%s.%s" % (at, k))
    return "%s: %s vs %s" % (at or "value", json.dumps(a)[:120], json.dumps(b)[:120])


def h5kit_name(name):
    return json.dumps(name)


def compare(doc, view):
    """Returns (differences, items h5py could not read but the dump printed)."""
    diffs, unreadable = [], []
    ours = h5kit_nodes(doc)
    theirs = view["nodes"]
    for key, node in ours.items():
        kind = node.get("kind")
        if kind not in ("group", "dataset"):
            continue
        peer = theirs.get(key)
        if peer is None:
            unreadable.append((key, "h5py did not reach it"))
            continue
        if "error" in peer:
            unreadable.append((key, peer["error"]))
            continue
        if peer.get("kind") == "hard_link":
            continue
        if peer.get("kind") != kind:
            diffs.append((key, "kind", kind, peer.get("kind")))
            continue
        # attributes: names, then values
        pa = peer.get("attrs", {})
        oa = node.get("attrs", {})
        if "error" in pa:
            if oa:
                unreadable.append((key, "attributes: " + pa["error"]))
        else:
            onames = sorted(h5kit_name(n) for n in oa)
            if onames != pa["names"]:
                diffs.append((key, "attribute names", onames, pa["names"]))
            else:
                for n, v in oa.items():
                    pv = pa["values"][h5kit_name(n)]
                    if isinstance(pv, dict) and "error" in pv and len(pv) == 1:
                        unreadable.append((key, "attribute %s: %s" % (n, pv["error"])))
                    elif not same(v, pv):
                        diffs.append((key, "attribute %s" % n, first_difference(v, pv)))
        if kind == "group":
            pm = peer.get("members")
            if isinstance(pm, dict):
                unreadable.append((key, "members: " + pm["error"]))
            elif pm is not None:
                om = sorted(h5kit_name(n) for n in node.get("members", {}))
                if om != pm:
                    diffs.append((key, "member names", om, pm))
        else:
            if node.get("shape") != peer.get("shape"):
                diffs.append((key, "shape", node.get("shape"), peer.get("shape")))
                continue
            data, pdata = node.get("data"), peer.get("data")
            if isinstance(data, dict) and ("elided" in data or "unreadable" in data):
                continue
            if isinstance(pdata, dict) and "error" in pdata and len(pdata) == 1:
                unreadable.append((key, "data: " + pdata["error"]))
            elif not same(data, pdata):
                diffs.append((key, "data", first_difference(data, pdata)))
    return diffs, unreadable


# ---------------------------------------------------------------------------------------------
# Classification.

CATEGORIES = ["ok", "wrong output", "ok, h5py can't read", "damage reported", "error, clean",
              "error, other", "crash", "hang"]


def classify(tool, r, asan):
    """The category of one run and extra facts about it."""
    facts = {}
    err_lines = [ln for ln in r["stderr"].splitlines() if ln.strip()]
    if r["timed_out"]:
        facts["stdout_size"] = r["stdout_size"]
        return "hang", facts
    if r["signal"] is not None:
        facts["signal"] = signal.Signals(r["signal"]).name if r["signal"] in signal.valid_signals() else str(r["signal"])
        return "crash", facts
    report = asan_report(r["stderr"]) if asan and tool.startswith("h5kit") else None
    if report and "isolated reader crashed" not in r["stderr"]:
        facts["signal"] = "ASAN-" + report[0]
        facts["where"], facts["function"] = report[1], report[2]
        return "crash", facts
    if r["status"] == 0:
        return "ok", facts
    if tool == "h5dump":
        clean = bool(err_lines) and all(ln.startswith("h5dump error:") for ln in err_lines)
    else:
        clean = bool(err_lines) and all(ln.startswith("h5kit:") for ln in err_lines)
        m = re.search(r"isolated reader (?:crashed \(signal (\d+)|was stopped)", r["stderr"])
        if m:
            facts["child"] = "signal %s" % m.group(1) if m.group(1) else "stopped"
        if tool == "h5kit check" and r["status"] == 1:
            return "damage reported", facts
    facts["one_line"] = len(err_lines) == 1
    return ("error, clean" if clean else "error, other"), facts


# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=600, help="stop making mutants after this long")
    ap.add_argument("--mutants", type=int, default=0, help="stop after N mutants (0: no bound but --seconds)")
    ap.add_argument("--only", type=int, action="append", help="run only mutant I (repeatable)")
    ap.add_argument("--h5kit", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build",
                                                  "bin", "h5kit"),
                    help="the h5kit binary (an ASan build's, to learn where crashes are)")
    ap.add_argument("--h5dump", default=shutil.which("h5dump") or "h5dump")
    ap.add_argument("--corpus", help="a directory of .h5 files to mutate instead of the generated corpus")
    ap.add_argument("--timeout", type=float, default=10, help="seconds per run")
    ap.add_argument("--memory", type=int, default=2048, help="address-space limit per run, MiB (0: none)")
    ap.add_argument("--isolated-only", action="store_true",
                    help="do not add runs of dump and tree with --no-isolate (added when h5kit has it)")
    ap.add_argument("--backtraces", type=int, default=40,
                    help="rerun up to N crashes of a non-ASan h5kit under gdb to learn where they are")
    ap.add_argument("--h5py-limit", type=int, default=200000, help="largest dataset h5py reads to compare")
    ap.add_argument("--json", help="write the figures and every notable run here")
    ap.add_argument("--keep", help="keep the bytes of every crashing (and hanging h5kit) mutant here")
    ap.add_argument("--workdir", help="scratch directory (default: a new one in /tmp, removed at the end)")
    args = ap.parse_args()

    h5kit = os.path.abspath(args.h5kit)
    memory = args.memory << 20
    with open(h5kit, "rb") as fh:
        asan = b"__asan_init" in fh.read()
    h5kit_memory = 0 if asan else memory  # ASan reserves terabytes of shadow memory
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0:abort_on_error=0:symbolize=1")

    def helps(*cmd):
        try:
            return subprocess.run([h5kit] + list(cmd) + ["--help"], capture_output=True, timeout=30).returncode == 0
        except Exception:
            return False

    def help_text(cmd):
        return subprocess.run([h5kit, cmd, "--help"], capture_output=True, timeout=30).stdout.decode()

    tools = [("h5kit dump", ["dump", "--compact"]), ("h5kit tree", ["tree"])]
    if not args.isolated_only and "--no-isolate" in help_text("dump"):
        tools += [("h5kit dump --no-isolate", ["dump", "--compact", "--no-isolate"]),
                  ("h5kit tree --no-isolate", ["tree", "--no-isolate"])]
    if helps("check"):
        tools.append(("h5kit check", ["check"]))
    tools.append(("h5dump", None))

    own_workdir = args.workdir is None
    workdir = args.workdir or tempfile.mkdtemp(prefix="h5kit-mutation-")
    os.makedirs(workdir, exist_ok=True)
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
    worker = H5pyWorker(workdir, args.timeout, memory, args.h5py_limit)
    try:
        if args.corpus:
            corpus = [(os.path.splitext(n)[0], os.path.join(args.corpus, n), [])
                      for n in sorted(os.listdir(args.corpus)) if n.endswith(".h5")]
        else:
            cdir = os.path.join(workdir, "corpus")
            os.makedirs(cdir)
            corpus = write_corpus(cdir)
        sizes = [os.path.getsize(p) for _, p, _ in corpus]
        print("corpus: %d files, %d to %d bytes; h5kit %s%s; tools: %s" % (
            len(corpus), min(sizes), max(sizes), h5kit, " (ASan)" if asan else "",
            ", ".join(t for t, _ in tools)), flush=True)

        counts = {t: {c: 0 for c in CATEGORIES} for t, _ in tools}
        extra = {t: {"one line": 0, "child crashed": 0, "child stopped": 0, "signals": {}, "where": {},
                     "hang with output > 1 MB": 0} for t, _ in tools}
        notable = []
        runs = []  # per mutant: index, source, size, category per tool
        backtraces = 0
        mutant_path = os.path.join(workdir, "mutant.h5")
        start = time.monotonic()
        indices = args.only or range(10**9)
        done = 0
        for index in indices:
            if not args.only:
                if args.mutants and done >= args.mutants:
                    break
                if time.monotonic() - start >= args.seconds:
                    break
            source, kinds, note, data = make_mutant(args.seed, index, corpus)
            with open(mutant_path, "wb") as fh:
                fh.write(data)
            done += 1
            view = None
            compared = {}
            cats = {}
            for tool, sub in tools:
                if sub is None:
                    argv = [args.h5dump, mutant_path]
                    r = run_tool(argv, workdir, args.timeout, memory)
                else:
                    argv = [h5kit] + sub + [mutant_path]
                    r = run_tool(argv, workdir, args.timeout, h5kit_memory, env)
                cat, facts = classify(tool, r, asan)
                if cat == "ok" and tool.startswith("h5kit dump"):
                    with open(r["stdout"], "rb") as fh:
                        text = fh.read(64 << 20)
                    digest = hashlib.sha1(text).hexdigest()
                    if digest in compared:
                        cat, facts = compared[digest]
                    else:
                        try:
                            doc = json.loads(text)
                        except ValueError as e:
                            doc = None
                            cat, facts = "wrong output", {"diff": [("/", "not JSON", str(e)[:100], None)]}
                        if doc is not None:
                            if view is None:
                                view = worker.read(mutant_path)
                            if "nodes" not in view:
                                cat = "ok, h5py can't read"
                                facts = {"h5py": view.get("open_error") or view.get("h5py_failed")}
                            else:
                                diffs, unreadable = compare(doc, view)
                                if diffs:
                                    cat, facts = "wrong output", {"diff": [[str(x)[:300] for x in d]
                                                                           for d in diffs[:5]]}
                                elif unreadable:
                                    cat, facts = "ok, h5py can't read", {"h5py": [list(u) for u in unreadable[:3]]}
                        compared[digest] = (cat, facts)
                counts[tool][cat] += 1
                cats[tool] = cat
                ex = extra[tool]
                if facts.get("one_line") and cat == "error, clean":
                    ex["one line"] += 1
                if "child" in facts:
                    ex["child crashed" if facts["child"].startswith("signal") else "child stopped"] += 1
                if cat == "hang" and facts.get("stdout_size", 0) > 1 << 20:
                    ex["hang with output > 1 MB"] += 1
                if cat == "crash":
                    sig = facts["signal"]
                    ex["signals"][sig] = ex["signals"].get(sig, 0) + 1
                    if tool.startswith("h5kit"):
                        if "where" not in facts:
                            if not asan and backtraces < args.backtraces and shutil.which("gdb"):
                                backtraces += 1
                                facts["where"], facts["function"] = gdb_where(argv, 60)
                            else:
                                facts["where"] = "unknown"
                        ex["where"][facts["where"]] = ex["where"].get(facts["where"], 0) + 1
                if cat in ("crash", "hang", "wrong output", "error, other") or (
                        cat == "ok, h5py can't read" and len(notable) < 400):
                    rec = {"mutant": index, "seed": args.seed, "source": source, "mutation": note, "tool": tool,
                           "category": cat, "size": len(data), "status": r["status"],
                           "stderr": r["stderr"][-600:]}
                    rec.update({k: v for k, v in facts.items() if k != "one_line"})
                    notable.append(rec)
                    if args.keep and (cat == "crash" or (cat == "hang" and tool.startswith("h5kit"))):
                        label = facts.get("signal", "hang") if cat == "crash" else "hang"
                        name = "%s-%s-seed%d-m%05d-%s-%dB.h5" % (tool.replace("h5kit ", "h5kit-").replace(" --", "-")
                                                                 .replace(" ", "-"), label, args.seed, index,
                                                                 source, len(data))
                        with open(os.path.join(args.keep, name), "wb") as fh:
                            fh.write(data)
            runs.append([index, source, len(data), cats])
            if done % 100 == 0:
                print("  %d mutants, %.0f s" % (done, time.monotonic() - start), flush=True)
        elapsed = time.monotonic() - start
    finally:
        worker.stop()
        if own_workdir:
            shutil.rmtree(workdir, ignore_errors=True)

    # the table
    cols = CATEGORIES
    width = max(len(t) for t in counts)
    print()
    print("%d mutants of %d corpus files (seed %d) in %.0f s; per run: %g s, %d MiB address space" % (
        done, len(corpus), args.seed, elapsed, args.timeout, args.memory))
    print("| %s | %s |" % ("tool".ljust(width), " | ".join(cols)))
    print("|%s|%s|" % ("-" * (width + 2), "|".join("-" * (len(c) + 2) for c in cols)))
    for t in counts:
        print("| %s | %s |" % (t.ljust(width), " | ".join(str(counts[t][c]).rjust(len(c)) for c in cols)))
    print()
    for t in counts:
        ex = extra[t]
        bits = []
        if ex["one line"]:
            bits.append("%d clean errors of one line" % ex["one line"])
        if ex["child crashed"] or ex["child stopped"]:
            bits.append("isolated child crashed %d, stopped %d" % (ex["child crashed"], ex["child stopped"]))
        if ex["signals"]:
            bits.append("signals " + ", ".join("%s %d" % kv for kv in sorted(ex["signals"].items())))
        if ex["where"]:
            bits.append("where " + ", ".join("%s %d" % kv for kv in sorted(ex["where"].items())))
        if ex["hang with output > 1 MB"]:
            bits.append("%d hangs while still writing output" % ex["hang with output > 1 MB"])
        if bits:
            print("%s: %s" % (t, "; ".join(bits)))
    print("h5py worker restarts (it crashed or hung on a mutant): %d" % worker.restarts)
    if "h5kit check" in counts:
        # what check called sound (status 0), and what the other tools did with those mutants
        sound = [c for *_, c in runs if c.get("h5kit check") == "ok"]
        failed = ("error, clean", "error, other", "crash", "hang")
        bad = {t: sum(1 for c in sound if c.get(t) in failed) for t in counts if t != "h5kit check"}
        print("h5kit check called %d mutants sound; of those, failed (error, crash, hang) in: %s" % (
            len(sound), ", ".join("%s %d" % kv for kv in bad.items())))
        damaged = [c for *_, c in runs if c.get("h5kit check") not in ("ok", None)]
        fine = {t: sum(1 for c in damaged if c.get(t) == "ok") for t in counts if t != "h5kit check"}
        print("h5kit check did not call %d mutants sound; of those, status 0 in: %s" % (
            len(damaged), ", ".join("%s %d" % kv for kv in fine.items())))
    wrong = [n for n in notable if n["category"] == "wrong output"]
    for n in wrong[:5]:
        print("wrong output: mutant %d (%s, %s) %s: %s" % (n["mutant"], n["source"], n["mutation"], n["tool"],
                                                           n["diff"][0]))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"seed": args.seed, "mutants": done, "seconds": elapsed, "timeout": args.timeout,
                       "memory_mib": args.memory, "h5kit": h5kit, "asan": asan,
                       "corpus": [{"name": n, "size": s} for (n, _, _), s in zip(corpus, sizes)],
                       "counts": counts, "extra": extra, "h5py_worker_restarts": worker.restarts,
                       "notable": notable, "runs": runs}, fh, indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The graph + reference inventory workload, h5py side (bench/bench_graph.cpp is h5kit's).

    h5py_graph_bench.py --make-input FILE        # write the input file (untimed; run.sh does it once)
    h5py_graph_bench.py --input FILE [--repetitions N] [--out results.json]

The input: 1,000 groups /g000../g999, each with 99 scalar int32 datasets d00..d98 (100,001 objects with
the root), and an object-reference attribute `ref` on every dataset dNN with NN % 10 == 0 (10,000
references), pointing at /g<i+1 mod 1000>/d<NN+1>.

The walk is what nwb-linkml's hdf_dependency_graph does with h5py, without networkx: the root, then
visititems; for each object every attribute is read and each Reference is dereferenced for its name
(what nwb-linkml's get_attr_references does), and for a group each child's name is taken (a child edge).
Times are the best of N wall and CPU (process_time) seconds.
"""
import argparse

import h5py
import numpy as np

from bench_timing import best_of, emit

GROUPS = 1000
DATASETS = 99
REF_EVERY = 10


def make_input(path):
    with h5py.File(path, "w") as f:
        groups = [f.create_group(f"g{i:03d}") for i in range(GROUPS)]
        for g in groups:
            for j in range(DATASETS):
                g.create_dataset(f"d{j:02d}", data=np.int32(j))
        for i, g in enumerate(groups):
            nxt = groups[(i + 1) % GROUPS]
            for j in range(0, DATASETS, REF_EVERY):
                g[f"d{j:02d}"].attrs.create("ref", nxt[f"d{j + 1:02d}"].ref, dtype=h5py.ref_dtype)


def walk(path):
    nodes = 0
    child_edges = 0
    ref_edges = 0
    with h5py.File(path, "r") as f:
        def visit(obj):
            nonlocal nodes, child_edges, ref_edges
            nodes += 1
            for value in obj.attrs.values():
                if isinstance(value, h5py.Reference) and value:
                    target = f[value].name
                    if target:
                        ref_edges += 1
            if isinstance(obj, h5py.Group):
                for child in obj.values():
                    if child.name:
                        child_edges += 1

        visit(f)
        f.visititems(lambda name, obj: visit(obj))
    return nodes, child_edges, ref_edges


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--make-input")
    p.add_argument("--input")
    p.add_argument("--repetitions", type=int, default=3)
    p.add_argument("--out")
    a = p.parse_args()
    if a.make_input:
        make_input(a.make_input)
        return
    best_wall, best_cpu, counts = best_of(a.repetitions, lambda: walk(a.input))
    expected = (1 + GROUPS + GROUPS * DATASETS, GROUPS + GROUPS * DATASETS, GROUPS * len(range(0, DATASETS, REF_EVERY)))
    result = {"name": "graph_refs/h5py", "wall_s": best_wall, "cpu_s": best_cpu, "repetitions": a.repetitions,
              "nodes": counts[0], "child_edges": counts[1], "references": counts[2], "ok": counts == expected,
              "h5py": h5py.__version__, "hdf5": h5py.version.hdf5_version}
    emit(result, a.out)


if __name__ == "__main__":
    main()

"""h5py peer for tests/interop/h5py_graph_test.cpp: h5py's own view of a corpus file (written by
nwb_corpus.py) compared with what h5kit's graph layer wrote about it.

    python3 h5py_graph.py check FILE H5KIT_VIEW.txt H5KIT_GRAPH.json

H5KIT_VIEW.txt has one record per line, tab-separated:
    object  <canonical path>                 every object h5kit indexed, in its walk order
    alias   <hard-link path>  <canonical>    every hard-link path of every object
    ref     <location>        <target>       every stored reference ("<null>" for a null one)
    order   <path>                           the read order of the filtered graph (acyclic files)
H5KIT_GRAPH.json is graph::to_json of the unfiltered graph from the root.

h5py's side, all from h5py alone:
  - objects: "/" then visit (each object once), each named by `f[f[path].ref].name` (HDF5's name
    after a dereference, the canonical path);
  - aliases: every h5kit alias path opens the same object as its canonical path, and h5py's name
    after dereferencing it is the canonical path;
  - references: found by walking every attribute and dataset value with numpy (reference dtypes
    anywhere in compound/array/vlen types), targets named by `f[ref].name`;
  - graph: nodes are the objects' dereferenced names; child edges from group.items() (soft links
    followed, dangling and external ones left out), reference edges from the references above;
    compared as nwb-linkml's DiGraph (one label per pair, the later edge winning);
  - read order: nwb-linkml's filter (one pass) then reversed networkx topological_sort
    (Kahn over node insertion order), re-implemented here without networkx.
"""
import json
import sys

import h5py
import numpy as np

from interop_common import Checker, run

SKIP = "/specifications"


def is_ref_dtype(dt):
    return h5py.check_ref_dtype(dt) is not None


def walk_value(value, dt, field, out):
    """Yields (field path, reference) inside one element value of dtype dt."""
    if dt.names:
        for name in dt.names:
            sub = dt.fields[name][0]
            walk_value(value[name], sub, name if not field else field + "." + name, out)
        return
    if dt.subdtype is not None:
        base, shape = dt.subdtype
        flat = np.asarray(value).reshape(-1)
        for i, v in enumerate(flat):
            walk_value(v, base, "%s[%d]" % (field, i), out)
        return
    vlen = h5py.check_vlen_dtype(dt)
    if vlen is not None and is_ref_dtype(vlen):
        for i, v in enumerate(value):
            out.append(("%s[%d]" % (field, i), v))
        return
    if is_ref_dtype(dt):
        out.append((field, value))


def target_name(f, ref):
    if not ref:
        return "<null>"
    try:
        return f[ref].name
    except Exception:
        return "<unresolved>"


def location(owner, attribute, index, field):
    idx = "[" + ",".join(str(i) for i in index) + "]" if index else ""
    elem = field.startswith("[")
    if attribute is not None:
        base = owner + "@" + attribute
        if elem:
            return base + idx + field
        return base + (":" + field if field else "") + idx
    if not field:
        return owner + "#data" + idx
    if elem:
        return owner + "#data" + idx + field
    return owner + "#column:" + field + idx


def refs_of_array(f, owner, attribute, arr, dt, out):
    if not (is_ref_dtype(dt) or dt.names or dt.subdtype is not None or h5py.check_vlen_dtype(dt) is not None):
        return
    arr = np.asarray(arr, dtype=object) if is_ref_dtype(dt) else arr
    shape = np.shape(arr)
    for index in np.ndindex(*shape):
        value = arr[index] if shape else (arr[()] if hasattr(arr, "shape") else arr)
        found = []
        walk_value(value, dt, "", found)
        for field, ref in found:
            out.append((location(owner, attribute, list(index), field), target_name(f, ref)))


def references(f, obj, owner):
    out = []
    for name in sorted(obj.attrs.keys(), key=lambda s: s.encode()):
        aid = obj.attrs.get_id(name)
        dt = aid.dtype
        if aid.shape is None:
            continue
        refs_of_array(f, owner, name, obj.attrs[name], dt, out)
    if isinstance(obj, h5py.Dataset) and obj.shape is not None and obj.size > 0:
        refs_of_array(f, owner, None, obj[()], obj.dtype, out)
    return out


def h5py_view(f):
    names = ["/"]
    f.visit(lambda n: names.append("/" + n))
    return names


def check(path, view_path, graph_path):
    c = Checker(path)
    records = [line.rstrip("\n").split("\t") for line in open(view_path, encoding="utf-8") if line.strip()]
    objects = [r[1] for r in records if r[0] == "object"]
    aliases = [(r[1], r[2]) for r in records if r[0] == "alias"]
    kit_refs = sorted((r[1], r[2]) for r in records if r[0] == "ref")
    kit_order = [r[1] for r in records if r[0] == "order"]
    graph = json.load(open(graph_path, encoding="utf-8"))
    with h5py.File(path, "r") as f:
        # objects and canonical paths
        # h5py's visit lists each object at its first path in increasing name order; HDF5's name after
        # a dereference searches the name index in native order (hash order in dense groups), and
        # that name is the canonical path.
        visit = [f[f[p].ref].name for p in h5py_view(f)]
        c.equal("objects (canonical paths)", sorted(objects), sorted(visit))
        c.equal("objects, one path each", len(set(visit)), len(visit))
        for p in h5py_view(f):
            c.true(f[p] == f[f[f[p].ref].name], "dereferenced name of %s names another object" % p)
        for alias, canonical in aliases:
            c.true(f[alias] == f[canonical], "%s is not the same object as %s" % (alias, canonical))
            c.equal("name after dereference of alias " + alias, f[f[alias].ref].name, canonical)
        c.equal("h5kit's walk order is its canonical order", objects[0] if objects else None, "/")
        # references
        py_refs = []
        for p in visit:
            py_refs.extend(references(f, f[p], p))
        c.equal("references (location, target)", kit_refs, sorted(py_refs))
        # graph (nwb-linkml's DiGraph view)
        nodes, edges = [], {}

        def add_node(n):
            if n not in nodes:
                nodes.append(n)

        def add_edge(a, b, label):
            add_node(a)
            add_node(b)
            edges[(a, b)] = label

        for p in visit:
            obj = f[p]
            if p.startswith(SKIP) or not isinstance(obj, (h5py.Group, h5py.Dataset)):
                continue
            before = len(edges)
            for loc, target in references(f, obj, p):
                if target.startswith("<") or target.startswith(SKIP):
                    continue
                add_edge(p, target, "reference")
            if isinstance(obj, h5py.Group):
                for name in obj:
                    link = obj.get(name, getlink=True)
                    if isinstance(link, h5py.ExternalLink):
                        continue
                    child = obj.get(name)
                    if child is None or not isinstance(child, (h5py.Group, h5py.Dataset)):
                        continue
                    canonical = f[child.ref].name
                    if canonical.startswith(SKIP):
                        continue
                    add_edge(p, canonical, "child")
            add_node(p)
            del before
        kit_nodes = [n["path"] for n in graph["nodes"]]
        c.equal("graph node set", sorted(kit_nodes), sorted(nodes))
        kit_edges = {}
        for e in graph["edges"]:
            kit_edges[(e["from"], e["to"])] = e["label"]
        c.equal("graph edge count (pairs)", len(kit_edges), len(edges))
        c.equal("graph edges with labels", sorted(kit_edges.items()), sorted(edges.items()))
        # filter (one pass) and read order
        if kit_order:
            attrs = {p: f[p].attrs for p in nodes}
            out_deg = {n: 0 for n in nodes}
            for (a, _b) in edges:
                out_deg[a] += 1
            keep = [n for n in nodes if not n.startswith(SKIP) and ("neurodata_type" in attrs[n] or out_deg[n] > 0)]
            kept = set(keep)
            succ = {n: [] for n in keep}
            indeg = {n: 0 for n in keep}
            for (a, b) in edges:  # dict keeps insertion order of pairs
                if a in kept and b in kept:
                    succ[a].append(b)
                    indeg[b] += 1
            zero = [n for n in keep if indeg[n] == 0]
            order = []
            while zero:
                gen, zero = zero, []
                for n in gen:
                    order.append(n)
                    for s in succ[n]:
                        indeg[s] -= 1
                        if indeg[s] == 0:
                            zero.append(s)
            c.equal("read order", kit_order, list(reversed(order)))
    c.finish()


if __name__ == "__main__":
    run({"check": check})

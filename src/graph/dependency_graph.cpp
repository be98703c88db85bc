// The dependency graph: one FileIndex walk, then each object's references and child links.
#include "h5kit/graph/dependency_graph.hpp"

#include <hdf5.h>

#include <map>
#include <unordered_map>
#include <unordered_set>

#include "detail/checked.hpp"
#include "graph/attr_json.hpp"
#include "graph/reference_reader.hpp"
#include "graph/walk_support.hpp"

namespace h5kit::graph {

using h5kit::detail::Handle;
using Json = detail::Json;

bool skip_specifications(std::string_view canonical_path) {
  return canonical_path.substr(0, 15) == "/specifications";
}

const NodeAttribute* GraphNode::attr(std::string_view name) const {
  for (const NodeAttribute& a : attrs)
    if (a.name == name) return &a;
  return nullptr;
}

std::optional<std::string> GraphNode::string_attr(std::string_view name) const {
  const NodeAttribute* a = attr(name);
  if (a == nullptr) return std::nullopt;
  const Json v = Json::parse(a->json, nullptr, false);
  if (v.is_string()) return v.get<std::string>();
  return std::nullopt;
}

const char* to_string(EdgeLabel label) noexcept { return label == EdgeLabel::reference ? "reference" : "child"; }

const char* to_string(EdgeVia via) noexcept {
  switch (via) {
    case EdgeVia::soft: return "soft";
    case EdgeVia::hard_alias: return "hard-alias";
    case EdgeVia::external: return "external";
    case EdgeVia::none: break;
  }
  return "";
}

const GraphNode* DependencyGraph::node(std::string_view path) const {
  for (const GraphNode& n : nodes)
    if (n.path == path) return &n;
  return nullptr;
}

std::vector<const GraphEdge*> DependencyGraph::out_edges(std::string_view path) const {
  std::vector<const GraphEdge*> out;
  for (const GraphEdge& e : edges)
    if (e.from == path) out.push_back(&e);
  return out;
}

std::vector<const GraphEdge*> DependencyGraph::in_edges(std::string_view path) const {
  std::vector<const GraphEdge*> out;
  for (const GraphEdge& e : edges)
    if (e.to == path) out.push_back(&e);
  return out;
}

namespace {

class Builder {
 public:
  Builder(const FileIndex& index, DependencyGraph& graph) : index_(index), graph_(graph) {}

  std::size_t ensure(const IndexedObject& o, bool outside) {
    const auto it = at_.find(o.path);
    if (it != at_.end()) return it->second;
    GraphNode n;
    n.path = o.path;
    n.kind = o.kind;
    n.outside = outside;
    graph_.nodes.push_back(std::move(n));
    at_.emplace(o.path, graph_.nodes.size() - 1);
    return graph_.nodes.size() - 1;
  }

  void edge(const IndexedObject& from, const IndexedObject& to, EdgeLabel label, EdgeVia via, std::string name,
            bool to_outside) {
    ensure(from, false);
    ensure(to, to_outside);
    graph_.edges.push_back(GraphEdge{from.path, to.path, label, via, std::move(name)});
  }

  GraphNode& node(const IndexedObject& o) { return graph_.nodes[ensure(o, false)]; }
  bool has(const std::string& path) const { return at_.count(path) != 0; }

 private:
  const FileIndex& index_;
  DependencyGraph& graph_;
  std::unordered_map<std::string, std::size_t> at_;
};

bool is_node_kind(ObjectKind k) { return k == ObjectKind::group || k == ObjectKind::dataset; }

}  // namespace

DependencyGraph dependency_graph(const FileIndex& index, const Group& start, const GraphOptions& options) {
  DependencyGraph graph;
  const ObjectId start_id = object_id(start);
  const IndexedObject* first = index.find(start_id);
  if (first == nullptr)
    h5kit::detail::reject(ErrorKind::not_found, "dependency graph", h5kit::detail::Where{start.id()},
                          "the group is not reachable by hard links from the root of its file");
  graph.root = first->path;
  const auto skip = [&](const std::string& p) { return options.skip && options.skip(p); };
  const auto objects = detail::subtree(index, start_id, [&](const std::string& p) { return skip(p); });
  std::unordered_set<ObjectId, ObjectIdHash> inside;
  for (const IndexedObject* o : objects) inside.insert(o->id);

  Builder builder(index, graph);
  detail::Resolver resolver(index);
  std::size_t done = 0;
  for (const IndexedObject* o : objects) {
    if (!is_node_kind(o->kind)) {
      if (options.progress) options.progress(++done, objects.size());
      continue;
    }
    h5kit::detail::silence_hdf5_errors();
    const hid_t id = H5Oopen_by_addr(index.root().id(), static_cast<haddr_t>(o->id.address));
    if (id < 0) {
      H5Eclear2(H5E_DEFAULT);
      builder.node(*o);
      if (options.progress) options.progress(++done, objects.size());
      continue;
    }
    const Object object{Handle(id)};
    const std::size_t edges_before = graph.edges.size();
    // 1. references (nwb-linkml adds them before the children)
    detail::visit_object(
        id, o->path, resolver,
        [&](const StoredReference& r) {
          if (!r.target) return false;
          const IndexedObject* t = index.find(*r.target);
          if (t == nullptr || skip(t->path)) return false;
          builder.edge(*o, *t, EdgeLabel::reference, EdgeVia::none, r.location.to_string(), !inside.count(t->id));
          return false;
        },
        std::size_t{1} << 16);
    // 2. children, links followed (soft targets by identity; dangling and external links as records)
    for (const ChildLink& link : o->children) {
      const std::string at = h5kit::detail::join_path(o->path, link.name);
      if (link.kind == LinkKind::external) {
        graph.links.push_back(GraphLink{at, EdgeVia::external, link.target_file, link.target_path, link.dangling});
        continue;
      }
      if (!link.target) {
        if (link.kind == LinkKind::soft) graph.links.push_back(GraphLink{at, EdgeVia::soft, {}, link.target_path, link.dangling});
        continue;
      }
      const IndexedObject* c = index.find(*link.target);
      if (c == nullptr || !is_node_kind(c->kind) || skip(c->path)) continue;
      const EdgeVia via = link.kind == LinkKind::soft ? EdgeVia::soft : c->path == at ? EdgeVia::none : EdgeVia::hard_alias;
      builder.edge(*o, *c, EdgeLabel::child, via, link.name, !inside.count(c->id));
    }
    GraphNode& node = builder.node(*o);  // alone when it has no edge
    node.attrs = detail::attributes_as_json(object, resolver);
    (void)edges_before;
    if (options.progress) options.progress(++done, objects.size());
  }
  return graph;
}

DependencyGraph dependency_graph(const Group& start, const GraphOptions& options) {
  return dependency_graph(FileIndex(start), start, options);
}

std::string to_json(const DependencyGraph& graph, int indent) {
  Json out;
  out["root"] = graph.root;
  Json nodes = Json::array();
  for (const GraphNode& n : graph.nodes) {
    Json attrs = Json::object();
    for (const NodeAttribute& a : n.attrs) attrs[a.name] = Json::parse(a.json, nullptr, false);
    Json node = {{"path", n.path}, {"attrs", attrs}};
    if (n.outside) node["outside"] = true;
    nodes.push_back(std::move(node));
  }
  out["nodes"] = std::move(nodes);
  Json edges = Json::array();
  for (const GraphEdge& e : graph.edges) {
    Json edge = {{"from", e.from}, {"to", e.to}, {"label", to_string(e.label)}};
    edge["via"] = e.via == EdgeVia::none ? Json(nullptr) : Json(to_string(e.via));
    edge["name"] = e.name;
    edges.push_back(std::move(edge));
  }
  out["edges"] = std::move(edges);
  Json links = Json::array();
  for (const GraphLink& l : graph.links) {
    Json link = {{"at", l.at}, {"via", to_string(l.via)}};
    if (l.via == EdgeVia::external) link["target_file"] = l.target_file;
    link["target_path"] = l.target_path;
    link["dangling"] = l.dangling;
    links.push_back(std::move(link));
  }
  out["links"] = std::move(links);
  return out.dump(indent, ' ', false, Json::error_handler_t::replace);
}

namespace {
std::string dot_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}
}  // namespace

std::string to_dot(const DependencyGraph& graph) {
  std::string out = "digraph h5kit {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n";
  for (const GraphNode& n : graph.nodes) {
    std::string label = n.path;
    if (auto t = n.string_attr("neurodata_type")) label += "\\n" + *t;
    else if (auto d = n.string_attr("data_type")) label += "\\n" + *d;
    std::string quoted = dot_quote(label);
    // dot_quote escaped the backslash of "\n": undo it for the line break.
    for (std::size_t p = quoted.find("\\\\n"); p != std::string::npos; p = quoted.find("\\\\n", p + 2)) quoted.erase(p, 1);
    out += "  " + dot_quote(n.path) + " [label=" + quoted + ", shape=" +
           (n.kind == ObjectKind::group ? "box" : "ellipse") + (n.outside ? ", style=dashed" : "") + "];\n";
  }
  for (const GraphEdge& e : graph.edges) {
    out += "  " + dot_quote(e.from) + " -> " + dot_quote(e.to) + " [label=" + dot_quote(to_string(e.label)) +
           (e.label == EdgeLabel::reference ? ", style=dashed, color=blue" : "") +
           (e.via != EdgeVia::none ? ", taillabel=" + dot_quote(to_string(e.via)) : "") + "];\n";
  }
  for (const GraphLink& l : graph.links) {
    const std::string target = (l.target_file.empty() ? "" : l.target_file + ":") + l.target_path;
    out += "  " + dot_quote(l.at) + " [shape=note, label=" +
           dot_quote(l.at + " -> " + target + (l.dangling ? " (dangling)" : "")) + "];\n";
    const std::string parent = h5kit::detail::normalise_path(l.at.substr(0, l.at.find_last_of('/')));
    if (graph.node(parent)) out += "  " + dot_quote(parent) + " -> " + dot_quote(l.at) + " [style=dotted];\n";
  }
  return out + "}\n";
}

namespace compat {

Graph nwb_linkml_view(const DependencyGraph& graph) {
  Graph out;
  for (const GraphNode& n : graph.nodes) out.nodes.push_back(n.path);
  std::map<std::pair<std::string, std::string>, std::size_t> at;
  for (const GraphEdge& e : graph.edges) {
    const auto key = std::make_pair(e.from, e.to);
    const auto it = at.find(key);
    if (it == at.end()) {
      at.emplace(key, out.edges.size());
      out.edges.push_back(Edge{e.from, e.to, e.label});
    } else {
      out.edges[it->second].label = e.label;  // networkx's add_edge overwrites the attribute
    }
  }
  return out;
}

}  // namespace compat

}  // namespace h5kit::graph

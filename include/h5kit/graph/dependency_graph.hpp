#pragma once
// The dependency graph of groups and datasets (spec §5.3; nwb-linkml's hdf_dependency_graph, repaired).
//
//   nodes  canonical paths of groups and datasets, with their attributes as metadata (h5kit's JSON form;
//          references shown as the canonical target path, region references as {"path", "selection"})
//   edges  child      parent -> canonical child, also through soft links (via "soft") and hard aliases
//                     (via "hard-alias": the link is not the child's canonical path)
//          reference  referrer -> canonical target (one edge per stored reference; `name` says where)
//          Edges are a multiset: a pair that is both child and reference keeps both.
//   links  dangling soft links and external links (present or missing): records on their parent, never
//          nodes, and never followed, so no path of another file enters the graph.
// Edges point from dependent to dependency, as nwb-linkml's: load the targets of a node's edges first.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "h5kit/graph/identity.hpp"

namespace h5kit::graph {

// The default skip predicate: nwb-linkml's SKIP_PATTERN used with re.match, i.e. every path that starts
// with "/specifications" (which, as there, includes "/specificationsX").
bool skip_specifications(std::string_view canonical_path);

struct NodeAttribute {
  std::string name;
  std::string json;  // the value as JSON text
};

struct GraphNode {
  std::string path;  // canonical
  ObjectKind kind = ObjectKind::unknown;
  std::vector<NodeAttribute> attrs;
  // A reference target outside the subtree the graph was built from (no attributes read, as nwb-linkml).
  bool outside = false;
  // The attribute's JSON text, or nullptr.
  const NodeAttribute* attr(std::string_view name) const;
  // A string attribute's value (neurodata_type, namespace, object_id...), or nullopt.
  std::optional<std::string> string_attr(std::string_view name) const;
};

enum class EdgeLabel { child, reference };
const char* to_string(EdgeLabel label) noexcept;

enum class EdgeVia { none, soft, hard_alias, external };
const char* to_string(EdgeVia via) noexcept;  // "soft", "hard-alias", "external"; "" for none

struct GraphEdge {
  std::string from;
  std::string to;
  EdgeLabel label = EdgeLabel::child;
  EdgeVia via = EdgeVia::none;
  std::string name;  // child: the link name; reference: the location (ReferenceLocation::to_string)
};

struct GraphLink {
  std::string at;  // the link's path (parent's canonical path + name)
  EdgeVia via = EdgeVia::soft;
  std::string target_file;  // external only
  std::string target_path;
  bool dangling = false;
};

struct GraphOptions {
  // Nodes, children and reference targets whose canonical path matches are left out.
  std::function<bool(std::string_view canonical_path)> skip = skip_specifications;
  // Called with (objects done, objects to do).
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct DependencyGraph {
  std::string root;  // canonical path of the group it was built from
  std::vector<GraphNode> nodes;  // in order of first appearance (nwb-linkml's insertion order)
  std::vector<GraphEdge> edges;  // in insertion order
  std::vector<GraphLink> links;

  const GraphNode* node(std::string_view path) const;
  std::vector<const GraphEdge*> out_edges(std::string_view path) const;
  std::vector<const GraphEdge*> in_edges(std::string_view path) const;
};

DependencyGraph dependency_graph(const Group& start, const GraphOptions& options = {});
DependencyGraph dependency_graph(const FileIndex& index, const Group& start, const GraphOptions& options = {});

// {"root", "nodes": [{"path", "attrs"}], "edges": [{"from", "to", "label", "via"}], "links": [...]}
// exactly as spec §5.3 (edges also carry "name"; nodes outside the subtree carry "outside": true).
std::string to_json(const DependencyGraph& graph, int indent = 2);
// Graphviz DOT: groups as boxes, datasets as ellipses, child edges solid, reference edges dashed, links
// as dotted edges to a note-shaped node.
std::string to_dot(const DependencyGraph& graph);

namespace compat {
// nwb-linkml's DiGraph: the node set, one edge per (from, to) pair with the label that wins there (a
// re-added edge overwrites, so child beats reference when the child edge comes later; nwb-linkml adds
// reference edges first, then child edges).
struct Edge {
  std::string from, to;
  EdgeLabel label = EdgeLabel::child;
  friend bool operator==(const Edge&, const Edge&) = default;
};
struct Graph {
  std::vector<std::string> nodes;  // insertion order
  std::vector<Edge> edges;         // insertion order of each pair
};
Graph nwb_linkml_view(const DependencyGraph& graph);
}  // namespace compat

}  // namespace h5kit::graph

// Filtering a dependency graph: nwb-linkml's single pass, or repeated to a fix-point.
#include "h5kit/graph/filter.hpp"

#include <unordered_map>
#include <unordered_set>

namespace h5kit::graph {

bool is_typed(const GraphNode& node, const FilterOptions& options) {
  return node.attr("neurodata_type") != nullptr || (options.data_type && node.attr("data_type") != nullptr);
}

namespace {

// One pass with the degrees of `graph`; true when something was removed.
bool one_pass(const DependencyGraph& graph, const FilterOptions& options, DependencyGraph& out) {
  std::unordered_map<std::string, std::size_t> out_degree;
  for (const GraphEdge& e : graph.edges) ++out_degree[e.from];
  std::unordered_set<std::string> removed;
  for (const GraphNode& n : graph.nodes) {
    const bool skipped = options.skip && options.skip(n.path);
    if (skipped || (!is_typed(n, options) && out_degree[n.path] == 0)) removed.insert(n.path);
  }
  out.root = graph.root;
  out.nodes.clear();
  out.edges.clear();
  out.links.clear();
  for (const GraphNode& n : graph.nodes)
    if (!removed.count(n.path)) out.nodes.push_back(n);
  for (const GraphEdge& e : graph.edges)
    if (!removed.count(e.from) && !removed.count(e.to)) out.edges.push_back(e);
  for (const GraphLink& l : graph.links) {
    const auto slash = l.at.find_last_of('/');
    const std::string parent = slash == 0 ? "/" : l.at.substr(0, slash);
    if (!removed.count(parent)) out.links.push_back(l);
  }
  return !removed.empty();
}

}  // namespace

DependencyGraph filter(const DependencyGraph& graph, const FilterOptions& options) {
  DependencyGraph out;
  bool changed = one_pass(graph, options, out);
  while (options.iterate && changed) {
    DependencyGraph next;
    changed = one_pass(out, options, next);
    out = std::move(next);
  }
  return out;
}

}  // namespace h5kit::graph

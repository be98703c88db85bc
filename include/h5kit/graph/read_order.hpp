#pragma once
// The order to load a dependency graph in: every node after everything it points to, the root last
// (nwb-linkml: reversed(networkx.topological_sort(graph))), plus generations for parallel loading.
// A cycle is a value listing its members, not an exception.
#include <string>
#include <vector>

#include "h5kit/graph/dependency_graph.hpp"

namespace h5kit::graph {

struct ReadOrder {
  // Dependencies first. With cycles, only the nodes that do not depend on one.
  std::vector<std::string> order;
  // order cut into generations: each node depends only on nodes of earlier generations, so the nodes
  // of one generation can be loaded in parallel (reversed networkx.topological_generations).
  std::vector<std::vector<std::string>> generations;
  // Each cycle's members (strongly connected components with more than one node, or a self-reference),
  // in graph order.
  std::vector<std::vector<std::string>> cycles;
  // Nodes that are in no cycle but depend on one (they cannot be ordered either).
  std::vector<std::string> blocked;
  bool ok() const noexcept { return cycles.empty(); }
};

// Edges are taken once per (from, to) pair, as in nwb-linkml's DiGraph; the order among independent
// nodes is networkx's (Kahn's algorithm over node insertion order), reversed.
ReadOrder read_order(const DependencyGraph& graph);

}  // namespace h5kit::graph

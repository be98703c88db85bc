#pragma once
// Pruning a dependency graph (nwb-linkml's filter_dependency_graph, spec §3.6 / §5.1).
// A node goes when it has no type attribute and no out-edge, or when the skip predicate matches.
#include <functional>
#include <string_view>

#include "h5kit/graph/dependency_graph.hpp"

namespace h5kit::graph {

struct FilterOptions {
  // false: one pass with the degrees of the input graph (nwb-linkml's answer). true: repeat until no node
  // goes (a parent left without out-edges by the first pass goes too).
  bool iterate = false;
  // Also count hdmf-generic files' `data_type` as a type attribute (nwb-linkml knows only neurodata_type).
  bool data_type = false;
  std::function<bool(std::string_view canonical_path)> skip = skip_specifications;
};

// True when the node has the type attribute the options name.
bool is_typed(const GraphNode& node, const FilterOptions& options = {});

// A new graph without the removed nodes and the edges that touch them; links are kept when their parent is.
DependencyGraph filter(const DependencyGraph& graph, const FilterOptions& options = {});

}  // namespace h5kit::graph

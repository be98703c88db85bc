#pragma once
// Internals: attribute values as JSON for graph node metadata (references as canonical target paths).
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "graph/reference_reader.hpp"
#include "h5kit/graph/dependency_graph.hpp"

namespace h5kit::graph::detail {

using Json = nlohmann::ordered_json;

// Every attribute of `object` (name order) as NodeAttribute{name, JSON text}. An attribute that cannot be
// read becomes {"error": "..."} rather than stopping the graph.
std::vector<NodeAttribute> attributes_as_json(const Object& object, Resolver& resolver);

// A selection as {"type": "all"|"none"|"points"|"blocks", "points"/"blocks": ...}.
Json selection_json(const Selection& selection);

}  // namespace h5kit::graph::detail

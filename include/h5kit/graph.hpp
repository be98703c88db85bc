#pragma once
// The graph layer: references, canonical paths, the dependency graph, read order, specifications,
// loading into models and truncation of HDF5/NWB files (docs/graph.md).
#include "h5kit/graph/dependency_graph.hpp"
#include "h5kit/graph/filter.hpp"
#include "h5kit/graph/find_references.hpp"
#include "h5kit/graph/identity.hpp"
#include "h5kit/graph/load.hpp"
#include "h5kit/graph/read_order.hpp"
#include "h5kit/graph/reference_layout.hpp"
#include "h5kit/graph/references.hpp"
#include "h5kit/graph/specs.hpp"
#include "h5kit/graph/truncate.hpp"

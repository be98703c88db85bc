#pragma once
// Loading a file graph in dependency order into typed models and generic nodes (spec §5.7; what
// nwb-linkml's HDF5IO.read does, with shared instances where it makes copies). docs/graph_load.md.
//
//     h5kit::graph::TypeRegistry types;
//     types.add<ElectricalSeries>("ElectricalSeries").add<ElectrodesTable>("DynamicTable");
//     h5kit::graph::LoadedGraph g = h5kit::graph::load_graph(file, types);
//     for (const auto& p : g.problems()) std::cerr << p.to_string() << '\n';
//     auto es = g.model<ElectricalSeries>("/acquisition/es");     // std::shared_ptr<const ElectricalSeries>
//     es->electrodes.table.get();                                 // the one ElectrodesTable instance
//     g.root()->child("acquisition").get()->children();           // generic view of every node
//
// The graph is built (dependency_graph), ordered (read_order: dependencies first, the root last) and
// walked in that order. Each node is loaded once, at its canonical path: a registered type into its
// model (load<T>, every problem collected with its path), everything into a Node (attributes as
// values, children as shared handles, datasets lazily). References, soft-linked and hard-aliased
// children all become handles to that one instance. Reference cycles are a value (cycles()), never
// an exception: their members are loaded after the rest, and their references bound once all exist.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "h5kit/graph/dependency_graph.hpp"
#include "h5kit/graph/load_node.hpp"
#include "h5kit/graph/load_registry.hpp"
#include "h5kit/graph/read_order.hpp"
#include "h5kit/model/problems.hpp"

namespace h5kit::graph {

struct LoadGraphOptions {
  // How the graph is built: the skip predicate (default: /specifications and below are left out;
  // references into it keep their path) and a progress callback.
  GraphOptions graph{};
  // Members of reference cycles, and the nodes that depend on them, are loaded after the others
  // (their references bound once all of them exist). false: they are left out, and references to
  // them keep only their path (NodeRef::State::not_loaded).
  bool load_cycles = true;
};

namespace detail {
struct GraphStore;
}

class LoadedGraph {
 public:
  // The node of the group the graph was loaded from.
  std::shared_ptr<const Node> root() const;
  // The node at a canonical path; null when no node was loaded there.
  std::shared_ptr<const Node> node(std::string_view canonical_path) const;
  // The node at any path: canonical, a hard alias, a soft link, relative to the root. Null when
  // nothing loaded is there.
  std::shared_ptr<const Node> find(std::string_view path) const;
  // The model at a path (as find()); null when there is none or it is not a T.
  template <class T>
  std::shared_ptr<const T> model(std::string_view path) const {
    const auto n = find(path);
    return n ? n->model<T>() : nullptr;
  }
  // Every loaded model of type T, in load order.
  template <class T>
  std::vector<std::shared_ptr<const T>> models() const {
    std::vector<std::shared_ptr<const T>> out;
    for (const std::string& p : order())
      if (auto m = node(p)->model<T>()) out.push_back(std::move(m));
    return out;
  }

  // Canonical paths in the order they were loaded: dependencies first, the root after everything it
  // reaches; then cycle members and the nodes that depend on them (when loaded).
  const std::vector<std::string>& order() const;
  // The read order the loader walked (generations for parallel loading, cycles, blocked nodes).
  const ReadOrder& read_order() const;
  // Each reference cycle's members (empty when there is none).
  const std::vector<std::vector<std::string>>& cycles() const;
  const DependencyGraph& graph() const;
  const FileIndex& index() const;

  // Every problem of every node: models that do not fit their group or dataset (each problem with
  // its path), nodes of a registered type that are the wrong kind of object, Ref fields that point
  // at a node of another type or at nothing.
  const std::vector<Problem>& problems() const;
  // No problems and no cycles.
  bool ok() const;
  // ValidationError ("load graph") listing every problem; does nothing when there is none.
  void throw_if_problems() const;

  // References read from datasets (a reference column, a TimeSeriesReference compound...) as
  // handles to the loaded nodes.
  NodeRef resolve(const ObjectReference& reference) const;
  NodeRef resolve(const RegionReference& reference) const;

  std::size_t size() const;  // nodes loaded

 private:
  friend class GraphLoader;
  LoadedGraph() = default;  // made by load_graph() only
  std::shared_ptr<const detail::GraphStore> store_;
};

// Loads the graph of `start` (the file's root or any group) and everything it reaches.
LoadedGraph load_graph(const Group& start, const TypeRegistry& registry, const LoadGraphOptions& options = {});
// Opens the file read-only; it stays open while the graph (or any handle from it) lives.
LoadedGraph load_graph(std::string_view file_path, const TypeRegistry& registry, const LoadGraphOptions& options = {});

}  // namespace h5kit::graph

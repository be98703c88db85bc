// graph_refs/h5kit: the file graph and the reference inventory of a file with 100,001 objects and
// 10,000 references (the input is written by h5py_graph_bench.py --make-input; run.sh passes its path in
// $H5KIT_BENCH_GRAPH_INPUT). One iteration = open the file, one FileIndex walk, dependency_graph and
// inventory over the whole file: what `h5kit graph` and `h5kit refs` do. Its h5py twin is the same walk
// in h5py (visititems, every attribute read, each reference dereferenced for its name).
#include <cstdlib>
#include <string>

#include <h5kit/file.hpp>
#include <h5kit/graph.hpp>

#include "bench_common.hpp"

namespace bench {

namespace {

constexpr std::size_t kObjects = 1 + 1000 + 1000 * 99;
constexpr std::size_t kReferences = 1000 * 10;

void graph_refs(benchmark::State& state) {
  const char* input = std::getenv("H5KIT_BENCH_GRAPH_INPUT");
  if (input == nullptr || *input == '\0') {
    state.SkipWithError("H5KIT_BENCH_GRAPH_INPUT is not set (bench/run.sh writes the input)");
    return;
  }
  std::size_t nodes = 0, edges = 0, refs = 0;
  auto once = [&] {
    const h5kit::File f(input, "r");
    const h5kit::graph::FileIndex index(f);
    const h5kit::graph::DependencyGraph g = h5kit::graph::dependency_graph(index, f);
    const auto inventory = h5kit::graph::inventory(f, index);
    nodes = g.nodes.size();
    edges = g.edges.size();
    refs = inventory.size();
  };
  once();  // warm-up (bench_common.hpp)
  for (auto _ : state) once();
  if (nodes != kObjects || refs != kReferences || edges != (kObjects - 1) + kReferences)
    state.SkipWithError(("graph_refs: " + std::to_string(nodes) + " nodes, " + std::to_string(edges) + " edges, " +
                         std::to_string(refs) + " references")
                            .c_str());
  state.counters["nodes"] = static_cast<double>(nodes);
  state.counters["references"] = static_cast<double>(refs);
}

}  // namespace

void register_graph() {
  benchmark::RegisterBenchmark("graph_refs/h5kit", guarded<graph_refs>)->Unit(benchmark::kMillisecond);
}

}  // namespace bench

// Read order: networkx's topological generations (Kahn's algorithm over node insertion order and each
// node's successors in edge insertion order), reversed; cycles found with Tarjan's algorithm.
#include "h5kit/graph/read_order.hpp"

#include <algorithm>
#include <functional>
#include <unordered_map>

namespace h5kit::graph {

ReadOrder read_order(const DependencyGraph& graph) {
  const std::size_t n = graph.nodes.size();
  std::unordered_map<std::string, std::size_t> at;
  for (std::size_t i = 0; i < n; ++i) at.emplace(graph.nodes[i].path, i);
  // Successors once per pair (a DiGraph), in insertion order.
  std::vector<std::vector<std::size_t>> succ(n);
  std::vector<std::size_t> indegree(n, 0);
  {
    std::vector<std::unordered_map<std::size_t, bool>> seen(n);
    for (const GraphEdge& e : graph.edges) {
      const auto f = at.find(e.from), t = at.find(e.to);
      if (f == at.end() || t == at.end()) continue;
      if (!seen[f->second].emplace(t->second, true).second) continue;
      succ[f->second].push_back(t->second);
      ++indegree[t->second];
    }
  }
  std::vector<std::vector<std::size_t>> gens;
  std::vector<std::size_t> zero;
  for (std::size_t i = 0; i < n; ++i)
    if (indegree[i] == 0) zero.push_back(i);
  std::vector<bool> placed(n, false);
  while (!zero.empty()) {
    std::vector<std::size_t> gen = std::move(zero);
    zero.clear();
    for (std::size_t v : gen) {
      placed[v] = true;
      for (std::size_t c : succ[v])
        if (--indegree[c] == 0) zero.push_back(c);
    }
    gens.push_back(std::move(gen));
  }
  ReadOrder out;
  for (auto g = gens.rbegin(); g != gens.rend(); ++g) {
    std::vector<std::string> names;
    for (auto v = g->rbegin(); v != g->rend(); ++v) names.push_back(graph.nodes[*v].path);
    out.order.insert(out.order.end(), names.begin(), names.end());
    out.generations.push_back(std::move(names));
  }
  if (std::all_of(placed.begin(), placed.end(), [](bool b) { return b; })) return out;

  // Tarjan's strongly connected components over the nodes left, iteratively (deep files must not
  // exhaust the stack).
  std::vector<long> index(n, -1), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<std::size_t> stack;
  std::vector<std::size_t> component(n, static_cast<std::size_t>(-1));
  std::vector<std::vector<std::size_t>> components;
  long counter = 0;
  for (std::size_t root = 0; root < n; ++root) {
    if (placed[root] || index[root] >= 0) continue;
    std::vector<std::pair<std::size_t, std::size_t>> work{{root, 0}};
    while (!work.empty()) {
      auto& [v, next] = work.back();
      if (next == 0 && index[v] < 0) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        on_stack[v] = true;
      }
      bool descended = false;
      while (next < succ[v].size()) {
        const std::size_t w = succ[v][next++];
        if (placed[w]) continue;
        if (index[w] < 0) {
          work.emplace_back(w, 0);
          descended = true;
          break;
        }
        if (on_stack[w]) low[v] = std::min(low[v], index[w]);
      }
      if (descended) continue;
      if (low[v] == index[v]) {
        std::vector<std::size_t> members;
        std::size_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          component[w] = components.size();
          members.push_back(w);
        } while (w != v);
        components.push_back(std::move(members));
      }
      const std::size_t finished = v;
      work.pop_back();
      if (!work.empty()) low[work.back().first] = std::min(low[work.back().first], low[finished]);
    }
  }
  // With a cycle, networkx's sources-first pass places nodes whose dependencies are not loadable (the
  // root above a cycle). Load order needs the other direction: a node is loadable once everything it
  // points to is. So the order is rebuilt from the sinks, generation by generation.
  out.order.clear();
  out.generations.clear();
  {
    std::vector<std::size_t> remaining(n, 0);
    std::vector<std::vector<std::size_t>> pred(n);
    for (std::size_t v = 0; v < n; ++v) {
      remaining[v] = succ[v].size();
      for (std::size_t w : succ[v]) pred[w].push_back(v);
    }
    std::vector<std::size_t> ready;
    for (std::size_t v = 0; v < n; ++v)
      if (remaining[v] == 0) ready.push_back(v);
    std::fill(placed.begin(), placed.end(), false);
    while (!ready.empty()) {
      std::vector<std::size_t> gen = std::move(ready);
      ready.clear();
      std::vector<std::string> names;
      for (std::size_t v : gen) {
        placed[v] = true;
        names.push_back(graph.nodes[v].path);
        for (std::size_t p : pred[v])
          if (--remaining[p] == 0) ready.push_back(p);
      }
      out.order.insert(out.order.end(), names.begin(), names.end());
      out.generations.push_back(std::move(names));
    }
  }
  std::vector<bool> in_cycle(n, false);
  for (const auto& members : components) {
    const std::size_t v = members.front();
    const bool self = std::find(succ[v].begin(), succ[v].end(), v) != succ[v].end();
    if (members.size() < 2 && !self) continue;
    std::vector<std::size_t> sorted = members;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::string> names;
    for (std::size_t m : sorted) {
      in_cycle[m] = true;
      names.push_back(graph.nodes[m].path);
    }
    out.cycles.push_back(std::move(names));
  }
  std::sort(out.cycles.begin(), out.cycles.end(),
            [&](const auto& a, const auto& b) { return at[a.front()] < at[b.front()]; });
  for (std::size_t i = 0; i < n; ++i)
    if (!placed[i] && !in_cycle[i]) out.blocked.push_back(graph.nodes[i].path);
  return out;
}

}  // namespace h5kit::graph

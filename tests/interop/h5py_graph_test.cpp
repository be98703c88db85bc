// The graph layer against h5py's view of the same files (tests/interop/h5py_graph.py): objects and
// canonical paths (h5py's name after dereference), every alias, every reference and its target, the
// graph's nodes and edges, and the read order.
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <h5kit/graph.hpp>
#include <h5kit/h5kit.hpp>

#include "graph/corpus.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

// Writes h5kit's answers for `file` in h5py_graph.py's format and runs its check.
::testing::AssertionResult check_against_h5py(const TempDir& dir, const std::string& file, bool with_order) {
  const std::string view = dir / "view.txt";
  const std::string graph_json = dir / "graph.json";
  {
    File f(file, "r");
    const graph::FileIndex index(f);
    std::ofstream out(view);
    for (const auto& o : index.objects()) {
      out << "object\t" << o.path << "\n";
      for (const auto& a : o.aliases) out << "alias\t" << a << "\t" << o.path << "\n";
    }
    for (const auto& r : graph::inventory(f, index))
      out << "ref\t" << r.location.to_string() << "\t"
          << (r.is_null ? std::string("<null>") : r.target_path.value_or("<unresolved>")) << "\n";
    const auto g = graph::dependency_graph(index, f);
    if (with_order) {
      const auto order = graph::read_order(graph::filter(g));
      for (const auto& p : order.order) out << "order\t" << p << "\n";
    }
    std::ofstream(graph_json) << graph::to_json(g);
  }
  return run_peer_case("h5py_graph.py", "check", {file, view, graph_json});
}

class H5pyGraph : public ::testing::TestWithParam<std::pair<const char*, bool>> {};

TEST_P(H5pyGraph, SameObjectsReferencesGraphAndOrderAsH5py) {
  H5KIT_REQUIRE_CORPUS();
  TempDir dir;
  EXPECT_TRUE(check_against_h5py(dir, corpus_file(GetParam().first), GetParam().second));
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, H5pyGraph,
    ::testing::Values(std::pair{"ecephys.nwb", true}, std::pair{"nwb_20b.nwb", true}, std::pair{"hdmf_generic.h5", true},
                      std::pair{"hard_alias.h5", true}, std::pair{"dense.h5", true},
                      std::pair{"one_field_compound.h5", true}, std::pair{"ref_2d.h5", true},
                      std::pair{"ref_array_attr.h5", true}, std::pair{"nested_compound.h5", true},
                      std::pair{"region_refs.h5", true}, std::pair{"child_referenced.h5", true},
                      std::pair{"cycle.h5", false}, std::pair{"null_refs.h5", true}, std::pair{"dangling_soft.h5", true},
                      std::pair{"external_links.h5", true}, std::pair{"vlen_refs.h5", true},
                      std::pair{"specs_variants.h5", true}),
    [](const auto& param_info) {
      std::string name = param_info.param.first;
      for (char& c : name)
        if (c == '.' || c == '-') c = '_';
      return name;
    });

}  // namespace
}  // namespace h5kit::test

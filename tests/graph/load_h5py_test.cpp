// The loaded generic tree against h5py's view of the same corpus files: every object h5py visits
// (outside /specifications) is one node at h5py's name, with h5py's attribute names and member names,
// and every reference attribute resolves to the node h5py dereferences it to.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "graph/corpus.hpp"
#include "h5kit/graph/load.hpp"

namespace h5kit::test {
namespace {

// h5py: {name: {"attrs": [...], "refs": {attr: target name}, "children": [...]}} for the root and
// every object visititems reaches (each at the first path in name order: the canonical path).
constexpr const char* kH5pyView = R"PY(
import h5py, json, sys
f = h5py.File(sys.argv[1], "r")
out = {}
def visit(name, obj):
    if obj.name.startswith("/specifications"):
        return
    d = {"attrs": sorted(obj.attrs.keys()), "refs": {}}
    for k in obj.attrs.keys():
        v = obj.attrs[k]
        if isinstance(v, h5py.Reference) and not isinstance(v, h5py.RegionReference) and v:
            d["refs"][k] = f[v].name
    if isinstance(obj, h5py.Group):
        d["children"] = sorted(obj.keys())
    out[obj.name] = d
visit("", f)
f.visititems(visit)
print(json.dumps(out))
)PY";

nlohmann::json h5py_view(const std::string& file) {
  const CommandResult r = run_command(std::string(H5KIT_PEER_PYTHON) + " -c " + shell_quote(kH5pyView) + " " +
                                      shell_quote(file));
  if (r.exit_code != 0) throw std::runtime_error("h5py failed: " + r.output);
  return nlohmann::json::parse(r.output);
}

void expect_same_as_h5py(const std::string& name) {
  SCOPED_TRACE(name);
  const std::string file = corpus_file(name);
  const nlohmann::json view = h5py_view(file);
  ASSERT_GE(view.size(), 3u) << view.dump();
  const graph::LoadedGraph g = graph::load_graph(file, graph::TypeRegistry{});

  std::set<std::string> h5py_paths, loaded(g.order().begin(), g.order().end());
  for (const auto& [path, expected] : view.items()) {
    h5py_paths.insert(path);
    const auto node = g.node(path);
    ASSERT_NE(node, nullptr) << path;
    std::set<std::string> attrs;
    for (const auto& [a, value] : node->attributes()) attrs.insert(a);
    EXPECT_EQ(attrs, expected["attrs"].get<std::set<std::string>>()) << path;
    for (const auto& [a, target] : expected["refs"].items()) {
      const graph::NodeRef& r = node->attribute(a).as_reference();
      EXPECT_EQ(r.path(), target.get<std::string>()) << path << "@" << a;
      EXPECT_EQ(r.get().get(), g.node(target.get<std::string>()).get()) << path << "@" << a;
    }
    if (expected.contains("children")) {
      std::set<std::string> children;
      for (const auto& [c, link] : node->children()) children.insert(c);
      EXPECT_EQ(children, expected["children"].get<std::set<std::string>>()) << path;
    }
  }
  EXPECT_EQ(loaded, h5py_paths);
}

TEST(GraphLoadH5py, TheGenericTreeIsWhatH5pySees) {
  H5KIT_REQUIRE_CORPUS();
  for (const char* name : {"ecephys.nwb", "nwb_20b.nwb", "hdmf_generic.h5", "hard_alias.h5", "ref_array_attr.h5",
                           "child_referenced.h5"}) {
    expect_same_as_h5py(name);
  }
}

}  // namespace
}  // namespace h5kit::test

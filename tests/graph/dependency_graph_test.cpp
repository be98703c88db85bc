// Dependency graph, filter, read order and specifications over the corpus, bad cases included.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include <h5kit/graph.hpp>
#include <h5kit/h5kit.hpp>

#include "graph/corpus.hpp"

namespace h5kit::test {
namespace {

using graph::EdgeLabel;
using graph::EdgeVia;

bool has_edge(const graph::DependencyGraph& g, const std::string& from, const std::string& to, EdgeLabel label,
              EdgeVia via = EdgeVia::none) {
  return std::any_of(g.edges.begin(), g.edges.end(), [&](const graph::GraphEdge& e) {
    return e.from == from && e.to == to && e.label == label && e.via == via;
  });
}

std::set<std::string> node_set(const graph::DependencyGraph& g) {
  std::set<std::string> out;
  for (const auto& n : g.nodes) out.insert(n.path);
  return out;
}

std::size_t position(const std::vector<std::string>& order, const std::string& path) {
  return static_cast<std::size_t>(std::find(order.begin(), order.end(), path) - order.begin());
}

TEST(DependencyGraph, EcephysNodesEdgesAndSoftLinkedChildren) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("ecephys.nwb"), "r");
  const auto g = graph::dependency_graph(f);
  EXPECT_EQ(g.root, "/");
  const auto nodes = node_set(g);
  for (const auto& n : nodes) EXPECT_NE(n.rfind("/specifications", 0), 0U) << n;
  EXPECT_TRUE(nodes.count("/units/spike_times"));
  // The upstream test: the LFP series' electrodes is a child edge to the acquisition region.
  EXPECT_TRUE(has_edge(g, "/processing/ecephys/LFP/ElectricalSeries", "/acquisition/ElectricalSeries/electrodes",
                       EdgeLabel::child, EdgeVia::soft));
  EXPECT_TRUE(has_edge(g, "/processing/ecephys/LFP/ElectricalSeries", "/acquisition/ElectricalSeries/timestamps",
                       EdgeLabel::child, EdgeVia::soft));
  EXPECT_FALSE(nodes.count("/processing/ecephys/LFP/ElectricalSeries/electrodes"));  // link paths are never nodes
  EXPECT_TRUE(has_edge(g, "/acquisition/ElectricalSeries/electrodes", "/general/extracellular_ephys/electrodes",
                       EdgeLabel::reference));
  EXPECT_TRUE(has_edge(g, "/general/extracellular_ephys/shank0", "/general/devices/array", EdgeLabel::child,
                       EdgeVia::soft));
  // .specloc -> /specifications is skipped, as nwb-linkml's pattern does.
  EXPECT_FALSE(std::any_of(g.edges.begin(), g.edges.end(), [](const auto& e) { return e.to == "/specifications"; }));
  // 12 group references from one column: a multiset, one edge each.
  EXPECT_EQ(g.out_edges("/general/extracellular_ephys/electrodes/group").size(), 12U);
  const auto* root = g.node("/");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->string_attr("neurodata_type"), "NWBFile");
  const auto* region = g.node("/acquisition/ElectricalSeries/electrodes");
  ASSERT_NE(region, nullptr);
  ASSERT_NE(region->attr("table"), nullptr);
  EXPECT_EQ(region->attr("table")->json, "\"/general/extracellular_ephys/electrodes\"");
}

TEST(DependencyGraph, JsonExportHasTheSpecShape) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("dangling_soft.h5"), "r");
  const auto g = graph::dependency_graph(f);
  const auto j = nlohmann::json::parse(graph::to_json(g));
  EXPECT_EQ(j["root"], "/");
  ASSERT_TRUE(j["nodes"].is_array());
  EXPECT_EQ(j["nodes"].size(), 3U);  // /, /g, /g/data
  for (const auto& n : j["nodes"]) {
    EXPECT_TRUE(n.contains("path"));
    EXPECT_TRUE(n["attrs"].is_object());
  }
  bool soft_child = false;
  for (const auto& e : j["edges"]) {
    EXPECT_TRUE(e["label"] == "child" || e["label"] == "reference");
    if (e["to"] == "/g/data" && e["via"] == "soft") soft_child = true;
  }
  EXPECT_TRUE(soft_child);
  ASSERT_EQ(j["links"].size(), 1U);
  EXPECT_EQ(j["links"][0]["at"], "/g/dangling");
  EXPECT_EQ(j["links"][0]["via"], "soft");
  EXPECT_EQ(j["links"][0]["target_path"], "/nowhere");
  EXPECT_EQ(j["links"][0]["dangling"], true);
  const std::string dot = graph::to_dot(g);
  EXPECT_EQ(dot.rfind("digraph", 0), 0U);
  EXPECT_NE(dot.find("\"/g\" -> \"/g/data\""), std::string::npos);
  EXPECT_NE(dot.find("dangling"), std::string::npos);
}

TEST(DependencyGraph, ExternalLinksAreRecordsAndNeverForeignPaths) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("external_links.h5"), "r");
  const auto g = graph::dependency_graph(f);
  EXPECT_EQ(node_set(g), (std::set<std::string>{"/", "/g", "/g/local"}));
  ASSERT_EQ(g.links.size(), 3U);
  std::map<std::string, bool> dangling;
  for (const auto& l : g.links) {
    EXPECT_EQ(l.via, EdgeVia::external);
    dangling[l.at] = l.dangling;
  }
  EXPECT_FALSE(dangling.at("/g/ext_present"));
  EXPECT_TRUE(dangling.at("/g/ext_missing"));
  EXPECT_TRUE(dangling.at("/g/ext_bad_path"));
}

TEST(DependencyGraph, BadFilesNeverThrow) {
  H5KIT_REQUIRE_CORPUS();
  for (const char* name : {"null_refs.h5", "null_dataspace.h5", "empty_compound.h5", "one_field_compound.h5", "ref_2d.h5",
                           "ref_array_attr.h5", "nested_compound.h5", "region_refs.h5", "cycle.h5", "vlen_refs.h5",
                           "nwb_20b.nwb", "hdmf_generic.h5", "specs_variants.h5", "dense.h5", "hard_alias.h5"}) {
    SCOPED_TRACE(name);
    File f(corpus_file(name), "r");
    graph::DependencyGraph g;
    EXPECT_NO_THROW(g = graph::dependency_graph(f));
    EXPECT_NO_THROW(graph::to_json(g));
    EXPECT_NO_THROW(graph::to_dot(g));
    EXPECT_NO_THROW(graph::read_order(graph::filter(g)));
    for (const auto& e : g.edges) {
      EXPECT_NE(g.node(e.from), nullptr) << e.from;
      EXPECT_NE(g.node(e.to), nullptr) << e.to;
    }
  }
}

TEST(DependencyGraph, ChildThatIsAlsoReferencedKeepsBothEdges) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("child_referenced.h5"), "r");
  const auto g = graph::dependency_graph(f);
  EXPECT_TRUE(has_edge(g, "/parent", "/parent/child", EdgeLabel::child));
  EXPECT_TRUE(has_edge(g, "/parent", "/parent/child", EdgeLabel::reference));
  const auto compat = graph::compat::nwb_linkml_view(g);
  const auto n = std::count_if(compat.edges.begin(), compat.edges.end(),
                               [](const auto& e) { return e.from == "/parent" && e.to == "/parent/child"; });
  EXPECT_EQ(n, 1);
  for (const auto& e : compat.edges) {
    if (e.from == "/parent" && e.to == "/parent/child") {
      EXPECT_EQ(e.label, EdgeLabel::child);
    }
  }
}

TEST(DependencyGraph, HardAliasesAreOneNodeWithAliasEdges) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("hard_alias.h5"), "r");
  const auto g = graph::dependency_graph(f);
  EXPECT_TRUE(node_set(g).count("/alias/x"));
  EXPECT_FALSE(node_set(g).count("/g/x"));
  EXPECT_FALSE(node_set(g).count("/g"));
  EXPECT_TRUE(has_edge(g, "/", "/alias", EdgeLabel::child, EdgeVia::hard_alias));  // the link "g"
  EXPECT_TRUE(has_edge(g, "/", "/alias/x", EdgeLabel::child, EdgeVia::soft));       // link_to_x
  EXPECT_TRUE(has_edge(g, "/holder", "/alias/x", EdgeLabel::reference));
}

TEST(DependencyGraph, FromASubgroup) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("ecephys.nwb"), "r");
  const auto g = graph::dependency_graph(f.group("processing"));
  EXPECT_EQ(g.root, "/processing");
  const auto* target = g.node("/acquisition/ElectricalSeries/electrodes");
  ASSERT_NE(target, nullptr);  // reached through the soft link
  EXPECT_TRUE(target->outside);
  EXPECT_TRUE(target->attrs.empty());
  EXPECT_FALSE(node_set(g).count("/units"));
  const auto inside = g.node("/processing/ecephys/LFP");
  ASSERT_NE(inside, nullptr);
  EXPECT_FALSE(inside->outside);
}

TEST(Filter, SinglePassIsNwbLinkmlsAndIteratedGoesToAFixPoint) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("hdmf_generic.h5"), "r");
  const auto g = graph::dependency_graph(f);
  const auto single = node_set(graph::filter(g));
  // neurodata_type only: every untyped leaf goes (col, untyped_leaf, plain/deeper); col_index stays (out-edge).
  EXPECT_FALSE(single.count("/table/col"));
  EXPECT_FALSE(single.count("/plain/deeper"));
  EXPECT_TRUE(single.count("/plain"));  // its out-degree was 1 before the pass
  EXPECT_TRUE(single.count("/table/col_index"));
  graph::FilterOptions iterate;
  iterate.iterate = true;
  EXPECT_FALSE(node_set(graph::filter(g, iterate)).count("/plain"));
  graph::FilterOptions typed;
  typed.data_type = true;
  const auto with_data_type = node_set(graph::filter(g, typed));
  EXPECT_TRUE(with_data_type.count("/table/col"));
  EXPECT_FALSE(with_data_type.count("/table/untyped_leaf"));
}

TEST(ReadOrder, DependenciesFirstRootLastWithGenerations) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("ecephys.nwb"), "r");
  const auto g = graph::filter(graph::dependency_graph(f));
  const auto order = graph::read_order(g);
  ASSERT_TRUE(order.ok());
  ASSERT_EQ(order.order.size(), g.nodes.size());
  EXPECT_EQ(order.order.back(), "/");
  for (const auto& e : g.edges) EXPECT_LT(position(order.order, e.to), position(order.order, e.from)) << e.from << " -> " << e.to;
  std::vector<std::string> flat;
  for (const auto& gen : order.generations) flat.insert(flat.end(), gen.begin(), gen.end());
  EXPECT_EQ(flat, order.order);
  EXPECT_LT(position(order.order, "/general/extracellular_ephys/electrodes"),
            position(order.order, "/acquisition/ElectricalSeries/electrodes"));
}

TEST(ReadOrder, CyclesAreAValueListingTheirMembers) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("cycle.h5"), "r");
  const auto order = graph::read_order(graph::dependency_graph(f));
  EXPECT_FALSE(order.ok());
  std::set<std::vector<std::string>> cycles(order.cycles.begin(), order.cycles.end());
  EXPECT_TRUE(cycles.count({"/a", "/b"}));
  EXPECT_TRUE(cycles.count({"/self"}));
  EXPECT_TRUE(cycles.count({"/parent", "/parent/child"}));
  EXPECT_EQ(order.cycles.size(), 3U);
  EXPECT_EQ(order.order, (std::vector<std::string>{"/free"}));
  EXPECT_EQ(order.blocked, (std::vector<std::string>{"/"}));
}

TEST(Specs, TwoNamespacesVlenAndFixedLengthStrings) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("ecephys.nwb"), "r");
  const auto specs = graph::read_specs(f);
  ASSERT_TRUE(specs.present);
  ASSERT_EQ(specs.namespaces.size(), 2U);
  const auto& hdmf = specs.namespaces.at("hdmf-common").at("1.8.0");
  const auto table = nlohmann::json::parse(hdmf.at("table"));
  EXPECT_EQ(table["groups"][0]["data_type_def"], "DynamicTable");
  const auto core = nlohmann::json::parse(specs.namespaces.at("core").at("2.7.0").at("nwb.base"));
  EXPECT_EQ(core["groups"][0]["neurodata_type_def"], "TimeSeries");
  ASSERT_EQ(specs.versions.size(), 2U);
  EXPECT_EQ(specs.versions[0].name, "core");
  EXPECT_EQ(specs.versions[0].version, "2.7.0");
  EXPECT_EQ(specs.versions[1].name, "hdmf-common");
  EXPECT_EQ(specs.versions[1].version, "1.8.0");
  EXPECT_TRUE(specs.unexpected.empty());
  EXPECT_TRUE(specs.problems.empty());
  EXPECT_EQ(specs.flattened().at("core").count("namespace"), 1U);
  EXPECT_EQ(nlohmann::json::parse(specs.to_json())["present"], true);
}

TEST(Specs, NoSpecificationsIsAValue) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("nwb_20b.nwb"), "r");
  const auto specs = graph::read_specs(f);
  EXPECT_FALSE(specs.present);
  EXPECT_TRUE(specs.namespaces.empty());
}

TEST(Specs, UnversionedNamespaceHasNoVersion) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("hdmf_generic.h5"), "r");
  const auto specs = graph::read_specs(f);
  ASSERT_EQ(specs.versions.size(), 1U);
  EXPECT_EQ(specs.versions[0].name, "test_core");
  EXPECT_FALSE(specs.versions[0].version.has_value());
  EXPECT_EQ(specs.versions[0].declared_in, "test_core/unversioned");
  EXPECT_EQ(specs.namespaces.at("test_core").count("unversioned"), 1U);
}

TEST(Specs, VersionsKeptApartAndOddDatasetsReported) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("specs_variants.h5"), "r");
  const auto specs = graph::read_specs(f);
  EXPECT_EQ(specs.namespaces.at("core").size(), 2U);
  const auto old_base = nlohmann::json::parse(specs.namespaces.at("core").at("2.6.0").at("nwb.base"));
  EXPECT_EQ(old_base["groups"][0]["doc"], "old");
  // nwb-linkml's flattened view: the later version wins.
  EXPECT_EQ(nlohmann::json::parse(specs.flattened().at("core").at("nwb.base"))["groups"][0]["doc"], "new");
  EXPECT_EQ(specs.unexpected, (std::vector<std::string>{"/specifications/core/2.7.0/deeper/too_deep",
                                                        "/specifications/core/stray_version",
                                                        "/specifications/stray"}));
  ASSERT_EQ(specs.problems.size(), 2U);
  EXPECT_EQ(specs.problems[0].path, "/specifications/ndx-test/0.1.0/broken");
  EXPECT_EQ(specs.problems[1].path, "/specifications/ndx-test/0.1.0/numbers");
  EXPECT_EQ(specs.namespaces.at("ndx-test").at("0.1.0").count("ndx-test.extensions"), 1U);
}

}  // namespace
}  // namespace h5kit::test

// load_graph on the corpus (tests/interop/nwb_corpus.py, written by h5py): typed models for the
// registered types, shared instances for references and soft-linked children, a generic tree for
// the rest, lazy datasets, dependency order.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "graph/corpus.hpp"
#include "graph/load_models.hpp"
#include "h5kit/graph/load.hpp"

namespace h5kit::test {
namespace {

using namespace nwb;
using graph::LoadedGraph;
using graph::NodeRef;

std::string problems_text(const LoadedGraph& g) {
  std::string s;
  for (const Problem& p : g.problems()) s += p.to_string() + " [" + p.model_path + "]\n";
  return s;
}

constexpr const char* kEs = "/acquisition/ElectricalSeries";
constexpr const char* kLfp = "/processing/ecephys/LFP/ElectricalSeries";
constexpr const char* kTable = "/general/extracellular_ephys/electrodes";

TEST(GraphLoad, RegisteredTypesBecomeModels) {
  H5KIT_REQUIRE_CORPUS();
  const LoadedGraph g = graph::load_graph(corpus_file("ecephys.nwb"), ecephys_types());
  ASSERT_TRUE(g.problems().empty()) << problems_text(g);
  EXPECT_TRUE(g.ok());

  const auto es = g.model<ElectricalSeries>(kEs);
  ASSERT_NE(es, nullptr);
  EXPECT_EQ(es->data.shape(), (Shape{50, 12}));
  EXPECT_FLOAT_EQ(es->data.values()(49, 11), 599.0f);
  EXPECT_DOUBLE_EQ(es->timestamps.values()(10), 1.0);
  EXPECT_EQ(es->electrodes.values().size(), 12u);

  const auto table = g.model<ElectrodesTable>(kTable);
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->colnames, (std::vector<std::string>{"location", "group", "label"}));
  EXPECT_EQ(table->label.values()(11), "e11");

  // Exactly the registered nodes have models; the rest are generic.
  std::set<std::string> typed;
  for (const std::string& p : g.order())
    if (g.node(p)->has_model()) typed.insert(p);
  EXPECT_EQ(typed, (std::set<std::string>{kEs, kLfp, kTable, std::string(kEs) + "/electrodes"}));
  EXPECT_EQ(g.models<ElectricalSeries>().size(), 2u);
  EXPECT_EQ(g.node("/units")->model<ElectrodesTable>(), nullptr);  // type Units: not registered
  EXPECT_EQ(g.node(kTable)->model<ElectricalSeries>(), nullptr);   // a model of another type
}

TEST(GraphLoad, BothElectricalSeriesShareOneElectrodesTableAndOneRegion) {
  H5KIT_REQUIRE_CORPUS();
  const LoadedGraph g = graph::load_graph(corpus_file("ecephys.nwb"), ecephys_types());
  ASSERT_TRUE(g.problems().empty()) << problems_text(g);
  const auto es = g.model<ElectricalSeries>(kEs);
  const auto lfp = g.model<ElectricalSeries>(kLfp);
  const auto table = g.model<ElectrodesTable>(kTable);
  ASSERT_TRUE(es && lfp && table);

  // The `table` reference of both regions is the one table model, not a copy.
  EXPECT_EQ(es->electrodes.table.get().get(), table.get());
  EXPECT_EQ(lfp->electrodes.table.get().get(), table.get());
  EXPECT_EQ(es->electrodes.table.path(), kTable);

  // The LFP series' electrodes is a soft link to the acquisition series' region: one node, one
  // DynamicTableRegion model (nwb-linkml re-reads it as a copy).
  const NodeRef& a = g.node(kEs)->child("electrodes");
  const NodeRef& b = g.node(kLfp)->child("electrodes");
  ASSERT_TRUE(a.is_loaded() && b.is_loaded());
  EXPECT_EQ(a.get().get(), b.get().get());
  EXPECT_EQ(b.path(), std::string(kEs) + "/electrodes");
  EXPECT_EQ(g.node(kLfp)->children().at("electrodes").via, graph::EdgeVia::soft);
  EXPECT_EQ(g.node(kEs)->children().at("electrodes").via, graph::EdgeVia::none);
  const auto region = a.get()->model<DynamicTableRegion>();
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(region.get(), b.get()->model<DynamicTableRegion>().get());
  EXPECT_EQ(region->table.get().get(), table.get());
  // find() takes the link path too.
  EXPECT_EQ(g.find(std::string(kLfp) + "/electrodes").get(), a.get().get());
  EXPECT_EQ(g.model<DynamicTableRegion>(std::string(kLfp) + "/electrodes").get(), region.get());

  // Handles keep the whole graph alive, and the Refs inside stay bound.
  std::shared_ptr<const ElectricalSeries> kept;
  {
    const LoadedGraph again = graph::load_graph(corpus_file("ecephys.nwb"), ecephys_types());
    kept = again.model<ElectricalSeries>(kLfp);
  }
  ASSERT_NE(kept, nullptr);
  ASSERT_TRUE(kept->electrodes.table.is_bound());
  EXPECT_EQ(kept->electrodes.table.get()->label.values()(0), "e0");
}

TEST(GraphLoad, UnregisteredNodesFormAGenericTree) {
  H5KIT_REQUIRE_CORPUS();
  const LoadedGraph g = graph::load_graph(corpus_file("ecephys.nwb"), graph::TypeRegistry{});
  ASSERT_TRUE(g.problems().empty()) << problems_text(g);
  const auto root = g.root();
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->path(), "/");
  EXPECT_EQ(root->type_name(), "NWBFile");
  EXPECT_EQ(root->attribute("nwb_version").as_string(), "2.7.0");

  // /specifications is skipped: the child and the root's .specloc reference keep the path only.
  const NodeRef& specs = root->child("specifications");
  EXPECT_EQ(specs.state(), NodeRef::State::not_loaded);
  EXPECT_EQ(specs.path(), "/specifications");
  EXPECT_EQ(specs.get(), nullptr);
  const graph::AttributeValue& specloc = root->attribute(".specloc");
  ASSERT_EQ(specloc.kind(), graph::AttributeValue::Kind::reference);
  EXPECT_EQ(specloc.as_reference().state(), NodeRef::State::not_loaded);
  EXPECT_EQ(specloc.as_reference().path(), "/specifications");
  EXPECT_EQ(g.node("/specifications"), nullptr);

  // Groups are ordered maps of children; attributes are values.
  const auto units = root->child("units").get();
  ASSERT_NE(units, nullptr);
  EXPECT_TRUE(units->is_group());
  EXPECT_EQ(units->type_name(), "Units");
  std::vector<std::string> names;
  for (const auto& [name, child] : units->children()) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"id", "quality", "spike_times", "spike_times_index"}));
  EXPECT_EQ(units->attribute("colnames").strings(), (std::vector<std::string>{"spike_times", "quality"}));
  EXPECT_EQ(units->attribute("colnames").shape(), (Shape{2}));
  EXPECT_THROW((void)units->attribute("colnames").as_int(), TypeMismatchError);
  EXPECT_THROW((void)units->attribute("colnames").as_string(), ShapeMismatchError);
  EXPECT_THROW((void)units->attribute("nothing"), NotFoundError);
  EXPECT_THROW((void)units->child("nothing"), NotFoundError);

  // A VectorIndex's target reference is the VectorData node itself.
  const auto index = units->child("spike_times_index").get();
  const auto data = units->child("spike_times").get();
  ASSERT_TRUE(index && data);
  EXPECT_EQ(index->attribute("target").as_reference().get().get(), data.get());
  EXPECT_EQ(index->dtype(), "uint32");
  EXPECT_EQ(index->shape(), (Shape{10}));
  EXPECT_EQ(index->read<std::vector<std::uint32_t>>().back(), 55u);

  // Soft-linked timestamps and the shared region: one node for both parents, generic too.
  EXPECT_EQ(g.node(kLfp)->child("timestamps").get().get(), g.node(kEs)->child("timestamps").get().get());
  const auto region = g.node(kEs)->child("electrodes").get();
  EXPECT_EQ(region->attribute("table").as_reference().get().get(), g.node(kTable).get());
  EXPECT_EQ(region->attribute("table").json(), "\"" + std::string(kTable) + "\"");
  EXPECT_EQ(g.node(std::string(kTable) + "/id")->attribute("neurodata_type").as_string(), "ElementIdentifiers");

  // References read from data resolve to the same nodes: the electrodes `group` column.
  const auto column = g.node(std::string(kTable) + "/group");
  const auto refs = column->read<std::vector<ObjectReference>>();
  ASSERT_EQ(refs.size(), 12u);
  const NodeRef shank = g.resolve(refs[4]);
  EXPECT_EQ(shank.path(), "/general/extracellular_ephys/shank1");
  EXPECT_EQ(shank.get().get(), g.node("/general/extracellular_ephys/shank1").get());
  EXPECT_TRUE(g.resolve(ObjectReference{}).is_null());
  EXPECT_EQ(g.resolve(ObjectReference{1u << 30}).state(), NodeRef::State::dangling);
  // The electrode group's device is a soft link: the one Device node.
  EXPECT_EQ(shank.get()->child("device").get().get(), g.node("/general/devices/array").get());
}

TEST(GraphLoad, NodesAreLoadedDependenciesFirstAndTheRootLast) {
  H5KIT_REQUIRE_CORPUS();
  const LoadedGraph g = graph::load_graph(corpus_file("ecephys.nwb"), ecephys_types());
  ASSERT_TRUE(g.cycles().empty());
  const std::vector<std::string>& order = g.order();
  ASSERT_FALSE(order.empty());
  EXPECT_EQ(order.back(), "/");
  EXPECT_EQ(order, g.read_order().order);
  EXPECT_EQ(order.size(), g.size());
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < order.size(); ++i) position[order[i]] = i;
  std::size_t checked = 0;
  for (const graph::GraphEdge& e : g.graph().edges) {
    if (!position.count(e.from) || !position.count(e.to) || e.from == e.to) continue;
    EXPECT_LT(position[e.to], position[e.from]) << e.from << " -> " << e.to;
    ++checked;
  }
  EXPECT_GT(checked, 20u);
  EXPECT_LT(position[kTable], position[kEs]);  // referent before referrer
  EXPECT_LT(position[std::string(kEs) + "/electrodes"], position[kLfp]);  // soft-linked child before parent
}

TEST(GraphLoad, DatasetsAreReadOnlyWhenTouched) {
  H5KIT_REQUIRE_CORPUS();
  TempDir dir;
  const std::string path = dir / "copy.nwb";
  std::filesystem::copy_file(corpus_file("ecephys.nwb"), path);
  File f(path, "r+");
  const LoadedGraph g = graph::load_graph(f, graph::TypeRegistry{});
  const auto node = g.node(std::string(kEs) + "/data");
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->shape(), (Shape{50, 12}));
  EXPECT_EQ(node->dtype(), "float32");
  // Changed after loading: the node reads what the file holds now, so nothing was read before.
  f.dataset("acquisition/ElectricalSeries/data").write(NDArray<float>(Shape{50, 12}, -1.0f));
  EXPECT_EQ(node->read<NDArray<float>>()(3, 4), -1.0f);
  EXPECT_EQ(node->dataset().select(s(0, 2), 0).read<std::vector<float>>(), (std::vector<float>{-1.0f, -1.0f}));
  EXPECT_THROW((void)g.root()->dataset(), TypeMismatchError);

  // Models registered with LoadOptions::lazy keep their DatasetOf fields unread too.
  const LoadedGraph lazy = graph::load_graph(f, ecephys_types(LoadOptions{.lazy = true}));
  ASSERT_TRUE(lazy.problems().empty()) << problems_text(lazy);
  const auto es = lazy.model<ElectricalSeries>(kEs);
  EXPECT_FALSE(es->data.is_loaded());
  f.dataset("acquisition/ElectricalSeries/data").write(NDArray<float>(Shape{50, 12}, 7.0f));
  EXPECT_EQ(es->data.values()(0, 0), 7.0f);
}

TEST(GraphLoad, FromASubgroupReferencesLeavingItKeepTheirPath) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("ecephys.nwb"), "r");
  const LoadedGraph g = graph::load_graph(f.group("acquisition"), ecephys_types());
  ASSERT_TRUE(g.problems().empty()) << problems_text(g);
  EXPECT_EQ(g.root()->path(), "/acquisition");
  EXPECT_EQ(g.order().back(), "/acquisition");
  EXPECT_EQ(g.node(kTable), nullptr);  // outside the subtree: not loaded
  const auto es = g.model<ElectricalSeries>(kEs);
  ASSERT_NE(es, nullptr);
  EXPECT_FALSE(es->electrodes.table.is_bound());
  EXPECT_EQ(es->electrodes.table.path(), kTable);
  const auto region = g.node(std::string(kEs) + "/electrodes");
  EXPECT_EQ(region->attribute("table").as_reference().state(), NodeRef::State::not_loaded);
}

TEST(GraphLoad, HdmfFilesUseDataTypeAndAliasesAreOneNode) {
  H5KIT_REQUIRE_CORPUS();
  // hdmf-generic: data_type instead of neurodata_type, read by the default registry.
  const LoadedGraph hdmf = graph::load_graph(corpus_file("hdmf_generic.h5"), graph::TypeRegistry{});
  std::size_t typed = 0;
  for (const std::string& p : hdmf.order()) typed += hdmf.node(p)->type_name().empty() ? 0 : 1;
  EXPECT_GT(typed, 0u);
  const LoadedGraph only_nwb = graph::load_graph(corpus_file("hdmf_generic.h5"), graph::TypeRegistry({"neurodata_type"}));
  for (const std::string& p : only_nwb.order()) EXPECT_EQ(only_nwb.node(p)->type_name(), "") << p;

  // Hard aliases: /alias and /g are one group; its children one node each, whichever path.
  const LoadedGraph g = graph::load_graph(corpus_file("hard_alias.h5"), graph::TypeRegistry{});
  const auto holder = g.node("/holder");
  ASSERT_NE(holder, nullptr);
  EXPECT_EQ(holder->attribute("to_x").as_reference().path(), "/alias/x");
  EXPECT_EQ(g.find("/g/x").get(), g.node("/alias/x").get());
  EXPECT_EQ(g.find("link_to_x").get(), g.node("/alias/x").get());
  EXPECT_EQ(g.root()->child("g").get().get(), g.node("/alias").get());
  EXPECT_EQ(g.root()->children().at("g").via, graph::EdgeVia::hard_alias);
  EXPECT_EQ(g.root()->children().at("link_to_x").via, graph::EdgeVia::soft);
}

TEST(GraphLoad, LinksNullReferencesAndRegionsNeverThrow) {
  H5KIT_REQUIRE_CORPUS();
  const LoadedGraph dangling = graph::load_graph(corpus_file("dangling_soft.h5"), graph::TypeRegistry{});
  const NodeRef& d = dangling.node("/g")->child("dangling");
  EXPECT_EQ(d.state(), NodeRef::State::dangling);
  EXPECT_EQ(d.path(), "/nowhere");
  EXPECT_EQ(dangling.node("/g")->child("to_data").get().get(), dangling.node("/g/data").get());

  const LoadedGraph ext = graph::load_graph(corpus_file("external_links.h5"), graph::TypeRegistry{});
  const auto& present = ext.node("/g")->children().at("ext_present");
  EXPECT_EQ(present.target.state(), NodeRef::State::external);
  EXPECT_EQ(present.target_file, "external_target.h5");
  EXPECT_EQ(present.target.path(), "/x");
  for (const std::string& p : ext.order()) EXPECT_EQ(p.find("only_in_target"), std::string::npos);

  const LoadedGraph nulls = graph::load_graph(corpus_file("null_refs.h5"), graph::TypeRegistry{});
  EXPECT_TRUE(nulls.root()->attribute("null_obj").as_reference().is_null());
  EXPECT_TRUE(nulls.root()->attribute("null_region").as_reference().is_null());

  const LoadedGraph empty = graph::load_graph(corpus_file("null_dataspace.h5"), graph::TypeRegistry{});
  EXPECT_EQ(empty.root()->attribute("empty_attr").kind(), graph::AttributeValue::Kind::empty);
  EXPECT_EQ(empty.root()->attribute("empty_attr").size(), 0u);

  // A compound attribute is "other", its value in the graph's JSON form.
  const LoadedGraph nested = graph::load_graph(corpus_file("nested_compound.h5"), graph::TypeRegistry{});
  const graph::AttributeValue& compound = nested.root()->attribute("compound_attr");
  EXPECT_EQ(compound.kind(), graph::AttributeValue::Kind::other);
  EXPECT_NE(compound.json().find("\"/b\""), std::string::npos) << compound.json();
  // Reference arrays in attributes: one handle per element.
  const LoadedGraph arrays = graph::load_graph(corpus_file("ref_array_attr.h5"), graph::TypeRegistry{});
  const auto& many = arrays.node("/holder")->attribute("many").references();
  ASSERT_EQ(many.size(), 3u);
  EXPECT_EQ(many[2].get().get(), arrays.node("/x2").get());

  const LoadedGraph regions = graph::load_graph(corpus_file("region_refs.h5"), graph::TypeRegistry{});
  const NodeRef& rows = regions.root()->attribute("rows_2_5").as_reference();
  EXPECT_EQ(rows.get().get(), regions.node("/data").get());
  ASSERT_TRUE(rows.selection().has_value());
  EXPECT_EQ(regions.node("/data")->dataset().select(*rows.selection()).read<NDArray<std::int64_t>>().shape(),
            (Shape{3, 4}));
}

}  // namespace
}  // namespace h5kit::test

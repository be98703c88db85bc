// load_graph on bad input, with files made by h5kit itself: reference cycles (a value, never an
// exception), models that do not fit their node (every problem with its path), Ref fields pointing at
// the wrong type or at nothing, registry misuse.
#include <gtest/gtest.h>

#include <algorithm>

#include "graph/corpus.hpp"
#include "graph/load_models.hpp"
#include "h5kit/graph/load.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

using graph::LoadedGraph;
using graph::NodeRef;

struct Peer {
  std::string name;
  Ref<Peer> other;
};
BOOST_DESCRIBE_STRUCT(Peer, (), (name, other))

// A Ref to the generic node, whatever its type.
struct Pointer {
  Ref<graph::Node> target;
};
BOOST_DESCRIBE_STRUCT(Pointer, (), (target))

struct Strict {
  std::int32_t rate = 0;
  DatasetOf<float, kAnyExtent, 3> data;
};
BOOST_DESCRIBE_STRUCT(Strict, (), (rate, data))

// Two groups that refer to each other, a third that depends on the cycle, a free one.
void write_cycle(const std::string& path) {
  File f(path, "w");
  const Group a = f.create_group("a");
  const Group b = f.create_group("b");
  a.attrs().set("neurodata_type", std::string("Peer"));
  b.attrs().set("neurodata_type", std::string("Peer"));
  a.attrs().set("name", std::string("A"));
  b.attrs().set("name", std::string("B"));
  a.attrs().set("other", b.reference());
  b.attrs().set("other", a.reference());
  const Group watcher = f.create_group("watcher");
  watcher.attrs().set("neurodata_type", std::string("Pointer"));
  watcher.attrs().set("target", a.reference());
  f.create_dataset("free", std::vector<int>{1, 2});
}

graph::TypeRegistry cycle_types() {
  graph::TypeRegistry types;
  types.add<Peer>("Peer").add<Pointer>("Pointer");
  return types;
}

TEST(GraphLoadBad, ACycleIsAValueAndItsMembersAreStillLoadedAndShared) {
  TempDir dir;
  write_cycle(dir / "cycle.h5");
  LoadedGraph g = graph::load_graph(dir / "cycle.h5", cycle_types());  // no exception
  ASSERT_EQ(g.cycles().size(), 1u);
  std::vector<std::string> members = g.cycles()[0];
  std::sort(members.begin(), members.end());
  EXPECT_EQ(members, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_FALSE(g.ok());
  EXPECT_TRUE(g.problems().empty());  // a cycle is not a model problem
  EXPECT_NO_THROW(g.throw_if_problems());

  // What does not depend on the cycle comes first, in order; the cycle and its dependents after.
  const auto& order = g.order();
  const auto at = [&](const std::string& p) { return std::find(order.begin(), order.end(), p) - order.begin(); };
  EXPECT_EQ(order.size(), 5u);  // "/", /a, /b, /free, /watcher
  EXPECT_LT(at("/free"), at("/a"));
  EXPECT_LT(at("/free"), at("/b"));
  EXPECT_EQ(std::count(g.read_order().blocked.begin(), g.read_order().blocked.end(), "/"), 1);

  const auto a = g.model<Peer>("/a");
  const auto b = g.model<Peer>("/b");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->other.get().get(), b.get());
  EXPECT_EQ(b->other.get().get(), a.get());
  EXPECT_EQ(a->other.get()->other.get()->name, "A");
  // A Ref<graph::Node> takes the node itself.
  const auto w = g.model<Pointer>("/watcher");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->target.get().get(), g.node("/a").get());
  EXPECT_EQ(g.node("/a")->attribute("other").as_reference().get().get(), g.node("/b").get());
  // (No ownership cycle: LeakSanitizer checks that the graph is freed when the last handle goes.)
}

TEST(GraphLoadBad, CyclesCanBeLeftOut) {
  TempDir dir;
  write_cycle(dir / "cycle.h5");
  graph::LoadGraphOptions options;
  options.load_cycles = false;
  const LoadedGraph g = graph::load_graph(dir / "cycle.h5", cycle_types(), options);
  EXPECT_EQ(g.cycles().size(), 1u);
  EXPECT_EQ(g.order(), (std::vector<std::string>{"/free"}));
  EXPECT_EQ(g.node("/a"), nullptr);
  EXPECT_EQ(g.root(), nullptr);  // the root depends on the cycle
  EXPECT_TRUE(g.problems().empty());
}

TEST(GraphLoadBad, TheCorpusCycleFileLoadsSelfAndParentReferences) {
  H5KIT_REQUIRE_CORPUS();
  const LoadedGraph g = graph::load_graph(corpus_file("cycle.h5"), graph::TypeRegistry{});
  EXPECT_GE(g.cycles().size(), 3u);  // a <-> b, self -> self, parent <-> child
  const auto self = g.node("/self");
  ASSERT_NE(self, nullptr);
  EXPECT_EQ(self->attribute("me").as_reference().get().get(), self.get());
  EXPECT_EQ(g.node("/parent/child")->attribute("up").as_reference().get().get(), g.node("/parent").get());
  EXPECT_EQ(g.node("/parent")->child("child").get().get(), g.node("/parent/child").get());
}

TEST(GraphLoadBad, AModelThatDoesNotFitIsReportedWithEveryPath) {
  H5KIT_REQUIRE_CORPUS();
  graph::TypeRegistry types;
  types.add<Strict>("ElectricalSeries").add<nwb::ElectrodesTable>("DynamicTable");
  const LoadedGraph g = graph::load_graph(corpus_file("ecephys.nwb"), types);
  // Both series: `rate` missing, data (50, 12) instead of (any, 3). Each with its path.
  std::vector<std::string> seen;
  for (const Problem& p : g.problems()) seen.push_back(p.to_string());
  ASSERT_EQ(g.problems().size(), 4u) << ::testing::PrintToString(seen);
  for (const Problem& p : g.problems()) {
    EXPECT_TRUE(p.path == "/acquisition/ElectricalSeries" || p.path == "/processing/ecephys/LFP/ElectricalSeries")
        << p.to_string();
    EXPECT_TRUE(p.field == "rate" || p.field == "data") << p.to_string();
    EXPECT_EQ(p.model_path.rfind("Strict.", 0), 0u) << p.model_path;
  }
  EXPECT_NE(seen[0].find("rate is missing"), std::string::npos) << seen[0];
  // The nodes are still there, generic; the rest loaded.
  EXPECT_FALSE(g.node("/acquisition/ElectricalSeries")->has_model());
  EXPECT_NE(g.model<nwb::ElectrodesTable>("/general/extracellular_ephys/electrodes"), nullptr);
  try {
    g.throw_if_problems();
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.problems().size(), 4u);
    EXPECT_EQ(e.operation(), "load graph");
    EXPECT_NE(std::string(e.what()).find("/processing/ecephys/LFP/ElectricalSeries: data expected"), std::string::npos)
        << e.what();
  }
}

TEST(GraphLoadBad, AWrongKindOfObjectAndAReferenceToAnotherTypeAreProblems) {
  H5KIT_REQUIRE_CORPUS();
  graph::TypeRegistry types;
  types.add<Peer>("DynamicTableRegion")  // a dataset, registered as a group model
      .add<nwb::DynamicTableRegion>("VectorIndex")  // a dataset model whose `table` is missing
      .add<nwb::ElectricalSeries>("ElectricalSeries")
      .add<Strict>("DynamicTable");  // the electrodes table: does not fit Strict
  const LoadedGraph g = graph::load_graph(corpus_file("ecephys.nwb"), types);
  const auto has = [&](const std::string& path, const std::string& text) {
    return std::any_of(g.problems().begin(), g.problems().end(), [&](const Problem& p) {
      return p.path == path && p.to_string().find(text) != std::string::npos;
    });
  };
  std::string all;
  for (const Problem& p : g.problems()) all += p.to_string() + "\n";
  EXPECT_TRUE(has("/acquisition/ElectricalSeries/electrodes", "registered as model Peer (a group), but is a dataset"))
      << all;
  EXPECT_TRUE(has("/units/spike_times_index", "table is missing")) << all;
  // The series' electrodes.table points at the table, which did not load as ElectrodesTable.
  EXPECT_TRUE(has("/acquisition/ElectricalSeries",
                  "reference ElectricalSeries.electrodes.table points at /general/extracellular_ephys/electrodes, "
                  "which has no model (type \"DynamicTable\" did not load)"))
      << all;
  const auto es = g.model<nwb::ElectricalSeries>("/acquisition/ElectricalSeries");
  ASSERT_NE(es, nullptr);
  EXPECT_FALSE(es->electrodes.table.is_bound());
  EXPECT_EQ(es->electrodes.table.path(), "/general/extracellular_ephys/electrodes");
}

TEST(GraphLoadBad, ARefToAModelOfAnotherTypeOrToNothingIsAProblem) {
  TempDir dir;
  {
    File f(dir / "mixed.h5", "w");
    const Group t = f.create_group("t");
    t.attrs().set("neurodata_type", std::string("Pointer"));
    t.attrs().set("target", f.reference());
    const Group p = f.create_group("p");
    p.attrs().set("neurodata_type", std::string("Peer"));
    p.attrs().set("name", std::string("P"));
    p.attrs().set("other", t.reference());  // a Pointer, not a Peer
    const Group q = f.create_group("q");
    q.attrs().set("neurodata_type", std::string("Peer"));
    q.attrs().set("name", std::string("Q"));
    q.attrs().set("other", ObjectReference{1u << 30});  // nothing there
  }
  const LoadedGraph g = graph::load_graph(dir / "mixed.h5", cycle_types());
  ASSERT_EQ(g.problems().size(), 2u) << g.problems().size();
  std::vector<Problem> problems = g.problems();  // in load order; sorted here by path
  std::sort(problems.begin(), problems.end(), [](const Problem& x, const Problem& y) { return x.path < y.path; });
  EXPECT_EQ(problems[0].to_string(),
            "/p: reference Peer.other points at /t, loaded as model Pointer; the field expects model Peer");
  EXPECT_EQ(problems[1].path, "/q");
  EXPECT_NE(problems[1].message.find("points at nothing in this file"), std::string::npos);
  EXPECT_EQ(problems[1].model_path, "Peer.other");
  EXPECT_EQ(g.node("/q")->attribute("other").as_reference().state(), NodeRef::State::dangling);
  // The Pointer's Ref<Node> to the root: bound to the root node.
  EXPECT_EQ(g.model<Pointer>("/t")->target.get().get(), g.root().get());
}

TEST(GraphLoadBad, RegistryMisuseIsRefused) {
  graph::TypeRegistry types;
  types.add<Peer>("Peer");
  EXPECT_THROW(types.add<Pointer>("Peer"), InvalidArgumentError);
  EXPECT_THROW(types.add<Pointer>(""), InvalidArgumentError);
  EXPECT_THROW(graph::TypeRegistry(std::vector<std::string>{}), InvalidArgumentError);
  EXPECT_EQ(types.size(), 1u);
  ASSERT_NE(types.find("Peer"), nullptr);
  EXPECT_EQ(types.find("Peer")->model_name, "Peer");
  EXPECT_FALSE(types.find("Peer")->dataset_model);
  EXPECT_EQ(types.find("Nope"), nullptr);

  TempDir dir;
  EXPECT_THROW(graph::load_graph(dir / "missing.h5", types), FileError);
}

}  // namespace
}  // namespace h5kit::test

// A tour of the graph layer on a small NWB-like file it writes itself (no Python): build the
// dependency graph, print the read order, find who refers to the electrodes table, truncate the file
// to its first 10 rows, and load the truncated file in dependency order into typed models, where both
// ElectricalSeries share one electrodes table and one electrodes region.
//
//   nwb_tour [FILE]     (default: tour.nwb; the truncated copy is FILE's stem + "_truncated.hdf5")
#include <h5kit/graph/dependency_graph.hpp>
#include <h5kit/graph/find_references.hpp>
#include <h5kit/graph/load.hpp>
#include <h5kit/graph/read_order.hpp>
#include <h5kit/graph/truncate.hpp>
#include <h5kit/h5kit.hpp>
#include <h5kit/model.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace tour {

// The typed models of the NWB types the tour reads; the rest of the file stays generic nodes.
struct ElectrodesTable {  // hdmf-common DynamicTable
  std::vector<std::string> colnames;
  h5kit::DatasetOf<std::int64_t, h5kit::kAnyExtent> id;
  h5kit::DatasetOf<std::string, h5kit::kAnyExtent> location;
};
BOOST_DESCRIBE_STRUCT(ElectrodesTable, (), (colnames, id, location))

struct DynamicTableRegion : h5kit::DatasetOf<std::int64_t, h5kit::kAnyExtent> {
  h5kit::Ref<ElectrodesTable> table;  // the `table` attribute: an object reference
};
BOOST_DESCRIBE_STRUCT(DynamicTableRegion, (), (table))

struct ElectricalSeries {
  h5kit::DatasetOf<float, h5kit::kAnyExtent, h5kit::kAnyExtent> data;
  h5kit::DatasetOf<double, h5kit::kAnyExtent> timestamps;
  DynamicTableRegion electrodes;
};
BOOST_DESCRIBE_STRUCT(ElectricalSeries, (), (data, timestamps, electrodes))

void typed(const h5kit::Object& o, const std::string& type, const std::string& ns = "core") {
  o.attrs().set("neurodata_type", type);
  o.attrs().set("namespace", ns);
}

// 20 electrodes, 100 samples of 4 channels, an LFP series sharing the region and timestamps through
// soft links (as hdmf writes them), and an embedded /specifications.
void write_session(const std::string& path) {
  h5kit::File f(path, "w");
  typed(f, "NWBFile");
  f.attrs().set("nwb_version", std::string("2.7.0"));
  const h5kit::Group specs = f.create_group("specifications/core/2.7.0");
  specs.create_dataset("namespace", std::string(R"({"namespaces": [{"name": "core", "version": "2.7.0"}]})"));
  f.attrs().set(".specloc", f.group("specifications").reference());

  const h5kit::Group table = f.create_group("general/extracellular_ephys/electrodes");
  typed(table, "DynamicTable", "hdmf-common");
  table.attrs().set("colnames", std::vector<std::string>{"location"});
  std::vector<std::int64_t> ids(20);
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<std::int64_t>(i);
  typed(table.create_dataset("id", ids), "ElementIdentifiers", "hdmf-common");
  typed(table.create_dataset("location", std::vector<std::string>(20, "CA1")), "VectorData", "hdmf-common");

  const h5kit::Group es = f.create_group("acquisition/ElectricalSeries");
  typed(es, "ElectricalSeries");
  h5kit::NDArray<float> data(h5kit::Shape{100, 4});
  for (std::size_t i = 0; i < data.size(); ++i) data.data()[i] = static_cast<float>(i);
  es.create_dataset("data", data);
  std::vector<double> t(100);
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = static_cast<double>(i) / 1000.0;
  es.create_dataset("timestamps", t);
  const h5kit::Dataset region = es.create_dataset("electrodes", std::vector<std::int32_t>{0, 1, 2, 3});
  typed(region, "DynamicTableRegion", "hdmf-common");
  region.attrs().set("table", table.reference());

  const h5kit::Group lfp = f.create_group("processing/ecephys/LFP/ElectricalSeries");
  typed(lfp, "ElectricalSeries");
  lfp.create_dataset("data", h5kit::NDArray<float>(h5kit::Shape{100, 4}, 0.5f));
  lfp.link("electrodes", h5kit::SoftLink{"/acquisition/ElectricalSeries/electrodes"});
  lfp.link("timestamps", h5kit::SoftLink{"/acquisition/ElectricalSeries/timestamps"});
}

int failures = 0;
void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "nwb_tour: FAILED: %s\n", what);
    ++failures;
  }
}

}  // namespace tour

int main(int argc, char** argv) {
  using namespace tour;
  namespace graph = h5kit::graph;
  const std::string path = argc > 1 ? argv[1] : "tour.nwb";
  const std::string table_path = "/general/extracellular_ephys/electrodes";
  try {
    write_session(path);

    // 1. The dependency graph and its read order.
    const h5kit::File f(path, "r");
    const graph::DependencyGraph g = graph::dependency_graph(f);
    std::printf("graph of %s: %zu nodes, %zu edges (/specifications skipped)\n", path.c_str(), g.nodes.size(),
                g.edges.size());
    const graph::ReadOrder order = graph::read_order(g);
    std::printf("read order (dependencies first):\n");
    for (std::size_t i = 0; i < order.generations.size(); ++i) {
      std::printf("  generation %zu:", i);
      for (const std::string& p : order.generations[i]) std::printf(" %s", p.c_str());
      std::printf("\n");
    }
    check(order.ok() && !order.order.empty() && order.order.back() == "/", "the read order ends at the root");

    // 2. Who refers to the electrodes table? By identity: the soft-linked region of the LFP series is
    // the same object, so one referrer.
    const auto referrers = graph::find_references(f, table_path);
    std::printf("%s is referred to from:\n", table_path.c_str());
    for (const auto& r : referrers) std::printf("  %s\n", r.location.to_string().c_str());
    check(referrers.size() == 1 && referrers[0].location.owner == "/acquisition/ElectricalSeries/electrodes" &&
              referrers[0].location.attribute == "table",
          "the electrodes region's `table` attribute is the one referrer");

    // 3. Truncate to the first 10 rows; every reference still resolves.
    const graph::TruncateResult cut = graph::truncate(path, {}, 10);
    std::printf("truncated to %s: %zu datasets cut, %zu references rewritten, %llu -> %llu bytes\n",
                cut.target.c_str(), cut.cut.size(), cut.references,
                static_cast<unsigned long long>(cut.source_bytes), static_cast<unsigned long long>(cut.target_bytes));
    check(cut.issues.empty(), "truncation reports no issue");

    // 4. Load the truncated file in dependency order into models.
    graph::TypeRegistry types;
    types.add<ElectricalSeries>("ElectricalSeries")
        .add<ElectrodesTable>("DynamicTable")
        .add<DynamicTableRegion>("DynamicTableRegion");
    const graph::LoadedGraph loaded = graph::load_graph(cut.target, types);
    for (const h5kit::Problem& p : loaded.problems()) std::fprintf(stderr, "  problem: %s\n", p.to_string().c_str());
    check(loaded.ok(), "the truncated file loads without problems or cycles");
    const auto es = loaded.model<ElectricalSeries>("/acquisition/ElectricalSeries");
    const auto lfp = loaded.model<ElectricalSeries>("/processing/ecephys/LFP/ElectricalSeries");
    const auto table = loaded.model<ElectrodesTable>(table_path);
    check(es && lfp && table, "both series and the electrodes table are typed models");
    if (es && lfp && table) {
      std::printf("loaded %zu nodes; %s: data %s, electrodes -> %s (%zu rows)\n", loaded.size(),
                  "/acquisition/ElectricalSeries", h5kit::to_string(es->data.shape()).c_str(),
                  es->electrodes.table.path().c_str(), table->id.values().size());
      check(es->data.shape() == h5kit::Shape{10, 4} && lfp->timestamps.values().size() == 10,
            "the series were cut to 10 rows");
      check(table->id.values().size() == 10 && es->electrodes.values().size() == 4,
            "the table was cut to 10 rows, the 4-row region kept");
      // One shared instance, not copies: the table behind both regions, and the soft-linked region.
      check(es->electrodes.table.get() == table && lfp->electrodes.table.get() == table,
            "both series' electrodes.table are the one table model");
      const auto a = loaded.node("/acquisition/ElectricalSeries")->child("electrodes").get();
      const auto b = loaded.node("/processing/ecephys/LFP/ElectricalSeries")->child("electrodes").get();
      check(a && a == b && a->model<DynamicTableRegion>() != nullptr,
            "the soft-linked electrodes region is one node with one model");
      std::printf("shared: %s\n", a == b ? "the LFP series' electrodes is the acquisition series' region" : "no");
    }
  } catch (const h5kit::Error& e) {
    std::fprintf(stderr, "nwb_tour: %s\n", e.what());
    return 1;
  }
  return tour::failures == 0 ? 0 : 1;
}

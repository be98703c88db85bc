// The reference inventory, canonical paths, aliases, link kinds and find_references over the corpus.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <h5kit/graph.hpp>
#include <h5kit/h5kit.hpp>

#include "graph/corpus.hpp"

namespace h5kit::test {
namespace {

std::vector<std::string> locations(const std::vector<graph::StoredReference>& refs) {
  std::vector<std::string> out;
  for (const auto& r : refs) out.push_back(r.location.to_string());
  return out;
}

std::vector<std::string> targets(const std::vector<graph::StoredReference>& refs) {
  std::vector<std::string> out;
  for (const auto& r : refs) out.push_back(r.is_null ? "<null>" : r.target_path.value_or("<unresolved>"));
  return out;
}

TEST(ReferenceInventory, EcephysFileListsEveryKindOfLocation) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("ecephys.nwb"), "r");
  const auto refs = graph::inventory(f);
  const auto locs = locations(refs);
  const auto has = [&](const std::string& loc, const std::string& target) {
    for (const auto& r : refs)
      if (r.location.to_string() == loc) return r.target_path == target;
    return false;
  };
  EXPECT_TRUE(has("/@.specloc", "/specifications"));
  EXPECT_TRUE(has("/acquisition/ElectricalSeries/electrodes@table", "/general/extracellular_ephys/electrodes"));
  EXPECT_TRUE(has("/general/extracellular_ephys/electrodes/group#data[0]", "/general/extracellular_ephys/shank0"));
  EXPECT_TRUE(has("/general/extracellular_ephys/electrodes/group#data[11]", "/general/extracellular_ephys/shank3"));
  EXPECT_TRUE(has("/intervals/trials/timeseries#column:timeseries[2]", "/processing/ecephys/LFP/ElectricalSeries"));
  EXPECT_TRUE(has("/units/spike_times_index@target", "/units/spike_times"));
  // 1 specloc + 1 table + 12 group + 3 timeseries column + 2 VectorIndex targets
  EXPECT_EQ(refs.size(), 19U) << ::testing::PrintToString(locs);
  // A soft-linked region is listed once, at its canonical owner.
  EXPECT_EQ(std::count(locs.begin(), locs.end(), "/processing/ecephys/LFP/ElectricalSeries/electrodes@table"), 0);
}

TEST(ReferenceInventory, NullReferencesAreNullLocationsWithoutTarget) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("null_refs.h5"), "r");
  const auto refs = graph::inventory(f);
  EXPECT_EQ(locations(refs), (std::vector<std::string>{"/@null_obj", "/@null_region", "/refs#data[0]", "/refs#data[1]",
                                                       "/refs#data[2]"}));
  EXPECT_EQ(targets(refs), (std::vector<std::string>{"<null>", "<null>", "/d", "<null>", "/"}));
  EXPECT_EQ(refs[1].kind, graph::ReferenceKind::region);
  EXPECT_FALSE(refs[1].target.has_value());
  EXPECT_FALSE(refs[1].unresolved());
}

TEST(ReferenceInventory, NullDataspacesAndEmptyCompoundsHoldNone) {
  H5KIT_REQUIRE_CORPUS();
  File a(corpus_file("null_dataspace.h5"), "r");
  EXPECT_TRUE(graph::inventory(a).empty());
  File b(corpus_file("empty_compound.h5"), "r");
  EXPECT_TRUE(graph::inventory(b).empty());
}

TEST(ReferenceInventory, OneFieldCompoundTwoDimensionalAndArrayAttributesAreFound) {
  H5KIT_REQUIRE_CORPUS();
  File one(corpus_file("one_field_compound.h5"), "r");
  const auto r1 = graph::inventory(one);
  EXPECT_EQ(locations(r1), (std::vector<std::string>{"/single#column:target[0]", "/single#column:target[1]",
                                                     "/single#column:target[2]"}));
  EXPECT_EQ(targets(r1), (std::vector<std::string>{"/a", "/b", "/a"}));
  File two(corpus_file("ref_2d.h5"), "r");
  const auto r2 = graph::references(two.dataset("grid"));
  ASSERT_EQ(r2.size(), 6U);
  EXPECT_EQ(r2[4].location.to_string(), "/grid#data[1,1]");
  EXPECT_EQ(r2[4].target_path, "/t4");
  File arr(corpus_file("ref_array_attr.h5"), "r");
  const auto r3 = graph::references(arr.group("holder"));
  EXPECT_EQ(locations(r3), (std::vector<std::string>{"/holder@many[0]", "/holder@many[1]", "/holder@many[2]", "/holder@one"}));
  EXPECT_EQ(targets(r3), (std::vector<std::string>{"/x0", "/x1", "/x2", "/x1"}));
}

TEST(ReferenceInventory, NestedAndScalarCompoundsAreFound) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("nested_compound.h5"), "r");
  const auto refs = graph::inventory(f);
  EXPECT_EQ(locations(refs),
            (std::vector<std::string>{"/@compound_attr:r", "/nested#column:inner.r[0]", "/nested#column:pair[0][0]",
                                      "/nested#column:pair[1][0]", "/nested#column:inner.r[1]",
                                      "/nested#column:pair[0][1]", "/nested#column:pair[1][1]",
                                      "/scalar_compound#column:r"}));
  EXPECT_EQ(targets(refs), (std::vector<std::string>{"/b", "/a", "/a", "/b", "/b", "/b", "/a", "/b"}));
}

TEST(ReferenceInventory, VlenSequencesOfReferences) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("vlen_refs.h5"), "r");
  if (!f.contains("seqs")) GTEST_SKIP() << "this h5py cannot write vlen references";
  const auto refs = graph::references(f.dataset("seqs"));
  EXPECT_EQ(locations(refs), (std::vector<std::string>{"/seqs#data[0][0]", "/seqs#data[0][1]", "/seqs#data[1][0]"}));
  EXPECT_EQ(targets(refs), (std::vector<std::string>{"/a", "/b", "/b"}));
}

TEST(ReferenceInventory, RegionReferencesKeepTheirSelection) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("region_refs.h5"), "r");
  const auto refs = graph::inventory(f);
  ASSERT_EQ(refs.size(), 4U);
  EXPECT_EQ(refs[0].location.to_string(), "/@rows_2_5");
  EXPECT_EQ(refs[0].kind, graph::ReferenceKind::region);
  EXPECT_EQ(refs[0].target_path, "/data");
  ASSERT_TRUE(refs[0].selection.has_value());
  EXPECT_EQ(refs[0].selection->shape(), (Shape{3, 4}));
  ASSERT_TRUE(refs[2].selection.has_value());
  EXPECT_EQ(refs[2].selection->size(), 10U);  // [:, 3]
  EXPECT_TRUE(refs[3].is_null);
}

TEST(ReferenceInventory, SmallBlocksGiveTheSameAnswer) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("ecephys.nwb"), "r");
  const graph::FileIndex index(f);
  graph::InventoryOptions small;
  small.block_elements = 1;
  std::size_t last_done = 0, total = 0;
  small.progress = [&](std::size_t done, std::size_t all) {
    EXPECT_EQ(done, last_done + 1);
    last_done = done;
    total = all;
  };
  EXPECT_EQ(locations(graph::inventory(f, index, small)), locations(graph::inventory(f, index)));
  EXPECT_EQ(last_done, total);
  EXPECT_EQ(total, index.objects().size());
}

TEST(ReferenceInventory, CompatGetReferencesMatchesNwbLinkml) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("ecephys.nwb"), "r");
  const graph::FileIndex index(f);
  EXPECT_EQ(graph::compat::get_references(f.dataset("acquisition/ElectricalSeries/electrodes"), index),
            (std::vector<std::string>{"/general/extracellular_ephys/electrodes"}));
  const auto group_col = graph::compat::get_references(f.dataset("general/extracellular_ephys/electrodes/group"), index);
  EXPECT_EQ(group_col.size(), 12U);  // duplicates kept
  EXPECT_EQ(graph::compat::get_references(f.dataset("intervals/trials/timeseries"), index),
            (std::vector<std::string>{"/acquisition/ElectricalSeries", "/acquisition/ElectricalSeries",
                                      "/processing/ecephys/LFP/ElectricalSeries"}));
  File one(corpus_file("one_field_compound.h5"), "r");
  EXPECT_TRUE(graph::compat::get_references(one.dataset("single"), graph::FileIndex(one)).empty());  // nwb-linkml misses it
}

TEST(CanonicalPath, HardAliasResolvesToFirstPathInNameOrder) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("hard_alias.h5"), "r");
  const graph::FileIndex index(f);
  EXPECT_EQ(index.canonical_path(f.open("g/x")), "/alias/x");
  EXPECT_EQ(index.canonical_path(f.open("alias/x")), "/alias/x");
  EXPECT_EQ(index.canonical_path(f.open("link_to_x")), "/alias/x");
  EXPECT_EQ(index.canonical_path(f.open("z_alias_y")), "/alias/y");  // /alias sorts before /g and /z_alias_y
  EXPECT_EQ(index.aliases(f.open("g")), (std::vector<std::string>{"/alias", "/g"}));
  EXPECT_EQ(index.aliases(f.open("g/y")), (std::vector<std::string>{"/alias/y", "/z_alias_y"}));
  EXPECT_EQ(graph::canonical_path(f.open("/g/x")), "/alias/x");
  // The references of /holder name canonical targets.
  EXPECT_EQ(targets(graph::references(f.open("holder"))), (std::vector<std::string>{"/alias/x", "/alias/y"}));
  // The same as HDF5's own answer after dereferencing (H5Iget_name).
  const auto refs = graph::references(f.open("holder"));
  EXPECT_EQ(f.dereference(refs[0].object_ref).path(), "/alias/x");
}

TEST(CanonicalPath, DenseGroupsFollowHdf5sNativeOrder) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("dense.h5"), "r");
  const graph::FileIndex index(f);
  for (const auto& r : graph::references(f.open("holder"))) {
    ASSERT_TRUE(r.target_path.has_value());
    EXPECT_EQ(*r.target_path, f.dereference(r.object_ref).path()) << r.location.to_string();
  }
  EXPECT_EQ(index.aliases(f.open("zz_shared")).size(), 25U);
}

TEST(PathInfo, LinkKindsOfPaths) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("hard_alias.h5"), "r");
  const graph::FileIndex index(f);
  const auto soft = graph::path_info(index, "/link_to_x");
  EXPECT_EQ(soft.kind, LinkKind::soft);
  EXPECT_EQ(soft.target_path, "/g/x");
  EXPECT_EQ(soft.canonical, "/alias/x");
  EXPECT_FALSE(soft.is_canonical);
  const auto alias = graph::path_info(index, "g/x");
  EXPECT_EQ(alias.kind, LinkKind::hard);
  EXPECT_FALSE(alias.is_canonical);
  EXPECT_TRUE(graph::path_info(index, "/alias/x").is_canonical);
  EXPECT_TRUE(graph::path_info(index, "/").is_canonical);
  EXPECT_THROW(graph::path_info(index, "/nothing"), NotFoundError);
  File d(corpus_file("dangling_soft.h5"), "r");
  const auto dangling = graph::path_info(d, "/g/dangling");
  EXPECT_TRUE(dangling.dangling);
  EXPECT_FALSE(dangling.canonical.has_value());
  File e(corpus_file("external_links.h5"), "r");
  const auto present = graph::path_info(e, "/g/ext_present");
  EXPECT_EQ(present.kind, LinkKind::external);
  EXPECT_EQ(present.target_file, "external_target.h5");
  EXPECT_FALSE(present.dangling);
  EXPECT_FALSE(present.canonical.has_value());  // another file: never a path of this one
  EXPECT_TRUE(graph::path_info(e, "/g/ext_missing").dangling);
}

TEST(FindReferences, ByIdentityFromAnyPathSpelling) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("ecephys.nwb"), "r");
  const graph::FileIndex index(f);
  const auto es = graph::find_references(index, "/acquisition/ElectricalSeries");
  EXPECT_EQ(locations(es), (std::vector<std::string>{"/intervals/trials/timeseries#column:timeseries[0]",
                                                     "/intervals/trials/timeseries#column:timeseries[1]"}));
  const auto shank = graph::find_references(index, "general/extracellular_ephys/shank1");
  EXPECT_EQ(shank.size(), 3U);
  EXPECT_EQ(locations(graph::find_references(index, "/specifications")), (std::vector<std::string>{"/@.specloc"}));
  EXPECT_EQ(locations(graph::find_references(index, "/units/spike_times")),
            (std::vector<std::string>{"/units/spike_times_index@target"}));
  // Through the soft link: the same table as the acquisition region's.
  const auto table = graph::find_references(index, "/processing/ecephys/LFP/ElectricalSeries/electrodes");
  EXPECT_TRUE(table.empty());  // nothing refers to the region itself
  EXPECT_EQ(graph::find_references(index, "/general/extracellular_ephys/electrodes").size(), 1U);
  graph::FindOptions first;
  first.first_only = true;
  std::size_t calls = 0;
  first.progress = [&](std::size_t, std::size_t) { ++calls; };
  EXPECT_EQ(graph::find_references(index, "/general/extracellular_ephys/shank1", first).size(), 1U);
  EXPECT_LT(calls, index.objects().size());
  EXPECT_THROW(graph::find_references(index, "/no/such"), NotFoundError);
  File a(corpus_file("hard_alias.h5"), "r");
  EXPECT_EQ(locations(graph::find_references(a, "/link_to_x")), (std::vector<std::string>{"/holder@to_x"}));
  EXPECT_EQ(locations(graph::find_references(a, "g/x")), (std::vector<std::string>{"/holder@to_x"}));
  File r(corpus_file("region_refs.h5"), "r");
  EXPECT_EQ(graph::find_references(r, "/data").size(), 3U);
  File e(corpus_file("external_links.h5"), "r");
  EXPECT_TRUE(graph::find_references(e, "/g/ext_present").empty());
}

}  // namespace
}  // namespace h5kit::test

// reference_layout: where references sit in one element, from the datatype alone.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include <h5kit/graph/reference_layout.hpp>
#include <h5kit/h5kit.hpp>

#include "graph/corpus.hpp"

namespace h5kit::test {
namespace {

using graph::ReferenceKind;
using graph::ReferenceSlot;

TEST(ReferenceLayout, PlainObjectAndRegionReferences) {
  const auto obj = graph::reference_layout(Datatype::object_reference());
  ASSERT_EQ(obj.slots.size(), 1U);
  EXPECT_TRUE(obj.is_plain_reference());
  EXPECT_EQ(obj.slots[0], (ReferenceSlot{0, ReferenceKind::object, ""}));
  EXPECT_EQ(obj.element_size, 8U);
  const auto reg = graph::reference_layout(Datatype::region_reference());
  ASSERT_EQ(reg.slots.size(), 1U);
  EXPECT_EQ(reg.slots[0].kind, ReferenceKind::region);
  EXPECT_EQ(reg.element_size, 12U);
  EXPECT_EQ(graph::reference_size(ReferenceKind::region), 12U);
}

TEST(ReferenceLayout, TypesWithoutReferencesAreEmpty) {
  for (const Datatype& t : {Datatype::int32(), Datatype::float64(), Datatype::variable_string(), Datatype::fixed_string(8),
                            Datatype::vlen(Datatype::int32()), Datatype::array(Datatype::int16(), {3}),
                            Datatype::compound(4, {{"x", 0, Datatype::int32()}})}) {
    const auto layout = graph::reference_layout(t);
    EXPECT_TRUE(layout.empty()) << t.name();
    EXPECT_FALSE(layout.is_plain_reference()) << t.name();
  }
}

TEST(ReferenceLayout, TimeSeriesReferenceCompoundHasOneColumnAtItsOffset) {
  const Datatype tsr = Datatype::compound(16, {{"idx_start", 0, Datatype::int32()},
                                               {"count", 4, Datatype::int32()},
                                               {"timeseries", 8, Datatype::object_reference()}});
  const auto layout = graph::reference_layout(tsr);
  ASSERT_EQ(layout.slots.size(), 1U);
  EXPECT_EQ(layout.slots[0], (ReferenceSlot{8, ReferenceKind::object, "timeseries"}));
  EXPECT_FALSE(layout.is_plain_reference());
  EXPECT_EQ(layout.element_size, 16U);
}

TEST(ReferenceLayout, NestedCompoundsAndArrayMembersAreFlattenedWithPaths) {
  const Datatype inner = Datatype::compound(12, {{"n", 0, Datatype::int32()}, {"r", 4, Datatype::object_reference()}});
  const Datatype pair = Datatype::array(Datatype::region_reference(), {2});
  const Datatype outer = Datatype::compound(8 + 12 + 24, {{"id", 0, Datatype::int64()}, {"inner", 8, inner}, {"pair", 20, pair}});
  const auto layout = graph::reference_layout(outer);
  ASSERT_EQ(layout.slots.size(), 3U);
  EXPECT_EQ(layout.slots[0], (ReferenceSlot{12, ReferenceKind::object, "inner.r"}));
  EXPECT_EQ(layout.slots[1], (ReferenceSlot{20, ReferenceKind::region, "pair[0]"}));
  EXPECT_EQ(layout.slots[2], (ReferenceSlot{32, ReferenceKind::region, "pair[1]"}));
}

TEST(ReferenceLayout, ArrayOfCompoundsNamesEachMember) {
  const Datatype item = Datatype::compound(16, {{"k", 0, Datatype::int64()}, {"target", 8, Datatype::object_reference()}});
  const auto layout = graph::reference_layout(Datatype::array(item, {2, 2}));
  ASSERT_EQ(layout.slots.size(), 4U);
  EXPECT_EQ(layout.slots[3], (ReferenceSlot{3 * 16 + 8, ReferenceKind::object, "[3].target"}));
}

TEST(ReferenceLayout, VlenOfReferencesIsASequence) {
  const auto layout = graph::reference_layout(Datatype::vlen(Datatype::object_reference()));
  EXPECT_TRUE(layout.slots.empty());
  ASSERT_EQ(layout.sequences.size(), 1U);
  EXPECT_EQ(layout.sequences[0].offset, 0U);
  EXPECT_TRUE(layout.sequences[0].element.is_plain_reference());
  EXPECT_EQ(layout.sequences[0].element.element_size, 8U);
}

TEST(ReferenceLayout, InvalidTypeIsAnInvalidArgument) {
  EXPECT_THROW(graph::reference_layout(Datatype()), InvalidArgumentError);
}

TEST(ReferenceLayout, ForEachReferenceVisitsAndRewritesInPlace) {
  const Datatype tsr = Datatype::compound(16, {{"idx_start", 0, Datatype::int32()},
                                               {"count", 4, Datatype::int32()},
                                               {"timeseries", 8, Datatype::object_reference()}});
  const auto layout = graph::reference_layout(tsr);
  std::vector<std::byte> rows(3 * 16, std::byte{0});
  for (std::uint64_t i = 0; i < 3; ++i) {
    const std::uint64_t addr = 100 + i;
    std::memcpy(rows.data() + i * 16 + 8, &addr, 8);
  }
  std::vector<std::uint64_t> seen;
  graph::for_each_reference(layout, rows.data(), 3, [&](std::size_t element, const graph::ReferenceHit& hit) {
    std::uint64_t v;
    std::memcpy(&v, hit.bytes, 8);
    seen.push_back(v + 1000 * element);
    v += 1;
    std::memcpy(hit.bytes, &v, 8);
    EXPECT_EQ(hit.field_path, "timeseries");
    return false;
  });
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{100, 1101, 2102}));
  std::uint64_t last;
  std::memcpy(&last, rows.data() + 2 * 16 + 8, 8);
  EXPECT_EQ(last, 103U);
  // Stopping early.
  std::size_t calls = 0;
  EXPECT_TRUE(graph::for_each_reference(layout, rows.data(), 3, [&](std::size_t, const graph::ReferenceHit&) {
    return ++calls == 2;
  }));
  EXPECT_EQ(calls, 2U);
}

TEST(ReferenceLayout, TypesOfCorpusDatasets) {
  H5KIT_REQUIRE_CORPUS();
  File f(corpus_file("nested_compound.h5"), "r");
  const auto nested = graph::reference_layout(f.dataset("nested").dtype());
  std::vector<std::string> paths;
  for (const auto& s : nested.slots) paths.push_back(s.field_path);
  EXPECT_EQ(paths, (std::vector<std::string>{"inner.r", "pair[0]", "pair[1]"}));
  File v(corpus_file("vlen_refs.h5"), "r");
  if (v.contains("seqs")) {
    const auto seq = graph::reference_layout(v.dataset("seqs").dtype());
    EXPECT_EQ(seq.sequences.size(), 1U);
  }
  File e(corpus_file("ecephys.nwb"), "r");
  const auto tsr = graph::reference_layout(e.dataset("intervals/trials/timeseries").dtype());
  ASSERT_EQ(tsr.slots.size(), 1U);
  EXPECT_EQ(tsr.slots[0].field_path, "timeseries");
  EXPECT_EQ(tsr.slots[0].offset, 8U);  // h5py packs (int32, int32, ref)
}

}  // namespace
}  // namespace h5kit::test

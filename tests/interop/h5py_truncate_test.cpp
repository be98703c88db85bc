// graph::truncate on files h5py wrote, checked with h5py (tests/interop/h5py_truncate.py): every
// link, dataset, creation property, attribute type and byte, alias, dimension scale and reference of
// the copy compared with the source's first n rows (or a window), nwb-linkml's own
// test_truncate_file scenario, and NWB mode on a small NWB-like file.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/graph/truncate.hpp"
#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "h5py_truncate.py";
namespace g = h5kit::graph;

bool has_issue(const g::TruncateResult& result, g::TruncateIssueKind kind, const std::string& location) {
  return std::any_of(result.issues.begin(), result.issues.end(),
                     [&](const g::TruncateIssue& i) { return i.kind == kind && i.location == location; });
}

std::string issues_text(const g::TruncateResult& result) {
  std::string text;
  for (const auto& i : result.issues) text += std::string(g::to_string(i.kind)) + " " + i.location + ": " + i.detail + "\n";
  return text;
}

// nwb-linkml's test_truncate_file (spec §7): default target, size < source / 5, shapes, the four
// reference attributes and anattr, all checked by h5py.
TEST(interop_truncate, UpstreamTruncateFileScenario) {
  TempDir dir;
  const std::string source = dir / "truncate.hdf5";
  ASSERT_TRUE(run_peer_case(kScript, "write-upstream", {source}));
  const g::TruncateResult result = g::truncate(source);
  EXPECT_EQ(result.target, (dir.path() / "truncate_truncated.hdf5").string());
  EXPECT_TRUE(std::filesystem::exists(result.target));
  EXPECT_EQ(result.cut.size(), 2U);
  EXPECT_EQ(result.references, 4U);
  EXPECT_TRUE(result.issues.empty()) << issues_text(result);
  EXPECT_LT(result.target_bytes * 5, result.source_bytes);
  EXPECT_TRUE(run_peer_case(kScript, "check-upstream", {source, result.target}));
}

TEST(interop_truncate, EverythingKeptAndEveryReferenceResolvesInTheFirstRows) {
  TempDir dir;
  const std::string source = dir / "general.h5", target = dir / "small.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-general", {source}));
  const g::TruncateResult result = g::truncate(source, target, 10);
  EXPECT_TRUE(run_peer_case(kScript, "check-copy", {source, target, "0", "10"}));
  EXPECT_EQ(result.hard_link_aliases, 1U);  // /data/alias
  EXPECT_EQ(result.soft_links, 2U);         // /soft, /dangling
  EXPECT_EQ(result.external_links, 1U);
  // regions[2] selects rows 50..59 and @gone_region rows 90..94 of /data/chunked: nothing left.
  EXPECT_TRUE(has_issue(result, g::TruncateIssueKind::region_emptied, "/refs/regions[2]")) << issues_text(result);
  EXPECT_TRUE(has_issue(result, g::TruncateIssueKind::region_emptied, "/refs@gone_region")) << issues_text(result);
  EXPECT_EQ(result.issues.size(), 2U) << issues_text(result);
  EXPECT_LT(result.target_bytes, result.source_bytes);
  // (3, 50) with maxshape (None, None) stays (3, 50): nothing grows.
  const auto short_cut = std::find_if(result.cut.begin(), result.cut.end(),
                                      [](const g::CutDataset& c) { return c.path == "/data/short"; });
  EXPECT_EQ(short_cut, result.cut.end());
}

TEST(interop_truncate, RowWindowKeepsThoseRowsAndClipsRegionsToThem) {
  TempDir dir;
  const std::string source = dir / "general.h5", target = dir / "window.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-general", {source}));
  const g::TruncateResult result = g::truncate(source, target, 10, g::TruncateOptions{}.rows({20, 35}));
  EXPECT_TRUE(run_peer_case(kScript, "check-copy", {source, target, "20", "35"}));
  for (const g::CutDataset& cut : result.cut) EXPECT_EQ(cut.first_row, 20U) << cut.path;
}

TEST(interop_truncate, FewerRowsThanChunksAndRegionsPartlyKept) {
  TempDir dir;
  const std::string source = dir / "general.h5", target = dir / "three.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-general", {source}));
  const g::TruncateResult result = g::truncate(source, target, 3);
  EXPECT_TRUE(run_peer_case(kScript, "check-copy", {source, target, "0", "3"}));
  // regions[0] (rows 2..4) keeps row 2; regions[1] (rows 5..29) is gone.
  EXPECT_FALSE(has_issue(result, g::TruncateIssueKind::region_emptied, "/refs/regions[0]"));
  EXPECT_TRUE(has_issue(result, g::TruncateIssueKind::region_emptied, "/refs/regions[1]"));
}

// Truncating an already-truncated file changes no shape and leaves the size about the same.
TEST(interop_truncate, TruncatingTwiceChangesNothing) {
  TempDir dir;
  const std::string source = dir / "general.h5", once = dir / "once.h5", twice = dir / "twice.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-general", {source}));
  const g::TruncateResult first = g::truncate(source, once, 10);
  const g::TruncateResult second = g::truncate(once, twice, 10);
  EXPECT_TRUE(second.cut.empty());
  EXPECT_TRUE(run_peer_case(kScript, "check-copy", {once, twice, "0", "10"}));
  EXPECT_LE(second.target_bytes, first.target_bytes + first.target_bytes / 10);
}

TEST(interop_truncate, NwbModeKeepsTheRaggedTableValidAndReportsIndicesPastTheKeptRows) {
  TempDir dir;
  const std::string source = dir / "session.nwb", target = dir / "session_small.nwb";
  ASSERT_TRUE(run_peer_case(kScript, "write-nwb", {source}));
  const g::TruncateResult result = g::truncate(source, target, 10, g::TruncateOptions{}.nwb());
  EXPECT_TRUE(run_peer_case(kScript, "check-nwb", {source, target, "10"}));
  // The ElectricalSeries' electrodes region (12 channels) keeps its length; channels 10 and 11 point
  // past the 10 electrode rows kept.
  EXPECT_TRUE(has_issue(result, g::TruncateIssueKind::index_out_of_range, "/acquisition/ElectricalSeries/electrodes[10]"))
      << issues_text(result);
  EXPECT_TRUE(has_issue(result, g::TruncateIssueKind::index_out_of_range, "/acquisition/ElectricalSeries/electrodes[11]"));
  // Trial 3 starts at sample 9 and needs 3 samples: past the 10 kept; trial 2 (samples 6..8) fits.
  EXPECT_TRUE(has_issue(result, g::TruncateIssueKind::index_out_of_range, "/intervals/trials/timeseries[3]"));
  EXPECT_FALSE(has_issue(result, g::TruncateIssueKind::index_out_of_range, "/intervals/trials/timeseries[2]"));
  // Without NWB mode the ragged column is cut on its own (nwb-linkml's result), and nothing is reported.
  const g::TruncateResult plain = g::truncate(source, dir / "plain.nwb", 10);
  File f(dir / "plain.nwb");
  EXPECT_EQ(f.dataset("units/spike_times").shape(), Shape{10});
  EXPECT_FALSE(std::any_of(plain.issues.begin(), plain.issues.end(),
                           [](const g::TruncateIssue& i) { return i.kind == g::TruncateIssueKind::index_out_of_range; }));
}

}  // namespace
}  // namespace h5kit::test

// graph::truncate on files written with h5kit's own API: the row rules (first n, a window, never
// grow), references and regions read back through h5kit, sizes, the progress callback, bounded
// memory, and bad input (tests/interop/h5py_truncate_test.cpp checks the copies with h5py).
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/graph/truncate.hpp"
#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

namespace g = h5kit::graph;

std::vector<double> iota(std::size_t n, double first = 0) {
  std::vector<double> v(n);
  std::iota(v.begin(), v.end(), first);
  return v;
}

// /data/long (1000 rows, chunks of 64, gzip), /data/mid (2-D 40 x 3), /data/short (3 rows),
// /data/scalar, /refs (object and region references into them), an alias and a soft link.
void write_source(const std::string& path) {
  File f(path, "w");
  Dataset long_ds = f.create_dataset("data/long", iota(1000),
                                     DatasetOptions{}.chunks({64}).maxshape({unlimited}).gzip(6).fill_value(-1.0));
  NDArray<std::int32_t> mid(Shape{40, 3});
  for (std::size_t i = 0; i < mid.size(); ++i) mid.data()[i] = static_cast<std::int32_t>(i);
  Dataset mid_ds = f.create_dataset("data/mid", mid);
  Dataset short_ds = f.create_dataset("data/short", std::vector<std::int64_t>{7, 8, 9},
                                      DatasetOptions{}.chunks({2}).maxshape({unlimited}));
  f.create_dataset("data/scalar", 2.5);
  f["data/alias"] = long_ds;
  f["data/soft"] = SoftLink{"/data/long"};
  std::vector<ObjectReference> refs;
  for (int i = 0; i < 30; ++i) refs.push_back((i % 2 ? mid_ds : short_ds).reference());
  f.create_dataset("refs/objects", refs);
  std::vector<RegionReference> regions{
      long_ds.region_reference({s(3, 8)}),       // inside the first 10 rows
      long_ds.region_reference({s(5, 500)}),     // clipped to rows 5..9
      long_ds.region_reference({s(600, 700)}),   // clipped away
      mid_ds.region_reference(mid_ds.points({{1, 2}, {25, 0}, {4, 1}})),  // one point past row 10
  };
  f.create_dataset("refs/regions", regions);
  f.group("refs").attrs().set("long", long_ds.reference());
}

TEST(Truncate, CutsOnlyDatasetsLongerThanNAndKeepsTheFirstRows) {
  TempDir dir;
  write_source(dir / "src.h5");
  const g::TruncateResult result = g::truncate(dir / "src.h5", dir / "dst.h5", 10);
  File f(dir / "dst.h5");
  EXPECT_EQ(f.dataset("data/long").read<std::vector<double>>(), iota(10));
  const auto mid = f.dataset("data/mid").read<NDArray<std::int32_t>>();
  ASSERT_EQ(mid.shape(), (Shape{10, 3}));
  for (std::size_t i = 0; i < mid.size(); ++i) EXPECT_EQ(mid.data()[i], static_cast<std::int32_t>(i));
  EXPECT_EQ(f.dataset("data/short").read<std::vector<std::int64_t>>(), (std::vector<std::int64_t>{7, 8, 9}));
  EXPECT_EQ(f.dataset("data/scalar").read<double>(), 2.5);
  EXPECT_EQ(f.dataset("refs/objects").shape(), Shape{10});
  std::vector<std::string> cut;
  for (const auto& c : result.cut) cut.push_back(c.path);
  std::sort(cut.begin(), cut.end());
  // /data/long is reported under its canonical path: /data/alias comes first in name order.
  EXPECT_EQ(cut, (std::vector<std::string>{"/data/alias", "/data/mid", "/refs/objects"}));
}

TEST(Truncate, KeepsChunksClippedFiltersFillValueAndUnlimitedMaxshape) {
  TempDir dir;
  write_source(dir / "src.h5");
  g::truncate(dir / "src.h5", dir / "dst.h5", 10);
  File f(dir / "dst.h5");
  const Dataset d = f.dataset("data/long");
  EXPECT_EQ(d.chunks(), std::optional<Shape>(Shape{10}));
  EXPECT_EQ(d.gzip_level(), 6);
  EXPECT_EQ(d.maxshape(), Shape{unlimited});
  EXPECT_EQ(d.fill_value<double>(), std::optional<double>(-1.0));
  const Dataset s = f.dataset("data/short");
  EXPECT_EQ(s.chunks(), std::optional<Shape>(Shape{2}));  // not cut: the source's chunks
  EXPECT_EQ(f.dataset("data/mid").layout(), Layout::contiguous);
}

TEST(Truncate, AliasesStayOneObjectAndSoftLinksStayLinks) {
  TempDir dir;
  write_source(dir / "src.h5");
  const g::TruncateResult result = g::truncate(dir / "src.h5", dir / "dst.h5", 10);
  File f(dir / "dst.h5");
  EXPECT_TRUE(f.open("data/alias") == f.open("data/long"));
  EXPECT_EQ(f.link_info("data/soft").kind, LinkKind::soft);
  EXPECT_EQ(f.link_info("data/soft").target, "/data/long");
  EXPECT_EQ(result.hard_link_aliases, 1U);
}

TEST(Truncate, ObjectReferencesLeadToTheCopies) {
  TempDir dir;
  write_source(dir / "src.h5");
  g::truncate(dir / "src.h5", dir / "dst.h5", 10);
  File f(dir / "dst.h5");
  const auto refs = f.dataset("refs/objects").read<std::vector<ObjectReference>>();
  ASSERT_EQ(refs.size(), 10U);
  for (std::size_t i = 0; i < refs.size(); ++i)
    EXPECT_TRUE(f.dereference(refs[i]) == f.open(i % 2 ? "data/mid" : "data/short")) << i;
  EXPECT_TRUE(f.dereference(f.group("refs").attrs().get<ObjectReference>("long")) == f.open("data/long"));
}

TEST(Truncate, RegionReferencesAreClippedToTheKeptRowsOrReportedWhenNothingIsLeft) {
  TempDir dir;
  write_source(dir / "src.h5");
  const g::TruncateResult result = g::truncate(dir / "src.h5", dir / "dst.h5", 10);
  File f(dir / "dst.h5");
  const auto regions = f.dataset("refs/regions").read<std::vector<RegionReference>>();
  ASSERT_EQ(regions.size(), 4U);
  EXPECT_EQ(f.dereference(regions[0]).read<std::vector<double>>(), iota(5, 3));  // rows 3..7 as they were
  EXPECT_EQ(f.dereference(regions[1]).read<std::vector<double>>(), iota(5, 5));  // rows 5..9 left of 5..499
  EXPECT_TRUE(regions[2].is_null());
  // points (1, 2) and (4, 1) kept, (25, 0) gone: the values 5 and 13 of the 40 x 3 grid
  EXPECT_EQ(f.dereference(regions[3]).read<std::vector<std::int32_t>>(), (std::vector<std::int32_t>{5, 13}));
  ASSERT_EQ(result.issues.size(), 1U);
  EXPECT_EQ(result.issues[0].kind, g::TruncateIssueKind::region_emptied);
  EXPECT_EQ(result.issues[0].location, "/refs/regions[2]");
}

TEST(Truncate, RowWindowKeepsItsRowsAndShiftsRegions) {
  TempDir dir;
  write_source(dir / "src.h5");
  const g::TruncateResult result =
      g::truncate(dir / "src.h5", dir / "dst.h5", 10, g::TruncateOptions{}.rows({600, 650}));
  File f(dir / "dst.h5");
  EXPECT_EQ(f.dataset("data/long").read<std::vector<double>>(), iota(50, 600));
  // /data/mid has 40 rows, fewer than the window's 50: kept whole; so are the 30 refs.
  EXPECT_EQ(f.dataset("data/mid").shape(), (Shape{40, 3}));
  const auto regions = f.dataset("refs/regions").read<std::vector<RegionReference>>();
  EXPECT_TRUE(regions[0].is_null());
  EXPECT_EQ(f.dereference(regions[2]).read<std::vector<double>>(), iota(50, 600));  // 600..699 clipped to 600..649
  EXPECT_EQ(f.dereference(regions[3]).read<std::vector<std::int32_t>>().size(), 3U);  // mid not cut: all 3 points
  ASSERT_EQ(result.cut.size(), 1U);
  EXPECT_EQ(result.cut[0].first_row, 600U);
}

TEST(Truncate, ADatasetLongerThanTheWindowButEndingBeforeItIsKeptWholeAndReported) {
  TempDir dir;
  {
    File f(dir / "src.h5", "w");
    f.create_dataset("long", iota(100));
    f.create_dataset("medium", iota(30));
  }
  const g::TruncateResult result = g::truncate(dir / "src.h5", dir / "dst.h5", 10, g::TruncateOptions{}.rows({50, 60}));
  File f(dir / "dst.h5");
  EXPECT_EQ(f.dataset("long").read<std::vector<double>>(), iota(10, 50));
  EXPECT_EQ(f.dataset("medium").read<std::vector<double>>(), iota(30));
  ASSERT_EQ(result.issues.size(), 1U);
  EXPECT_EQ(result.issues[0].kind, g::TruncateIssueKind::window_past_end);
  EXPECT_EQ(result.issues[0].location, "/medium");
}

TEST(Truncate, AReferenceToAnUnlinkedObjectIsWrittenNullAndReported) {
  TempDir dir;
  {
    File f(dir / "src.h5", "w");
    Dataset orphan = f.create_dataset("orphan", iota(3));
    f.attrs().set("to_orphan", orphan.reference());
    f.erase("orphan");  // still in the file (held open), but no link reaches it
  }
  const g::TruncateResult result = g::truncate(dir / "src.h5", dir / "dst.h5", 10);
  File f(dir / "dst.h5");
  EXPECT_TRUE(f.attrs().get<ObjectReference>("to_orphan").is_null());
  ASSERT_EQ(result.issues.size(), 1U);
  EXPECT_EQ(result.issues[0].kind, g::TruncateIssueKind::dangling_reference);
  EXPECT_EQ(result.issues[0].location, "/@to_orphan");
}

TEST(Truncate, SmallerWhenCutAndNotBloatedWhenNothingIsCut) {
  TempDir dir;
  write_source(dir / "src.h5");
  const g::TruncateResult cut = g::truncate(dir / "src.h5", dir / "dst.h5", 10);
  EXPECT_LT(cut.target_bytes, cut.source_bytes);
  EXPECT_EQ(cut.target_bytes, std::filesystem::file_size(dir / "dst.h5"));
  {
    File f(dir / "tiny.h5", "w");
    f.create_dataset("x", std::vector<std::int8_t>{1, 2, 3});
    f.attrs().set("note", std::string("tiny"));
  }
  const g::TruncateResult same = g::truncate(dir / "tiny.h5", dir / "tiny_copy.h5", 10);
  EXPECT_TRUE(same.cut.empty());
  EXPECT_LE(same.target_bytes, same.source_bytes + 512);
}

TEST(Truncate, DefaultTargetIsTheStemWithTruncatedBesideTheSource) {
  TempDir dir;
  write_source(dir / "session.nwb");
  EXPECT_EQ(g::default_truncate_target(dir / "session.nwb"), dir / "session_truncated.hdf5");
  const g::TruncateResult result = g::truncate(dir / "session.nwb");
  EXPECT_EQ(result.target, dir / "session_truncated.hdf5");
  File f(result.target);
  EXPECT_EQ(f.dataset("data/long").shape(), Shape{10});
}

TEST(Truncate, ProgressCountsEveryValueByteOnceAndEndsAtTheTotal) {
  TempDir dir;
  write_source(dir / "src.h5");
  std::vector<g::TruncateProgress> seen;
  std::vector<std::string> paths;
  g::truncate(dir / "src.h5", dir / "dst.h5", 10, g::TruncateOptions{}.progress([&](const g::TruncateProgress& p) {
    seen.push_back(p);
    paths.emplace_back(p.path);
  }));
  ASSERT_FALSE(seen.empty());
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i].bytes_done, seen[i - 1].bytes_done);
  // long 10 x 8 + mid 30 x 4 + short 3 x 8 + scalar 8 + 10 object refs x 8 + 4 region refs x 12
  const std::uint64_t expected = 80 + 120 + 24 + 8 + 80 + 48;
  EXPECT_EQ(seen.back().bytes_total, expected);
  EXPECT_EQ(seen.back().bytes_done, expected);
  EXPECT_NE(std::find(paths.begin(), paths.end(), "/data/alias"), paths.end());  // /data/long's first path
  EXPECT_NE(std::find(paths.begin(), paths.end(), "/refs/regions"), paths.end());
}

TEST(Truncate, ASmallBufferCopiesBlockByBlockWithTheSameResult) {
  TempDir dir;
  {
    File f(dir / "src.h5", "w");
    NDArray<double> grid(Shape{500, 40});
    for (std::size_t i = 0; i < grid.size(); ++i) grid.data()[i] = static_cast<double>(i);
    f.create_dataset("grid", grid, DatasetOptions{}.chunks({16, 8}));
  }
  std::size_t blocks = 0;
  g::truncate(dir / "src.h5", dir / "dst.h5", 10,
              g::TruncateOptions{}.rows({100, 400}).buffer_bytes(1024).progress([&](const auto&) { ++blocks; }));
  // 1 KiB holds 128 doubles: 3 rows of 40 per block, 300 rows in 100 blocks.
  EXPECT_EQ(blocks, 100U);
  {
    File f(dir / "dst.h5");
    const auto grid = f.dataset("grid").read<NDArray<double>>();
    ASSERT_EQ(grid.shape(), (Shape{300, 40}));
    for (std::size_t i = 0; i < grid.size(); ++i) ASSERT_EQ(grid.data()[i], static_cast<double>(i + 100 * 40)) << i;
  }
  // Rows longer than the buffer: each row in pieces of 128 values (a multiple of the 8-wide chunks).
  {
    File f(dir / "wide.h5", "w");
    NDArray<double> wide(Shape{20, 1000});
    for (std::size_t i = 0; i < wide.size(); ++i) wide.data()[i] = static_cast<double>(i);
    f.create_dataset("wide", wide, DatasetOptions{}.chunks({4, 8}));
  }
  blocks = 0;
  g::truncate(dir / "wide.h5", dir / "wide_dst.h5", 10,
              g::TruncateOptions{}.rows({5, 15}).buffer_bytes(1024).progress([&](const auto&) { ++blocks; }));
  EXPECT_EQ(blocks, 10U * 8U);  // 10 rows x ceil(1000 / 128)
  File f(dir / "wide_dst.h5");
  const auto wide = f.dataset("wide").read<NDArray<double>>();
  ASSERT_EQ(wide.shape(), (Shape{10, 1000}));
  for (std::size_t i = 0; i < wide.size(); ++i) ASSERT_EQ(wide.data()[i], static_cast<double>(i + 5 * 1000)) << i;
}

TEST(Truncate, NwbModeCutsVectorDataAtTheIndexAndShiftsAWindowedIndex) {
  TempDir dir;
  {
    File f(dir / "src.h5", "w");
    Group units = f.create_group("units");
    units.attrs().set("colnames", std::vector<std::string>{"spike_times"});
    units.create_dataset("id", std::vector<std::int64_t>{0, 1, 2, 3, 4, 5});
    // unit u has u + 1 spikes: offsets 1, 3, 6, 10, 15, 21
    Dataset times = units.create_dataset("spike_times", iota(21));
    times.attrs().set("neurodata_type", std::string("VectorData"));
    Dataset index = units.create_dataset("spike_times_index", std::vector<std::uint32_t>{1, 3, 6, 10, 15, 21});
    index.attrs().set("neurodata_type", std::string("VectorIndex"));
    index.attrs().set("target", times.reference());
  }
  g::truncate(dir / "src.h5", dir / "first.h5", 3, g::TruncateOptions{}.nwb());
  {
    File f(dir / "first.h5");
    EXPECT_EQ(f.dataset("units/spike_times_index").read<std::vector<std::uint32_t>>(),
              (std::vector<std::uint32_t>{1, 3, 6}));
    EXPECT_EQ(f.dataset("units/spike_times").read<std::vector<double>>(), iota(6));  // cut at index[n-1] = 6
  }
  g::truncate(dir / "src.h5", dir / "window.h5", 3, g::TruncateOptions{}.nwb().rows({2, 4}));
  {
    File f(dir / "window.h5");
    // units 2 and 3: spikes [3, 6) and [6, 10); the index counts from the first kept spike
    EXPECT_EQ(f.dataset("units/spike_times_index").read<std::vector<std::uint32_t>>(),
              (std::vector<std::uint32_t>{3, 7}));
    EXPECT_EQ(f.dataset("units/spike_times").read<std::vector<double>>(), iota(7, 3));
    EXPECT_EQ(f.dataset("units/id").read<std::vector<std::int64_t>>(), (std::vector<std::int64_t>{2, 3}));
  }
  // Without NWB mode each dataset is cut on its own: 3 spike times, whatever the index says.
  g::truncate(dir / "src.h5", dir / "plain.h5", 3);
  File f(dir / "plain.h5");
  EXPECT_EQ(f.dataset("units/spike_times").shape(), Shape{3});
}

// ---- bad input --------------------------------------------------------------------------------

TEST(TruncateErrors, ZeroRowsIsRefused) {
  TempDir dir;
  write_source(dir / "src.h5");
  EXPECT_THROW(g::truncate(dir / "src.h5", dir / "dst.h5", 0), InvalidArgumentError);
  EXPECT_FALSE(std::filesystem::exists(dir / "dst.h5"));
}

TEST(TruncateErrors, RowWindowsAreParsedStrictly) {
  EXPECT_EQ(g::parse_row_window("5:15"), (g::RowWindow{5, 15}));
  EXPECT_EQ(g::parse_row_window(":7"), (g::RowWindow{0, 7}));
  for (const char* bad : {"", "5", "5:", "7:7", "9:3", "a:b", "-1:4", "1:2:3", " 1:2"})
    EXPECT_THROW(g::parse_row_window(bad), InvalidArgumentError) << bad;
}

TEST(TruncateErrors, AWindowPastTheEndOfEveryDatasetIsRefused) {
  TempDir dir;
  write_source(dir / "src.h5");
  try {
    g::truncate(dir / "src.h5", dir / "dst.h5", 10, g::TruncateOptions{}.rows({1000, 1010}));
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("1000:1010"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "dst.h5"));
}

TEST(TruncateErrors, MissingOrNonHdf5SourcesAreFileErrors) {
  TempDir dir;
  EXPECT_THROW(g::truncate(dir / "missing.h5", dir / "dst.h5"), FileError);
  std::ofstream(dir / "text.h5") << "not an HDF5 file\n";
  try {
    g::truncate(dir / "text.h5", dir / "dst.h5");
    FAIL() << "expected FileError";
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find("text.h5"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not an HDF5 file"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "dst.h5"));
}

TEST(TruncateErrors, TheSourceAsTargetIsRefusedHoweverItIsSpelt) {
  TempDir dir;
  write_source(dir / "src.h5");
  const auto before = std::filesystem::file_size(dir / "src.h5");
  EXPECT_THROW(g::truncate(dir / "src.h5", dir / "src.h5"), InvalidArgumentError);
  EXPECT_THROW(g::truncate(dir / "src.h5", (dir.path() / "." / "src.h5").string()), InvalidArgumentError);
  std::filesystem::create_hard_link(dir / "src.h5", dir / "same.h5");
  EXPECT_THROW(g::truncate(dir / "src.h5", dir / "same.h5"), InvalidArgumentError);
  EXPECT_EQ(std::filesystem::file_size(dir / "src.h5"), before);
}

TEST(TruncateErrors, AFailureMidwayLeavesAnExistingTargetAsItWasAndNoTemporary) {
  TempDir dir;
  write_source(dir / "src.h5");
  {
    File old(dir / "dst.h5", "w");
    old.attrs().set("previous", 1);
  }
  const auto failing = g::TruncateOptions{}.progress([](const g::TruncateProgress&) {
    throw std::runtime_error("stop here");
  });
  EXPECT_THROW(g::truncate(dir / "src.h5", dir / "dst.h5", 10, failing), std::runtime_error);
  File f(dir / "dst.h5");
  EXPECT_EQ(f.attrs().get<int>("previous"), 1);
  EXPECT_FALSE(f.contains("data"));
  EXPECT_TRUE(AtomicFile::leftover_temporaries(dir / "dst.h5").empty());
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 2U);  // src.h5 and dst.h5
}

TEST(TruncateErrors, ANullDataspaceDatasetAndAnEmptyCompoundAreCopiedUnchanged) {
  TempDir dir;
  {
    File f(dir / "src.h5", "w");
    f.create_dataset("empty", Empty{Datatype::float64()});
    f.create_dataset("zero", Shape{0, 4}, Datatype::float64(), DatasetOptions{}.maxshape({unlimited, 4}));
  }
  const g::TruncateResult result = g::truncate(dir / "src.h5", dir / "dst.h5", 10);
  File f(dir / "dst.h5");
  EXPECT_TRUE(f.dataset("empty").is_empty());
  EXPECT_EQ(f.dataset("zero").shape(), (Shape{0, 4}));
  EXPECT_TRUE(result.issues.empty());
}

}  // namespace
}  // namespace h5kit::test

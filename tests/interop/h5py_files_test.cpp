// Files across the h5kit <-> h5py boundary: user block, creation order, format bounds, drivers,
// and each side editing a file the other made.
//   A: h5kit writes, tests/interop/h5py_files.py check-* reads with h5py.
//   B: h5py_files.py write-* writes, h5kit reads (and edits, then h5py checks the edit).
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "h5py_files.py";

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// ---- A: h5kit writes, h5py checks --------------------------------------------------------------

TEST(interop_files, H5pySeesTheUserBlock) {
  TempDir dir;
  const std::string path = dir / "userblock.h5";
  {
    File f(path, "w", FileOptions{.userblock_size = 512});
    std::vector<std::int32_t> values(10);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<std::int32_t>(i);
    f.create_dataset("data", values);
    EXPECT_EQ(f.userblock_size(), 512u);
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-userblock", {path, "512"}));
}

TEST(interop_files, H5pyListsTrackedGroupsInCreationOrder) {
  TempDir dir;
  const std::string path = dir / "order.h5";
  {
    File f(path, "w", FileOptions{.track_order = true});
    f.create_group("zeta");
    f.create_dataset("alpha", 1);
    f.create_group("mid");
    f.create_dataset("beta", 2);
    for (std::size_t i = 0; i < kOrder.size(); ++i) f.attrs().set(kOrder[i], static_cast<std::int64_t>(i));
    const h5kit::Group ordered = f.create_group("ordered", GroupOptions{.track_order = true});
    ordered.create_dataset("zeta", std::vector<std::int64_t>{0, 1});
    ordered.create_group("alpha");
    ordered.create_group("mid");
    ordered.create_dataset("beta", 3.0);
    const h5kit::Group plain = f.create_group("plain");
    for (const auto& name : kOrder) plain.create_group(name);
    const h5kit::Group many = f.create_group("many", GroupOptions{.track_order = true});
    std::vector<std::string> many_names;
    for (std::size_t i = 0; i < 40; ++i) {
      const std::size_t n = (i * 7) % 40;
      many_names.push_back("n" + std::string(n < 10 ? "0" : "") + std::to_string(n));
      many.create_group(many_names.back());
    }
    EXPECT_EQ(many.keys(), many_names);

    std::vector<std::string> root = kOrder;
    root.insert(root.end(), {"ordered", "plain", "many"});
    EXPECT_EQ(f.keys(), root);
    EXPECT_EQ(ordered.keys(), kOrder);
    EXPECT_EQ(plain.keys(), sorted(kOrder));
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-order", {path}));
}

TEST(interop_files, H5pyReadsLatestAndEarliestFormatFiles) {
  TempDir dir;
  const std::string latest = dir / "latest.h5";
  const std::string earliest = dir / "earliest.h5";
  {
    File f(latest, "w");
    f.create_dataset("data", std::vector<double>{1.0, 2.0});
  }
  {
    File f(earliest, "w", FileOptions{.libver_low = h5kit::LibVersion::earliest});
    f.create_dataset("data", std::vector<double>{1.0, 2.0});
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-bounds", {latest, earliest}));
}

TEST(interop_files, H5pyReadsACoreDriverFileWrittenToDisk) {
  TempDir dir;
  const std::string path = dir / "core.h5";
  {
    File f(path, "w", FileOptions{.driver = Driver::core});
    EXPECT_EQ(f.driver(), Driver::core);
    std::vector<double> values(100);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>(i) * 0.5;
    f.create_dataset("data", values).attrs().set("units", std::string("s"));
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << "core driver with backing_store did not write " << path;
  EXPECT_TRUE(run_peer_case(kScript, "check-core", {path}));
}

TEST(interop_files, H5pyReadsAFamilyOfFiles) {
  TempDir dir;
  const std::string pattern = dir / "fam%d.h5";
  {
    File f(pattern, "w", FileOptions{.driver = Driver::family, .member_size = 4096});
    std::vector<double> values(5000);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>(i);
    f.create_dataset("data", values);
  }
  EXPECT_TRUE(std::filesystem::exists(dir / "fam0.h5"));
  EXPECT_TRUE(std::filesystem::exists(dir / "fam1.h5")) << "40 kB of data should span several 4 kB members";
  EXPECT_TRUE(run_peer_case(kScript, "check-family", {pattern, "4096"}));
}

TEST(interop_files, H5kitReadsWhatH5pyAddedToAnH5kitFile) {
  TempDir dir;
  const std::string path = dir / "shared.h5";
  {
    File f(path, "w");
    f.create_dataset("from_h5kit", std::vector<float>{1.0f, 2.0f, 3.0f});
  }
  ASSERT_TRUE(run_peer_case(kScript, "append", {path}));
  File f(path, "r");
  EXPECT_EQ(f.keys(), (std::vector<std::string>{"from_h5kit", "from_h5py", "h5py_group"}));
  EXPECT_EQ(f.dataset("from_h5kit").read<std::vector<float>>(), (std::vector<float>{1.0f, 2.0f, 3.0f}));
  EXPECT_EQ(f.dataset("from_h5kit").attrs().get<std::string>("touched_by"), "h5py");
  const h5kit::Dataset added = f.dataset("from_h5py");
  EXPECT_EQ(added.dtype().name(), "int16");
  EXPECT_EQ(added.read<NDArray<std::int16_t>>(), NDArray<std::int16_t>(Shape{2, 2}, {1, 2, 3, 4}));
  EXPECT_EQ(f.group("h5py_group").attrs().get<std::int32_t>("n"), 3);
}

TEST(interop_files, H5pyReadsObjectsH5kitCopiedFromAnH5pyFile) {
  TempDir dir;
  const std::string source_path = dir / "source.h5";
  const std::string path = dir / "copies.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-for-copy", {source_path}));
  {
    const File source(source_path, "r");
    const File f(path, "w");
    source.copy("data", f, "copied");
    source.copy("data", f, "bare", h5kit::CopyOptions{.without_attrs = true});
    source.copy(source.open("tree"), f, "tree");
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-copy", {path}));
}

// ---- B: h5py writes, h5kit checks --------------------------------------------------------------

TEST(interop_files, H5kitOpensH5pyFilesWithTheFamilyAndCoreDrivers) {
  TempDir dir;
  const std::string pattern = dir / "fam%d.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-family", {pattern, "4096"}));
  std::vector<double> expected(5000);
  for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = static_cast<double>(i);
  {
    File f(pattern, "r", FileOptions{.driver = Driver::family, .member_size = 4096});
    EXPECT_EQ(f.driver(), Driver::family);
    EXPECT_EQ(f.dataset("data").read<std::vector<double>>(), expected);
  }
  const std::string single = dir / "single.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-userblock", {single}));
  File f(single, "r", FileOptions{.driver = Driver::core, .backing_store = false});
  EXPECT_EQ(f.driver(), Driver::core);
  EXPECT_EQ(f.userblock_size(), 1024u);
  EXPECT_EQ(f.dataset("data").read<NDArray<std::int64_t>>(), NDArray<std::int64_t>(Shape{2, 3}, {0, 1, 2, 3, 4, 5}));
}

TEST(interop_files, TrackedButUnindexedGroupListsInCreationOrderLikeH5py) {
  TempDir dir;
  const std::string path = dir / "unindexed.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-tracked-unindexed", {path}));
  File f(path, "r");
  EXPECT_EQ(f.group("tracked").keys(), kOrder) << "h5py lists this group in creation order";
  EXPECT_EQ(f.group("tracked").keys(IterationOrder::name), sorted(kOrder));
}

TEST(interop_files, H5kitSeesAnH5pyUserBlockAndKeepsItWhenEditing) {
  TempDir dir;
  const std::string path = dir / "ub_from_h5py.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-userblock", {path}));
  {
    File f(path, "r");
    EXPECT_EQ(f.userblock_size(), 1024u);
    EXPECT_EQ(f.mode(), "r");
    const auto data = f.dataset("data").read<NDArray<std::int64_t>>();
    EXPECT_EQ(data, NDArray<std::int64_t>(Shape{2, 3}, {0, 1, 2, 3, 4, 5}));
  }
  {
    File f(path, "r+");
    EXPECT_EQ(f.mode(), "r+");
    EXPECT_EQ(f.userblock_size(), 1024u);
    f.create_dataset("from_h5kit", std::vector<double>{1.25, -2.5});
    f.dataset("data").attrs().set("touched_by", std::string("h5kit"));
    f.create_group("h5kit_group/sub");
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-appended", {path}));
}

TEST(interop_files, H5kitFollowsH5pyCreationOrder) {
  TempDir dir;
  const std::string path = dir / "order_from_h5py.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-order", {path}));
  File f(path, "r");

  std::vector<std::string> root = kOrder;
  root.insert(root.end(), {"ordered", "plain"});
  EXPECT_TRUE(f.tracks_creation_order());
  EXPECT_EQ(f.keys(), root);
  EXPECT_EQ(f.keys(IterationOrder::creation), root);
  EXPECT_EQ(f.keys(IterationOrder::name), sorted(root));
  EXPECT_EQ(f.attrs().keys(), kOrder);

  const h5kit::Group ordered = f.group("ordered");
  std::vector<std::string> ordered_keys = kOrder;
  ordered_keys.push_back("deep");
  EXPECT_TRUE(ordered.tracks_creation_order());
  EXPECT_EQ(ordered.keys(), ordered_keys);
  std::vector<std::string> item_names;
  for (const auto& [name, object] : ordered.items()) {
    item_names.push_back(name);
    EXPECT_TRUE(object.valid()) << name;
  }
  EXPECT_EQ(item_names, ordered_keys);
  for (std::size_t i = 0; i < kOrder.size(); ++i)
    EXPECT_EQ(ordered.dataset(kOrder[i]).read<std::int32_t>(), static_cast<std::int32_t>(i));

  std::vector<std::string> reversed(kOrder.rbegin(), kOrder.rend());
  EXPECT_EQ(f.group("ordered/deep").keys(), reversed);

  const h5kit::Group plain = f.group("plain");
  EXPECT_FALSE(plain.tracks_creation_order());
  EXPECT_EQ(plain.keys(), sorted(kOrder));

  // visit is in name order whatever the group tracks (h5py's visit)
  std::vector<std::string> visited;
  f.group("ordered/deep").visit([&](const std::string& name) {
    visited.push_back(name);
    return false;
  });
  EXPECT_EQ(visited, sorted(kOrder));
}

class interop_files_bounds : public ::testing::TestWithParam<const char*> {};

TEST_P(interop_files_bounds, H5kitReadsH5pyFilesOfEitherFormat) {
  TempDir dir;
  const std::string path = dir / "bounds.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-bounds", {path, GetParam()}));
  File f(path, "r");
  EXPECT_EQ(f.dataset("data").read<std::vector<double>>(), (std::vector<double>{1.0, 2.0}));
  const h5kit::Group g = f.group("g");
  EXPECT_EQ(g.size(), 20u);
  EXPECT_EQ(g.attrs().size(), 20u);
  const auto keys = g.keys();
  const auto attr_keys = g.attrs().keys();
  ASSERT_EQ(keys.size(), 20u);
  ASSERT_EQ(attr_keys.size(), 20u);
  for (std::int32_t i = 0; i < 20; ++i) {
    const std::string suffix = (i < 10 ? "0" : "") + std::to_string(i);
    EXPECT_EQ(keys[static_cast<std::size_t>(i)], "d" + suffix);
    EXPECT_EQ(attr_keys[static_cast<std::size_t>(i)], "a" + suffix);
    EXPECT_EQ(g.dataset("d" + suffix).read<std::int32_t>(), i);
    EXPECT_EQ(g.attrs().get<std::int32_t>("a" + suffix), i);
  }
}
INSTANTIATE_TEST_SUITE_P(interop, interop_files_bounds, ::testing::Values("earliest", "latest"));

TEST(interop_files, OpenModesOnAnH5pyFile) {
  TempDir dir;
  const std::string path = dir / "modes.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-userblock", {path}));
  EXPECT_THROW(File(path, "w-"), h5kit::AlreadyExistsError);
  EXPECT_THROW(File(path, "x"), h5kit::AlreadyExistsError);
  {
    File f(path, "r");
    EXPECT_THROW(f.create_group("nope"), h5kit::Error);
  }
  {
    File f(path, "a");  // opens, does not truncate
    EXPECT_EQ(f.mode(), "r+");
    EXPECT_TRUE(f.contains("data"));
    EXPECT_EQ(f.userblock_size(), 1024u);
  }
  EXPECT_THROW(File(dir / "absent.h5", "r"), h5kit::Error);
  EXPECT_THROW(File(dir / "absent.h5", "r+"), h5kit::Error);
}

}  // namespace
}  // namespace h5kit::test

// h5py's group idioms and file images across the h5kit <-> h5py boundary.
//   A: h5kit uses the dict methods, copies and File::image(); tests/interop/h5py_group_idioms.py
//      check-* inspects the results with h5py.
//   B: h5py_group_idioms.py write-* makes links and an in-memory file; h5kit visits and opens them.
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "h5py_group_idioms.py";

std::vector<std::byte> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> out(chars.size());
  std::memcpy(out.data(), chars.data(), chars.size());
  return out;
}

TEST(interop_group_idioms, H5pySeesWhatTheDictMethodsMade) {
  TempDir dir;
  const std::string path = dir / "dict.h5";
  {
    File f(path, "w");
    const Group run = f.create_group("run");
    const std::vector<double> signal = {1, 2, 3};
    run.update({{"signal", signal}, {"latest", SoftLink{"/run/signal"}}, {"calib", ExternalLink{"calib.h5", "/gain"}}});
    run.setdefault("count", std::int32_t{5});
    run.setdefault("count", std::int32_t{9});  // present: kept
    run.create_dataset("gone", 1);
    EXPECT_TRUE(run.pop("gone").valid());
    const Group scratch = f.create_group("scratch");
    scratch.create_dataset("a", 1);
    scratch.create_group("b/c");
    scratch.clear();
    const Group archive = f.create_group("archive");
    run.copy("signal", archive);                          // keeps the name: /archive/signal
    const Group expanded = f.create_group("archive/expanded");
    run.copy("latest", expanded, "latest", CopyOptions{.expand_soft = true});
    EXPECT_EQ(run.get_link("latest")->kind, LinkKind::soft);
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-dict-methods", {path}));
}

TEST(interop_group_idioms, H5pyOpensTheBytesOfAnInMemoryFile) {
  TempDir dir;
  const std::string path = dir / "image.h5";
  {
    FileOptions memory;
    memory.driver = Driver::core;
    memory.backing_store = false;
    File f(dir / "never_on_disk.h5", "w", memory);
    f.create_dataset("frame", NDArray<std::int32_t>({3, 4}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}))
        .attrs()
        .set("detector", std::string("eiger"));
    const std::vector<std::byte> image = f.image();
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(image.data()),
                                                static_cast<std::streamsize>(image.size()));
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "never_on_disk.h5"));
  EXPECT_TRUE(run_peer_case(kScript, "check-image", {path}));
}

TEST(interop_group_idioms, VisitLinksListsWhatH5pyMadeInH5pysOrder) {
  TempDir dir;
  ASSERT_TRUE(run_peer_case(kScript, "write-links", {dir.path().string()}));
  const File f(dir / "links.h5", "r");
  std::vector<std::string> names, kinds, targets;
  f.group("data").visit_links_items([&](const std::string& name, const LinkInfo& link) {
    names.push_back(name);
    kinds.push_back(to_string(link.kind));
    targets.push_back(link.kind == LinkKind::external ? link.file + ":" + link.target : link.target);
    return false;
  });
  EXPECT_EQ(names, f.dataset("expected/names").read<std::vector<std::string>>());
  EXPECT_EQ(kinds, f.dataset("expected/kinds").read<std::vector<std::string>>());
  EXPECT_EQ(targets, f.dataset("expected/targets").read<std::vector<std::string>>());
  // get_link answers without following, dangling or not; get() of a dangling link is nothing.
  EXPECT_EQ(f.get_link("data/dangling")->target, "/nowhere");
  EXPECT_FALSE(f.get_link("data/absent").has_value());
}

TEST(interop_group_idioms, H5kitOpensTheBytesOfAnH5pyInMemoryFile) {
  TempDir dir;
  const std::string path = dir / "h5py_image.h5";
  ASSERT_TRUE(run_peer_case(kScript, "write-image", {path}));
  const std::vector<std::byte> bytes = file_bytes(path);
  const File f = File::from_image(bytes);
  EXPECT_EQ(f.dataset("frame").read<NDArray<std::uint16_t>>(), NDArray<std::uint16_t>({2, 3}, {0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(f.dataset("frame").attrs().get<std::string>("detector"), "jungfrau");
  // Changes to an image opened "r+" stay in memory: the bytes on disk are untouched.
  const File editable = File::from_image(bytes, "r+");
  editable.create_dataset("added", 1);
  EXPECT_TRUE(File::from_image(editable.image()).contains("added"));
  EXPECT_EQ(file_bytes(path), bytes);
  // A truncated image is a clear error, not a crash.
  EXPECT_THROW(File::from_image(std::span<const std::byte>(bytes.data(), bytes.size() / 3)), FileError);
}

}  // namespace
}  // namespace h5kit::test

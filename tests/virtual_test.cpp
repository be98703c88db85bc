// Virtual datasets: mappings from sources in the same file and in others (relative names found beside
// the virtual file), source selections, fill values for what is missing, unlimited sources and
// printf-style source files, the views of an unlimited extent, the mappings read back, and refusals.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

bool mentions_text(const std::string& message, const std::string& text) {
  if (message.find(text) != std::string::npos) return true;
  ADD_FAILURE() << "expected \"" << text << "\" in: " << message;
  return false;
}
bool mentions(const Error& e, const std::string& text) { return mentions_text(e.what(), text); }

// Row `r` of module `m`: 100 * m + r, so every element says where it came from.
std::vector<std::int32_t> module_row(int m, std::size_t n) {
  std::vector<std::int32_t> row(n);
  for (std::size_t r = 0; r < n; ++r) row[r] = static_cast<std::int32_t>(100 * m + static_cast<int>(r));
  return row;
}

// The error create_virtual_dataset raises for `layout`, or "" when it succeeds.
std::string creation_error(const File& f, const VirtualLayout& layout, const DatasetOptions& options = {}) {
  try {
    f.create_virtual_dataset("v", layout, options);
  } catch (const InvalidArgumentError& e) {
    return e.what();
  }
  return {};
}

class VirtualDataset : public ::testing::Test {
 protected:
  TempDir dir;
  std::string path = dir / "vds.h5";
};

TEST_F(VirtualDataset, MapsRowsFromSourcesInTheSameFile) {
  File f(path, "w");
  VirtualLayout layout({4, 6}, dtype<std::int32_t>());
  for (int m = 0; m < 4; ++m) {
    const Dataset source = f.create_dataset("modules/" + std::to_string(m), module_row(m, 6));
    layout.map({m}, VirtualSource(source));
  }
  const Dataset v = f.create_virtual_dataset("frames", layout);
  EXPECT_TRUE(v.is_virtual());
  EXPECT_EQ(v.layout(), Layout::virtual_);
  EXPECT_EQ(v.shape(), (Shape{4, 6}));
  const NDArray<std::int32_t> all = v.read<NDArray<std::int32_t>>();
  EXPECT_EQ(all(2, 5), 205);
  EXPECT_EQ(all(3, 0), 300);
  EXPECT_EQ((v[{s(1, 3), 4}].read<std::vector<std::int32_t>>()), (std::vector<std::int32_t>{104, 204}));

  const std::vector<VirtualMapping> mappings = v.virtual_sources();
  ASSERT_EQ(mappings.size(), 4u);
  EXPECT_EQ(mappings[2].file, ".");  // the same file, as h5py stores it
  EXPECT_EQ(mappings[2].dataset, "/modules/2");
  EXPECT_EQ(to_string(mappings[2].region), "[2, :]");
  EXPECT_EQ(to_string(mappings[2].source_region), "[:]");
  ASSERT_TRUE(mappings[2].region.hyperslab);
  EXPECT_EQ(mappings[2].region.hyperslab->start, (Shape{2, 0}));
  EXPECT_EQ(mappings[2].source_region.extent, (Shape{6}));
}

TEST_F(VirtualDataset, FindsRelativeSourcesBesideItsFileAndFillsWhatIsMissing) {
  for (int m : {0, 2}) {  // module 1 never wrote its file
    File source(dir / ("module-" + std::to_string(m) + ".h5"), "w");
    source.create_dataset("data", module_row(m, 5));
  }
  {
    File f(path, "w");
    VirtualLayout layout({3, 5}, dtype<std::int32_t>());
    for (int m = 0; m < 3; ++m) layout.map({m}, VirtualSource("module-" + std::to_string(m) + ".h5", "/data", {5}));
    f.create_virtual_dataset("frames", layout, DatasetOptions{}.fill_value(std::int32_t{-1}));
  }
  // The test runs in the build directory: the names resolve beside vds.h5, not in the working directory.
  File f(path, "r");
  const NDArray<std::int32_t> all = f.dataset("frames").read<NDArray<std::int32_t>>();
  EXPECT_EQ(all(0, 4), 4);
  EXPECT_EQ(all(1, 0), -1);
  EXPECT_EQ(all(1, 4), -1);
  EXPECT_EQ(all(2, 3), 203);
  EXPECT_EQ(f.dataset("frames").virtual_sources()[1].file, "module-1.h5");
}

TEST_F(VirtualDataset, MapsASelectionOfTheSource) {
  File f(path, "w");
  const Dataset source = f.create_dataset("source", module_row(0, 20));
  VirtualLayout layout({2, 5}, dtype<std::int32_t>());
  layout.map({0}, VirtualSource(source)[{s(0, 10, 2)}]);      // the even elements below 10
  layout.map({1, s(1, 4)}, VirtualSource(source)[{s(-3, none)}]);  // the last three
  const Dataset v = f.create_virtual_dataset("v", layout, DatasetOptions{}.fill_value(std::int32_t{7}));
  const NDArray<std::int32_t> all = v.read<NDArray<std::int32_t>>();
  EXPECT_EQ(std::vector<std::int32_t>(all.data(), all.data() + all.size()), (std::vector<std::int32_t>{0, 2, 4, 6, 8, 7, 17, 18, 19, 7}));
  EXPECT_EQ(to_string(v.virtual_sources()[0].source_region), "[:9:2]");
  EXPECT_EQ(to_string(v.virtual_sources()[1].region), "[1, 1:4]");
  EXPECT_EQ(to_string(v.virtual_sources()[1].source_region), "[17:]");
}

TEST_F(VirtualDataset, WritesGoToTheSources) {
  File f(path, "w");
  const Dataset a = f.create_dataset("a", std::vector<double>(3, 0.0));
  VirtualLayout layout({3}, dtype<double>());
  layout.map(VirtualSource(a));
  const Dataset v = f.create_virtual_dataset("v", layout);
  v.write(std::vector<double>{1.5, 2.5, 3.5});
  EXPECT_EQ(a.read<std::vector<double>>(), (std::vector<double>{1.5, 2.5, 3.5}));
}

TEST_F(VirtualDataset, GrowsWithAnUnlimitedSource) {
  {
    File f(path, "w");
    const Dataset log = f.create_dataset("log", Shape{2, 3}, dtype<std::int32_t>(),
                                         DatasetOptions{}.maxshape({unlimited, 3}).chunks({4, 3}));
    log.write(NDArray<std::int32_t>({2, 3}, {0, 1, 2, 3, 4, 5}));
    VirtualLayout layout({2, 3}, dtype<std::int32_t>(), Shape{unlimited, 3});
    layout.map({all, all}, VirtualSource(log));
    const Dataset v = f.create_virtual_dataset("v", layout);
    EXPECT_EQ(to_string(v.virtual_sources()[0].region), "[:, :]");
    ASSERT_TRUE(v.virtual_sources()[0].region.hyperslab);
    EXPECT_EQ(v.virtual_sources()[0].region.hyperslab->count[0], unlimited);
    log.append(std::vector<std::int32_t>{6, 7, 8});
  }
  File f(path, "r");
  const Dataset v = f.dataset("v");
  EXPECT_EQ(v.shape(), (Shape{3, 3}));
  EXPECT_EQ(v.maxshape(), (Shape{unlimited, 3}));
  EXPECT_EQ((v[{2, 1}].read<std::int32_t>()), 7);
}

// Three acquisition files of 10 frames each, frames-0.h5 .. frames-2.h5, one skipped when asked.
class PrintfSources : public VirtualDataset {
 protected:
  void write_frames(const std::vector<int>& files) {
    for (int n : files) {
      File source(dir / ("frames-" + std::to_string(n) + ".h5"), "w");
      NDArray<std::uint16_t> frames({10, 4});
      for (std::size_t k = 0; k < frames.size(); ++k) frames.data()[k] = static_cast<std::uint16_t>(1000 * n + k);
      source.create_dataset("data", frames);
    }
    File f(path, "w");
    VirtualLayout layout({0, 4}, dtype<std::uint16_t>(), Shape{unlimited, 4});
    layout.map({multi_block(0, 10, none, 10), all}, VirtualSource("frames-%b.h5", "/data", {10, 4}));
    f.create_virtual_dataset("frames", layout, DatasetOptions{}.fill_value(std::uint16_t{9}));
  }
};

TEST_F(PrintfSources, ExtendOverEveryFileFound) {
  write_frames({0, 1, 2});
  File f(path, "r");
  const Dataset v = f.dataset("frames");
  EXPECT_EQ(v.shape(), (Shape{30, 4}));
  EXPECT_EQ((v[{25, 3}].read<std::uint16_t>()), 2000 + 23);
  const VirtualMapping m = v.virtual_sources().at(0);
  EXPECT_EQ(m.file, "frames-%b.h5");
  EXPECT_EQ(to_string(m.region), "[multi_block(0, 10, None, 10), :]");
}

TEST_F(PrintfSources, ViewsOfAGapInTheFiles) {
  write_frames({0, 2});
  File f(path, "r");
  EXPECT_EQ(f.dataset("frames", DatasetAccess{}.virtual_view(VirtualView::first_missing)).shape(), (Shape{10, 4}));
  EXPECT_EQ(f.dataset("frames", DatasetAccess{}.virtual_printf_gap(1)).shape(), (Shape{30, 4}));
  const Dataset gapped = f.dataset("frames", DatasetAccess{}.virtual_printf_gap(1));
  EXPECT_EQ((gapped[{15, 0}].read<std::uint16_t>()), 9);  // the missing file reads as the fill value
  EXPECT_EQ((gapped[{29, 3}].read<std::uint16_t>()), 2000 + 39);
}

TEST_F(VirtualDataset, PrefixDirectoryIsSearchedFirst) {
  const std::string elsewhere = dir / "elsewhere";
  std::filesystem::create_directory(elsewhere);
  {
    File source(elsewhere + "/m.h5", "w");
    source.create_dataset("data", module_row(4, 3));
  }
  File f(path, "w");
  VirtualLayout layout({3}, dtype<std::int32_t>());
  layout.map(VirtualSource("m.h5", "/data", {3}));
  f.create_virtual_dataset("v", layout, DatasetOptions{}.fill_value(std::int32_t{-1}));
  f.flush();
  EXPECT_EQ(f.dataset("v").read<std::vector<std::int32_t>>(), (std::vector<std::int32_t>{-1, -1, -1}));
  const Dataset found = f.dataset("v", DatasetAccess{}.virtual_prefix(elsewhere));
  EXPECT_EQ(found.read<std::vector<std::int32_t>>(), (std::vector<std::int32_t>{400, 401, 402}));
}

TEST_F(VirtualDataset, RefusesMappingsHdf5CannotHold) {
  File f(path, "w");
  const VirtualSource ten("s.h5", "/d", {10});
  EXPECT_TRUE(mentions_text(creation_error(f, VirtualLayout({4}, dtype<int>()).map(ten)),
                            "selects 4 elements, the source's [:] 10"));
  EXPECT_TRUE(mentions_text(creation_error(f, VirtualLayout({10}, dtype<int>()).map({indices{1, 2}}, ten)),
                            "regular hyperslabs only"));
  EXPECT_TRUE(mentions_text(creation_error(f, VirtualLayout({10}, dtype<int>()).map({10}, ten[{0}])),
                            "index 10 on axis 0 is outside its extent 10"));
  EXPECT_TRUE(mentions_text(creation_error(f, VirtualLayout({2, 10}, dtype<int>()).map({0, 0, 0}, ten)),
                            "3 entries for 2 axes"));
  EXPECT_TRUE(mentions_text(creation_error(f, VirtualLayout({0}, dtype<int>(), Shape{unlimited}).map(ten)),
                            "printf-style"));
  EXPECT_TRUE(mentions_text(creation_error(f, VirtualLayout({10}, dtype<int>())), "maps no source"));
  EXPECT_TRUE(mentions_text(creation_error(f, VirtualLayout({10}, dtype<int>()).map(ten), DatasetOptions{}.gzip()),
                            "takes no filters"));
  EXPECT_TRUE(mentions_text(
      creation_error(f, VirtualLayout({10}, dtype<int>()).map({multi_block(0, 4, 3, 3)}, ten[{s(0, 9)}])),
      "ends at 11 on axis 0, past its extent 10"));
  EXPECT_FALSE(f.contains("v"));
  try {
    f.create_dataset("plain", std::vector<int>{1}).virtual_sources();
    ADD_FAILURE() << "a contiguous dataset has no virtual sources";
  } catch (const InvalidArgumentError& e) {
    EXPECT_TRUE(mentions(e, "not a virtual dataset"));
  }
}

}  // namespace
}  // namespace h5kit

// graph::truncate over the graph layer's corpus (tests/interop/nwb_corpus.py: NWB-like files and one
// synthetic file per bad case of spec §5.8): every file truncates without error, and h5py finds the
// copy equal to the source's first rows link by link, byte by byte and reference by reference
// (h5py_truncate.py check-copy). NWB mode keeps every VectorIndex / VectorData pair consistent
// (check-ragged).
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "graph/corpus.hpp"
#include "h5kit/error.hpp"
#include "h5kit/graph/truncate.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "h5py_truncate.py";
namespace g = h5kit::graph;

std::vector<std::string> corpus_files() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(Corpus::get().dir()))
    if (entry.is_regular_file()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(interop_truncate_corpus, EveryCorpusFileTruncatesToACopyH5pyFindsEqual) {
  H5KIT_REQUIRE_CORPUS();
  const std::vector<std::string> names = corpus_files();
  ASSERT_GE(names.size(), 15U);
  TempDir dir;
  for (const std::string& name : names) {
    for (const std::uint64_t n : {std::uint64_t{1}, std::uint64_t{3}, std::uint64_t{10}}) {
      SCOPED_TRACE(name + " n=" + std::to_string(n));
      const std::string target = dir / (std::to_string(n) + "_" + name);
      g::TruncateResult result;
      ASSERT_NO_THROW(result = g::truncate(corpus_file(name), target, n)) << name;
      EXPECT_TRUE(run_peer_case(kScript, "check-copy", {corpus_file(name), target, "0", std::to_string(n)}));
    }
  }
}

TEST(interop_truncate_corpus, NwbModeKeepsEveryRaggedColumnValid) {
  H5KIT_REQUIRE_CORPUS();
  TempDir dir;
  for (const std::string& name : corpus_files()) {
    for (const g::RowWindow window : {g::RowWindow{0, 2}, g::RowWindow{1, 3}}) {
      SCOPED_TRACE(name + " rows " + std::to_string(window.start) + ":" + std::to_string(window.stop));
      const std::string target = dir / ("nwb_" + std::to_string(window.start) + "_" + name);
      try {
        g::truncate(corpus_file(name), target, 10, g::TruncateOptions{}.nwb().rows(window));
      } catch (const InvalidArgumentError& e) {
        // A file whose datasets all have fewer rows than the window start (the synthetic ones).
        EXPECT_NE(std::string(e.what()).find("starts past the end of every dataset"), std::string::npos) << e.what();
        continue;
      }
      EXPECT_TRUE(run_peer_case(kScript, "check-ragged",
                                {corpus_file(name), target, std::to_string(window.start), std::to_string(window.stop)}));
    }
  }
}

}  // namespace
}  // namespace h5kit::test

#pragma once
// The graph layer's test corpus (tests/interop/nwb_corpus.py), written once per test binary into a
// temporary directory that is removed at exit. corpus_file("ecephys.nwb") gives a file's path.
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace h5kit::test {

class Corpus {
 public:
  static const Corpus& get() {
    static const Corpus corpus;
    return corpus;
  }
  const std::filesystem::path& dir() const { return dir_; }
  // Empty when the generator worked; else what it printed.
  const std::string& failure() const { return failure_; }

  ~Corpus() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  Corpus(const Corpus&) = delete;
  Corpus& operator=(const Corpus&) = delete;

 private:
  Corpus() {
    dir_ = std::filesystem::temp_directory_path() / ("h5kit-graph-corpus-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    const std::string script = std::string(H5KIT_TEST_SOURCE_DIR) + "/interop/nwb_corpus.py";
    const CommandResult made =
        run_command(std::string(H5KIT_PEER_PYTHON) + " " + shell_quote(script) + " " + shell_quote(dir_.string()));
    if (made.exit_code != 0) failure_ = "nwb_corpus.py exited with " + std::to_string(made.exit_code) + ":\n" + made.output;
  }
  std::filesystem::path dir_;
  std::string failure_;
};

// The path of a corpus file; fails the calling test (ASSERT-style, via the macro below) when the
// corpus could not be written.
inline std::string corpus_file(const std::string& name) { return (Corpus::get().dir() / name).string(); }

#define H5KIT_REQUIRE_CORPUS() \
  ASSERT_EQ(::h5kit::test::Corpus::get().failure(), "") << "the graph test corpus could not be written"

}  // namespace h5kit::test

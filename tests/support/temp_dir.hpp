#pragma once
// Test support: a fresh directory per test, removed afterwards, and a way to run the Python peers.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace h5kit::test {

// A scratch directory unique to the running test.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  // A path inside the directory.
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved
};

// Runs a shell command and captures its output.
CommandResult run_command(const std::string& command);
// Runs /usr/bin/python3 with a script from tests/interop/ and arguments.
CommandResult run_peer_script(const std::string& script, const std::string& args);
// Quotes a string for the shell.
std::string shell_quote(const std::string& s);

}  // namespace h5kit::test

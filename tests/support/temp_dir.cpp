#include "support/temp_dir.hpp"

#include <array>
#include <cstdio>
#include <random>
#include <sys/wait.h>

namespace h5kit::test {

TempDir::TempDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "h5kit";
  for (char& c : name)
    if (c == '/') c = '_';
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() / ("h5kit-" + name + "-" + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) result.output.append(buf.data(), n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

CommandResult run_peer_script(const std::string& script, const std::string& args) {
  const std::string path = std::string(H5KIT_TEST_SOURCE_DIR) + "/interop/" + script;
  return run_command(std::string(H5KIT_PEER_PYTHON) + " " + shell_quote(path) + " " + args);
}

}  // namespace h5kit::test

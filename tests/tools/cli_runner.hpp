#pragma once
// Runs the built `h5kit` binary for the CLI tests, with stdout and stderr kept apart (a dump's JSON
// must parse on its own, and an error must be the only line on stderr).
#include <fstream>
#include <iterator>
#include <string>

#include "support/temp_dir.hpp"

namespace h5kit::test {

struct CliResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// `args` is pasted into a shell command line: quote file names with shell_quote().
inline CliResult run_cli(const TempDir& dir, const std::string& args) {
  const std::string err_file = dir / "cli.stderr";
  // run_command appends 2>&1 to the whole line; the braces keep the CLI's own stderr in err_file.
  const CommandResult run =
      run_command("{ " + shell_quote(H5KIT_CLI) + " " + args + " 2>" + shell_quote(err_file) + "; }");
  std::ifstream in(err_file);
  return {run.exit_code, run.output, std::string(std::istreambuf_iterator<char>(in), {})};
}

// Runs a Python helper from tests/tools/ with Debian's interpreter (the one with h5py and numpy).
inline CommandResult run_tools_script(const std::string& script, const std::string& args) {
  const std::string path = std::string(H5KIT_TEST_SOURCE_DIR) + "/tools/" + script;
  return run_command(std::string(H5KIT_PEER_PYTHON) + " " + shell_quote(path) + " " + args);
}

// True when `text` is exactly one line ending in a newline.
inline bool is_one_line(const std::string& text) {
  return !text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1;
}

}  // namespace h5kit::test

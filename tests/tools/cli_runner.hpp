#pragma once
// Runs the built `h5kit` binary for the CLI tests, with stdout and stderr kept apart (a dump's JSON
// must parse on its own, and an error must be the only line on stderr).
#include <cstddef>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace h5kit::test {

struct CliResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// `args` is pasted into a shell command line: quote file names with shell_quote(). With
// `timeout_seconds`, a CLI still running then is killed and the status is timeout(1)'s 124: for
// input that once made the CLI wait forever.
inline CliResult run_cli(const TempDir& dir, const std::string& args, int timeout_seconds = 0) {
  const std::string err_file = dir / "cli.stderr";
  const std::string limit = timeout_seconds > 0 ? "timeout -k 2 " + std::to_string(timeout_seconds) + " " : "";
  // run_command appends 2>&1 to the whole line; the braces keep the CLI's own stderr in err_file.
  const CommandResult run =
      run_command("{ " + limit + shell_quote(H5KIT_CLI) + " " + args + " 2>" + shell_quote(err_file) + "; }");
  std::ifstream in(err_file);
  return {run.exit_code, run.output, std::string(std::istreambuf_iterator<char>(in), {})};
}

// AddressSanitizer reserves terabytes of address space for its shadow memory when a program starts,
// so a CLI built with it (the sanitizer flavour) cannot start under an address-space limit at all.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSpaceLimitsWork = false;
#else
inline constexpr bool kAddressSpaceLimitsWork = true;
#endif

// The CLI under an address-space limit (setrlimit RLIMIT_AS through the shell's `ulimit -v`), with
// its stdout piped into `sink` (a shell command such as "wc -c"), whose output becomes `out`: for
// input that once took gigabytes, a dump that needs more than `max_mebibytes` fails to allocate.
// `exit_code` is the CLI's own status, not the sink's.
inline CliResult run_cli_in_memory(const TempDir& dir, const std::string& args, std::size_t max_mebibytes,
                                   const std::string& sink, int timeout_seconds = 120) {
  const std::string err_file = dir / "cli.stderr";
  const std::string status_file = dir / "cli.status";
  const std::string limit = "ulimit -v " + std::to_string(max_mebibytes * 1024) + "; timeout -k 2 " +
                            std::to_string(timeout_seconds) + " ";
  const CommandResult run = run_command("( " + limit + shell_quote(H5KIT_CLI) + " " + args + " 2>" +
                                        shell_quote(err_file) + "; echo $? >" + shell_quote(status_file) + " ) | " +
                                        sink);
  std::ifstream err(err_file), status(status_file);
  CliResult result{-1, run.output, std::string(std::istreambuf_iterator<char>(err), {})};
  if (!(status >> result.exit_code)) result.exit_code = -1;
  return result;
}

// Runs the CLI inside a pseudo-terminal (script(1) from bsdutils): stdin, stdout and stderr are all
// the terminal, and everything written to it comes back as the command's output.
inline CommandResult run_in_terminal(const std::string& args) {
  const std::string inner = shell_quote(H5KIT_CLI) + " " + args;
  return run_command("script -qec " + shell_quote(inner) + " /dev/null");
}

// Runs a Python helper from tests/tools/ that writes the file `path`, with Debian's interpreter (the
// one with h5py and numpy). ASSERT_TRUE it: a failure shows what the helper printed.
inline ::testing::AssertionResult write_with_tools_script(const std::string& script, const std::string& path) {
  const std::string script_path = std::string(H5KIT_TEST_SOURCE_DIR) + "/tools/" + script;
  const CommandResult made =
      run_command(std::string(H5KIT_PEER_PYTHON) + " " + shell_quote(script_path) + " " + shell_quote(path));
  if (made.exit_code == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << script << " exited with " << made.exit_code << ":\n" << made.output;
}

// True when `text` is exactly one line ending in a newline.
inline bool is_one_line(const std::string& text) {
  return !text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1;
}

// Bad input: status `status`, nothing on stdout and one line on stderr, starting with "h5kit: " and
// naming `must_contain`.
inline void expect_one_line_error(const CliResult& run, int status, const std::string& must_contain) {
  EXPECT_EQ(run.exit_code, status) << run.err;
  EXPECT_TRUE(is_one_line(run.err)) << run.err;
  EXPECT_EQ(run.err.rfind("h5kit: ", 0), 0U) << run.err;
  EXPECT_NE(run.err.find(must_contain), std::string::npos) << run.err;
  EXPECT_EQ(run.out, "");
}

}  // namespace h5kit::test

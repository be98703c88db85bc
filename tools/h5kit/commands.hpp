#pragma once
// The subcommands of the `h5kit` tool. Each lives in its own file (tree.cpp, dump.cpp, model_commands.cpp) and registers
// itself on the top-level CLI11 app; main.cpp parses the command line and runs the one chosen.
#include <functional>
#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>

namespace h5kit::cli {

// A registered subcommand: its CLI11 app (to know whether the user chose it) and what runs it.
// Options are parsed into storage owned by `run`, so nothing global is needed. `run` returns the exit
// status (non-zero when the output is incomplete) or throws for a failure with no output at all.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
  // The status for a command line CLI11 rejects; 0 keeps CLI11's own (105, 106...). `validate`
  // promises 2 for every usage error, so scripts can tell "invalid file" (1) from "bad call".
  int usage_status = 0;
};

Command register_tree(CLI::App& parent);
Command register_dump(CLI::App& parent);
Command register_doc(CLI::App& parent);       // model_commands.cpp
Command register_validate(CLI::App& parent);  // model_commands.cpp
Command register_daq(CLI::App& parent);       // daq.cpp
Command register_refs(CLI::App& parent);
Command register_graph(CLI::App& parent);
Command register_specs(CLI::App& parent);
Command register_truncate(CLI::App& parent);  // truncate.cpp
Command register_follow(CLI::App& parent);
Command register_recover(CLI::App& parent);
Command register_check(CLI::App& parent);     // check.cpp

// A failure already worded for the user ("cannot open 'x.h5': no such file"). main() prints it
// after "h5kit: " and exits with status 1.
class UserError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace h5kit::cli

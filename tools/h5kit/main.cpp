// The `h5kit` command: parses the command line with CLI11 and runs the chosen subcommand.
//
// Every failure ends here as one line on stderr starting with "h5kit: ", so scripts can show it
// as is: status 1 for a file or path that cannot be read, CLI11's own status (105, 106, 109...) for a
// command line it rejects. No exception escapes main.
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <hdf5.h>

#include <h5kit/error.hpp>
#include <h5kit/isolation.hpp>

#include "commands.hpp"
#include "walk.hpp"

namespace {

int report(const std::string& message, int status) {
  std::cerr << "h5kit: " << h5kit::cli::one_line(message) << '\n';
  return status;
}

// A command's output is only delivered once it reaches the file: `dump > /dev/full` or a closed
// stdout fail at the final flush, and a script must not take the truncated output for a result.
int with_output_delivered(int status) {
  std::cout.flush();
  errno = 0;
  const bool c_stream_failed = std::fflush(stdout) != 0 || std::ferror(stdout) != 0;
  if (!std::cout.fail() && !c_stream_failed) return status;
  // errno names the cause only when the final flush itself failed; an earlier write's is gone.
  const std::string reason = errno != 0 ? std::strerror(errno) : "a write failed";
  return report("the output could not be written to stdout (" + reason + "); what was written is incomplete",
                status == 0 ? 1 : status);
}

// Runs the command, reporting its failure as main() does: the status, never an exception.
int run_reporting(const h5kit::cli::Command& command) {
  using h5kit::cli::UserError;
  try {
    return with_output_delivered(command.run());
  } catch (const UserError& e) {
    return report(e.what(), 1);
  } catch (const h5kit::Error& e) {
    return report(e.what(), 1);
  } catch (const std::exception& e) {
    return report(std::string("unexpected error: ") + e.what(), 1);
  } catch (...) {
    return report("unexpected error", 1);
  }
}

// The commands that only read FILE, which may come from anywhere: by default they run in an
// isolated child (h5kit/isolation.hpp), so that a crash or a loop inside libhdf5 on a damaged file
// becomes one clear line and status 1 instead of a core dump. `check` isolates itself, object by
// object; the commands that write (truncate, recover) and `follow` (a live file this machine is
// writing) run in the process.
bool reads_untrusted_files(const h5kit::cli::Command& command) {
  static const std::vector<std::string> names = {"tree", "dump", "doc", "validate", "daq", "refs", "graph", "specs"};
  return std::find(names.begin(), names.end(), command.app->get_name()) != names.end();
}

int run_isolated_command(const h5kit::cli::Command& command) {
  std::string file;
  if (const CLI::Option* option = command.app->get_option_no_throw("FILE"); option && option->count() > 0)
    file = option->as<std::string>();
  try {
    const std::string status =
        h5kit::run_isolated(command.app->get_name(), file, [&] { return std::to_string(run_reporting(command)); });
    return std::stoi(status);
  } catch (const h5kit::CrashedError& e) {
    // The reader of our output went away (`h5kit dump | head`): end as the child did, silently.
    if (e.signal() == SIGPIPE) {
      std::signal(SIGPIPE, SIG_DFL);
      std::raise(SIGPIPE);
    }
    std::string where = e.object().empty() ? "" : " at " + e.object();
    return report("reading '" + file + "'" + where + ": " + e.detail() +
                      "; any output above is incomplete (h5kit check FILE lists every damaged object)",
                  1);
  } catch (const h5kit::Error& e) {
    return report(e.what(), 1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace h5kit::cli;

  CLI::App app{"Inspect HDF5 files: list their hierarchy, dump objects as JSON, document and validate models.",
               "h5kit"};
  app.require_subcommand(1);
  // Both versions: a file's behaviour depends on the HDF5 library as much as on h5kit.
  app.set_version_flag("--version", [] {
    unsigned major = 0, minor = 0, release = 0;
    H5get_libversion(&major, &minor, &release);
    return std::string("h5kit ") + H5KIT_VERSION + " (HDF5 " + std::to_string(major) + "." + std::to_string(minor) +
           "." + std::to_string(release) + ")";
  });
  // One line per command, so that each subcommand's registration merges on its own.
  const std::vector<Command> commands{
      register_tree(app),
      register_dump(app),
      register_doc(app),
      register_validate(app),
      register_daq(app),
      register_refs(app),
      register_graph(app),
      register_specs(app),
      register_truncate(app),
      register_follow(app),
      register_recover(app),
      register_check(app),
  };
  bool no_isolate = false;
  for (const Command& command : commands)
    if (reads_untrusted_files(command))
      command.app->add_flag("--no-isolate", no_isolate,
                            "Read FILE in this process, not in an isolated child (a crash of the HDF5 library on a "
                            "damaged file then ends h5kit itself)");

  // CLI11 would only say "A subcommand is required" for a misspelt command; name it instead.
  if (argc > 1 && argv[1][0] != '-' &&
      std::none_of(commands.begin(), commands.end(), [&](const Command& c) { return c.app->get_name() == argv[1]; })) {
    std::string known;
    for (const Command& command : commands) known += (known.empty() ? "" : ", ") + command.app->get_name();
    return report(std::string("unknown command '") + argv[1] + "' (commands: " + known + "; see h5kit --help)",
                  static_cast<int>(CLI::ExitCodes::ExtrasError));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version: CLI11 prints it, status 0
  } catch (const CLI::ParseError& e) {
    // CLI11's default adds a second line ("Run with --help..."); one line is easier to read in logs.
    int status = e.get_exit_code();
    for (const Command& command : commands) {
      if (command.usage_status != 0 && argc > 1 && command.app->get_name() == argv[1]) status = command.usage_status;
    }
    return report(std::string(e.what()) + " (see h5kit --help)", status);
  }

  for (const Command& command : commands)
    if (command.app->parsed())
      return reads_untrusted_files(command) && !no_isolate ? run_isolated_command(command) : run_reporting(command);
  return 0;
}

// `h5kit truncate SRC [DST] [-n 10 | --rows a:b] [--nwb]`: a small copy of SRC with the first n rows
// (or rows a..b-1) of every long dataset, everything else kept and every reference rewritten
// (h5kit::graph::truncate, docs/graph_truncate.md). Prints what was written on stdout and what could
// not be kept exactly (emptied regions, indices past the kept rows) on stderr; a progress bar on
// stderr while copying, when stderr is a terminal.
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>

#include <h5kit/error.hpp>
#include <h5kit/graph/truncate.hpp>
#include <h5kit/shape.hpp>

#include "commands.hpp"
#include "progress.hpp"

namespace h5kit::cli {

namespace {

struct TruncateCommandOptions {
  std::string source, target;
  std::uint64_t rows = 10;
  std::string window;
  bool nwb = false;
  bool quiet = false;
};

int run_truncate(const TruncateCommandOptions& options) {
  graph::TruncateOptions truncate_options;
  if (!options.window.empty()) {
    try {
      truncate_options.rows(graph::parse_row_window(options.window));
    } catch (const Error& e) {
      throw UserError("--rows " + e.detail());
    }
  }
  truncate_options.nwb(options.nwb);
  ProgressBar bar("truncate", 0);
  if (bar.active()) {
    truncate_options.progress([&bar](const graph::TruncateProgress& p) {
      bar.set_total(p.bytes_total);
      bar.update(p.bytes_done, p.path);
    });
  }
  const graph::TruncateResult result = graph::truncate(options.source, options.target, options.rows, truncate_options);
  bar.finish();
  if (!options.quiet) {
    std::cout << "wrote " << result.target << " (" << result.target_bytes << " bytes; source " << result.source_bytes
              << " bytes)\n";
    std::cout << result.cut.size() << " datasets cut, " << result.objects << " objects, " << result.references
              << " references rewritten, " << result.hard_link_aliases << " hard-link aliases, " << result.soft_links
              << " soft and " << result.external_links << " external links\n";
    for (const graph::CutDataset& cut : result.cut)
      std::cout << "  " << cut.path << ": " << h5kit::to_string(cut.before) << " -> " << h5kit::to_string(cut.after)
                << (cut.first_row ? " from row " + std::to_string(cut.first_row) : std::string()) << '\n';
  }
  for (const graph::TruncateIssue& issue : result.issues)
    std::cerr << "h5kit: note: " << graph::to_string(issue.kind) << " " << issue.location << ": " << issue.detail << '\n';
  return 0;
}

// Digits only and at least 1 (CLI11's PositiveNumber prints a 300-digit bound, and "-3" would wrap).
CLI::Validator row_count() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
            text.find_first_not_of('0') == std::string::npos)
          return "expected a whole number >= 1, got '" + text + "'";
        return {};
      },
      "", "whole number >= 1");
}

}  // namespace

Command register_truncate(CLI::App& parent) {
  auto options = std::make_shared<TruncateCommandOptions>();
  CLI::App* app = parent.add_subcommand(
      "truncate", "Write a small copy of SRC: the first N rows of every longer dataset, references rewritten");
  app->add_option("SRC", options->source, "HDF5 file to read")->required();
  app->add_option("DST", options->target, "File to write (default: <SRC stem>_truncated.hdf5 beside SRC)");
  CLI::Option* rows = app->add_option("-n,--n", options->rows, "Rows to keep (default 10)")
                          ->type_name("N")
                          ->check(row_count());
  app->add_option("--rows", options->window, "Keep rows a..b-1 of every dataset longer than b-a instead")
      ->type_name("a:b")
      ->excludes(rows);
  app->add_flag("--nwb", options->nwb,
                "Keep NWB ragged tables valid (VectorIndex/VectorData) and report region indices past the kept rows");
  app->add_flag("-q,--quiet", options->quiet, "Print nothing on success but the notes");
  return {app, [options] { return run_truncate(*options); }};
}

}  // namespace h5kit::cli

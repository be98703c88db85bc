// `h5kit graph FILE [PATH] [--format json|dot|svg|png|order] [-o OUT]`: the dependency graph of the
// groups and datasets under PATH (docs/graph.md): nodes with their attributes, child and reference
// edges, and records for dangling and external links.
//   json   graph::to_json (the default)
//   dot    Graphviz DOT text
//   svg, png  rendered by Graphviz's `dot` program (Debian package graphviz); a clear error if it is
//          not on PATH
//   order  the read order of the filtered graph, one node per line with its generation; cycles are
//          listed on stderr with status 1
// --filter applies nwb-linkml's filter (one pass; --iterate to a fix-point; --data-type counts
// hdmf's data_type as a type); --all keeps /specifications, skipped by default as nwb-linkml does.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <h5kit/graph.hpp>

#include "commands.hpp"
#include "walk.hpp"

extern char** environ;

namespace h5kit::cli {

namespace {

struct GraphCliOptions {
  std::string file;
  std::string path = "/";
  std::string format = "json";
  std::string output;
  bool filter = false;
  bool iterate = false;
  bool data_type = false;
  bool all = false;
};

// The `dot` program on PATH, or "" when there is none.
std::string find_dot() {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return {};
  std::string dirs = path;
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const std::string dir = dirs.substr(start, end - start);
    const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/dot";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return {};
}

// Runs `dot -T<format> INPUT [-o OUTPUT]` without a shell; throws UserError when it fails.
void render(const std::string& dot_text, const std::string& format, const std::string& output) {
  const std::string dot = find_dot();
  if (dot.empty())
    throw UserError("--format " + format +
                    " needs Graphviz's dot program, which is not on PATH (Debian: apt-get install graphviz); "
                    "--format dot writes the graph for rendering elsewhere");
  char dir_template[] = "/tmp/h5kit-graph-XXXXXX";
  const char* dir = ::mkdtemp(dir_template);
  if (dir == nullptr) throw UserError(std::string("cannot create a temporary directory: ") + std::strerror(errno));
  const std::string input = std::string(dir) + "/graph.dot";
  std::ofstream(input) << dot_text;
  std::vector<std::string> args{dot, "-T" + format, input};
  if (!output.empty()) {
    args.push_back("-o");
    args.push_back(output);
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, dot.c_str(), nullptr, nullptr, argv.data(), environ);
  int status = 0;
  if (spawned == 0) ::waitpid(pid, &status, 0);
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  if (spawned != 0) throw UserError("cannot run " + dot + ": " + std::strerror(spawned));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw UserError(dot + " failed to render the graph as " + format);
}

int run_graph(const GraphCliOptions& options) {
  const File file = open_input(options.file);
  const std::string path = normalize_path(options.path);
  const LinkView target = resolve_argument(file, path);
  if (target.kind != LinkKind::hard || target.object.kind() != ObjectKind::group)
    throw UserError("'" + path + "' in '" + options.file + "' is not a group (the graph starts from a group)");
  graph::GraphOptions graph_options;
  if (options.all) graph_options.skip = nullptr;
  graph::DependencyGraph g = graph::dependency_graph(target.object.as_group(), graph_options);
  if (options.filter || options.format == "order") {
    graph::FilterOptions f;
    f.iterate = options.iterate;
    f.data_type = options.data_type;
    if (options.all) f.skip = nullptr;
    g = graph::filter(g, f);
  }
  if (options.format == "order") {
    const graph::ReadOrder order = graph::read_order(g);
    for (std::size_t gen = 0; gen < order.generations.size(); ++gen)
      for (const std::string& p : order.generations[gen]) std::cout << gen << '\t' << p << '\n';
    std::cout.flush();
    for (const auto& cycle : order.cycles) {
      std::string members;
      for (const std::string& m : cycle) members += (members.empty() ? "" : ", ") + m;
      std::cerr << "h5kit: reference cycle: " << members << '\n';
    }
    for (const std::string& b : order.blocked) std::cerr << "h5kit: depends on a cycle: " << b << '\n';
    return order.ok() ? 0 : 1;
  }
  if (options.format == "svg" || options.format == "png") {
    if (options.format == "png" && options.output.empty() && ::isatty(STDOUT_FILENO))
      throw UserError("--format png writes binary data: give -o FILE or redirect stdout");
    render(graph::to_dot(g), options.format, options.output);
    return 0;
  }
  const std::string text = options.format == "dot" ? graph::to_dot(g) : graph::to_json(g) + "\n";
  if (options.output.empty()) {
    std::cout << text;
  } else {
    std::ofstream out(options.output);
    out << text;
    if (!out) throw UserError("cannot write '" + options.output + "'");
  }
  return 0;
}

}  // namespace

Command register_graph(CLI::App& parent) {
  auto options = std::make_shared<GraphCliOptions>();
  CLI::App* app = parent.add_subcommand("graph", "Write the dependency graph of groups and datasets (child and reference edges)");
  app->add_option("FILE", options->file, "HDF5 file to read")->required();
  app->add_option("PATH", options->path, "Group to start from")->capture_default_str();
  app->add_option("--format", options->format, "json, dot, svg, png (rendered by Graphviz's dot) or order")
      ->check(CLI::IsMember({"json", "dot", "svg", "png", "order"}))
      ->capture_default_str();
  app->add_option("-o,--output", options->output, "Write to this file instead of stdout");
  app->add_flag("--filter", options->filter, "Drop untyped nodes without out-edges (nwb-linkml's filter)");
  app->add_flag("--iterate", options->iterate, "With --filter: repeat until nothing more goes");
  app->add_flag("--data-type", options->data_type, "With --filter: hdmf's data_type counts as a type");
  app->add_flag("--all", options->all, "Keep /specifications (skipped by default)");
  return {app, [options] { return run_graph(*options); }};
}

}  // namespace h5kit::cli

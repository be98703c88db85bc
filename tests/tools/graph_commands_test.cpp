// `h5kit refs`, `h5kit graph` and `h5kit specs` over the graph corpus: output formats, PATH
// arguments, Graphviz rendering and bad input.
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "graph/corpus.hpp"
#include "support/temp_dir.hpp"
#include "tools/cli_runner.hpp"

namespace h5kit::test {
namespace {

CliResult h5kit(const TempDir& dir, const std::string& args) { return run_cli(dir, args); }

std::string corpus(const std::string& name) { return shell_quote(corpus_file(name)); }

bool contains_line(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

TEST(RefsCommand, ListsTheInventoryWithAlignedColumns) {
  H5KIT_REQUIRE_CORPUS();
  TempDir dir;
  const CliResult run = h5kit(dir, "refs " + corpus("region_refs.h5"));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out,
            "/@rows_2_5        region  /data [2:5,0:4]\n"
            "/regions#data[0]  region  /data [0:1,0:2]\n"
            "/regions#data[1]  region  /data [0:10,3:4]\n"
            "/regions#data[2]  region  (null)\n");
}

TEST(RefsCommand, WithPathListsReferrersByIdentity) {
  H5KIT_REQUIRE_CORPUS();
  TempDir dir;
  const CliResult via_link = h5kit(dir, "refs " + corpus("hard_alias.h5") + " link_to_x");
  EXPECT_EQ(via_link.exit_code, 0) << via_link.err;
  EXPECT_EQ(via_link.out, "/holder@to_x  object  /alias/x\n");
  const CliResult trials = h5kit(dir, "refs " + corpus("ecephys.nwb") + " /acquisition/ElectricalSeries");
  EXPECT_TRUE(contains_line(trials.out, "/intervals/trials/timeseries#column:timeseries[0]  object  /acquisition/ElectricalSeries"))
      << trials.out;
  const CliResult first = h5kit(dir, "refs " + corpus("ecephys.nwb") + " /general/extracellular_ephys/shank2 --first");
  EXPECT_EQ(first.out, "/general/extracellular_ephys/electrodes/group#data[6]  object  /general/extracellular_ephys/shank2\n");
  const CliResult none = h5kit(dir, "refs " + corpus("ecephys.nwb") + " /analysis");
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_EQ(none.out, "");
}

TEST(RefsCommand, JsonOutput) {
  H5KIT_REQUIRE_CORPUS();
  TempDir dir;
  const CliResult run = h5kit(dir, "refs " + corpus("null_refs.h5") + " --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  ASSERT_EQ(j.size(), 5U);
  EXPECT_EQ(j[0]["location"], "/@null_obj");
  EXPECT_EQ(j[0]["null"], true);
  EXPECT_TRUE(j[0]["target"].is_null());
  EXPECT_EQ(j[2]["target"], "/d");
  EXPECT_EQ(j[2]["index"], nlohmann::json::array({0}));
  EXPECT_EQ(j[1]["kind"], "region");
}

// On a terminal stderr shows the indexing count, then the objects inspected out of all, and the bar is
// erased before the listing; with stderr a file (the tests above) nothing is drawn.
TEST(RefsCommand, TheProgressBarIsDrawnOnATerminalOnly) {
  H5KIT_REQUIRE_CORPUS();
  for (const std::string& path : {std::string(), std::string(" /acquisition/ElectricalSeries")}) {
    const CommandResult terminal = run_in_terminal("refs " + corpus("ecephys.nwb") + path);
    ASSERT_EQ(terminal.exit_code, 0) << terminal.output;
    EXPECT_NE(terminal.output.find("\rrefs: indexing "), std::string::npos) << terminal.output;
    EXPECT_NE(terminal.output.find(" objects"), std::string::npos) << terminal.output;
    const std::size_t bar = terminal.output.find("\rrefs [");
    ASSERT_NE(bar, std::string::npos) << terminal.output;
    EXPECT_NE(terminal.output.find("100%", bar), std::string::npos) << terminal.output;
    const std::size_t erased = terminal.output.rfind("\r\x1b[K");
    const std::size_t listing = terminal.output.find("/intervals/trials/timeseries#column:timeseries[0]");
    ASSERT_NE(listing, std::string::npos) << terminal.output;
    EXPECT_LT(erased, listing) << "the bar is erased before the listing";
  }
}

TEST(RefsCommand, BadInputIsOneLine) {
  H5KIT_REQUIRE_CORPUS();
  TempDir dir;
  expect_one_line_error(h5kit(dir, "refs " + shell_quote(dir / "missing.h5")), 1, "missing.h5");
  expect_one_line_error(h5kit(dir, "refs " + corpus("dangling_soft.h5") + " /g/dangling"), 1, "dangling");
  expect_one_line_error(h5kit(dir, "refs " + corpus("ecephys.nwb") + " /no/such"), 1, "/no/such");
}

TEST(GraphCommand, JsonByDefaultWithLinksAndNoForeignPaths) {
  H5KIT_REQUIRE_CORPUS();
  TempDir dir;
  const CliResult run = h5kit(dir, "graph " + corpus("external_links.h5"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["root"], "/");
  EXPECT_EQ(j["nodes"].size(), 3U);
  EXPECT_EQ(j["links"].size(), 3U);
  EXPECT_EQ(run.out.find("only_in_target"), std::string::npos);
  const CliResult sub = h5kit(dir, "graph " + corpus("ecephys.nwb") + " /units");
  ASSERT_EQ(sub.exit_code, 0) << sub.err;
  EXPECT_EQ(nlohmann::json::parse(sub.out)["root"], "/units");
}

TEST(GraphCommand, DotSvgAndPng) {
  H5KIT_REQUIRE_CORPUS();
  TempDir dir;
  const CliResult dot = h5kit(dir, "graph " + corpus("child_referenced.h5") + " --format dot");
  ASSERT_EQ(dot.exit_code, 0) << dot.err;
  EXPECT_NE(dot.out.find("\"/parent\" -> \"/parent/child\" [label=\"reference\""), std::string::npos) << dot.out;
  EXPECT_NE(dot.out.find("\"/parent\" -> \"/parent/child\" [label=\"child\""), std::string::npos) << dot.out;
  if (run_command("command -v dot").exit_code != 0) GTEST_SKIP() << "Graphviz's dot is not installed";
  const std::string svg = dir / "g.svg";
  const CliResult s = h5kit(dir, "graph " + corpus("ecephys.nwb") + " --format svg -o " + shell_quote(svg));
  ASSERT_EQ(s.exit_code, 0) << s.err;
  std::ifstream in(svg);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(text.find("<svg"), std::string::npos);
  EXPECT_NE(text.find("/acquisition/ElectricalSeries"), std::string::npos);
  const std::string png = dir / "g.png";
  ASSERT_EQ(h5kit(dir, "graph " + corpus("cycle.h5") + " --format png -o " + shell_quote(png)).exit_code, 0);
  std::ifstream pin(png, std::ios::binary);
  std::string magic(4, '\0');
  pin.read(magic.data(), 4);
  EXPECT_EQ(magic, "\x89PNG");
}

TEST(GraphCommand, MissingDotIsAClearError) {
  H5KIT_REQUIRE_CORPUS();
  TempDir dir;
  // PATH without dot: the CLI must say what is missing and how to get it.
  const CommandResult r = run_command("PATH=" + shell_quote(dir.path().string()) + " " + shell_quote(H5KIT_CLI) +
                                      " graph " + corpus("ecephys.nwb") + " --format svg -o " +
                                      shell_quote(dir / "y.svg"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("Graphviz"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("graphviz"), std::string::npos) << r.output;
}

TEST(GraphCommand, OrderFormatAndCycles) {
  H5KIT_REQUIRE_CORPUS();
  TempDir dir;
  const CliResult run = h5kit(dir, "graph " + corpus("ecephys.nwb") + " --format order");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto last_line = run.out.substr(run.out.rfind('\n', run.out.size() - 2) + 1);
  EXPECT_EQ(last_line.substr(last_line.find('\t')), "\t/\n");
  EXPECT_LT(run.out.find("\t/general/extracellular_ephys/electrodes\n"), run.out.find("\t/acquisition/ElectricalSeries/electrodes\n"));
  const CliResult cyc = h5kit(dir, "graph " + corpus("cycle.h5") + " --format order");
  EXPECT_EQ(cyc.exit_code, 1);
  EXPECT_NE(cyc.err.find("reference cycle: /a, /b"), std::string::npos) << cyc.err;
}

TEST(GraphCommand, BadInput) {
  H5KIT_REQUIRE_CORPUS();
  TempDir dir;
  expect_one_line_error(h5kit(dir, "graph " + corpus("ecephys.nwb") + " /units/spike_times"), 1, "not a group");
  expect_one_line_error(h5kit(dir, "graph " + corpus("ecephys.nwb") + " /nope"), 1, "/nope");
  const CliResult fmt = h5kit(dir, "graph " + corpus("ecephys.nwb") + " --format gif");
  EXPECT_NE(fmt.exit_code, 0);
  EXPECT_EQ(fmt.out, "");
}

TEST(SpecsCommand, TextJsonAndNoSpecifications) {
  H5KIT_REQUIRE_CORPUS();
  TempDir dir;
  const CliResult run = h5kit(dir, "specs " + corpus("ecephys.nwb"));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out,
            "core 2.7.0: namespace, nwb.base\n"
            "hdmf-common 1.8.0: namespace, table\n"
            "declared: core 2.7.0, hdmf-common 1.8.0\n");
  const CliResult none = h5kit(dir, "specs " + corpus("nwb_20b.nwb"));
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_EQ(none.out, "no specifications\n");
  const CliResult unversioned = h5kit(dir, "specs " + corpus("hdmf_generic.h5"));
  EXPECT_TRUE(contains_line(unversioned.out, "declared: test_core (no version)")) << unversioned.out;
  const CliResult json = h5kit(dir, "specs " + corpus("ecephys.nwb") + " --json");
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["namespaces"]["hdmf-common"]["1.8.0"]["table"]["groups"][0]["data_type_def"], "DynamicTable");
  const CliResult odd = h5kit(dir, "specs " + corpus("specs_variants.h5"));
  EXPECT_EQ(odd.exit_code, 1);
  EXPECT_TRUE(contains_line(odd.out, "unexpected: /specifications/stray")) << odd.out;
}

}  // namespace
}  // namespace h5kit::test

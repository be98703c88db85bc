// `h5kit dump` streams (issue 19, bug 3): data is read a block at a time and written as it is read,
// so the memory a dump takes does not follow what a file declares; --max-memory bounds every value
// read whole, and a value over it is "unreadable" like any other, never a crash.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <h5kit/h5kit.hpp>

#include "support/temp_dir.hpp"
#include "tools/cli_runner.hpp"

namespace h5kit::test {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::uint64_t kHuge = std::uint64_t{1} << 26;  // doubles: 512 MiB read whole, ~2.6 GB as one JSON tree

// A file of a few kilobytes declaring 2^26 doubles: chunked and never written, so every element is
// the fill value 0.0 and no chunk exists on disk.
std::string write_huge_unwritten(const TempDir& dir) {
  const std::string path = dir / "huge.h5";
  File f(path, "w");
  f.create_dataset("x", Shape{kHuge}, Datatype::float64(), DatasetOptions{}.chunks({std::uint64_t{1} << 20}));
  return path;
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

TEST(DumpStreaming, HugeUnwrittenDatasetDumpsInLittleMemory) {
  if (!kAddressSpaceLimitsWork) GTEST_SKIP() << "an AddressSanitizer build cannot run under an address-space limit";
  TempDir dir;
  const std::string path = write_huge_unwritten(dir);
  EXPECT_LT(std::filesystem::file_size(path), 64U * 1024U);  // small file, huge declaration

  // 160 MiB of address space: the binary and its libraries take most of it. Read whole, the data
  // alone is 512 MiB; built into one JSON document, 2.6 GB.
  const CliResult run = run_cli_in_memory(dir, "dump --compact " + shell_quote(path) + " /x", 160, "wc -c");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  // Every element is 0.0: the exact length proves the whole document came out.
  const std::string head = R"({"kind":"dataset","dtype":"float64","shape":[67108864],"attrs":{},"data":[)";
  const std::uint64_t expected = head.size() + kHuge * 3 + (kHuge - 1) + 2 + 1;  // "0.0"s, commas, "]}", "\n"
  EXPECT_EQ(std::stoull(run.out), expected) << run.out;
}

TEST(DumpStreaming, HugeDatasetIndentedStartsAsTheDocument) {
  if (!kAddressSpaceLimitsWork) GTEST_SKIP() << "an AddressSanitizer build cannot run under an address-space limit";
  TempDir dir;
  const std::string path = write_huge_unwritten(dir);
  // The indented form, from its start (the whole of it, 870 MB, is what the compact test above
  // and BlocksGiveTheWholeDocumentAndH5pysValues check in their ways).
  const CliResult first = run_cli_in_memory(dir, "dump " + shell_quote(path), 160, "head -c 400");
  EXPECT_TRUE(starts_with(first.out, "{\n  \"kind\": \"group\",\n  \"attrs\": {},\n  \"members\": {\n    \"x\": {\n"
                                     "      \"kind\": \"dataset\",\n      \"dtype\": \"float64\",\n      \"shape\": [\n"
                                     "        67108864\n      ],\n      \"attrs\": {},\n      \"data\": [\n"
                                     "        0.0,\n        0.0,\n"))
      << first.out;
}

// An output that fails (a full disk) ends the dump at once: the rest could not be delivered, and
// reading 512 MiB to throw it away would take a long time for nothing.
TEST(DumpStreaming, LostOutputStopsTheDumpEarly) {
  TempDir dir;
  const std::string path = write_huge_unwritten(dir);
  const CliResult run = run_cli(dir, "dump --compact " + shell_quote(path) + " >/dev/full", 20);
  EXPECT_EQ(run.exit_code, 1) << run.err;  // 124 would be timeout(1) killing a dump that kept going
  EXPECT_TRUE(is_one_line(run.err)) << run.err;
  EXPECT_NE(run.err.find("the output could not be written to stdout"), std::string::npos) << run.err;
}

// The same file dumped with its datasets read whole and in blocks of at most 64 bytes (split along
// the first axis, an inner axis, inside a row; partial last blocks): the same text, which is what
// nlohmann gives for the whole document, and values that are h5py's.
TEST(DumpStreaming, BlocksGiveTheWholeDocumentAndH5pysValues) {
  TempDir dir;
  const std::string path = dir / "varied.h5";
  ASSERT_TRUE(write_with_tools_script("make_stream_file.py", path));
  for (const std::string format : {"", "--compact "}) {
    const CliResult whole = run_cli(dir, "dump " + format + shell_quote(path));
    const CliResult blocks = run_cli(dir, "dump --max-memory 64 " + format + shell_quote(path));
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    ASSERT_EQ(blocks.exit_code, 0) << blocks.err;
    EXPECT_EQ(blocks.err, "");
    EXPECT_EQ(blocks.out, whole.out) << format;
    EXPECT_EQ(whole.out, Json::parse(whole.out).dump(format.empty() ? 2 : -1) + "\n") << format;
  }
  const CliResult blocks = run_cli(dir, "dump --max-memory 64 " + shell_quote(path));
  const Json doc = Json::parse(blocks.out);
  EXPECT_EQ(doc["members"]["grid"]["data"][2][49], 149);
  EXPECT_EQ(doc["members"]["no_rows"]["data"], Json::array());
  EXPECT_EQ(doc["members"]["unwritten"]["data"][5][6], -1.0);

  const std::string dumped = dir / "varied.json";
  std::ofstream(dumped) << blocks.out;
  const CommandResult peer = run_command(std::string(H5KIT_PEER_PYTHON) + " " +
                                         shell_quote(std::string(H5KIT_TEST_SOURCE_DIR) + "/tools/check_dump_values.py") +
                                         " " + shell_quote(path) + " " + shell_quote(dumped));
  EXPECT_EQ(peer.exit_code, 0) << peer.output;
  EXPECT_EQ(peer.output, "checked 17 datasets\n");
}

// Over --max-memory, an attribute, or a dataset whose single element is bigger than the budget, is
// unreadable like a value HDF5 cannot read: the rest is dumped, one stderr line each, status 1.
TEST(DumpStreaming, ValuesOverTheMemoryBudgetAreUnreadable) {
  TempDir dir;
  const std::string path = dir / "budget.h5";
  {
    File f(path, "w");
    Dataset d = f.create_dataset("d", std::vector<double>(2000, 0.5));
    d.attrs().set("big", std::vector<double>(2000, 1.0));  // 16000 bytes
    d.attrs().set("small", 7);
    // Each element an array of 256 doubles: 2048 bytes, more than a 1K budget's block can hold.
    f.create_dataset("arrays", Shape{3}, Datatype::array(Datatype::float64(), Shape{256}));
  }
  const CliResult run = run_cli(dir, "dump --max-memory 1K " + shell_quote(path));
  EXPECT_EQ(run.exit_code, 1);
  const Json doc = Json::parse(run.out);
  const Json& d = doc["members"]["d"];
  EXPECT_EQ(d["attrs"]["big"]["unreadable"], true);
  EXPECT_NE(d["attrs"]["big"]["error"].get<std::string>().find("more than the read budget of 1024 bytes"),
            std::string::npos)
      << d["attrs"]["big"];
  EXPECT_EQ(d["attrs"]["small"], 7);
  EXPECT_EQ(d["data"], Json(std::vector<double>(2000, 0.5)));  // 16000 bytes, read in 1K blocks
  const Json& arrays = doc["members"]["arrays"];
  EXPECT_EQ(arrays["data"]["unreadable"], true);
  EXPECT_NE(arrays["data"]["error"].get<std::string>().find("\"/arrays\""), std::string::npos) << arrays["data"];
  EXPECT_EQ(run.err,  // in document order: members by name
            "h5kit: cannot read /arrays: " + arrays["data"]["error"].get<std::string>() + "\n" +
                "h5kit: cannot read /d (attribute 'big'): " + d["attrs"]["big"]["error"].get<std::string>() + "\n");
  EXPECT_NE(run.err.find("--max-memory raises the budget"), std::string::npos) << run.err;

  // Enough budget reads everything; "unlimited" is h5py's habit, memory only.
  for (const std::string budget : {"64K", "unlimited", "1m"}) {
    const CliResult enough = run_cli(dir, "dump --max-memory " + budget + " " + shell_quote(path));
    EXPECT_EQ(enough.exit_code, 0) << budget << ": " << enough.err;
    EXPECT_EQ(Json::parse(enough.out)["members"]["d"]["attrs"]["big"], Json(std::vector<double>(2000, 1.0)));
  }
  // 0 reads nothing that has an element; the document is still whole.
  const CliResult nothing = run_cli(dir, "dump --max-memory 0 " + shell_quote(path));
  EXPECT_EQ(nothing.exit_code, 1);
  EXPECT_EQ(Json::parse(nothing.out)["members"]["d"]["attrs"]["small"]["unreadable"], true);
}

TEST(DumpStreaming, BadMemorySizesAreUsageErrors) {
  TempDir dir;
  const std::string path = dir / "small.h5";
  { File f(path, "w"); }
  for (const std::string bad : {"lots", "12Q", "-1", "1.5G", "K", "99999999999999999999", "17179869184T"})
    expect_one_line_error(run_cli(dir, "dump --max-memory " + shell_quote(bad) + " " + shell_quote(path)), 105,
                          "--max-memory");
}

// A block after the first that cannot be read (a corrupt compressed chunk) comes when part of the
// data is out: the output stops there, and stderr says so, status 1.
TEST(DumpStreaming, ALaterBlockThatFailsCutsTheOutputShort) {
  TempDir dir;
  const std::string path = dir / "corrupt.h5";
  {
    File f(path, "w");
    std::vector<double> values(4096);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>(i);
    Dataset x = f.create_dataset("x", values, DatasetOptions{}.chunks({256}).gzip(4));
    const std::vector<std::byte> garbage(64, std::byte{0x5A});  // not a deflate stream
    x.write_chunk({2048}, garbage);
  }
  const CliResult run = run_cli(dir, "dump --compact --max-memory 2K " + shell_quote(path) + " /x");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(is_one_line(run.err)) << run.err;
  EXPECT_TRUE(starts_with(run.err, "h5kit: cannot read /x: ")) << run.err;
  EXPECT_NE(run.err.find("block (2048,) + (256,)"), std::string::npos) << run.err;  // the block that failed
  EXPECT_NE(run.err.find("cut short"), std::string::npos) << run.err;
  // Everything before the bad chunk is there, and nothing passes it.
  EXPECT_TRUE(starts_with(run.out, R"({"kind":"dataset","dtype":"float64","shape":[4096],"attrs":{},"data":[0.0,1.0,)"))
      << run.out.substr(0, 200);
  EXPECT_NE(run.out.find(",2047.0"), std::string::npos);
  EXPECT_EQ(run.out.find("2048.0"), std::string::npos);

  // Read whole (the default budget), the same chunk makes the value unreadable as before.
  const CliResult whole = run_cli(dir, "dump --compact " + shell_quote(path) + " /x");
  EXPECT_EQ(whole.exit_code, 1);
  EXPECT_EQ(Json::parse(whole.out)["data"]["unreadable"], true);
}

}  // namespace
}  // namespace h5kit::test

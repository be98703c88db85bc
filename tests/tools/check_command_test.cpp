// `h5kit check FILE`: every object, attribute and chunk read (decompressed), every problem listed,
// status 0 sound / 1 damaged / 2 nothing to check; the same with --no-isolate.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "tools/cli_runner.hpp"

namespace h5kit::test {
namespace {

class CheckCommand : public ::testing::TestWithParam<const char*> {
 protected:
  CliResult check(const std::string& file) { return run_cli(dir_, std::string("check ") + GetParam() + shell_quote(file), 60); }
  TempDir dir_;
};

TEST_P(CheckCommand, ASoundFileHasNoProblems) {
  const std::string path = dir_ / "sound.h5";
  {
    File f(path, "w");
    f.create_dataset("g/x", std::vector<double>(1000, 1.5), DatasetOptions{}.chunks({100}).gzip(4)).attrs().set("u", 1);
    f.create_dataset("y", std::vector<int>{1, 2, 3});
    f["alias"] = f.dataset("y");
    f["soft"] = SoftLink{"/nowhere"};  // dangling links are not damage
  }
  const CliResult r = check(path);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "checked " + path + ": 4 objects, 1 attributes, 10 chunks; 0 problems\n");
}

TEST_P(CheckCommand, EveryDamagedChunkIsListedWithItsPlace) {
  const std::string path = dir_ / "damaged.h5";
  std::vector<std::uint64_t> addresses;
  {
    File f(path, "w");
    NDArray<std::int32_t> values({64, 64});
    for (std::size_t i = 0; i < values.size(); ++i) values.data()[i] = static_cast<std::int32_t>(i * 7919 % 1000);
    const Dataset img = f.create_dataset("img", values, DatasetOptions{}.chunks({16, 64}).gzip(4));
    img.attrs().set("a", 1);
    f.create_dataset("after", 5);  // a problem does not hide what comes after it
    for (const ChunkInfo& c : img.chunk_list()) addresses.push_back(c.address);
  }
  ASSERT_EQ(addresses.size(), 4u);
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    for (int chunk : {1, 2}) {
      file.seekp(static_cast<std::streamoff>(addresses[chunk] + 10));
      file.write(std::string(20, '\x5a').data(), 20);
    }
  }
  const CliResult r = check(path);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("/img: chunk at (16, 0): "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("/img: chunk at (32, 0): "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("chunk at (0, 0)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("checked " + path + ": 3 objects, 1 attributes, 4 chunks; 2 problems\n"), std::string::npos)
      << r.out;
}

TEST_P(CheckCommand, AFileThatDoesNotOpenIsDamaged) {
  const std::string path = dir_ / "cut.h5";
  {
    File f(path, "w");
    f.create_dataset("x", std::vector<double>(10000, 2.0));
  }
  std::filesystem::resize_file(path, 1000);  // a transfer that stopped part way
  const CliResult r = check(path);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(r.out.rfind("/: ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("1 problem\n"), std::string::npos) << r.out;
}

TEST_P(CheckCommand, NothingToCheckIsStatusTwo) {
  const CliResult missing = check(dir_ / "absent.h5");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "h5kit: cannot open '" + (dir_ / "absent.h5") + "': no such file\n");
  const CliResult directory = check(dir_.path().string());
  EXPECT_EQ(directory.exit_code, 2);
  EXPECT_NE(directory.err.find("is a directory"), std::string::npos) << directory.err;
  EXPECT_TRUE(missing.out.empty());
}

INSTANTIATE_TEST_SUITE_P(IsolatedOrNot, CheckCommand, ::testing::Values("", "--no-isolate "),
                         [](const ::testing::TestParamInfo<const char*>& param) { return std::string(param.param[0] ? "in_process" : "isolated"); });

}  // namespace
}  // namespace h5kit::test

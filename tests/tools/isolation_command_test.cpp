// The reading commands run isolated: files that crash libhdf5 1.10.8 itself (tests/data/crashers,
// found by bench/mutation_campaign.py) end in one h5kit line and status 1, naming the object, and
// `h5kit check` reports the crashing object and carries on past it.
#include <string>

#include <gtest/gtest.h>

#include "tools/cli_runner.hpp"

namespace h5kit::test {
namespace {

std::string crasher(const std::string& name) { return std::string(H5KIT_TEST_SOURCE_DIR) + "/data/crashers/" + name; }

// The last line of stderr: under AddressSanitizer the crashing child prints its report first.
std::string last_line(const std::string& text) {
  const std::size_t end = text.find_last_not_of('\n');
  if (end == std::string::npos) return {};
  const std::size_t start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end + 1 - (start == std::string::npos ? 0 : start + 1));
}

struct Case {
  const char* command;
  const char* file;
  const char* object;  // the object the crash happened on, as the error names it
};

class CrashingFiles : public ::testing::TestWithParam<Case> {
 protected:
  TempDir dir_;
};

TEST_P(CrashingFiles, EndInOneLineAndStatusOneNotASignal) {
  const Case c = GetParam();
  const CliResult r = run_cli(dir_, std::string(c.command) + " " + shell_quote(crasher(c.file)), 60);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string line = last_line(r.err);
  EXPECT_EQ(line.rfind("h5kit: reading '" + crasher(c.file) + "' at " + c.object + ": the isolated reader", 0), 0u)
      << r.err;
  if (!kAddressSpaceLimitsWork) return;  // AddressSanitizer turns the child's signal into its own report
  EXPECT_NE(line.find("crashed (signal"), std::string::npos) << line;
  EXPECT_TRUE(is_one_line(r.err)) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    FromTheCampaign, CrashingFiles,
    ::testing::Values(Case{"dump", "dump-SIGSEGV-seed1-m00174.h5", "/regions"},
                      Case{"dump", "dump-SIGSEGV-seed1-m00222.h5", "/vlen_utf8"},
                      Case{"tree", "tree-dump-SIGFPE-seed1-m00895.h5", "/chunked_str"},
                      Case{"dump", "tree-dump-SIGFPE-seed1-m00895.h5", "/chunked_str"}),
    [](const ::testing::TestParamInfo<Case>& param) { return std::string(param.param.command) + "_" + std::to_string(param.index); });

TEST(CheckOnCrashingFiles, TheCrashingObjectIsAProblemAndTheRestIsChecked) {
  TempDir dir;
  const CliResult r = run_cli(dir, "check " + shell_quote(crasher("dump-SIGSEGV-seed1-m00222.h5")), 60);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find(": the isolated reader"), std::string::npos) << r.out;
  // AddressSanitizer's interceptors may stop libhdf5 on an earlier object than the crash does.
  if (!kAddressSpaceLimitsWork) return;
  EXPECT_NE(r.out.find("/vlen_utf8: the isolated reader"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(the reader crashed or was stopped 1 time)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(": 6 objects,"), std::string::npos) << r.out;  // the objects after it were read too
}

}  // namespace
}  // namespace h5kit::test

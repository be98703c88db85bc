// run_isolated: the work's answer and errors come back; a crash, a loop or a runaway allocation in
// the child becomes an error here, and this process lives on.
#include "h5kit/isolation.hpp"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using namespace std::chrono_literals;
using test::TempDir;

TEST(Isolation, TheAnswerComesBackAndTheChildsChangesStayThere) {
  int counter = 1;
  const std::string answer = run_isolated("count", "", [&] {
    counter = 42;  // the child's copy
    return std::string("counted ") + std::to_string(counter) + (in_isolated_work() ? " inside" : " outside");
  });
  EXPECT_EQ(answer, "counted 42 inside");
  EXPECT_EQ(counter, 1);
  EXPECT_FALSE(in_isolated_work());
  // Big answers cross the pipe whole.
  EXPECT_EQ(run_isolated("big", "", [] { return std::string(1 << 20, 'x'); }).size(), std::size_t{1} << 20);
}

TEST(Isolation, ItReadsFilesTheCallerHasOpen) {
  TempDir dir;
  const File f(dir / "data.h5", "w");
  f.create_dataset("x", std::vector<int>{1, 2, 3});
  f.flush();
  const std::string answer = run_isolated("read", f.filename(), [&] {
    return std::to_string(f.dataset("x").read<std::vector<int>>().at(2));
  });
  EXPECT_EQ(answer, "3");
  f.create_dataset("y", 4);  // the caller's file is still open and writable
  EXPECT_EQ(f.dataset("y").read<int>(), 4);
}

TEST(Isolation, H5kitErrorsComeBackAsTheSameClassAndMessage) {
  TempDir dir;
  const std::string path = dir / "data.h5";
  File(path, "w").create_dataset("x", 1);
  try {
    run_isolated("open", path, [&]() -> std::string {
      File f(path, "r");
      f.dataset("missing");
      return {};
    });
    FAIL() << "expected NotFoundError";
  } catch (const NotFoundError& e) {
    EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos) << e.what();
    EXPECT_EQ(e.file(), path);
  }
  try {
    run_isolated("parse", "f.h5", []() -> std::string { throw std::runtime_error("no digits"); });
    FAIL() << "expected CrashedError";
  } catch (const CrashedError& e) {
    EXPECT_NE(std::string(e.what()).find("the isolated reader failed: no digits"), std::string::npos) << e.what();
    EXPECT_EQ(e.signal(), 0);
  }
}

TEST(Isolation, ACrashIsAnErrorNamingTheSignalAndTheLastObject) {
  try {
    run_isolated("dump", "bad.h5", []() -> std::string {
      isolation_note("/entry");
      isolation_note("/entry/data");
      std::raise(SIGSEGV);
      return "never";
    });
    FAIL() << "expected CrashedError";
  } catch (const CrashedError& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.signal(), SIGSEGV);
    EXPECT_EQ(e.object(), "/entry/data");
    EXPECT_EQ(e.file(), "bad.h5");
    EXPECT_NE(what.find("dump: the isolated reader crashed (signal 11"), std::string::npos) << what;
    EXPECT_NE(what.find("most likely inside the HDF5 library"), std::string::npos) << what;
  }
  // A child that ends without an answer.
  try {
    run_isolated("exit", "", []() -> std::string { std::_Exit(3); });
    FAIL() << "expected CrashedError";
  } catch (const CrashedError& e) {
    EXPECT_NE(std::string(e.what()).find("ended with status 3 without an answer"), std::string::npos) << e.what();
  }
}

TEST(Isolation, ALoopIsStoppedAtTheTimeLimit) {
  const auto started = std::chrono::steady_clock::now();
  try {
    run_isolated("spin", "", []() -> std::string {
      volatile bool forever = true;  // volatile: the loop cannot be optimised away
      while (forever) {
      }
      return "never";
    }, {.time_limit = 300ms});
    FAIL() << "expected CrashedError";
  } catch (const CrashedError& e) {
    EXPECT_EQ(e.signal(), SIGKILL);
    EXPECT_NE(std::string(e.what()).find("stopped after 300 ms (its time limit)"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

#if !defined(__SANITIZE_ADDRESS__)  // ASan's shadow memory cannot live under an address-space limit
TEST(Isolation, ARunawayAllocationMeetsTheMemoryLimit) {
  try {
    run_isolated("allocate", "", []() -> std::string {
      std::vector<char> huge(std::size_t{8} << 30);  // 8 GiB
      return std::to_string(huge.size());
    }, {.memory_limit = std::size_t{1} << 30});
    FAIL() << "expected OutOfMemoryError";
  } catch (const OutOfMemoryError& e) {
    EXPECT_NE(std::string(e.what()).find("its limit is 1073741824 bytes"), std::string::npos) << e.what();
  }
}
#endif

}  // namespace
}  // namespace h5kit

#pragma once
// The fixture of the "B" interop tests, where a peer writes and h5kit reads: one peer script case
// writes the file once per test suite, and each test gets it opened read-only as `file_`.
#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {

// A string literal as a template argument.
template <std::size_t N>
struct Literal {
  constexpr Literal(const char (&text)[N]) { std::copy_n(text, N, chars); }
  char chars[N];
};

// Before the suite's first test, runs `<Script> <Case> DIR/<FileName> DIR/<Extra>...` in a scratch
// directory DIR kept until the suite ends. The tests only read the file: a test that changes it
// works on its own copy.
//
//   class interop_types_from_h5py : public PeerFileTest<"h5py_types.py", "write-all", "from_h5py.h5"> {};
template <Literal Script, Literal Case, Literal FileName, Literal... Extra>
class PeerFileTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    path_ = *dir_ / FileName.chars;
    written_ = run_peer_case(Script.chars, Case.chars, {path_, *dir_ / Extra.chars...});
  }
  static void TearDownTestSuite() { dir_.reset(); }
  void SetUp() override {
    ASSERT_TRUE(written_);
    file_ = File(path_, "r");
  }

  static inline std::unique_ptr<TempDir> dir_;
  static inline std::string path_;
  static inline ::testing::AssertionResult written_ = ::testing::AssertionFailure() << "not written yet";
  File file_;
};

}  // namespace h5kit::test

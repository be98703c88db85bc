// What a user's compiler says: docs/types.md's compound example compiles with h5kit/compound.hpp alone
// (Boost.Describe's macros come with it), and a described struct with a member h5kit cannot store
// (and a model with such a field) fails with the member and its type named (tests/compile_errors/*.cpp, compiled
// here with the project's compiler and include paths, -fsyntax-only).
#include <string>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

// The exact wording checked below is GCC's (Debian's compiler); other compilers word their notes
// their own way.
bool gcc_wording() {
#if defined(__GNUC__) && !defined(__clang__)
  return true;
#else
  return false;
#endif
}

CommandResult compile(const std::string& file) {
  return run_command(std::string(H5KIT_TEST_CXX) + " -std=c++20 -fsyntax-only " + H5KIT_TEST_INCLUDE_FLAGS + " " +
                     shell_quote(std::string(H5KIT_TEST_SOURCE_DIR) + "/compile_errors/" + file));
}

TEST(CompileErrors, TheCompoundExampleCompilesWithTheCompoundHeaderAlone) {
  const CommandResult r = compile("describe_from_compound_header.cpp");
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST(CompileErrors, AnUnsupportedMemberIsNamedWithItsType) {
  if (!gcc_wording()) GTEST_SKIP() << "the notes checked are GCC's";
  const CommandResult r = compile("unsupported_member.cpp");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("h5kit: no inspector<T> for this type"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("inspector_exists_for<std::map<int, int> >"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Member = &Thing::lookup"), std::string::npos) << r.output;
}

TEST(CompileErrors, AnUnsupportedModelFieldIsNamedWithItsType) {
  if (!gcc_wording()) GTEST_SKIP() << "the notes checked are GCC's";
  const CommandResult r = compile("unsupported_model_field.cpp");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("inspector_exists_for<std::map<int, int> >"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Member = &Run::lookup"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace h5kit::test

// What a user's compiler says: docs/types.md's compound example compiles with h5kit/compound.hpp alone
// (Boost.Describe's macros come with it), and a described struct with a member h5kit cannot store
// (and a model with such a field) fails with the member and its type named (tests/compile_errors/*.cpp, compiled
// here with the project's compiler and include paths, -fsyntax-only).
#include <cstddef>
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

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// A model member h5kit cannot store: one error (no cascade from the inspector and the walkers) that
// names the model, the member and its type, and lists what the model layer accepts.
void expect_one_model_member_error(const CommandResult& r, const std::string& named) {
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(count_of(r.output, "error:"), 1U) << r.output;
  EXPECT_NE(r.output.find("unsupported_model_member<" + named + " >"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("h5kit: a model member of a type h5kit cannot store"), std::string::npos) << r.output;
  for (const char* accepted : {"std::optional<X>", "h5kit::DatasetOf<T, extents...>", "std::vector<Model>",
                               "std::map<std::string, Model>", "std::variant<DatasetOf...>",
                               "a type you gave an h5kit::inspector"}) {
    EXPECT_NE(r.output.find(accepted), std::string::npos) << accepted << "\n" << r.output;
  }
  EXPECT_EQ(r.output.find("no inspector<T> for this type"), std::string::npos) << r.output;
}

TEST(CompileErrors, AnUnsupportedModelFieldIsOneErrorNamingTheModelMemberAndType) {
  if (!gcc_wording()) GTEST_SKIP() << "the notes checked are GCC's";
  expect_one_model_member_error(compile("unsupported_model_field.cpp"), "Run, &Run::lookup, std::map<int, int>");
}

TEST(CompileErrors, AnUnsupportedMemberOfANestedModelIsOneErrorToo) {
  if (!gcc_wording()) GTEST_SKIP() << "the notes checked are GCC's";
  expect_one_model_member_error(compile("unsupported_nested_model_member.cpp"),
                                "Shot, &Shot::tags, std::optional<std::set<int> >");
}

}  // namespace
}  // namespace h5kit::test

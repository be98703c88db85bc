// Issue 14, bug 2: a dataset whose type or shape does not fit its model still has its own attribute
// fields (and its `units`) checked, so load() and validate_file() report every problem at once.
#include <gtest/gtest.h>

#include "h5kit/model.hpp"
#include "model/test_models.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

using models::Baseline;
using models::WithBaseline;

struct Traced {
  DatasetOf<double, kAnyExtent> trace;
};
BOOST_DESCRIBE_STRUCT(Traced, (), (trace))
constexpr auto h5kit_model(const Traced*) { return model("Traced", 1, field(&Traced::trace).unit("mm")); }

std::vector<std::string> texts(const std::vector<Problem>& problems) {
  std::vector<std::string> out;
  for (const Problem& p : problems) out.push_back(p.to_string() + " [" + p.model_path + "]");
  return out;
}

std::vector<std::string> load_problems(const std::string& path, const LoadOptions& options = {}) {
  try {
    (void)load<WithBaseline>(path, options);
  } catch (const ValidationError& e) {
    return texts(e.problems());
  }
  return {};
}

// /baseline of the wrong shape, with a metadata attribute of the wrong type and one undeclared.
void write_bad_baseline(const std::string& path) {
  File f(path, "w");
  const Dataset ds = f.create_dataset("baseline", NDArray<std::int32_t>(Shape{2, 5}));
  ds.attrs().set("metadata", std::string("seven"));
  ds.attrs().set("extra", 1);
}

TEST(ModelDatasetMismatch, TheAttributesOfADatasetOfTheWrongShapeAreStillChecked) {
  TempDir dir;
  write_bad_baseline(dir / "bad.h5");
  const auto problems = load_problems(dir / "bad.h5", LoadOptions{.strict = true});
  ASSERT_EQ(problems.size(), 3u) << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[0], "/: baseline expected shape (3, 5), found (2, 5) [WithBaseline.baseline]");
  EXPECT_EQ(problems[1], "/baseline: metadata expected int64 scalar, found str scalar [WithBaseline.baseline.metadata]");
  EXPECT_EQ(problems[2],
            "/baseline: extra is an attribute that model Baseline does not declare (strict) [WithBaseline.baseline]");
}

TEST(ModelDatasetMismatch, TheAttributesOfADatasetOfTheWrongTypeAreStillChecked) {
  TempDir dir;
  {
    File f(dir / "bad.h5", "w");
    f.create_dataset("baseline", NDArray<std::string>(Shape{3, 5}, "x"));  // text, not int32
  }  // and no metadata at all
  const auto problems = load_problems(dir / "bad.h5");
  ASSERT_EQ(problems.size(), 2u) << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[0].rfind("/: baseline expected int32 (3, 5), found str (3, 5)", 0), 0u) << problems[0];
  EXPECT_EQ(problems[1], "/baseline: metadata is missing (a mandatory attribute) [WithBaseline.baseline.metadata]");
}

TEST(ModelDatasetMismatch, TheUnitsOfADatasetOfTheWrongTypeAreStillChecked) {
  TempDir dir;
  {
    File f(dir / "bad.h5", "w");
    const Dataset ds = f.create_dataset("trace", NDArray<std::string>(Shape{2}, "x"));
    ds.attrs().set("units", std::string("s"));  // not a length
  }
  std::vector<std::string> problems;
  try {
    (void)load<Traced>(dir / "bad.h5");
  } catch (const ValidationError& e) {
    problems = texts(e.problems());
  }
  ASSERT_EQ(problems.size(), 2u) << ::testing::PrintToString(problems);
  EXPECT_NE(problems[0].find("trace expected float64 (any,)"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("trace is stored in \"s\", which cannot be converted"), std::string::npos) << problems[1];
}

TEST(ModelDatasetMismatch, ADatasetModelLoadedOnItsOwnChecksItsAttributesToo) {
  TempDir dir;
  write_bad_baseline(dir / "bad.h5");
  const File f(dir / "bad.h5");
  try {
    (void)load<Baseline>(f.dataset("baseline"));
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    const auto problems = texts(e.problems());
    ASSERT_EQ(problems.size(), 2u) << e.what();
    EXPECT_EQ(problems[0], "/baseline: expected shape (3, 5), found (2, 5) [Baseline]");
    EXPECT_EQ(problems[1], "/baseline: metadata expected int64 scalar, found str scalar [Baseline.metadata]");
  }
}

TEST(ModelDatasetMismatch, ValidateFileChecksTheAttributesToo) {
  TempDir dir;
  write_bad_baseline(dir / "bad.h5");
  const File f(dir / "bad.h5");
  const auto problems = texts(validate_file(f, schema_of<WithBaseline>()));
  ASSERT_EQ(problems.size(), 2u) << ::testing::PrintToString(problems);
  EXPECT_NE(problems[0].find("baseline expected shape (3, 5), found (2, 5)"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("/baseline: metadata expected int64 scalar, found str scalar"), std::string::npos)
      << problems[1];
}

}  // namespace
}  // namespace h5kit::test

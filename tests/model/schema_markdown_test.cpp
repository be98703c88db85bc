// schema_to_markdown: the page `h5kit doc` prints.
#include <string>

#include <gtest/gtest.h>

#include <h5kit/model.hpp>

#include "model/schema_samples.hpp"

namespace h5kit::test {
namespace {

using namespace samples;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(SchemaMarkdown, TitleVersionDocAndOneTablePerObject) {
  const std::string page = schema_to_markdown(rich());
  EXPECT_EQ(page.rfind("# Experiment\n\nModel version 2.\n\nA beamline experiment | with a pipe\n", 0), 0U) << page;
  EXPECT_TRUE(has(page, "## `/` (root)\n")) << page;
  EXPECT_TRUE(has(page, "| path | kind | type / shape | unit | constraints | description |\n")) << page;
  // cells: a '|' in text is escaped so the table keeps its columns
  EXPECT_TRUE(has(page, "| `/@title` | attribute | str scalar |  | length 1..80; matches `[A-Z].*` | "
                        "Title shown in the logbook |\n"))
      << page;
  EXPECT_TRUE(has(page, "| `/@energy` | attribute | float64 scalar | J | >= 0 J; <= inf J |  |\n")) << page;
  EXPECT_TRUE(has(page, "| `/@mode` | attribute (optional) | str scalar |  | one of {\"fast\", \"slow\"} |  |\n"));
  EXPECT_TRUE(has(page, "| `/@offsets` | attribute | int16 (2, any) |  | > -5; length <= 10 |  |\n")) << page;
  EXPECT_TRUE(has(page, "| `/calibration` | group | Calibration |  |  |  |\n")) << page;
  EXPECT_TRUE(has(page, "| `/image` | one of | uint8 (any, any) or float32 (any, any, 3) |  | <= 255 |  |\n"));
}

TEST(SchemaMarkdown, NestedModelsAreSectionsAtTheirPathsInTheFile) {
  const std::string page = schema_to_markdown(rich());
  EXPECT_TRUE(has(page, "## `/calibration` (Calibration)\n\nWhere the detector was\n")) << page;
  EXPECT_TRUE(has(page, "| `/calibration/position` | dataset | float64 (3,) | mm |  | x, y, z |\n")) << page;
  EXPECT_TRUE(has(page, "| `/calibration/baseline` | dataset (optional) | int32 (3, 5) |")) << page;
  // a dataset model with attributes of its own gets a section too
  EXPECT_TRUE(has(page, "## `/calibration/baseline` (Baseline)\n\ndark frame\n\nA dataset of int32 (3, 5).\n"));
  EXPECT_TRUE(has(page, "| `/calibration/baseline@gain` | attribute | float64 scalar |  | one of {1, 2, 4.5} |"));
  EXPECT_TRUE(has(page, "## `/readings/{n}` (Reading)\n")) << page;
  EXPECT_TRUE(has(page, "| `/readings/{n}/trace` | dataset | float32 (any,) | mV | > -1000 mV; < 1000 mV; "
                        "length >= 1 |"));
  EXPECT_TRUE(has(page, "## `/by_name/{key}` (Reading)\n")) << page;
  // sections follow the fields' order, depth first
  EXPECT_LT(page.find("## `/calibration`"), page.find("## `/calibration/baseline`"));
  EXPECT_LT(page.find("## `/calibration/baseline`"), page.find("## `/readings/{n}`"));
  EXPECT_LT(page.find("## `/readings/{n}`"), page.find("## `/by_name/{key}`"));
}

TEST(SchemaMarkdown, DescribedStructsAndEmptyModels) {
  const std::string page = schema_to_markdown(schema_of<Shot>());
  EXPECT_TRUE(has(page, "| `/beam@energy` | attribute | float64 scalar | J | >= 0 J | X-ray beam energy |\n"));
  EXPECT_TRUE(has(page, "| `/trace` | dataset (optional) | float32 (any,) | mV | < 100 mV |  |\n")) << page;
  EXPECT_TRUE(has(page, "## `/beams/{n}` (Beam)\n")) << page;
  ModelSchema empty;
  empty.name = "Nothing";
  EXPECT_EQ(schema_to_markdown(empty), "# Nothing\n\nModel version 1.\n\n## `/` (root)\n\nNo fields.\n");
}

}  // namespace
}  // namespace h5kit::test

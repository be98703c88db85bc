// docs/models.md's examples that use designated initializers, compiled with the project's warning
// flags and run, so the guide never shows code that warns or does not work. Every such line of the
// guide's C++ blocks must appear here verbatim (the first test checks it), and ctest compiles this
// file once more with -Werror (model_compile_models_doc_test, tests/model/compile_fail).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "h5kit/model.hpp"
#include "h5kit/model/dumper.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string trimmed(const std::string& line) {
  const auto first = line.find_first_not_of(' ');
  return first == std::string::npos ? std::string() : line.substr(first);
}

// The lines of the guide's ```cpp blocks (indented ones too) holding a designated initializer.
std::vector<std::string> designated_initializer_lines(const std::string& markdown) {
  std::vector<std::string> found;
  std::istringstream lines(markdown);
  bool in_cpp = false;
  for (std::string line; std::getline(lines, line);) {
    const std::string t = trimmed(line);
    if (t.starts_with("```")) {
      in_cpp = !in_cpp && t == "```cpp";
      continue;
    }
    if (in_cpp && t.find("{.") != std::string::npos) found.push_back(t);
  }
  return found;
}

TEST(ModelsDoc, EveryDesignatedInitializerOfTheGuideIsCompiledHere) {
  const std::string guide = read_text(std::string(H5KIT_TEST_SOURCE_DIR) + "/../docs/models.md");
  const std::string self = read_text(std::string(H5KIT_TEST_SOURCE_DIR) + "/model/models_doc_test.cpp");
  ASSERT_FALSE(guide.empty());
  const std::vector<std::string> lines = designated_initializer_lines(guide);
  EXPECT_GE(lines.size(), 2u);
  for (const std::string& line : lines) {
    EXPECT_NE(self.find(line), std::string::npos) << "docs/models.md shows a line this test does not compile:\n"
                                                  << line;
  }
}

}  // namespace
}  // namespace h5kit::test

// ---- the guide's scenario, declared as docs/models.md declares it ---------------------------------
namespace models_doc {

struct Position { std::int32_t x = 0; std::int32_t y = 0; };
BOOST_DESCRIBE_STRUCT(Position, (), (x, y))

using CalibImage = h5kit::DatasetOf<std::int32_t, 3, 2>;

struct Calibration { CalibImage no_beam; Position position; };
BOOST_DESCRIBE_STRUCT(Calibration, (), (no_beam, position))

struct Beam { double energy = 0; std::int32_t distance = 0; };
BOOST_DESCRIBE_STRUCT(Beam, (), (energy, distance))
constexpr auto h5kit_model(const Beam*) {
  using h5kit::field;
  return h5kit::model("Beam", 1,
                      field(&Beam::energy).doc("X-ray beam energy").unit("J").ge(0),
                      field(&Beam::distance).doc("Distance from sample to detector").unit("mm").ge(0));
}

struct Experiment { Calibration calibration; Beam beam; };
BOOST_DESCRIBE_STRUCT(Experiment, (), (calibration, beam))

struct Trace : h5kit::DatasetOf<double, h5kit::kAnyExtent> {
  std::string units;                       // the dataset's `units` attribute
  std::optional<std::string> description;  // its `description` attribute, when there is one
};
BOOST_DESCRIBE_STRUCT(Trace, (), (units, description))

struct Run { Trace trace; };
BOOST_DESCRIBE_STRUCT(Run, (), (trace))

struct Stack {
  std::string detector;
  double exposure = 0;
  h5kit::DatasetOf<std::uint16_t, h5kit::kAnyExtent, 1024, 1024> frames;  // any number of frames
};
BOOST_DESCRIBE_STRUCT(Stack, (), (detector, exposure, frames))

}  // namespace models_doc

namespace h5kit::test {
namespace {

using models_doc::Experiment;

// Runs in the test's scratch directory, where the guide's relative paths land.
class InScratchDirectory {
 public:
  explicit InScratchDirectory(const TempDir& dir) : previous_(std::filesystem::current_path()) {
    std::filesystem::current_path(dir.path());
  }
  ~InScratchDirectory() { std::filesystem::current_path(previous_); }
  InScratchDirectory(const InScratchDirectory&) = delete;
  InScratchDirectory& operator=(const InScratchDirectory&) = delete;

 private:
  std::filesystem::path previous_;
};

TEST(ModelsDoc, TheValidateExample) {
  std::vector<std::string> printed;
  for (const auto& p : h5kit::validate(Experiment{.calibration = {}, .beam = {-1.0, 100}}))
    printed.push_back(p.to_string());
  // The calibration image is unset too: validate() says so, as a dump would.
  ASSERT_EQ(printed.size(), 2u) << ::testing::PrintToString(printed);
  EXPECT_EQ(printed[0], "/calibration: no_beam is a mandatory dataset that was never given data");
  EXPECT_EQ(printed[1], "/beam: energy must be >= 0 J, found -1");
}

TEST(ModelsDoc, ThePartialDumpExample) {
  TempDir dir;
  InScratchDirectory here(dir);
  Experiment e;
  e.beam = {1.2e-15, 1500};
  h5kit::dump(e, "draft.h5", {.partial = true, .unset_datasets = h5kit::UnsetDatasets::empty});
  EXPECT_EQ(h5kit::load<Experiment>("draft.h5").calibration.no_beam.values(), NDArray<std::int32_t>(Shape{3, 2}));
}

TEST(ModelsDoc, TheH5pydanticTable) {
  TempDir dir;
  Experiment e;
  e.beam = {1.2e-15, 1500};
  dump(e, dir / "a.h5", DumpOptions{.partial = true, .unset_datasets = h5kit::UnsetDatasets::empty});
  dump(e, dir / "b.h5", DumpOptions{.partial = true, .self_describing = false});
  EXPECT_EQ(File(dir / "b.h5").attrs().size(), 0u);
  EXPECT_EQ(load<Experiment>(dir / "a.h5", LoadOptions{.integer_enums = true}).beam.distance, 1500);
  EXPECT_EQ(load<Experiment>(dir / "a.h5", LoadOptions{.strict = true, .integer_enums = true}).beam.energy, 1.2e-15);

  models_doc::Run r;
  r.trace.assign(NDArray<double>(Shape{2}, {1, 2}));
  r.trace.units = "mV";
  dump(r, dir / "r.h5", DumpOptions{.self_describing = false});
  EXPECT_EQ(File(dir / "r.h5").dataset("trace").attrs().get<std::string>("units"), "mV");
  EXPECT_EQ(load<models_doc::Run>(dir / "r.h5").trace.units, "mV");
}

TEST(ModelsDoc, TheBigFilesExample) {
  TempDir dir;
  InScratchDirectory here(dir);
  using models_doc::Stack;
  Stack stack{.detector = "eiger-1M", .exposure = 0.01, .frames = {}};  // frames: no data
  auto out = h5kit::dumper(stack, "stack.h5");       // attributes and groups written, datasets created
  auto frames = out.field(&Stack::frames);           // h5kit::DatasetWriter<std::uint16_t>
  for (std::uint16_t i = 0; i < 10; ++i) frames.append(NDArray<std::uint16_t>(Shape{1024, 1024}, i));
  out.commit();                                      // checked, closed, renamed into place

  const Stack back = h5kit::load<Stack>("stack.h5", {.lazy = true});  // attributes read, frames opened
  h5kit::NDArray<std::uint16_t> block;                                 // reused: allocated once
  std::vector<std::uint16_t> first_pixels;
  for (std::size_t f = 0; f < back.frames.shape()[0]; f += 8) {
    back.frames.read_block({f, 0, 0}, {std::min<std::size_t>(8, back.frames.shape()[0] - f), 1024, 1024}, block);
    for (std::size_t k = 0; k < block.shape()[0]; ++k) first_pixels.push_back(block(k, 0, 0));
  }
  EXPECT_FALSE(back.frames.is_loaded());
  EXPECT_EQ(back.detector, "eiger-1M");
  EXPECT_EQ(first_pixels, (std::vector<std::uint16_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

}  // namespace
}  // namespace h5kit::test

// Files written the way h5pydantic writes them (tests/model/h5pydantic_files.py, plain h5py with its
// inferred types) load into the same model declared in C++, one field of every kind: attributes
// (int64 into int32, fixed-length and variable-length strings, h5py's bool, an enum as int64,
// arrays), a nested group, datasets (an enum dataset as int64, a fixed-length string, per-instance
// `units`/`description`, the empty dataset of a partial dump), lists as /0, /1, a map, a variant,
// and optionals left absent.
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "h5kit/model.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

namespace pyd {

enum class Mode : std::int8_t { idle, scan, calibrate };
BOOST_DESCRIBE_ENUM(Mode, idle, scan, calibrate)

struct Detector {
  std::string name;
  std::string label;
  std::int32_t pixels = 0;
  double gain = 0;
  double distance = 0;
  bool enabled = false;
  Mode mode = Mode::idle;
  std::vector<double> window;
  std::array<std::int32_t, 2> binning{};
  std::optional<std::int32_t> threshold;
};
BOOST_DESCRIBE_STRUCT(Detector, (), (name, label, pixels, gain, distance, enabled, mode, window, binning, threshold))
// h5pydantic's Field(ge=0, unit="mm").
constexpr auto h5kit_model(const Detector*) {
  using h5kit::field;
  return h5kit::model("Detector", 1, field(&Detector::gain).ge(0), field(&Detector::distance).unit("mm").ge(0));
}

// h5pydantic's H5Dataset with attributes of its own.
struct Trace : DatasetOf<double, kAnyExtent> {
  std::string units;
  std::optional<std::string> description;
};
BOOST_DESCRIBE_STRUCT(Trace, (), (units, description))

struct Reading {
  double value = 0;
  double error = 0;
};
BOOST_DESCRIBE_STRUCT(Reading, (), (value, error))

struct Position {
  std::int32_t x = 0;
  std::int32_t y = 0;
};
BOOST_DESCRIBE_STRUCT(Position, (), (x, y))

struct Run {
  Detector detector;
  DatasetOf<std::int32_t, 3, 2> no_beam;
  DatasetOf<Mode, kAnyExtent> modes;
  DatasetOf<std::string> title;
  Trace trace;
  DatasetOf<double, 4> unset;
  std::vector<Reading> readings;
  std::vector<DatasetOf<float, kAnyExtent>> frames;
  std::map<std::string, Position> positions;
  std::variant<DatasetOf<std::int32_t, kAnyExtent>, DatasetOf<double, kAnyExtent>> signal;
  std::optional<Position> origin;
  std::optional<DatasetOf<double, kAnyExtent>> background;
};
BOOST_DESCRIBE_STRUCT(Run, (), (detector, no_beam, modes, title, trace, unset, readings, frames, positions, signal,
                                origin, background))

}  // namespace pyd

// What an h5pydantic file needs: integers into enum fields; strict, since h5py wrote nothing else.
constexpr LoadOptions kFromH5pydantic{.strict = true, .integer_enums = true};

std::string write_with_h5py(const TempDir& dir, const std::string& kind) {
  const std::string path = dir / (kind + ".h5");
  const CommandResult r = run_command(std::string(H5KIT_PEER_PYTHON) + " " +
                                      shell_quote(std::string(H5KIT_TEST_SOURCE_DIR) + "/model/h5pydantic_files.py") +
                                      " " + kind + " " + shell_quote(path));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return path;
}

TEST(ModelH5pydanticFiles, EveryFieldKindLoadsFromAFileH5pydanticWrote) {
  TempDir dir;
  const std::string path = write_with_h5py(dir, "good");
  const pyd::Run run = load<pyd::Run>(path, kFromH5pydantic);

  const pyd::Detector& d = run.detector;
  EXPECT_EQ(d.name, "pilatus");
  EXPECT_EQ(d.label, "Pilatus 300K");
  EXPECT_EQ(d.pixels, 487);
  EXPECT_EQ(d.gain, 2.5);
  EXPECT_EQ(d.distance, 0.25);
  EXPECT_TRUE(d.enabled);
  EXPECT_EQ(d.mode, pyd::Mode::calibrate);
  EXPECT_EQ(d.window, (std::vector<double>{0.5, 1.5}));
  EXPECT_EQ(d.binning, (std::array<std::int32_t, 2>{2, 4}));
  EXPECT_FALSE(d.threshold.has_value());

  EXPECT_EQ(run.no_beam.values(), (NDArray<std::int32_t>(Shape{3, 2}, {0, 0, 0, 1, 0, 0})));
  using pyd::Mode;
  EXPECT_EQ(run.modes.values(), (NDArray<Mode>(Shape{4}, {Mode::idle, Mode::scan, Mode::calibrate, Mode::scan})));
  EXPECT_EQ(run.title.value(), "scan 17");
  EXPECT_EQ(run.trace.values(), (NDArray<double>(Shape{3}, {1, 2, 4})));
  EXPECT_EQ(run.trace.units, "mV");
  EXPECT_EQ(run.trace.description, "channel 4");
  EXPECT_EQ(run.unset.values(), NDArray<double>(Shape{4}));  // never written: the fill value, 0

  ASSERT_EQ(run.readings.size(), 2u);
  EXPECT_EQ(run.readings[1].value, 2.0);
  EXPECT_EQ(run.readings[1].error, 0.2);
  ASSERT_EQ(run.frames.size(), 2u);
  EXPECT_EQ(run.frames[1].shape(), (Shape{5}));
  EXPECT_EQ(run.frames[1].values().data()[4], 4.0f);
  ASSERT_EQ(run.positions.size(), 2u);
  EXPECT_EQ(run.positions.at("start").x, 247);
  EXPECT_EQ(run.positions.at("end").y, 20);
  ASSERT_EQ(run.signal.index(), 0u);
  EXPECT_EQ(std::get<0>(run.signal).values().data()[2], 5);
  EXPECT_FALSE(run.origin.has_value());
  EXPECT_FALSE(run.background.has_value());
}

TEST(ModelH5pydanticFiles, TheProblemsOfABadOneNameTheMemberAndTheValue) {
  TempDir dir;
  const std::string path = write_with_h5py(dir, "bad");
  try {
    (void)load<pyd::Run>(path, kFromH5pydantic);
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 2u) << e.what();
    EXPECT_EQ(e.problems()[0].to_string(), "/detector: gain must be >= 0, found -1.5") << e.what();
    EXPECT_EQ(e.problems()[0].model_path, "Run.detector.gain");
    // As docs/models.md quotes it.
    EXPECT_EQ(e.problems()[1].to_string(), "/: modes element 2 is not a member of enum Mode, found value 5") << e.what();
    EXPECT_EQ(e.problems()[1].model_path, "Run.modes");
  }
}

}  // namespace
}  // namespace h5kit::test

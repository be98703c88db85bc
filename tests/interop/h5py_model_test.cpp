// Typed models (h5kit::dump / h5kit::load) across the h5kit <-> h5py boundary.
//   A: h5kit dumps a model, tests/interop/h5py_model.py check-* reads the file with plain h5py and
//      checks the layout is exactly what a person writing it with h5py would have made.
//   B: h5py_model.py write-* writes a file by hand, h5kit::load reads it into the model (or lists
//      every problem in one ValidationError).
// The C++-only cases of the same issue are in tests/model/dump_load_test.cpp.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "h5kit/model.hpp"
#include "interop/interop_support.hpp"
#include "model/test_models.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

using namespace models;
namespace fs = std::filesystem;

constexpr char kScript[] = "h5py_model.py";

// ---- models -------------------------------------------------------------------------------------


struct Reading {
  double value = 0;
  double error = 0;
  friend bool operator==(const Reading&, const Reading&) = default;
};
BOOST_DESCRIBE_STRUCT(Reading, (), (value, error))

struct Readings {
  std::vector<Reading> readings;
};
BOOST_DESCRIBE_STRUCT(Readings, (), (readings))

struct Named {
  std::map<std::string, Reading> named;
};
BOOST_DESCRIBE_STRUCT(Named, (), (named))

struct Optionals {
  std::optional<std::int32_t> count;
  std::optional<std::string> note;
  std::optional<Reading> reading;
  std::optional<DatasetOf<double, kAnyExtent>> trace;
};
BOOST_DESCRIBE_STRUCT(Optionals, (), (count, note, reading, trace))

struct Scalars {
  Rgb color = Rgb::RED;
  std::string name;
  std::string code;
  bool enabled = false;
  DatasetOf<std::string> title;
};
BOOST_DESCRIBE_STRUCT(Scalars, (), (color, name, code, enabled, title))

struct Track {
  DatasetOf<float, kAnyExtent> trace;
};
BOOST_DESCRIBE_STRUCT(Track, (), (trace))
constexpr auto h5kit_model(const Track*) { return model("Track", 1, field(&Track::trace).unit("mm").doc("Sample track")); }

struct Collections {
  std::vector<Reading> readings;
  std::map<std::string, Reading> named;
  std::optional<std::int32_t> count;
  std::optional<Reading> reading;
};
BOOST_DESCRIBE_STRUCT(Collections, (), (readings, named, count, reading))

using IntSignal = DatasetOf<std::int32_t, kAnyExtent>;
using FloatSignal = DatasetOf<double, kAnyExtent>;
struct WithSignal {
  std::variant<IntSignal, FloatSignal> signal;
};
BOOST_DESCRIBE_STRUCT(WithSignal, (), (signal))

struct ReadingsAndTrace {
  std::vector<Reading> readings;
  DatasetOf<float, kAnyExtent> trace;
};
BOOST_DESCRIBE_STRUCT(ReadingsAndTrace, (), (readings, trace))

struct Sample {
  Calibration calibration;
  Beam beam;
};
BOOST_DESCRIBE_STRUCT(Sample, (), (calibration, beam))

// Big enough (and compressed hard enough) that dumping it takes a while: the kill lands mid-dump.
struct Samples : DatasetOf<double, kAnyExtent> {
  std::int32_t run = 0;
};
BOOST_DESCRIBE_STRUCT(Samples, (), (run))

struct Big {
  Samples samples;
};
BOOST_DESCRIBE_STRUCT(Big, (), (samples))
constexpr auto h5kit_model(const Big*) { return model("Big", 1, field(&Big::samples).gzip(9).shuffle()); }

Experiment scenario() {
  Experiment e;
  e.calibration.position = {247, 253};
  e.calibration.no_beam = {{0, 0}, {0, 1}, {0, 0}};
  return e;
}

std::vector<std::string> problem_lines(const ValidationError& e) {
  std::vector<std::string> lines;
  for (const Problem& p : e.problems()) lines.push_back(p.to_string());
  return lines;
}

// Writes `peer_case`'s file into `dir` and returns its path.
std::string peer_file(const TempDir& dir, const std::string& peer_case) {
  const std::string path = dir / (peer_case + ".h5");
  EXPECT_TRUE(run_peer_case(kScript, peer_case, {path}));
  return path;
}

// ---- A: h5kit dumps, h5py checks ----------------------------------------------------------------

TEST(interop_model, H5pySeesTheScenarioLaidOutAsItWouldWriteIt) {
  TempDir dir;
  const std::string path = dir / "experiment.h5";
  dump(scenario(), path);
  EXPECT_TRUE(run_peer_case(kScript, "check-scenario", {path}));
}

TEST(interop_model, ModelsDumpedIntoGroupsOfOneFile) {
  TempDir dir;
  const std::string path = dir / "runs.h5";
  {
    File f(path, "w");
    dump(scenario(), f.create_group("run1"));
    Experiment second = scenario();
    second.calibration.position.x = 1;
    dump(second, f.create_group("run2"));
    EXPECT_THROW(dump(scenario(), f.group("run1")), AlreadyExistsError);  // the names exist already
    EXPECT_EQ(load<Experiment>(f.group("run2")).calibration.position.x, 1);
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-scenario", {path, "/run1"}));
  EXPECT_EQ(load<Experiment>(File(path).group("run1")), scenario());
}

TEST(interop_model, H5pySeesADatasetModelWithItsOwnInt64Attribute) {
  TempDir dir;
  const std::string path = dir / "baseline.h5";
  WithBaseline m;
  NDArray<std::int32_t> values(Shape{3, 5});
  for (std::size_t i = 0; i < values.size(); ++i) values.data()[i] = static_cast<std::int32_t>(i);
  m.baseline.assign(values);
  m.baseline.metadata = std::int64_t{1} << 40;
  dump(m, path, DumpOptions{.self_describing = false});
  EXPECT_TRUE(run_peer_case(kScript, "check-baseline", {path}));
}

TEST(interop_model, H5pySeesUnitsAndDescriptionOfADatasetField) {
  TempDir dir;
  const std::string path = dir / "track.h5";
  Track t;
  t.trace = {1.5f, 2.0f, 0.25f};
  dump(t, path);
  EXPECT_TRUE(run_peer_case(kScript, "check-dataset-notes", {path}));
}

TEST(interop_model, H5pySeesListsAsNumberedGroupsMapsAsNamedOnesAndNoUnsetOptionals) {
  TempDir dir;
  const std::string path = dir / "collections.h5";
  Collections m;
  for (int i = 0; i < 12; ++i) m.readings.push_back({double(i), 0.5});
  m.named = {{"zeta", {26, 0}}, {"alpha", {1, 0}}};
  dump(m, path, DumpOptions{.self_describing = false});
  EXPECT_TRUE(run_peer_case(kScript, "check-collections", {path}));
}

// ---- B: h5py writes, h5kit loads ----------------------------------------------------------------

TEST(interop_model, ScenarioWrittenByHandWithH5pyLoads) {
  TempDir dir;
  const std::string path = peer_file(dir, "write-scenario");
  // h5py stored plain Python ints as int64: integers of any width load into the int32 fields.
  ASSERT_EQ(File(path).dataset("calibration/no_beam").dtype().name(), "int64");
  const Experiment loaded = load<Experiment>(path);
  EXPECT_EQ(loaded, scenario());
  EXPECT_EQ(loaded.calibration.no_beam.values().shape(), (Shape{3, 2}));
  EXPECT_EQ(loaded.calibration.no_beam.values()(1, 1), 1);
}

// Issue case 10, the file half: the value comes from h5py, the message is the one for the C++ half.
TEST(interop_model, ConstraintViolatedInAnH5pyFileIsOneProblemWithItsPath) {
  TempDir dir;
  const std::string path = peer_file(dir, "write-beam");
  try {
    load<Station>(path);
    FAIL() << "loaded energy = -3.4 J";
  } catch (const ValidationError& e) {
    EXPECT_EQ(problem_lines(e), std::vector<std::string>{"/beam: energy must be >= 0 J, found -3.4"});
    EXPECT_EQ(e.problems()[0].model_path, "Station.beam.energy");
    EXPECT_EQ(e.file(), path);
  }
}

TEST(interop_model, TwelveListElementsLoadInNumericOrder) {
  TempDir dir;
  const auto loaded = load<Readings>(peer_file(dir, "write-list"));
  ASSERT_EQ(loaded.readings.size(), 12u);
  for (int i = 0; i < 12; ++i) {
    EXPECT_EQ(loaded.readings[i], (Reading{double(i), i / 10.0})) << "element " << i;
  }
}

TEST(interop_model, GroupOfNamedMembersLoadsAsAMap) {
  TempDir dir;
  const auto loaded = load<Named>(peer_file(dir, "write-map"));
  const std::map<std::string, Reading> expected{{"zeta", {0, 0.5}}, {"alpha", {1, 0.5}}, {"mid", {2, 0.5}}};
  EXPECT_EQ(loaded.named, expected);
}

TEST(interop_model, OptionalFieldsLoadPresentOrEmpty) {
  TempDir dir;
  const auto present = load<Optionals>(peer_file(dir, "write-optional-present"));
  EXPECT_EQ(present.count, 7);
  EXPECT_EQ(present.note, "seen");
  EXPECT_EQ(present.reading, (Reading{1.25, 0.5}));
  ASSERT_TRUE(present.trace.has_value());
  EXPECT_EQ(present.trace->values(), (NDArray<double>(Shape{2}, {3.0, 4.0})));

  const auto absent = load<Optionals>(peer_file(dir, "write-optional-absent"));
  EXPECT_FALSE(absent.count.has_value());
  EXPECT_FALSE(absent.note.has_value());
  EXPECT_FALSE(absent.reading.has_value());
  EXPECT_FALSE(absent.trace.has_value());
}

TEST(interop_model, EnumStringsAndBoolWrittenByH5pyLoad) {
  TempDir dir;
  const auto loaded = load<Scalars>(peer_file(dir, "write-scalars"));
  EXPECT_EQ(loaded.color, Rgb::BLUE);
  EXPECT_EQ(loaded.name, "d\u00e9tecteur");
  EXPECT_EQ(loaded.code, "AB-12");
  EXPECT_TRUE(loaded.enabled);
  EXPECT_EQ(loaded.title.value(), "first light");
}

TEST(interop_model, DatasetInMetresLoadsIntoAFieldDeclaredInMillimetres) {
  TempDir dir;
  const auto loaded = load<Track>(peer_file(dir, "write-units"));
  EXPECT_EQ(loaded.trace.values(), (NDArray<float>(Shape{3}, {1500.0f, 2000.0f, 250.0f})));
  // Lazy loading cannot defer a dataset that needs converting: the values are read and converted now.
  const auto lazy = load<Track>(dir / "write-units.h5", LoadOptions{.lazy = true});
  EXPECT_TRUE(lazy.trace.is_loaded());
  EXPECT_EQ(lazy.trace.values(), loaded.trace.values());
}

TEST(interop_model, LazyLoadFromAPathReadsTheValuesOnFirstTouch) {
  TempDir dir;
  const std::string path = peer_file(dir, "write-scenario");
  Experiment lazy = load<Experiment>(path, LoadOptions{.lazy = true});  // the File object is gone now
  EXPECT_FALSE(lazy.calibration.no_beam.is_loaded());
  EXPECT_EQ(lazy.calibration.no_beam.shape(), (Shape{3, 2}));
  EXPECT_EQ(lazy.calibration.no_beam.values(), scenario().calibration.no_beam.values());
  EXPECT_TRUE(lazy.calibration.no_beam.is_loaded());
}

TEST(interop_model, VariantTakesTheFirstAlternativeThatFits) {
  TempDir dir;
  const std::string path = peer_file(dir, "write-signals");
  const File f(path);
  const auto ints = load<WithSignal>(f.group("ints"));
  ASSERT_EQ(ints.signal.index(), 0u);  // int16 fits the int32 alternative
  EXPECT_EQ(std::get<0>(ints.signal).values(), (NDArray<std::int32_t>(Shape{3}, {1, 2, 3})));
  const auto floats = load<WithSignal>(f.group("floats"));
  ASSERT_EQ(floats.signal.index(), 1u);
  EXPECT_EQ(std::get<1>(floats.signal).values(), (NDArray<double>(Shape{2}, {0.5, 1.5})));
  try {
    load<WithSignal>(f.group("text"));
    FAIL() << "loaded strings into a numeric variant";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].path, "/text");
    EXPECT_TRUE(e.problems()[0].message.starts_with("fits none of its alternatives")) << e.what();
  }
}

TEST(interop_model, BrokenFileListsEveryProblemWithItsObjectPath) {
  TempDir dir;
  const std::string path = peer_file(dir, "write-broken");
  try {
    load<Sample>(path);
    FAIL() << "loaded a file with a wrong shape, a wrong type and missing members";
  } catch (const ValidationError& e) {
    EXPECT_EQ(problem_lines(e), (std::vector<std::string>{
                                    "/calibration: no_beam expected shape (3, 2), found (2, 3)",
                                    "/calibration/position: x expected int32 scalar, found str scalar",
                                    "/calibration/position: y is missing (a mandatory attribute)",
                                    "/: beam is missing (a mandatory group)",
                                }));
    const std::string what = e.what();
    EXPECT_NE(what.find("4 problems"), std::string::npos) << what;
    EXPECT_NE(what.find("[Sample.calibration.position.y]"), std::string::npos) << what;
  }
}

TEST(interop_model, StrictLoadRejectsAnAttributeTheModelDoesNotDeclare) {
  TempDir dir;
  const std::string path = peer_file(dir, "write-scenario-extra-attribute");
  EXPECT_EQ(load<Experiment>(path), scenario());  // by default extras are ignored
  try {
    load<Experiment>(path, LoadOptions{.strict = true});
    FAIL() << "strict load accepted /calibration/position@z";
  } catch (const ValidationError& e) {
    EXPECT_EQ(problem_lines(e),
              std::vector<std::string>{"/calibration/position: z is an attribute that model Position does not "
                                       "declare (strict)"});
  }
}

// Strict means every object the model reaches: list groups, their elements, datasets.
// FAILS at the time of writing: the list group's own attributes (/readings@note) are not checked,
// because load_field's list/map branch never calls check_extras on the group (see the branch's report).
TEST(interop_model, StrictLoadChecksListGroupsElementsAndDatasets) {
  TempDir dir;
  const std::string path = peer_file(dir, "write-strict-extras");
  EXPECT_NO_THROW(load<ReadingsAndTrace>(path));
  try {
    load<ReadingsAndTrace>(path, LoadOptions{.strict = true});
    FAIL() << "strict load accepted three undeclared attributes";
  } catch (const ValidationError& e) {
    std::vector<std::string> where;
    for (const Problem& p : e.problems()) where.push_back(p.path + "@" + p.field);
    std::sort(where.begin(), where.end());
    EXPECT_EQ(where, (std::vector<std::string>{"/readings/0@operator", "/readings@note", "/trace@calibrated"}))
        << e.what();
  }
}

// HDF5's own conversions clamp an int64 2^40 to INT32_MAX and round 2.5 to an integer without a
// word; the loader must report such values instead of loading a different number.
TEST(interop_model, ValuesThatDoNotFitTheFieldTypeAreProblemsNotClampedNumbers) {
  TempDir dir;
  const std::string path = peer_file(dir, "write-out-of-range");
  try {
    const Experiment e = load<Experiment>(path);
    FAIL() << "loaded x = " << e.calibration.position.x << ", y = " << e.calibration.position.y
           << ", no_beam(1, 1) = " << e.calibration.no_beam.values()(1, 1);
  } catch (const ValidationError& err) {
    const auto lines = problem_lines(err);
    ASSERT_EQ(lines.size(), 3u) << err.what();
    EXPECT_EQ(lines[0], "/calibration: no_beam a stored int64 value does not fit int32");
    EXPECT_TRUE(lines[1].starts_with("/calibration/position: x ")) << lines[1];
    EXPECT_TRUE(lines[1].ends_with("a stored int64 value does not fit int32")) << lines[1];
    EXPECT_EQ(lines[2], "/calibration/position: y expected int32 scalar, found float64 scalar");
  }
}

TEST(interop_model, ListWithAGapIsAProblem) {
  TempDir dir;
  try {
    load<Readings>(peer_file(dir, "write-list-gap"));
    FAIL() << "loaded readings 0 and 2 as a list";
  } catch (const ValidationError& e) {
    EXPECT_EQ(problem_lines(e), std::vector<std::string>{"/readings: 1 is missing: the list has members up to 2"});
  }
}

TEST(interop_model, DatasetUnitThatCannotBeConvertedIsAProblem) {
  TempDir dir;
  try {
    load<Track>(peer_file(dir, "write-wrong-units"));
    FAIL() << "loaded seconds as millimetres";
  } catch (const ValidationError& e) {
    EXPECT_EQ(problem_lines(e), std::vector<std::string>{
                                    "/: trace is stored in \"s\", which cannot be converted to the model's \"mm\""});
  }
}

TEST(interop_model, FileOfANewerModelVersionIsRefused) {
  TempDir dir;
  const std::string path = peer_file(dir, "write-newer-version");
  try {
    load<Experiment>(path);
    FAIL() << "loaded version 2 with a version 1 model";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("version 2 of model Experiment"), std::string::npos) << e.what();
  }
}

// ---- issue case 12: a writer killed mid-dump ----------------------------------------------------

Big big_model(std::size_t count, std::int32_t run, bool noisy) {
  NDArray<double> values(Shape{count});
  std::uint64_t state = 88172645463325252ull;
  for (std::size_t i = 0; i < count; ++i) {
    if (noisy) {  // xorshift: data gzip cannot shrink much, so compressing it takes time
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      values.data()[i] = static_cast<double>(state >> 11);
    } else {
      values.data()[i] = static_cast<double>(i) * run;
    }
  }
  Big big;
  big.samples.assign(std::move(values));
  big.samples.run = run;
  return big;
}

// The temporary of `writer`'s AtomicFile for `target`, when it exists: its size; else -1.
std::intmax_t temporary_size(const fs::path& dir, const std::string& target, pid_t writer) {
  const std::string prefix = "." + target + ".h5kit-tmp-" + std::to_string(writer) + "-";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().starts_with(prefix)) {
      const auto size = fs::file_size(entry.path(), ec);
      return ec ? 0 : static_cast<std::intmax_t>(size);
    }
  }
  return -1;
}

TEST(interop_model, WriterKilledMidDumpLeavesTheOldFileLoadable) {
  TempDir dir;
  const std::string path = dir / "big.h5";
  constexpr std::size_t kOld = 100;
  dump(big_model(kOld, 1, false), path);

  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    int code = 0;
    try {
      dump(big_model(std::size_t{8} << 20, 2, true), path);  // 64 MiB, gzip 9
    } catch (...) {
      code = 3;
    }
    ::_exit(code);
  }
  // Kill once the new file holds real data (a few MiB into the dataset), well before it is done.
  bool reached = false;
  int status = 0;
  bool exited = false;
  for (int i = 0; i < 60000 && !reached; ++i) {
    if (::waitpid(child, &status, WNOHANG) == child) {
      exited = true;
      break;
    }
    reached = temporary_size(dir.path(), "big.h5", child) > (std::intmax_t{4} << 20);
    if (!reached) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (!exited) {
    ::kill(child, SIGKILL);
    ASSERT_EQ(::waitpid(child, &status, 0), child);
  }
  ASSERT_TRUE(reached) << "the writer ended (status " << status << ") before it was well into the dump";
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "child status " << status;

  const Big old = load<Big>(path);
  EXPECT_EQ(old.samples.run, 1);
  EXPECT_EQ(old.samples.values(), big_model(kOld, 1, false).samples.values());
  EXPECT_TRUE(run_peer_case(kScript, "check-big", {path, "1", std::to_string(kOld)}));

  // The killed writer's temporary stays behind, for AtomicFile::leftover_temporaries to find.
  const auto leftovers = AtomicFile::leftover_temporaries(path);
  ASSERT_EQ(leftovers.size(), 1u);
  fs::remove(leftovers[0]);
}

}  // namespace
}  // namespace h5kit::test

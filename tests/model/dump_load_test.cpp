// The cases for dump() and load(), in C++ only; tests/interop/h5py_model_test.cpp checks
// the same files with h5py.
#include <gtest/gtest.h>

#include "h5kit/model.hpp"
#include "model/test_models.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

using namespace models;

struct Empty {
  friend bool operator==(const Empty&, const Empty&) = default;
};
BOOST_DESCRIBE_STRUCT(Empty, (), ())

struct OneString {
  std::string bar;
};
BOOST_DESCRIBE_STRUCT(OneString, (), (bar))

struct Reading {
  double value = 0;
  double error = 0;
  friend bool operator==(const Reading&, const Reading&) = default;
};
BOOST_DESCRIBE_STRUCT(Reading, (), (value, error))

struct BeforeAfter {
  Reading before;
  Reading after;
  friend bool operator==(const BeforeAfter&, const BeforeAfter&) = default;
};
BOOST_DESCRIBE_STRUCT(BeforeAfter, (), (before, after))

struct Readings {
  std::vector<Reading> readings;
  friend bool operator==(const Readings&, const Readings&) = default;
};
BOOST_DESCRIBE_STRUCT(Readings, (), (readings))


struct Titled {
  DatasetOf<std::string> title;
};
BOOST_DESCRIBE_STRUCT(Titled, (), (title))

enum class Mode : std::int8_t { idle, scan, calibrate };
BOOST_DESCRIBE_ENUM(Mode, idle, scan, calibrate)

struct WithMode {
  Mode mode = Mode::idle;
};
BOOST_DESCRIBE_STRUCT(WithMode, (), (mode))

struct WithMandatory {
  std::string name;
  DatasetOf<double, kAnyExtent> manData;
};
BOOST_DESCRIBE_STRUCT(WithMandatory, (), (name, manData))
constexpr auto h5kit_model(const WithMandatory*) { return model("Experiment", 1); }

struct WithContainers {
  std::vector<DatasetOf<double, kAnyExtent>> datas;
  std::map<std::string, DatasetOf<double, kAnyExtent>> named;
};
BOOST_DESCRIBE_STRUCT(WithContainers, (), (datas, named))
constexpr auto h5kit_model(const WithContainers*) {
  return model("Experiment", 1, field(&WithContainers::datas).ge(0), field(&WithContainers::named).ge(0));
}

struct WithOptional {
  std::optional<std::int32_t> count;
};
BOOST_DESCRIBE_STRUCT(WithOptional, (), (count))


Experiment scenario() {
  Experiment e;
  e.calibration.position = {247, 253};
  e.calibration.no_beam = {{0, 0}, {0, 1}, {0, 0}};
  return e;
}

// 1
TEST(ModelDumpLoad, EmptyModelMakesAFileWithNoMembers) {
  TempDir dir;
  dump(Empty{}, dir / "empty.h5");
  EXPECT_EQ(File(dir / "empty.h5").size(), 0u);
  EXPECT_EQ(load<Empty>(dir / "empty.h5"), Empty{});
}

// A NUL inside a fixed-length string is part of the value: h5py and `h5kit dump` keep the bytes
// after it, so must the loader (issue 19, bug 8). Trailing NUL padding is still not the value.
TEST(ModelDumpLoad, AFixedStringKeepsTheBytesAfterAnInnerNul) {
  TempDir dir;
  const std::string inner_nul("ab\0cd", 5);
  {
    File f(dir / "nul.h5", "w");
    f.attrs().set("bar", inner_nul, Datatype::fixed_string(8));  // three bytes of NUL padding
    f.create_dataset("s", std::vector<std::string>{inner_nul, "x"}, DatasetOptions{}.dtype(Datatype::fixed_string(6)));
  }
  EXPECT_EQ(load<OneString>(dir / "nul.h5").bar, inner_nul);
  const File f(dir / "nul.h5");
  EXPECT_EQ(f.attrs().get<std::string>("bar"), inner_nul);
  EXPECT_EQ(f.dataset("s").read<std::vector<std::string>>(), (std::vector<std::string>{inner_nul, "x"}));
}

// 2
TEST(ModelDumpLoad, OneStringFieldIsExactlyOneRootAttribute) {
  TempDir dir;
  dump(OneString{"foo"}, dir / "a.h5", DumpOptions{.self_describing = false});
  const File f(dir / "a.h5");
  EXPECT_EQ(f.size(), 0u);
  EXPECT_EQ(f.attrs().keys(), std::vector<std::string>{"bar"});
  EXPECT_EQ(f.attrs().get<std::string>("bar"), "foo");
  EXPECT_EQ(load<OneString>(dir / "a.h5").bar, "foo");

  // Self-describing (the default) adds only h5kit's three reserved attributes.
  dump(OneString{"foo"}, dir / "b.h5");
  auto keys = File(dir / "b.h5").attrs().keys();
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"bar", kModelNameAttribute, kModelVersionAttribute, kSchemaAttribute}));
}

// 3
TEST(ModelDumpLoad, NestedModelsBecomeGroupsOfAttributes) {
  TempDir dir;
  const BeforeAfter m{{1.5, 0.1}, {2.5, 0.2}};
  dump(m, dir / "m.h5");
  const File f(dir / "m.h5");
  EXPECT_EQ(f.keys(), (std::vector<std::string>{"after", "before"}));
  EXPECT_EQ(f.group("before").attrs().get<double>("value"), 1.5);
  EXPECT_EQ(f.group("after").attrs().get<double>("error"), 0.2);
  EXPECT_EQ(f.group("before").attrs().open("value").dtype().name(), "float64");
  EXPECT_EQ(load<BeforeAfter>(dir / "m.h5"), m);
}

// 4
TEST(ModelDumpLoad, VectorOfModelsIsAGroupOfNumberedMembersLoadedInNumericOrder) {
  TempDir dir;
  Readings two{{{1, 0.1}, {2, 0.2}}};
  dump(two, dir / "two.h5");
  const File f(dir / "two.h5");
  EXPECT_TRUE(f.contains("readings/0"));
  EXPECT_TRUE(f.contains("readings/1"));
  EXPECT_EQ(f.group("readings").size(), 2u);
  EXPECT_EQ(load<Readings>(dir / "two.h5"), two);

  Readings twelve;
  for (int i = 0; i < 12; ++i) twelve.readings.push_back({double(i), 0});
  dump(twelve, dir / "twelve.h5");
  const auto back = load<Readings>(dir / "twelve.h5");
  ASSERT_EQ(back.readings.size(), 12u);
  for (int i = 0; i < 12; ++i) EXPECT_EQ(back.readings[i].value, i) << "element " << i;  // 10 after 9, not after 1
}

// 5 (h5py checks the same file in tests/interop/h5py_model_test.cpp)
TEST(ModelDumpLoad, DatasetModelWithItsOwnAttribute) {
  TempDir dir;
  WithBaseline m;
  NDArray<std::int32_t> values(Shape{3, 5});
  for (std::size_t i = 0; i < values.size(); ++i) values.data()[i] = static_cast<std::int32_t>(i);
  m.baseline.assign(values);
  m.baseline.metadata = 1ll << 40;
  dump(m, dir / "b.h5");
  const File f(dir / "b.h5");
  const Dataset ds = f.dataset("baseline");
  EXPECT_EQ(ds.dtype().name(), "int32");
  EXPECT_EQ(ds.shape(), (Shape{3, 5}));
  EXPECT_EQ(ds.attrs().open("metadata").dtype().name(), "int64");
  const auto back = load<WithBaseline>(dir / "b.h5");
  EXPECT_EQ(back.baseline.values(), values);
  EXPECT_EQ(back.baseline.metadata, 1ll << 40);
}

// 6
TEST(ModelDumpLoad, ScalarStringDatasetReadsBackAsText) {
  TempDir dir;
  Titled m;
  m.title = std::string("first light");
  dump(m, dir / "t.h5");
  const File f(dir / "t.h5");
  EXPECT_EQ(f.dataset("title").shape(), Shape{});
  EXPECT_EQ(f.dataset("title").read<std::string>(), "first light");
  EXPECT_EQ(load<Titled>(dir / "t.h5").title.value(), "first light");
}

// 7
TEST(ModelDumpLoad, EnumRoundTripsEveryMemberAndRefusesAValueOutsideIt) {
  TempDir dir;
  for (Mode mode : {Mode::idle, Mode::scan, Mode::calibrate}) {
    dump(WithMode{mode}, dir / "m.h5");
    EXPECT_EQ(load<WithMode>(dir / "m.h5").mode, mode);
  }
  {  // An enum type in the file with a value the C++ enum does not have.
    File f(dir / "bad.h5", "w");
    const Datatype e = Datatype::enumeration(Datatype::int8(), {{"idle", 0}, {"scan", 1}, {"calibrate", 2}, {"warp", 7}});
    f.attrs().create("mode", Shape{}, e).write(std::int8_t{7});
  }
  try {
    load<WithMode>(dir / "bad.h5");
    FAIL() << "loaded an enum value outside the enum";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].field, "mode");
    EXPECT_NE(std::string(e.what()).find("mode"), std::string::npos);
  }
  // In memory, a cast value outside the enum is refused too.
  const auto problems = validate(WithMode{static_cast<Mode>(9)});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("not a member of enum"), std::string::npos) << problems[0].message;
}

// An element's problem is the element's: Experiment.datas[0], never Experiment.datas[0].datas
// (issue 14, bug 1), in validate(), dump() (its partial-dump complaint) and load() alike, as
// validate_file already says.
TEST(ModelDumpLoad, ProblemsOfContainerElementsNameTheElement) {
  TempDir dir;
  WithContainers m;
  m.datas.resize(2);
  m.datas[1] = DatasetOf<double, kAnyExtent>{1.0, 2.0};
  m.named["k"] = DatasetOf<double, kAnyExtent>{};
  std::vector<std::string> paths;
  for (const Problem& p : validate(m)) paths.push_back(p.model_path + " @ " + p.path + " [" + p.field + "]");
  EXPECT_EQ(paths, (std::vector<std::string>{"Experiment.datas[0] @ /datas/0 []", "Experiment.named.k @ /named/k []"}));
  try {
    dump(m, dir / "c.h5");
    FAIL() << "dumped elements that never got data";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 2u) << e.what();
    EXPECT_EQ(e.problems()[0].model_path, "Experiment.datas[0]");
    EXPECT_EQ(std::string(e.what()).find("datas[0].datas"), std::string::npos) << e.what();
  }
  m.datas[0] = DatasetOf<double, kAnyExtent>{1.0};
  m.named["k"] = DatasetOf<double, kAnyExtent>{3.0};
  dump(m, dir / "c.h5");
  {
    File f(dir / "c.h5", "r+");
    f.group("datas").erase("0");
    f.group("datas").create_dataset("0", std::vector<double>{-1.0});  // breaks ge(0)
    f.group("named").erase("k");
    f.group("named").create_dataset("k", std::vector<std::string>{"text"});
  }
  try {
    load<WithContainers>(dir / "c.h5");
    FAIL() << "loaded a negative element and a text element";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 2u) << e.what();
    EXPECT_EQ(e.problems()[0].model_path, "Experiment.datas[0]");
    EXPECT_EQ(e.problems()[0].path, "/datas/0");
    EXPECT_EQ(e.problems()[1].model_path, "Experiment.named.k");
    EXPECT_EQ(e.problems()[1].path, "/named/k");
  }
}

// 8
TEST(ModelDumpLoad, MandatoryDatasetNeverWrittenFailsTheDumpUnlessPartial) {
  TempDir dir;
  const WithMandatory m{"run 1", {}};
  try {
    dump(m, dir / "e.h5");
    FAIL() << "dumped a model with an unset mandatory dataset";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].model_path, "Experiment.manData");
    EXPECT_NE(std::string(e.what()).find("Experiment.manData"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "e.h5"));
  dump(m, dir / "e.h5", DumpOptions{.partial = true});
  const File f(dir / "e.h5");
  EXPECT_FALSE(f.contains("manData"));
  EXPECT_EQ(f.attrs().get<std::string>("name"), "run 1");
}

// 9
TEST(ModelDumpLoad, UnsetOptionalIsAbsentAndLoadsEmpty) {
  TempDir dir;
  dump(WithOptional{}, dir / "o.h5", DumpOptions{.self_describing = false});
  EXPECT_EQ(File(dir / "o.h5").attrs().size(), 0u);
  EXPECT_FALSE(load<WithOptional>(dir / "o.h5").count.has_value());
  dump(WithOptional{3}, dir / "o.h5");
  EXPECT_EQ(load<WithOptional>(dir / "o.h5").count, 3);
}

// 10 (the h5py-written half is in tests/interop/h5py_model_test.cpp)
TEST(ModelDumpLoad, ConstraintViolatedInMemoryRefusesTheDumpAndLeavesTheFile) {
  TempDir dir;
  dump(Station{{5.0, 100}}, dir / "s.h5");
  try {
    dump(Station{{-1.0, 100}}, dir / "s.h5");
    FAIL() << "dumped energy = -1";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].to_string(), "/beam: energy must be >= 0 J, found -1");
  }
  EXPECT_EQ(load<Station>(dir / "s.h5").beam.energy, 5.0);  // the old file, untouched
}

TEST(ModelDumpLoad, LoadReportsEveryProblemAtOnce) {
  TempDir dir;
  {
    File f(dir / "bad.h5", "w");
    const Group beam = f.create_group("beam");
    beam.attrs().set("energy", -3.4);
    beam.attrs().set("distance", std::string("far"));
  }
  try {
    load<Station>(dir / "bad.h5");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0].to_string(), "/beam: energy must be >= 0 J, found -3.4");
    EXPECT_EQ(e.problems()[1].to_string(), "/beam: distance expected int32 scalar, found str scalar");
  }
}

TEST(ModelDumpLoad, ScenarioLaysOutTheFileAsH5pyWould) {
  TempDir dir;
  const Experiment e = scenario();
  dump(e, dir / "experiment.h5");
  const File f(dir / "experiment.h5");
  const Dataset no_beam = f.dataset("calibration/no_beam");
  EXPECT_EQ(no_beam.dtype().name(), "int32");
  EXPECT_EQ(no_beam.shape(), (Shape{3, 2}));
  const Group position = f.group("calibration/position");
  EXPECT_EQ(position.attrs().get<std::int32_t>("x"), 247);
  EXPECT_EQ(position.attrs().get<std::int32_t>("y"), 253);
  EXPECT_EQ(position.attrs().open("x").dtype().name(), "int32");
  EXPECT_EQ(load<Experiment>(dir / "experiment.h5"), e);
}

}  // namespace
}  // namespace h5kit::test

// load(): lazy datasets, strict members, variants, maps, lists with gaps, dump into a group.
#include <gtest/gtest.h>
#include <hdf5.h>

#include "h5kit/model.hpp"
#include "model/test_models.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

using namespace models;

using Trace = DatasetOf<float, kAnyExtent>;
using Image = DatasetOf<std::int32_t, kAnyExtent, 2>;

struct Scan {
  std::string title;
  Trace trace;
  std::map<std::string, Position> marks;
  std::variant<Image, Trace> data;
  std::optional<Trace> dark;
};
BOOST_DESCRIBE_STRUCT(Scan, (), (title, trace, marks, data, dark))

Scan sample_scan() {
  Scan s;
  s.title = "scan 7";
  s.trace = {1.f, 2.f, 3.f};
  s.marks = {{"left", {1, 2}}, {"right", {3, 4}}};
  s.data = Image{{1, 2}, {3, 4}, {5, 6}};
  return s;
}

TEST(ModelLoad, MapsVariantsAndOptionalDatasetsRoundTrip) {
  TempDir dir;
  const Scan s = sample_scan();
  dump(s, dir / "s.h5");
  const File f(dir / "s.h5");
  EXPECT_EQ(f.group("marks").attrs().size(), 0u);
  EXPECT_EQ(f.group("marks/left").attrs().get<int>("y"), 2);
  EXPECT_FALSE(f.contains("dark"));
  const Scan back = load<Scan>(dir / "s.h5");
  EXPECT_EQ(back.title, "scan 7");
  EXPECT_EQ(back.trace, s.trace);
  EXPECT_EQ(back.marks, s.marks);
  ASSERT_EQ(back.data.index(), 0u);
  EXPECT_EQ(std::get<0>(back.data), std::get<0>(s.data));
  EXPECT_FALSE(back.dark.has_value());
}

TEST(ModelLoad, VariantTakesTheFirstAlternativeThatFits) {
  TempDir dir;
  Scan s = sample_scan();
  s.data = Trace{7.f, 8.f};
  dump(s, dir / "s.h5");
  const Scan back = load<Scan>(dir / "s.h5");
  ASSERT_EQ(back.data.index(), 1u);
  EXPECT_EQ(std::get<1>(back.data).values(), std::get<1>(s.data).values());

  {  // a string dataset fits neither
    File f(dir / "s.h5", "r+");
    f.erase("data");
    f.create_dataset("data", std::vector<std::string>{"a"});
  }
  try {
    load<Scan>(dir / "s.h5");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].field, "data");
    EXPECT_NE(e.problems()[0].message.find("fits none of its alternatives"), std::string::npos) << e.what();
  }
}

TEST(ModelLoad, LazyDatasetsAreReadOnFirstTouch) {
  TempDir dir;
  dump(sample_scan(), dir / "s.h5");
  Scan lazy = load<Scan>(dir / "s.h5", LoadOptions{.lazy = true});
  EXPECT_TRUE(lazy.trace.has_value());
  EXPECT_FALSE(lazy.trace.is_loaded());
  EXPECT_EQ(lazy.trace.shape(), Shape{3});  // without reading
  EXPECT_TRUE(lazy.trace.source().valid());
  EXPECT_EQ(lazy.trace.values()(2), 3.f);
  EXPECT_TRUE(lazy.trace.is_loaded());
  // The file stayed open for the lazy field; a lazy model dumps like a loaded one.
  dump(lazy, dir / "copy.h5");
  EXPECT_EQ(load<Scan>(dir / "copy.h5").trace.values()(0), 1.f);
}

TEST(ModelLoad, StrictRefusesMembersTheModelDoesNotDeclare) {
  TempDir dir;
  dump(sample_scan(), dir / "s.h5");
  {
    File f(dir / "s.h5", "r+");
    f.attrs().set("operator", std::string("ada"));
    f.create_group("notes");
    f.dataset("trace").attrs().set("gain", 2.0);
  }
  EXPECT_NO_THROW(load<Scan>(dir / "s.h5"));  // ignored by default
  try {
    load<Scan>(dir / "s.h5", LoadOptions{.strict = true});
    FAIL();
  } catch (const ValidationError& e) {
    std::vector<std::string> found;
    for (const auto& p : e.problems()) found.push_back(p.path + " " + p.field);
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, (std::vector<std::string>{"/ notes", "/ operator", "/trace gain"}));
  }
}

struct Readings {
  std::vector<Position> readings;
};
BOOST_DESCRIBE_STRUCT(Readings, (), (readings))

TEST(ModelLoad, ListWithAGapOrAStrayNameIsAProblem) {
  TempDir dir;
  {
    File f(dir / "l.h5", "w");
    for (const char* name : {"readings/0", "readings/1", "readings/3", "readings/x"}) {
      const Group g = f.create_group(name);
      g.attrs().set("x", 1);
      g.attrs().set("y", 2);
    }
  }
  try {
    load<Readings>(dir / "l.h5");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 2u) << e.what();
    EXPECT_EQ(e.problems()[0].to_string(), "/readings: x is not a list index (a list holds members named 0, 1, 2, ...)");
    EXPECT_EQ(e.problems()[1].to_string(), "/readings: 2 is missing: the list has members up to 3");
  }
}

TEST(ModelLoad, WrongKindsAndMissingMembersAreAllReported) {
  TempDir dir;
  {
    File f(dir / "bad.h5", "w");
    f.create_dataset("calibration", std::vector<int>{1});  // a dataset where a group belongs
  }
  try {
    load<Experiment>(dir / "bad.h5");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].to_string(), "/: calibration must be a group, found a dataset");
  }
  {
    File f(dir / "bad.h5", "w");
    const Group c = f.create_group("calibration");
    c.create_dataset("no_beam", std::vector<std::vector<double>>{{1, 2, 3}});
    c.create_group("position").attrs().set("x", 1);
  }
  try {
    load<Experiment>(dir / "bad.h5");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 2u) << e.what();
    EXPECT_EQ(e.problems()[0].to_string(),
              "/calibration: no_beam expected int32 (3, 2), found float64 (1, 3)");
    EXPECT_EQ(e.problems()[0].model_path, "Experiment.calibration.no_beam");
    EXPECT_EQ(e.problems()[1].to_string(), "/calibration/position: y is missing (a mandatory attribute)");
  }
}

TEST(ModelLoad, DumpIntoAndLoadFromAGroup) {
  TempDir dir;
  File f(dir / "many.h5", "w");
  const Group a = f.create_group("runs/a");
  Experiment e;
  e.calibration.position = {1, 2};
  e.calibration.no_beam = {{1, 2}, {3, 4}, {5, 6}};
  dump(e, a);
  EXPECT_EQ(a.attrs().get<std::string>(kModelNameAttribute), "Experiment");
  EXPECT_EQ(load<Experiment>(a), e);
  EXPECT_THROW(dump(e, a), AlreadyExistsError);  // the names exist already
}

struct Modes {
  std::string mode;
  std::string tag;
  std::vector<double> gains;
  double ratio = 0.5;
};
BOOST_DESCRIBE_STRUCT(Modes, (), (mode, tag, gains, ratio))
static constexpr std::string_view kModes[] = {"fly", "step"};
static constexpr double kRatios[] = {0.5, 1.0};
constexpr auto h5kit_model(const Modes*) {
  return model("Modes", 1, field(&Modes::mode).one_of(kModes), field(&Modes::tag).pattern("[A-Z]{2}[0-9]+").max_length(6),
               field(&Modes::gains).min_length(2).gt(0), field(&Modes::ratio).one_of(kRatios));
}

TEST(ModelValidate, EveryKindOfConstraintIsCheckedAndReported) {
  const Modes good{"fly", "AB12", {1, 2}, 1.0};
  EXPECT_TRUE(validate(good).empty());
  const Modes bad{"walk", "ab12345", {3, -1, 0}, 0.7};
  std::vector<std::string> got;
  for (const auto& p : validate(bad)) got.push_back(p.to_string());
  EXPECT_EQ(got, (std::vector<std::string>{
                     "/: mode must be one of {\"fly\", \"step\"}, found \"walk\"",
                     "/: tag must be at most 6 characters long, found \"ab12345\"",
                     "/: gains element 1 must be > 0, found -1",
                     "/: ratio must be one of {0.5, 1}, found 0.7",
                 }));
  const Modes short_list{"step", "CD1", {1}, 0.5};
  ASSERT_EQ(validate(short_list).size(), 1u);
  EXPECT_EQ(validate(short_list)[0].message, "must have at least 2 elements, found 1");
}

}  // namespace
}  // namespace h5kit::test

namespace h5kit::test {
namespace {

struct Everything {
  bool enabled = false;
  std::chrono::system_clock::time_point started;
  std::array<double, 3> origin{};
  std::vector<std::string> operators;
  models::Position anchor;  // a described struct placed as an attribute: a compound
  DatasetOf<std::uint16_t, kAnyExtent, kAnyExtent> frame;
  std::vector<double> spectrum;  // a plain container placed as a dataset
  friend bool operator==(const Everything&, const Everything&) = default;
};
BOOST_DESCRIBE_STRUCT(Everything, (), (enabled, started, origin, operators, anchor, frame, spectrum))
constexpr auto h5kit_model(const Everything*) {
  return model("Everything", 1, field(&Everything::anchor).attribute(),
               field(&Everything::frame).gzip(4).shuffle().chunks({2, 2}).name("frame_0"),
               field(&Everything::spectrum).dataset().unit("keV"));
}

TEST(ModelDumpLoad, EveryScalarKindPlacementAndStorageOption) {
  TempDir dir;
  Everything e;
  e.enabled = true;
  e.started = std::chrono::system_clock::time_point(std::chrono::nanoseconds(1700000000123456789));
  e.origin = {1, 2, 3};
  e.operators = {"ada", "grace"};
  e.anchor = {5, 6};
  NDArray<std::uint16_t> frame(Shape{4, 4});
  for (std::size_t i = 0; i < frame.size(); ++i) frame.data()[i] = static_cast<std::uint16_t>(i);
  e.frame.assign(frame);
  e.spectrum = {0.5, 1.5};
  dump(e, dir / "e.h5");
  const File f(dir / "e.h5");
  EXPECT_EQ(f.attrs().open("enabled").dtype().name(), "bool");
  EXPECT_EQ(f.attrs().open("started").dtype().name(), "datetime64[ns]");
  EXPECT_EQ(f.attrs().open("origin").shape(), Shape{3});
  EXPECT_EQ(f.attrs().open("anchor").dtype().type_class(), TypeClass::compound);
  const Dataset frame_ds = f.dataset("frame_0");
  EXPECT_EQ(frame_ds.chunks(), (std::optional<Shape>{Shape{2, 2}}));
  ASSERT_EQ(frame_ds.filters().size(), 2u);
  EXPECT_EQ(f.dataset("spectrum").attrs().get<std::string>(kUnitsAttribute), "keV");
  EXPECT_EQ(load<Everything>(dir / "e.h5"), e);
}

}  // namespace
}  // namespace h5kit::test

namespace h5kit::test {
namespace {

struct Wide {
  double f0 = 0, f1 = 1, f2 = 2, f3 = 3, f4 = 4, f5 = 5, f6 = 6, f7 = 7, f8 = 8, f9 = 9;
};
BOOST_DESCRIBE_STRUCT(Wide, (), (f0, f1, f2, f3, f4, f5, f6, f7, f8, f9))
struct HoldsWide {
  Wide wide;
};
BOOST_DESCRIBE_STRUCT(HoldsWide, (), (wide))

TEST(ModelDumpLoad, AModelGroupKeepsItsAttributeFieldsCompact) {
  TempDir dir;
  dump(HoldsWide{}, dir / "w.h5");
  const File f(dir / "w.h5");
  H5O_info_t info{};
  ASSERT_GE(H5Oget_info2(f.group("wide").id(), &info, H5O_INFO_META_SIZE | H5O_INFO_NUM_ATTRS), 0);
  EXPECT_EQ(info.num_attrs, 10u);
  EXPECT_EQ(info.meta_size.attr.heap_size, 0u);  // no dense storage for 10 attributes
  EXPECT_EQ(load<HoldsWide>(dir / "w.h5").wide.f9, 9);
}

}  // namespace
}  // namespace h5kit::test

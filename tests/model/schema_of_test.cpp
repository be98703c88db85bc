// schema_of<T>(): what a model declaration becomes at run time, for every field kind and every
// metadata item, and the DatasetOf value type the dataset fields use.
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "h5kit/model.hpp"
#include "h5kit/model/detail/schema_of.hpp"

namespace h5kit_schema_of_test {

using h5kit::DatasetOf;
using h5kit::field;
using h5kit::kAnyExtent;

enum class Mode : std::uint8_t { idle = 0, scan = 1, fly = 4 };
BOOST_DESCRIBE_ENUM(Mode, idle, scan, fly)

// Every attribute scalar, without h5kit_model(): a model all the same.
struct Scalars {
  std::int8_t i8 = 0;
  std::uint16_t u16 = 0;
  std::int32_t i32 = 0;
  std::int64_t i64 = 0;
  std::uint64_t u64 = 0;
  float f32 = 0;
  double f64 = 0;
  bool flag = false;
  std::string text;
  Mode mode = Mode::idle;
  std::chrono::system_clock::time_point when;
};
BOOST_DESCRIBE_STRUCT(Scalars, (), (i8, u16, i32, i64, u64, f32, f64, flag, text, mode, when))

struct SmallArrays {
  std::array<double, 3> position{};
  std::array<std::int32_t, 2> binning{};
  std::vector<double> samples;
  std::vector<std::string> tags;
  h5kit::NDArray<float> anything;
};
BOOST_DESCRIBE_STRUCT(SmallArrays, (), (position, binning, samples, tags, anything))

struct Images {
  DatasetOf<std::int32_t, 3, 2> calibration;
  DatasetOf<float, kAnyExtent> trace;
  DatasetOf<std::uint16_t, kAnyExtent, 4> frames;
  DatasetOf<std::string> title;
};
BOOST_DESCRIBE_STRUCT(Images, (), (calibration, trace, frames, title))

// A dataset with attribute fields of its own: describe the new members, not the DatasetOf base.
struct Baseline : DatasetOf<std::int32_t, 3, 5> {
  std::int64_t metadata = 0;
};
BOOST_DESCRIBE_STRUCT(Baseline, (), (metadata))
constexpr auto h5kit_model(const Baseline*) {
  return h5kit::model("Baseline", 2, field(&Baseline::metadata).doc("Acquisition counter").ge(0));
}

struct Beam {
  double energy = 0;
  std::int32_t distance = 0;
};
BOOST_DESCRIBE_STRUCT(Beam, (), (energy, distance))
constexpr auto h5kit_model(const Beam*) {
  return h5kit::model("Beam", 1,
                      field(&Beam::energy).doc("X-ray beam energy").unit("J").ge(0),
                      field(&Beam::distance).doc("Distance from sample to detector").unit("mm").ge(0));
}

using Trace1D = DatasetOf<float, kAnyExtent>;
using Trace2D = DatasetOf<float, kAnyExtent, kAnyExtent>;

struct Experiment {
  Beam beam;
  std::optional<Beam> spare_beam;
  std::vector<Beam> scans;
  std::map<std::string, Beam> by_station;
  std::variant<Trace1D, Trace2D> signal;
  std::optional<DatasetOf<double, 3>> offsets;
  std::vector<Baseline> baselines;
  Baseline baseline;
  std::optional<std::int32_t> run;
  Beam beam_record;            // .attribute(): a compound attribute instead of a group
  std::vector<double> counts;  // .dataset(): a dataset instead of an attribute
  std::string title;           // .name("Title")
};
BOOST_DESCRIBE_STRUCT(Experiment, (),
                      (beam, spare_beam, scans, by_station, signal, offsets, baselines, baseline, run, beam_record,
                       counts, title))
constexpr auto h5kit_model(const Experiment*) {
  return h5kit::model("Experiment", 4,
                      field(&Experiment::beam_record).attribute(),
                      field(&Experiment::counts).dataset().gzip(4).shuffle().chunks({64}),
                      field(&Experiment::title).name("Title"))
      .with_doc("One beamtime");
}

inline constexpr std::string_view kShapes[] = {"cube", "sphere"};
inline constexpr double kGains[] = {1, 2, 4};

struct Constrained {
  double temperature = 0;
  double pressure = 0;
  std::string sample;
  std::string shape;
  double gain = 1;
  std::vector<double> window;
  DatasetOf<float, kAnyExtent, kAnyExtent> image;
  std::int32_t plain = 0;
};
BOOST_DESCRIBE_STRUCT(Constrained, (), (temperature, pressure, sample, shape, gain, window, image, plain))
constexpr auto h5kit_model(const Constrained*) {
  return h5kit::model("",  // empty: the C++ type name
                      3,
                      field(&Constrained::temperature).doc("Sample temperature").unit("K").gt(0).lt(1000),
                      field(&Constrained::pressure).unit("Pa").ge(0).le(2e5),
                      field(&Constrained::sample).min_length(1).max_length(32).pattern("[A-Z][0-9]+"),
                      field(&Constrained::shape).one_of(kShapes),
                      field(&Constrained::gain).one_of(kGains),
                      field(&Constrained::window).min_length(2).max_length(2).ge(-1).le(1),
                      field(&Constrained::image).unit("counts").gzip(6).shuffle().chunks({16, 32}));
}

// Two members stored under one name: found when the schema is built.
struct Clash {
  std::int32_t a = 0;
  std::int32_t b = 0;
};
BOOST_DESCRIBE_STRUCT(Clash, (), (a, b))
constexpr auto h5kit_model(const Clash*) { return h5kit::model("Clash", 1, field(&Clash::b).name("a")); }

// Fields stored under names h5kit writes itself, or reads as a dataset's unit.
struct UsesSchemaName {
  std::string h5kit_schema;
};
BOOST_DESCRIBE_STRUCT(UsesSchemaName, (), (h5kit_schema))
struct NotedDataset : DatasetOf<double, kAnyExtent> {
  std::string unit_text;
};
BOOST_DESCRIBE_STRUCT(NotedDataset, (), (unit_text))
constexpr auto h5kit_model(const NotedDataset*) {
  return h5kit::model("NotedDataset", 1, field(&NotedDataset::unit_text).name("units"));
}
// "units" is free on a group.
struct GroupWithUnits {
  std::string units;
};
BOOST_DESCRIBE_STRUCT(GroupWithUnits, (), (units))

// A model from a class template: its name keeps the template arguments, without namespaces.
template <class T>
struct Wrapped {
  T value;
  BOOST_DESCRIBE_CLASS(Wrapped, (), (value), (), ())
};

}  // namespace h5kit_schema_of_test

namespace {
struct Local {
  int x = 0;
};
BOOST_DESCRIBE_STRUCT(Local, (), (x))
}  // namespace

namespace h5kit {
namespace {

using namespace h5kit_schema_of_test;

const FieldSchema& member(const ModelSchema& m, std::string_view name) {
  const FieldSchema* f = m.find_member(name);
  if (!f) throw std::runtime_error("no member " + std::string(name) + " in " + m.name);
  return *f;
}

ValueSchema scalar(std::string dtype) {
  ValueSchema v;
  v.dtype = std::move(dtype);
  return v;
}

TEST(SchemaOf, ScalarAttributes) {
  const ModelSchema& m = schema_of<Scalars>();
  EXPECT_EQ(m.name, "Scalars");  // no h5kit_model(): the C++ name without its namespace
  EXPECT_EQ(m.version, 1);
  EXPECT_EQ(m.doc, "");
  EXPECT_FALSE(m.is_dataset);
  ASSERT_EQ(m.fields.size(), 11u);
  const std::vector<std::pair<const char*, const char*>> expected{
      {"i8", "int8"},     {"u16", "uint16"}, {"i32", "int32"}, {"i64", "int64"}, {"u64", "uint64"},
      {"f32", "float32"}, {"f64", "float64"}, {"flag", "bool"}, {"text", "str"}};
  for (const auto& [name, dtype] : expected) {
    SCOPED_TRACE(name);
    const FieldSchema& f = member(m, name);
    EXPECT_EQ(f.kind, FieldKind::attribute);
    EXPECT_EQ(f.name, name);
    EXPECT_EQ(f.value, scalar(dtype));
    EXPECT_FALSE(f.optional);
    EXPECT_TRUE(f.constraints.empty());
    EXPECT_TRUE(f.models.empty());
    EXPECT_EQ(f.doc, "");
    EXPECT_EQ(f.unit, "");
  }
  // Fields keep the declaration order of BOOST_DESCRIBE_STRUCT.
  EXPECT_EQ(m.fields.front().member, "i8");
  EXPECT_EQ(m.fields.back().member, "when");
}

TEST(SchemaOf, EnumAttributeListsItsNames) {
  const FieldSchema& f = member(schema_of<Scalars>(), "mode");
  EXPECT_EQ(f.kind, FieldKind::attribute);
  EXPECT_EQ(f.value.dtype, "enum(uint8){idle=0,scan=1,fly=4}");
  EXPECT_EQ(f.value.enum_names, (std::vector<std::string>{"idle", "scan", "fly"}));
  EXPECT_TRUE(f.value.shape.empty());
}

TEST(SchemaOf, TimePointIsADatetimeAttribute) {
  const FieldSchema& f = member(schema_of<Scalars>(), "when");
  EXPECT_EQ(f.kind, FieldKind::attribute);
  EXPECT_EQ(f.value.dtype, dtype<std::chrono::system_clock::time_point>().name());
  EXPECT_TRUE(f.value.dtype.starts_with("datetime64[")) << f.value.dtype;
  EXPECT_TRUE(f.value.enum_names.empty());
}

TEST(SchemaOf, SmallArraysAreAttributesWithShapes) {
  const ModelSchema& m = schema_of<SmallArrays>();
  const FieldSchema& position = member(m, "position");
  EXPECT_EQ(position.kind, FieldKind::attribute);
  EXPECT_EQ(position.value.dtype, "float64");
  EXPECT_EQ(position.value.shape, (std::vector<std::int64_t>{3}));  // std::array: fixed
  EXPECT_FALSE(position.value.any_rank);
  EXPECT_EQ(member(m, "binning").value.shape, (std::vector<std::int64_t>{2}));
  EXPECT_EQ(member(m, "binning").value.dtype, "int32");

  const FieldSchema& samples = member(m, "samples");
  EXPECT_EQ(samples.kind, FieldKind::attribute);
  EXPECT_EQ(samples.value.dtype, "float64");
  EXPECT_EQ(samples.value.shape, (std::vector<std::int64_t>{kAnyExtent}));  // std::vector: any length
  EXPECT_EQ(member(m, "tags").value.dtype, "str");
  EXPECT_EQ(member(m, "tags").value.shape, (std::vector<std::int64_t>{kAnyExtent}));

  const FieldSchema& anything = member(m, "anything");
  EXPECT_EQ(anything.value.dtype, "float32");
  EXPECT_TRUE(anything.value.any_rank);  // NDArray: the rank is not in the type
  EXPECT_TRUE(anything.value.shape.empty());
}

TEST(SchemaOf, DatasetOfFieldsAreDatasetModels) {
  const ModelSchema& m = schema_of<Images>();
  const FieldSchema& calibration = member(m, "calibration");
  EXPECT_EQ(calibration.kind, FieldKind::dataset);
  ASSERT_EQ(calibration.models.size(), 1u);
  const ModelSchema& d = calibration.models[0];
  EXPECT_TRUE(d.is_dataset);
  EXPECT_EQ(d.name, "dataset");  // a bare DatasetOf has no name of its own
  EXPECT_EQ(d.value.dtype, "int32");
  EXPECT_EQ(d.value.shape, (std::vector<std::int64_t>{3, 2}));
  EXPECT_TRUE(d.fields.empty());
  // The field's own value schema is unused for datasets: the dataset model carries it.
  EXPECT_EQ(calibration.value, ValueSchema{});

  const ModelSchema& trace = member(m, "trace").models.at(0);
  EXPECT_EQ(trace.value.dtype, "float32");
  EXPECT_EQ(trace.value.shape, (std::vector<std::int64_t>{kAnyExtent}));
  EXPECT_EQ(member(m, "frames").models.at(0).value.shape, (std::vector<std::int64_t>{kAnyExtent, 4}));

  const ModelSchema& title = member(m, "title").models.at(0);
  EXPECT_TRUE(title.is_dataset);
  EXPECT_EQ(title.value.dtype, "str");
  EXPECT_TRUE(title.value.shape.empty());  // a scalar dataset
  EXPECT_FALSE(title.value.any_rank);
}

TEST(SchemaOf, DatasetModelWithAttributes) {
  const ModelSchema& m = schema_of<Baseline>();
  EXPECT_TRUE(m.is_dataset);
  EXPECT_EQ(m.name, "Baseline");
  EXPECT_EQ(m.version, 2);
  EXPECT_EQ(m.value.dtype, "int32");
  EXPECT_EQ(m.value.shape, (std::vector<std::int64_t>{3, 5}));
  ASSERT_EQ(m.fields.size(), 1u);  // the DatasetOf base contributes no fields
  const FieldSchema& metadata = m.fields[0];
  EXPECT_EQ(metadata.member, "metadata");
  EXPECT_EQ(metadata.kind, FieldKind::attribute);
  EXPECT_EQ(metadata.value, scalar("int64"));
  EXPECT_EQ(metadata.doc, "Acquisition counter");
  EXPECT_EQ(metadata.constraints.ge, 0.0);

  // Used as a field, the dataset model is embedded whole.
  const FieldSchema& field = member(schema_of<Experiment>(), "baseline");
  EXPECT_EQ(field.kind, FieldKind::dataset);
  ASSERT_EQ(field.models.size(), 1u);
  EXPECT_EQ(field.models[0], m);
}

TEST(SchemaOf, NestedModelsListsMapsAndVariants) {
  const ModelSchema& m = schema_of<Experiment>();
  EXPECT_EQ(m.name, "Experiment");
  EXPECT_EQ(m.version, 4);
  EXPECT_EQ(m.doc, "One beamtime");
  const ModelSchema& beam = schema_of<Beam>();

  const FieldSchema& group = member(m, "beam");
  EXPECT_EQ(group.kind, FieldKind::group);
  EXPECT_FALSE(group.optional);
  ASSERT_EQ(group.models.size(), 1u);
  EXPECT_EQ(group.models[0], beam);
  EXPECT_EQ(group.models[0].fields.at(0).unit, "J");

  const FieldSchema& spare = member(m, "spare_beam");
  EXPECT_EQ(spare.kind, FieldKind::group);
  EXPECT_TRUE(spare.optional);
  EXPECT_EQ(spare.models.at(0), beam);

  const FieldSchema& scans = member(m, "scans");
  EXPECT_EQ(scans.kind, FieldKind::list);
  ASSERT_EQ(scans.models.size(), 1u);
  EXPECT_EQ(scans.models[0], beam);

  const FieldSchema& stations = member(m, "by_station");
  EXPECT_EQ(stations.kind, FieldKind::map);
  EXPECT_EQ(stations.models.at(0), beam);

  const FieldSchema& signal = member(m, "signal");
  EXPECT_EQ(signal.kind, FieldKind::one_of);
  ASSERT_EQ(signal.models.size(), 2u);  // in the variant's order: the first that fits wins on load
  EXPECT_EQ(signal.models[0].value.shape, (std::vector<std::int64_t>{kAnyExtent}));
  EXPECT_EQ(signal.models[1].value.shape, (std::vector<std::int64_t>{kAnyExtent, kAnyExtent}));
  EXPECT_TRUE(signal.models[0].is_dataset);

  const FieldSchema& offsets = member(m, "offsets");
  EXPECT_EQ(offsets.kind, FieldKind::dataset);
  EXPECT_TRUE(offsets.optional);
  EXPECT_EQ(offsets.models.at(0).value.shape, (std::vector<std::int64_t>{3}));

  const FieldSchema& baselines = member(m, "baselines");
  EXPECT_EQ(baselines.kind, FieldKind::list);
  EXPECT_EQ(baselines.models.at(0), schema_of<Baseline>());

  const FieldSchema& run = member(m, "run");
  EXPECT_EQ(run.kind, FieldKind::attribute);
  EXPECT_TRUE(run.optional);
  EXPECT_EQ(run.value, scalar("int32"));
}

TEST(SchemaOf, PlacementOverridesTheDefault) {
  const ModelSchema& m = schema_of<Experiment>();
  // A described struct is a group unless .attribute() asks for a compound attribute.
  const FieldSchema& record = member(m, "beam_record");
  EXPECT_EQ(record.kind, FieldKind::attribute);
  EXPECT_TRUE(record.models.empty());
  EXPECT_EQ(record.value.dtype, dtype<Beam>().name());
  EXPECT_TRUE(record.value.dtype.starts_with("compound{")) << record.value.dtype;

  // A std::vector is an attribute unless .dataset() asks for a dataset.
  const FieldSchema& counts = member(m, "counts");
  EXPECT_EQ(counts.kind, FieldKind::dataset);
  ASSERT_EQ(counts.models.size(), 1u);
  EXPECT_TRUE(counts.models[0].is_dataset);
  EXPECT_EQ(counts.models[0].value.dtype, "float64");
  EXPECT_EQ(counts.models[0].value.shape, (std::vector<std::int64_t>{kAnyExtent}));
  EXPECT_EQ(counts.gzip, 4);
  EXPECT_TRUE(counts.shuffle);
  EXPECT_EQ(counts.chunks, (std::vector<std::size_t>{64}));
}

TEST(SchemaOf, OnDiskNames) {
  const ModelSchema& m = schema_of<Experiment>();
  const FieldSchema& title = member(m, "title");
  EXPECT_EQ(title.name, "Title");
  EXPECT_EQ(m.find_name("Title"), &title);
  EXPECT_EQ(m.find_name("title"), nullptr);  // the member name is not a stored name
  EXPECT_EQ(member(m, "beam").name, "beam");
}

TEST(SchemaOf, EveryMetadataItem) {
  const ModelSchema& m = schema_of<Constrained>();
  EXPECT_EQ(m.name, "Constrained");  // empty name in h5kit_model(): the C++ type name
  EXPECT_EQ(m.version, 3);

  const FieldSchema& temperature = member(m, "temperature");
  EXPECT_EQ(temperature.doc, "Sample temperature");
  EXPECT_EQ(temperature.unit, "K");
  EXPECT_EQ(temperature.constraints.gt, 0.0);
  EXPECT_EQ(temperature.constraints.lt, 1000.0);
  EXPECT_FALSE(temperature.constraints.ge);
  EXPECT_FALSE(temperature.constraints.le);

  const FieldSchema& pressure = member(m, "pressure");
  EXPECT_EQ(pressure.unit, "Pa");
  EXPECT_EQ(pressure.constraints.ge, 0.0);
  EXPECT_EQ(pressure.constraints.le, 2e5);
  EXPECT_FALSE(pressure.constraints.gt);

  const FieldSchema& sample = member(m, "sample");
  EXPECT_EQ(sample.constraints.min_length, 1u);
  EXPECT_EQ(sample.constraints.max_length, 32u);
  EXPECT_EQ(sample.constraints.pattern, "[A-Z][0-9]+");

  EXPECT_EQ(member(m, "shape").constraints.allowed, (std::vector<std::string>{"cube", "sphere"}));
  EXPECT_TRUE(member(m, "shape").constraints.allowed_numbers.empty());
  EXPECT_EQ(member(m, "gain").constraints.allowed_numbers, (std::vector<double>{1, 2, 4}));
  EXPECT_TRUE(member(m, "gain").constraints.allowed.empty());

  const FieldSchema& window = member(m, "window");
  EXPECT_EQ(window.constraints.min_length, 2u);
  EXPECT_EQ(window.constraints.max_length, 2u);
  EXPECT_EQ(window.constraints.ge, -1.0);
  EXPECT_EQ(window.constraints.le, 1.0);

  const FieldSchema& image = member(m, "image");
  EXPECT_EQ(image.kind, FieldKind::dataset);
  EXPECT_EQ(image.unit, "counts");
  EXPECT_EQ(image.gzip, 6);
  EXPECT_TRUE(image.shuffle);
  EXPECT_EQ(image.chunks, (std::vector<std::size_t>{16, 32}));

  // Fields h5kit_model() does not mention get no metadata and default storage.
  const FieldSchema& plain = member(m, "plain");
  EXPECT_TRUE(plain.constraints.empty());
  EXPECT_EQ(plain.gzip, -1);
  EXPECT_FALSE(plain.shuffle);
  EXPECT_TRUE(plain.chunks.empty());
}

TEST(SchemaOf, FieldMetaIsConstexprData) {
  // The chained calls run at compile time; each returns a copy, the original stays unchanged.
  constexpr auto base = field(&Beam::energy).unit("J");
  constexpr auto bounded = base.ge(0).le(10);
  static_assert(base.meta.unit == "J" && !base.meta.ge);
  static_assert(bounded.meta.unit == "J" && *bounded.meta.ge == 0 && *bounded.meta.le == 10);
  static_assert(field(&Beam::energy).chunks({4, 8}).meta.chunk_rank == 2);
  static_assert(field(&Beam::energy).attribute().meta.placement == Placement::attribute);
  EXPECT_EQ(bounded.member, &Beam::energy);
}

TEST(SchemaOf, DuplicateStoredNamesAreInvalidArgument) {
  try {
    (void)schema_of<Clash>();
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_EQ(e.object(), "Clash");
    EXPECT_NE(e.detail().find("'a' and 'b' are both stored as 'a'"), std::string::npos) << e.what();
  }
  // Not cached as a half-built schema: every call reports it.
  EXPECT_THROW((void)schema_of<Clash>(), InvalidArgumentError);
}

TEST(SchemaOf, NamesH5kitWritesItselfAreReserved) {
  try {
    (void)schema_of<UsesSchemaName>();
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(e.detail().find("'h5kit_schema', a name h5kit writes itself on the root group"), std::string::npos)
        << e.what();
  }
  // A text field stored as a dataset's `units` is that attribute (tests/model/dataset_notes_test.cpp).
  EXPECT_EQ(schema_of<NotedDataset>().fields.at(0).name, "units");
  EXPECT_EQ(schema_of<GroupWithUnits>().fields.at(0).name, "units");
}

TEST(SchemaOf, DefaultModelNames) {
  EXPECT_EQ(schema_of<Local>().name, "Local");  // anonymous namespace dropped too
  EXPECT_EQ(schema_of<Wrapped<Beam>>().name, "Wrapped<Beam>");
  EXPECT_EQ(schema_of<Wrapped<int>>().name, "Wrapped<int>");
  EXPECT_EQ(schema_of<Wrapped<Beam>>().fields.at(0).kind, FieldKind::group);
}

TEST(SchemaOf, IsBuiltOnce) {
  EXPECT_EQ(&schema_of<Experiment>(), &schema_of<Experiment>());
}

// ---- DatasetOf ----

TEST(DatasetOfValue, FromNestedInitializerLists) {
  DatasetOf<std::int32_t, 3, 2> calibration{{1, 2}, {3, 4}, {5, 6}};
  ASSERT_TRUE(calibration.has_value());
  EXPECT_TRUE(calibration.is_loaded());
  EXPECT_EQ(calibration.shape(), (Shape{3, 2}));
  EXPECT_EQ(calibration.values()(2, 1), 6);
  EXPECT_EQ(calibration.values()(0, 1), 2);

  DatasetOf<float, kAnyExtent> trace{1.5f, 2.5f};
  EXPECT_EQ(trace.shape(), (Shape{2}));
  EXPECT_EQ(trace.values()(1), 2.5f);

  DatasetOf<std::string> title(std::string("scan 17"));
  EXPECT_EQ(title.shape(), Shape{});
  EXPECT_EQ(title.value(), "scan 17");
}

TEST(DatasetOfValue, RaggedRowsAreAShapeError) {
  using Grid = DatasetOf<std::int32_t, kAnyExtent, kAnyExtent>;
  EXPECT_THROW((Grid{{1, 2}, {3}}), ShapeMismatchError);
}

TEST(DatasetOfValue, FixedExtentsAreChecked) {
  using Calibration = DatasetOf<std::int32_t, 3, 2>;
  try {
    Calibration c{{1, 2}, {3, 4}};  // 2 rows, 3 declared
    FAIL() << "expected ShapeMismatchError";
  } catch (const ShapeMismatchError& e) {
    EXPECT_EQ(e.operation(), "assign dataset field");
    EXPECT_NE(e.detail().find("(3, 2)"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Calibration(NDArray<std::int32_t>(Shape{6})), ShapeMismatchError);  // wrong rank
  EXPECT_THROW(Calibration(NDArray<std::int32_t>(Shape{3, 3})), ShapeMismatchError);

  // A failed assign leaves the old values in place.
  Calibration c{{1, 2}, {3, 4}, {5, 6}};
  EXPECT_THROW(c.assign(NDArray<std::int32_t>(Shape{2, 2})), ShapeMismatchError);
  EXPECT_EQ(c.shape(), (Shape{3, 2}));
  EXPECT_EQ(c.values()(0, 0), 1);
}

TEST(DatasetOfValue, WildcardAxesAcceptAnyExtent) {
  DatasetOf<std::uint16_t, kAnyExtent, 4> frames;
  frames.assign(NDArray<std::uint16_t>(Shape{0, 4}));
  EXPECT_EQ(frames.shape(), (Shape{0, 4}));
  frames.assign(NDArray<std::uint16_t>(Shape{1000, 4}, 7));
  EXPECT_EQ(frames.shape(), (Shape{1000, 4}));
  EXPECT_THROW(frames.assign(NDArray<std::uint16_t>(Shape{10, 5})), ShapeMismatchError);  // fixed axis
  EXPECT_THROW(frames.assign(NDArray<std::uint16_t>(Shape{40})), ShapeMismatchError);
}

TEST(DatasetOfValue, UnsetFieldHasNoValues) {
  DatasetOf<double, 3> offsets;
  EXPECT_FALSE(offsets.has_value());
  EXPECT_FALSE(offsets.is_loaded());
  EXPECT_EQ(offsets.shape(), Shape{});
  EXPECT_FALSE(offsets.source().valid());
  EXPECT_THROW((void)offsets.values(), InvalidArgumentError);
  const auto& constant = offsets;
  EXPECT_THROW((void)constant.values(), InvalidArgumentError);
  DatasetOf<std::string> title;
  EXPECT_THROW((void)title.value(), InvalidArgumentError);
}

TEST(DatasetOfValue, ResetAndEquality) {
  DatasetOf<double, kAnyExtent> a{1.0, 2.0, 3.0};
  DatasetOf<double, kAnyExtent> b{1.0, 2.0, 3.0};
  DatasetOf<double, kAnyExtent> other{1.0, 2.0};
  DatasetOf<double, kAnyExtent> unset;
  EXPECT_EQ(a, b);
  EXPECT_NE(a, other);
  EXPECT_NE(a, unset);
  EXPECT_EQ(unset, (DatasetOf<double, kAnyExtent>{}));  // two unset fields are equal
  b.values()(2) = 4.0;
  EXPECT_NE(a, b);
  a.reset();
  EXPECT_FALSE(a.has_value());
  EXPECT_EQ(a, unset);
  EXPECT_THROW((void)a.values(), InvalidArgumentError);
}

TEST(DatasetOfValue, DatasetModelKeepsItsAttributes) {
  Baseline b;
  b.assign(NDArray<std::int32_t>(Shape{3, 5}, 1));
  b.metadata = 42;
  EXPECT_EQ(b.shape(), (Shape{3, 5}));
  EXPECT_EQ(b.metadata, 42);
  EXPECT_THROW(b.assign(NDArray<std::int32_t>(Shape{5, 3})), ShapeMismatchError);
}

}  // namespace
}  // namespace h5kit

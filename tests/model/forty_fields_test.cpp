// A 40-field model with metadata on every field: schema_of() is right for a large struct, and this
// translation unit is the one docs/model_declaring.md measures for compile-time cost
// (scripts/measure_model_compile.sh). H5KIT_FORTY_FIELDS_STRUCT_ONLY compiles the same struct and
// a trivial test without any model parts (no h5kit headers, no BOOST_DESCRIBE_STRUCT, no
// h5kit_model(), no schema_of()): the baseline of the measurement.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#ifdef H5KIT_FORTY_FIELDS_STRUCT_ONLY
namespace h5kit {
inline constexpr std::int64_t kAnyExtent = -1;
template <class T, std::int64_t... Extents>
struct DatasetOf {};  // a stand-in of the same spelling, so the struct is unchanged
}  // namespace h5kit
#else
#include "h5kit/model.hpp"
#include "support/temp_dir.hpp"
#endif

namespace h5kit_forty_fields_test {

using h5kit::DatasetOf;
using h5kit::kAnyExtent;

enum class Mode : std::uint8_t { idle, scan, fly };

struct Stage {
  double x = 0;
  double y = 0;
};

struct Forty {
  double energy_0{};
  double energy_1{};
  double energy_2{};
  double energy_3{};
  double energy_4{};
  double energy_5{};
  double energy_6{};
  double energy_7{};
  std::int32_t count_0{};
  std::int32_t count_1{};
  std::int32_t count_2{};
  std::int32_t count_3{};
  std::int32_t count_4{};
  std::int32_t count_5{};
  std::string label_0;
  std::string label_1;
  std::string label_2;
  std::string label_3;
  std::array<double, 3> position_0{};
  std::array<double, 3> position_1{};
  std::array<double, 3> position_2{};
  std::array<double, 3> position_3{};
  Mode mode_0{};
  Mode mode_1{};
  Mode mode_2{};
  Mode mode_3{};
  DatasetOf<std::uint16_t, kAnyExtent, 512> image_0;
  DatasetOf<std::uint16_t, kAnyExtent, 512> image_1;
  DatasetOf<std::uint16_t, kAnyExtent, 512> image_2;
  DatasetOf<std::uint16_t, kAnyExtent, 512> image_3;
  Stage stage_0;
  Stage stage_1;
  Stage stage_2;
  std::optional<double> gain_0;
  std::optional<double> gain_1;
  std::optional<double> gain_2;
  std::vector<Stage> scans;
  std::int64_t run_id{};
  std::string shape;
  float temperature{};
};

#ifndef H5KIT_FORTY_FIELDS_STRUCT_ONLY
BOOST_DESCRIBE_ENUM(Mode, idle, scan, fly)
BOOST_DESCRIBE_STRUCT(Stage, (), (x, y))
constexpr auto h5kit_model(const Stage*) {
  using h5kit::field;
  return h5kit::model("Stage", 1, field(&Stage::x).unit("mm"), field(&Stage::y).unit("mm"));
}

inline constexpr double kGains[] = {1, 2, 4, 8};
inline constexpr std::string_view kShapes[] = {"cube", "sphere", "needle"};

BOOST_DESCRIBE_STRUCT(Forty, (), (energy_0, energy_1, energy_2, energy_3, energy_4, energy_5, energy_6, energy_7, count_0, count_1, count_2, count_3, count_4, count_5, label_0, label_1, label_2, label_3, position_0, position_1, position_2, position_3, mode_0, mode_1, mode_2, mode_3, image_0, image_1, image_2, image_3, stage_0, stage_1, stage_2, gain_0, gain_1, gain_2, scans, run_id, shape, temperature))
constexpr auto h5kit_model(const Forty*) {
  using h5kit::field;
  return h5kit::model("Forty", 7,
      field(&Forty::energy_0).doc("Beam energy, channel 0").unit("keV").ge(0).le(100),
      field(&Forty::energy_1).doc("Beam energy, channel 1").unit("keV").ge(0).le(100),
      field(&Forty::energy_2).doc("Beam energy, channel 2").unit("keV").ge(0).le(100),
      field(&Forty::energy_3).doc("Beam energy, channel 3").unit("keV").ge(0).le(100),
      field(&Forty::energy_4).doc("Beam energy, channel 4").unit("keV").ge(0).le(100),
      field(&Forty::energy_5).doc("Beam energy, channel 5").unit("keV").ge(0).le(100),
      field(&Forty::energy_6).doc("Beam energy, channel 6").unit("keV").ge(0).le(100),
      field(&Forty::energy_7).doc("Beam energy, channel 7").unit("keV").ge(0).le(100),
      field(&Forty::count_0).doc("Counter 0").ge(0),
      field(&Forty::count_1).doc("Counter 1").ge(0),
      field(&Forty::count_2).doc("Counter 2").ge(0),
      field(&Forty::count_3).doc("Counter 3").ge(0),
      field(&Forty::count_4).doc("Counter 4").ge(0),
      field(&Forty::count_5).doc("Counter 5").ge(0),
      field(&Forty::label_0).doc("Label 0").min_length(1).max_length(16).pattern("[a-z_]+"),
      field(&Forty::label_1).doc("Label 1").min_length(1).max_length(16).pattern("[a-z_]+"),
      field(&Forty::label_2).doc("Label 2").min_length(1).max_length(16).pattern("[a-z_]+"),
      field(&Forty::label_3).doc("Label 3").min_length(1).max_length(16).pattern("[a-z_]+"),
      field(&Forty::position_0).doc("Position 0").unit("mm").ge(-50).le(50),
      field(&Forty::position_1).doc("Position 1").unit("mm").ge(-50).le(50),
      field(&Forty::position_2).doc("Position 2").unit("mm").ge(-50).le(50),
      field(&Forty::position_3).doc("Position 3").unit("mm").ge(-50).le(50),
      field(&Forty::mode_0).doc("Acquisition mode 0"),
      field(&Forty::mode_1).doc("Acquisition mode 1"),
      field(&Forty::mode_2).doc("Acquisition mode 2"),
      field(&Forty::mode_3).doc("Acquisition mode 3"),
      field(&Forty::image_0).doc("Detector image 0").unit("counts").gzip(4).shuffle().chunks({16, 512}),
      field(&Forty::image_1).doc("Detector image 1").unit("counts").gzip(4).shuffle().chunks({16, 512}),
      field(&Forty::image_2).doc("Detector image 2").unit("counts").gzip(4).shuffle().chunks({16, 512}),
      field(&Forty::image_3).doc("Detector image 3").unit("counts").gzip(4).shuffle().chunks({16, 512}),
      field(&Forty::stage_0).doc("Sample stage 0").name("Stage0"),
      field(&Forty::stage_1).doc("Sample stage 1").name("Stage1"),
      field(&Forty::stage_2).doc("Sample stage 2").name("Stage2"),
      field(&Forty::gain_0).doc("Amplifier gain 0").one_of(kGains),
      field(&Forty::gain_1).doc("Amplifier gain 1").one_of(kGains),
      field(&Forty::gain_2).doc("Amplifier gain 2").one_of(kGains),
      field(&Forty::scans).doc("Stage positions per scan").max_length(1000),
      field(&Forty::run_id).doc("Run number").name("RunID").ge(1),
      field(&Forty::shape).doc("Sample shape").one_of(kShapes),
      field(&Forty::temperature).doc("Cryostream temperature").unit("K").gt(0).lt(500));
}
#endif

}  // namespace h5kit_forty_fields_test

namespace {

using namespace h5kit_forty_fields_test;

#ifdef H5KIT_FORTY_FIELDS_STRUCT_ONLY
TEST(FortyFields, StructOnly) {
  Forty f;
  f.energy_0 = 1;
  EXPECT_EQ(f.energy_0, 1.0);
}
#else
TEST(FortyFields, EveryFieldIsInTheSchema) {
  const h5kit::ModelSchema& m = h5kit::schema_of<Forty>();
  EXPECT_EQ(m.name, "Forty");
  EXPECT_EQ(m.version, 7);
  ASSERT_EQ(m.fields.size(), 40u);
  for (const h5kit::FieldSchema& f : m.fields) EXPECT_FALSE(f.doc.empty()) << f.member;
  EXPECT_EQ(m.fields.front().member, "energy_0");
  EXPECT_EQ(m.fields.back().member, "temperature");
}

TEST(FortyFields, SampledFieldsCarryTheirMetadata) {
  const h5kit::ModelSchema& m = h5kit::schema_of<Forty>();
  const h5kit::FieldSchema* energy = m.find_member("energy_7");
  ASSERT_NE(energy, nullptr);
  EXPECT_EQ(energy->unit, "keV");
  EXPECT_EQ(energy->constraints.le, 100.0);
  EXPECT_EQ(energy->value.dtype, "float64");

  const h5kit::FieldSchema* image = m.find_member("image_3");
  ASSERT_NE(image, nullptr);
  EXPECT_EQ(image->kind, h5kit::FieldKind::dataset);
  EXPECT_EQ(image->models.at(0).value.shape, (std::vector<std::int64_t>{kAnyExtent, 512}));
  EXPECT_EQ(image->chunks, (std::vector<std::size_t>{16, 512}));
  EXPECT_EQ(image->gzip, 4);

  const h5kit::FieldSchema* stage = m.find_name("Stage2");
  ASSERT_NE(stage, nullptr);
  EXPECT_EQ(stage->member, "stage_2");
  EXPECT_EQ(stage->kind, h5kit::FieldKind::group);
  EXPECT_EQ(stage->models.at(0).fields.at(1).unit, "mm");

  const h5kit::FieldSchema* gain = m.find_member("gain_1");
  ASSERT_NE(gain, nullptr);
  EXPECT_TRUE(gain->optional);
  EXPECT_EQ(gain->constraints.allowed_numbers, (std::vector<double>{1, 2, 4, 8}));

  const h5kit::FieldSchema* run = m.find_name("RunID");
  ASSERT_NE(run, nullptr);
  EXPECT_EQ(run->value.dtype, "int64");
  EXPECT_EQ(run->constraints.ge, 1.0);

  EXPECT_EQ(m.find_member("scans")->kind, h5kit::FieldKind::list);
  EXPECT_EQ(m.find_member("shape")->constraints.allowed.size(), 3u);
  EXPECT_EQ(m.find_member("mode_0")->value.enum_names, (std::vector<std::string>{"idle", "scan", "fly"}));
  EXPECT_EQ(m.find_member("label_2")->constraints.pattern, "[a-z_]+");
  EXPECT_EQ(m.find_member("position_1")->value.shape, (std::vector<std::int64_t>{3}));
}

// Instantiates dump(), load() and validate() for the 40 fields: the compile-time figures in
// docs/model_declaring.md include them.
TEST(FortyFields, DumpsAndLoadsBack) {
  h5kit::test::TempDir dir;
  Forty f;
  f.energy_3 = 12.5;
  f.count_4 = 7;
  f.label_0 = f.label_1 = f.label_3 = "a";
  f.label_2 = "sample_a";
  f.position_1 = {1, 2, 3};
  f.mode_2 = Mode::fly;
  for (auto* image : {&f.image_0, &f.image_1, &f.image_2, &f.image_3}) image->assign(h5kit::NDArray<std::uint16_t>(h5kit::Shape{2, 512}, 9));
  f.gain_1 = 4;
  f.scans.resize(3);
  f.run_id = 42;
  f.shape = std::string(kShapes[0]);
  f.temperature = 100;
  const auto problems = h5kit::validate(f);
  ASSERT_TRUE(problems.empty()) << problems.front().to_string();
  h5kit::dump(f, dir / "forty.h5");
  // The declared (16, 512) chunk is clamped to the 2 rows the wildcard axis holds.
  EXPECT_EQ(h5kit::File(dir / "forty.h5").dataset("image_0").chunks(), (std::optional<h5kit::Shape>{h5kit::Shape{2, 512}}));
  const Forty back = h5kit::load<Forty>(dir / "forty.h5");
  EXPECT_EQ(back.energy_3, 12.5);
  EXPECT_EQ(back.count_4, 7);
  EXPECT_EQ(back.label_2, "sample_a");
  EXPECT_EQ(back.position_1, f.position_1);
  EXPECT_EQ(back.mode_2, Mode::fly);
  EXPECT_EQ(back.image_3.values(), f.image_3.values());
  EXPECT_EQ(back.gain_1, 4.0);
  EXPECT_FALSE(back.gain_0.has_value());
  EXPECT_EQ(back.scans.size(), 3u);
  EXPECT_EQ(back.run_id, 42);
}
#endif

}  // namespace

// Loading across versions (migrations) and units (udunits2 conversion on load).
#include <gtest/gtest.h>

#include "h5kit/model.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

// Version 1 of a detector model: distance in metres, called "dist".
namespace v1 {
struct Detector {
  double dist = 0;
};
BOOST_DESCRIBE_STRUCT(Detector, (), (dist))
constexpr auto h5kit_model(const Detector*) { return model("Detector", 1, field(&Detector::dist).unit("m")); }
}  // namespace v1

// Version 3: renamed to "distance" and stored in millimetres (version 2), a "mode" added (version 3).
namespace v3 {
struct Detector {
  std::int32_t distance = 0;
  std::string mode = "auto";
};
BOOST_DESCRIBE_STRUCT(Detector, (), (distance, mode))
constexpr auto h5kit_model(const Detector*) { return model("Detector", 3, field(&Detector::distance).unit("mm")); }
inline Migrations h5kit_migrations(const Detector*) {
  return Migrations().since(2).rename("dist", "distance").unit("distance", "m").since(3).added("mode");
}
}  // namespace v3

// Case 11: a file whose distance is stored in "m" loads into a model declaring "mm", ×1000. The
// model that wrote the file declared metres, and its schema (embedded in the file) says so.
namespace metres {
struct Detector {
  double distance = 0;
};
BOOST_DESCRIBE_STRUCT(Detector, (), (distance))
constexpr auto h5kit_model(const Detector*) { return model("Detector", 1, field(&Detector::distance).unit("m")); }
}  // namespace metres
namespace millimetres {
struct Detector {
  std::int32_t distance = 0;
};
BOOST_DESCRIBE_STRUCT(Detector, (), (distance))
constexpr auto h5kit_model(const Detector*) { return model("Detector", 1, field(&Detector::distance).unit("mm")); }
}  // namespace millimetres

TEST(ModelUnits, FileInMetresLoadsIntoMillimetres) {
  TempDir dir;
  dump(metres::Detector{0.25}, dir / "d.h5");
  EXPECT_EQ(load<millimetres::Detector>(dir / "d.h5").distance, 250);
  dump(metres::Detector{0.2505}, dir / "d.h5");  // 250.5 mm is no int32
  try {
    load<millimetres::Detector>(dir / "d.h5");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].to_string(), "/: distance stored in m: 250.5 is not a whole number in mm");
  }
}

TEST(ModelVersions, OlderFilesGoThroughTheMigrations) {
  TempDir dir;
  {  // written by version 1 without an embedded schema (as a hand-made file would be)
    File f(dir / "d.h5", "w");
    f.attrs().set(kModelNameAttribute, std::string("Detector"));
    f.attrs().set(kModelVersionAttribute, std::int32_t{1});
    f.attrs().set("dist", 0.5);
  }
  const auto d = load<v3::Detector>(dir / "d.h5");
  EXPECT_EQ(d.distance, 500);   // renamed, and converted from the unit version 1 used
  EXPECT_EQ(d.mode, "auto");    // absent before version 3: the default
}

TEST(ModelVersions, AFieldAddedLaterIsStillMandatoryInCurrentFiles) {
  TempDir dir;
  {
    File f(dir / "d.h5", "w");
    f.attrs().set(kModelVersionAttribute, std::int32_t{3});
    f.attrs().set("distance", std::int32_t{12});
  }
  try {
    load<v3::Detector>(dir / "d.h5");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].to_string(), "/: mode is missing (a mandatory attribute)");
  }
}

TEST(ModelVersions, AFileFromANewerVersionIsAClearError) {
  TempDir dir;
  dump(v3::Detector{12, "fly"}, dir / "d.h5");
  try {
    load<v1::Detector>(dir / "d.h5");
    FAIL();
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("written with version 3 of model Detector; this program knows versions up to 1"),
              std::string::npos)
        << e.what();
  }
}

struct Trace {
  DatasetOf<float, kAnyExtent> position;
  std::int32_t offset = 0;
};
BOOST_DESCRIBE_STRUCT(Trace, (), (position, offset))
constexpr auto h5kit_model(const Trace*) {
  return model("Trace", 1, field(&Trace::position).unit("mm").doc("Stage position"), field(&Trace::offset).unit("mm"));
}

TEST(ModelUnits, DatasetUnitsAttributeIsConvertedAndWrittenOnDump) {
  TempDir dir;
  Trace t;
  t.position = {1.f, 2.f};
  t.offset = 3;
  dump(t, dir / "t.h5");
  {
    const File f(dir / "t.h5");
    EXPECT_EQ(f.dataset("position").attrs().get<std::string>(kUnitsAttribute), "mm");
    EXPECT_EQ(f.dataset("position").attrs().get<std::string>(kDescriptionAttribute), "Stage position");
  }
  {
    File f(dir / "t.h5", "r+");
    f.dataset("position").attrs().set(kUnitsAttribute, std::string("m"));
  }
  const auto back = load<Trace>(dir / "t.h5");
  EXPECT_FLOAT_EQ(back.position.values()(0), 1000.f);
  EXPECT_FLOAT_EQ(back.position.values()(1), 2000.f);
  // Converting needs the values: a lazy load reads them at once.
  EXPECT_TRUE(load<Trace>(dir / "t.h5", LoadOptions{.lazy = true}).position.is_loaded());
}

TEST(ModelUnits, IncompatibleOrUnknownUnitsAreProblems) {
  TempDir dir;
  Trace t;
  t.position = {1.f};
  dump(t, dir / "t.h5", DumpOptions{.self_describing = false});
  {
    File f(dir / "t.h5", "r+");
    f.dataset("position").attrs().set(kUnitsAttribute, std::string("s"));
  }
  try {
    load<Trace>(dir / "t.h5");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].to_string(),
              "/: position is stored in \"s\", which cannot be converted to the model's \"mm\"");
  }
}

}  // namespace
}  // namespace h5kit::test

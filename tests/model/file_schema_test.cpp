// validate_file and embedded_schema on files built with the core API: a file that conforms, then
// one mutation per kind of problem, each checked for its exact path, field and message.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <boost/describe/enum.hpp>
#include <hdf5.h>
#include <gtest/gtest.h>

#include <h5kit/h5kit.hpp>
#include <h5kit/model.hpp>

#include "model/schema_samples.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

using namespace samples;

enum class Shade : std::int8_t { RED = 0, GREEN = 1, BLUE = 5 };
BOOST_DESCRIBE_ENUM(Shade, RED, GREEN, BLUE)
enum class OtherShade : std::int8_t { RED = 0, PURPLE = 3 };
BOOST_DESCRIBE_ENUM(OtherShade, RED, PURPLE)

// A file that conforms to samples::rich(), with what h5kit's dump adds (root h5kit_* attributes,
// units on datasets), so it also passes in strict mode.
void write_rich(const File& f) {
  f.attrs().set(kModelNameAttribute, std::string("Experiment"));
  f.attrs().set(kModelVersionAttribute, std::int32_t{2});
  f.attrs().set(kSchemaAttribute, schema_to_json(rich()));
  f.attrs().set("title", std::string("Alpha"));
  f.attrs().set("energy", 1.5);
  f.attrs().set("colour", Shade::RED);
  f.attrs().set("shade", Shade::GREEN);
  f.attrs().set("offsets", std::vector<std::vector<std::int16_t>>{{1, 2, 3}, {4, 5, 6}});
  f.attrs().set("weights", std::vector<double>{0.5, 0.25});
  f.attrs().set("flag", true);
  Dataset position = f.create_dataset("calibration/position", std::vector<double>{1, 2, 3});
  position.attrs().set(kUnitsAttribute, std::string("mm"));
  position.attrs().set(kDescriptionAttribute, std::string("x, y, z"));
  Dataset baseline = f.create_dataset("calibration/baseline", std::vector<std::vector<std::int32_t>>(3, std::vector<std::int32_t>(5, 7)));
  baseline.attrs().set("gain", 2.0);
  Group reading = f.create_group("readings/0");
  reading.attrs().set("when", std::int64_t{12});
  reading.create_dataset("trace", std::vector<float>{0.5f, -0.25f}).attrs().set(kUnitsAttribute, std::string("V"));
  f.create_dataset("image", std::vector<std::vector<std::uint8_t>>{{1, 2}, {3, 4}});
}

class FileSchema : public ::testing::Test {
 protected:
  // The problems of the conforming file after `change`.
  std::vector<Problem> problems_after(const std::function<void(const File&)>& change, bool strict = false) {
    const std::string path = dir_ / ("case" + std::to_string(++cases_) + ".h5");
    {
      File f(path, "w");
      write_rich(f);
      change(f);
    }
    File f(path, "r");
    return validate_file(f, rich(), strict);
  }
  // Exactly one problem, with this text.
  void expect_one(const std::function<void(const File&)>& change, const std::string& text, bool strict = false) {
    const std::vector<Problem> found = problems_after(change, strict);
    std::string all;
    for (const Problem& p : found) all += p.to_string() + "\n";
    ASSERT_EQ(found.size(), 1U) << all;
    EXPECT_EQ(found[0].to_string(), text);
  }
  TempDir dir_;
  int cases_ = 0;
};

TEST_F(FileSchema, AConformingFileHasNoProblemsEvenWhenStrict) {
  EXPECT_EQ(problems_after([](const File&) {}), std::vector<Problem>{});
  EXPECT_EQ(problems_after([](const File&) {}, true), std::vector<Problem>{});
  // optional members present and valid
  EXPECT_EQ(problems_after([](const File& f) {
              f.attrs().set("mode", std::string("slow"));
              Group g = f.create_group("by_name/first");
              g.attrs().set("when", std::int64_t{1});
              g.create_dataset("trace", std::vector<float>{0.f});
            }, true),
            std::vector<Problem>{});
  // the second one_of alternative fits; integers of another width fit an integer field
  EXPECT_EQ(problems_after([](const File& f) {
              f.erase("image");
              f.create_dataset("image", std::vector<std::vector<std::vector<float>>>(2, {{1, 2, 3}}));
              f.attrs().set("offsets", std::vector<std::vector<std::int64_t>>{{1}, {2}});
            }),
            std::vector<Problem>{});
}

TEST_F(FileSchema, WrongTypeOrShape) {
  expect_one([](const File& f) { f.attrs().set("energy", std::string("high")); },
             "/: energy expected float64 scalar, found str scalar");
  expect_one([](const File& f) { f.attrs().set("title", 3); }, "/: title expected str scalar, found int32 scalar");
  expect_one([](const File& f) { f.attrs().set("offsets", std::vector<std::int16_t>{1, 2}); },
             "/: offsets expected shape (2, any), found (2,)");
  expect_one([](const File& f) {
               f.erase("calibration/position");
               f.create_dataset("calibration/position", std::vector<double>{1, 2, 3, 4});
             },
             "/calibration: position expected shape (3,), found (4,)");
  expect_one([](const File& f) {
               f.erase("image");
               f.create_dataset("image", std::vector<std::vector<double>>{{1, 2}});
             },
             "/: image expected uint8 (any, any) or float32 (any, any, 3), found float64 (1, 2)");
  expect_one([](const File& f) { f.attrs().set("flag", 1); }, "/: flag expected bool scalar, found int32 scalar");
}

TEST_F(FileSchema, GroupsAndDatasetsInTheWrongPlace) {
  expect_one([](const File& f) {
               f.erase("calibration");
               f.create_dataset("calibration", 1);
             },
             "/: calibration expected a group, found a dataset");
  expect_one([](const File& f) {
               f.erase("image");
               f.create_group("image");
             },
             "/: image expected a dataset, found a group");
  expect_one([](const File& f) { f.link("by_name", SoftLink{"/nowhere"}); },
             "/: by_name is a soft link to \"/nowhere\" that leads to no object (its target is missing, or its links make "
             "a loop)");
}

TEST_F(FileSchema, MissingMandatoryMembersOptionalOnesMayBeAbsent) {
  expect_one([](const File& f) { f.attrs().erase("title"); }, "/: title missing mandatory attribute");
  expect_one([](const File& f) { f.erase("calibration/position"); }, "/calibration: position missing mandatory dataset");
  expect_one([](const File& f) { f.erase("readings/0/trace"); }, "/readings/0: trace missing mandatory dataset");
  expect_one([](const File& f) { f.erase("calibration/baseline"); f.erase("readings"); },
             "/: readings missing mandatory group");
}

TEST_F(FileSchema, ValuesOutOfBoundsOrNotAllowed) {
  expect_one([](const File& f) { f.attrs().set("energy", -3.4); }, "/: energy must be >= 0 J, found -3.4");
  expect_one([](const File& f) { f.attrs().set("title", std::string("lower")); },
             "/: title must match /[A-Z].*/, found \"lower\"");
  expect_one([](const File& f) { f.attrs().set("title", std::string("")); },
             "/: title must be at least 1 characters long, found \"\"");
  expect_one([](const File& f) { f.attrs().set("mode", std::string("medium")); },
             "/: mode must be one of {\"fast\", \"slow\"}, found \"medium\"");
  expect_one([](const File& f) { f.attrs().set("weights", std::vector<double>{0.5, 2, 3}); },
             "/: weights element 1: must be < 1, found 2 (and 1 more element)");
  expect_one([](const File& f) { f.attrs().set("offsets", std::vector<std::vector<std::int16_t>>(2, std::vector<std::int16_t>(6))); },
             "/: offsets must have at most 10 elements, found 12");
  expect_one([](const File& f) { f.dataset("calibration/baseline").attrs().set("gain", 3.0); },
             "/calibration/baseline: gain must be one of {1, 2, 4.5}, found 3");
  expect_one([](const File& f) { f.dataset("readings/0/trace").write(std::vector<float>{0.5f, 2}); },
             "/readings/0: trace element 1: must be < 1000 mV, found 2000");
}

TEST_F(FileSchema, EnumValuesMustBeNamedBySchema) {
  expect_one([](const File& f) { f.attrs().set("colour", Shade::GREEN); },
             "/: colour must be one of {\"RED\", \"BLUE\"}, found \"GREEN\"");
  expect_one([](const File& f) { f.attrs().set("shade", OtherShade::PURPLE); },
             "/: shade must be one of the enum names {RED, GREEN, BLUE}, found PURPLE");
  expect_one([](const File& f) {
               // 3 as the enum's own bytes: HDF5 converts no integer to an enum, so write it untouched
               f.attrs().erase("shade");
               const Attribute a = f.attrs().create("shade", Shape{}, dtype<Shade>());
               const std::int8_t unnamed = 3;
               ASSERT_GE(H5Awrite(a.id(), dtype<Shade>().id(), &unnamed), 0);
             },
             "/: shade holds 3, which no member of the stored enum names");
}

TEST_F(FileSchema, ListMembersAreContiguousIndices) {
  const auto reading = [](const Group& g) {
    g.attrs().set("when", std::int64_t{1});
    g.create_dataset("trace", std::vector<float>{0.f});
  };
  expect_one([&](const File& f) { reading(f.create_group("readings/2")); },
             "/readings: list members must be 0..1 without gaps; 1 is missing");
  expect_one([&](const File& f) { reading(f.create_group("readings/x")); },
             "/readings: x is not a list index (members are named 0, 1, 2, ...)");
  expect_one([&](const File& f) { reading(f.create_group("readings/01")); },
             "/readings: 01 is not a list index (members are named 0, 1, 2, ...)");
  expect_one([](const File& f) { f.erase("readings/0"); }, "/readings: must have at least 1 elements, found 0");
  expect_one([](const File& f) { f.create_dataset("readings/1", 1); }, "/readings: 1 expected a group, found a dataset");
}

TEST_F(FileSchema, MapMembersAreEachChecked) {
  expect_one([](const File& f) {
               f.create_group("by_name/a").create_dataset("trace", std::vector<float>{0.f});
             },
             "/by_name/a: when missing mandatory attribute");
  const std::vector<Problem> found = problems_after([](const File& f) {
    for (const char* name : {"a", "b", "c", "d", "e"}) {
      Group g = f.create_group(std::string("by_name/") + name);
      g.attrs().set("when", std::int64_t{1});
      g.create_dataset("trace", std::vector<float>{0.f});
    }
  });
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].to_string(), "/by_name: must have at most 4 elements, found 5");
}

TEST_F(FileSchema, UnitsAttributeMustConvertToTheDeclaredUnit) {
  expect_one([](const File& f) { f.dataset("calibration/position").attrs().set(kUnitsAttribute, std::string("s")); },
             "/calibration/position: units must be convertible to mm, found \"s\"");
  expect_one([](const File& f) {
               f.dataset("calibration/position").attrs().set(kUnitsAttribute, std::string("furlongs per blob"));
             },
             "/calibration/position: units must be a unit convertible to mm, found \"furlongs per blob\" (not a unit)");
  EXPECT_EQ(problems_after([](const File& f) { f.dataset("calibration/position").attrs().set(kUnitsAttribute, std::string("km")); }),
            std::vector<Problem>{});
  EXPECT_EQ(problems_after([](const File& f) { f.dataset("calibration/position").attrs().erase(kUnitsAttribute); }),
            std::vector<Problem>{});
}

TEST_F(FileSchema, StrictModeReportsWhatTheSchemaDoesNotDeclare) {
  const auto extras = [](const File& f) {
    f.attrs().set("comment", std::string("x"));
    f.create_group("scratch");
    f.dataset("image").attrs().set("colormap", std::string("grey"));
    f.group("readings/0").attrs().set("note", 1);
  };
  EXPECT_EQ(problems_after(extras), std::vector<Problem>{});
  std::vector<std::string> texts;
  for (const Problem& p : problems_after(extras, true)) texts.push_back(p.to_string());
  std::sort(texts.begin(), texts.end());
  EXPECT_EQ(texts, (std::vector<std::string>{"/: comment is an attribute the schema does not declare",
                                             "/: scratch is a link the schema does not declare",
                                             "/image: colormap is an attribute the schema does not declare",
                                             "/readings/0: note is an attribute the schema does not declare"}));
}

TEST_F(FileSchema, AFileNamingAnotherModelOrVersionIsAProblem) {
  expect_one([](const File& f) { f.attrs().set(kModelNameAttribute, std::string("Other")); },
             "/: h5kit_model names model \"Other\", the schema is of \"Experiment\"");
  expect_one([](const File& f) { f.attrs().set(kModelVersionAttribute, std::int32_t{1}); },
             "/: h5kit_model_version is 1, the schema is of version 2");
  expect_one([](const File& f) { f.attrs().set(kModelVersionAttribute, 2.0); },
             "/: h5kit_model_version expected int32 scalar, found float64 scalar");
}

TEST_F(FileSchema, EveryProblemIsReportedNotJustTheFirst) {
  const std::vector<Problem> found = problems_after([](const File& f) {
    f.attrs().erase("title");
    f.attrs().set("energy", -1.0);
    f.erase("calibration/position");
    f.attrs().set("colour", Shade::GREEN);
    f.create_group("readings/3");
  });
  std::string all;
  for (const Problem& p : found) all += p.to_string() + "\n";
  // The schema's order, depth first: root attributes, then links.
  EXPECT_EQ(all,
            "/: title missing mandatory attribute\n"
            "/: energy must be >= 0 J, found -1\n"
            "/: colour must be one of {\"RED\", \"BLUE\"}, found \"GREEN\"\n"
            "/calibration: position missing mandatory dataset\n"
            "/readings: list members must be 0..1 without gaps; 1 is missing\n"
            "/readings/3: when missing mandatory attribute\n"
            "/readings/3: trace missing mandatory dataset\n");
  EXPECT_EQ(found[0].path, "/");
  EXPECT_EQ(found[0].field, "title");
  EXPECT_EQ(found[0].model_path, "Experiment.title_");
}

TEST_F(FileSchema, EmbeddedSchema) {
  const std::string path = dir_ / "embedded.h5";
  {
    File f(path, "w");
    f.create_group("plain");
    f.create_group("bad").attrs().set(kSchemaAttribute, std::string("{\"title\": 1}"));
    f.create_group("number").attrs().set(kSchemaAttribute, 3);
    write_rich(f);
  }
  File f(path, "r");
  const std::optional<ModelSchema> schema = embedded_schema(f);
  ASSERT_TRUE(schema);
  EXPECT_EQ(*schema, rich());
  EXPECT_FALSE(embedded_schema(f.group("plain")));
  try {
    embedded_schema(f.group("bad"));
    FAIL();
  } catch (const InvalidArgumentError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("embedded.h5"), std::string::npos) << what;
    EXPECT_NE(what.find("/bad"), std::string::npos) << what;
    EXPECT_NE(what.find("\"/title\""), std::string::npos) << what;
  }
  EXPECT_THROW(embedded_schema(f.group("number")), InvalidArgumentError);
}

}  // namespace
}  // namespace h5kit::test

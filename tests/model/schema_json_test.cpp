// schema_to_json / schema_from_json: the JSON Schema layout, the exact round trip, and the errors
// for documents that are not such a schema.
#include <cmath>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <h5kit/model.hpp>

#include "model/schema_samples.hpp"

namespace h5kit::test {
namespace {

using nlohmann::json;
using namespace samples;

void expect_round_trip(const ModelSchema& s) {
  SCOPED_TRACE(s.name);
  for (int indent : {-1, 0, 2}) {
    const std::string text = schema_to_json(s, indent);
    EXPECT_EQ(schema_from_json(text), s) << text;
  }
}

TEST(SchemaJson, RoundTripsEveryKindAndConstraint) { expect_round_trip(rich()); }

TEST(SchemaJson, RoundTripsSmallAndOddSchemas) {
  expect_round_trip(ModelSchema{});  // empty name, no fields
  ModelSchema no_fields;
  no_fields.name = "Nothing";
  no_fields.version = 7;  // versions below 1 are refused on reading (ModelBadInput.AModelDeclaredWithVersionZero...)
  expect_round_trip(no_fields);
  expect_round_trip(dataset_model("Bare", value("int8")));  // a dataset model at the root
  ModelSchema tricky;
  tricky.name = "Tricky/~name";
  FieldSchema odd = attribute("a/b~c", value("complex128", {kAnyExtent}));
  odd.constraints.ge = -INFINITY;
  odd.constraints.lt = 1e-300;
  odd.constraints.allowed = {"x"};
  odd.constraints.allowed_numbers = {0.1, -2};
  odd.constraints.min_length = 0;
  tricky.fields.push_back(odd);
  FieldSchema scalar_text_set = attribute("text", value("S10:utf8"));
  scalar_text_set.constraints.allowed = {"a", "é"};
  scalar_text_set.optional = true;
  tricky.fields.push_back(scalar_text_set);
  FieldSchema scalar_dataset = nested("scalar", FieldKind::dataset, {dataset_model("dataset", value("str"))});
  scalar_dataset.constraints.max_length = 3;
  scalar_dataset.constraints.pattern = "a+";
  tricky.fields.push_back(scalar_dataset);
  expect_round_trip(tricky);
}

TEST(SchemaJson, RoundTripsSchemasBuiltFromDescribedStructs) {
  expect_round_trip(schema_of<Beam>());
  expect_round_trip(schema_of<Shot>());
  expect_round_trip(schema_of<NoFields>());
  expect_round_trip(schema_of<Image>());
}

TEST(SchemaJson, UsesStandardKeywordsAGenericToolUnderstands) {
  const json j = json::parse(schema_to_json(rich()));
  EXPECT_EQ(j["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(j["title"], "Experiment");
  EXPECT_EQ(j["description"], "A beamline experiment | with a pipe");
  EXPECT_EQ(j["type"], "object");
  EXPECT_EQ(j["x-h5kit"]["version"], 2);
  // required: every non-optional field, by its name in the file
  EXPECT_EQ(j["required"], json::parse(R"(["title","energy","colour","shade","offsets","weights","flag",
                                           "calibration","readings","image"])"));
  const json& p = j["properties"];
  EXPECT_EQ(p["title"]["type"], "string");
  EXPECT_EQ(p["title"]["description"], "Title shown in the logbook");
  EXPECT_EQ(p["title"]["minLength"], 1);
  EXPECT_EQ(p["title"]["maxLength"], 80);
  EXPECT_EQ(p["title"]["pattern"], "[A-Z].*");
  EXPECT_EQ(p["title"]["x-h5kit"]["member"], "title_");
  EXPECT_EQ(p["title"]["x-h5kit"]["kind"], "attribute");
  EXPECT_EQ(p["energy"]["type"], "number");
  EXPECT_EQ(p["energy"]["minimum"], 0.0);  // ge
  EXPECT_EQ(p["energy"]["maximum"], "inf");
  EXPECT_EQ(p["energy"]["x-h5kit"]["unit"], "J");
  EXPECT_EQ(p["energy"]["x-h5kit"]["dtype"], "float64");
  EXPECT_EQ(p["energy"]["x-h5kit"]["shape"], json::array());
  EXPECT_EQ(p["mode"]["enum"], json::parse(R"(["fast","slow"])"));
  // an enum type: its names are the "enum", the allowed subset an extra allOf
  EXPECT_EQ(p["shade"]["enum"], json::parse(R"(["RED","GREEN","BLUE"])"));
  EXPECT_FALSE(p["shade"].contains("allOf"));
  EXPECT_EQ(p["colour"]["allOf"][0]["enum"], json::parse(R"(["RED","BLUE"])"));
  // arrays nest once per axis; a wildcard extent is null
  EXPECT_EQ(p["offsets"]["type"], "array");
  EXPECT_EQ(p["offsets"]["maxItems"], 10);
  EXPECT_EQ(p["offsets"]["items"]["type"], "array");
  EXPECT_EQ(p["offsets"]["items"]["items"]["type"], "integer");
  EXPECT_EQ(p["offsets"]["items"]["items"]["exclusiveMinimum"], -5.0);  // gt
  EXPECT_EQ(p["offsets"]["x-h5kit"]["shape"], json::parse("[2, null]"));
  EXPECT_EQ(p["weights"]["x-h5kit"]["any_rank"], true);
  EXPECT_EQ(p["weights"]["items"]["exclusiveMaximum"], 1.0);  // lt
  EXPECT_EQ(p["flag"]["type"], "boolean");
  // nested models
  const json& calibration = p["calibration"]["allOf"][0];
  EXPECT_EQ(calibration["title"], "Calibration");
  EXPECT_EQ(calibration["type"], "object");
  const json& baseline = calibration["properties"]["baseline"];
  EXPECT_EQ(baseline["x-h5kit"]["gzip"], 4);
  EXPECT_EQ(baseline["x-h5kit"]["shuffle"], true);
  EXPECT_EQ(baseline["x-h5kit"]["chunks"], json::parse("[3, 5]"));
  EXPECT_EQ(baseline["allOf"][0]["x-h5kit"]["is_dataset"], true);
  EXPECT_EQ(baseline["allOf"][0]["x-h5kit"]["shape"], json::parse("[3, 5]"));
  EXPECT_EQ(baseline["allOf"][0]["properties"]["gain"]["enum"], json::parse("[1.0, 2.0, 4.5]"));
  EXPECT_EQ(calibration["required"], json::parse(R"(["position"])"));
  EXPECT_EQ(p["readings"]["type"], "array");
  EXPECT_EQ(p["readings"]["minItems"], 1);
  EXPECT_EQ(p["readings"]["items"]["title"], "Reading");
  EXPECT_EQ(p["by_name"]["type"], "object");
  EXPECT_EQ(p["by_name"]["maxProperties"], 4);
  EXPECT_EQ(p["by_name"]["additionalProperties"]["title"], "Reading");
  EXPECT_EQ(p["image"]["oneOf"].size(), 2U);
  EXPECT_EQ(p["image"]["oneOf"][1]["x-h5kit"]["dtype"], "float32");
  EXPECT_EQ(p["image"]["maximum"], 255.0);
}

TEST(SchemaJson, DescribedStructKeywords) {
  const json j = json::parse(schema_to_json(schema_of<Shot>()));
  EXPECT_EQ(j["title"], "Shot");
  EXPECT_EQ(j["x-h5kit"]["version"], 4);
  EXPECT_EQ(j["required"], json::parse(R"(["operator","beam","image","beams"])"));
  EXPECT_EQ(j["properties"]["operator"]["x-h5kit"]["member"], "operator_name");
  EXPECT_EQ(j["properties"]["operator"]["minLength"], 1);
  const json& beam = j["properties"]["beam"]["allOf"][0];
  EXPECT_EQ(beam["properties"]["energy"]["minimum"], 0.0);
  EXPECT_EQ(beam["properties"]["distance"]["exclusiveMinimum"], 0.0);
  EXPECT_EQ(beam["properties"]["distance"]["type"], "integer");
  EXPECT_EQ(beam["properties"]["label"]["enum"], json::parse(R"(["main","spare"])"));
  EXPECT_EQ(j["properties"]["image"]["allOf"][0]["x-h5kit"]["shape"], json::parse("[3, 2]"));
  EXPECT_EQ(j["properties"]["trace"]["items"]["exclusiveMaximum"], 100.0);
  EXPECT_EQ(j["properties"]["trace"]["x-h5kit"]["unit"], "mV");
}

// The message names the JSON pointer of the bad part and what was expected.
void expect_bad(const std::string& text, const std::string& pointer, const std::string& expected) {
  SCOPED_TRACE(text);
  try {
    schema_from_json(text);
    ADD_FAILURE() << "no error";
  } catch (const InvalidArgumentError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("\"" + pointer + "\""), std::string::npos) << what;
    EXPECT_NE(what.find(expected), std::string::npos) << what;
  }
}

TEST(SchemaJson, BadDocumentsNameThePartAndWhatWasExpected) {
  const std::string good = schema_to_json(rich());
  json j = json::parse(good);
  const auto with = [&](const std::string& pointer, const json& value) {
    json copy = j;
    copy[json::json_pointer(pointer)] = value;
    return copy.dump();
  };
  const auto without = [&](const std::string& pointer) {
    json copy = j;
    const json::json_pointer p(pointer);
    copy[p.parent_pointer()].erase(p.back());
    return copy.dump();
  };
  expect_bad("[1, 2]", "", "expected a model schema (an object), found array");
  expect_bad(without("/title"), "/title", "missing; expected the model name");
  expect_bad(with("/title", 3), "/title", "expected a string, found number 3");
  expect_bad(without("/x-h5kit"), "/x-h5kit", "missing");
  expect_bad(with("/x-h5kit/version", "2"), "/x-h5kit/version", "expected an integer");
  expect_bad(with("/properties/energy/x-h5kit/kind", "blob"), "/properties/energy/x-h5kit/kind",
             "expected one of attribute, dataset, group, list, map, one_of, found string \"blob\"");
  expect_bad(without("/properties/energy/x-h5kit/dtype"), "/properties/energy/x-h5kit/dtype", "missing");
  expect_bad(with("/properties/offsets/x-h5kit/shape/0", "two"), "/properties/offsets/x-h5kit/shape/0",
             "expected an integer");
  expect_bad(with("/properties/energy/minimum", "zero"), "/properties/energy/minimum", "expected a number");
  expect_bad(with("/properties/title/minLength", -1), "/properties/title/minLength", "non-negative integer");
  expect_bad(with("/properties/mode/enum", json::parse("[true]")), "/properties/mode/enum/0",
             "expected a string or a number");
  expect_bad(with("/properties/offsets/items", 1), "/properties/offsets/items", "expected an object");
  expect_bad(with("/properties/calibration/allOf", json::array()), "/properties/calibration/allOf",
             "an array holding one model schema");
  expect_bad(with("/properties/calibration/allOf/0/properties/position/allOf/0/title", false),
             "/properties/calibration/allOf/0/properties/position/allOf/0/title", "expected a string");
  expect_bad(with("/properties/image/oneOf", json::array()), "/properties/image/oneOf", "non-empty array");
  expect_bad(with("/required/1", "nope"), "/required/1", "the name of a property");
  expect_bad(with("/properties/by_name/x-h5kit/shuffle", 1), "/properties/by_name/x-h5kit/shuffle",
             "expected true or false");
}

TEST(SchemaJson, TextThatIsNotJsonIsAnInvalidArgument) {
  EXPECT_THROW(schema_from_json(""), InvalidArgumentError);
  try {
    schema_from_json("{\"title\": ");
    FAIL();
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("not valid JSON"), std::string::npos) << e.what();
  }
}

// Found by fuzz/model_schema_json: a number beyond a double is nlohmann's out_of_range, not a
// parse_error, and escaped as a foreign exception.
TEST(SchemaJson, ANumberTooBigForADoubleIsAnInvalidArgument) {
  try {
    schema_from_json("{\"x-h5kit\": {\"version\": 5575e55555555555555555555}}");
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("number overflow"), std::string::npos) << e.what();
  }
}

TEST(SchemaJson, SchemasJsonCannotSayAreRejectedOnWrite) {
  ModelSchema twice;
  twice.name = "Twice";
  twice.fields = {attribute("a", value("int8")), attribute("a", value("int16"))};
  EXPECT_THROW(schema_to_json(twice), InvalidArgumentError);
  ModelSchema list_without_element;
  list_without_element.fields = {nested("items", FieldKind::list, {})};
  EXPECT_THROW(schema_to_json(list_without_element), InvalidArgumentError);
  ModelSchema infinite_choice;
  FieldSchema f = attribute("x", value("float64"));
  f.constraints.allowed_numbers = {INFINITY};
  infinite_choice.fields = {f};
  EXPECT_THROW(schema_to_json(infinite_choice), InvalidArgumentError);
}

}  // namespace
}  // namespace h5kit::test

namespace h5kit {
namespace {

struct Probe {
  double energy = 0;
};
BOOST_DESCRIBE_STRUCT(Probe, (), (energy))
constexpr auto h5kit_model(const Probe*) {
  return model("Probe", 3, field(&Probe::energy).doc("X-ray beam energy").unit("J").ge(0));
}

TEST(SchemaOfType, JsonSchemaAndMarkdownComeFromTheCppType) {
  const std::string json = json_schema<Probe>();
  EXPECT_EQ(json, schema_to_json(schema_of<Probe>()));
  EXPECT_EQ(schema_from_json(json), schema_of<Probe>());
  EXPECT_NE(json.find("\"minimum\": 0"), std::string::npos) << json;
  const std::string md = markdown<Probe>();
  EXPECT_EQ(md, schema_to_markdown(schema_of<Probe>()));
  EXPECT_NE(md.find("X-ray beam energy"), std::string::npos) << md;
  EXPECT_NE(md.find("Probe"), std::string::npos);
}

}  // namespace
}  // namespace h5kit

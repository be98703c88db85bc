// Model schemas across the h5kit <-> h5py boundary.
//   A: h5kit writes a file with its schema embedded; h5py_model_files.py check-embedded reads the
//      JSON Schema with Python's json module.
//   B: h5py_model_files.py writes conforming and broken files in numpy's own types; h5kit's
//      validate_file checks them against the schema.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "h5kit/model.hpp"
#include "interop/interop_support.hpp"
#include "interop/peer_file_fixture.hpp"
#include "model/schema_samples.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "h5py_model_files.py";

std::vector<std::string> texts(const std::vector<Problem>& problems) {
  std::vector<std::string> out;
  for (const Problem& p : problems) out.push_back(p.to_string());
  return out;
}

// ---- A: h5kit writes, h5py reads the schema -------------------------------------------------------

TEST(interop_model_files, H5pyReadsTheEmbeddedSchemaAsJson) {
  TempDir dir;
  const std::string path = dir / "embedded.h5";
  {
    File f(path, "w");
    f.attrs().set(kModelNameAttribute, std::string("Experiment"));
    f.attrs().set(kModelVersionAttribute, std::int32_t{2});
    f.attrs().set(kSchemaAttribute, schema_to_json(samples::rich()));
    f.create_dataset("calibration/position", std::vector<double>{1, 2, 3}).attrs().set(kUnitsAttribute, std::string("mm"));
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-embedded", {path}));
  File f(path, "r");
  EXPECT_EQ(embedded_schema(f), samples::rich());
}

// ---- B: h5py writes, h5kit validates --------------------------------------------------------------

class interop_model_good_from_h5py : public PeerFileTest<"h5py_model_files.py", "write-good", "good.h5"> {};

TEST_F(interop_model_good_from_h5py, NumpyTypesThatFitTheFieldsAreValid) {
  EXPECT_EQ(texts(validate_file(file_, samples::rich())), std::vector<std::string>{});
  EXPECT_EQ(texts(validate_file(file_, samples::rich(), true)), std::vector<std::string>{});
}

class interop_model_bad_from_h5py : public PeerFileTest<"h5py_model_files.py", "write-bad", "bad.h5"> {};

TEST_F(interop_model_bad_from_h5py, EveryProblemIsFound) {
  EXPECT_EQ(texts(validate_file(file_, samples::rich())),
            (std::vector<std::string>{
                "/: title must match /[A-Z].*/, found \"lower\"",
                "/: energy must be >= 0 J, found -3.4",
                "/: colour must be one of {\"RED\", \"BLUE\"}, found \"GREEN\"",
                "/: offsets expected shape (2, any), found (3,)",
                "/: flag expected bool scalar, found int8 scalar",
                "/calibration: position expected shape (3,), found (4,)",
                "/readings: list members must be 0..1 without gaps; 1 is missing",
                "/readings/0: trace element 1: must be < 1000 mV, found 2000",
                "/readings/2: trace element 1: must be < 1000 mV, found 2000",
                "/by_name/first: when missing mandatory attribute",
                "/: image expected uint8 (any, any) or float32 (any, any, 3), found float64 (2, 2)",
            }));
}

TEST_F(interop_model_bad_from_h5py, StrictModeAddsUndeclaredAttributes) {
  const std::vector<std::string> strict = texts(validate_file(file_, samples::rich(), true));
  EXPECT_NE(std::find(strict.begin(), strict.end(), "/: comment is an attribute the schema does not declare"),
            strict.end());
  // units/description on datasets are h5kit's conventions, never "undeclared"
  EXPECT_EQ(std::count_if(strict.begin(), strict.end(), [](const std::string& s) { return s.find("units") != std::string::npos; }), 0);
}

}  // namespace
}  // namespace h5kit::test

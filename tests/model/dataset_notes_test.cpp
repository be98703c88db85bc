// A dataset model's own `units` and `description` fields (h5pydantic models and real files carry
// them per instance): they are the dataset's `units` and `description` attributes, and a declared
// unit on the same dataset is refused rather than left to collide with them.
#include <gtest/gtest.h>

#include <optional>

#include "h5kit/model.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

struct Signal : DatasetOf<double, kAnyExtent> {
  std::string units;
  std::optional<std::string> description;
};
BOOST_DESCRIBE_STRUCT(Signal, (), (units, description))

struct Recording {
  Signal signal;
};
BOOST_DESCRIBE_STRUCT(Recording, (), (signal))
constexpr auto h5kit_model(const Recording*) { return model("Recording", 1, field(&Recording::signal).doc("The raw signal")); }

// A declared unit and a per-instance `units` field on one dataset.
struct Clashing {
  Signal signal;
};
BOOST_DESCRIBE_STRUCT(Clashing, (), (signal))
constexpr auto h5kit_model(const Clashing*) { return model("Clashing", 1, field(&Clashing::signal).unit("V")); }

struct Numbered : DatasetOf<double, kAnyExtent> {
  double units = 0;
};
BOOST_DESCRIBE_STRUCT(Numbered, (), (units))

TEST(ModelDatasetNotes, UnitsAndDescriptionFieldsAreTheDatasetsAttributes) {
  TempDir dir;
  Recording r;
  r.signal.assign(NDArray<double>(Shape{3}, {1, 2, 3}));
  r.signal.units = "mV";
  r.signal.description = "channel 4";
  dump(r, dir / "r.h5");
  {
    const File f(dir / "r.h5");
    const Dataset ds = f.dataset("signal");
    EXPECT_EQ(ds.attrs().get<std::string>("units"), "mV");
    EXPECT_EQ(ds.attrs().get<std::string>("description"), "channel 4");  // the field's, not the doc
    EXPECT_EQ(ds.attrs().size(), 2u);
  }
  const Recording back = load<Recording>(dir / "r.h5", LoadOptions{.strict = true});
  EXPECT_EQ(back.signal.units, "mV");
  EXPECT_EQ(back.signal.description, "channel 4");
  EXPECT_EQ(back.signal.values().data()[2], 3);  // in the file's unit: nothing declared, nothing converted
}

TEST(ModelDatasetNotes, AnUnsetOptionalDescriptionLeavesTheDocOutOfTheFile) {
  TempDir dir;
  Recording r;
  r.signal.assign(NDArray<double>(Shape{1}, {1}));
  r.signal.units = "V";
  dump(r, dir / "r.h5");
  const File f(dir / "r.h5");
  EXPECT_FALSE(f.dataset("signal").attrs().contains("description"));
  EXPECT_FALSE(load<Recording>(dir / "r.h5").signal.description.has_value());
}

TEST(ModelDatasetNotes, ADeclaredUnitBesideAUnitsFieldIsRefused) {
  try {
    (void)schema_of<Clashing>();
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(e.detail().find("field 'signal' declares unit \"V\" but its dataset model Signal has a field 'units'"),
              std::string::npos)
        << e.what();
  }
}

TEST(ModelDatasetNotes, AUnitsFieldMustBeText) {
  try {
    (void)schema_of<Numbered>();
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(e.detail().find("field 'units' is stored as 'units', which on a dataset is its units text"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace h5kit::test

#pragma once
// Model schemas the schema tests share: one built by hand with every kind, constraint and storage
// option, and small described structs for schema_of<T>().
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <h5kit/model.hpp>

namespace h5kit::test::samples {

inline ValueSchema value(std::string dtype, std::vector<std::int64_t> shape = {}) {
  ValueSchema v;
  v.dtype = std::move(dtype);
  v.shape = std::move(shape);
  return v;
}

inline FieldSchema attribute(std::string name, ValueSchema v) {
  FieldSchema f;
  f.member = name;
  f.name = std::move(name);
  f.kind = FieldKind::attribute;
  f.value = std::move(v);
  return f;
}

inline ModelSchema dataset_model(std::string name, ValueSchema v) {
  ModelSchema m;
  m.name = std::move(name);
  m.is_dataset = true;
  m.value = std::move(v);
  return m;
}

inline FieldSchema nested(std::string name, FieldKind kind, std::vector<ModelSchema> models) {
  FieldSchema f;
  f.member = name;
  f.name = std::move(name);
  f.kind = kind;
  f.models = std::move(models);
  return f;
}

// Every kind of field, every constraint, a dataset model with attribute fields, nesting.
inline ModelSchema rich() {
  ModelSchema reading;
  reading.name = "Reading";
  reading.version = 3;
  reading.doc = "One reading";
  FieldSchema when = attribute("when", value("int64"));
  when.constraints.ge = 0;
  reading.fields.push_back(when);
  FieldSchema trace = nested("trace", FieldKind::dataset, {dataset_model("dataset", value("float32", {kAnyExtent}))});
  trace.unit = "mV";
  trace.constraints.gt = -1e3;
  trace.constraints.lt = 1e3;
  trace.constraints.min_length = 1;
  reading.fields.push_back(trace);

  ModelSchema calibration;
  calibration.name = "Calibration";
  calibration.doc = "Where the detector was";
  FieldSchema position = nested("position", FieldKind::dataset, {dataset_model("dataset", value("float64", {3}))});
  position.unit = "mm";
  position.doc = "x, y, z";
  calibration.fields.push_back(position);
  ModelSchema baseline = dataset_model("Baseline", value("int32", {3, 5}));
  baseline.doc = "dark frame";
  FieldSchema gain = attribute("gain", value("float64"));
  gain.constraints.allowed_numbers = {1, 2, 4.5};
  baseline.fields.push_back(gain);
  FieldSchema baseline_field = nested("baseline", FieldKind::dataset, {baseline});
  baseline_field.gzip = 4;
  baseline_field.shuffle = true;
  baseline_field.chunks = {3, 5};
  baseline_field.optional = true;
  calibration.fields.push_back(baseline_field);

  ModelSchema m;
  m.name = "Experiment";
  m.version = 2;
  m.doc = "A beamline experiment | with a pipe";
  FieldSchema title = attribute("title", value("str"));
  title.member = "title_";
  title.doc = "Title shown in the logbook";
  title.constraints.min_length = 1;
  title.constraints.max_length = 80;
  title.constraints.pattern = "[A-Z].*";
  m.fields.push_back(title);
  FieldSchema energy = attribute("energy", value("float64"));
  energy.unit = "J";
  energy.constraints.ge = 0;
  energy.constraints.le = INFINITY;
  m.fields.push_back(energy);
  FieldSchema mode = attribute("mode", value("str"));
  mode.constraints.allowed = {"fast", "slow"};
  mode.optional = true;
  m.fields.push_back(mode);
  ValueSchema color = value("enum(int8){RED=0,GREEN=1,BLUE=5}");
  color.enum_names = {"RED", "GREEN", "BLUE"};
  FieldSchema colour = attribute("colour", color);
  colour.constraints.allowed = {"RED", "BLUE"};
  m.fields.push_back(colour);
  FieldSchema plain_enum = attribute("shade", color);
  m.fields.push_back(plain_enum);
  FieldSchema offsets = attribute("offsets", value("int16", {2, kAnyExtent}));
  offsets.constraints.gt = -5;
  offsets.constraints.max_length = 10;
  m.fields.push_back(offsets);
  ValueSchema any = value("float64");
  any.any_rank = true;
  FieldSchema weights = attribute("weights", any);
  weights.constraints.lt = 1;
  m.fields.push_back(weights);
  m.fields.push_back(attribute("flag", value("bool")));
  m.fields.push_back(nested("calibration", FieldKind::group, {calibration}));
  FieldSchema readings = nested("readings", FieldKind::list, {reading});
  readings.constraints.min_length = 1;
  m.fields.push_back(readings);
  FieldSchema by_name = nested("by_name", FieldKind::map, {reading});
  by_name.constraints.max_length = 4;
  by_name.optional = true;
  m.fields.push_back(by_name);
  FieldSchema image = nested("image", FieldKind::one_of,
                             {dataset_model("dataset", value("uint8", {kAnyExtent, kAnyExtent})),
                              dataset_model("dataset", value("float32", {kAnyExtent, kAnyExtent, 3}))});
  image.constraints.le = 255;
  m.fields.push_back(image);
  return m;
}

// ---- described structs -----------------------------------------------------------------------------

struct Beam {
  double energy = 0;
  std::int32_t distance = 0;
  std::string label;
};
BOOST_DESCRIBE_STRUCT(Beam, (), (energy, distance, label))

constexpr std::string_view kLabels[] = {"main", "spare"};
constexpr auto h5kit_model(const Beam*) {
  using h5kit::field;
  return h5kit::model("Beam", 1, field(&Beam::energy).doc("X-ray beam energy").unit("J").ge(0),
                      field(&Beam::distance).doc("Distance from sample to detector").unit("mm").gt(0),
                      field(&Beam::label).one_of(kLabels));
}

using Trace = h5kit::DatasetOf<float, h5kit::kAnyExtent>;
using Image = h5kit::DatasetOf<std::int32_t, 3, 2>;

struct Shot {
  std::string operator_name;
  Beam beam;
  Image image;
  std::optional<Trace> trace;
  std::vector<Beam> beams;
};
BOOST_DESCRIBE_STRUCT(Shot, (), (operator_name, beam, image, trace, beams))
constexpr auto h5kit_model(const Shot*) {
  using h5kit::field;
  return h5kit::model("Shot", 4, field(&Shot::operator_name).name("operator").min_length(1),
                      field(&Shot::trace).unit("mV").lt(100));
}

struct NoFields {};
BOOST_DESCRIBE_STRUCT(NoFields, (), ())

}  // namespace h5kit::test::samples

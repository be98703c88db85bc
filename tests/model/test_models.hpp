#pragma once
// Models shared by the model tests: the h5pydantic talk's experiment and a few small ones.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "h5kit/model.hpp"

namespace h5kit::test::models {

struct Position {
  std::int32_t x = 0;
  std::int32_t y = 0;
  friend bool operator==(const Position&, const Position&) = default;
};
BOOST_DESCRIBE_STRUCT(Position, (), (x, y))

using CalibImage = DatasetOf<std::int32_t, 3, 2>;

struct Calibration {
  CalibImage no_beam;
  Position position;
  friend bool operator==(const Calibration&, const Calibration&) = default;
};
BOOST_DESCRIBE_STRUCT(Calibration, (), (no_beam, position))

struct Experiment {
  Calibration calibration;
  friend bool operator==(const Experiment&, const Experiment&) = default;
};
BOOST_DESCRIBE_STRUCT(Experiment, (), (calibration))

struct Beam {
  double energy = 0;
  std::int32_t distance = 0;
  friend bool operator==(const Beam&, const Beam&) = default;
};
BOOST_DESCRIBE_STRUCT(Beam, (), (energy, distance))

constexpr auto h5kit_model(const Beam*) {
  return model("Beam", 1, field(&Beam::energy).doc("X-ray beam energy").unit("J").ge(0),
               field(&Beam::distance).doc("Distance from sample to detector").unit("mm").ge(0));
}

// A model holding a Beam: /beam with attributes energy and distance.
struct Station {
  Beam beam;
};
BOOST_DESCRIBE_STRUCT(Station, (), (beam))

// Issue case 5: a dataset that carries an attribute field of its own.
struct Baseline : DatasetOf<std::int32_t, 3, 5> {
  std::int64_t metadata = 0;
};
BOOST_DESCRIBE_STRUCT(Baseline, (), (metadata))

struct WithBaseline {
  Baseline baseline;
};
BOOST_DESCRIBE_STRUCT(WithBaseline, (), (baseline))

}  // namespace h5kit::test::models

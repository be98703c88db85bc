// The README's main example: an experiment declared once as C++ structs, dumped to a
// self-describing HDF5 file, loaded back validated and compared. `h5kit tree` then shows the file.
//
//   experiment [FILE]     (default: experiment.h5)
#include <h5kit/h5kit.hpp>
#include <h5kit/model.hpp>

#include <cstdint>
#include <cstdio>
#include <string>

struct Position {
  std::int32_t x = 0;
  std::int32_t y = 0;
  friend bool operator==(const Position&, const Position&) = default;
};
BOOST_DESCRIBE_STRUCT(Position, (), (x, y))

using CalibImage = h5kit::DatasetOf<std::int32_t, 3, 2>;  // a (3, 2) int32 dataset

struct Calibration {
  CalibImage no_beam;
  Position position;
  friend bool operator==(const Calibration&, const Calibration&) = default;
};
BOOST_DESCRIBE_STRUCT(Calibration, (), (no_beam, position))

struct Beam {
  double energy = 0;
  std::int32_t distance = 0;
  friend bool operator==(const Beam&, const Beam&) = default;
};
BOOST_DESCRIBE_STRUCT(Beam, (), (energy, distance))

constexpr auto h5kit_model(const Beam*) {
  using h5kit::field;
  return h5kit::model("Beam", 1,
                      field(&Beam::energy).doc("X-ray beam energy").unit("J").ge(0),
                      field(&Beam::distance).doc("Distance from sample to detector").unit("mm").ge(0));
}

struct Experiment {
  Calibration calibration;
  Beam beam;
  friend bool operator==(const Experiment&, const Experiment&) = default;
};
BOOST_DESCRIBE_STRUCT(Experiment, (), (calibration, beam))

constexpr auto h5kit_model(const Experiment*) {
  return h5kit::model("Experiment", 1).with_doc("One calibration of the beamline");
}

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "experiment.h5";
  try {
    Experiment e;
    e.calibration.no_beam = {{0, 0}, {0, 1}, {0, 0}};
    e.calibration.position = {247, 253};
    e.beam = {1.2e-15, 1500};

    h5kit::dump(e, path);  // validated first; atomic: an old file at `path` is replaced whole or not at all
    const auto loaded = h5kit::load<Experiment>(path);  // every type, shape, unit and bound checked

    if (!(loaded == e)) {
      std::fprintf(stderr, "%s: the loaded experiment differs from the dumped one\n", path.c_str());
      return 1;
    }
    const auto& img = loaded.calibration.no_beam.values();
    std::printf("%s: model %s\n", path.c_str(), h5kit::File(path, "r").attrs().get<std::string>("h5kit_model").c_str());
    std::printf("  calibration.no_beam  int32 (%zu, %zu) = [[%d, %d], [%d, %d], [%d, %d]]\n", img.shape()[0],
                img.shape()[1], img(0, 0), img(0, 1), img(1, 0), img(1, 1), img(2, 0), img(2, 1));
    std::printf("  calibration.position x = %d, y = %d\n", loaded.calibration.position.x,
                loaded.calibration.position.y);
    std::printf("  beam                 energy = %g J, distance = %d mm\n", loaded.beam.energy, loaded.beam.distance);
    return 0;
  } catch (const h5kit::Error& err) {
    std::fprintf(stderr, "%s\n", err.what());
    return 1;
  }
}

// The README's main example: an experiment's calibration and beam settings written as groups,
// attributes and datasets, read back and checked. `h5kit tree` then shows the file.
//
//   quickstart [FILE]     (default: experiment.h5)
#include <h5kit/h5kit.hpp>

#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "experiment.h5";
  try {
    {
      h5kit::File f(path, "w");
      f.attrs().set("title", std::string("beamline calibration"));

      h5kit::Group calibration = f.create_group("calibration");
      calibration.create_dataset("no_beam", std::vector<std::vector<std::int32_t>>{{0, 0}, {1, 0}, {0, 0}});
      h5kit::Group position = calibration.create_group("position");
      position.attrs().set("x", std::int32_t{247});
      position.attrs().set("y", std::int32_t{253});

      h5kit::Group beam = f.create_group("beam");
      beam.attrs().set("energy", 1.2e-15);  // joules
      beam.attrs().set("distance", std::int32_t{1500});  // millimetres

      h5kit::Dataset frames = f.create_dataset("data/frames", h5kit::Shape{0, 4, 4}, h5kit::dtype<std::uint16_t>(),
                                               h5kit::DatasetOptions{}.maxshape({h5kit::unlimited, 4, 4}).gzip(4));
      frames.attrs().set("units", std::string("counts"));
      frames.resize({2, 4, 4});
      frames.write(h5kit::NDArray<std::uint16_t>({2, 4, 4}, 7));
    }

    h5kit::File f(path, "r");
    const auto no_beam = f.dataset("calibration/no_beam").read<h5kit::NDArray<std::int32_t>>();
    const auto x = f["calibration/position"].attrs().get<std::int32_t>("x");
    const auto y = f["calibration/position"].attrs().get<std::int32_t>("y");
    const auto frames = f.dataset("data/frames");
    std::printf("%s: no_beam %s, position (%d, %d), %zu frames of %s, chunks %s, gzip %d\n",
                f.attrs().get<std::string>("title").c_str(), h5kit::to_string(no_beam.shape()).c_str(), x, y,
                frames.shape()[0], frames.dtype().name().c_str(), h5kit::to_string(*frames.chunks()).c_str(),
                frames.gzip_level());
    if (x != 247 || y != 253 || no_beam(1, 0) != 1) {
      std::fprintf(stderr, "quickstart: the file did not read back as written\n");
      return 1;
    }
    return 0;
  } catch (const h5kit::Error& e) {
    std::fprintf(stderr, "quickstart: %s\n", e.what());
    return 1;
  }
}

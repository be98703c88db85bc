// Writes and reads back one dataset, converts a unit and round-trips a typed model: proves headers,
// library and dependencies (HDF5, UDUNITS-2, Boost.Describe) are all found.
#include <h5kit/h5kit.hpp>
#include <h5kit/model.hpp>

#include <iostream>
#include <vector>

struct Beam {
  double energy = 0;
};
BOOST_DESCRIBE_STRUCT(Beam, (), (energy))
constexpr auto h5kit_model(const Beam*) { return h5kit::model("Beam", 1, h5kit::field(&Beam::energy).unit("J").ge(0)); }

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  {
    h5kit::File f(argv[1], "w");
    f.create_dataset("values", std::vector<int>{1, 2, 3});
  }
  h5kit::File f(argv[1], "r");
  const auto values = f.dataset("values").read<std::vector<int>>();
  if (values != std::vector<int>{1, 2, 3}) return 1;
  // UDUNITS-2 is a private dependency; a static libh5kit.a must still bring it to this link.
  if (h5kit::unit_converter("mm", "m")(1000.0) != 1.0) return 1;
  const std::string model_path = std::string(argv[1]) + ".model.h5";
  h5kit::dump(Beam{3.5}, model_path);
  if (h5kit::load<Beam>(model_path).energy != 3.5) return 1;
  std::cout << "consumer ok\n";
  return 0;
}

// Writes and reads back one dataset and converts a unit: proves headers, library and dependencies
// (HDF5, UDUNITS-2) are all found.
#include <h5kit/h5kit.hpp>

#include <iostream>
#include <vector>

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
  std::cout << "consumer ok\n";
  return 0;
}

// Writes and reads back one dataset: proves headers, library and dependencies are all found.
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
  std::cout << "consumer ok\n";
  return 0;
}

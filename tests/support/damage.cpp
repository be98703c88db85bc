#include "support/damage.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace h5kit::test {

int overwrite_bytes(const std::string& path, std::string_view from, std::string_view to) {
  if (from.size() != to.size() || from.empty()) throw std::invalid_argument("overwrite_bytes: sizes differ");
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("overwrite_bytes: cannot read " + path);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  int count = 0;
  for (std::size_t at = bytes.find(from); at != std::string::npos; at = bytes.find(from, at + to.size())) {
    bytes.replace(at, to.size(), to);
    ++count;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("overwrite_bytes: cannot write " + path);
  return count;
}

}  // namespace h5kit::test

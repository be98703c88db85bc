// ch5mpy's scenario in C++: a dictionary of mixed values written to a file and read back lazily,
// and an array summed chunk by chunk under a memory cap of a few elements.
//   lazy_sum [FILE]
#include <cstdio>
#include <vector>

#include "h5kit/h5kit.hpp"
#include "h5kit/lazy.hpp"

int main(int argc, char** argv) {
  using namespace h5kit;
  const std::string path = argc > 1 ? argv[1] : "lazy.h5";
  try {
    File f(path, "w");
    lazy::H5Dict d = lazy::H5Dict::create(f, "data");
    std::vector<double> e(100);
    for (std::size_t i = 0; i < e.size(); ++i) e[i] = static_cast<double>(i);
    d.merge(lazy::Map{{"a", 1},
                      {"b", std::vector<int>{1, 2, 3}},
                      {"c", lazy::Map{{"d", "test"}, {"e", e}}},
                      {"f", std::vector<double>(1000, 0.0)}});

    // Everything below reads only what it touches.
    std::printf("keys:");
    for (const std::string& k : d.keys()) std::printf(" %s", k.c_str());
    std::printf("\na = %d, c.d = %s\n", d["a"].get<int>(), d["c"].as_dict()["d"].get<std::string>().c_str());

    // sum of arange(100.) reshaped (10, 10), three elements at a time.
    const Group g = f.create_group("arrays");
    const lazy::H5Array<double> r = lazy::arange<double>(lazy::Into{g, "r"}, 0.0, 100.0);
    const lazy::ScopedMemoryCap cap(3 * sizeof(double));
    const double total = lazy::sum(r);
    const double c_e = lazy::sum(d["c"].as_dict()["e"].as_array<double>());
    std::printf("sum(arange(100)) = %g, sum(c.e) = %g, with blocks of %zu elements\n", total, c_e,
                lazy::elements_within_cap(sizeof(double)));
    // Several statistics from one pass over the file.
    const lazy::Description<double> st = lazy::describe(r);
    std::printf("describe: count %zu, mean %g, std %.4f, min %g, max %g\n", st.count, st.mean, st.std_dev, st.min,
                st.max);
    return total == 4950 && c_e == 4950 && st.mean == 49.5 ? 0 : 1;
  } catch (const Error& err) {
    std::fprintf(stderr, "%s\n", err.what());
    return 1;
  }
}

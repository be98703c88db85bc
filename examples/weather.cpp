// "Python and HDF5", chapter 1: a weather station's temperature series, with the time step, start
// time and station stored beside the data as attributes, then read back.
//
//   weather [FILE]     (default: weather.h5)
#include <h5kit/h5kit.hpp>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "weather.h5";
  try {
    {
      std::vector<float> temperature(1024);
      for (std::size_t i = 0; i < temperature.size(); ++i)
        temperature[i] = 20.0f + 5.0f * std::sin(static_cast<float>(i) * 0.01f);  // a day's swing

      h5kit::File f(path, "w");
      h5kit::Dataset ds = f.create_dataset("/15/temperature", temperature);
      ds.attrs().set("dt", 10.0);                      // seconds between samples
      ds.attrs().set("start_time", std::int64_t{1375204299});  // POSIX time of the first sample
      ds.attrs().set("units", std::string("degC"));
      f.group("15").attrs().set("station", std::string("15"));
    }

    h5kit::File f(path, "r");
    h5kit::Dataset ds = f["/15/temperature"];
    const auto temperature = ds.read<std::vector<float>>();
    const double dt = ds.attrs().get<double>("dt");
    const auto start = ds.attrs().get<std::int64_t>("start_time");
    std::printf("station %s: %zu samples every %.0f s from t=%lld\n",
                f.group("15").attrs().get<std::string>("station").c_str(), temperature.size(), dt,
                static_cast<long long>(start));
    for (std::size_t i = 0; i < 3; ++i)
      std::printf("  t=%lld  %.2f %s\n", static_cast<long long>(start + static_cast<std::int64_t>(i * dt)),
                  temperature[i], ds.attrs().get<std::string>("units").c_str());
    return 0;
  } catch (const h5kit::Error& e) {
    std::fprintf(stderr, "weather: %s\n", e.what());
    return 1;
  }
}

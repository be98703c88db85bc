// h5kit objects from several threads at once: the Debian HDF5 is thread-safe, and h5kit's own state
// (silenced error printing per thread, shared constant types) must be too. The full stress test
// comes with the thread-safety work; this one guards the basics.
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

TEST(Threads, SeparateFilesAndSharedTypesFromFourThreads) {
  test::TempDir dir;
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      try {
        File f(dir / ("t" + std::to_string(t) + ".h5"), "w");
        for (int i = 0; i < 50; ++i) {
          const std::string name = "d" + std::to_string(i);
          f.create_dataset(name, std::vector<bool>{i % 2 == 0, true});  // shared bool type
          f.dataset(name).attrs().set("label", std::string("thread ") + std::to_string(t));
          if (f.dataset(name).read<std::vector<bool>>()[0] != (i % 2 == 0)) ++failures[t];
          try {
            f.open("missing" + std::to_string(i));  // errors on every thread stay silent and typed
          } catch (const NotFoundError&) {
          }
        }
      } catch (...) {
        failures[t] += 1000;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures, (std::vector<int>{0, 0, 0, 0}));
}

}  // namespace
}  // namespace h5kit

// h5kit objects from several threads at once (docs/threads.md). The Debian HDF5 is built thread-safe:
// every C call takes one global recursive lock, so calls from different threads are serialised, never
// interleaved. What these tests guard is h5kit's own side: shared constant types and property lists,
// per-thread error silencing and error stacks, and handle reference counts under concurrent copies.
//
// Every multi-threaded body runs under a watchdog: a deadlock fails the test (and ends the process,
// since a deadlocked thread cannot be joined) instead of hanging the suite.
#include <hdf5.h>

#include <algorithm>
#include <chrono>
#include <complex>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <future>
#include <map>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

constexpr int kThreads = 8;
constexpr auto kWatchdog = std::chrono::seconds(120);

// Runs `body` (which starts and joins its own threads) and gives up after `limit`: a deadlock cannot be
// recovered from (the stuck threads hold HDF5's lock and cannot be joined), so the process ends with a
// failure rather than hanging ctest until its own timeout.
template <class Body>
void run_with_watchdog(Body&& body, std::chrono::seconds limit = kWatchdog) {
  auto done = std::async(std::launch::async, std::forward<Body>(body));
  if (done.wait_for(limit) != std::future_status::ready) {
    std::fprintf(stderr, "FATAL: %s did not finish within %lld s (deadlock?)\n",
                 ::testing::UnitTest::GetInstance()->current_test_info()->name(),
                 static_cast<long long>(limit.count()));
    std::fflush(stderr);
    std::_Exit(EXIT_FAILURE);
  }
  done.get();  // rethrows what the body threw
}

// Starts `n` threads running fn(t), joins them, and returns what each one threw ("" when it did not).
template <class Fn>
std::vector<std::string> run_threads(int n, Fn fn) {
  std::vector<std::string> errors(static_cast<std::size_t>(n));
  std::vector<std::thread> threads;
  for (int t = 0; t < n; ++t) {
    threads.emplace_back([&, t] {
      try {
        fn(t);
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(t)] = e.what();
      } catch (...) {
        errors[static_cast<std::size_t>(t)] = "unknown exception";
      }
    });
  }
  for (auto& th : threads) th.join();
  return errors;
}

const std::vector<std::string> kNoErrors(kThreads);

// Everything below (and docs/threads.md) assumes HDF5's global lock; without it these tests would be races.
TEST(Threads, TheLinkedHdf5IsThreadSafe) {
  hbool_t thread_safe = false;
  ASSERT_GE(H5is_library_threadsafe(&thread_safe), 0);
  EXPECT_TRUE(thread_safe) << "h5kit's multi-threaded use needs an HDF5 built with --enable-threadsafe";
}

TEST(Threads, SeparateFilesAndSharedTypesFromFourThreads) {
  test::TempDir dir;
  std::vector<int> failures(4, 0);
  run_with_watchdog([&] {
    const auto errors = run_threads(4, [&](int t) {
      File f(dir / ("t" + std::to_string(t) + ".h5"), "w");
      for (int i = 0; i < 50; ++i) {
        const std::string name = "d" + std::to_string(i);
        f.create_dataset(name, std::vector<bool>{i % 2 == 0, true});  // shared bool type
        f.dataset(name).attrs().set("label", std::string("thread ") + std::to_string(t));
        if (f.dataset(name).read<std::vector<bool>>()[0] != (i % 2 == 0)) ++failures[static_cast<std::size_t>(t)];
        try {
          f.open("missing" + std::to_string(i));  // errors on every thread stay silent and typed
          ++failures[static_cast<std::size_t>(t)];
        } catch (const NotFoundError&) {
        }
      }
    });
    EXPECT_EQ(errors, std::vector<std::string>(4));
  });
  EXPECT_EQ(failures, (std::vector<int>{0, 0, 0, 0}));
}

// ---- the stress test: 8 threads x 2,000 mixed operations on one shared file and one file each ----

constexpr int kOpsPerThread = 2000;
constexpr std::size_t kWholeLength = 100;
constexpr std::size_t kBlocks = 16, kBlockLength = 32;
constexpr std::size_t kGrowStep = 8;

// What a thread wrote to one place (its group of the shared file, or its own file): the expected
// content, checked after all threads have joined.
struct Expected {
  std::vector<std::int32_t> whole = std::vector<std::int32_t>(kWholeLength, 0);
  std::vector<double> blocks = std::vector<double>(kBlocks * kBlockLength, -1.0);
  std::vector<std::int64_t> grow;
  std::map<std::string, std::int64_t> attrs;
  std::vector<std::string> groups;
};

// Distinct for every (thread, operation, position), so a value landing in the wrong place shows.
std::int64_t value_of(int thread, int op, std::size_t j) {
  return static_cast<std::int64_t>(thread) * 100'000'000 + static_cast<std::int64_t>(op) * 1000 +
         static_cast<std::int64_t>(j);
}

void set_up(const Group& g) {
  g.create_dataset("whole", std::vector<std::int32_t>(kWholeLength, 0));
  g.create_dataset("blocks", std::vector<double>(kBlocks * kBlockLength, -1.0),
                   DatasetOptions{}.chunks({kBlockLength * 2}));
  g.create_dataset("grow", Shape{0}, dtype<std::int64_t>(),
                   DatasetOptions{}.chunks({64}).maxshape({unlimited}).gzip(1));
}

// One operation; returns the number of mismatches it saw when reading back.
int apply(const Group& g, Expected& e, int thread, int op) {
  int mismatches = 0;
  switch (op % 6) {
    case 0: {  // whole write, whole read
      std::vector<std::int32_t> v(kWholeLength);
      for (std::size_t j = 0; j < v.size(); ++j) v[j] = static_cast<std::int32_t>(value_of(thread, op, j) % 2'000'000'000);
      const Dataset ds = g.dataset("whole");
      ds.write(v);
      e.whole = v;
      if (ds.read<std::vector<std::int32_t>>() != e.whole) ++mismatches;
      break;
    }
    case 1: {  // block write
      const std::size_t b = static_cast<std::size_t>(op / 6) % kBlocks;
      std::vector<double> v(kBlockLength);
      for (std::size_t j = 0; j < v.size(); ++j) v[j] = static_cast<double>(value_of(thread, op, j)) + 0.25;
      g.dataset("blocks").write_block(v, Shape{b * kBlockLength});
      std::copy(v.begin(), v.end(), e.blocks.begin() + static_cast<std::ptrdiff_t>(b * kBlockLength));
      break;
    }
    case 2: {  // block read of another block
      const std::size_t b = static_cast<std::size_t>(op / 6 * 7) % kBlocks;
      const auto got = g.dataset("blocks").read_block<std::vector<double>>(Shape{b * kBlockLength}, Shape{kBlockLength});
      const auto first = e.blocks.begin() + static_cast<std::ptrdiff_t>(b * kBlockLength);
      if (!std::equal(got.begin(), got.end(), first, first + static_cast<std::ptrdiff_t>(kBlockLength))) ++mismatches;
      break;
    }
    case 3: {  // attribute set (new or replaced) and get
      const std::string name = "a" + std::to_string(op / 6 % 16);
      const std::int64_t v = value_of(thread, op, 0);
      const AttributeManager attrs = g.attrs();
      attrs.set(name, v);
      e.attrs[name] = v;
      if (attrs.get<std::int64_t>(name) != v) ++mismatches;
      break;
    }
    case 4: {  // group creation (intermediate "groups" made on first use)
      const std::string name = "g" + std::to_string(op);
      g.create_group("groups/" + name);
      e.groups.push_back(name);
      break;
    }
    case 5: {  // grow a chunked, compressed dataset and fill the new tail
      const Dataset ds = g.dataset("grow");
      const std::size_t n = e.grow.size();
      ds.resize(Shape{n + kGrowStep});
      std::vector<std::int64_t> v(kGrowStep);
      for (std::size_t j = 0; j < v.size(); ++j) v[j] = value_of(thread, op, j);
      ds.write_block(v, Shape{n});
      e.grow.insert(e.grow.end(), v.begin(), v.end());
      if (ds.read_block<std::vector<std::int64_t>>(Shape{n}, Shape{kGrowStep}) != v) ++mismatches;
      break;
    }
  }
  return mismatches;
}

void expect_content(const Group& g, const Expected& e, const std::string& where) {
  SCOPED_TRACE(where);
  EXPECT_EQ(g.dataset("whole").read<std::vector<std::int32_t>>(), e.whole);
  EXPECT_EQ(g.dataset("blocks").read<std::vector<double>>(), e.blocks);
  EXPECT_EQ(g.dataset("grow").read<std::vector<std::int64_t>>(), e.grow);
  const AttributeManager attrs = g.attrs();
  EXPECT_EQ(attrs.size(), e.attrs.size());
  for (const auto& [name, value] : e.attrs) EXPECT_EQ(attrs.get<std::int64_t>(name), value) << name;
  auto groups = e.groups;
  std::sort(groups.begin(), groups.end());
  EXPECT_EQ(g.group("groups").keys(IterationOrder::name), groups);
}

TEST(Threads, StressMixedOperationsOnOneSharedFileAndOneFileEach) {
  test::TempDir dir;
  const File shared(dir / "shared.h5", "w");
  std::vector<Expected> in_shared(kThreads), in_own(kThreads);
  std::vector<int> mismatches(kThreads, 0);
  auto own_path = [&](int t) { return dir / ("own" + std::to_string(t) + ".h5"); };

  run_with_watchdog([&] {
    const auto errors = run_threads(kThreads, [&](int t) {
      const auto i = static_cast<std::size_t>(t);
      const Group mine = shared.create_group("t" + std::to_string(t));
      const File own(own_path(t), "w");
      set_up(mine);
      set_up(own);
      // Even operations go to the shared file, odd ones to the thread's own: both files are busy at once.
      for (int op = 0; op < kOpsPerThread; ++op) {
        if (op % 2 == 0)
          mismatches[i] += apply(mine, in_shared[i], t, op / 2);
        else
          mismatches[i] += apply(own, in_own[i], t, op / 2);
      }
    });
    EXPECT_EQ(errors, kNoErrors);
  });
  EXPECT_EQ(mismatches, std::vector<int>(kThreads, 0));

  // After the join, every byte each thread wrote is where it wrote it.
  EXPECT_EQ(shared.size(), static_cast<std::size_t>(kThreads));
  std::size_t groups_per_place = 0;  // one in six of the operations each place received creates a group
  for (int op = 0; op < kOpsPerThread / 2; ++op) groups_per_place += op % 6 == 4 ? 1 : 0;
  for (int t = 0; t < kThreads; ++t) {
    const auto i = static_cast<std::size_t>(t);
    EXPECT_EQ(in_shared[i].groups.size(), groups_per_place);
    EXPECT_EQ(in_own[i].groups.size(), groups_per_place);
    expect_content(shared.group("t" + std::to_string(t)), in_shared[i], "shared.h5 /t" + std::to_string(t));
    expect_content(File(own_path(t), "r"), in_own[i], "own" + std::to_string(t) + ".h5");
  }
}

// ---- many readers of one dataset ----

std::vector<float> signal(std::size_t n) {
  std::vector<float> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<float>(i % 4099) * 0.5f - static_cast<float>(i % 7);
  return v;
}

TEST(Threads, EightThreadsReadTheSameCompressedDatasetExactly) {
  test::TempDir dir;
  constexpr std::size_t n = std::size_t{1} << 19;
  const auto expected = signal(n);
  File(dir / "f.h5", "w").create_dataset("signal", expected, DatasetOptions{}.chunks({16384}).gzip(1).shuffle());

  const File f(dir / "f.h5", "r");
  std::vector<int> mismatches(kThreads, 0);
  run_with_watchdog([&] {
    const auto errors = run_threads(kThreads, [&](int t) {
      auto& bad = mismatches[static_cast<std::size_t>(t)];
      // Each thread its own Dataset handle; HDF5 shares one dataset structure (and chunk cache) among them.
      const Dataset ds = f.dataset("signal");
      for (int round = 0; round < 4; ++round) {
        if (ds.read<std::vector<float>>() != expected) ++bad;
        std::vector<float> buffer(n, -1.0f);
        ds.read(std::span<float>(buffer));
        if (buffer != expected) ++bad;
      }
      for (std::size_t k = 0; k < 200; ++k) {
        const std::size_t offset = (k * 7919 + static_cast<std::size_t>(t) * 104729) % (n - 1000);
        const auto block = ds.read_block<std::vector<float>>(Shape{offset}, Shape{1000});
        if (!std::equal(block.begin(), block.end(), expected.begin() + static_cast<std::ptrdiff_t>(offset))) ++bad;
        if (ds.read_element<float>(Shape{offset + 999}) != expected[offset + 999]) ++bad;
      }
    });
    EXPECT_EQ(errors, kNoErrors);
  });
  EXPECT_EQ(mismatches, std::vector<int>(kThreads, 0));
}

// ---- one Dataset object shared by every thread ----

TEST(Threads, ThreadsShareOneDatasetObject) {
  test::TempDir dir;
  constexpr std::size_t columns = 4096, segment = 256;
  const File f(dir / "f.h5", "w");
  const Dataset ds = f.create_dataset("matrix", Shape{kThreads, columns}, dtype<std::int32_t>(),
                                      DatasetOptions{}.chunks({1, 1024}).gzip(1));
  const int references_before = H5Iget_ref(ds.id());
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::string> wrong_errors(kThreads);

  run_with_watchdog([&] {
    const auto errors = run_threads(kThreads, [&](int t) {
      auto& bad = mismatches[static_cast<std::size_t>(t)];
      const auto row = static_cast<std::size_t>(t);
      for (int round = 0; round < 100; ++round) {
        const std::size_t first = static_cast<std::size_t>(round) % (columns / segment) * segment;
        std::vector<std::vector<std::int32_t>> block(1, std::vector<std::int32_t>(segment));
        for (std::size_t j = 0; j < segment; ++j) block[0][j] = static_cast<std::int32_t>(value_of(t, round, j) % 2'000'000'000);
        ds.write_block(block, Shape{row, first});
        if (ds.read_block<std::vector<std::vector<std::int32_t>>>(Shape{row, first}, Shape{1, segment}) != block) ++bad;
        // Copies of the shared object churn its reference count from every thread at once.
        const Dataset copy = ds;
        if (copy.shape() != Shape{kThreads, columns}) ++bad;
        ds.attrs().set("row" + std::to_string(t), static_cast<std::int64_t>(round));
        // Error stacks are per thread: the message names this thread's missing attribute, not another's.
        const std::string missing = "missing_" + std::to_string(t) + "_" + std::to_string(round);
        try {
          (void)ds.attrs().get<std::int64_t>(missing);
          ++bad;
        } catch (const NotFoundError& e) {
          if (std::string(e.what()).find(missing) == std::string::npos) wrong_errors[row] = e.what();
        }
      }
    });
    EXPECT_EQ(errors, kNoErrors);
  });
  EXPECT_EQ(mismatches, std::vector<int>(kThreads, 0));
  EXPECT_EQ(wrong_errors, kNoErrors);
  EXPECT_EQ(H5Iget_ref(ds.id()), references_before);

  // The last round of every thread covers the segments of rounds 84..99; rebuild what each row holds.
  const auto stored = ds.read<std::vector<std::vector<std::int32_t>>>();
  for (int t = 0; t < kThreads; ++t) {
    std::vector<std::int32_t> row(columns, 0);
    for (int round = 0; round < 100; ++round) {
      const std::size_t first = static_cast<std::size_t>(round) % (columns / segment) * segment;
      for (std::size_t j = 0; j < segment; ++j)
        row[first + j] = static_cast<std::int32_t>(value_of(t, round, j) % 2'000'000'000);
    }
    EXPECT_EQ(stored[static_cast<std::size_t>(t)], row) << "row " << t;
    EXPECT_EQ(ds.attrs().get<std::int64_t>("row" + std::to_string(t)), 99);
  }
}

// ---- range-checked conversions (the shared transfer list and its callback) from every thread ----

TEST(Threads, RangeCheckedConversionsFromEightThreads) {
  test::TempDir dir;
  const File f(dir / "f.h5", "w");
  std::vector<std::int32_t> values(1000);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<std::int32_t>(i % 100);
  values.back() = 300;  // does not fit int8
  const Dataset ds = f.create_dataset("numbers", values);
  std::vector<int> mismatches(kThreads, 0);
  run_with_watchdog([&] {
    const auto errors = run_threads(kThreads, [&](int t) {
      auto& bad = mismatches[static_cast<std::size_t>(t)];
      for (int round = 0; round < 100; ++round) {
        const auto fits = ds.read_block<std::vector<std::int8_t>>(Shape{0}, Shape{999});
        for (std::size_t i = 0; i < fits.size(); ++i)
          if (fits[i] != static_cast<std::int8_t>(i % 100)) ++bad;
        try {
          (void)ds.read<std::vector<std::int8_t>>();  // 300 must be refused on every thread, never clamped
          ++bad;
        } catch (const Error&) {
        }
        if (ds.read<std::vector<std::int16_t>>().back() != 300) ++bad;
      }
    });
    EXPECT_EQ(errors, kNoErrors);
  });
  EXPECT_EQ(mismatches, std::vector<int>(kThreads, 0));
}

// ---- callbacks inside HDF5 (visit) while other threads work ----

// Group::visit runs its callback inside H5Ovisit2, holding HDF5's global lock. The callbacks here use
// h5kit's shared constant types (bool, complex, strings) while the other threads build and use the same
// ones: run first in a fresh process (ctest runs each test alone), this is the situation
// detail::build_shared_constants() exists for.
TEST(Threads, VisitCallbacksUseSharedTypesWhileOtherThreadsWriteTheirOwnFiles) {
  test::TempDir dir;
  constexpr int groups = 20;
  {
    const File f(dir / "tree.h5", "w");
    for (int g = 0; g < groups; ++g) {
      const Group group = f.create_group("g" + std::to_string(g));
      group.create_dataset("flags", std::vector<bool>{true, false, true});
      group.attrs().set("index", static_cast<std::int64_t>(g));
    }
  }
  const File tree(dir / "tree.h5", "r");
  std::vector<int> mismatches(kThreads, 0);
  run_with_watchdog([&] {
    const auto errors = run_threads(kThreads, [&](int t) {
      auto& bad = mismatches[static_cast<std::size_t>(t)];
      if (t % 2 == 0) {  // visitors
        for (int round = 0; round < 20; ++round) {
          int datasets = 0;
          std::int64_t index_sum = 0;
          tree.visit_items([&](const std::string& name, const Object& object) {
            if (object.kind() == ObjectKind::dataset) {
              ++datasets;
              if (object.as_dataset().read<std::vector<bool>>() != std::vector<bool>{true, false, true}) ++bad;
            } else {
              index_sum += object.attrs().get<std::int64_t>("index");
              if (name.front() != 'g') ++bad;
            }
            return false;
          });
          if (datasets != groups || index_sum != groups * (groups - 1) / 2) ++bad;
        }
      } else {  // writers, each in its own file, using the same shared types
        const File own(dir / ("w" + std::to_string(t) + ".h5"), "w");
        for (int i = 0; i < 100; ++i) {
          const std::string name = "d" + std::to_string(i);
          own.create_dataset(name, std::vector<bool>{i % 2 == 0});
          own.dataset(name).attrs().set("z", std::vector<std::complex<double>>{{1.0 * i, -1.0}});
          own.dataset(name).attrs().set("s", std::string("thread ") + std::to_string(t));
          if (own.dataset(name).attrs().get<std::vector<std::complex<double>>>("z")[0].real() != 1.0 * i) ++bad;
        }
      }
    });
    EXPECT_EQ(errors, kNoErrors);
  });
  EXPECT_EQ(mismatches, std::vector<int>(kThreads, 0));
}

}  // namespace
}  // namespace h5kit

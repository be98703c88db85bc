// StreamingWriter (h5kit/daq/streaming.hpp) and Follower (h5kit/daq/follow.hpp): whole-chunk
// writing, the flush policy, what is refused under SWMR, and a reader in another process.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "h5kit/daq/follow.hpp"
#include "h5kit/daq/streaming.hpp"
#include "h5kit/error.hpp"
#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::daq {
namespace {

using test::TempDir;
using namespace std::chrono_literals;

std::vector<double> rows_from(std::size_t first, std::size_t count, std::size_t width) {
  std::vector<double> v;
  for (std::size_t i = first; i < first + count; ++i)
    for (std::size_t j = 0; j < width; ++j) v.push_back(static_cast<double>(i * 1000 + j));
  return v;
}

TEST(StreamingWriter, RowsAreWrittenAChunkAtATimeAndAllOfThemAtClose) {
  TempDir dir;
  const auto path = dir / "s.h5";
  {
    StreamingWriter w(path);
    Stream s = w.create_stream("/", "EnlData00", ElementType::float64, {4}, "signal");
    w.start();
    const std::size_t chunk = s.chunk_rows();
    ASSERT_GT(chunk, 1U);
    for (std::size_t i = 0; i < chunk - 1; ++i) s.append(rows_from(i, 1, 4));
    EXPECT_EQ(s.rows(), chunk - 1);
    EXPECT_EQ(s.flushed_rows(), 0U) << "a partial chunk was written without a policy asking";
    s.append(rows_from(chunk - 1, 1, 4));
    EXPECT_EQ(s.flushed_rows(), chunk);
    s.append(rows_from(chunk, 3, 4));  // a block of three rows
    EXPECT_EQ(s.flushed_rows(), chunk);
    EXPECT_EQ(s.rows(), chunk + 3);
    w.close();
    EXPECT_THROW(s.append(rows_from(0, 1, 4)), ClosedObjectError);
  }
  H5Backend h5;
  h5.open_file(path, "r");
  EArray e = h5.get_node("/EnlData00").as_earray();
  const std::size_t n = e.shape()[0];
  EXPECT_EQ(e.shape(), (Shape{n, 4}));
  EXPECT_EQ(e.get_int_tuple("shape"), (std::vector<std::int64_t>{static_cast<std::int64_t>(n), 4}))
      << "close() did not rewrite pymodaq's shape attribute";
  EXPECT_EQ(e.title(), "signal");
  EXPECT_EQ(e.get_attr("CLASS").as_str(), "EARRAY");
  const auto values = e.read<double>();
  EXPECT_EQ(std::vector<double>(values.begin(), values.end()), rows_from(0, n, 4));
}

TEST(StreamingWriter, EveryRowsPolicyFlushesPartialChunks) {
  TempDir dir;
  StreamingWriter w(dir / "p.h5", FlushPolicy{.every_rows = 10});
  Stream s = w.create_stream("/", "x", ElementType::int32, {});
  w.start();
  ASSERT_GT(s.chunk_rows(), 30U);
  for (int i = 0; i < 9; ++i) s.append(std::vector<std::int32_t>{i});
  EXPECT_EQ(s.flushed_rows(), 0U);
  s.append(std::vector<std::int32_t>{9});
  EXPECT_EQ(s.flushed_rows(), 10U);
  for (int i = 10; i < 25; ++i) s.append(std::vector<std::int32_t>{i});
  EXPECT_EQ(s.flushed_rows(), 20U);
  s.flush();
  EXPECT_EQ(s.flushed_rows(), 25U);
}

// A chunk flushed in part and then completed, and blocks of whole chunks from the caller's memory:
// whole chunks take the direct path (the file's type is the memory's, no filter), and every row
// reads back right, through the writer's own file while streaming and after close.
TEST(StreamingWriter, ChunksCompletedAfterAPartialFlushHoldEveryRow) {
  TempDir dir;
  const auto path = dir / "c.h5";
  StreamingWriter w(path, FlushPolicy{.every_rows = 7});
  Stream s = w.create_stream("/", "x", ElementType::float64, {3});
  w.start();
  const std::size_t chunk = s.chunk_rows();
  ASSERT_GT(chunk, 7U);
  for (std::size_t i = 0; i < chunk + 2; ++i) s.append(rows_from(i, 1, 3));  // chunk 0 flushed in part first
  s.append(rows_from(chunk + 2, 3 * chunk, 3));  // completes chunk 1, then two whole chunks and a part
  const std::size_t total = 4 * chunk + 2;
  ASSERT_EQ(s.rows(), total);
  s.flush();
  const auto live = w.backend().get_node("/x").as_earray().read<double>();
  EXPECT_EQ(std::vector<double>(live.begin(), live.end()), rows_from(0, total, 3))
      << "the writer's own file reads stale rows while streaming";
  w.close();
  H5Backend h5;
  h5.open_file(path, "r");
  const auto values = h5.get_node("/x").as_earray().read<double>();
  EXPECT_EQ(std::vector<double>(values.begin(), values.end()), rows_from(0, total, 3));
}

TEST(StreamingWriter, TimePolicyFlushesOnAppendAndOnPoll) {
  TempDir dir;
  StreamingWriter w(dir / "t.h5", FlushPolicy{.every = 30ms});
  Stream s = w.create_stream("/", "x", ElementType::float64, {2});
  w.start();
  s.append(rows_from(0, 1, 2));
  w.poll();
  EXPECT_EQ(s.flushed_rows(), 0U) << "flushed before the interval passed";
  std::this_thread::sleep_for(40ms);
  w.poll();
  EXPECT_EQ(s.flushed_rows(), 1U);
  s.append(rows_from(1, 1, 2));
  std::this_thread::sleep_for(40ms);
  s.append(rows_from(2, 1, 2));  // the oldest unflushed row is 40 ms old: this append flushes
  EXPECT_EQ(s.flushed_rows(), 3U);
}

TEST(StreamingWriter, NothingCanBeCreatedAfterStart) {
  TempDir dir;
  const auto path = dir / "r.h5";
  StreamingWriter w(path);
  Group g = w.get_set_group("/", "RawData");
  EArray e = w.create_earray(g, "EnlData00", ElementType::float64, {3});
  Stream s = w.stream(e);
  w.start();
  EXPECT_TRUE(w.started());
  EXPECT_TRUE(w.backend().h5file().swmr_mode());
  auto expect_refused = [&](auto&& call, const char* what) {
    try {
      call();
      ADD_FAILURE() << what << " was accepted under SWMR";
    } catch (const InvalidArgumentError& err) {
      EXPECT_EQ(err.file(), path);
      EXPECT_NE(std::string(err.what()).find("SWMR writing mode"), std::string::npos) << err.what();
      EXPECT_NE(std::string(err.what()).find("before start()"), std::string::npos) << err.what();
    }
  };
  expect_refused([&] { w.get_set_group("/", "Other"); }, "a group");
  expect_refused([&] { w.add_group("scan", GroupType::scan, "/"); }, "add_group");
  expect_refused([&] { w.create_earray(g, "EnlData01", ElementType::float64, {3}); }, "an earray");
  expect_refused([&] { w.create_stream(g, "EnlData02", ElementType::float64, {3}); }, "a stream");
  expect_refused([&] { w.stream(e); }, "registering a stream");
  expect_refused([&] { w.set_attr(g, "note", PyValue("x")); }, "an attribute");
  expect_refused([&] { w.define_compression("zlib", 5); }, "compression");
  s.append(rows_from(0, 2, 3));  // appending is what SWMR is for
  w.close();
  H5Backend h5;
  h5.open_file(path, "r");
  EXPECT_FALSE(h5.root().contains("Other"));
  EXPECT_FALSE(h5.get_node("/RawData").has_attr("note"));
  EXPECT_EQ(h5.get_node("/RawData/EnlData00").as_earray().shape(), (Shape{2, 3}));
}

TEST(StreamingWriter, BadRowsAreRefusedAndNothingIsAppended) {
  TempDir dir;
  const auto path = dir / "b.h5";
  StreamingWriter w(path);
  Stream s = w.create_stream("/", "x", ElementType::float64, {4});
  w.start();
  try {
    s.append(std::vector<float>{1, 2, 3, 4});
    FAIL() << "float rows went into a float64 stream";
  } catch (const TypeMismatchError& e) {
    EXPECT_EQ(e.object(), "/x");
    EXPECT_NE(std::string(e.what()).find("float64"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("float32"), std::string::npos) << e.what();
  }
  try {
    s.append(std::vector<double>{1, 2, 3, 4, 5, 6});
    FAIL() << "a row and a half was appended";
  } catch (const ShapeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("whole rows of shape (4,)"), std::string::npos) << e.what();
  }
  EXPECT_EQ(s.rows(), 0U);
  EXPECT_THROW(Stream().append(std::vector<double>{1}), ClosedObjectError);
}

TEST(StreamingWriter, StreamNeedsAnEnlargeableArray) {
  TempDir dir;
  StreamingWriter w(dir / "c.h5");
  CArray c = w.create_carray("/", "fixed", array_view(std::vector<double>{1, 2, 3}));
  EXPECT_THROW(w.stream(c.as_earray()), Error);  // a CArray is not an EArray (node.hpp) or not unlimited
  EXPECT_THROW(StreamingWriter(dir / "m.h5", {}, "r"), InvalidArgumentError);
}

TEST(StreamingWriter, WholeChunkWritingKeepsACompressedFileSmall) {
  // Under SWMR HDF5 never frees the space of a rewritten chunk: flushing a compressed chunk row by
  // row leaves every earlier version of it in the file.
  TempDir dir;
  auto write = [&](const std::string& path, std::size_t every_rows) {
    StreamingWriter w(path, FlushPolicy{.every_rows = every_rows});
    w.define_compression("zlib", 5);
    Stream s = w.create_stream("/", "x", ElementType::float64, {8});
    w.start();
    for (std::size_t i = 0; i < 4 * s.chunk_rows(); ++i) s.append(rows_from(i, 1, 8));
    w.close();
    return std::filesystem::file_size(path);
  };
  const auto whole = write(dir / "whole.h5", 0);
  const auto per_row = write(dir / "rows.h5", 16);
  EXPECT_LT(whole * 3, per_row) << "whole chunks " << whole << " bytes, flushed every 16 rows " << per_row;
  File f(dir / "whole.h5", "r");
  EXPECT_EQ(f.dataset("x").shape()[0] % 8, 0U);
}

TEST(Follower, SeesTheRowsOfAWriterInAnotherProcess) {
  TempDir dir;
  const auto path = dir / "live.h5";
  int to_parent[2], to_child[2];
  ASSERT_EQ(pipe(to_parent), 0);
  ASSERT_EQ(pipe(to_child), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int status = 0;
    try {
      StreamingWriter w(path, FlushPolicy{.every_rows = 5});
      Group g = w.get_set_group("/", "RawData");
      Stream data = w.create_stream(g, "EnlData00", ElementType::float64, {3});
      Stream time = w.create_stream(g, "time", ElementType::float64, {});
      w.start();
      char c = 'r';
      if (write(to_parent[1], &c, 1) != 1) status = 4;
      for (std::size_t i = 0; i < 12; ++i) {
        data.append(rows_from(i, 1, 3));
        time.append(std::vector<double>{0.5 * static_cast<double>(i)});
      }
      if (write(to_parent[1], &c, 1) != 1) status = 4;
      if (read(to_child[0], &c, 1) != 1) status = 5;  // the parent has looked: close
      w.close();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "writer: %s\n", e.what());
      status = 3;
    }
    _exit(status);
  }
  char c = 0;
  ASSERT_EQ(read(to_parent[0], &c, 1), 1);  // nodes exist, SWMR started
  Follower f(path);
  FollowedArray& data = f.follow("/RawData/EnlData00");
  FollowedArray& time = f.follow("/RawData/time");
  EXPECT_EQ(data.row_shape(), Shape{3});
  ASSERT_EQ(read(to_parent[0], &c, 1), 1);  // 12 rows appended: 10 flushed by the policy
  EXPECT_EQ(f.wait_for(10, 2000ms), 10U);
  NDArray<double> first = data.new_rows<double>(4);
  EXPECT_EQ(first.shape(), (Shape{4, 3}));
  EXPECT_EQ(std::vector<double>(first.begin(), first.end()), rows_from(0, 4, 3));
  NDArray<double> rest = data.new_rows<double>();
  EXPECT_EQ(std::vector<double>(rest.begin(), rest.end()), rows_from(4, 6, 3));
  EXPECT_EQ(data.new_rows<double>().shape(), (Shape{0, 3}));
  const NDArray<double> t = time.read_rows<double>(0, 10);
  EXPECT_EQ(t.data()[9], 4.5);
  EXPECT_THROW(time.read_rows<double>(5, 6), InvalidArgumentError);
  c = 'q';
  ASSERT_EQ(write(to_child[1], &c, 1), 1);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(f.refresh(), 12U) << "close() flushes the last two rows";
}

TEST(Follower, RefusesWhatCannotGrow) {
  TempDir dir;
  const auto path = dir / "f.h5";
  {
    File f(path, "w");
    f.create_dataset("scalar", 3.0);
  }
  Follower f(path);
  EXPECT_THROW(f.follow("scalar"), TypeMismatchError);
  EXPECT_THROW(f.follow("missing"), NotFoundError);
  EXPECT_EQ(f.rows(), 0U);
  EXPECT_THROW(Follower(dir / "none.h5"), FileError);
}

}  // namespace
}  // namespace h5kit::daq

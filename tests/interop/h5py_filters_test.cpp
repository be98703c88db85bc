// Filters, layouts, fill time and direct chunk I/O across the h5kit <-> h5py boundary.
//   A: h5kit writes, tests/interop/h5py_filters.py check-filters inspects with h5py (and h5dump reads LZF).
//   B: h5py_filters.py write-filters writes, h5kit reads values and the pipeline.
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "interop/peer_file_fixture.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "h5py_filters.py";
constexpr std::size_t N = 5000;

// h5py_filters.py's ramp(): 0..96 repeating.
template <class T = std::int32_t>
std::vector<T> ramp(std::size_t n = N) {
  std::vector<T> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<T>(i % 97);
  return v;
}

// h5py_filters.py's smooth(): np.linspace(-50, 50, N).
std::vector<double> smooth() {
  std::vector<double> v(N);
  for (std::size_t i = 0; i < N; ++i) v[i] = -50.0 + 100.0 * static_cast<double>(i) / static_cast<double>(N - 1);
  return v;
}

std::vector<int> ids(const h5kit::Dataset& d) {
  std::vector<int> out;
  for (const FilterInfo& f : d.filters()) out.push_back(f.id);
  return out;
}

// ---- A: h5kit writes, h5py checks --------------------------------------------------------------

std::string write_filters_file(const TempDir& dir) {
  const std::string path = dir / "filters.h5";
  File f(path, "w");
  f.create_dataset("lzf", ramp(), DatasetOptions{}.lzf());
  f.create_dataset("lz4", ramp(), DatasetOptions{}.filter(filter_id::lz4));
  f.create_dataset("bzip2", ramp(), DatasetOptions{}.filter(filter_id::bzip2, {9}));
  f.create_dataset("bitshuffle", ramp(), DatasetOptions{}.filter(filter_id::bitshuffle, {0, 2}));
  f.create_dataset("szip_nn", ramp(), DatasetOptions{}.szip(SzipCoding::nn, 8));
  f.create_dataset("szip_ec", ramp(), DatasetOptions{}.szip(SzipCoding::ec, 16));
  f.create_dataset("so_int", ramp<std::int64_t>(), DatasetOptions{}.scaleoffset());
  f.create_dataset("so_float", smooth(), DatasetOptions{}.scaleoffset(3));
  f.create_dataset("checked", ramp(), DatasetOptions{}.fletcher32().gzip(6).shuffle());
  f.create_dataset("compact", ramp<std::int16_t>(100), DatasetOptions{}.layout(Layout::compact));
  f.create_dataset("contiguous", ramp(100), DatasetOptions{}.layout(Layout::contiguous));
  f.create_dataset("chunked", ramp(100), DatasetOptions{}.layout(Layout::chunked).chunks({25}));
  f.create_dataset("fill_never", Shape{4}, Datatype::int32(),
                   DatasetOptions{}.fill_value(-1).fill_time(FillTime::never).alloc_time(AllocTime::late));
  const h5kit::Dataset ifset = f.create_dataset(
      "fill_ifset", Shape{4}, Datatype::float64(), DatasetOptions{}.fill_value(2.5).fill_time(FillTime::ifset));
  ifset.write_block(std::vector<double>{7.0}, {1});
  f.create_dataset("fill_chunked", Shape{4}, Datatype::float64(), DatasetOptions{}.chunks({2}));

  const DatasetOptions direct_options = DatasetOptions{}.chunks({4}).gzip(4);
  const h5kit::Dataset source = f.create_dataset("source", Shape{12}, Datatype::int32(), direct_options);
  source.write_block(std::vector<std::int32_t>{4, 5, 6, 7}, {4});
  const h5kit::Dataset direct = f.create_dataset("direct", Shape{12}, Datatype::int32(), direct_options);
  const RawChunk copied = source.read_chunk({4});
  direct.write_chunk({4}, copied.bytes, copied.filter_mask);
  const std::vector<std::int32_t> raw{80, 90, 100, 110};
  std::vector<std::byte> raw_bytes(raw.size() * sizeof(std::int32_t));
  std::memcpy(raw_bytes.data(), raw.data(), raw_bytes.size());
  direct.write_chunk({8}, raw_bytes, 0x1);  // deflate skipped for this chunk
  return path;
}

TEST(interop_filters, H5pySeesEveryFilterLayoutAndFillTime) {
  TempDir dir;
  const std::string path = write_filters_file(dir);
  EXPECT_TRUE(run_peer_case(kScript, "check-filters", {path}));
}

TEST(interop_filters, H5dumpReadsLzfThroughThePluginPath) {
  TempDir dir;
  const std::string path = write_filters_file(dir);
  const CommandResult dump = run_command("h5dump -p -d /lzf -s 0 -c 4 " + shell_quote(path));
  ASSERT_EQ(dump.exit_code, 0) << dump.output;
  EXPECT_NE(dump.output.find("FILTER_ID 32000"), std::string::npos) << dump.output;
  EXPECT_NE(dump.output.find("(0): 0, 1, 2, 3"), std::string::npos) << dump.output;
}

// ---- B: h5py writes, h5kit checks --------------------------------------------------------------

class interop_filters_from_h5py : public PeerFileTest<kScript, "write-filters", "filters_from_h5py.h5"> {};

TEST_F(interop_filters_from_h5py, CompressorsReadTransparently) {
  struct Case {
    const char* name;
    std::vector<int> pipeline;
  };
  for (const Case& c : std::vector<Case>{{"gzip", {1}},
                                         {"lzf", {2, 32000}},
                                         {"szip", {4}},
                                         {"checked", {1, 3}},
                                         {"lz4", {32004}},
                                         {"bzip2", {307}},
                                         {"bitshuffle", {32008}}}) {
    SCOPED_TRACE(c.name);
    const h5kit::Dataset d = file_.dataset(c.name);
    EXPECT_EQ(ids(d), c.pipeline);
    EXPECT_EQ(d.read<std::vector<std::int32_t>>(), ramp());
  }
  EXPECT_EQ(file_.dataset("gzip").gzip_level(), 2);
  EXPECT_EQ(file_.dataset("gzip").chunks(), Shape{1000});
  EXPECT_TRUE(file_.dataset("lzf").shuffle());
  EXPECT_EQ(file_.dataset("lzf").filters()[1].name, "lzf");
  EXPECT_TRUE(file_.dataset("lzf").filters()[1].optional);
  EXPECT_TRUE(file_.dataset("checked").fletcher32());
  EXPECT_FALSE(file_.dataset("gzip").fletcher32());
  EXPECT_EQ(file_.dataset("bzip2").filters()[0].values.at(0), 9u);
  EXPECT_EQ(file_.dataset("szip").filters()[0].values.at(1), 16u);  // pixels per block
  EXPECT_EQ(file_.dataset("checked").fill_time(), FillTime::alloc) << "h5py fills chunked datasets at allocation";
}

TEST_F(interop_filters_from_h5py, ScaleoffsetAndCompactLayout) {
  const h5kit::Dataset so_int = file_.dataset("so_int");
  EXPECT_EQ(so_int.scaleoffset(), 0);
  EXPECT_EQ(so_int.read<std::vector<std::int64_t>>(), ramp<std::int64_t>());
  const h5kit::Dataset so_float = file_.dataset("so_float");
  EXPECT_EQ(so_float.scaleoffset(), 2);
  const std::vector<double> expected = smooth(), got = so_float.read<std::vector<double>>();
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) ASSERT_NEAR(got[i], expected[i], 0.006) << i;

  const h5kit::Dataset compact = file_.dataset("compact");
  EXPECT_EQ(compact.layout(), Layout::compact);
  EXPECT_EQ(compact.read<std::vector<std::int16_t>>(), ramp<std::int16_t>(100));
}

TEST_F(interop_filters_from_h5py, BigChunksGetACacheThatHoldsOne) {
  const h5kit::Dataset d = file_.dataset("big_chunks");
  EXPECT_EQ(d.chunk_cache().bytes, 512u * 512u * 8u);
}

TEST_F(interop_filters_from_h5py, ChunkH5pyWroteDirectlyWithZlib) {
  const h5kit::Dataset d = file_.dataset("zlib_direct");
  EXPECT_EQ(d.read<std::vector<std::int32_t>>(), (std::vector<std::int32_t>{0, 0, 0, 0, 4, 5, 6, 7}));
  const RawChunk raw = d.read_chunk({4});
  EXPECT_EQ(raw.filter_mask, 0u);
  EXPECT_EQ(raw.bytes.size(), static_cast<std::size_t>(d.attrs().get<std::int64_t>("raw_size")));
  ASSERT_EQ(d.chunk_list().size(), 1u);
  EXPECT_EQ(d.chunk_list()[0].offset, Shape{4});

  TempDir dir;
  const std::string path = dir / "copied.h5";
  std::filesystem::copy_file(path_, path);
  {
    File f(path, "r+");
    const h5kit::Dataset copy =
        f.create_dataset("copy", Shape{8}, Datatype::int32(), DatasetOptions{}.chunks({4}).gzip());
    copy.write_chunk({4}, raw.bytes, raw.filter_mask);
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-copied", {path}));
}

}  // namespace
}  // namespace h5kit::test

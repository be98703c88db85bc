// Chunk-level storage: the chunk cache rule and its controls, direct chunk I/O, a fletcher32
// checksum catching a corrupted chunk, and reading a dataset whose filter plugin cannot be found.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

constexpr std::size_t MiB = 1024 * 1024;

class StorageChunks : public ::testing::Test {
 protected:
  TempDir dir;
  std::string path = dir / "c.h5";
  File f{path, "w"};
};

bool contains(const std::string& text, const std::string& word) { return text.find(word) != std::string::npos; }

std::vector<std::vector<int>> grid8() {
  std::vector<std::vector<int>> g(8, std::vector<int>(8));
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 8; ++j) g[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = i * 8 + j;
  return g;
}

// ---- chunk cache ----------------------------------------------------------------------------

TEST_F(StorageChunks, SmallChunksKeepHdf5sDefaultCache) {
  Dataset d = f.create_dataset("small", Shape{1000}, Datatype::float64(), DatasetOptions{}.chunks({100}));
  EXPECT_EQ(d.chunk_cache(), (ChunkCache{MiB, 521, 0.75}));
}

TEST_F(StorageChunks, ChunksBiggerThanTheDefaultCacheGetACacheThatHoldsOne) {
  // 512 x 512 float64 = 2 MiB per chunk: HDF5's 1 MiB default would not cache it at all.
  Dataset d = f.create_dataset("big", Shape{1024, 512}, Datatype::float64(), DatasetOptions{}.chunks({512, 512}));
  EXPECT_EQ(d.chunk_cache(), (ChunkCache{2 * MiB, 521, 0.75}));
  d.close();
  f.close();
  File again(path, "r");
  EXPECT_EQ(again.dataset("big").chunk_cache().bytes, 2 * MiB);
  EXPECT_EQ(again["big"].as_dataset().chunk_cache().bytes, 2 * MiB);
}

TEST_F(StorageChunks, CacheAskedForAtCreationAndAtOpening) {
  Dataset d = f.create_dataset("x", Shape{100}, Datatype::int32(),
                               DatasetOptions{}.chunks({10}).chunk_cache(4 * MiB, 1009, 1.0));
  EXPECT_EQ(d.chunk_cache(), (ChunkCache{4 * MiB, 1009, 1.0}));
  d.close();
  const ChunkCache wanted{8 * MiB, 2003, 0.5};
  Dataset opened = f.dataset("x", DatasetAccess{}.chunk_cache(wanted));
  EXPECT_EQ(opened.chunk_cache(), wanted);
  // HDF5 keeps one cache per open dataset: a second, different request cannot be honoured.
  try {
    f.dataset("x", DatasetAccess{}.chunk_cache({MiB, 521, 0.75}));
    ADD_FAILURE() << "no error";
  } catch (const InvalidArgumentError& e) {
    EXPECT_TRUE(contains(e.what(), "already open")) << e.what();
  }
  EXPECT_EQ(f.dataset("x").chunk_cache(), wanted) << "a plain open shares the cache it finds";
}

TEST_F(StorageChunks, BadCacheIsRefused) {
  EXPECT_THROW(f.create_dataset("a", Shape{10}, Datatype::int8(), DatasetOptions{}.chunks({5}).chunk_cache(MiB, 521, 1.5)),
               InvalidArgumentError);
  EXPECT_FALSE(f.contains("a"));
  f.create_dataset("b", Shape{10}, Datatype::int8(), DatasetOptions{}.chunks({5}));
  EXPECT_THROW(f.dataset("b", DatasetAccess{}.chunk_cache({MiB, 521, -0.1})), InvalidArgumentError);
}

// 2^62 x 4 one-byte elements are 2^64 bytes: the product wrapped to 0 and passed the 4 GiB check
// (issue 19, bug 2: every size product is overflow-checked).
TEST_F(StorageChunks, AChunkWhoseBytesOverflowSizeTIsRefusedAsTooBig) {
  const std::size_t huge = std::size_t{1} << 62;
  try {
    f.create_dataset("c", Shape{huge, 4}, Datatype::int8(), DatasetOptions{}.chunks({huge, 4}));
    FAIL() << "created chunks of 2^64 bytes";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("makes chunks of 4 GiB or more"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(f.contains("c"));
}

// ---- direct chunk I/O -----------------------------------------------------------------------

TEST_F(StorageChunks, ChunkListShowsEveryAllocatedChunk) {
  Dataset d = f.create_dataset("g", grid8(), DatasetOptions{}.chunks({4, 4}).gzip(5));
  const std::vector<ChunkInfo> chunks = d.chunk_list();
  ASSERT_EQ(chunks.size(), 4u);
  std::vector<Shape> offsets;
  std::size_t total = 0;
  for (const ChunkInfo& c : chunks) {
    offsets.push_back(c.offset);
    EXPECT_EQ(c.filter_mask, 0u);
    EXPECT_GT(c.address, 0u);
    EXPECT_GT(c.size, 0u);
    total += c.size;
  }
  EXPECT_EQ(offsets, (std::vector<Shape>{{0, 0}, {0, 4}, {4, 0}, {4, 4}}));
  EXPECT_EQ(total, d.storage_size());
  Dataset sparse = f.create_dataset("sparse", Shape{100}, Datatype::int32(), DatasetOptions{}.chunks({10}));
  sparse.write_block(std::vector<int>{1, 2}, {55});
  ASSERT_EQ(sparse.chunk_list().size(), 1u);
  EXPECT_EQ(sparse.chunk_list()[0].offset, Shape{50});
}

TEST_F(StorageChunks, ReadChunkThenWriteChunkCopiesTheStoredBytes) {
  Dataset a = f.create_dataset("a", grid8(), DatasetOptions{}.chunks({4, 4}).gzip(5).shuffle());
  const RawChunk raw = a.read_chunk({4, 0});
  EXPECT_EQ(raw.filter_mask, 0u);
  EXPECT_EQ(raw.bytes.size(), a.chunk_list()[2].size);
  EXPECT_LT(raw.bytes.size(), 16u * sizeof(int)) << "the bytes are the compressed ones";

  Dataset b = f.create_dataset("b", Shape{8, 8}, Datatype::int32(), DatasetOptions{}.chunks({4, 4}).gzip(5).shuffle());
  b.write_chunk({4, 0}, raw.bytes, raw.filter_mask);
  ASSERT_EQ(b.chunk_list().size(), 1u);
  using Rows = std::vector<std::vector<int>>;
  EXPECT_EQ(b.read_block<Rows>({4, 0}, {4, 4}), a.read_block<Rows>({4, 0}, {4, 4}));
  EXPECT_EQ(b.read_element<int>({0, 0}), 0) << "other chunks hold the fill value";
}

TEST_F(StorageChunks, FilterMaskSkipsFiltersForOneChunk) {
  Dataset d = f.create_dataset("m", Shape{8}, Datatype::int32(), DatasetOptions{}.chunks({4}).gzip(9));
  std::vector<int> values{10, 20, 30, 40};
  std::vector<std::byte> bytes(sizeof(int) * values.size());
  std::memcpy(bytes.data(), values.data(), bytes.size());
  d.write_chunk({4}, bytes, 0x1);  // bit 0: deflate (filter 0) was not applied
  EXPECT_EQ(d.read<std::vector<int>>(), (std::vector<int>{0, 0, 0, 0, 10, 20, 30, 40}));
  EXPECT_EQ(d.read_chunk({4}).filter_mask, 1u);
  EXPECT_EQ(d.read_chunk({4}).bytes, bytes);
  EXPECT_EQ(d.chunk_list()[0].filter_mask, 1u);
}

TEST_F(StorageChunks, BadChunkOffsetsAndTargetsAreRefused) {
  Dataset d = f.create_dataset("d", grid8(), DatasetOptions{}.chunks({4, 4}));
  Dataset contiguous = f.create_dataset("contig", grid8());
  Dataset unwritten = f.create_dataset("u", Shape{8}, Datatype::int32(), DatasetOptions{}.chunks({4}));
  const std::vector<std::byte> sixteen_ints(64);
  auto refused = [](auto&& op, ErrorKind kind, const std::string& word) {
    try {
      op();
      ADD_FAILURE() << "no error, expected " << word;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), kind) << e.what();
      EXPECT_TRUE(contains(e.what(), word)) << e.what();
    }
  };
  refused([&] { d.read_chunk({1, 0}); }, ErrorKind::invalid_argument, "not on a chunk boundary (chunk shape (4, 4))");
  refused([&] { d.write_chunk({0, 2}, sixteen_ints); }, ErrorKind::invalid_argument, "chunk boundary");
  refused([&] { d.read_chunk({8, 0}); }, ErrorKind::invalid_argument, "outside the dataset's shape");
  refused([&] { d.read_chunk({0}); }, ErrorKind::invalid_argument, "rank");
  refused([&] { contiguous.write_chunk({0, 0}, sixteen_ints); }, ErrorKind::invalid_argument,
          "needs a chunked dataset");
  refused([&] { contiguous.chunk_list(); }, ErrorKind::invalid_argument, "needs a chunked dataset");
  refused([&] { unwritten.read_chunk({4}); }, ErrorKind::not_found, "no chunk is stored at offset (4,)");
  refused([&] { d.write_chunk({0, 0}, {}); }, ErrorKind::invalid_argument, "no bytes");
  refused([&] { d.write_chunk({0, 0}, std::vector<std::byte>(63)); }, ErrorKind::shape_mismatch, "holds 64 bytes");
  EXPECT_EQ(d.read<std::vector<std::vector<int>>>(), grid8()) << "nothing was written";
  EXPECT_TRUE(unwritten.chunk_list().empty());
}

TEST_F(StorageChunks, WriteChunkToAReadOnlyFileFails) {
  f.create_dataset("d", grid8(), DatasetOptions{}.chunks({4, 4}));
  f.close();
  File ro(path, "r");
  Dataset d = ro.dataset("d");
  const RawChunk raw = d.read_chunk({0, 0});
  try {
    d.write_chunk({0, 0}, raw.bytes);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_TRUE(contains(e.what(), "read-only")) << e.what();
  }
}

// ---- fletcher32 -----------------------------------------------------------------------------

TEST_F(StorageChunks, CorruptedChunkFailsItsChecksumAndReturnsNothing) {
  std::vector<int> values(1000);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<int>(i);
  std::uint64_t address = 0;
  {
    Dataset d = f.create_dataset("fl", values, DatasetOptions{}.chunks({100}).fletcher32());
    const std::vector<ChunkInfo> chunks = d.chunk_list();
    ASSERT_EQ(chunks.size(), 10u);
    ASSERT_EQ(chunks[3].offset, Shape{300});
    address = chunks[3].address;
  }
  f.close();
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(static_cast<std::streamoff>(address + 17));
    char byte = 0;
    file.read(&byte, 1);
    byte = static_cast<char>(byte ^ 0x5a);
    file.seekp(static_cast<std::streamoff>(address + 17));
    file.write(&byte, 1);
  }
  File again(path, "r");
  Dataset d = again.dataset("fl");
  try {
    (void)d.read<std::vector<int>>();
    ADD_FAILURE() << "corrupted data was returned";
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_TRUE(contains(m, "checksum")) << m;
    EXPECT_TRUE(contains(m, "corrupt")) << m;
    EXPECT_TRUE(contains(m, path)) << m;
    EXPECT_TRUE(contains(m, "/fl")) << m;
  }
  // The other chunks still read, and direct chunk I/O hands back the stored bytes unchecked.
  EXPECT_EQ(d.read_block<std::vector<int>>({0}, {100})[99], 99);
  EXPECT_THROW((void)d.read_block<std::vector<int>>({350}, {1}), Error);
  EXPECT_EQ(d.read_chunk({300}).bytes.size(), 100 * sizeof(int) + 4);  // data + 4-byte checksum
}

// ---- a filter plugin that cannot be found ----------------------------------------------------

// Runs in a child process whose HDF5_PLUGIN_PATH is an empty directory (HDF5 reads the variable
// once, when the library starts), started by ReadingWithoutThePluginFailsClearly.
TEST(StorageChild, DISABLED_LzfWithoutPlugins) {
  const char* file = std::getenv("H5KIT_LZF_FILE");
  const char* plugin_dir = std::getenv("HDF5_PLUGIN_PATH");
  ASSERT_TRUE(file && plugin_dir);
  EXPECT_EQ(plugin_paths(), std::vector<std::string>{plugin_dir});
  File f(file, "r+");
  try {
    (void)f.dataset("lzf").read<std::vector<int>>();
    ADD_FAILURE() << "read without the LZF plugin returned data";
  } catch (const Error& e) {
    std::cout << "read: " << e.what() << "\n";
    for (const std::string word : {"32000 (lzf)", "cannot load", plugin_dir, "HDF5_PLUGIN_PATH", "/lzf", file})
      EXPECT_TRUE(contains(e.what(), word)) << "missing " << word << " in " << e.what();
  }
  try {
    f.create_dataset("again", std::vector<int>{1, 2, 3}, DatasetOptions{}.lzf());
    ADD_FAILURE() << "created an LZF dataset without the plugin";
  } catch (const InvalidArgumentError& e) {
    std::cout << "create: " << e.what() << "\n";
    for (const std::string word : {"32000 (lzf) is not available", plugin_dir, "HDF5_PLUGIN_PATH", "/again"})
      EXPECT_TRUE(contains(e.what(), word)) << "missing " << word << " in " << e.what();
  }
  EXPECT_FALSE(f.contains("again"));
}

TEST_F(StorageChunks, ReadingWithoutThePluginFailsClearly) {
  std::vector<int> values(5000);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<int>(i % 13);
  f.create_dataset("lzf", values, DatasetOptions{}.lzf());
  f.close();
  std::filesystem::create_directory(dir.path() / "no-plugins");
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  const test::CommandResult child = test::run_command(
      "HDF5_PLUGIN_PATH=" + test::shell_quote(dir / "no-plugins") + " H5KIT_LZF_FILE=" + test::shell_quote(path) +
      " " + test::shell_quote(self) +
      " --gtest_also_run_disabled_tests --gtest_filter=StorageChild.DISABLED_LzfWithoutPlugins");
  EXPECT_EQ(child.exit_code, 0) << child.output;
  EXPECT_TRUE(contains(child.output, "[  PASSED  ] 1 test")) << child.output;
  // With the plugin path back, the same file reads.
  File again(path, "r");
  EXPECT_EQ(again.dataset("lzf").read<std::vector<int>>(), values);
}

}  // namespace
}  // namespace h5kit

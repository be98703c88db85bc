// DatasetOptions beyond chunks and gzip: layouts, fill and allocation time, fletcher32,
// scaleoffset, szip, plugin filters, the generic filter() (with allow_unknown_filter) and external
// raw storage, with their bad inputs.
#include <cmath>
#include <filesystem>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

class StorageOptions : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "s.h5", "w"};
};

std::vector<int> ramp(std::size_t n) {
  std::vector<int> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<int>(i % 97);
  return v;
}

std::vector<int> filter_ids(const Dataset& d) {
  std::vector<int> ids;
  for (const FilterInfo& fi : d.filters()) ids.push_back(fi.id);
  return ids;
}

// Runs `f` and expects an InvalidArgumentError whose message holds every one of `words`.
template <class F>
void expect_refused(F&& f, const std::vector<std::string>& words) {
  try {
    f();
    ADD_FAILURE() << "no error";
  } catch (const InvalidArgumentError& e) {
    for (const std::string& w : words) EXPECT_NE(std::string(e.what()).find(w), std::string::npos) << e.what();
  }
}

// ---- layouts --------------------------------------------------------------------------------

TEST_F(StorageOptions, CompactLayoutHoldsSmallData) {
  Dataset d = f.create_dataset("c", ramp(100), DatasetOptions{}.layout(Layout::compact));
  EXPECT_EQ(d.layout(), Layout::compact);
  EXPECT_FALSE(d.chunks());
  EXPECT_EQ(d.read<std::vector<int>>(), ramp(100));
  f.close();
  File again(dir / "s.h5", "r");
  EXPECT_EQ(again.dataset("c").layout(), Layout::compact);
  EXPECT_EQ(again.dataset("c").read<std::vector<int>>(), ramp(100));
}

TEST_F(StorageOptions, CompactLayoutTooBigIsRefusedBeforeWriting) {
  // 20000 int32 = 80000 bytes: more than an object header message can hold.
  expect_refused([&] { f.create_dataset("big", ramp(20000), DatasetOptions{}.layout(Layout::compact)); },
                 {"compact", "65531 bytes", "80000 bytes", "contiguous or chunked", "/big"});
  EXPECT_FALSE(f.contains("big"));
  // The exact limit: HDF5 takes 65531 bytes and would refuse one more.
  Dataset edge = f.create_dataset("edge", Shape{65531}, Datatype::uint8(), DatasetOptions{}.layout(Layout::compact));
  EXPECT_EQ(edge.layout(), Layout::compact);
  expect_refused(
      [&] { f.create_dataset("over", Shape{65532}, Datatype::uint8(), DatasetOptions{}.layout(Layout::compact)); },
      {"65532 bytes"});
}

TEST_F(StorageOptions, CompactAndContiguousRefuseChunksFiltersAndGrowth) {
  expect_refused([&] { f.create_dataset("a", ramp(10), DatasetOptions{}.layout(Layout::compact).chunks({5})); },
                 {"compact layout cannot have chunks()"});
  expect_refused([&] { f.create_dataset("b", ramp(10), DatasetOptions{}.layout(Layout::contiguous).gzip()); },
                 {"contiguous layout cannot have filters"});
  expect_refused(
      [&] { f.create_dataset("c", ramp(10), DatasetOptions{}.layout(Layout::contiguous).maxshape({unlimited})); },
      {"contiguous layout cannot have a maxshape"});
  expect_refused([&] { f.create_dataset("d", ramp(10), DatasetOptions{}.layout(Layout::virtual_)); }, {"virtual"});
  EXPECT_EQ(f.size(), 0u);
}

TEST_F(StorageOptions, ChunkedLayoutAloneGuessesTheChunkShape) {
  Dataset d = f.create_dataset("k", ramp(5000), DatasetOptions{}.layout(Layout::chunked));
  EXPECT_EQ(d.layout(), Layout::chunked);
  EXPECT_EQ(d.chunks(), guess_chunk({5000}, std::nullopt, 4));
  EXPECT_TRUE(d.filters().empty());
  Dataset c = f.create_dataset("contig", ramp(5), DatasetOptions{}.layout(Layout::contiguous));
  EXPECT_EQ(c.layout(), Layout::contiguous);
}

TEST_F(StorageOptions, ChunkShapeErrorsNameTheShapes) {
  expect_refused([&] { f.create_dataset("a", Shape{10, 10}, Datatype::int8(), DatasetOptions{}.chunks({5})); },
                 {"chunk shape (5,)", "another rank", "(10, 10)"});
  expect_refused([&] { f.create_dataset("b", Shape{10}, Datatype::int8(), DatasetOptions{}.chunks({11})); },
                 {"within the maximum shape"});
  expect_refused(
      [&] { f.create_dataset("c", Shape{10}, Datatype::float64(),
                         DatasetOptions{}.maxshape({unlimited}).chunks({1u << 30})); },
      {"4 GiB"});
  EXPECT_EQ(f.size(), 0u);
}

// ---- fill and allocation time ---------------------------------------------------------------

TEST_F(StorageOptions, FillTimeDefaultsFollowH5py) {
  EXPECT_EQ(f.create_dataset("contig", ramp(4)).fill_time(), FillTime::ifset);  // HDF5's default
  EXPECT_EQ(f.create_dataset("chunked", ramp(4), DatasetOptions{}.chunks({2})).fill_time(), FillTime::alloc);
}

TEST_F(StorageOptions, FillTimeNeverLeavesTheFillValueUnwritten) {
  Dataset never = f.create_dataset("never", Shape{8}, Datatype::int32(),
                                   DatasetOptions{}.chunks({4}).fill_value(7).fill_time(FillTime::never));
  EXPECT_EQ(never.fill_time(), FillTime::never);
  EXPECT_EQ(never.fill_value<int>(), 7);
  Dataset ifset = f.create_dataset("ifset", Shape{8}, Datatype::int32(),
                                   DatasetOptions{}.chunks({4}).fill_value(7).fill_time(FillTime::ifset));
  EXPECT_EQ(ifset.fill_time(), FillTime::ifset);
  ifset.write_block(std::vector<int>{1}, {0});
  EXPECT_EQ(ifset.read<std::vector<int>>(), (std::vector<int>{1, 7, 7, 7, 7, 7, 7, 7}));
  Dataset alloc = f.create_dataset("alloc", Shape{3}, Datatype::float32(), DatasetOptions{}.fill_time(FillTime::alloc));
  EXPECT_EQ(alloc.fill_time(), FillTime::alloc);
}

// HDF5 leaves the part of a read buffer over never-written chunks untouched when the fill time is
// never (H5D__read): a reused NDArray kept its old values there, a fresh one held indeterminate memory.
// h5py chunks whenever maxshape is given, even equal to the shape (h5kit chunked only when it differed).
TEST_F(StorageOptions, AnyMaxshapeMeansChunkedUnlessALayoutIsGiven) {
  EXPECT_EQ(f.create_dataset("same", ramp(10), DatasetOptions{}.maxshape({10})).layout(), Layout::chunked);
  EXPECT_EQ(f.create_dataset("none", ramp(10)).layout(), Layout::contiguous);
  EXPECT_EQ(f.create_dataset("kept", ramp(10), DatasetOptions{}.maxshape({10}).layout(Layout::contiguous)).layout(),
            Layout::contiguous);
  EXPECT_THROW(f.create_dataset("bad", ramp(10), DatasetOptions{}.maxshape({20}).layout(Layout::contiguous)),
               InvalidArgumentError);
}

TEST_F(StorageOptions, NeverWrittenElementsReadAsTheFillValueOrZero) {
  Dataset with_fill = f.create_dataset("never7", Shape{8}, Datatype::int32(),
                                       DatasetOptions{}.chunks({4}).fill_value(7).fill_time(FillTime::never));
  Dataset without = f.create_dataset("never0", Shape{8}, Datatype::int32(),
                                     DatasetOptions{}.chunks({4}).fill_time(FillTime::never));
  with_fill.write_block(std::vector<int>{1, 2, 3, 4}, {0});  // the first chunk only
  without.write_block(std::vector<int>{1, 2, 3, 4}, {0});
  NDArray<int> buffer(Shape{8}, 99);  // the same shape, so the read reuses its storage
  with_fill.read(buffer);
  EXPECT_EQ(std::vector<int>(buffer.begin(), buffer.end()), (std::vector<int>{1, 2, 3, 4, 7, 7, 7, 7}));
  std::fill(buffer.begin(), buffer.end(), 99);
  without.read(buffer);
  EXPECT_EQ(std::vector<int>(buffer.begin(), buffer.end()), (std::vector<int>{1, 2, 3, 4, 0, 0, 0, 0}));
  // A block of the never-written chunk, a conversion on the way (int32 -> double) and read_direct into
  // part of a caller's buffer: the elements outside the destination selection keep their values.
  EXPECT_EQ(with_fill.read_block<std::vector<double>>({4}, {2}), (std::vector<double>{7, 7}));
  std::vector<int> direct(10, 99);
  with_fill.read_direct(ndview(direct.data(), Shape{10}), std::nullopt, Selection::block(Shape{10}, {1}, {8}));
  EXPECT_EQ(direct, (std::vector<int>{99, 1, 2, 3, 4, 7, 7, 7, 7, 99}));
}

// HDF5's default fill time (ifset) without a user fill value, as C programs, netCDF and h5py 3.12
// make chunked datasets: never-written chunks and unallocated contiguous storage read as zero.
TEST_F(StorageOptions, IfsetWithoutAFillValueReadsZeros) {
  Dataset chunked = f.create_dataset("chunked", Shape{8}, Datatype::int32(),
                                     DatasetOptions{}.chunks({4}).fill_time(FillTime::ifset));
  chunked.write_block(std::vector<int>{1, 2, 3, 4}, {0});
  Dataset contiguous = f.create_dataset("contiguous", Shape{8}, Datatype::int32());  // never written
  ASSERT_EQ(contiguous.storage_size(), 0u);
  NDArray<int> buffer(Shape{8}, 99);
  chunked.read(buffer);
  EXPECT_EQ(std::vector<int>(buffer.begin(), buffer.end()), (std::vector<int>{1, 2, 3, 4, 0, 0, 0, 0}));
  std::fill(buffer.begin(), buffer.end(), 99);
  contiguous.read(buffer);
  EXPECT_EQ(std::vector<int>(buffer.begin(), buffer.end()), std::vector<int>(8, 0));
}

TEST_F(StorageOptions, AllocTimeEarlyAllocatesAtCreation) {
  Dataset early = f.create_dataset("early", Shape{100}, Datatype::int32(),
                                   DatasetOptions{}.chunks({10}).alloc_time(AllocTime::early));
  EXPECT_EQ(early.alloc_time(), AllocTime::early);
  EXPECT_EQ(early.storage_size(), 400u);
  Dataset late = f.create_dataset("late", Shape{100}, Datatype::int32(), DatasetOptions{}.alloc_time(AllocTime::late));
  EXPECT_EQ(late.alloc_time(), AllocTime::late);
  EXPECT_EQ(late.storage_size(), 0u);
  Dataset incr = f.create_dataset("incr", Shape{100}, Datatype::int32(), DatasetOptions{}.chunks({10}));
  EXPECT_EQ(incr.alloc_time(), AllocTime::incremental);  // HDF5's default for chunked
  incr.write_block(std::vector<int>{1, 2}, {50});
  EXPECT_EQ(incr.storage_size(), 40u);  // one chunk
  expect_refused([&] { f.create_dataset("x", ramp(4), DatasetOptions{}.alloc_time(AllocTime::incremental)); },
                 {"incremental allocation needs chunked storage"});
}

// ---- filters --------------------------------------------------------------------------------

TEST_F(StorageOptions, FilterOrderScaleoffsetShuffleCompressorsFletcherLast) {
  Dataset d = f.create_dataset("order", ramp(1000),
                               DatasetOptions{}.fletcher32().filter(filter_id::lz4).gzip(3).shuffle().lzf());
  EXPECT_EQ(filter_ids(d), (std::vector<int>{2, 1, 32004, 32000, 3}));
  EXPECT_TRUE(d.fletcher32());
  EXPECT_EQ(d.read<std::vector<int>>(), ramp(1000));
  Dataset so = f.create_dataset("so", ramp(1000), DatasetOptions{}.gzip().shuffle().scaleoffset());
  EXPECT_EQ(filter_ids(so), (std::vector<int>{6, 2, 1}));
}

TEST_F(StorageOptions, Fletcher32AloneChoosesChunksAndRoundTrips) {
  Dataset d = f.create_dataset("fl", ramp(300), DatasetOptions{}.fletcher32());
  EXPECT_EQ(d.layout(), Layout::chunked);
  EXPECT_TRUE(d.fletcher32());
  EXPECT_FALSE(f.create_dataset("plain", ramp(3)).fletcher32());
  EXPECT_EQ(d.read<std::vector<int>>(), ramp(300));
}

TEST_F(StorageOptions, ScaleoffsetIntegersAreLossless) {
  std::vector<std::int64_t> big(1000);
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = 1000000 + static_cast<std::int64_t>(i % 50);
  Dataset d = f.create_dataset("so_int", big, DatasetOptions{}.scaleoffset());
  EXPECT_EQ(d.scaleoffset(), 0);
  EXPECT_EQ(d.read<std::vector<std::int64_t>>(), big);
  EXPECT_LT(d.storage_size(), big.size() * 8 / 4) << "50 distinct values need 6 bits";
  Dataset bits = f.create_dataset("so_bits", ramp(100), DatasetOptions{}.scaleoffset(7));
  EXPECT_EQ(bits.scaleoffset(), 7);
  EXPECT_EQ(bits.read<std::vector<int>>(), ramp(100));  // 0..96 fits 7 bits
  EXPECT_EQ(f.create_dataset("none", ramp(3)).scaleoffset(), std::nullopt);
}

TEST_F(StorageOptions, ScaleoffsetFloatsKeepDecimalDigits) {
  std::vector<double> v = {1.23456, -2.5, 3.14159, 100.009};
  EXPECT_EQ(f.create_dataset("so_f", v, DatasetOptions{}.scaleoffset(2)).scaleoffset(), 2);
  // Reads of a chunk still in the cache skip the filter: reopen to see what was stored.
  f.close();
  File again(dir / "s.h5", "r");
  const Dataset d = again.dataset("so_f");
  EXPECT_EQ(d.scaleoffset(), 2);
  const auto back = d.read<std::vector<double>>();
  ASSERT_EQ(back.size(), v.size());
  for (std::size_t i = 0; i < v.size(); ++i) EXPECT_NEAR(back[i], v[i], 0.006) << i;
  EXPECT_NE(back[0], v[0]) << "two decimal digits are kept, not more";
}

TEST_F(StorageOptions, BadScaleoffsetIsRefused) {
  expect_refused([&] { f.create_dataset("a", ramp(10), DatasetOptions{}.scaleoffset(-1)); }, {"scaleoffset", ">= 0"});
  expect_refused([&] { f.create_dataset("b", ramp(10), DatasetOptions{}.scaleoffset(33)); }, {"33 bits", "int32"});
  expect_refused([&] { f.create_dataset("c", ramp(10), DatasetOptions{}.scaleoffset().fletcher32()); },
                 {"fletcher32", "lossy"});
  expect_refused(
      [&] {
        f.create_dataset("d", std::vector<std::string>{"a", "b"}, DatasetOptions{}.scaleoffset());
      },
      {"integer and floating-point"});
  // Without a digit count floats would keep 0 digits: {1.234, 2.718, 3.5} read back as
  // {1.234, 2.234, 3.234}. Refused, for float32 and float64, before anything is written.
  expect_refused([&] { f.create_dataset("e", std::vector<double>{1.234, 2.718, 3.5}, DatasetOptions{}.scaleoffset()); },
                 {"scaleoffset", "float64", "decimal digits"});
  expect_refused([&] { f.create_dataset("g", std::vector<float>{1.5f}, DatasetOptions{}.scaleoffset()); },
                 {"float32", "decimal digits"});
  EXPECT_EQ(f.size(), 0u);
  // An explicit 0 is a choice (round to whole numbers), as in h5py.
  EXPECT_EQ(f.create_dataset("h", std::vector<double>{1.0, 2.0}, DatasetOptions{}.scaleoffset(0)).scaleoffset(), 0);
}

TEST_F(StorageOptions, SzipEncodesWhereLibaecProvidesIt) {
  const FilterAvailability szip = filter_availability(filter_id::szip);
  ASSERT_TRUE(szip.available && szip.can_decode);
  if (!szip.can_encode) {
    expect_refused([&] { f.create_dataset("sz", ramp(1000), DatasetOptions{}.szip()); }, {"4 (szip)", "encoder"});
    return;
  }
  Dataset nn = f.create_dataset("nn", ramp(1000), DatasetOptions{}.szip(SzipCoding::nn, 8));
  Dataset ec = f.create_dataset("ec", ramp(1000), DatasetOptions{}.szip(SzipCoding::ec, 32));
  EXPECT_EQ(filter_ids(nn), std::vector<int>{4});
  EXPECT_EQ(nn.read<std::vector<int>>(), ramp(1000));
  EXPECT_EQ(ec.read<std::vector<int>>(), ramp(1000));
  EXPECT_EQ(nn.filters()[0].values[1], 8u);  // client data: options mask, pixels per block, ...
  EXPECT_EQ(ec.filters()[0].values[1], 32u);
  for (unsigned bad : {0u, 7u, 34u})
    expect_refused([&] { f.create_dataset("bad", ramp(100), DatasetOptions{}.szip(SzipCoding::nn, bad)); },
                   {"pixels_per_block", std::to_string(bad)});
}

TEST_F(StorageOptions, PluginFiltersRoundTrip) {
  struct Case {
    const char* name;
    DatasetOptions options;
    int id;
  };
  std::vector<Case> cases = {
      {"lzf", DatasetOptions{}.lzf(), filter_id::lzf},
      {"lz4", DatasetOptions{}.filter(filter_id::lz4), filter_id::lz4},
      {"bzip2", DatasetOptions{}.filter(filter_id::bzip2, {9}), filter_id::bzip2},
      // client data: block size (0: automatic), then 2 for LZ4 compression after the shuffle
      {"bitshuffle", DatasetOptions{}.filter(filter_id::bitshuffle, {0, 2}), filter_id::bitshuffle},
  };
  const std::vector<int> data = ramp(20000);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Dataset d = f.create_dataset(c.name, data, c.options);
    ASSERT_EQ(d.filters().size(), 1u);
    EXPECT_EQ(d.filters()[0].id, c.id);
    EXPECT_EQ(d.read<std::vector<int>>(), data);
    EXPECT_LT(d.storage_size(), data.size() * sizeof(int));
  }
  EXPECT_TRUE(f.dataset("lzf").filters()[0].optional) << "h5py marks LZF optional";
  EXPECT_FALSE(f.dataset("lz4").filters()[0].optional);
  EXPECT_EQ(f.dataset("bzip2").filters()[0].values.at(0), 9u);
}

TEST_F(StorageOptions, UnavailableFilterIsRefusedAtCreationNamingThePluginPath) {
  const std::vector<std::string> paths = plugin_paths();
  ASSERT_FALSE(paths.empty());
  expect_refused([&] { f.create_dataset("x", ramp(10), DatasetOptions{}.filter(40000)); },
                 {"filter 40000 is not available", paths[0], "nothing was written", "/x"});
  expect_refused([&] { f.create_dataset("y", ramp(10), DatasetOptions{}.filter(40000, {}, true)); },
                 {"filter 40000"});
  expect_refused([&] { f.create_dataset("z", ramp(10), DatasetOptions{}.filter(70000)); }, {"0 to 65535"});
  expect_refused([&] { f.create_dataset("w", ramp(10), DatasetOptions{}.gzip(-2)); }, {"gzip level"});
  EXPECT_EQ(f.size(), 0u);
  EXPECT_FALSE(filter_availability(40000).available);
  EXPECT_TRUE(filter_availability(filter_id::lzf).can_encode);
}

TEST_F(StorageOptions, AllowUnknownFilterStoresDataCompressedElsewhere) {
  // h5py's allow_unknown_filter: the filter is recorded, chunks written directly are kept as given,
  // and reading needs the filter, which this process does not have.
  const Dataset d = f.create_dataset("x", Shape{8}, dtype<std::int32_t>(),
                                     DatasetOptions{}.chunks({4}).filter(40000, {7}, true).allow_unknown_filter());
  ASSERT_EQ(d.filters().size(), 1u);
  EXPECT_EQ(d.filters()[0].id, 40000);
  EXPECT_EQ(d.filters()[0].values, std::vector<unsigned>{7});
  expect_refused([&] { f.create_dataset("y", ramp(8), DatasetOptions{}.filter(40000).allow_unknown_filter()); },
                 {"only as optional", "filter(40000, values, true)"});
  const std::vector<std::byte> stored(5, std::byte{0x2a});  // "compressed" bytes from another program
  d.write_chunk({4}, stored);
  EXPECT_EQ(d.read_chunk({4}).bytes, stored);
  try {
    d.read<std::vector<std::int32_t>>();
    ADD_FAILURE() << "reading needs the filter";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("40000"), std::string::npos) << e.what();
  }
}

// ---- external raw storage (h5py's external=) -------------------------------------------------

TEST_F(StorageOptions, ExternalStorageKeepsTheDataInPlainFiles) {
  const std::string raw = dir / "raw.bin";
  const Dataset d = f.create_dataset("x", std::vector<std::int32_t>{1, 2, 3, 4},
                                     DatasetOptions{}.external({{raw, 0, unlimited}}));
  EXPECT_EQ(d.layout(), Layout::contiguous);
  EXPECT_EQ(d.external(), (std::vector<ExternalFile>{{raw, 0, unlimited}}));
  EXPECT_EQ(std::filesystem::file_size(raw), 16u);
  EXPECT_EQ(d.read<std::vector<std::int32_t>>(), (std::vector<std::int32_t>{1, 2, 3, 4}));
  EXPECT_TRUE(f.create_dataset("inside", std::vector<int>{1}).external().empty());

  // Two files with offsets: 8 bytes after a 4-byte header of a.bin, the rest in b.bin.
  const Dataset split = f.create_dataset("split", std::vector<std::int16_t>{10, 20, 30, 40, 50, 60},
                                         DatasetOptions{}.external({{dir / "a.bin", 4, 8}, {dir / "b.bin", 0, 4}}));
  EXPECT_EQ(split.read<std::vector<std::int16_t>>(), (std::vector<std::int16_t>{10, 20, 30, 40, 50, 60}));
  EXPECT_EQ(std::filesystem::file_size(dir / "a.bin"), 12u);
  EXPECT_EQ(split.external().at(1).size, 4u);
}

TEST_F(StorageOptions, ExternalStorageWithARelativeNameAndAPrefix) {
  {
    File g(dir / "rel.h5", "w");
    g.create_dataset("x", std::vector<double>{0.5, 1.5}, DatasetOptions{}.external({{"rel.bin"}}));
  }
  // HDF5 resolved the name against the working directory when writing: move the bytes beside the
  // HDF5 file, then read them through ${ORIGIN}.
  std::filesystem::rename("rel.bin", dir / "rel.bin");
  File g(dir / "rel.h5", "r");
  const Dataset x = g.dataset("x", DatasetAccess{}.external_prefix("${ORIGIN}"));
  EXPECT_EQ(x.read<std::vector<double>>(), (std::vector<double>{0.5, 1.5}));
}

TEST_F(StorageOptions, ExternalStorageRefusesWhatItCannotHold) {
  expect_refused([&] { f.create_dataset("a", ramp(10), DatasetOptions{}.external({{dir / "a.bin", 0, 39}})); },
                 {"the external files hold 39 bytes, the data needs 40", "(10,)"});
  expect_refused([&] { f.create_dataset("b", ramp(10), DatasetOptions{}.external({{dir / "b.bin"}}).gzip()); },
                 {"external storage is contiguous"});
  expect_refused([&] {
    f.create_dataset("c", ramp(10), DatasetOptions{}.external({{dir / "c1.bin"}, {dir / "c2.bin", 0, 40}}));
  }, {"only the last external file can be unlimited"});
  expect_refused([&] { f.create_dataset("d", ramp(10), DatasetOptions{}.external({{""}})); }, {"has no name"});
  expect_refused([&] {
    f.create_dataset("e", Shape{10}, dtype<int>(),
                     DatasetOptions{}.maxshape({unlimited}).external({{dir / "e.bin", 0, 40}}));
  }, {"can grow without bound"});
  EXPECT_EQ(f.size(), 0u);
}

TEST(PluginPath, DebianDefaultWhenTheEnvironmentDoesNotSetOne) {
  if (std::getenv("HDF5_PLUGIN_PATH")) GTEST_SKIP() << "HDF5_PLUGIN_PATH is set";
  EXPECT_EQ(plugin_paths(), std::vector<std::string>{"/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins"});
}

}  // namespace
}  // namespace h5kit

// Growing, iterating and "like" datasets across the h5kit <-> h5py boundary.
//   A: h5kit appends (rows, blocks, strings), resizes one axis, streams through an Appender and makes
//      a dataset like another; h5py reads each (h5py_growing.py check-written).
//   B: h5py writes a chunked dataset with its own iter_chunks() blocks; h5kit's iter_chunks() gives
//      the same blocks in the same order, over the extent and over a region.
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/appender.hpp"
#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "interop/peer_file_fixture.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

constexpr char kScript[] = "h5py_growing.py";

TEST(interop_growing, H5pyReadsAppendsResizesAndLikeDatasets) {
  TempDir dir;
  const std::string path = dir / "grown.h5";
  {
    File f(path, "w");
    Dataset log = f.create_dataset("log", Shape{0, 3}, dtype<double>(), DatasetOptions{}.maxshape({unlimited, 3}));
    log.append(std::vector<double>{0, 1, 2});
    log.append(std::vector<std::vector<double>>{{3, 4, 5}, {6, 7, 8}, {9, 10, 11}});
    Dataset names = f.create_dataset("names", Shape{0}, dtype<std::string>(), DatasetOptions{}.maxshape({unlimited}));
    names.append(std::string("alpha"));
    names.append(std::vector<std::string>{"beta", "gamma"});
    Dataset cols = f.create_dataset("cols", std::vector<std::vector<std::int32_t>>{{1, 2}, {3, 4}},
                                    DatasetOptions{}.maxshape({2, unlimited}));
    cols.resize(3, 1);
    Dataset stream = f.create_dataset("stream", Shape{0}, dtype<std::int64_t>(),
                                      DatasetOptions{}.maxshape({unlimited}).chunks({128}));
    Appender<std::int64_t> rows(stream, 300);
    for (std::int64_t i = 0; i < 1000; ++i) rows.append(i);
    rows.close();
    Dataset model = f.create_dataset("model", Shape{5, 4}, dtype<float>(),
                                     DatasetOptions{}.chunks({2, 4}).maxshape({unlimited, 4}).gzip(3).shuffle()
                                         .fletcher32().fill_value(-1.0f));
    model.write(NDArray<float>(Shape{5, 4}, 2.0f));
    f.create_dataset_like("like", model);
    f.create_dataset("grid", Shape{2, 3}, std::vector<std::int32_t>{0, 1, 2, 3, 4, 5});
  }
  EXPECT_TRUE(run_peer_case(kScript, "check-written", {path}));
}

class interop_growing_from_h5py : public PeerFileTest<"h5py_growing.py", "write-chunked", "chunked.h5"> {};

// h5py's blocks as stored: (n, rank, 2) of [start, stop).
std::vector<Block> h5py_blocks(const Dataset& stored) {
  const auto table = stored.read<NDArray<std::int64_t>>();
  std::vector<Block> out;
  const std::size_t rank = table.shape()[1];
  for (std::size_t i = 0; i < table.shape()[0]; ++i) {
    Block b{Shape(rank), Shape(rank)};
    for (std::size_t a = 0; a < rank; ++a) {
      const auto start = static_cast<std::size_t>(table.data()[(i * rank + a) * 2]);
      const auto stop = static_cast<std::size_t>(table.data()[(i * rank + a) * 2 + 1]);
      b.offset[a] = start;
      b.count[a] = stop - start;
    }
    out.push_back(b);
  }
  return out;
}

TEST_F(interop_growing_from_h5py, IterChunksGivesH5pysBlocksInH5pysOrder) {
  const Dataset d = file_.dataset("d");
  const ChunkBlocks all = d.iter_chunks();
  EXPECT_EQ(std::vector<Block>(all.begin(), all.end()), h5py_blocks(file_.dataset("blocks")));
  const ChunkBlocks part = d.iter_chunks(Block{{2, 1}, {5, 8}});
  EXPECT_EQ(std::vector<Block>(part.begin(), part.end()), h5py_blocks(file_.dataset("region_blocks")));
  // And the rows of an h5py file, read one by one, are its rows.
  std::int64_t total = 0;
  for (DatasetSelection row : d.rows())
    for (std::int16_t v : row.read<std::vector<std::int16_t>>()) total += v;
  EXPECT_EQ(total, 89 * 90 / 2);
}

}  // namespace
}  // namespace h5kit::test

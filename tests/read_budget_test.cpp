// Reads whose size the file decides: past size_t, past the read budget or past memory, each is an
// OutOfMemoryError naming the object before anything is allocated (issue 19, bugs 2 to 4).
#include "h5kit/read_budget.hpp"

#include <limits>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

class ReadBudgetTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "b.h5", "w"};
};

// What the error must say to be useful: the object, the file and why.
void expect_names_the_read(const OutOfMemoryError& e, const std::string& object, const std::string& why) {
  const std::string m = e.what();
  EXPECT_EQ(e.kind(), ErrorKind::out_of_memory);
  EXPECT_EQ(e.object(), object) << m;
  EXPECT_NE(e.file().find("b.h5"), std::string::npos) << m;
  EXPECT_NE(m.find(why), std::string::npos) << m;
  EXPECT_NE(m.find("read a selection of it"), std::string::npos) << m;
}

// (2^61 + 1,) int64 is 2^64 + 8 bytes: the product wrapped to an 8-byte buffer that HDF5 then
// filled past its end. Unwritten and chunked, such a dataset costs a few hundred bytes on disk.
TEST_F(ReadBudgetTest, AShapeWhoseBytesOverflowSizeTIsAnErrorNotASmallBuffer) {
  const std::size_t huge = (std::size_t{1} << 61) + 1;
  const Dataset d = f.create_dataset("huge", Shape{huge}, Datatype::int64(), DatasetOptions{}.chunks({1024}));
  ASSERT_EQ(d.shape(), Shape{huge});
  try {
    (void)d.read_native();
    FAIL() << "read_native of 2^64 + 8 bytes";
  } catch (const OutOfMemoryError& e) {
    expect_names_the_read(e, "/huge", "(2305843009213693953,) in 8-byte elements is more bytes than this machine");
  }
  try {
    (void)d.read<NDArray<std::int64_t>>();
    FAIL() << "read<NDArray> of 2^64 + 8 bytes";
  } catch (const OutOfMemoryError& e) {
    expect_names_the_read(e, "/huge", "more bytes than this machine can address");
  }
  EXPECT_EQ(d[{s(0, 3)}].read<std::vector<std::int64_t>>(), (std::vector<std::int64_t>{0, 0, 0}));
  EXPECT_EQ(element_count(Shape{huge, 8}), std::numeric_limits<std::size_t>::max());
  EXPECT_EQ(element_count(Shape{huge, 8, 0}), 0u);
  EXPECT_FALSE(byte_count(Shape{huge}, 8).has_value());
  EXPECT_EQ(byte_count(Shape{huge}, 4), std::optional<std::size_t>{huge * 4});
}

// 2^60 + 1 doubles count in a size_t but are more than a std::vector can hold: its length_error
// (as a failed allocation's bad_alloc would) becomes the same OutOfMemoryError.
TEST_F(ReadBudgetTest, AnAllocationThatFailsIsAnOutOfMemoryErrorNotAForeignException) {
  const std::size_t past_max = (std::size_t{1} << 60) + 1;
  ASSERT_GT(past_max, std::vector<double>().max_size());
  const Dataset d = f.create_dataset("wide", Shape{past_max}, Datatype::float64(), DatasetOptions{}.chunks({1024}));
  try {
    (void)d.read<std::vector<double>>();
    FAIL() << "read 2^63 bytes into a vector";
  } catch (const OutOfMemoryError& e) {
    expect_names_the_read(e, "/wide", "could not be allocated");
  }
}

TEST_F(ReadBudgetTest, AReadOverTheBudgetIsRefusedAndASelectionUnderItReads) {
  std::vector<double> values(1000);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = 0.5 * static_cast<double>(i);
  const Dataset d = f.create_dataset("x", values);
  d.attrs().set("calibration", values);
  {
    const ScopedReadBudget budget(1024);
    EXPECT_EQ(read_budget(), 1024u);
    try {
      (void)d.read<std::vector<double>>();
      FAIL() << "read 8000 bytes under a budget of 1024";
    } catch (const OutOfMemoryError& e) {
      expect_names_the_read(e, "/x", "needs 8000 bytes, more than the read budget of 1024 bytes");
    }
    try {
      (void)d.attrs().get<std::vector<double>>("calibration");
      FAIL() << "read an 8000-byte attribute under a budget of 1024";
    } catch (const OutOfMemoryError& e) {
      EXPECT_EQ(e.operation(), "read attribute");
      EXPECT_NE(std::string(e.what()).find("read budget"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)d.read_native(), OutOfMemoryError);
    EXPECT_EQ(d[{s(10, 13)}].read<std::vector<double>>(), (std::vector<double>{5.0, 5.5, 6.0}));
    EXPECT_EQ(d[{s(0, 128)}].read<std::vector<double>>().size(), 128u);  // exactly the budget
  }
  EXPECT_EQ(read_budget(), unlimited_read_budget);
  EXPECT_EQ(d.read<std::vector<double>>(), values);
}

}  // namespace
}  // namespace h5kit

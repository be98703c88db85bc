// h5kit::float16 and Datatype::float16(): bit-exact conversions, storage, and HDF5's float conversion
// between half and float/double datasets.
#include "h5kit/float16.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;

bool is_nan_bits(std::uint16_t h) { return (h & 0x7c00u) == 0x7c00u && (h & 0x3ffu) != 0; }

TEST(Float16, EveryHalfSurvivesTheRoundTripThroughFloat) {
  for (std::uint32_t bits = 0; bits <= 0xffffu; ++bits) {
    const auto h = float16::from_bits(static_cast<std::uint16_t>(bits));
    const float f = h;
    const float16 back(f);
    if (is_nan_bits(h.bits())) {
      EXPECT_TRUE(std::isnan(f)) << std::hex << bits;
      EXPECT_EQ(back.bits(), h.bits()) << "NaN payload kept, " << std::hex << bits;
    } else {
      ASSERT_EQ(back.bits(), h.bits()) << std::hex << bits << " -> " << f;
    }
  }
}

TEST(Float16, KnownValues) {
  EXPECT_EQ(float16(1.0f).bits(), 0x3c00u);
  EXPECT_EQ(float16(-2.0f).bits(), 0xc000u);
  EXPECT_EQ(float16(65504.0f).bits(), 0x7bffu);                    // largest finite
  EXPECT_EQ(float16(0x1p-24f).bits(), 0x0001u);                    // smallest subnormal
  EXPECT_EQ(float16(0x1p-14f).bits(), 0x0400u);                    // smallest normal
  EXPECT_EQ(float16(-0.0f).bits(), 0x8000u);
  EXPECT_EQ(float16(std::numeric_limits<float>::infinity()).bits(), 0x7c00u);
  EXPECT_EQ(float(float16::from_bits(0x3555)), 0.333251953125f);
}

TEST(Float16, RoundsToNearestTiesToEvenLikeNumpy) {
  // Exactly between two halves: the one with an even mantissa wins.
  EXPECT_EQ(float16(1.0f + 0x1p-11f).bits(), 0x3c00u);                 // 1 and 1+2^-10: down to 1
  EXPECT_EQ(float16(1.0f + 3 * 0x1p-11f).bits(), 0x3c02u);             // up to the even 1+2^-9
  EXPECT_EQ(float16(1.0f + 0x1p-11f + 0x1p-20f).bits(), 0x3c01u);      // just above the tie: up
  EXPECT_EQ(float16(0x1p-25f).bits(), 0x0000u);                        // half the smallest subnormal: to 0
  EXPECT_EQ(float16(0x1.8p-24f).bits(), 0x0002u);                      // 1.5 subnormal units: to even 2
  EXPECT_EQ(float16(0x1.000002p-25f).bits(), 0x0001u);                 // above the tie: 1
  // Overflow: 65520 is the midpoint between 65504 and 2^16 and rounds to even, i.e. to inf (numpy too).
  EXPECT_EQ(float16(65519.0f).bits(), 0x7bffu);
  EXPECT_EQ(float16(65520.0f).bits(), 0x7c00u);
  EXPECT_EQ(float16(1e10f).bits(), 0x7c00u);
  EXPECT_EQ(float16(-1e10f).bits(), 0xfc00u);
  // Every midpoint between consecutive finite positive halves goes to the even neighbour.
  for (std::uint16_t b = 0; b < 0x7bff; ++b) {
    const float lo = float16::from_bits(b), hi = float16::from_bits(static_cast<std::uint16_t>(b + 1));
    const float mid = lo + (hi - lo) / 2;  // exact in float
    const std::uint16_t even = (b & 1u) ? static_cast<std::uint16_t>(b + 1) : b;
    ASSERT_EQ(float16(mid).bits(), even) << std::hex << b;
  }
}

TEST(Float16, ComparesAsIeee) {
  EXPECT_EQ(float16(0.0f), float16(-0.0f));
  const float16 nan(std::numeric_limits<float>::quiet_NaN());
  EXPECT_FALSE(nan == nan);
  EXPECT_EQ(float16(1.5f), 1.5f);
}

TEST(Float16, DatatypeIsIeeeHalf) {
  const Datatype t = Datatype::float16();
  EXPECT_EQ(t.type_class(), TypeClass::floating);
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.name(), "float16");
  EXPECT_EQ(t.byte_order(), ByteOrder::little);
  EXPECT_EQ(dtype<std::vector<float16>>(), t);
  EXPECT_FALSE(t == Datatype::float32());
  EXPECT_EQ(t.with_byte_order(ByteOrder::big).name(), "float16be");
}

TEST(Float16, WritesAndReadsHalfValuesExactly) {
  TempDir dir;
  File f(dir / "half.h5", "w");
  std::vector<float16> values;
  for (float v : {0.0f, -1.5f, 0.1f, 65504.0f, 0x1p-24f, std::numeric_limits<float>::infinity()})
    values.emplace_back(v);
  const Dataset ds = f.create_dataset("h", values);
  EXPECT_EQ(ds.dtype().name(), "float16");
  const auto back = ds.read<std::vector<float16>>();
  ASSERT_EQ(back.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) EXPECT_EQ(back[i].bits(), values[i].bits()) << i;
  f.attrs().set("scale", float16(0.25f));
  EXPECT_EQ(f.attrs().get<float16>("scale").bits(), 0x3400u);
}

TEST(Float16, HalfDatasetsReadAsFloatAndDoubleThroughHdf5Conversion) {
  TempDir dir;
  File f(dir / "half.h5", "w");
  const std::vector<float16> values = {float16(-1.5f), float16(0.1f), float16(65504.0f), float16(0x1p-24f)};
  const Dataset ds = f.create_dataset("h", values);
  const auto as_float = ds.read<std::vector<float>>();
  const auto as_double = ds.read<std::vector<double>>();
  for (std::size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(as_float[i], float(values[i])) << i;
    EXPECT_EQ(as_double[i], double(float(values[i]))) << i;
  }
}

TEST(Float16, FloatsWrittenIntoAHalfDatasetRoundAndOverflowToInfinity) {
  TempDir dir;
  File f(dir / "half.h5", "w");
  const std::vector<float> values = {1.0f, 0.1f, -2.5f, 1e6f, -1e6f, 65504.0f};
  const Dataset ds = f.create_dataset("h", values, DatasetOptions{}.dtype(Datatype::float16()));
  EXPECT_EQ(ds.dtype().name(), "float16");
  const auto back = ds.read<std::vector<float16>>();
  EXPECT_EQ(back[0].bits(), 0x3c00u);
  EXPECT_EQ(back[1].bits(), float16(0.1f).bits());
  EXPECT_EQ(back[2].bits(), float16(-2.5f).bits());
  EXPECT_EQ(back[3].bits(), 0x7c00u);  // as numpy: too large becomes inf, not an error
  EXPECT_EQ(back[4].bits(), 0xfc00u);
  EXPECT_EQ(back[5].bits(), 0x7bffu);
  const std::vector<double> doubles = {0.5, 1e300};
  const Dataset d2 = f.create_dataset("from_double", doubles, DatasetOptions{}.dtype(Datatype::float16()));
  const auto back2 = d2.read<std::vector<float16>>();
  EXPECT_EQ(back2[0].bits(), 0x3800u);
  EXPECT_EQ(back2[1].bits(), 0x7c00u);
}

TEST(Float16, DoublesRoundOnceNotThroughFloat) {
  // Just above a tie: through float it would become the tie itself and then round to even (down).
  EXPECT_EQ(float16(1.0 + 0x1p-11 + 0x1p-40).bits(), 0x3c01u);
  EXPECT_EQ(float16(1.0 + 0x1p-11).bits(), 0x3c00u);
  EXPECT_EQ(float16(65519.99).bits(), 0x7bffu);
  EXPECT_EQ(float16(1e300).bits(), 0x7c00u);
  EXPECT_EQ(float16(0x1p-25 + 0x1p-60).bits(), 0x0001u);
}

TEST(Float16, HdfFiveConversionsIntoHalfRoundLikeNumpy) {
  // HDF5 1.10's own float-to-half conversion rounds ties up and turns 65520 into 32768; h5kit
  // registers float16's rounding in its place, for little- and big-endian half datasets alike.
  TempDir dir;
  File f(dir / "half.h5", "w");
  const std::vector<float> floats = {1.0f + 0x1p-11f, 1.0f + 3 * 0x1p-11f, 65519.0f, 65520.0f, 0x1p-25f};
  const std::vector<std::uint16_t> expected = {0x3c00, 0x3c02, 0x7bff, 0x7c00, 0x0000};
  for (const ByteOrder order : {ByteOrder::little, ByteOrder::big}) {
    const std::string name = order == ByteOrder::big ? "be" : "le";
    const Datatype half = Datatype::float16().with_byte_order(order);
    const auto from_float = f.create_dataset(name + "_f", floats, DatasetOptions{}.dtype(half))
                                .read<std::vector<float16>>();
    const auto from_double =
        f.create_dataset(name + "_d", std::vector<double>(floats.begin(), floats.end()), DatasetOptions{}.dtype(half))
            .read<std::vector<float16>>();
    for (std::size_t i = 0; i < floats.size(); ++i) {
      EXPECT_EQ(from_float[i].bits(), expected[i]) << name << " float " << i;
      EXPECT_EQ(from_double[i].bits(), expected[i]) << name << " double " << i;
    }
  }
}

TEST(Float16, HalfIntoIntegerIsRangeChecked) {
  TempDir dir;
  File f(dir / "half.h5", "w");
  const Dataset ds = f.create_dataset("h", std::vector<float16>{float16(3.0f), float16(1000.0f)});
  EXPECT_EQ(ds.read<std::vector<std::int16_t>>(), (std::vector<std::int16_t>{3, 1000}));
  EXPECT_THROW(ds.read<std::vector<std::int8_t>>(), TypeMismatchError);  // 1000 does not fit int8
  const Dataset strings = f.create_dataset("s", std::vector<std::string>{"x"});
  EXPECT_THROW(strings.read<std::vector<float16>>(), TypeMismatchError);
}

}  // namespace
}  // namespace h5kit

#pragma once
// h5kit::float16: IEEE 754 binary16, numpy's float16, as a 16-bit storage type. g++ 12 has no
// std::float16_t; arithmetic happens in float (the conversion to float is exact and implicit, the
// ones from float and double round to nearest, ties to even, as numpy does, and are explicit).
// The same rounding is what HDF5 uses when h5kit writes float or double data into a float16
// dataset: h5kit registers it as HDF5's conversion for those pairs, replacing HDF5 1.10's own,
// which rounds ties up and turns 65520 into 32768 (see docs/types.md).
#include <bit>
#include <cstdint>

#include "h5kit/datatype.hpp"
#include "h5kit/inspector.hpp"

namespace h5kit {

class float16 {
 public:
  float16() = default;
  explicit float16(float value) noexcept : bits_(from_float(value)) {}
  explicit float16(double value) noexcept : bits_(from_double(value)) {}

  static constexpr float16 from_bits(std::uint16_t bits) noexcept {
    float16 h;
    h.bits_ = bits;
    return h;
  }
  constexpr std::uint16_t bits() const noexcept { return bits_; }

  operator float() const noexcept { return to_float(bits_); }

  // IEEE comparison: NaN equals nothing, +0 equals -0.
  friend bool operator==(float16 a, float16 b) noexcept { return float(a) == float(b); }

 private:
  static float to_float(std::uint16_t h) noexcept {
    const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
    const std::uint32_t exponent = (h >> 10) & 0x1fu;
    const std::uint32_t mantissa = h & 0x3ffu;
    if (exponent == 0) {
      // Zero or subnormal: mantissa * 2^-24, exact in float.
      const float magnitude = static_cast<float>(mantissa) * 0x1p-24f;
      return std::bit_cast<float>(std::bit_cast<std::uint32_t>(magnitude) | sign);
    }
    if (exponent == 31) return std::bit_cast<float>(sign | 0x7f800000u | (mantissa << 13));  // inf, NaN
    return std::bit_cast<float>(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  static std::uint16_t from_float(float f) noexcept {
    return from_binary<std::uint32_t, 23, 127>(std::bit_cast<std::uint32_t>(f));
  }
  static std::uint16_t from_double(double d) noexcept {
    // Directly, not through float: rounding twice would break ties (numpy converts directly too).
    return from_binary<std::uint64_t, 52, 1023>(std::bit_cast<std::uint64_t>(d));
  }

  // An IEEE binary32/binary64 bit pattern to binary16, rounding to nearest, ties to even.
  template <class UInt, int MantissaBits, int Bias>
  static std::uint16_t from_binary(UInt x) noexcept {
    constexpr int kTotalBits = 8 * sizeof(UInt);
    constexpr int kDropped = MantissaBits - 10;  // mantissa bits binary16 has no room for
    constexpr UInt kOne = 1;
    constexpr UInt kExponentMask = ((kOne << (kTotalBits - 1 - MantissaBits)) - 1) << MantissaBits;
    constexpr UInt kMantissaMask = (kOne << MantissaBits) - 1;
    const auto sign = static_cast<std::uint16_t>((x >> (kTotalBits - 16)) & 0x8000u);
    const UInt magnitude = x & ~(kOne << (kTotalBits - 1));
    if (magnitude >= kExponentMask) {
      // inf stays inf; a NaN keeps the top 10 payload bits, and stays a NaN when those are all
      // zero (numpy's rule, so the bits match numpy's too).
      if (magnitude == kExponentMask) return sign | 0x7c00u;
      const auto payload = static_cast<std::uint16_t>((magnitude >> kDropped) & 0x3ffu);
      return static_cast<std::uint16_t>(sign | 0x7c00u | (payload != 0 ? payload : 1u));
    }
    const auto biased = static_cast<std::int32_t>(magnitude >> MantissaBits);
    const std::int32_t exponent = biased - Bias + 15;  // binary16 exponent, bias 15
    if (exponent >= 31) return sign | 0x7c00u;          // too large: inf, as numpy
    UInt result, rest, half;
    if (exponent > 0) {
      // Normal: a carry out of the mantissa when rounding bumps the exponent (and turns 65520 and
      // above into inf), which is the right result.
      result = (static_cast<UInt>(exponent) << 10) | ((magnitude >> kDropped) & 0x3ffu);
      rest = magnitude & ((kOne << kDropped) - 1);
      half = kOne << (kDropped - 1);
    } else {
      // Subnormal (or zero) in binary16: the value in units of 2^-24.
      if (biased == 0) return sign;  // subnormal inputs are far below binary16's smallest value
      const UInt significand = (magnitude & kMantissaMask) | (kOne << MantissaBits);
      const std::int32_t shift = kDropped + 1 - exponent;
      if (shift > MantissaBits + 1) return sign;  // below half the smallest subnormal
      result = significand >> shift;
      rest = significand & ((kOne << shift) - 1);
      half = kOne << (shift - 1);
    }
    if (rest > half || (rest == half && (result & 1u))) ++result;
    return static_cast<std::uint16_t>(sign | result);
  }

  std::uint16_t bits_ = 0;
};

static_assert(sizeof(float16) == 2);

namespace detail {
// Makes HDF5 convert float and double to binary16 with float16's rounding (once per process).
void register_float16_conversions();
}  // namespace detail

template <>
struct inspector<float16> : scalar_inspector<float16> {
  static Datatype datatype() { return Datatype::float16(); }
};

}  // namespace h5kit

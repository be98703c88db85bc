#pragma once
// h5kit::float16: IEEE 754 binary16, numpy's float16, as a 16-bit storage type. g++ 12 has no
// std::float16_t; arithmetic happens in float (the conversion to float is exact and implicit, the
// one from float rounds to nearest, ties to even, as numpy does, and is explicit).
#include <bit>
#include <cstdint>

#include "h5kit/datatype.hpp"
#include "h5kit/inspector.hpp"

namespace h5kit {

class float16 {
 public:
  float16() = default;
  explicit float16(float value) noexcept : bits_(from_float(value)) {}
  explicit float16(double value) noexcept : float16(static_cast<float>(value)) {}

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
    const std::uint32_t x = std::bit_cast<std::uint32_t>(f);
    const auto sign = static_cast<std::uint16_t>((x >> 16) & 0x8000u);
    const std::uint32_t magnitude = x & 0x7fffffffu;
    if (magnitude >= 0x7f800000u) {
      // inf stays inf; a NaN keeps the top 10 payload bits, and stays a NaN when those are all
      // zero (numpy's rule, so the bits match numpy's too).
      if (magnitude == 0x7f800000u) return sign | 0x7c00u;
      const std::uint32_t payload = (magnitude >> 13) & 0x3ffu;
      return static_cast<std::uint16_t>(sign | 0x7c00u | (payload != 0 ? payload : 1u));
    }
    const auto biased = static_cast<std::int32_t>(magnitude >> 23);  // float exponent, bias 127
    const std::int32_t exponent = biased - 112;                      // binary16 exponent, bias 15
    if (exponent >= 31) return sign | 0x7c00u;                       // too large: inf, as numpy
    std::uint32_t result, rest, half;
    if (exponent > 0) {
      // Normal: keep 10 of float's 23 mantissa bits; a carry out of the mantissa bumps the exponent
      // (and turns 65520 and above into inf), which is the right result.
      result = (static_cast<std::uint32_t>(exponent) << 10) | ((magnitude >> 13) & 0x3ffu);
      rest = magnitude & 0x1fffu;
      half = 0x1000u;
    } else {
      // Subnormal (or zero) in binary16: the value in units of 2^-24.
      if (biased == 0) return sign;  // float subnormals are far below binary16's smallest value
      const std::uint32_t significand = (magnitude & 0x7fffffu) | 0x800000u;
      const std::int32_t shift = 14 - exponent;  // 14 .. 126
      if (shift > 24) return sign;             // below half the smallest subnormal
      result = significand >> shift;
      rest = significand & ((1u << shift) - 1u);
      half = 1u << (shift - 1);
    }
    if (rest > half || (rest == half && (result & 1u))) ++result;
    return static_cast<std::uint16_t>(sign | result);
  }

  std::uint16_t bits_ = 0;
};

static_assert(sizeof(float16) == 2);

template <>
struct inspector<float16> : scalar_inspector<float16> {
  static Datatype datatype() { return Datatype::float16(); }
};

}  // namespace h5kit

#pragma once
// What the interop tests share: running one case of a peer script as a GoogleTest assertion, and the
// values both sides agree on (interop_common.py holds the Python half: ORDER, COLOR, RGB and
// numeric_values()).
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include <boost/describe/enum.hpp>
#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace h5kit::test {

// Runs `python3 tests/interop/<script> <peer_case> <args...>`, each argument shell-quoted. Succeeds
// when the peer exits 0; otherwise the failure shows what the peer printed (a check case lists
// every mismatch it found). EXPECT_TRUE it for a check, ASSERT_TRUE it for a file the test needs.
inline ::testing::AssertionResult run_peer_case(const std::string& script, const std::string& peer_case,
                                                const std::vector<std::string>& args) {
  std::string line = peer_case;
  for (const std::string& arg : args) line += " " + shell_quote(arg);
  const CommandResult result = run_peer_script(script, line);
  if (result.exit_code == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << script << " " << line << " exited with " << result.exit_code << ":\n"
                                       << result.output;
}

// ---- values both sides agree on -----------------------------------------------------------------

// Names in an order that is neither sorted nor reverse-sorted (interop_common.py's ORDER).
inline const std::vector<std::string> kOrder = {"zeta", "alpha", "mid", "beta"};

// interop_common.py's COLOR: uint8 {red = 0, green = 1, blue = 5}.
enum class Color : std::uint8_t { red = 0, green = 1, blue = 5 };
BOOST_DESCRIBE_ENUM(Color, red, green, blue)

// interop_common.py's RGB, the enum the peers write: int8 {RED = 0, GREEN = 1, BLUE = 5}.
enum class Rgb : std::int8_t { RED = 0, GREEN = 1, BLUE = 5 };
BOOST_DESCRIBE_ENUM(Rgb, RED, GREEN, BLUE)

// The values interop_common.py's integer_values()/float_values() expect.
template <class T>
std::vector<T> numeric_values() {
  using L = std::numeric_limits<T>;
  if constexpr (std::is_floating_point_v<T>) {
    return {T(-1.5), T(0.0), T(0.1), T(3.25), L::max(), L::min(), L::lowest(), L::infinity(), -L::infinity()};
  } else if constexpr (std::is_signed_v<T>) {
    return {L::min(), T(-1), T(0), T(1), L::max()};
  } else {
    return {T(0), T(1), T(L::max() / 2), L::max()};
  }
}

}  // namespace h5kit::test

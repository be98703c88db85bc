#pragma once
// A user type stored through object_traits, and the dict of the case 1, shared by the lazy tests.
#include <string>
#include <vector>

#include "h5kit/lazy/dict.hpp"

namespace h5kit::test {

struct Point {
  double x = 0, y = 0;
  std::string label;
  friend bool operator==(const Point&, const Point&) = default;
};

// Case 1 of issue 5: {a: 1, b: [1, 2, 3], c: {d: "test", e: arange(100)}, f: zeros(10, 10, 10)}.
inline std::vector<std::int64_t> arange(std::int64_t n) {
  std::vector<std::int64_t> v(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = i;
  return v;
}
inline lazy::Map case1_map() {
  return lazy::Map{{"a", 1},
                   {"b", std::vector<std::int64_t>{1, 2, 3}},
                   {"c", lazy::Map{{"d", "test"}, {"e", arange(100)}}},
                   {"f", NDArray<double>(Shape{10, 10, 10}, 0.0)}};
}

}  // namespace h5kit::test

template <>
struct h5kit::lazy::object_traits<h5kit::test::Point> {
  static constexpr const char* tag = "h5kit.test.Point";
  static void write(const Group& group, const h5kit::test::Point& p) {
    write_object(group, "x", p.x);
    write_object(group, "y", p.y);
    write_object(group, "label", p.label);
  }
  static h5kit::test::Point read(const Group& group) {
    return {read_object<double>(group, "x"), read_object<double>(group, "y"), read_object<std::string>(group, "label")};
  }
};

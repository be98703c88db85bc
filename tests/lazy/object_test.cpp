// write_object / read_object over the standard containers, variants, optionals and user types.
#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "h5kit/lazy/dict.hpp"
#include "lazy/lazy_test_types.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
struct Other {
  int n = 0;
};
// Its write fails half-way, like a value that cannot be stored.
struct Failing {};
}  // namespace h5kit::test

template <>
struct h5kit::lazy::object_traits<h5kit::test::Failing> {
  static constexpr const char* tag = "h5kit.test.Failing";
  static void write(const Group& group, const h5kit::test::Failing&) {
    write_object(group, "partial", 1);
    throw std::runtime_error("cannot store");
  }
  static h5kit::test::Failing read(const Group&) { return {}; }
};

template <>
struct h5kit::lazy::object_traits<h5kit::test::Other> {
  static constexpr const char* tag = "h5kit.test.Other";
  static void write(const Group& group, const h5kit::test::Other& o) { write_object(group, "n", o.n); }
  static h5kit::test::Other read(const Group& group) { return {read_object<int>(group, "n")}; }
};

namespace h5kit::test {
namespace {

using lazy::read_object;
using lazy::write_object;

template <class T>
T round_trip(const T& value) {
  TempDir dir;
  {
    File f(dir / "o.h5", "w");
    write_object(f, "v", value);
  }
  const File f(dir / "o.h5", "r");
  return read_object<T>(f, "v");
}

TEST(LazyObject, StandardTypesRoundTrip) {
  EXPECT_EQ(round_trip(42), 42);
  EXPECT_EQ(round_trip(std::string("s")), "s");
  EXPECT_EQ(round_trip(std::vector<double>{1, 2.5}), (std::vector<double>{1, 2.5}));
  EXPECT_EQ(round_trip(std::array<int, 3>{1, 2, 3}), (std::array<int, 3>{1, 2, 3}));
  const std::map<std::string, std::vector<int>> m{{"x", {1}}, {"y", {2, 3}}};
  EXPECT_EQ(round_trip(m), m);
  const std::unordered_map<std::string, double> um{{"a", 1.0}, {"b", 2.0}};
  EXPECT_EQ(round_trip(um), um);
  const std::vector<Point> points{{1, 2, "a"}, {3, 4, "b"}};
  EXPECT_EQ(round_trip(points), points);
  const std::array<Point, 1> one_point{Point{5, 6, "c"}};
  EXPECT_EQ(round_trip(one_point), one_point);
  const std::tuple<int, std::string, std::vector<float>> t{1, "two", {3.f}};
  EXPECT_EQ(round_trip(t), t);
  const std::pair<std::string, Point> pr{"k", Point{0, 1, "z"}};
  EXPECT_EQ(round_trip(pr), pr);
  EXPECT_EQ(round_trip(std::optional<int>{}), std::nullopt);
  EXPECT_EQ(round_trip(std::optional<int>{7}), 7);
  using V = std::variant<int, std::string, Point>;
  EXPECT_EQ(round_trip(V{std::string("alt")}), V{std::string("alt")});
  EXPECT_EQ(round_trip(V{3}), V{3});
  EXPECT_EQ(round_trip(V{Point{1, 1, "v"}}), (V{Point{1, 1, "v"}}));
  const std::vector<std::vector<int>> ragged{{1}, {2, 3}};
  EXPECT_EQ(round_trip(ragged), ragged);
}

TEST(LazyObject, VariantAlternativeChangeIsRecorded) {
  TempDir dir;
  File f(dir / "v.h5", "w");
  using V = std::variant<int, std::int64_t>;
  EXPECT_TRUE(write_object(f, "v", V{std::in_place_index<0>, 1}));
  EXPECT_FALSE(write_object(f, "v", V{std::in_place_index<0>, 1}));
  EXPECT_TRUE(write_object(f, "v", V{std::in_place_index<1>, 1}));
  EXPECT_EQ(read_object<V>(f, "v").index(), 1u);
}

TEST(LazyObject, UnknownTagIsAClearError) {
  TempDir dir;
  File f(dir / "t.h5", "w");
  write_object(f, "o", Other{3});
  write_object(f, "p", Point{});
  const Group g = f.create_group("mystery");
  g.attrs().set("__h5_type__", std::string("object"));
  g.attrs().set("__h5_class__", std::string("pkg.Unknown"));
  try {
    read_object<Point>(f, "mystery");
    FAIL() << "expected TypeMismatchError";
  } catch (const TypeMismatchError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("t.h5"), std::string::npos) << what;
    EXPECT_NE(what.find("/mystery"), std::string::npos) << what;
    EXPECT_NE(what.find("'pkg.Unknown'"), std::string::npos) << what;
    EXPECT_NE(what.find("'h5kit.test.Point'"), std::string::npos) << what;
    EXPECT_NE(what.find("'h5kit.test.Other'"), std::string::npos) << what;
  }
  EXPECT_EQ(read_object<Other>(f, "o").n, 3);
  EXPECT_THROW(read_object<Other>(f, "p"), TypeMismatchError);
  EXPECT_THROW(read_object<std::vector<Point>>(f, "o"), TypeMismatchError);
  EXPECT_THROW(read_object<int>(f, "o"), TypeMismatchError);
  EXPECT_THROW((read_object<std::array<Point, 2>>(f, "x")), NotFoundError);
}

TEST(LazyObject, FailedReplacementKeepsTheOldValue) {
  TempDir dir;
  File f(dir / "r.h5", "w");
  write_object(f, "m", std::map<std::string, int>{{"a", 1}});
  EXPECT_THROW(write_object(f, "m", Failing{}), std::runtime_error);
  EXPECT_EQ((read_object<std::map<std::string, int>>(f, "m")), (std::map<std::string, int>{{"a", 1}}));
  EXPECT_THROW(write_object(f, "new", Failing{}), std::runtime_error);
  EXPECT_EQ(f.keys(), (std::vector<std::string>{"m"}));  // nothing half-made or staged left behind
  EXPECT_TRUE(write_object(f, "m", std::string("replaced")));
  EXPECT_EQ(read_object<std::string>(f, "m"), "replaced");
}

}  // namespace
}  // namespace h5kit::test

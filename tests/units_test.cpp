// h5kit/units.hpp: conversions through UDUNITS-2 and the errors for units that are unknown or measure
// different quantities.
#include "h5kit/units.hpp"

#include <array>
#include <cmath>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/error.hpp"

namespace h5kit {
namespace {

// The message of the exception `f` throws, which must be of type E.
template <class E, class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  ADD_FAILURE() << "no exception of the expected type";
  return {};
}

TEST(Units, MillimetresToMetresIsAFactor) {
  const UnitConverter mm_to_m = unit_converter("mm", "m");
  EXPECT_DOUBLE_EQ(mm_to_m(1234.0), 1.234);
  EXPECT_DOUBLE_EQ(mm_to_m(-5.0), -0.005);
  EXPECT_FALSE(mm_to_m.is_identity());
  EXPECT_EQ(mm_to_m.from(), "mm");
  EXPECT_EQ(mm_to_m.to(), "m");
  EXPECT_EQ(mm_to_m.expression(), "0.001*x");
  EXPECT_DOUBLE_EQ(unit_converter("m", "mm")(1.234), 1234.0);
}

TEST(Units, CelsiusToKelvinIsAnOffset) {
  const UnitConverter c_to_k = unit_converter("degC", "K");
  EXPECT_DOUBLE_EQ(c_to_k(0.0), 273.15);
  EXPECT_DOUBLE_EQ(c_to_k(-273.15), 0.0);
  EXPECT_DOUBLE_EQ(c_to_k(100.0), 373.15);
  EXPECT_DOUBLE_EQ(unit_converter("K", "degC")(273.15), 0.0);
}

TEST(Units, EnergyPressureAndTimeSpellings) {
  const double electron_volt = 1.60217733e-19;  // UDUNITS-2's value of the electron volt in joules
  EXPECT_NEAR(unit_converter("J", "eV")(electron_volt), 1.0, 1e-12);
  EXPECT_NEAR(unit_converter("keV", "eV")(1.5), 1500.0, 1e-9);
  EXPECT_NEAR(unit_converter("keV", "J")(1.0), 1e3 * electron_volt, 1e-28);
  EXPECT_DOUBLE_EQ(unit_converter("bar", "Pa")(1.0), 1e5);
  EXPECT_DOUBLE_EQ(unit_converter("ms", "s")(250.0), 0.25);
  EXPECT_DOUBLE_EQ(unit_converter("kg m2 s-2", "J")(3.0), 3.0);
  EXPECT_DOUBLE_EQ(unit_converter("µm", "mm")(1500.0), 1.5);
}

TEST(Units, IdentityIsDetectedAndChangesNothing) {
  for (const auto& [a, b] : {std::pair{"m", "m"}, {"m", "meter"}, {"kg m2 s-2", "J"}, {"", "1"}}) {
    const UnitConverter same = unit_converter(a, b);
    EXPECT_TRUE(same.is_identity()) << a << " -> " << b;
    EXPECT_EQ(same(0.1), 0.1);
  }
  const UnitConverter none;
  EXPECT_TRUE(none.is_identity());
  EXPECT_EQ(none(42.5), 42.5);
  EXPECT_EQ(none.expression(), "x");
  std::vector<double> values{1.0, 2.0};
  none.convert(values);
  EXPECT_EQ(values, (std::vector<double>{1.0, 2.0}));
}

TEST(Units, ConvertsDoubleArraysInPlace) {
  std::vector<double> values{0.0, 1.0, -2.5, 1e6};
  unit_converter("mm", "m").convert(values);
  EXPECT_EQ(values, (std::vector<double>{0.0, 0.001 * 1.0, 0.001 * -2.5, 0.001 * 1e6}));
  std::vector<double> temperatures{0.0, 25.0};
  unit_converter("degC", "K").convert(temperatures);
  EXPECT_EQ(temperatures, (std::vector<double>{273.15, 273.15 + 25.0}));
  unit_converter("mm", "m").convert(std::span<double>{});  // empty: nothing to do, no crash
}

TEST(Units, ConvertsFloatArraysInDoubleAndRoundsOnce) {
  std::array<float, 4> values{0.0f, 1.5f, -3.0f, 1000.0f};
  const std::array<float, 4> original = values;
  unit_converter("mm", "m").convert(values);
  for (std::size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(values[i], static_cast<float>(0.001 * static_cast<double>(original[i]))) << i;
  }
  std::vector<float> temperatures{20.0f};
  unit_converter("degC", "K").convert(temperatures);
  EXPECT_EQ(temperatures[0], static_cast<float>(20.0 + 273.15));
}

TEST(Units, UnknownUnitNamesTheStringAndTheStatus) {
  // ("furlongs" would not do: UDUNITS-2 knows the furlong.)
  const std::string message = message_of<InvalidArgumentError>([] { unit_converter("flurbs", "m"); });
  EXPECT_NE(message.find("unknown unit \"flurbs\""), std::string::npos) << message;
  EXPECT_NE(message.find("UT_UNKNOWN"), std::string::npos) << message;
  const std::string target = message_of<InvalidArgumentError>([] { unit_converter("m", "m//s"); });
  EXPECT_NE(target.find("unknown unit \"m//s\" (udunits2 cannot parse it as a unit expression)"),
            std::string::npos)
      << target;
  EXPECT_THROW(units_convertible("m", "photons"), InvalidArgumentError);
  EXPECT_THROW(canonical_unit("a.u."), InvalidArgumentError);
  try {
    unit_converter("deg", "rad");  // UDUNITS-2 spells the angle "degree" or "arc_degree"
    ADD_FAILURE() << "\"deg\" was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid_argument);
  }
}

TEST(Units, IncompatibleUnitsAreATypeMismatch) {
  const std::string message = message_of<TypeMismatchError>([] { unit_converter("s", "mm"); });
  EXPECT_NE(message.find("cannot convert \"s\" to \"mm\": the units measure different quantities"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("\"mm\" is 0.001 m"), std::string::npos) << message;
  EXPECT_FALSE(units_convertible("s", "mm"));
  EXPECT_FALSE(units_convertible("J", "K"));
  EXPECT_TRUE(units_convertible("J", "keV"));
  EXPECT_TRUE(units_convertible("degC", "K"));
}

TEST(Units, EmptyUnitIsDimensionlessOne) {
  EXPECT_EQ(canonical_unit(""), "1");
  EXPECT_EQ(canonical_unit("   "), "1");
  EXPECT_TRUE(units_convertible("", "1"));
  EXPECT_DOUBLE_EQ(unit_converter("", "%")(0.25), 25.0);
  EXPECT_THROW(unit_converter("", "m"), TypeMismatchError);
  // UDUNITS-2 defines "count" (and its plural) as dimensionless too.
  EXPECT_EQ(canonical_unit("counts"), "1");
  EXPECT_TRUE(unit_converter("counts", "").is_identity());
}

TEST(Units, BlanksAndNulPaddingAroundAUnitAreIgnored) {
  EXPECT_DOUBLE_EQ(unit_converter(" mm  ", "m")(1.0), 0.001);
  EXPECT_DOUBLE_EQ(unit_converter(std::string_view("mm\0\0", 4), "m")(2.0), 0.002);
}

TEST(Units, CanonicalForms) {
  EXPECT_EQ(canonical_unit("mm"), "0.001 m");
  EXPECT_EQ(canonical_unit("kg m2 s-2"), "J");
  EXPECT_EQ(canonical_unit("degC"), "K @ 273.15");
  EXPECT_EQ(canonical_unit("m/s"), "m.s-1");
}

TEST(Units, CopiesShareTheConverterAndOutliveTheOriginal) {
  UnitConverter copy;
  {
    const UnitConverter original = unit_converter("mm", "m");
    copy = original;
  }
  EXPECT_DOUBLE_EQ(copy(10.0), 0.01);
  UnitConverter moved = std::move(copy);
  EXPECT_DOUBLE_EQ(moved(10.0), 0.01);
}

// Eight threads create converters (serialised inside h5kit) and convert (in parallel) at the same
// time; every result must equal the single-threaded one bit for bit.
TEST(Units, EightThreadsConvertConcurrently) {
  constexpr int kThreads = 8;
  constexpr std::size_t kValues = 4096;
  const std::array<std::pair<const char*, const char*>, 4> pairs{
      {{"mm", "m"}, {"degC", "K"}, {"keV", "J"}, {"ms", "s"}}};
  std::vector<double> input(kValues);
  for (std::size_t i = 0; i < kValues; ++i) input[i] = static_cast<double>(i) * 0.37 - 100.0;
  std::array<std::vector<double>, 4> expected;
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    expected[p] = input;
    unit_converter(pairs[p].first, pairs[p].second).convert(expected[p]);
  }
  const UnitConverter shared = unit_converter("mm", "m");
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        const std::size_t p = static_cast<std::size_t>(t + round) % pairs.size();
        std::vector<double> values = input;
        unit_converter(pairs[p].first, pairs[p].second).convert(values);
        if (values != expected[p]) ++mismatches[t];
        if (units_convertible("s", "mm") || canonical_unit("mm") != "0.001 m") ++mismatches[t];
        if (shared(input[round]) != expected[0][round]) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

// Run by ctest as `units_missing_database`, with UDUNITS2_XML_PATH naming a file that does not exist
// (tests/CMakeLists.txt); skipped in the ordinary run, where the installed database is found.
TEST(UnitsDatabase, MissingDatabaseIsAFileError) {
  const char* path = std::getenv("UDUNITS2_XML_PATH");
  if (path == nullptr || std::string(path).find("h5kit-no-such-dir") == std::string::npos) {
    GTEST_SKIP() << "needs UDUNITS2_XML_PATH=.../h5kit-no-such-dir/...";
  }
  const std::string message = message_of<FileError>([] { unit_converter("mm", "m"); });
  EXPECT_NE(message.find("load the udunits2 unit database"), std::string::npos) << message;
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("UDUNITS2_XML_PATH"), std::string::npos) << message;
  // Not remembered as loaded: the next call fails the same way instead of crashing.
  EXPECT_THROW(units_convertible("m", "mm"), FileError);
}

}  // namespace
}  // namespace h5kit

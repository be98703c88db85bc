// std::chrono time points and durations as numpy datetime64 / timedelta64 (h5py's tagged opaque types).
#include "h5kit/chrono.hpp"

#include <chrono>
#include <cstdint>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using namespace std::chrono;
using test::TempDir;

// 2024-05-01T12:00:00.123456789 UTC
const sys_time<nanoseconds> kInstant = sys_days{2024y / May / 1} + 12h + 123456789ns;

class ChronoTypes : public ::testing::Test {
 protected:
  TempDir dir_;
  File file_{dir_ / "time.h5", "w"};
};

TEST_F(ChronoTypes, TypesAreH5pysTaggedOpaques) {
  EXPECT_EQ(dtype<sys_time<nanoseconds>>().tag(), "NUMPY:<M8[ns]");
  EXPECT_EQ(dtype<sys_time<microseconds>>().tag(), "NUMPY:<M8[us]");
  EXPECT_EQ(dtype<sys_time<milliseconds>>().tag(), "NUMPY:<M8[ms]");
  EXPECT_EQ(dtype<sys_seconds>().tag(), "NUMPY:<M8[s]");
  EXPECT_EQ(dtype<sys_days>().tag(), "NUMPY:<M8[D]");
  EXPECT_EQ(dtype<nanoseconds>().tag(), "NUMPY:<m8[ns]");
  EXPECT_EQ(dtype<sys_time<nanoseconds>>().size(), 8u);
  EXPECT_EQ(dtype<sys_time<nanoseconds>>().name(), "datetime64[ns]");
  EXPECT_EQ(dtype<std::vector<seconds>>().name(), "timedelta64[s]");
  EXPECT_EQ(datetime64_type("us"), dtype<sys_time<microseconds>>());
  EXPECT_THROW(datetime64_type("fortnight"), InvalidArgumentError);
  EXPECT_EQ(dtype<std::chrono::year>().tag(), "NUMPY:<M8[Y]");
  EXPECT_EQ(dtype<year_month>().tag(), "NUMPY:<M8[M]");
  EXPECT_EQ(dtype<years>().tag(), "NUMPY:<m8[Y]");
  EXPECT_EQ(dtype<months>().tag(), "NUMPY:<m8[M]");
  EXPECT_EQ(datetime64_type("Y").name(), "datetime64[Y]");
}

TEST_F(ChronoTypes, BigEndianCountsAreSwapped) {
  // numpy's ">M8[ns]" (h5py tags it "NUMPY:>M8[ns]"): the same instants, the count's bytes reversed.
  const Datatype big = datetime64_type("ns", ByteOrder::big);
  EXPECT_EQ(big.tag(), "NUMPY:>M8[ns]");
  EXPECT_EQ(big.name(), ">datetime64[ns]");
  const std::vector<sys_time<nanoseconds>> values = {kInstant, sys_time<nanoseconds>{nanoseconds{1}}};
  const Dataset ds = file_.create_dataset("t", values, DatasetOptions{}.dtype(big));
  EXPECT_EQ(ds.read<std::vector<sys_time<nanoseconds>>>(), values);
  const RawData raw = ds.read_native();
  EXPECT_EQ(static_cast<unsigned>(raw.data()[15]), 1u);  // 1 ns stored big-endian: the last byte is 1
  const Dataset gaps = file_.create_dataset("gaps", std::vector<milliseconds>{1500ms, -3ms},
                                            DatasetOptions{}.dtype(timedelta64_type("ms", ByteOrder::big)));
  EXPECT_EQ(gaps.read<std::vector<microseconds>>(), (std::vector<microseconds>{1500000us, -3000us}));
}

TEST_F(ChronoTypes, TimePointsRoundTripExactly) {
  const std::vector<sys_time<nanoseconds>> values = {kInstant, sys_time<nanoseconds>{}, kInstant - 100 * 365 * 24h};
  const Dataset ds = file_.create_dataset("t", values);
  EXPECT_EQ(ds.dtype().name(), "datetime64[ns]");
  EXPECT_EQ(ds.read<std::vector<sys_time<nanoseconds>>>(), values);
  file_.attrs().set("when", floor<seconds>(kInstant));
  EXPECT_EQ(file_.attrs().get<sys_seconds>("when"), floor<seconds>(kInstant));
  const std::vector<milliseconds> gaps = {1500ms, -3ms};
  EXPECT_EQ(file_.create_dataset("gaps", gaps).read<std::vector<milliseconds>>(), gaps);
}

TEST_F(ChronoTypes, CoarserStoredUnitsConvertToFinerTimePoints) {
  const auto us = floor<microseconds>(kInstant);
  file_.create_dataset("us", std::vector<sys_time<microseconds>>{us});
  const auto as_ns = file_.dataset("us").read<std::vector<sys_time<nanoseconds>>>();
  EXPECT_EQ(as_ns, (std::vector<sys_time<nanoseconds>>{time_point_cast<nanoseconds>(us)}));
  file_.create_dataset("days", sys_days{2024y / May / 1});
  EXPECT_EQ(file_.dataset("days").read<sys_seconds>(), sys_seconds{sys_days{2024y / May / 1}});
  file_.create_dataset("minutes", minutes{90});
  EXPECT_EQ(file_.dataset("minutes").read<milliseconds>(), milliseconds{5'400'000});
}

TEST_F(ChronoTypes, FinerToCoarserIsExactOrAnError) {
  // Whole seconds stored as ns read back as seconds; a fraction would be lost, as chrono refuses.
  file_.create_dataset("whole", std::vector<sys_time<nanoseconds>>{floor<seconds>(kInstant)});
  EXPECT_EQ(file_.dataset("whole").read<sys_seconds>(), floor<seconds>(kInstant));
  file_.create_dataset("fraction", std::vector<sys_time<nanoseconds>>{kInstant});
  try {
    file_.dataset("fraction").read<std::vector<sys_seconds>>();
    FAIL() << "expected TypeMismatchError";
  } catch (const TypeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("not a whole number of s"), std::string::npos) << e.what() << " // " << e.hdf5_stack();
  }
  // Writing: nothing is written when a value would lose precision.
  const Dataset s = file_.create_dataset("s", std::vector<sys_seconds>{sys_seconds{}});
  EXPECT_THROW(s.write(std::vector<sys_time<nanoseconds>>{kInstant}), InvalidArgumentError);
  EXPECT_EQ(s.read<sys_seconds>(), sys_seconds{});
  s.write(std::vector<sys_time<milliseconds>>{sys_time<milliseconds>{5000ms}});
  EXPECT_EQ(s.read<sys_seconds>(), sys_seconds{5s});
}

TEST_F(ChronoTypes, OverflowIsAClearError) {
  // 10^17 seconds after the epoch has no int64 count of nanoseconds.
  file_.create_dataset("far", sys_seconds{seconds{100'000'000'000'000'000}});
  try {
    file_.dataset("far").read<sys_time<nanoseconds>>();
    FAIL() << "expected TypeMismatchError";
  } catch (const TypeMismatchError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("datetime64[s]"), std::string::npos) << what;
    EXPECT_NE(what.find("does not fit an int64 count of ns"), std::string::npos) << what;
  }
}

TEST_F(ChronoTypes, NaTStaysNaT) {
  const auto nat = sys_time<microseconds>{microseconds::min()};  // numpy's NaT is INT64_MIN
  file_.create_dataset("nat", std::vector<sys_time<microseconds>>{nat});
  EXPECT_EQ(file_.dataset("nat").read<sys_time<nanoseconds>>(), sys_time<nanoseconds>{nanoseconds::min()});
}

TEST_F(ChronoTypes, TimeIsNotANumberOrADuration) {
  file_.create_dataset("t", kInstant);
  file_.create_dataset("n", std::int64_t{5});
  EXPECT_THROW(file_.dataset("t").read<std::int64_t>(), TypeMismatchError);
  EXPECT_THROW(file_.dataset("n").read<sys_time<nanoseconds>>(), TypeMismatchError);
  try {
    file_.dataset("t").read<nanoseconds>();
    FAIL() << "expected TypeMismatchError";
  } catch (const TypeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("NUMPY:<m8[ns]"), std::string::npos) << e.what();
  }
  // The raw int64 count stays reachable as an Opaque value.
  const auto raw = file_.dataset("t").read<Opaque>();
  std::int64_t count;
  ASSERT_EQ(raw.size(), 8u);
  std::memcpy(&count, raw.data(), 8);
  EXPECT_EQ(count, kInstant.time_since_epoch().count());
}

// ---- numpy's calendar units: datetime64[Y] / [M] are std::chrono::year / year_month ----

TEST_F(ChronoTypes, CalendarYearsAndMonthsCountFrom1970) {
  const std::vector<std::chrono::year> ys = {1970y, 1969y, 2024y, 1000y};
  const Dataset y = file_.create_dataset("y", ys);
  EXPECT_EQ(y.dtype().name(), "datetime64[Y]");
  EXPECT_EQ(y.read<std::vector<std::chrono::year>>(), ys);
  // The stored counts are numpy's: years since 1970, negative before.
  std::vector<std::int64_t> counts;
  for (const Opaque& raw : y.read<std::vector<Opaque>>()) {
    std::int64_t c;
    std::memcpy(&c, raw.data(), 8);
    counts.push_back(c);
  }
  EXPECT_EQ(counts, (std::vector<std::int64_t>{0, -1, 54, -970}));
  const std::vector<year_month> ms = {1969y / December, 2024y / May, 1970y / January};
  const Dataset m = file_.create_dataset("m", ms);
  EXPECT_EQ(m.read<std::vector<year_month>>(), ms);
  file_.attrs().set("season", 2025y / March);
  EXPECT_EQ(file_.attrs().get<year_month>("season"), 2025y / March);
}

TEST_F(ChronoTypes, CalendarUnitsConvertThroughTheCalendar) {
  // Years read as days and seconds on their first day, as numpy's astype does.
  file_.create_dataset("y", std::vector<std::chrono::year>{1971y, 1969y, 2024y});
  EXPECT_EQ(file_.dataset("y").read<std::vector<sys_days>>(),
            (std::vector<sys_days>{sys_days{1971y / 1 / 1}, sys_days{1969y / 1 / 1}, sys_days{2024y / 1 / 1}}));
  EXPECT_EQ(file_.dataset("y").read<std::vector<year_month>>(),
            (std::vector<year_month>{1971y / January, 1969y / January, 2024y / January}));
  file_.create_dataset("m", std::vector<year_month>{2024y / February, 1969y / December});
  EXPECT_EQ(file_.dataset("m").read<std::vector<sys_seconds>>(),
            (std::vector<sys_seconds>{sys_days{2024y / February / 1}, sys_days{1969y / December / 1}}));
  // The other way: instants on the first day of a month are whole months.
  file_.create_dataset("first", std::vector<sys_time<nanoseconds>>{sys_days{2000y / March / 1}});
  EXPECT_EQ(file_.dataset("first").read<year_month>(), 2000y / March);
  file_.create_dataset("jan", std::vector<sys_days>{sys_days{1900y / January / 1}});
  EXPECT_EQ(file_.dataset("jan").read<std::chrono::year>(), 1900y);
  // Written into a stored datetime64[D]: the calendar again.
  const Dataset days = file_.create_dataset("d", std::vector<year_month>{2020y / July},
                                            DatasetOptions{}.dtype(datetime64_type("D")));
  EXPECT_EQ(days.read<sys_days>(), sys_days{2020y / July / 1});
}

TEST_F(ChronoTypes, CalendarConversionsNeverLoseTheRest) {
  // 2024-05-02 is not a whole month; 12:00 on the first is not a whole day.
  file_.create_dataset("second", std::vector<sys_days>{sys_days{2024y / May / 2}});
  try {
    file_.dataset("second").read<std::vector<year_month>>();
    FAIL() << "expected TypeMismatchError";
  } catch (const TypeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("2024-5-2 is not the first day of a month"), std::string::npos)
        << e.what() << " // " << e.hdf5_stack();
  }
  file_.create_dataset("noon", std::vector<sys_seconds>{sys_days{2024y / May / 1} + 12h});
  EXPECT_THROW(file_.dataset("noon").read<year_month>(), TypeMismatchError);
  file_.create_dataset("march", std::vector<year_month>{2024y / March});
  EXPECT_THROW(file_.dataset("march").read<std::chrono::year>(), TypeMismatchError);
  // Writing a non-first day into a stored year writes nothing.
  const Dataset y = file_.create_dataset("y", 2000y);
  EXPECT_THROW(y.write(sys_days{2024y / May / 2}), InvalidArgumentError);
  EXPECT_EQ(y.read<std::chrono::year>(), 2000y);
  // Invalid calendar values are refused before anything is written.
  EXPECT_THROW(file_.create_dataset("bad", std::vector<year_month>{2024y / month{13}}), InvalidArgumentError);
  EXPECT_FALSE(file_.contains("bad"));
}

TEST_F(ChronoTypes, NaTAndFarYearsAreClearErrorsForCalendarValues) {
  file_.create_dataset("nat", std::vector<sys_days>{sys_days{days::min()}});
  try {
    file_.dataset("nat").read<std::vector<year_month>>();
    FAIL() << "expected TypeMismatchError";
  } catch (const TypeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("element 0 is NaT"), std::string::npos) << e.what();
  }
  // NaT still converts as NaT between calendar and fixed units.
  file_.create_dataset("nat_years", std::vector<sys_days>{sys_days{days::min()}},
                       DatasetOptions{}.dtype(datetime64_type("Y")));
  EXPECT_EQ(file_.dataset("nat_years").read<sys_seconds>(), sys_seconds{seconds::min()});
  // A count of years far beyond std::chrono::year's range.
  std::int64_t far = 1'000'000;
  file_.create_dataset("far", Opaque(&far, 8), DatasetOptions{}.dtype(datetime64_type("Y")));
  EXPECT_THROW(file_.dataset("far").read<std::chrono::year>(), TypeMismatchError);
  EXPECT_THROW(file_.dataset("far").read<sys_days>(), TypeMismatchError);
}

TEST_F(ChronoTypes, CalendarDurationsConvertOnlyToEachOther) {
  // numpy's timedelta64[Y] has no length in days; h5kit does not guess one.
  const Dataset y = file_.create_dataset("y", std::vector<years>{years{2}, years{-1}});
  EXPECT_EQ(y.read<std::vector<years>>(), (std::vector<years>{years{2}, years{-1}}));
  EXPECT_EQ(y.read<std::vector<months>>(), (std::vector<months>{months{24}, months{-12}}));
  EXPECT_THROW(y.read<std::vector<days>>(), TypeMismatchError);
  file_.create_dataset("m", months{18});
  EXPECT_THROW(file_.dataset("m").read<years>(), TypeMismatchError);
}

}  // namespace
}  // namespace h5kit

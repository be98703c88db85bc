// LoadOptions::integer_enums: enum fields stored as plain integers (h5pydantic writes an enum
// dataset as int64) load when asked to, each value checked against the enum's members.
#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <vector>

#include "h5kit/model.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

enum class Shutter : std::uint8_t { closed = 0, open = 1, moving = 7 };
BOOST_DESCRIBE_ENUM(Shutter, closed, open, moving)

struct ShutterLog {
  Shutter state = Shutter::closed;
  std::vector<Shutter> history;
  std::array<Shutter, 2> ends{};
  std::optional<Shutter> last;
  DatasetOf<Shutter, kAnyExtent> trace;
};
BOOST_DESCRIBE_STRUCT(ShutterLog, (), (state, history, ends, last, trace))

void write_log(const std::string& path, std::int64_t state, std::vector<std::int64_t> trace) {
  File f(path, "w");
  f.attrs().set("state", state);
  f.attrs().set("history", std::vector<std::int64_t>{0, 1, 7});
  f.attrs().set("ends", std::vector<std::int32_t>{1, 0});
  f.create_dataset("trace", trace);
}

TEST(ModelIntegerEnums, IntegersLoadIntoEnumFieldsWhenAsked) {
  TempDir dir;
  write_log(dir / "log.h5", 7, {0, 1, 1, 7});
  const auto log = load<ShutterLog>(dir / "log.h5", LoadOptions{.integer_enums = true});
  EXPECT_EQ(log.state, Shutter::moving);
  EXPECT_EQ(log.history, (std::vector<Shutter>{Shutter::closed, Shutter::open, Shutter::moving}));
  EXPECT_EQ(log.ends, (std::array<Shutter, 2>{Shutter::open, Shutter::closed}));
  EXPECT_FALSE(log.last.has_value());
  EXPECT_EQ(log.trace.values(), (NDArray<Shutter>(Shape{4}, {Shutter::closed, Shutter::open, Shutter::open,
                                                              Shutter::moving})));

  // Lazily too: the values are read at load, to be checked.
  const auto lazy = load<ShutterLog>(dir / "log.h5", LoadOptions{.lazy = true, .integer_enums = true});
  EXPECT_TRUE(lazy.trace.is_loaded());
  EXPECT_EQ(lazy.trace.values().data()[3], Shutter::moving);
}

TEST(ModelIntegerEnums, WithoutTheOptionIntegersAreTheWrongType) {
  TempDir dir;
  write_log(dir / "log.h5", 7, {0});
  try {
    (void)load<ShutterLog>(dir / "log.h5");
    FAIL() << "integers loaded into enum fields without integer_enums";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 4u) << e.what();
    EXPECT_EQ(e.problems()[0].to_string(), "/: state expected enum(uint8){closed=0,open=1,moving=7} scalar, found int64 scalar")
        << e.what();
    EXPECT_EQ(e.problems()[3].field, "trace");
  }
}

TEST(ModelIntegerEnums, AnIntegerNoMemberHasIsAProblemNamingIt) {
  TempDir dir;
  // 263 = 256 + 7: cast blindly into the enum's uint8 it would wrap to `moving`.
  write_log(dir / "log.h5", 263, {0, 1, 2});
  try {
    (void)load<ShutterLog>(dir / "log.h5", LoadOptions{.integer_enums = true});
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 2u) << e.what();
    EXPECT_EQ(e.problems()[0].to_string(), "/: state is not a member of enum Shutter, found value 263")
        << e.what();
    EXPECT_EQ(e.problems()[0].model_path, "ShutterLog.state");
    EXPECT_EQ(e.problems()[1].to_string(),
              "/: trace element 2 is not a member of enum Shutter, found value 2")
        << e.what();
    EXPECT_EQ(e.problems()[1].model_path, "ShutterLog.trace");
  }
}

TEST(ModelIntegerEnums, HDF5EnumsStillLoadWithTheOption) {
  TempDir dir;
  ShutterLog log;
  log.state = Shutter::open;
  log.history = {Shutter::moving};
  log.last = Shutter::moving;
  log.trace = NDArray<Shutter>(Shape{2}, {Shutter::open, Shutter::closed});
  dump(log, dir / "log.h5");
  const auto back = load<ShutterLog>(dir / "log.h5", LoadOptions{.integer_enums = true});
  EXPECT_EQ(back.state, Shutter::open);
  EXPECT_EQ(back.last, Shutter::moving);
  EXPECT_EQ(back.trace, log.trace);
}

}  // namespace
}  // namespace h5kit::test

// Bad input that must become problems or h5kit errors, never a crash, a foreign exception or a
// silently changed value.
#include <gtest/gtest.h>

#include <functional>
#include <limits>

#include "h5kit/model.hpp"
#include "h5kit/read_budget.hpp"
#include "model/test_models.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

struct Item {
  std::int32_t v = 0;
};
BOOST_DESCRIBE_STRUCT(Item, (), (v))
struct Bag {
  std::vector<Item> items;
};
BOOST_DESCRIBE_STRUCT(Bag, (), (items))

TEST(ModelBadInput, AListMemberNameTooBigForAnIndexIsAProblem) {
  TempDir dir;
  {
    File f(dir / "b.h5", "w");
    f.create_group("items/0").attrs().set("v", 1);
    f.create_group("items/99999999999999999999999").attrs().set("v", 2);
  }
  try {
    load<Bag>(dir / "b.h5");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u) << e.what();
    EXPECT_EQ(e.problems()[0].field, "99999999999999999999999");
  }
}

enum class Color : std::uint8_t { red, green };
BOOST_DESCRIBE_ENUM(Color, red, green)
struct Paint {
  std::vector<Color> colors;
};
BOOST_DESCRIBE_STRUCT(Paint, (), (colors))

TEST(ModelBadInput, EveryElementOfAnEnumArrayMustNameAnEnumerator) {
  const auto problems = validate(Paint{{Color::green, static_cast<Color>(7)}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("element 1 is not a member of enum"), std::string::npos) << problems[0].message;
  TempDir dir;
  EXPECT_THROW(dump(Paint{{static_cast<Color>(7)}}, dir / "p.h5"), ValidationError);
  EXPECT_FALSE(std::filesystem::exists(dir / "p.h5"));
}

struct Counts {
  std::vector<std::uint64_t> counts;
  DatasetOf<double, kAnyExtent> level;
};
BOOST_DESCRIBE_STRUCT(Counts, (), (counts, level))
constexpr auto h5kit_model(const Counts*) {
  return model("Counts", 1, field(&Counts::counts).dataset().unit("mm"), field(&Counts::level).unit("mm").ge(100));
}

TEST(ModelBadInput, ConversionIntoWideIntegersIsExactOrAProblem) {
  TempDir dir;
  {
    File f(dir / "c.h5", "w");
    f.create_dataset("counts", std::vector<std::uint64_t>{10'000'000'000'000'000ull}).attrs().set("units", std::string("um"));
    f.create_dataset("level", std::vector<double>{0.5}).attrs().set("units", std::string("m"));
  }
  const Counts c = load<Counts>(dir / "c.h5");  // 1e16 um is 1e13 mm
  EXPECT_EQ(c.counts, std::vector<std::uint64_t>{10'000'000'000'000ull});
  {
    File f(dir / "c.h5", "r+");
    f.erase("counts");
    f.create_dataset("counts", std::vector<std::uint64_t>{10'000'000'000'000'000ull}).attrs().set("units", std::string("m"));
  }
  // 1e16 m is 1e19 mm: fits uint64 (max 1.8e19), and exactly.
  EXPECT_EQ(load<Counts>(dir / "c.h5").counts, std::vector<std::uint64_t>{10'000'000'000'000'000'000ull});
  {
    File f(dir / "c.h5", "r+");
    f.erase("counts");
    f.create_dataset("counts", std::vector<std::uint64_t>{100'000'000'000'000'000ull}).attrs().set("units", std::string("m"));
  }
  try {  // 1e20 mm does not fit
    load<Counts>(dir / "c.h5");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u) << e.what();
    EXPECT_NE(e.problems()[0].message.find("does not fit"), std::string::npos) << e.what();
  }
}

TEST(ModelBadInput, AUnitsAttributeThatIsNoStringIsAProblemAndTheRestIsStillChecked) {
  TempDir dir;
  {
    File f(dir / "c.h5", "w");
    f.create_dataset("counts", std::vector<std::uint64_t>{1}).attrs().set("units", 5);
    f.create_dataset("level", std::vector<double>{1.0});  // no units: taken as mm, below 100
  }
  try {
    load<Counts>(dir / "c.h5");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 2u) << e.what();
    EXPECT_EQ(e.problems()[0].to_string(),
              "/: counts has a units attribute that should be a scalar string, found int32 scalar");
    EXPECT_EQ(e.problems()[1].to_string(), "/: level element 0 must be >= 100 mm, found 1");
  }
}

// A file decides how big its datasets are: loading one past memory or past the read budget is a
// problem of the field in the ValidationError, never a std::bad_alloc out of load() (issue 19, bug 4).
TEST(ModelBadInput, ADatasetTooBigForMemoryOrTheBudgetIsAProblemNotAForeignException) {
  TempDir dir;
  {
    File f(dir / "c.h5", "w");
    f.create_dataset("counts", Shape{(std::size_t{1} << 61) + 1}, Datatype::uint64(), DatasetOptions{}.chunks({1024}));
    f.create_dataset("level", std::vector<double>(100, 200.0));
  }
  try {
    load<Counts>(dir / "c.h5");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u) << e.what();
    EXPECT_EQ(e.problems()[0].field, "counts");
    EXPECT_NE(e.problems()[0].message.find("more bytes than this machine can address"), std::string::npos) << e.what();
  }
  {
    File f(dir / "c.h5", "r+");
    f.erase("counts");
    f.create_dataset("counts", std::vector<std::uint64_t>(10, 7));
  }
  const ScopedReadBudget budget(100);  // counts' 80 bytes fit, level's 800 do not
  try {
    load<Counts>(dir / "c.h5");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u) << e.what();
    EXPECT_EQ(e.problems()[0].field, "level");
    EXPECT_NE(e.problems()[0].message.find("needs 800 bytes, more than the read budget of 100"), std::string::npos)
        << e.what();
  }
}

TEST(ModelBadInput, ValidateFileChecksBoundsInTheDeclaredUnit) {
  TempDir dir;
  {
    File f(dir / "c.h5", "w");
    f.create_dataset("counts", std::vector<std::uint64_t>{1});
    f.create_dataset("level", std::vector<double>{0.25}).attrs().set("units", std::string("m"));
  }
  const File f(dir / "c.h5");
  EXPECT_TRUE(validate_file(f, schema_of<Counts>()).empty());  // 250 mm >= 100 mm
  EXPECT_EQ(load<Counts>(dir / "c.h5").level.values()(0), 250.0);
}

TEST(ModelBadInput, DumpIntoAGroupRefusesNamesThatAreTakenAndWritesNothing) {
  TempDir dir;
  File f(dir / "g.h5", "w");
  const Group g = f.create_group("g");
  g.attrs().set("energy", 5.0);
  g.attrs().set(kModelNameAttribute, std::string("SomethingElse"));
  try {
    dump(models::Beam{1.0, 2}, g);
    FAIL();
  } catch (const AlreadyExistsError& e) {
    EXPECT_NE(std::string(e.what()).find("'energy', 'h5kit_model'"), std::string::npos) << e.what();
  }
  EXPECT_EQ(g.attrs().get<double>("energy"), 5.0);
  EXPECT_EQ(g.attrs().get<std::string>(kModelNameAttribute), "SomethingElse");
  EXPECT_EQ(g.attrs().size(), 2u);
}

struct Named {
  std::string name;
};
BOOST_DESCRIBE_STRUCT(Named, (), (name))
constexpr auto h5kit_model(const Named*) { return model("Named", 1, field(&Named::name).pattern("[a-z]*")); }

TEST(ModelBadInput, AVeryLongStringAgainstAPatternIsAProblemNotACrash) {
  const Named huge{std::string(200'000, 'a')};
  const auto problems = validate(huge);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "is 200000 characters long, longer than the 4096 a pattern is checked on");
  EXPECT_TRUE(validate(Named{std::string(4096, 'a')}).empty());
}

struct Node {
  std::int32_t v = 0;
  std::vector<Node> children;
};
BOOST_DESCRIBE_STRUCT(Node, (), (v, children))

TEST(ModelBadInput, ARecursiveModelIsAClearError) {
  try {
    schema_of<Node>();
    FAIL();
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("recursive models are not supported"), std::string::npos) << e.what();
  }
  EXPECT_THROW(schema_of<Node>(), InvalidArgumentError);  // every time, not only the first
}

namespace renamed {
struct Inner {
  double value = 0;
};
BOOST_DESCRIBE_STRUCT(Inner, (), (value))
struct Outer {
  Inner settings;
};
BOOST_DESCRIBE_STRUCT(Outer, (), (settings))
constexpr auto h5kit_model(const Outer*) { return model("Outer", 2); }
inline Migrations h5kit_migrations(const Outer*) { return Migrations().since(2).rename("config", "settings"); }
}  // namespace renamed

TEST(ModelBadInput, ProblemsInARenamedGroupNameTheGroupAsTheFileHasIt) {
  TempDir dir;
  {
    File f(dir / "o.h5", "w");
    f.attrs().set(kModelVersionAttribute, std::int32_t{1});
    f.create_group("config").attrs().set("value", std::string("high"));
  }
  try {
    load<renamed::Outer>(dir / "o.h5");
    FAIL();
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u) << e.what();
    EXPECT_EQ(e.problems()[0].path, "/config");
    EXPECT_EQ(e.problems()[0].model_path, "Outer.settings.value");
  }
  {
    File f(dir / "o.h5", "r+");
    f.group("config").attrs().set("value", 2.5);
  }
  EXPECT_EQ(load<renamed::Outer>(dir / "o.h5").settings.value, 2.5);
}

struct Label {
  std::string text;
};
BOOST_DESCRIBE_STRUCT(Label, (), (text))
constexpr auto h5kit_model(const Label*) { return model("Label", 1, field(&Label::text).max_length(8)); }

// A value from a hostile file is quoted in a problem cut to its first bytes and its length, never
// in full: a message of megabytes fills a log (issue 19, bug 10). The cut keeps UTF-8 whole.
TEST(ModelBadInput, AHugeValueIsQuotedCutWithItsLength) {
  TempDir dir;
  {
    File f(dir / "l.h5", "w");
    f.attrs().set("text", "\u00e9" + std::string(100'000, 'x'));
  }
  try {
    load<Label>(dir / "l.h5");
    FAIL() << "loaded a 100002-byte text into a field of at most 8 characters";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u) << e.problems()[0].message.substr(0, 200);
    const std::string& m = e.problems()[0].message;
    EXPECT_LT(m.size(), 200u) << m.substr(0, 300);
    EXPECT_NE(m.find("must be at most 8 characters long, found \"\u00e9xxx"), std::string::npos) << m;
    EXPECT_NE(m.find("...\" (100002 bytes)"), std::string::npos) << m;
  }
  // 63 bytes, then a 2-byte character across the 64-byte cut: the cut moves before it.
  const std::string across = std::string(63, 'a') + "\u00e9" + std::string(10, 'z');
  EXPECT_EQ(detail::model::quoted_value(across), "\"" + std::string(63, 'a') + "...\" (75 bytes)");
  EXPECT_EQ(detail::model::quoted_value("short"), "\"short\"");
}

// A member whose link leads nowhere is reported as that link, not as "missing": the file has
// something there, and the fix is to its link (issue 19, bug 10).
TEST(ModelBadInput, ADanglingOrLoopingLinkIsReportedAsTheLinkNotAsMissing) {
  TempDir dir;
  const auto only_problem = [&](const std::function<void(const File&)>& make) -> std::string {
    {
      File f(dir / "o.h5", "w");
      make(f);
    }
    try {
      load<renamed::Outer>(dir / "o.h5");
    } catch (const ValidationError& e) {
      if (e.problems().size() != 1u) return e.what();
      return e.problems()[0].message;
    }
    return "loaded";
  };
  EXPECT_EQ(only_problem([](const File& f) { f.link("settings", SoftLink{"/nowhere"}); }),
            "is a soft link to \"/nowhere\" that leads to no object (its target is missing, or its links make a loop)");
  EXPECT_EQ(only_problem([](const File& f) {
              f.link("settings", SoftLink{"/other"});
              f.link("other", SoftLink{"/settings"});
            }),
            "is a soft link to \"/other\" that leads to no object (its target is missing, or its links make a loop)");
  EXPECT_EQ(only_problem([](const File& f) { f.link("settings", ExternalLink{"gone.h5", "/settings"}); }),
            "is an external link to \"/settings\" in \"gone.h5\" that cannot be followed (the file or the object is "
            "missing)");
  EXPECT_EQ(only_problem([](const File&) {}), "is missing (a mandatory group)");
}

// The reserved attributes say which model and version a file holds: a version no model can have
// and a schema that does not parse are reported, never taken at their word or skipped (issue 19, bug 10).
TEST(ModelBadInput, AModelVersionBelowOneIsRefused) {
  TempDir dir;
  {
    File f(dir / "o.h5", "w");
    f.attrs().set(kModelVersionAttribute, std::int32_t{-5});
    f.create_group("settings").attrs().set("value", 2.5);
  }
  try {
    load<renamed::Outer>(dir / "o.h5");
    FAIL() << "loaded a file of model version -5";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("h5kit_model_version is -5; model versions start at 1"), std::string::npos)
        << e.what();
  }
}

TEST(ModelBadInput, AnEmbeddedSchemaThatDoesNotParseIsAProblem) {
  TempDir dir;
  dump(Bag{{Item{3}}}, dir / "b.h5");
  {
    File f(dir / "b.h5", "r+");
    f.attrs().set(kSchemaAttribute, std::string("{not json"));
  }
  try {
    load<Bag>(dir / "b.h5");
    FAIL() << "loaded a file whose h5kit_schema is garbage";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 1u) << e.what();
    EXPECT_EQ(e.problems()[0].field, kSchemaAttribute);
    EXPECT_NE(e.problems()[0].message.find("is not a model schema"), std::string::npos) << e.what();
  }
}

struct Unversioned {
  int x = 0;
};
BOOST_DESCRIBE_STRUCT(Unversioned, (), (x))
constexpr auto h5kit_model(const Unversioned*) { return model("Unversioned", 0); }

TEST(ModelBadInput, AModelDeclaredWithVersionZeroIsAClearError) {
  try {
    (void)schema_of<Unversioned>();
    FAIL() << "described a model of version 0";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("version 0: model versions start at 1"), std::string::npos) << e.what();
  }
  try {
    (void)schema_from_json(R"({"title": "X", "x-h5kit": {"version": -5}})");
    FAIL() << "read a schema of version -5";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/x-h5kit/version"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("expected a model version >= 1, found -5"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace h5kit::test

// Ref<T> fields (include/h5kit/model/ref.hpp): stored as object-reference attributes, loaded as the
// reference, bound by a loader to a shared target; for_each_ref finds them all.
#include <gtest/gtest.h>

#include <memory>

#include "h5kit/model.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

struct Table {
  std::string description;
  friend bool operator==(const Table&, const Table&) = default;
};
BOOST_DESCRIBE_STRUCT(Table, (), (description))

struct Other {
  std::int32_t n = 0;
};
BOOST_DESCRIBE_STRUCT(Other, (), (n))

// An NWB DynamicTableRegion: integer rows of a table, and the table as a reference attribute.
struct Region : DatasetOf<std::int64_t, kAnyExtent> {
  Ref<Table> table;
};
BOOST_DESCRIBE_STRUCT(Region, (), (table))

struct Series {
  Region electrodes;
  Ref<Table> main;
  std::optional<Ref<Table>> extra;
  std::vector<Ref<Table>> many;
  friend bool operator==(const Series& a, const Series& b) {
    return a.main == b.main && a.extra == b.extra && a.many == b.many && a.electrodes.table == b.electrodes.table &&
           a.electrodes == b.electrodes;
  }
};
BOOST_DESCRIBE_STRUCT(Series, (), (electrodes, main, extra, many))

struct Holder {
  std::vector<Series> series;
  std::map<std::string, Series> named;
};
BOOST_DESCRIBE_STRUCT(Holder, (), (series, named))

TEST(ModelRef, DumpedAndLoadedAsObjectReferenceAttributes) {
  TempDir dir;
  File f(dir / "r.h5", "w");
  const Group t1 = f.create_group("tables/a");
  const Group t2 = f.create_group("tables/b");
  Series s;
  s.electrodes.assign(NDArray<std::int64_t>(Shape{3}, {0, 2, 3}));
  s.electrodes.table = t1.reference();
  s.main = Ref<Table>(t2.reference());
  s.many = {Ref<Table>(t1.reference()), Ref<Table>(), Ref<Table>(t2.reference())};
  dump(s, f.create_group("series"));  // self-describing: the embedded schema says "ref"

  // On disk: plain object references, as h5py writes them.
  const Attribute main = f.group("series").attrs().open("main");
  EXPECT_EQ(main.dtype().type_class(), TypeClass::reference);
  EXPECT_EQ(f.dereference(main.read<ObjectReference>()).path(), "/tables/b");
  EXPECT_EQ(f.dataset("series/electrodes").attrs().get<ObjectReference>("table"), t1.reference());
  EXPECT_FALSE(f.group("series").attrs().contains("extra"));  // an empty optional is absent
  const auto many = f.group("series").attrs().get<std::vector<ObjectReference>>("many");
  ASSERT_EQ(many.size(), 3u);
  EXPECT_TRUE(many[1].is_null());

  const Series back = load<Series>(f.group("series"));
  EXPECT_EQ(back, s);
  EXPECT_EQ(back.main.reference(), t2.reference());
  EXPECT_FALSE(back.extra.has_value());
  EXPECT_TRUE(back.many[1].is_null());
  // load() alone does not know what the references point at.
  EXPECT_TRUE(back.main.path().empty());
  EXPECT_FALSE(back.main.is_bound());
  EXPECT_EQ(back.main.get(), nullptr);
  // ... but can find the canonical path: a soft link or an alias gives the first hard path.
  f.link("zz_alias", t2);
  EXPECT_EQ(back.main.target_path(f), "/tables/b");
  EXPECT_EQ(back.electrodes.table.target_path(f.group("tables")), "/tables/a");
  EXPECT_THROW(back.many[1].target_path(f), InvalidArgumentError);
}

TEST(ModelRef, AnAttributeThatIsNoReferenceIsAProblemWithItsPath) {
  TempDir dir;
  File f(dir / "bad.h5", "w");
  const Group g = f.create_group("series");
  g.attrs().set("main", std::int64_t{7});
  g.create_dataset("electrodes", std::vector<std::int64_t>{1}).attrs().set("table", std::string("/tables/a"));
  g.attrs().set("many", std::vector<ObjectReference>{});
  try {
    (void)load<Series>(g);
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.problems().size(), 2u) << e.what();
    EXPECT_EQ(e.problems()[0].path, "/series/electrodes");
    EXPECT_EQ(e.problems()[0].field, "table");
    EXPECT_NE(e.problems()[0].message.find("ref"), std::string::npos) << e.problems()[0].message;
    EXPECT_EQ(e.problems()[1].path, "/series");
    EXPECT_EQ(e.problems()[1].field, "main");
    EXPECT_NE(e.problems()[1].message.find("int64"), std::string::npos) << e.problems()[1].message;
  }
}

TEST(ModelRef, BindsOnlyATargetOfTheDeclaredTypeAndDoesNotOwnIt) {
  Ref<Table> r(ObjectReference{1234});
  auto table = std::make_shared<Table>(Table{"electrodes"});
  auto other = std::make_shared<Other>();

  EXPECT_FALSE(r.bind("/other", other, typeid(Other)));
  EXPECT_EQ(r.path(), "/other");  // the path is recorded for the message
  EXPECT_FALSE(r.is_bound());

  EXPECT_TRUE(r.bind("/general/electrodes", table, typeid(Table)));
  EXPECT_TRUE(r.is_bound());
  EXPECT_EQ(r.path(), "/general/electrodes");
  EXPECT_EQ(r.get().get(), table.get());  // the same instance, not a copy
  EXPECT_EQ(r.get()->description, "electrodes");
  EXPECT_EQ(r.target_type(), typeid(Table));

  // Assigning another reference forgets the binding.
  Ref<Table> copy = r;
  copy = ObjectReference{99};
  EXPECT_FALSE(copy.is_bound());
  EXPECT_TRUE(copy.path().empty());
  EXPECT_TRUE(r.is_bound());

  table.reset();  // the owner (a loaded graph) went away: the Ref does not keep it alive
  EXPECT_FALSE(r.is_bound());
  EXPECT_EQ(r.get(), nullptr);
}

TEST(ModelRef, ForEachRefVisitsEveryReferenceWithItsModelPath) {
  Holder h;
  Series s;
  s.many.resize(2);
  s.extra = Ref<Table>();
  h.series = {s, s};
  h.named["lfp"] = s;
  std::vector<std::string> seen;
  for_each_ref(h, [&](RefBase& r, const std::string& where) {
    EXPECT_EQ(r.target_type(), typeid(Table));
    seen.push_back(where);
  });
  std::vector<std::string> expected;
  for (const std::string prefix : {"Holder.series[0]", "Holder.series[1]", "Holder.named.lfp"}) {
    for (const char* leaf : {".electrodes.table", ".main", ".extra", ".many[0]", ".many[1]"}) expected.push_back(prefix + leaf);
  }
  EXPECT_EQ(seen, expected);

  // Binding through the visitor changes the model's own fields.
  auto table = std::make_shared<Table>();
  for_each_ref(h, [&](RefBase& r, const std::string&) { r.bind("/t", table, typeid(Table)); });
  EXPECT_EQ(h.series[1].electrodes.table.get().get(), table.get());
  EXPECT_EQ(h.named["lfp"].many[1].get().get(), table.get());
}

}  // namespace
}  // namespace h5kit::test

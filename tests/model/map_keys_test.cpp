// std::map<std::string, Model> keys become link names: a key HDF5 cannot take as one name must be a
// problem found by validate() (so dump() writes nothing), not a nested group or a failure mid-dump.
#include <filesystem>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "h5kit/model.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

struct Entry {
  double value = 0;
};
BOOST_DESCRIBE_STRUCT(Entry, (), (value))

struct Named {
  std::map<std::string, Entry> named;
};
BOOST_DESCRIBE_STRUCT(Named, (), (named))

TEST(ModelMapKeys, KeysThatAreNotOneLinkNameAreProblemsAndNothingIsWritten) {
  for (const std::string key : {"a/b", "", "."}) {
    SCOPED_TRACE("key \"" + key + "\"");
    const Named m{{{key, {1.0}}, {"fine", {2.0}}}};
    const auto problems = validate(m);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].path, "/named");
    EXPECT_NE(problems[0].to_string().find("\"" + key + "\""), std::string::npos) << problems[0].to_string();

    TempDir dir;
    EXPECT_THROW(dump(m, dir / "m.h5"), ValidationError);
    EXPECT_FALSE(std::filesystem::exists(dir / "m.h5"));
  }
}

}  // namespace
}  // namespace h5kit::test

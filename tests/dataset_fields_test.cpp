// DatasetFields: reading and writing some fields of a compound dataset (h5py's ds.fields(...)),
// the others untouched, with row selections, broadcasting, and every refusal.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <boost/describe.hpp>
#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/error_message.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::message_of;
using test::TempDir;

struct Row {
  std::int32_t a;
  float b;
  double c;
};
BOOST_DESCRIBE_STRUCT(Row, (), (a, b, c))

struct CA {  // two of Row's fields, in another order
  double c;
  std::int32_t a;
};
BOOST_DESCRIBE_STRUCT(CA, (), (c, a))

struct AB {
  std::int32_t a;
  float b;
};
BOOST_DESCRIBE_STRUCT(AB, (), (a, b))

class DatasetFieldsTest : public ::testing::Test {
 protected:
  TempDir dir;
  File f{dir / "fields.h5", "w"};
  Dataset rows = f.create_dataset("rows", std::vector<Row>{{1, 1.5f, 10.0}, {2, 2.5f, 20.0}, {3, 3.5f, 30.0}});
};

TEST_F(DatasetFieldsTest, OneFieldReadsAsItsOwnType) {
  EXPECT_EQ(rows.fields({"c"}).read<std::vector<double>>(), (std::vector<double>{10.0, 20.0, 30.0}));
  EXPECT_EQ(rows.fields({"a"}).read<std::vector<std::int32_t>>(), (std::vector<std::int32_t>{1, 2, 3}));
  EXPECT_EQ((rows.fields({"b"})[{s(1, none)}].read<std::vector<float>>()), (std::vector<float>{2.5f, 3.5f}));
}

TEST_F(DatasetFieldsTest, WritingOneFieldKeepsTheOthers) {
  rows.fields({"c"}) = std::vector<double>{-1.0, -2.0, -3.0};
  rows.fields({"a"})[{s(0, 2)}] = std::int32_t{7};  // a scalar into the field of rows 0 and 1
  const std::vector<Row> back = rows.read<std::vector<Row>>();
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[0].a, 7);
  EXPECT_EQ(back[1].a, 7);
  EXPECT_EQ(back[2].a, 3);
  EXPECT_EQ(back[1].b, 2.5f);
  EXPECT_EQ(back[2].c, -3.0);
}

TEST_F(DatasetFieldsTest, SeveralFieldsGoThroughAStructOfThoseFields) {
  const std::vector<CA> ca = rows.fields({"a", "c"}).read<std::vector<CA>>();
  ASSERT_EQ(ca.size(), 3u);
  EXPECT_EQ(ca[2].a, 3);
  EXPECT_EQ(ca[2].c, 30.0);
  rows.fields({"c", "a"}) = std::vector<CA>{{0.5, 100}, {0.25, 200}, {0.125, 300}};
  const std::vector<Row> back = rows.read<std::vector<Row>>();
  EXPECT_EQ(back[1].a, 200);
  EXPECT_EQ(back[1].c, 0.25);
  EXPECT_EQ(back[1].b, 2.5f);  // not named: kept
}

TEST_F(DatasetFieldsTest, RefusalsNameTheFieldAndTheTypes) {
  EXPECT_NE(message_of<NotFoundError>([&] { rows.fields({"z"}).read<std::vector<double>>(); })
                .find("no field \"z\" in compound{a:int32,b:float32,c:float64}"),
            std::string::npos);
  EXPECT_NE(message_of<TypeMismatchError>([&] { rows.fields({"c"}).read<std::vector<std::int32_t>>(); })
                .find("field \"c\" is float64, not int32"),
            std::string::npos);
  EXPECT_NE(message_of<TypeMismatchError>([&] { rows.fields({"a"}) = 1.5; }).find("field \"a\" is int32, not float64"),
            std::string::npos);
  EXPECT_NE(message_of<InvalidArgumentError>([&] { rows.fields({"a", "c"}).read<std::vector<AB>>(); })
                .find("the struct has the fields {a, b}, the request names {a, c}"),
            std::string::npos);
  EXPECT_NE(message_of<InvalidArgumentError>([&] { rows.fields({"a", "c"}).read<std::vector<double>>(); })
                .find("go through a struct"),
            std::string::npos);
  const Dataset plain = f.create_dataset("plain", std::vector<double>{1.0});
  EXPECT_NE(message_of<InvalidArgumentError>([&] { plain.fields({"a"}).read<std::vector<double>>(); })
                .find("needs a compound dataset; this one is float64"),
            std::string::npos);
  EXPECT_THROW(rows.fields({}), InvalidArgumentError);
  // Without fields(), a struct lacking stored fields is refused on writing (it would leave them unset).
  EXPECT_NE(message_of<TypeMismatchError>([&] { rows.write(std::vector<CA>{{0.5, 1}, {0.5, 2}, {0.5, 3}}); })
                .find("the stored compound has member \"b\", which the struct does not"),
            std::string::npos);
  EXPECT_EQ(rows.read<std::vector<Row>>()[0].a, 1);  // nothing was written by the refused write
}

}  // namespace
}  // namespace h5kit

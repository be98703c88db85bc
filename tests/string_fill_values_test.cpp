// String fill values (h5py's fillvalue on S<n> and string_dtype() datasets): set, read back, what
// never-written elements read as, and the checks a written value would get.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/error_message.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::message_of;
using test::TempDir;

class StringFillValues : public ::testing::Test {
 protected:
  TempDir dir_;
  File file_{dir_ / "fill.h5", "w"};
};

TEST_F(StringFillValues, FixedLengthFillIsPaddedAndReadsBackWithoutPadding) {
  const Dataset ds = file_.create_dataset("codes", Shape{3}, Datatype::fixed_string(6),
                                          DatasetOptions{}.fill_value(Bytes("N/A")));
  EXPECT_EQ(ds.fill_value<Bytes>(), Bytes("N/A"));
  EXPECT_EQ(ds.fill_value<std::string>(), "N/A");
  ds[{1}] = Bytes("ok");
  EXPECT_EQ(ds.read<std::vector<Bytes>>(), (std::vector<Bytes>{"N/A", "ok", "N/A"}));
}

TEST_F(StringFillValues, VariableLengthFillCoversGrownRows) {
  const Dataset ds = file_.create_dataset("names", Shape{2}, Datatype::variable_string(),
                                          DatasetOptions{}.fill_value("unnamed").maxshape({unlimited}));
  EXPECT_EQ(ds.fill_value<std::string>(), "unnamed");
  ds[{0}] = std::string("first");
  ds.resize({4});
  EXPECT_EQ(ds.read<std::vector<std::string>>(),
            (std::vector<std::string>{"first", "unnamed", "unnamed", "unnamed"}));
}

TEST_F(StringFillValues, WithoutAFillValueTheDefaultIsTheEmptyString) {
  // Asking HDF5 for the default fill of a variable-length string is what crashes h5py 3.7.
  const Dataset vlen = file_.create_dataset("v", Shape{2}, Datatype::variable_string());
  EXPECT_EQ(vlen.fill_value<std::string>(), "");
  EXPECT_EQ(vlen.read<std::vector<std::string>>(), (std::vector<std::string>{"", ""}));
  const Dataset fixed = file_.create_dataset("f", Shape{2}, Datatype::fixed_string(4));
  EXPECT_EQ(fixed.fill_value<Bytes>(), Bytes(""));
}

TEST_F(StringFillValues, AFillThatAWriteWouldRefuseIsRefusedAndNothingIsCreated) {
  // Too long for the slot: HDF5 would cut it.
  const std::string too_long = message_of<InvalidArgumentError>([&] {
    file_.create_dataset("a", Shape{2}, Datatype::fixed_string(3), DatasetOptions{}.fill_value(Bytes("N/A!")));
  });
  EXPECT_NE(too_long.find("has 4 bytes and does not fit the fixed length of 3 bytes"), std::string::npos) << too_long;
  EXPECT_NE(too_long.find("/a"), std::string::npos) << too_long;
  EXPECT_FALSE(file_.contains("a"));
  // Text that is not ASCII in an ASCII type (h5py refuses to encode it), bad UTF-8 in a UTF-8 type,
  // a NUL inside a variable-length value.
  EXPECT_NE(message_of<InvalidArgumentError>([&] {
              file_.create_dataset("b", Shape{2}, Datatype::fixed_string(8), DatasetOptions{}.fill_value("\u00b5m"));
            }).find("is not ASCII (byte 0xc2 at offset 0)"),
            std::string::npos);
  EXPECT_NE(message_of<InvalidArgumentError>([&] {
              file_.create_dataset("c", Shape{2}, Datatype::variable_string(), DatasetOptions{}.fill_value("\xff"));
            }).find("the fill value \"\\xff\" is not valid UTF-8"),
            std::string::npos);
  EXPECT_NE(message_of<InvalidArgumentError>([&] {
              file_.create_dataset("d", Shape{2}, Datatype::variable_string(),
                                   DatasetOptions{}.fill_value(std::string("a\0b", 3)));
            }).find("the fill value \"a\\x00b\" holds a NUL byte at offset 1"),
            std::string::npos);
  // Bytes may be anything in an ASCII type, as h5py's bytes.
  EXPECT_EQ(file_.create_dataset("e", Shape{1}, Datatype::fixed_string(2), DatasetOptions{}.fill_value(Bytes("\xe9")))
                .fill_value<Bytes>(),
            Bytes("\xe9"));
  for (const char* name : {"b", "c", "d"}) EXPECT_FALSE(file_.contains(name)) << name;
}

TEST_F(StringFillValues, TypesMustAgree) {
  const std::string text_into_numbers = message_of<TypeMismatchError>([&] {
    file_.create_dataset("n", Shape{2}, Datatype::int32(), DatasetOptions{}.fill_value("zero"));
  });
  EXPECT_NE(text_into_numbers.find("a string fill value needs a string type; the dataset's type is int32"),
            std::string::npos)
      << text_into_numbers;
  const Dataset numbers = file_.create_dataset("m", Shape{2}, Datatype::int32());
  EXPECT_THROW(numbers.fill_value<std::string>(), TypeMismatchError);
  // The last fill_value given wins, of either kind.
  const Dataset last = file_.create_dataset("l", Shape{1}, Datatype::int32(),
                                            DatasetOptions{}.fill_value("text").fill_value(std::int32_t{7}));
  EXPECT_EQ(last.fill_value<std::int32_t>(), 7);
}

}  // namespace
}  // namespace h5kit

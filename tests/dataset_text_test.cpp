// Dataset::asstr: string datasets read as decoded text, whole or through a selection.
#include "h5kit/dataset_text.hpp"

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

class DatasetText : public ::testing::Test {
 protected:
  TempDir dir_;
  File file_{dir_ / "text.h5", "w"};
  std::vector<std::string> flat(const NDArray<std::string>& a) { return {a.begin(), a.end()}; }
};

TEST_F(DatasetText, StoredEncodingIsTheDefault) {
  const Dataset utf8 = file_.create_dataset("t", std::vector<std::string>{"\u00b5m", "ok"});
  EXPECT_EQ(utf8.asstr().decoding().encoding, TextEncoding::utf8);
  EXPECT_EQ(flat(utf8.asstr().read()), (std::vector<std::string>{"\u00b5m", "ok"}));
  const Dataset ascii = file_.create_dataset("a", std::vector<Bytes>{"ok", "caf\xe9"});
  EXPECT_EQ(ascii.asstr().decoding().encoding, TextEncoding::ascii);
  const std::string message = message_of<InvalidArgumentError>([&] { ascii.asstr().read(); });
  EXPECT_NE(message.find("element 1: byte 0xe9 at offset 3 does not decode as ascii"), std::string::npos) << message;
  EXPECT_NE(message.find("/a"), std::string::npos) << message;
}

TEST_F(DatasetText, EncodingsAndPoliciesOnFixedAndVariableStorage) {
  const Dataset fixed = file_.create_dataset("f", std::vector<Bytes>{"caf\xe9", "\xff"},
                                             DatasetOptions{}.dtype(Datatype::fixed_string(6)));
  EXPECT_EQ(flat(fixed.asstr({TextEncoding::latin1}).read()), (std::vector<std::string>{"caf\u00e9", "\u00ff"}));
  EXPECT_EQ(flat(fixed.asstr({TextEncoding::ascii, DecodeErrors::backslashreplace}).read()),
            (std::vector<std::string>{"caf\\xe9", "\\xff"}));
  EXPECT_EQ(flat(fixed.asstr({TextEncoding::utf8, DecodeErrors::ignore}).read()),
            (std::vector<std::string>{"caf", ""}));
}

TEST_F(DatasetText, SelectionsKeepTheirShape) {
  const Dataset ds = file_.create_dataset(
      "grid", NDArray<Bytes>({2, 2}, {Bytes("a"), Bytes("\xe9"), Bytes("c"), Bytes("d")}));
  const NDArray<std::string> row = ds.asstr({TextEncoding::latin1})[{1}];
  EXPECT_EQ(row.shape(), (Shape{2}));
  EXPECT_EQ(flat(row), (std::vector<std::string>{"c", "d"}));
  const NDArray<std::string> column = ds.asstr({TextEncoding::latin1})[{s(none, none), 1}];
  EXPECT_EQ(flat(column), (std::vector<std::string>{"\u00e9", "d"}));
  EXPECT_EQ(ds.asstr({TextEncoding::latin1}).read().shape(), (Shape{2, 2}));
}

TEST_F(DatasetText, OnlyStringDatasetsHaveText) {
  const Dataset numbers = file_.create_dataset("n", std::vector<int>{1, 2});
  const std::string message = message_of<TypeMismatchError>([&] { numbers.asstr(); });
  EXPECT_NE(message.find("asstr() reads string datasets; this one is int32"), std::string::npos) << message;
}

}  // namespace
}  // namespace h5kit

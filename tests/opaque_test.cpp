// Opaque types: tags, run-time Opaque values, compile-time TaggedOpaque, and tag/size mismatches.
#include "h5kit/opaque.hpp"

#include <cstddef>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

using test::TempDir;
using Uuid = TaggedOpaque<16, "acme:uuid">;
using Frame = TaggedOpaque<4, "acme:frame">;

Opaque blob(std::string_view text) { return Opaque(text.data(), text.size()); }

class OpaqueTypes : public ::testing::Test {
 protected:
  TempDir dir_;
  File file_{dir_ / "opaque.h5", "w"};
};

TEST_F(OpaqueTypes, DatatypeCarriesSizeAndTag) {
  const Datatype t = Datatype::opaque(16, "acme:uuid");
  EXPECT_EQ(t.type_class(), TypeClass::opaque);
  EXPECT_EQ(t.size(), 16u);
  EXPECT_EQ(t.tag(), "acme:uuid");
  EXPECT_EQ(t.name(), "opaque(16,\"acme:uuid\")");
  EXPECT_EQ(Datatype::opaque(8).name(), "opaque(8)");
  EXPECT_EQ(Datatype::opaque(8).tag(), "");
  EXPECT_EQ(Datatype::int32().tag(), "");
  EXPECT_EQ(Datatype::opaque(8).byte_order(), ByteOrder::none);
  EXPECT_FALSE(Datatype::opaque(16, "a") == Datatype::opaque(16, "b"));
  EXPECT_EQ(dtype<Uuid>(), Datatype::opaque(16, "acme:uuid"));
}

TEST_F(OpaqueTypes, BadArgumentsAreRefused) {
  EXPECT_THROW(Datatype::opaque(0, "x"), InvalidArgumentError);
  EXPECT_THROW(Datatype::opaque(4, std::string(256, 't')), InvalidArgumentError);
  EXPECT_NO_THROW(Datatype::opaque(4, std::string(255, 't')));
  EXPECT_THROW(Datatype::opaque(4, std::string("a\0b", 3)), InvalidArgumentError);
  EXPECT_THROW(Datatype::opaque(4).with_byte_order(ByteOrder::big), InvalidArgumentError);
}

TEST_F(OpaqueTypes, BlobsWithATagRoundTrip) {
  const std::vector<Opaque> blobs = {blob("abcd"), blob(std::string_view("\0\1\2\3", 4)), blob("wxyz")};
  const Dataset ds = file_.create_dataset("blobs", blobs, DatasetOptions{}.dtype(Datatype::opaque(4, "acme:frame")));
  EXPECT_EQ(ds.dtype().tag(), "acme:frame");
  EXPECT_EQ(ds.read<std::vector<Opaque>>(), blobs);
  // The same bytes through the compile-time type of that tag.
  const auto frames = ds.read<std::vector<Frame>>();
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[2].bytes[3], std::byte{'z'});
  file_.attrs().set("one", blob("xy"), Datatype::opaque(2, "pair"));
  EXPECT_EQ(file_.attrs().get<Opaque>("one"), blob("xy"));
  EXPECT_EQ(file_.attrs().open("one").dtype().tag(), "pair");
}

TEST_F(OpaqueTypes, TaggedOpaqueCreatesItsOwnType) {
  Uuid id;
  for (std::size_t i = 0; i < 16; ++i) id.bytes[i] = std::byte(i * 17);
  const Dataset ds = file_.create_dataset("ids", std::vector<Uuid>{id, Uuid{}});
  EXPECT_EQ(ds.dtype().name(), "opaque(16,\"acme:uuid\")");
  EXPECT_EQ(ds.read<std::vector<Uuid>>(), (std::vector<Uuid>{id, Uuid{}}));
}

TEST_F(OpaqueTypes, AnotherTagOrSizeIsATypeMismatchNamingBothTags) {
  file_.create_dataset("ids", std::vector<Uuid>(2));
  try {
    file_.dataset("ids").read<std::vector<TaggedOpaque<16, "other">>>();
    FAIL() << "expected TypeMismatchError";
  } catch (const TypeMismatchError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("\"acme:uuid\" (16 bytes)"), std::string::npos) << what;
    EXPECT_NE(what.find("\"other\" (16 bytes)"), std::string::npos) << what;
  }
  try {
    file_.dataset("ids").read<std::vector<TaggedOpaque<8, "acme:uuid">>>();
    FAIL() << "expected TypeMismatchError";
  } catch (const TypeMismatchError& e) {
    EXPECT_NE(std::string(e.what()).find("\"acme:uuid\" (8 bytes)"), std::string::npos) << e.what();
  }
  EXPECT_THROW(file_.dataset("ids").write(std::vector<TaggedOpaque<16, "other">>(2)), TypeMismatchError);
}

TEST_F(OpaqueTypes, WrongSizedBlobsAndMissingTypesAreRefused) {
  const Dataset ds = file_.create_dataset("blobs", std::vector<Opaque>{blob("abcd")},
                                          DatasetOptions{}.dtype(Datatype::opaque(4, "t")));
  try {
    ds.write(std::vector<Opaque>{blob("abc")});
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("element 0 holds 3 bytes"), std::string::npos) << e.what();
  }
  EXPECT_EQ(ds.read<Opaque>(), blob("abcd"));
  try {
    file_.create_dataset("untyped", std::vector<Opaque>{blob("abcd")});
    FAIL() << "expected InvalidArgumentError";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("Datatype::opaque(size, tag)"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(file_.contains("untyped"));
  const Dataset numbers = file_.create_dataset("n", std::vector<std::int32_t>{1});
  EXPECT_THROW(numbers.read<std::vector<Opaque>>(), TypeMismatchError);
  EXPECT_THROW(numbers.read<std::vector<Frame>>(), TypeMismatchError);
  EXPECT_THROW(ds.read<std::vector<std::int32_t>>(), TypeMismatchError);
}

}  // namespace
}  // namespace h5kit

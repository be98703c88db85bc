#include "h5kit/error.hpp"

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

TEST(Error, MessageNamesOperationFileObjectAndStack) {
  const Error e(ErrorKind::not_found, "open object", "data.h5", "/a/b", "no such object", "H5G: not found");
  const std::string what = e.what();
  EXPECT_EQ(what, "open object: no such object (file \"data.h5\", object \"/a/b\") [HDF5: H5G: not found]");
  EXPECT_EQ(e.kind(), ErrorKind::not_found);
}

TEST(Error, ThrowErrorPicksTheClassOfTheKind) {
  EXPECT_THROW(throw_error(ErrorKind::not_found, "op", "", "", ""), NotFoundError);
  EXPECT_THROW(throw_error(ErrorKind::already_exists, "op", "", "", ""), AlreadyExistsError);
  EXPECT_THROW(throw_error(ErrorKind::type_mismatch, "op", "", "", ""), TypeMismatchError);
  EXPECT_THROW(throw_error(ErrorKind::shape_mismatch, "op", "", "", ""), ShapeMismatchError);
  EXPECT_THROW(throw_error(ErrorKind::file, "op", "", "", ""), FileError);
  EXPECT_THROW(throw_error(ErrorKind::invalid_argument, "op", "", "", ""), InvalidArgumentError);
  EXPECT_THROW(throw_error(ErrorKind::closed, "op", "", "", ""), InvalidArgumentError);  // closed is a kind of invalid
}

TEST(Error, HdfFailuresCarryTheHdf5Stack) {
  test::TempDir dir;
  { File f(dir / "ro.h5", "w"); }
  File f(dir / "ro.h5", "r");
  try {
    f.create_group("x");
    FAIL();
  } catch (const FileError& e) {
    EXPECT_FALSE(e.hdf5_stack().empty());
    EXPECT_NE(e.detail().find("read-only"), std::string::npos) << e.what();
    EXPECT_EQ(e.object(), "/x");
  }
}

TEST(Error, Hdf5PrintsNothingOnItsOwn) {
  test::TempDir dir;
  ::testing::internal::CaptureStderr();
  EXPECT_THROW(File(dir / "missing.h5", "r"), FileError);
  { File f(dir / "x.h5", "w"); EXPECT_THROW(f.open("nothing"), NotFoundError); }
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

}  // namespace
}  // namespace h5kit

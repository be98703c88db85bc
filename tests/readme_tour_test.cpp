// The README's "short tour", compiled and run, so the front page never shows code that does not work.
#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "support/temp_dir.hpp"

namespace {

TEST(ReadmeTour, RunsAsWritten) {
  h5kit::test::TempDir dir;
  const std::string path = dir / "experiment.h5";

  h5kit::File f(path, "w");
  h5kit::Group pos = f.create_group("calibration/position");
  pos.attrs().set("x", std::int32_t{247});
  pos.attrs().set("y", std::int32_t{253});
  f.create_dataset("calibration/no_beam", std::vector<std::vector<int>>{{0, 0}, {1, 0}, {0, 0}});
  auto frames = f.create_dataset("frames", h5kit::Shape{0, 512, 512}, h5kit::dtype<std::uint16_t>(),
                                 h5kit::DatasetOptions{}.maxshape({h5kit::unlimited, 512, 512}).gzip(4).shuffle());
  frames.resize({10, 512, 512});
  f["latest"] = frames;
  f["alias"] = h5kit::SoftLink{"/calibration"};
  f["dark"] = h5kit::ExternalLink{"darks.h5", "/dark/mean"};
  auto no_beam = f.dataset("calibration/no_beam").read<h5kit::NDArray<int>>();
  int x = f["calibration/position"].attrs().get<int>("x");
  double one = frames.read_element<std::uint16_t>({0, 10, 10});
  auto strip = frames[{h5kit::s(2, 10, 2), h5kit::all, -1}].read<h5kit::NDArray<std::uint16_t>>();
  frames[{0, h5kit::s(0, 16)}] = std::uint16_t{100};
  EXPECT_EQ(strip.shape(), (h5kit::Shape{4, 512}));
  EXPECT_EQ((frames[{0, 15, 511}].read<std::uint16_t>()), 100);
  EXPECT_EQ((frames[{0, 16, 0}].read<std::uint16_t>()), 0);
  auto stopped = f.visit_items([](const std::string& name, const h5kit::Object& obj) {
    return obj.kind() == h5kit::ObjectKind::dataset && name == "frames";
  });

  EXPECT_EQ(no_beam.shape(), (h5kit::Shape{3, 2}));
  EXPECT_EQ(x, 247);
  EXPECT_EQ(one, 0.0);
  ASSERT_TRUE(stopped);
  EXPECT_EQ(*stopped, "frames");
  EXPECT_EQ(f.dataset("latest"), frames);
  EXPECT_EQ(f.link_info("dark").kind, h5kit::LinkKind::external);
  try {
    f.open("calibration/missing");
    FAIL();
  } catch (const h5kit::NotFoundError& e) {
    EXPECT_EQ(std::string(e.what()),
              "open object: no such object (file \"" + path + "\", object \"/calibration/missing\")");
  }
}

}  // namespace

// The README's examples (the model example, the short tour of the core API and the lazy layer), compiled and run, so
// the front page never shows code that does not work.
#include <gtest/gtest.h>

#include <cmath>

#include "h5kit/h5kit.hpp"
#include "h5kit/lazy.hpp"
#include "h5kit/model.hpp"
#include "support/temp_dir.hpp"

namespace {

// ---- "Declare once, dump, load back validated", as written in the README -------------------------
namespace readme {

struct Position {
  std::int32_t x = 0;
  std::int32_t y = 0;
};
BOOST_DESCRIBE_STRUCT(Position, (), (x, y))

using CalibImage = h5kit::DatasetOf<std::int32_t, 3, 2>;

struct Calibration {
  CalibImage no_beam;
  Position position;
};
BOOST_DESCRIBE_STRUCT(Calibration, (), (no_beam, position))

struct Beam {
  double energy = 0;
  std::int32_t distance = 0;
};
BOOST_DESCRIBE_STRUCT(Beam, (), (energy, distance))

constexpr auto h5kit_model(const Beam*) {
  using h5kit::field;
  return h5kit::model("Beam", 1,
                      field(&Beam::energy).doc("X-ray beam energy").unit("J").ge(0),
                      field(&Beam::distance).doc("Distance from sample to detector").unit("mm").ge(0));
}

struct Experiment {
  Calibration calibration;
  Beam beam;
};
BOOST_DESCRIBE_STRUCT(Experiment, (), (calibration, beam))

}  // namespace readme

TEST(ReadmeTour, ModelExampleRunsAsWritten) {
  using namespace readme;
  h5kit::test::TempDir dir;
  const std::string path = dir / "experiment.h5";

  Experiment e;
  e.calibration.no_beam = {{0, 0}, {0, 1}, {0, 0}};
  e.calibration.position = {247, 253};
  e.beam = {1.2e-15, 1500};

  h5kit::dump(e, path);
  auto back = h5kit::load<Experiment>(path);

  EXPECT_EQ(back.calibration.position.x, 247);
  EXPECT_EQ(back.calibration.position.y, 253);
  EXPECT_EQ(back.calibration.no_beam, e.calibration.no_beam);
  EXPECT_EQ(back.beam.energy, 1.2e-15);
  EXPECT_EQ(back.beam.distance, 1500);

  // The layout the README shows.
  {
    const h5kit::File f(path, "r");
    EXPECT_EQ(f.keys(), (std::vector<std::string>{"beam", "calibration"}));
    EXPECT_EQ(f.attrs().get<std::string>("h5kit_model"), "Experiment");
    EXPECT_EQ(f.attrs().open("h5kit_model_version").dtype().name(), "int32");
    EXPECT_EQ(f.group("beam").attrs().open("energy").dtype().name(), "float64");
    EXPECT_EQ(f.group("beam").attrs().open("distance").dtype().name(), "int32");
    EXPECT_EQ(f.group("calibration").keys(), (std::vector<std::string>{"no_beam", "position"}));
    EXPECT_EQ(f.dataset("calibration/no_beam").shape(), (h5kit::Shape{3, 2}));
    EXPECT_EQ(f.dataset("calibration/no_beam").dtype().name(), "int32");
  }

  // The refusal the README shows, for a /beam with energy = -3.4.
  {
    h5kit::File f(path, "r+");
    f.group("beam").attrs().set("energy", -3.4);
  }
  try {
    h5kit::load<Experiment>(path);
    FAIL() << "loaded energy = -3.4";
  } catch (const h5kit::ValidationError& err) {
    EXPECT_NE(std::string(err.what()).find("/beam: energy must be >= 0 J, found -3.4 [Experiment.beam.energy]"),
              std::string::npos)
        << err.what();
  }
}

// ---- "A short tour of the core API" --------------------------------------------------------------

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

// ---- "Data larger than memory" ----------------------------------------------------------------

TEST(ReadmeTour, LazyExampleRunsAsWritten) {
  h5kit::test::TempDir dir;
  h5kit::File f(dir / "lazy.h5", "w");
  h5kit::NDArray<double> images(h5kit::Shape{3, 512, 512});
  for (std::size_t i = 0; i < images.size(); ++i) images.data()[i] = static_cast<double>(i % 1000);
  f.create_dataset("frames", images, h5kit::DatasetOptions{}.chunks({1, 256, 256}));
  f.create_dataset("dark_mean", h5kit::NDArray<double>(h5kit::Shape{512, 512}, 100.0));
  f.create_dataset("timestamps", std::vector<double>{3, 1, 2});
  {
    using namespace h5kit::lazy;

    const ScopedMemoryCap cap(64 << 20);
    H5Array<double> frames(f.dataset("frames"));
    H5Array<double> dark(f.dataset("dark_mean"));
    Description<double> d = describe(frames);
    h5kit::NDArray<double> per_pixel = mean(frames, 0);
    frames -= dark;
    H5Array<double> s = sin(frames, Into{f, "sin_frames"});
    H5Array<double> t(f.dataset("timestamps"));
    sort(t);

    H5Dict meta = H5Dict::create(f, "meta");
    meta.merge(Map{{"run", 17}, {"tags", std::vector<std::string>{"dark", "cold"}}});

    EXPECT_EQ(d.count, images.size());
    EXPECT_EQ(per_pixel.shape(), (h5kit::Shape{512, 512}));
    EXPECT_EQ(per_pixel(0, 1), (1 + 262145 % 1000 + 524289 % 1000) / 3.0);
    EXPECT_EQ(frames.at({2, 0, 7}), images(2, 0, 7) - 100.0);
    EXPECT_EQ(s.at({2, 0, 7}), std::sin(images(2, 0, 7) - 100.0));
    EXPECT_EQ(t.read(), (h5kit::NDArray<double>(h5kit::Shape{3}, {1, 2, 3})));
    EXPECT_EQ(meta["run"].get<int>(), 17);
  }
}

}  // namespace

// The dumper (h5pydantic's H5Group.dumper()): a model's attributes and groups written first, its
// datasets created and then written through field handles, whole, by block or by appends; the
// file atomic until commit(); mandatory datasets never written reported as dump() reports them.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/model.hpp"
#include "h5kit/model/dumper.hpp"
#include "support/error_message.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

using Frames = DatasetOf<std::uint16_t, kAnyExtent, 4, 3>;

struct Detector {
  std::string name;
  DatasetOf<std::int32_t, 3, 2> dark;  // fixed shape
};
BOOST_DESCRIBE_STRUCT(Detector, (), (name, dark))

struct Scan {
  double energy = 0;
  Detector detector;
  Frames frames;                                   // the image stack, frame by frame
  DatasetOf<double, kAnyExtent> positions;         // compressed, chunked as declared
  DatasetOf<double, kAnyExtent> given;             // given data before the dumper opened
  std::optional<DatasetOf<float, kAnyExtent>> extra;  // unset optional: absent, no handle
  std::vector<DatasetOf<std::int32_t, kAnyExtent>> traces;
};
BOOST_DESCRIBE_STRUCT(Scan, (), (energy, detector, frames, positions, given, extra, traces))
constexpr auto h5kit_model(const Scan*) {
  return model("Scan", 1, field(&Scan::energy).unit("keV").ge(0),
               field(&Scan::positions).gzip(4).chunks({16}).unit("mm").ge(-10).le(10),
               field(&Scan::frames).le(4000).doc("Detector frames"));
}

Scan a_scan() {
  Scan s;
  s.energy = 8.1;
  s.detector.name = "eiger";
  s.given = {1.0, 2.0};
  s.traces.resize(2);
  return s;
}

NDArray<std::uint16_t> frame(std::uint16_t v) { return NDArray<std::uint16_t>(Shape{4, 3}, v); }

void write_everything(ModelDumper<Scan>& out) {
  auto frames = out.field(&Scan::frames);
  for (std::uint16_t i = 0; i < 5; ++i) frames.append(frame(i));
  out.field(&Scan::detector, &Detector::dark).write(NDArray<std::int32_t>(Shape{3, 2}, 7));
  auto positions = out.field(&Scan::positions);
  positions.write_block(NDArray<double>(Shape{20}, 1.5), Shape{0});
  positions.write_block(NDArray<double>(Shape{10}, -2.5), Shape{20});
  out.dataset<std::int32_t>("traces/0").write(std::vector<std::int32_t>{1, 2, 3});
  out.dataset<std::int32_t>("traces/1").append(NDArray<std::int32_t>(Shape{2}, 9));
}

TEST(ModelDumper, WritesAttributesFirstAndDatasetsThroughFieldHandles) {
  TempDir dir;
  const std::string path = dir / "scan.h5";
  auto out = dumper(a_scan(), path);
  EXPECT_FALSE(std::filesystem::exists(path));  // a temporary until commit
  EXPECT_TRUE(std::filesystem::exists(out.temporary_path()));
  write_everything(out);
  EXPECT_TRUE(out.unwritten().empty());
  out.commit();
  EXPECT_TRUE(out.committed());
  EXPECT_FALSE(std::filesystem::exists(out.temporary_path()));

  const File f(path, "r");
  EXPECT_EQ(f.attrs().get<std::string>("h5kit_model"), "Scan");
  const Dataset frames = f.dataset("frames");
  EXPECT_EQ(frames.shape(), (Shape{5, 4, 3}));
  EXPECT_EQ(frames.maxshape(), (Shape{unlimited, 4, 3}));
  EXPECT_EQ(frames.attrs().get<std::string>("description"), "Detector frames");
  const Dataset positions = f.dataset("positions");
  EXPECT_EQ(positions.gzip_level(), 4);
  EXPECT_EQ(positions.attrs().get<std::string>("units"), "mm");
  EXPECT_EQ(positions.chunks().value(), (Shape{16}));

  const Scan back = load<Scan>(path);
  EXPECT_DOUBLE_EQ(back.energy, 8.1);
  EXPECT_EQ(back.detector.name, "eiger");
  EXPECT_EQ(back.detector.dark.values(), (NDArray<std::int32_t>(Shape{3, 2}, 7)));
  EXPECT_EQ(back.frames.shape(), (Shape{5, 4, 3}));
  EXPECT_EQ(back.frames.values()(4, 3, 2), 4);
  EXPECT_EQ(back.frames.values()(0, 0, 0), 0);
  EXPECT_EQ(back.positions.shape(), (Shape{30}));
  EXPECT_DOUBLE_EQ(back.positions.values()(19), 1.5);
  EXPECT_DOUBLE_EQ(back.positions.values()(29), -2.5);
  EXPECT_EQ(back.given.values(), (NDArray<double>(Shape{2}, {1.0, 2.0})));
  EXPECT_FALSE(back.extra.has_value());
  ASSERT_EQ(back.traces.size(), 2U);
  EXPECT_EQ(back.traces[0].shape(), (Shape{3}));
  EXPECT_EQ(back.traces[1].values()(1), 9);
}

TEST(ModelDumper, CommitReportsEveryMandatoryDatasetNeverWrittenAsDumpDoes) {
  TempDir dir;
  const std::string path = dir / "scan.h5";
  {
    std::ofstream old(path);
    old << "the old file";
  }
  auto out = dumper(a_scan(), path);
  out.field(&Scan::frames).append(frame(1));
  const std::string what = message_of<ValidationError>([&] { out.commit(); });
  EXPECT_NE(what.find("dump model: 4 problems"), std::string::npos) << what;
  EXPECT_NE(what.find("/detector: dark is a mandatory dataset that was never given data [Scan.detector.dark]"),
            std::string::npos) << what;
  EXPECT_NE(what.find("/: positions is a mandatory dataset that was never given data [Scan.positions]"),
            std::string::npos) << what;
  EXPECT_NE(what.find("/traces/0: is a mandatory dataset that was never given data [Scan.traces[0]]"),
            std::string::npos) << what;
  EXPECT_NE(what.find("[Scan.traces[1]]"), std::string::npos) << what;
  EXPECT_EQ(what.find("frames"), std::string::npos) << what;
  EXPECT_NE(what.find(path), std::string::npos) << what;
  // The same list dump() gives for the model without data.
  const std::string dumped = message_of<ValidationError>([&] {
    Scan s = a_scan();
    s.frames = NDArray<std::uint16_t>(Shape{1, 4, 3}, 1);
    dump(s, dir / "other.h5");
  });
  EXPECT_EQ(dumped.substr(0, dumped.find(" (file")), what.substr(0, what.find(" (file"))) << dumped;

  // Refused: nothing renamed, the old file intact, the dumper still usable.
  EXPECT_FALSE(out.committed());
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "the old file");
  write_everything(out);
  out.commit();
  EXPECT_EQ(load<Scan>(path).frames.shape(), (Shape{6, 4, 3}));
}

TEST(ModelDumper, ADumperDestroyedWithoutCommitLeavesTheOldFile) {
  TempDir dir;
  const std::string path = dir / "scan.h5";
  Scan first = a_scan();
  first.energy = 1;
  first.frames = NDArray<std::uint16_t>(Shape{1, 4, 3}, 1);
  first.detector.dark = NDArray<std::int32_t>(Shape{3, 2}, 1);
  first.positions = {0.5};
  for (auto& t : first.traces) t = {1};
  dump(first, path);
  std::string temporary;
  try {
    auto out = dumper(a_scan(), path);
    temporary = out.temporary_path();
    out.field(&Scan::frames).append(frame(3));
    throw std::runtime_error("acquisition failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_FALSE(std::filesystem::exists(temporary));
  EXPECT_DOUBLE_EQ(load<Scan>(path).energy, 1);
  EXPECT_TRUE(AtomicFile::leftover_temporaries(path).empty());
}

TEST(ModelDumper, ConstraintsAreCheckedAsEachBlockArrivesAndTheBlockIsNotWritten) {
  TempDir dir;
  auto out = dumper(a_scan(), dir / "scan.h5");
  auto positions = out.field(&Scan::positions);
  NDArray<double> block(Shape{4}, 0.0);
  block(2) = 11.0;
  const std::string what = message_of<ValidationError>([&] { positions.write_block(block, Shape{8}); });
  EXPECT_NE(what.find("write dataset: 1 problem"), std::string::npos) << what;
  EXPECT_NE(what.find("/: positions element 2 of the block at (8,) must be <= 10 mm, found 11 (the block was not written) "
                      "[Scan.positions]"),
            std::string::npos)
      << what;
  EXPECT_EQ(positions.shape(), (Shape{0}));
  EXPECT_FALSE(positions.has_data());
  auto frames = out.field(&Scan::frames);
  NDArray<std::uint16_t> hot = frame(1);
  hot(3, 1) = 4001;
  const std::string frame_what = message_of<ValidationError>([&] { frames.append(hot); });
  EXPECT_NE(frame_what.find("/: frames element 10 of the block at (0, 0, 0) must be <= 4000, found 4001"),
            std::string::npos) << frame_what;
  EXPECT_EQ(frames.shape(), (Shape{0, 4, 3}));
}

TEST(ModelDumper, PartialCommitsWithoutTheUnwrittenDatasetsOrWithThemEmpty) {
  TempDir dir;
  {
    auto out = dumper(a_scan(), dir / "omit.h5", {.partial = true});
    out.field(&Scan::frames).append(frame(2));
    out.commit();
    const File f(dir / "omit.h5", "r");
    EXPECT_TRUE(f.contains("frames"));
    EXPECT_FALSE(f.contains("positions"));
    EXPECT_FALSE(f.contains("detector/dark"));
    EXPECT_TRUE(f.contains("detector"));
  }
  {
    auto out = dumper(a_scan(), dir / "empty.h5", {.partial = true, .unset_datasets = UnsetDatasets::empty});
    out.commit();
    const File f(dir / "empty.h5", "r");
    EXPECT_EQ(f.dataset("positions").shape(), (Shape{0}));
    EXPECT_EQ(f.dataset("detector/dark").shape(), (Shape{3, 2}));
    EXPECT_EQ(f.dataset("frames").shape(), (Shape{0, 4, 3}));
  }
  const Scan back = load<Scan>(dir / "empty.h5");
  EXPECT_EQ(back.frames.shape(), (Shape{0, 4, 3}));
  EXPECT_EQ(back.detector.dark.values(), (NDArray<std::int32_t>(Shape{3, 2}, 0)));
}

TEST(ModelDumper, OtherProblemsOfTheModelAreRefusedBeforeAnythingIsWritten) {
  TempDir dir;
  Scan s = a_scan();
  s.energy = -1;
  const std::string what = message_of<ValidationError>([&] { (void)dumper(s, dir / "scan.h5"); });
  EXPECT_NE(what.find("dump model: 1 problem"), std::string::npos) << what;
  EXPECT_NE(what.find("/: energy must be >= 0 keV, found -1 [Scan.energy]"), std::string::npos) << what;
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(ModelDumper, FieldHandlesAreCheckedByPathTypeAndShape) {
  TempDir dir;
  const std::string path = dir / "scan.h5";
  auto out = dumper(a_scan(), path);
  const std::string missing = message_of<NotFoundError>([&] { (void)out.dataset<double>("given"); });
  EXPECT_NE(missing.find("/given"), std::string::npos) << missing;
  EXPECT_NE(missing.find("the dumper created no dataset there"), std::string::npos) << missing;
  EXPECT_NE(missing.find("/frames"), std::string::npos) << missing;  // lists what there is
  const std::string type = message_of<TypeMismatchError>([&] { (void)out.dataset<float>("frames"); });
  EXPECT_NE(type.find("the field's elements are unsigned short, not float"), std::string::npos) << type;
  EXPECT_NE(type.find("/frames"), std::string::npos) << type;
  const std::string shape = message_of<ShapeMismatchError>(
      [&] { out.field(&Scan::frames).write(NDArray<std::uint16_t>(Shape{2, 4, 4}, 0)); });
  EXPECT_NE(shape.find("expected shape (any, 4, 3), found (2, 4, 4)"), std::string::npos) << shape;
  EXPECT_NE(shape.find("/frames"), std::string::npos) << shape;
  EXPECT_NE(shape.find(".scan.h5.h5kit-tmp-"), std::string::npos) << shape;  // the file being written
  const std::string row = message_of<Error>([&] { out.field(&Scan::frames).append(NDArray<std::uint16_t>(Shape{4, 4}, 0)); });
  EXPECT_NE(row.find("neither one row along axis 0 (shape (4, 3))"), std::string::npos) << row;
  EXPECT_NE(row.find("/frames"), std::string::npos) << row;
  const std::string fixed = message_of<Error>(
      [&] { out.field(&Scan::detector, &Detector::dark).write_block(NDArray<std::int32_t>(Shape{2, 2}, 0), Shape{2, 0}); });
  EXPECT_NE(fixed.find("/detector/dark"), std::string::npos) << fixed;
  EXPECT_FALSE(out.field(&Scan::detector, &Detector::dark).has_data());
  // After commit the handles are closed.
  auto frames = out.field(&Scan::frames);
  out.discard();
  const std::string closed = message_of<ClosedObjectError>([&] { frames.append(frame(1)); });
  EXPECT_NE(closed.find("the dumper was committed or discarded"), std::string::npos) << closed;
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(ModelDumper, AWholeWriteTakesAnyLengthAlongTheWildcardAxisAndCanBeRepeated) {
  TempDir dir;
  auto out = dumper(a_scan(), dir / "scan.h5", {.partial = true, .unset_datasets = UnsetDatasets::empty});
  auto positions = out.field(&Scan::positions);
  positions.write(NDArray<double>(Shape{40}, 1.0));
  positions.write(NDArray<double>(Shape{3}, 2.0));  // shrinks: the last write is the data
  EXPECT_EQ(positions.shape(), (Shape{3}));
  out.commit();
  EXPECT_EQ(load<Scan>(dir / "scan.h5", {}).positions.values(), (NDArray<double>(Shape{3}, 2.0)));
}

}  // namespace
}  // namespace h5kit::test

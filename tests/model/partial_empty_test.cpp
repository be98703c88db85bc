// UnsetDatasets::empty: h5pydantic's partial dump creates each unset mandatory dataset with its
// declared shape and never writes it, so the file loads back (the data reads as the fill value).
#include <gtest/gtest.h>

#include "h5kit/model.hpp"
#include "model/test_models.hpp"
#include "support/temp_dir.hpp"

namespace h5kit::test {
namespace {

using models::Baseline;
using models::Experiment;

struct Partial {
  std::string name;
  Baseline baseline;                     // fixed (3, 5), with an attribute field
  DatasetOf<float, kAnyExtent, 4> rows;  // a wildcard axis, contiguous
  DatasetOf<double, kAnyExtent> packed;  // a wildcard axis, compressed and chunked
  std::vector<models::CalibImage> images;
};
BOOST_DESCRIBE_STRUCT(Partial, (), (name, baseline, rows, packed, images))
constexpr auto h5kit_model(const Partial*) {
  return model("Partial", 1, field(&Partial::packed).gzip(4).chunks({16}).unit("mm").doc("Packed trace"));
}

struct PartialText {
  DatasetOf<std::string> title;
};
BOOST_DESCRIBE_STRUCT(PartialText, (), (title))

const DumpOptions kEmpty{.partial = true, .unset_datasets = UnsetDatasets::empty};

TEST(ModelPartialEmpty, UnsetDatasetsAreCreatedWithTheirDeclaredShapeAndNeverWritten) {
  TempDir dir;
  Partial p;
  p.name = "half done";
  p.baseline.metadata = 12;
  p.images.resize(2);
  p.images[1] = {{1, 2}, {3, 4}, {5, 6}};
  dump(p, dir / "p.h5", kEmpty);

  const File f(dir / "p.h5");
  const Dataset baseline = f.dataset("baseline");
  EXPECT_EQ(baseline.shape(), (Shape{3, 5}));
  EXPECT_EQ(baseline.dtype().name(), "int32");
  EXPECT_EQ(baseline.storage_size(), 0u);  // never written
  EXPECT_EQ(baseline.attrs().get<std::int64_t>("metadata"), 12);
  EXPECT_EQ(f.dataset("rows").shape(), (Shape{0, 4}));
  const Dataset packed = f.dataset("packed");
  EXPECT_EQ(packed.shape(), (Shape{0}));
  EXPECT_EQ(packed.maxshape(), (Shape{unlimited}));  // chunked: the empty axis may grow
  EXPECT_EQ(packed.attrs().get<std::string>("units"), "mm");
  EXPECT_EQ(packed.attrs().get<std::string>("description"), "Packed trace");
  EXPECT_EQ(f.dataset("images/0").shape(), (Shape{3, 2}));
  EXPECT_EQ(f.dataset("images/0").storage_size(), 0u);
  EXPECT_EQ(f.dataset("images/1").read<NDArray<std::int32_t>>().data()[5], 6);
}

TEST(ModelPartialEmpty, SuchAFileLoadsBackWithTheFillValue) {
  TempDir dir;
  Partial p;
  p.name = "half done";
  p.images.resize(1);
  dump(p, dir / "p.h5", kEmpty);

  const Partial back = load<Partial>(dir / "p.h5", LoadOptions{.strict = true});
  EXPECT_EQ(back.name, "half done");
  EXPECT_EQ(back.baseline.values(), NDArray<std::int32_t>(Shape{3, 5}));  // all 0, HDF5's fill value
  EXPECT_EQ(back.rows.shape(), (Shape{0, 4}));
  EXPECT_EQ(back.packed.shape(), (Shape{0}));
  ASSERT_EQ(back.images.size(), 1u);
  EXPECT_EQ(back.images[0].values(), NDArray<std::int32_t>(Shape{3, 2}));
}

TEST(ModelPartialEmpty, AnUnsetStringDatasetReadsEmpty) {
  TempDir dir;
  dump(PartialText{}, dir / "t.h5", kEmpty);
  EXPECT_EQ(File(dir / "t.h5").dataset("title").dtype().name(), "str");
  EXPECT_EQ(load<PartialText>(dir / "t.h5").title.value(), "");  // a null variable-length string, as h5py reads b""
}

TEST(ModelPartialEmpty, TheDefaultPartialDumpStillLeavesThemOut) {
  TempDir dir;
  dump(Experiment{}, dir / "e.h5", DumpOptions{.partial = true});
  const File f(dir / "e.h5");
  EXPECT_FALSE(f.group("calibration").contains("no_beam"));
  // Without partial, unset_datasets alone allows nothing.
  EXPECT_THROW(dump(Experiment{}, dir / "e2.h5", DumpOptions{.unset_datasets = UnsetDatasets::empty}),
               ValidationError);
}

}  // namespace
}  // namespace h5kit::test

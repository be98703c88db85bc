// A chunk larger than a fixed extent: HDF5 would refuse the dataset at dump time; a build error instead.
#include <cstdint>

#include "h5kit/model.hpp"

namespace probe {
struct Scan {
  h5kit::DatasetOf<std::int32_t, h5kit::kAnyExtent, 4> frames;
};
BOOST_DESCRIBE_STRUCT(Scan, (), (frames))
constexpr auto h5kit_model(const Scan*) { return h5kit::model("Scan", 1, h5kit::field(&Scan::frames).chunks({16, 8})); }
}  // namespace probe

std::size_t probe_fields() { return h5kit::schema_of<probe::Scan>().fields.size(); }

// .attribute() on a DatasetOf field would be ignored: a build error instead.
#include <cstdint>

#include "h5kit/model.hpp"

namespace probe {
struct Scan {
  h5kit::DatasetOf<std::int32_t, 3, 2> calibration;
};
BOOST_DESCRIBE_STRUCT(Scan, (), (calibration))
constexpr auto h5kit_model(const Scan*) { return h5kit::model("Scan", 1, h5kit::field(&Scan::calibration).attribute()); }
}  // namespace probe

std::size_t probe_fields() { return h5kit::schema_of<probe::Scan>().fields.size(); }

// Control: the same shapes as the failing snippets, declared correctly. Must compile.
#include <cstdint>

#include "h5kit/model.hpp"

namespace probe {
struct Beam {
  double energy = 0;
  std::int32_t distance = 0;
};
BOOST_DESCRIBE_STRUCT(Beam, (), (energy, distance))
constexpr auto h5kit_model(const Beam*) {
  return h5kit::model("Beam", 1, h5kit::field(&Beam::energy).unit("J"), h5kit::field(&Beam::distance).unit("mm"));
}

// Not an aggregate (user-provided constructor): Boost.PFR cannot count it, the metadata checks still run.
struct Detector {
  Detector() {}
  double gain = 1;
};
BOOST_DESCRIBE_STRUCT(Detector, (), (gain))
constexpr auto h5kit_model(const Detector*) { return h5kit::model("Detector", 1, h5kit::field(&Detector::gain).ge(0)); }
}  // namespace probe

std::size_t probe_fields() {
  return h5kit::schema_of<probe::Beam>().fields.size() + h5kit::schema_of<probe::Detector>().fields.size();
}

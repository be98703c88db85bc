// The same member described twice. Must fail with "describes the same member twice".
#include <cstdint>

#include "h5kit/model.hpp"

namespace probe {
struct Beam {
  double energy = 0;
  std::int32_t distance = 0;
};
BOOST_DESCRIBE_STRUCT(Beam, (), (energy, distance))
constexpr auto h5kit_model(const Beam*) {
  return h5kit::model("Beam", 1, h5kit::field(&Beam::energy).unit("J"), h5kit::field(&Beam::distance).unit("mm"),
                      h5kit::field(&Beam::energy).ge(0));  // meant &Beam::distance
}
}  // namespace probe

std::size_t probe_fields() { return h5kit::schema_of<probe::Beam>().fields.size(); }

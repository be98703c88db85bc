// An aggregate with a data member BOOST_DESCRIBE_STRUCT does not list (Boost.PFR counts them).
// Must fail with "the struct has data members that BOOST_DESCRIBE_STRUCT does not list".
#include <cstdint>

#include "h5kit/model.hpp"

namespace probe {
struct Beam {
  double energy = 0;
  std::int32_t distance = 0;
  double flux = 0;  // added to the struct, forgotten in BOOST_DESCRIBE_STRUCT
};
BOOST_DESCRIBE_STRUCT(Beam, (), (energy, distance))
constexpr auto h5kit_model(const Beam*) {
  return h5kit::model("Beam", 1, h5kit::field(&Beam::energy).unit("J"), h5kit::field(&Beam::distance).unit("mm"));
}
}  // namespace probe

std::size_t probe_fields() { return h5kit::schema_of<probe::Beam>().fields.size(); }

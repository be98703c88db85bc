// Metadata for a member BOOST_DESCRIBE_STRUCT does not list. Not an aggregate, so only the metadata
// check can see it. Must fail with "gives metadata for a member that BOOST_DESCRIBE_STRUCT does not list".
#include "h5kit/model.hpp"

namespace probe {
struct Detector {
  Detector() {}
  double gain = 1;
  double offset = 0;  // added to the struct and to the metadata, forgotten in BOOST_DESCRIBE_STRUCT
};
BOOST_DESCRIBE_STRUCT(Detector, (), (gain))
constexpr auto h5kit_model(const Detector*) {
  return h5kit::model("Detector", 1, h5kit::field(&Detector::gain).ge(0), h5kit::field(&Detector::offset).unit("V"));
}
}  // namespace probe

std::size_t probe_fields() { return h5kit::schema_of<probe::Detector>().fields.size(); }

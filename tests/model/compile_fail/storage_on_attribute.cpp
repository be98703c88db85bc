// gzip() on a field stored as an attribute would be ignored: a build error instead.
#include "h5kit/model.hpp"

namespace probe {
struct Scan {
  double exposure = 0;
};
BOOST_DESCRIBE_STRUCT(Scan, (), (exposure))
constexpr auto h5kit_model(const Scan*) { return h5kit::model("Scan", 1, h5kit::field(&Scan::exposure).gzip(4)); }
}  // namespace probe

std::size_t probe_fields() { return h5kit::schema_of<probe::Scan>().fields.size(); }

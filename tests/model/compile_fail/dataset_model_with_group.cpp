// A dataset model's fields are its attributes: a nested model (a group) cannot be one.
#include <cstdint>

#include "h5kit/model.hpp"

namespace probe {
struct Stage {
  double x = 0;
};
BOOST_DESCRIBE_STRUCT(Stage, (), (x))

struct Baseline : h5kit::DatasetOf<std::int32_t, 3, 5> {
  Stage stage;
};
BOOST_DESCRIBE_STRUCT(Baseline, (), (stage))
}  // namespace probe

std::size_t probe_fields() { return h5kit::schema_of<probe::Baseline>().fields.size(); }

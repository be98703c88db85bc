#include "h5kit/chrono.hpp"

#include "detail/checked.hpp"
#include "detail/numpy_time.hpp"

namespace h5kit::detail {

Datatype numpy_time_type(char kind, std::string_view unit, ByteOrder order) {
  if (order == ByteOrder::none)
    reject(ErrorKind::invalid_argument, "create numpy time type", Where{}, "a numpy time count is little- or big-endian");
  const std::string tag = numpy_time_tag(kind, unit, order == ByteOrder::big);
  if (!parse_numpy_time_tag(tag))
    reject(ErrorKind::invalid_argument, "create numpy time type", Where{},
           "\"" + std::string(unit) + "\" is not a numpy time unit h5kit converts (as fs ps ns us ms s m h D W)");
  return Datatype::opaque(8, tag);
}

}  // namespace h5kit::detail

#pragma once
// Reading any dataset or attribute in its native memory type (for generic tools).
#include "h5kit/detail/io.hpp"
#include "h5kit/raw_data.hpp"

namespace h5kit::detail {

RawData read_native(const IoTarget& target);

}  // namespace h5kit::detail

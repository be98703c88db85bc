#pragma once
// Reading any dataset or attribute in its native memory type (for generic tools).
#include "h5kit/detail/io.hpp"
#include "h5kit/raw_data.hpp"

namespace h5kit::detail {

RawData read_native(const IoTarget& target);
// The memory type read_native() reads the target into (H5Tget_native_type of the stored type).
Datatype native_type_of(const IoTarget& target);

}  // namespace h5kit::detail

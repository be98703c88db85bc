#pragma once
// Reading what a link is, shared by Group::link_info and the link visits.
#include <hdf5.h>

#include "h5kit/link.hpp"

namespace h5kit::detail {

// The link `name` below `loc` whose H5Lget_info (or H5Lvisit) record is `info`: its kind, and for
// soft and external links the stored target. TypeMismatchError for user-defined link types.
LinkInfo link_info_of(hid_t loc, const char* name, const H5L_info_t& info, const char* operation);

}  // namespace h5kit::detail

#include "detail/plists.hpp"

#include <algorithm>
#include <map>
#include <mutex>

#include "detail/checked.hpp"
#include "detail/numpy_time.hpp"
#include "h5kit/datatype.hpp"

namespace h5kit::detail {

hid_t link_creation_plist() {
  // Shared by every thread and never modified after creation.
  static const hid_t lcpl = [] {
    const hid_t p = checked(H5Pcreate(H5P_LINK_CREATE), "create link properties", Where{});
    checked(H5Pset_create_intermediate_group(p, 1), "create link properties", Where{});
    checked(H5Pset_char_encoding(p, H5T_CSET_UTF8), "create link properties", Where{});
    return p;
  }();
  return lcpl;
}

hid_t group_creation_plist(bool track_order) {
  if (!track_order) return H5P_DEFAULT;
  static const hid_t tracked = [] {
    const hid_t p = checked(H5Pcreate(H5P_GROUP_CREATE), "create group properties", Where{});
    checked(H5Pset_link_creation_order(p, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "create group properties",
            Where{});
    checked(H5Pset_attr_creation_order(p, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "create group properties",
            Where{});
    return p;
  }();
  return tracked;
}

hid_t group_creation_plist(const GroupOptions& options) {
  if (options.max_compact_attributes == 0) return group_creation_plist(options.track_order);
  static std::mutex mutex;
  static std::map<std::pair<bool, unsigned>, hid_t> made;
  const auto key = std::make_pair(options.track_order, options.max_compact_attributes);
  {
    const std::lock_guard lock(mutex);
    if (const auto it = made.find(key); it != made.end()) return it->second;
  }
  // Built without holding the mutex: this may run inside an HDF5 callback (HDF5's own lock held),
  // and a thread holding the mutex while waiting for HDF5 would deadlock with it.
  const Where where{};
  const hid_t base = group_creation_plist(options.track_order);
  const hid_t p = checked(base == H5P_DEFAULT ? H5Pcreate(H5P_GROUP_CREATE) : H5Pcopy(base), "create group properties",
                          where);
  // HDF5 requires min_dense <= max_compact + 1; going back to compact only below max_compact - 1
  // avoids flipping storage on every add and remove around the limit.
  const unsigned max_compact = std::min(options.max_compact_attributes, 65535u);
  if (H5Pset_attr_phase_change(p, max_compact, max_compact > 1 ? max_compact - 1 : max_compact) < 0) {
    H5Pclose(p);
    fail(ErrorKind::invalid_argument, "create group properties", where,
         "max_compact_attributes = " + std::to_string(options.max_compact_attributes));
  }
  const std::lock_guard lock(mutex);
  const auto [it, inserted] = made.emplace(key, p);
  if (!inserted) H5Pclose(p);  // another thread made the same one meanwhile
  return it->second;
}

hid_t attribute_creation_plist() {
  static const hid_t acpl = [] {
    const hid_t p = checked(H5Pcreate(H5P_ATTRIBUTE_CREATE), "create attribute properties", Where{});
    checked(H5Pset_char_encoding(p, H5T_CSET_UTF8), "create attribute properties", Where{});
    return p;
  }();
  return acpl;
}

void build_shared_constants() {
  link_creation_plist();
  group_creation_plist(true);
  attribute_creation_plist();
  range_checked_conversion();
  Datatype::boolean();
  Datatype::complex64();
  Datatype::complex128();
  Datatype::variable_string();  // builds the UTF-8 and the ASCII type
  Datatype::float16();
  register_numpy_time_conversion();
}

}  // namespace h5kit::detail

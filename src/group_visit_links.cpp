// Group: recursive visits of links (h5py 3.11's visit_links and visititems_links).
#include <hdf5.h>

#include <exception>
#include <optional>

#include "detail/checked.hpp"
#include "detail/links.hpp"
#include "detail/plists.hpp"
#include "h5kit/group.hpp"

namespace h5kit {

using detail::checked;
using detail::Where;

namespace {
using LinkCallback = std::function<bool(const std::string& name, hid_t start, const H5L_info_t& info)>;

struct LinkVisitState {
  const LinkCallback* callback;
  std::optional<std::string> stopped_at;
  std::exception_ptr error;  // exceptions must not unwind through HDF5's C frames
};

herr_t visit_one_link(hid_t start, const char* name, const H5L_info_t* info, void* data) {
  auto* state = static_cast<LinkVisitState*>(data);
  try {
    if ((*state->callback)(name, start, *info)) {
      state->stopped_at = name;
      return 1;
    }
    return 0;
  } catch (...) {
    state->error = std::current_exception();
    return -1;
  }
}

std::optional<std::string> run_link_visit(hid_t group, const LinkCallback& callback) {
  LinkVisitState state{&callback, std::nullopt, nullptr};
  detail::silence_hdf5_errors();
  // The callback runs inside H5Lvisit, holding HDF5's global lock: see build_shared_constants().
  detail::build_shared_constants();
  // Name order, increasing: what h5py's visit_links asks for (GroupID.links.visit's defaults).
  const herr_t status = H5Lvisit(group, H5_INDEX_NAME, H5_ITER_INC, visit_one_link, &state);
  if (state.error) {
    H5Eclear2(H5E_DEFAULT);
    std::rethrow_exception(state.error);
  }
  checked(status, "visit links", Where{group});
  return state.stopped_at;
}
}  // namespace

std::optional<std::string> Group::visit_links(const std::function<bool(const std::string& name)>& callback) const {
  require_valid("visit links");
  return run_link_visit(id(), [&](const std::string& name, hid_t, const H5L_info_t&) { return callback(name); });
}

std::optional<std::string> Group::visit_links_items(
    const std::function<bool(const std::string& name, const LinkInfo& link)>& callback) const {
  require_valid("visit links");
  return run_link_visit(id(), [&](const std::string& name, hid_t start, const H5L_info_t& info) {
    return callback(name, detail::link_info_of(start, name.c_str(), info, "visit links"));
  });
}

}  // namespace h5kit

// Group: recursive visits of links (h5py 3.11's visit_links and visititems_links).
#include <hdf5.h>

#include <optional>

#include "detail/checked.hpp"
#include "detail/links.hpp"
#include "detail/visit_callback.hpp"
#include "h5kit/group.hpp"

namespace h5kit {

namespace {
using LinkCallback = std::function<bool(const std::string& name, hid_t start, const H5L_info_t& info)>;

struct LinkVisitState : detail::VisitCallbackState {
  const LinkCallback* callback = nullptr;
};

herr_t visit_one_link(hid_t start, const char* name, const H5L_info_t* info, void* data) {
  auto* state = static_cast<LinkVisitState*>(data);
  return state->step(name, [&] { return (*state->callback)(name, start, *info); });
}

std::optional<std::string> run_link_visit(hid_t group, const LinkCallback& callback) {
  LinkVisitState state;
  state.callback = &callback;
  detail::prepare_visit();
  // Name order, increasing: what h5py's visit_links asks for (GroupID.links.visit's defaults).
  const herr_t status = H5Lvisit(group, H5_INDEX_NAME, H5_ITER_INC, visit_one_link, &state);
  return state.finish(status, "visit links", group);
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

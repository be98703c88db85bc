#include "h5kit/daq/loader.hpp"

#include <cctype>

#include "h5kit/error.hpp"
#include "savers_common.hpp"

namespace h5kit::daq {

using detail::node_error;

std::optional<Group> DataLoader::get_nav_group(const Location& where) const {
  std::optional<Node> node = saver_->get_node(where);
  while (node) {
    if (node->is_group()) {
      Group g = node->as_group();
      for (const auto& [child, n] : g.children()) {
        if (!n.is_group() || child.size() != nav_axes_group_name.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < child.size(); ++i)
          same = same && std::tolower(static_cast<unsigned char>(child[i])) ==
                             std::tolower(static_cast<unsigned char>(nav_axes_group_name[i]));
        if (same) return n.as_group();
      }
    }
    auto parent = node->parent_node();
    if (!parent) break;
    node = *parent;
  }
  return std::nullopt;
}

DataWithAxes DataLoader::load_data(const Location& where, bool with_bkg, bool load_all) const {
  warnings_.clear();
  Node node = saver_->get_node(where);
  if (!node.has_attr("data_type"))
    node_error(ErrorKind::not_found, "daq load_data", node,
               "attribute 'data_type' is missing: not a pymodaq data node");
  const DataType type = detail::parse_attr<DataType>(node, "data_type");
  if (type == DataType::strings)
    node_error(ErrorKind::type_mismatch, "daq load_data", node,
               "a 'strings' node (a Logger) holds text, not data: read it as a StringArray");
  DataSaverLoader loader = data_saver_for(*saver_, type);
  DataWithAxes data = loader.load_data(where, with_bkg, load_all);
  warnings_ = loader.warnings();
  try {
    if (type != DataType::axis) {
      if (auto nav_group = get_nav_group(where)) {
        std::vector<Axis> axes = data.axes();
        for (Axis& a : AxisSaverLoader(*saver_).get_axes(Location(*nav_group))) axes.push_back(std::move(a));
        data.set_axes(std::move(axes));
      }
    }
    data.create_missing_axes();
  } catch (const Error& e) {
    if (!e.file().empty()) throw;
    node_error(e.kind(), "daq load_data", node, e.detail());
  }
  return data;
}

void DataLoader::load_all_into(const Location& where, DataToExport& data, bool with_bkg) const {
  Node node = saver_->get_node(where);
  if (!node.is_group()) node_error(ErrorKind::type_mismatch, "daq load_all", node, "load_all needs a group");
  Group group = node.as_group();
  DataToExport local(group.name());
  for (const auto& [child, n] : group.children()) {
    if (n.is_group()) {
      load_all_into(Location(n), data, with_bkg);
      continue;
    }
    auto t = n.find_attr("data_type");
    if (t && t->is_str() && t->as_str().find("data") != std::string::npos) {
      local.append(load_data(Location(n), with_bkg, true));
      collected_.insert(collected_.end(), warnings_.begin(), warnings_.end());
      break;
    }
  }
  data.append(local);
}

DataToExport& DataLoader::load_all(const Location& where, DataToExport& data, bool with_bkg) const {
  collected_.clear();
  load_all_into(where, data, with_bkg);
  warnings_ = std::move(collected_);
  collected_.clear();
  return data;
}

}  // namespace h5kit::daq

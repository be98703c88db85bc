#include "h5kit/daq/saving.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "h5kit/error.hpp"

namespace h5kit::daq {

namespace {

// datetime.now().date().isoformat() and .time().isoformat(): local time, microseconds omitted when 0.
std::pair<std::string, std::string> iso_date_time_now() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const std::time_t t = system_clock::to_time_t(now);
  const auto micros = duration_cast<microseconds>(now.time_since_epoch()).count() % 1000000;
  std::tm tm{};
  localtime_r(&t, &tm);
  char date[32], time[32];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  if (micros == 0)
    std::snprintf(time, sizeof time, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
  else
    std::snprintf(time, sizeof time, "%02d:%02d:%02d.%06lld", tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<long long>(micros));
  return {date, time};
}

BackendOptions backend_options(const SaverOptions& o) {
  BackendOptions b;
  b.pymodaq_version = o.pymodaq_version;
  b.pymodaq_data_version = o.pymodaq_data_version;
  return b;
}

}  // namespace

H5SaverLowLevel::H5SaverLowLevel(SaverOptions options)
    : H5Backend(backend_options(options)), saver_options_(std::move(options)) {}

std::filesystem::path H5SaverLowLevel::init_file(const std::filesystem::path& file_name, bool new_file,
                                                 const Metadata& metadata, std::string_view raw_group_name) {
  if (file_name.empty() || file_name.stem().empty())
    throw InvalidArgumentError(ErrorKind::invalid_argument, "daq init_file", file_name.string(), "",
                               "a file name is needed");
  std::filesystem::path path = file_name.parent_path() / (file_name.stem().string() + ".h5");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) new_file = true;

  if (isopen()) close_file();
  logger_.reset();
  open_file(path.string(), new_file ? "w" : "a", "PyMoDAQ file");
  file_path_ = path;

  Group raw = get_set_group(root(), raw_group_name, "Data from PyMoDAQ modules");
  raw_group_path_ = raw.path();
  get_set_logger(Location(raw));

  if (new_file) {
    raw.set_attr("type", PyValue(std::string(name(saver_options_.save_type))));
    root().set_attr("file", PyValue(path.filename().string()));
    auto [date, time] = iso_date_time_now();
    root().set_attr("date", PyValue(date));
    root().set_attr("time", PyValue(time));
    for (const auto& [key, value] : metadata) raw.set_attr(key, value);
  }
  return path;
}

Group H5SaverLowLevel::raw_group() const {
  if (!isopen() || raw_group_path_.empty())
    throw ClosedObjectError(ErrorKind::closed, "daq raw_group", file_path_.string(), "/RawData",
                            "no file was initialised with init_file");
  return get_node(raw_group_path_).as_group();
}

StringArray H5SaverLowLevel::get_set_logger(std::optional<Location> where) {
  Group parent = where ? get_node(*where).as_group() : raw_group();
  if (!parent.contains("Logger")) {
    StringArray logger = add_string_array(Location(parent), "Logger");
    logger.set_attr("type", PyValue("log"));
    logger_ = logger;
  } else {
    logger_ = parent.get_child("Logger").as_string_array();
  }
  return *logger_;
}

void H5SaverLowLevel::add_log(std::string_view message) {
  if (!logger_ || !isopen())
    throw ClosedObjectError(ErrorKind::closed, "daq add_log", file_path_.string(), "/RawData/Logger",
                            "no Logger: call init_file first");
  logger_->append(message);
}

StringArray H5SaverLowLevel::add_string_array(const Location& where, std::string_view name, std::string_view title,
                                              const Metadata& metadata) const {
  StringArray array = create_string_array(where, name, title);
  array.set_attr("shape", PyValue::int_tuple(std::vector<int>{0}));
  array.set_attr("data_type", PyValue("strings"));
  for (const auto& [key, value] : metadata) array.set_attr(key, value);
  return array;
}

Node H5SaverLowLevel::add_array(const Location& where, std::string_view name, DataType data_type,
                                const ArrayRequest& r) const {
  const std::string node_name = capitalize(name);
  ElementType type = r.array_type ? *r.array_type
                     : r.array_to_save ? r.array_to_save->dtype()
                                       : ElementType::float64;
  Node array;
  if (r.enlargeable) {
    array = create_earray(where, node_name, type, r.data_shape, r.title);
  } else if (r.add_scan_dim) {
    Shape shape = r.scan_shape;
    if (!(r.data_shape.size() == 1 && r.data_shape[0] == 1)) shape.insert(shape.end(), r.data_shape.begin(), r.data_shape.end());
    Array zeros(type, shape);
    array = create_carray(where, node_name, zeros.view(), r.title);
  } else {
    if (r.array_to_save == nullptr)
      throw InvalidArgumentError(ErrorKind::invalid_argument, "daq add_array", filename(),
                                 get_node(where).path() + "/" + node_name,
                                 "a CARRAY needs the data to save (array_to_save)");
    array = create_carray(where, node_name, r.array_to_save->view(), r.title);
  }
  array.set_attr("data_type", PyValue(std::string(daq::name(data_type))));
  array.set_attr("data_dimension", PyValue(std::string(daq::name(r.data_dimension))));
  for (const auto& [key, value] : r.metadata) array.set_attr(key, value);
  return array;
}

Group H5SaverLowLevel::add_incremental_group(GroupType type, const Location& where, std::string_view title,
                                             const PyValue& settings, const Metadata& metadata) const {
  if (!settings.is_str() && !settings.is_bytes())
    throw InvalidArgumentError(ErrorKind::invalid_argument, "daq add_incremental_group", filename(),
                               get_node(where).path(), "settings must be a str or bytes, not " + settings.type_name());
  const std::string prefix = capitalize(name(type));
  std::vector<std::string> matching;
  for (const auto& [child, node] : get_children(where))
    if (child.find(prefix) != std::string::npos) matching.push_back(child);
  std::sort(matching.begin(), matching.end());
  int next = 0;
  if (!matching.empty()) {
    const std::string& last = matching.back();
    const std::string digits = last.size() >= 3 ? last.substr(last.size() - 3) : last;
    try {
      std::size_t used = 0;
      next = std::stoi(digits, &used) + 1;
      if (used != digits.size()) throw std::invalid_argument(digits);
    } catch (const std::exception&) {
      // pymodaq's int() raises ValueError here; say which child stopped the numbering.
      throw InvalidArgumentError(ErrorKind::invalid_argument, "daq add_incremental_group", filename(),
                                 get_node(where).path() + "/" + last,
                                 "the child '" + last + "' contains '" + prefix +
                                     "' but does not end in a 3-digit index");
    }
  }
  char index[16];
  std::snprintf(index, sizeof index, "%03d", next);
  Group group = get_set_group(where, prefix + index, title);
  group.set_attr("settings", settings);
  group.set_attr("type", PyValue(type == GroupType::ch ? std::string() : lower_name(type)));
  for (const auto& [key, value] : metadata) group.set_attr(key, value);
  return group;
}

Group H5SaverLowLevel::add_scan_group(std::optional<Location> where, std::string_view title, const PyValue& settings,
                                      Metadata metadata) const {
  // metadata.update(description='', scan_done=False): replaces keys already given, else appends.
  auto update = [&](const std::string& key, PyValue v) {
    for (auto& [k, old] : metadata)
      if (k == key) {
        old = std::move(v);
        return;
      }
    metadata.emplace_back(key, std::move(v));
  };
  update("description", PyValue(""));
  update("scan_done", PyValue(false));
  return add_incremental_group(GroupType::scan, where ? *where : Location(raw_group()), title, settings, metadata);
}

Group H5SaverLowLevel::add_det_group(const Location& where, std::string_view title, const PyValue& settings,
                                     const Metadata& metadata) const {
  return add_incremental_group(GroupType::detector, where, title, settings, metadata);
}

Group H5SaverLowLevel::add_act_group(const Location& where, std::string_view title, const PyValue& settings,
                                     const Metadata& metadata) const {
  return add_incremental_group(GroupType::actuator, where, title, settings, metadata);
}

Group H5SaverLowLevel::add_ch_group(const Location& where, std::string_view title, const PyValue& settings,
                                    const Metadata& metadata) const {
  return add_incremental_group(GroupType::ch, where, title, settings, metadata);
}

Group H5SaverLowLevel::add_data_group(const Location& where, DataDim dim, std::string_view title,
                                      const PyValue& settings, Metadata metadata) const {
  bool replaced = false;
  for (auto& [k, v] : metadata)
    if (k == "settings") v = settings, replaced = true;
  if (!replaced) metadata.emplace_back("settings", settings);
  return add_group(name(dim), GroupType::data_dim, where, title, metadata);
}

std::vector<Group> H5SaverLowLevel::get_groups(const Location& where, GroupType type) const {
  std::vector<Group> out;
  for (const auto& [child, node] : get_children(where)) {
    if (!node.is_group()) continue;
    auto t = node.find_attr("type");
    if (t && t->is_str() && t->as_str() == name(type)) out.push_back(node.as_group());
  }
  return out;
}

std::optional<Group> H5SaverLowLevel::get_last_group(const Location& where, GroupType type) const {
  auto groups = get_groups(where, type);
  if (groups.empty()) return std::nullopt;
  return groups.back();
}

std::optional<Node> H5SaverLowLevel::get_node_from_title(const Location& where, std::string_view title) const {
  for (const Node& node : walk_nodes(where))
    if (node.title() == title) return node;
  return std::nullopt;
}

}  // namespace h5kit::daq

#pragma once
// H5SaverLowLevel (pymodaq_data.h5modules.saving, spec §7): the file skeleton pymodaq's savers and
// browser expect on top of H5Backend: /RawData with its title and `type`, the root `file`, `date`,
// `time` (and the backend's pymodaq_version / pymodaq_data_version), the pickled Logger, add_array
// with pymodaq's `data_type` / `data_dimension` attributes, and the incremental Scan000 /
// Detector000 / Actuator000 / Ch000 groups.
//
//   daq::H5SaverLowLevel saver;                                  // save type 'scan'
//   saver.init_file("run.h5", /*new_file=*/true);                // -> run.h5, /RawData, /RawData/Logger
//   saver.add_log("scan started");
//   auto scan = saver.add_scan_group();                          // /RawData/Scan000
//   auto det = saver.add_det_group(scan, "MyDet", PyValue::bytes("<All_settings/>"));
//   saver.close_file();
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "h5kit/daq/array.hpp"
#include "h5kit/daq/backend.hpp"
#include "h5kit/daq/enums.hpp"
#include "h5kit/daq/py_value.hpp"

namespace h5kit::daq {

// The one name of pymodaq's SPECIAL_GROUP_NAMES: the group holding navigation axes.
inline constexpr std::string_view nav_axes_group_name = "NavAxes";

struct SaverOptions {
  // The `type` of /RawData in a new file.
  SaveType save_type = SaveType::scan;
  // Root `pymodaq_version` / `pymodaq_data_version` of a new file. pymodaq writes the installed
  // versions ('0.0.0' without pymodaq, which its h5browser refuses); h5kit defaults to 5.0.5.
  std::string pymodaq_version = "5.0.5";
  std::string pymodaq_data_version = "5.0.5";
  // Reproduce pymodaq_data 5.0.5 exactly, quirks included (spec §11.2): no `units` and no ErrorBar
  // nodes on enlargeable and extended data, ErrorBar nodes duplicated by add_bkg, in-group
  // enlargeable axis `size` starting at 2. Off: h5kit does what later pymodaq versions do.
  bool pymodaq_5_0_5 = false;
};

// What add_array creates (pymodaq's add_array keyword arguments).
struct ArrayRequest {
  // The data of a plain CARRAY (ignored for enlargeable and scan-shaped arrays).
  const Array* array_to_save = nullptr;
  // Element type of an enlargeable or scan-shaped array (default: the array's, else float64,
  // pymodaq's config data_saving.data_type.dynamic).
  std::optional<ElementType> array_type{};
  // Shape of one element of an enlargeable or scan-shaped array.
  Shape data_shape{};
  DataDim data_dimension = DataDim::Data0D;
  // add_scan_dim: a zero CARRAY of scan_shape + data_shape (data_shape (1,) adds no dimension).
  Shape scan_shape{};
  bool add_scan_dim = false;
  // An EARRAY of shape (0,) + data_shape.
  bool enlargeable = false;
  std::string title{};
  Metadata metadata{};
};

class H5SaverLowLevel : public H5Backend {
 public:
  explicit H5SaverLowLevel(SaverOptions options = {});

  const SaverOptions& saver_options() const noexcept { return saver_options_; }
  SaveType save_type() const noexcept { return saver_options_.save_type; }

  // init_file: opens <parent>/<stem>.h5 ('w' when new_file or when it does not exist, else 'a'),
  // get_set_group(root, raw_group_name, 'Data from PyMoDAQ modules'), the Logger; in a new file
  // also /RawData `type`, root `file`, `date`, `time` and every metadata item on /RawData.
  // Returns the path opened.
  std::filesystem::path init_file(const std::filesystem::path& file_name, bool new_file = false,
                                  const Metadata& metadata = {}, std::string_view raw_group_name = "RawData");
  // /RawData (ClosedObjectError before init_file).
  Group raw_group() const;
  const std::filesystem::path& file_path() const noexcept { return file_path_; }

  // ---- strings ----
  // The `Logger` string array of `where` (default /RawData), created with `type` 'log' when absent.
  StringArray get_set_logger(std::optional<Location> where = std::nullopt);
  // Appends one message to the Logger.
  void add_log(std::string_view message);
  // A StringArray with `shape` (0,), `data_type` 'strings' and the metadata.
  StringArray add_string_array(const Location& where, std::string_view name, std::string_view title = "",
                               const Metadata& metadata = {}) const;

  // ---- arrays ----
  // add_array: node capitalize(name); then `data_type`, `data_dimension` and the metadata. A plain
  // CARRAY needs array_to_save (InvalidArgumentError otherwise).
  Node add_array(const Location& where, std::string_view name, DataType data_type, const ArrayRequest& request) const;

  // ---- groups ----
  // add_incremental_group: Capitalize(type) + the next index on 3 digits (from the last child whose
  // name contains Capitalize(type)); `settings`, `type` (lower-case name, '' for ch), metadata.
  // settings: a str or bytes PyValue (pymodaq's applications store XML bytes).
  Group add_incremental_group(GroupType type, const Location& where, std::string_view title = "",
                              const PyValue& settings = "", const Metadata& metadata = {}) const;
  // Scan group under `where` (default /RawData) with `description` '' and `scan_done` False.
  Group add_scan_group(std::optional<Location> where = std::nullopt, std::string_view title = "",
                       const PyValue& settings = "", Metadata metadata = {}) const;
  Group add_det_group(const Location& where, std::string_view title = "", const PyValue& settings = "",
                      const Metadata& metadata = {}) const;
  Group add_act_group(const Location& where, std::string_view title = "", const PyValue& settings = "",
                      const Metadata& metadata = {}) const;
  Group add_move_group(const Location& where, std::string_view title = "", const PyValue& settings = "",
                       const Metadata& metadata = {}) const {
    return add_act_group(where, title, settings, metadata);
  }
  Group add_ch_group(const Location& where, std::string_view title = "", const PyValue& settings = "",
                     const Metadata& metadata = {}) const;
  // add_group(dim name, 'data_dim', where, title, metadata + settings).
  Group add_data_group(const Location& where, DataDim dim, std::string_view title = "",
                       const PyValue& settings = "", Metadata metadata = {}) const;

  // The child groups of `where` whose `type` is the type's name, in children order.
  std::vector<Group> get_groups(const Location& where, GroupType type) const;
  std::optional<Group> get_last_group(const Location& where, GroupType type) const;
  // The first node of walk_nodes(where) with this TITLE.
  std::optional<Node> get_node_from_title(const Location& where, std::string_view title) const;

 private:
  SaverOptions saver_options_;
  std::filesystem::path file_path_;
  std::string raw_group_path_;
  std::optional<StringArray> logger_;
};

}  // namespace h5kit::daq

#pragma once
// DataLoader (pymodaq_data.h5modules.data_saving.DataLoader, spec §9): a node back into a
// DataWithAxes, including the navigation axes stored elsewhere (the nearest NavAxes group found
// walking up from the node), and a whole tree into a DataToExport.
//
//   daq::H5SaverLowLevel h5;  h5.open_file("scan.h5", "r");
//   daq::DataLoader loader(h5);
//   daq::DataWithAxes d = loader.load_data("/RawData/Scan000/Detector000/Data2D/CH00/Data00");
//   daq::DataToExport all("all");  loader.load_all("/RawData", all);
//
// What pymodaq does and h5kit does too: squeeze over size-1 signal dimensions (nav dimensions kept,
// at least 1-D), error pairing (ErrorBar<same index>, or all of the group's with load_all, kept only
// when there is one per array of the same shape), background subtraction (the group's Bkg nodes in
// walk order), defaults for missing source ('raw'), units (''), origin ('') and nav_indexes (()),
// offset-0/scaling-1 axes created for dimensions that have none, an axis node opened as data.
// What h5kit does differently: it never writes into the file (pymodaq's get_node adds CLASS); a
// node without its mandatory attributes (data_type, label, distribution, data_dimension, timestamp),
// an attribute that is not pymodaq JSON where a value is needed, a background that does not match
// the data, axes that do not fit the data: an h5kit::Error naming the file, node and attribute.
#include <string>
#include <vector>

#include "h5kit/daq/data.hpp"
#include "h5kit/daq/savers.hpp"
#include "h5kit/daq/saving.hpp"

namespace h5kit::daq {

class DataLoader {
 public:
  // Reads through an open backend (any mode). The loader keeps a reference: the backend must outlive it.
  explicit DataLoader(H5SaverLowLevel& saver) : saver_(&saver) {}

  H5SaverLowLevel& saver() const noexcept { return *saver_; }
  std::vector<Node> walk_nodes(const Location& where = "/") const { return saver_->walk_nodes(where); }
  Node get_node(const Location& where) const { return saver_->get_node(where); }

  // The NavAxes group of the node or of its nearest ancestor (case-insensitive name), nullopt if none.
  std::optional<Group> get_nav_group(const Location& where) const;

  // The node as a DataWithAxes: its `data_type` says which loader reads it; nav axes appended to the
  // local ones (except for an axis node); missing axes created.
  DataWithAxes load_data(const Location& where, bool with_bkg = false, bool load_all = false) const;

  // Recurses into the groups of `where` (PyTables' children order) and, in each, loads the first
  // array whose data_type contains 'data' with load_all into DataToExport(group name), appended to
  // `data` (replacing any with the same name and origin).
  DataToExport& load_all(const Location& where, DataToExport& data, bool with_bkg = false) const;

  // Warnings of the last load (errors that did not pair), for callers that want to show them.
  const std::vector<std::string>& warnings() const noexcept { return warnings_; }

 private:
  void load_all_into(const Location& where, DataToExport& data, bool with_bkg) const;
  H5SaverLowLevel* saver_;
  mutable std::vector<std::string> warnings_, collected_;
};

}  // namespace h5kit::daq

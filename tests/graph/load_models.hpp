#pragma once
// NWB-like models for the graph loader's tests (tests/graph/load*_test.cpp), matching the corpus
// (tests/interop/nwb_corpus.py, ecephys.nwb). Non-strict loads: members a model does not declare
// (the electrodes table's `group` column, namespace, object_id...) are ignored.
#include <cstdint>
#include <string>
#include <vector>

#include "h5kit/graph/load.hpp"
#include "h5kit/model.hpp"

namespace h5kit::test::nwb {

// hdmf-common DynamicTable, as the electrodes table.
struct ElectrodesTable {
  std::string description;
  std::vector<std::string> colnames;
  DatasetOf<std::int64_t, kAnyExtent> id;
  DatasetOf<std::string, kAnyExtent> location;
  DatasetOf<std::string, kAnyExtent> label;
};
BOOST_DESCRIBE_STRUCT(ElectrodesTable, (), (description, colnames, id, location, label))

// hdmf-common DynamicTableRegion: row indices into `table`, an object-reference attribute. (Its
// `description` attribute cannot be a field: the model layer reserves `description` and `units` on
// dataset models; non-strict loads ignore it.)
struct DynamicTableRegion : DatasetOf<std::int64_t, kAnyExtent> {
  Ref<ElectrodesTable> table;
};
BOOST_DESCRIBE_STRUCT(DynamicTableRegion, (), (table))

struct ElectricalSeries {
  DatasetOf<float, kAnyExtent, kAnyExtent> data;
  DatasetOf<double, kAnyExtent> timestamps;
  DynamicTableRegion electrodes;
};
BOOST_DESCRIBE_STRUCT(ElectricalSeries, (), (data, timestamps, electrodes))

// The types the tests register for ecephys.nwb.
inline graph::TypeRegistry ecephys_types(const LoadOptions& options = {}) {
  graph::TypeRegistry types;
  types.add<ElectricalSeries>("ElectricalSeries", options)
      .add<ElectrodesTable>("DynamicTable", options)
      .add<DynamicTableRegion>("DynamicTableRegion", options);
  return types;
}

}  // namespace h5kit::test::nwb

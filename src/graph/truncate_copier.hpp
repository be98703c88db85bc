#pragma once
// truncate: the object copier (truncate_copier.cpp).
#include <hdf5.h>

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/truncate_internal.hpp"

namespace h5kit::graph::detail {

class Copier {
 public:
  Copier(hid_t source_file, hid_t target_file, const Plan& plan, const TruncateOptions& options,
         TruncateResult& result);
  // Copies everything reachable from the root, then the values that hold references. Leaves no
  // object of the target open.
  void run();

  // Sees every block of a dataset's values after its references were rewritten (NWB mode's
  // TimeSeriesReference rule): (source address, stored type, block, path).
  using BlockHook = std::function<void(haddr_t, hid_t, BlockView&, const std::string&)>;
  void set_block_hook(BlockHook hook) { nwb_hook_ = std::move(hook); }
  const ObjectMap& objects() const noexcept { return objects_; }

 private:
  // An attribute or dataset whose references are written after every object exists.
  struct Deferred {
    haddr_t address;        // the owner in the source
    std::string location;   // attribute: "/path@name"; dataset: its path
    std::string attribute;  // attribute name ("" for a dataset's values)
  };

  hid_t link_plist(H5T_cset_t cset) const;
  void copy_members(hid_t source_group, hid_t target_group, const std::string& path);
  void copy_hard_link(hid_t source_group, hid_t target_group, const std::string& name, const std::string& path,
                      hid_t lcpl);
  void copy_dataset(hid_t source_group, hid_t target_group, const std::string& name, const std::string& path,
                    hid_t lcpl, haddr_t address);
  static Handle internal_storage(hid_t dcpl, hid_t type);
  void copy_dataset_values(hid_t source, hid_t target, hid_t type, const RowPlan* rows, const std::string& path,
                           haddr_t address);
  void adjust_values(const RowPlan& rows, BlockView& block, const std::string& path);
  // The target's copy of a named (committed) type, committed on first use.
  hid_t named_type(hid_t source_type);
  // The type to create a dataset or attribute with: the copy of a named type, else the type itself.
  hid_t stored_type(hid_t type);
  void copy_attributes(hid_t source, hid_t target, H5_index_t order, const std::string& owner);
  void write_attribute(hid_t source, hid_t target, hid_t type, hid_t space, std::size_t elements,
                       const ReferenceLayout* layout, const std::string& location);
  void finish_deferred();
  void progress(std::uint64_t bytes, const std::string& path);

  hid_t source_, target_;
  const Plan& plan_;
  const TruncateOptions& options_;
  TruncateResult& result_;
  ObjectMap objects_;
  ReferenceRewriter rewriter_;
  std::vector<Handle> link_plists_;
  std::unordered_map<haddr_t, Handle> named_types_;
  std::vector<Deferred> deferred_attributes_, deferred_values_;
  BlockHook nwb_hook_;
  std::uint64_t bytes_done_ = 0;
  std::size_t reported_values_ = 0;
};

}  // namespace h5kit::graph::detail

namespace h5kit::graph::detail {
// NWB mode: the TimeSeriesReference rule as a block hook for `copier` (truncate_nwb.cpp).
Copier::BlockHook time_series_reference_rule(hid_t source_file, const std::vector<DatasetFacts>& datasets,
                                             const Plan& plan, const Copier& copier, TruncateResult& result);
}  // namespace h5kit::graph::detail

// truncate, NWB mode: the rules that keep NWB's ragged tables and row indices valid when the rows of
// each dataset would otherwise be cut on their own (docs/graph_truncate.md, "NWB mode").
//   VectorIndex -> its target (VectorData, or another VectorIndex): the index keeps its rows, the
//     target keeps the elements they index, [index[start-1], index[stop-1]), and the index values are
//     shifted so that they count from the first kept element.
//   DynamicTableRegion: its values are rows of the table its `table` attribute names; when that
//     table was cut they are shifted to the kept rows, and values outside them are reported. A region
//     that is not a column of a table (an ElectricalSeries's `electrodes`) keeps its length: its
//     entries belong to the data's other axes, not to rows.
//   TimeSeriesReference (compound idx_start, count, timeseries): idx_start shifted to the kept rows of
//     the TimeSeries's data; references past them are reported.
#include <hdf5.h>

#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "graph/truncate_copier.hpp"
#include "h5kit/attribute.hpp"
#include "h5kit/group.hpp"

namespace h5kit::graph::detail {

using h5kit::detail::checked;
using h5kit::detail::Where;

namespace {

std::string parent_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

std::string join(const std::string& group, const std::string& name) {
  return group == "/" ? "/" + name : group + "/" + name;
}

// The object an attribute's object reference points at, as (address, path); nullopt when absent,
// not a reference, null or dangling.
std::optional<std::pair<haddr_t, std::string>> referenced(hid_t file, const std::string& owner, const char* name) {
  try {
    const Group root{Handle{checked(H5Gopen2(file, "/", H5P_DEFAULT), "open root group", Where{file})}};
    const Object object = root.open(owner);
    if (!object.attrs().contains(name)) return std::nullopt;
    const auto ref = object.attrs().get<ObjectReference>(name);
    if (ref.is_null()) return std::nullopt;
    const Object target = root.dereference(ref);
    return std::pair{static_cast<haddr_t>(ref.address), target.path()};
  } catch (const Error&) {
    return std::nullopt;
  }
}

struct Rules {
  hid_t file;
  Plan& plan;
  std::unordered_map<haddr_t, const DatasetFacts*> by_address;
  std::unordered_map<std::string, const DatasetFacts*> by_path;
  std::unordered_map<haddr_t, haddr_t> index_target;

  void derive(const DatasetFacts& index, std::uint64_t start, std::uint64_t stop, int depth) {
    const DatasetFacts& target = *by_address.at(index_target.at(index.address));
    if (depth > 16 || stop <= start || target.dims.empty()) return;
    Handle dataset{checked(H5Dopen2(file, index.path.c_str(), H5P_DEFAULT), "read VectorIndex", Where{file, index.path})};
    const std::vector<std::int64_t> values =
        read_integers(dataset.get(), start > 0 ? start - 1 : 0, start > 0 ? stop - start + 1 : stop);
    std::int64_t base = start > 0 ? values.front() : 0;
    std::int64_t end = values.back();
    const auto rows = static_cast<std::int64_t>(target.dims[0]);
    if (base < 0 || end < base || end > rows) {
      plan.issues.push_back(TruncateIssue{TruncateIssueKind::index_out_of_range, index.path,
                                          "the kept rows index elements [" + std::to_string(base) + ", " +
                                              std::to_string(end) + ") of " + target.path + ", which has " +
                                              std::to_string(rows) + ": clipped"});
      base = std::clamp<std::int64_t>(base, 0, rows);
      end = std::clamp<std::int64_t>(end, base, rows);
    }
    if (base != 0) {
      RowPlan& own = plan.rows[index.address];
      own.values = ValueRule::offsets;
      own.shift = base;
      own.limit = end;
      own.why = target.path;
    }
    RowPlan& kept = plan.rows[target.address];
    kept.cut = !(base == 0 && end == rows);
    kept.start = static_cast<std::uint64_t>(base);
    kept.stop = static_cast<std::uint64_t>(end);
    if (kept.why.empty()) kept.why = "VectorIndex " + index.path;
    if (index_target.count(target.address)) derive(target, kept.start, kept.stop, depth + 1);
  }
};

}  // namespace

void apply_nwb_rules(hid_t source_file, const std::vector<DatasetFacts>& datasets, RowWindow, Plan& plan) {
  Rules rules{source_file, plan, {}, {}, {}};
  for (const DatasetFacts& f : datasets) {
    rules.by_address[f.address] = &f;
    rules.by_path[f.path] = &f;
  }
  // DynamicTableRegion: values are rows of a table; a region outside a table keeps its length.
  for (const DatasetFacts& f : datasets) {
    if (f.neurodata_type != "DynamicTableRegion" || !f.simple) continue;
    if (!rules.by_path.count(join(parent_of(f.path), "id"))) plan.rows.erase(f.address);
    const auto table = referenced(source_file, f.path, "table");
    if (!table) continue;
    const auto id = rules.by_path.find(join(table->second, "id"));
    if (id == rules.by_path.end()) continue;
    const auto id_rows = plan.rows.find(id->second->address);
    RowPlan& own = plan.rows[f.address];
    own.values = ValueRule::row_indices;
    own.why = "table " + table->second;
    if (id_rows != plan.rows.end() && id_rows->second.cut) {
      own.shift = static_cast<std::int64_t>(id_rows->second.start);
      own.limit = static_cast<std::int64_t>(id_rows->second.stop);
    } else {
      own.shift = 0;
      own.limit = id->second->dims.empty() ? 0 : static_cast<std::int64_t>(id->second->dims[0]);
    }
  }
  // VectorIndex chains, from the index no other index points at.
  std::unordered_set<haddr_t> targets;
  for (const DatasetFacts& f : datasets) {
    if (f.neurodata_type != "VectorIndex" || !f.simple) continue;
    const auto target = referenced(source_file, f.path, "target");
    if (!target || !rules.by_address.count(target->first) || !rules.by_address.at(target->first)->simple) continue;
    rules.index_target[f.address] = target->first;
    targets.insert(target->first);
  }
  for (const auto& [index, target] : rules.index_target) {
    if (targets.count(index)) continue;
    const DatasetFacts& f = *rules.by_address.at(index);
    const auto own = plan.rows.find(index);
    const bool cut = own != plan.rows.end() && own->second.cut;
    rules.derive(f, cut ? own->second.start : 0, cut ? own->second.stop : f.dims[0], 0);
  }
}

Copier::BlockHook time_series_reference_rule(hid_t, const std::vector<DatasetFacts>& datasets, const Plan& plan,
                                             const Copier& copier, TruncateResult& result) {
  struct State {
    std::unordered_map<std::string, const DatasetFacts*> by_path;
    std::unordered_map<haddr_t, std::string> path_of_new;  // built on first use: the copier has run by then
    std::size_t reported = 0;
  };
  auto state = std::make_shared<State>();
  for (const DatasetFacts& f : datasets) state->by_path[f.path] = &f;
  return [state, &plan, &copier, &result](haddr_t, hid_t type, BlockView& block, const std::string& path) {
    if (H5Tget_class(type) != H5T_COMPOUND) return;
    const int start_index = H5Tget_member_index(type, "idx_start");
    const int count_index = H5Tget_member_index(type, "count");
    const int series_index = H5Tget_member_index(type, "timeseries");
    if (start_index < 0 || count_index < 0 || series_index < 0) return;
    Handle start_type{H5Tget_member_type(type, static_cast<unsigned>(start_index))};
    Handle count_type{H5Tget_member_type(type, static_cast<unsigned>(count_index))};
    if (H5Tget_class(start_type.get()) != H5T_INTEGER || H5Tget_class(count_type.get()) != H5T_INTEGER) return;
    const std::size_t start_size = H5Tget_size(start_type.get()), count_size = H5Tget_size(count_type.get());
    if ((start_size != 4 && start_size != 8) || (count_size != 4 && count_size != 8)) return;
    const std::size_t start_at = H5Tget_member_offset(type, static_cast<unsigned>(start_index));
    const std::size_t count_at = H5Tget_member_offset(type, static_cast<unsigned>(count_index));
    const std::size_t series_at = H5Tget_member_offset(type, static_cast<unsigned>(series_index));
    const std::size_t size = H5Tget_size(type);
    if (state->path_of_new.empty())
      for (const auto& [old_address, copied] : copier.objects()) state->path_of_new[copied.new_address] = copied.path;
    const auto load = [](const std::byte* at, std::size_t bytes) -> std::int64_t {
      if (bytes == 4) {
        std::int32_t v;
        std::memcpy(&v, at, 4);
        return v;
      }
      std::int64_t v;
      std::memcpy(&v, at, 8);
      return v;
    };
    for (std::size_t i = 0; i < block.count; ++i) {
      std::byte* element = block.data + i * size;
      hobj_ref_t series = 0;
      std::memcpy(&series, element + series_at, sizeof series);
      const std::int64_t first = load(element + start_at, start_size), count = load(element + count_at, count_size);
      if (series == 0 || first < 0) continue;  // NWB's "no data" marker (-1)
      const auto series_path = state->path_of_new.find(static_cast<haddr_t>(series));
      if (series_path == state->path_of_new.end()) continue;
      const auto data = state->by_path.find(join(series_path->second, "data"));
      if (data == state->by_path.end()) continue;
      const auto rows = plan.rows.find(data->second->address);
      if (rows == plan.rows.end() || !rows->second.cut) continue;
      const auto kept_first = static_cast<std::int64_t>(rows->second.start);
      const auto kept_stop = static_cast<std::int64_t>(rows->second.stop);
      if (first >= kept_first && first + count <= kept_stop) {
        const std::int64_t shifted = first - kept_first;
        if (start_size == 4) {
          const auto v = static_cast<std::int32_t>(shifted);
          std::memcpy(element + start_at, &v, 4);
        } else {
          std::memcpy(element + start_at, &shifted, 8);
        }
      } else if (state->reported++ < 1000) {
        result.issues.push_back(TruncateIssue{
            TruncateIssueKind::index_out_of_range, path + index_text(block.offset, block.extent, i),
            "samples [" + std::to_string(first) + ", " + std::to_string(first + count) + ") of " +
                series_path->second + " lie outside its kept rows [" + std::to_string(kept_first) + ", " +
                std::to_string(kept_stop) + "): left unchanged"});
      }
    }
  };
}

}  // namespace h5kit::graph::detail

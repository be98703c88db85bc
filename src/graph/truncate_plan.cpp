// truncate: the row plan, i.e. which rows of which dataset the copy keeps. Made before anything is
// copied, from one survey of the source, so that rules that tie datasets together (NWB mode) are
// settled whatever order the copier meets the datasets in.
#include <hdf5.h>

#include <algorithm>
#include <charconv>

#include "graph/truncate_internal.hpp"
#include "h5kit/attribute.hpp"
#include "h5kit/object.hpp"

namespace h5kit::graph::detail {

using h5kit::detail::checked;
using h5kit::detail::Where;

namespace {

struct Visited {
  std::vector<std::pair<std::string, haddr_t>> datasets;
};

herr_t note_dataset(hid_t, const char* name, const H5O_info_t* info, void* data) {
  if (info->type == H5O_TYPE_DATASET)
    static_cast<Visited*>(data)->datasets.emplace_back(std::string("/") + name, info->addr);
  return 0;
}

std::string type_attribute(hid_t object) {
  const Object obj{Handle::share(object)};
  const AttributeManager attrs = obj.attrs();
  for (const char* name : {"neurodata_type", "data_type"}) {
    try {
      if (attrs.contains(name)) return attrs.get<std::string>(name);
    } catch (const Error&) {
      // Not a string: not a type name this layer knows.
    }
  }
  return {};
}

bool under_specifications(const std::string& path) {
  return path == "/specifications" || path.rfind("/specifications/", 0) == 0;
}

}  // namespace

std::vector<DatasetFacts> survey_datasets(hid_t source_file) {
  Visited visited;
  h5kit::detail::silence_hdf5_errors();
  checked(H5Ovisit2(source_file, H5_INDEX_NAME, H5_ITER_INC, note_dataset, &visited, H5O_INFO_BASIC),
          "survey datasets", Where{source_file});
  std::vector<DatasetFacts> facts;
  facts.reserve(visited.datasets.size());
  for (auto& [path, address] : visited.datasets) {
    Handle dataset{checked(H5Dopen2(source_file, path.c_str(), H5P_DEFAULT), "survey datasets",
                           Where{source_file, path})};
    Handle space{checked(H5Dget_space(dataset.get()), "survey datasets", Where{dataset.get()})};
    Handle type{checked(H5Dget_type(dataset.get()), "survey datasets", Where{dataset.get()})};
    Handle dcpl{checked(H5Dget_create_plist(dataset.get()), "survey datasets", Where{dataset.get()})};
    DatasetFacts f;
    f.path = path;
    f.address = address;
    f.element_size = H5Tget_size(type.get());
    f.virtual_layout = H5Pget_layout(dcpl.get()) == H5D_VIRTUAL;
    f.null_space = H5Sget_simple_extent_type(space.get()) == H5S_NULL;
    if (H5Sget_simple_extent_type(space.get()) == H5S_SIMPLE) {
      const int rank = H5Sget_simple_extent_ndims(space.get());
      f.dims.resize(static_cast<std::size_t>(std::max(rank, 0)));
      if (rank > 0) H5Sget_simple_extent_dims(space.get(), f.dims.data(), nullptr);
      f.simple = rank > 0;
    }
    f.neurodata_type = type_attribute(dataset.get());
    facts.push_back(std::move(f));
  }
  return facts;
}

Plan plan_rows(const std::vector<DatasetFacts>& datasets, RowWindow window, bool window_given) {
  Plan plan;
  bool reachable = false, any_rows = false;
  for (const DatasetFacts& f : datasets) {
    if (!f.simple || f.virtual_layout || under_specifications(f.path)) continue;
    any_rows = true;
    const std::uint64_t rows = f.dims[0];
    if (rows > window.start) reachable = true;
    if (rows <= window.size()) continue;  // short enough: kept whole (never grown)
    if (rows <= window.start) {
      plan.issues.push_back(TruncateIssue{TruncateIssueKind::window_past_end, f.path,
                                          "its " + std::to_string(rows) + " rows all lie before the window start " +
                                              std::to_string(window.start) + ": kept whole"});
      continue;
    }
    RowPlan& p = plan.rows[f.address];
    p.cut = true;
    p.start = window.start;
    p.stop = std::min<std::uint64_t>(window.stop, rows);
  }
  if (window_given && any_rows && !reachable)
    throw_error(ErrorKind::invalid_argument, "truncate", "", "",
                "the row window " + std::to_string(window.start) + ":" + std::to_string(window.stop) +
                                   " starts past the end of every dataset");
  return plan;
}

void count_bytes(const std::vector<DatasetFacts>& datasets, Plan& plan) {
  plan.bytes.clear();
  plan.total_bytes = 0;
  for (const DatasetFacts& f : datasets) {
    std::uint64_t elements = f.null_space ? 0 : 1;
    for (hsize_t d : f.dims) elements *= d;
    if (!f.dims.empty()) {
      const auto p = plan.rows.find(f.address);
      if (p != plan.rows.end() && p->second.cut && f.dims[0] > 0)
        elements = elements / f.dims[0] * (p->second.stop - p->second.start);
    }
    const std::uint64_t bytes = elements * f.element_size;
    plan.bytes[f.address] = bytes;
    plan.total_bytes += bytes;
  }
}

}  // namespace h5kit::graph::detail

namespace h5kit::graph {

RowWindow parse_row_window(std::string_view text) {
  const auto fail = [&](const std::string& why) -> RowWindow {
    throw_error(ErrorKind::invalid_argument, "parse row window", "", "",
                "'" + std::string(text) + "' is not a row window start:stop (" + why + ")");
  };
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return fail("no ':'");
  const auto number = [&](std::string_view part, std::uint64_t& out) {
    const char* end = part.data() + part.size();
    const auto [ptr, ec] = std::from_chars(part.data(), end, out);
    return ec == std::errc{} && ptr == end;
  };
  RowWindow window;
  const std::string_view start = text.substr(0, colon), stop = text.substr(colon + 1);
  if (!start.empty() && !number(start, window.start)) return fail("the start is not a row number");
  if (stop.empty()) return fail("a window needs an end");
  if (!number(stop, window.stop)) return fail("the stop is not a row number");
  if (window.stop <= window.start) return fail("the stop must be greater than the start");
  return window;
}

const char* to_string(TruncateIssueKind kind) noexcept {
  switch (kind) {
    case TruncateIssueKind::region_emptied: return "region_emptied";
    case TruncateIssueKind::dangling_reference: return "dangling_reference";
    case TruncateIssueKind::index_out_of_range: return "index_out_of_range";
    case TruncateIssueKind::window_past_end: return "window_past_end";
    case TruncateIssueKind::not_copied: return "not_copied";
  }
  return "unknown";
}

}  // namespace h5kit::graph

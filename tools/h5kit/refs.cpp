// `h5kit refs FILE [PATH]`: every object and region reference stored in the file, one per line,
//
//   /acquisition/ElectricalSeries/electrodes@table   object  /general/extracellular_ephys/electrodes
//   /intervals/trials/timeseries#column:timeseries[0] object  /acquisition/ElectricalSeries
//   /@null_region                                     region  (null)
//
// or, with PATH, only those that refer to the object at PATH (compared by identity: an alias, a soft
// link or a relative path finds the same referrers). --json writes a JSON array instead. The location
// syntax is graph/references.hpp's (docs/graph.md). On a terminal, stderr shows a progress bar: the
// objects indexed, then the objects inspected out of all.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <h5kit/graph.hpp>

#include "commands.hpp"
#include "json_value.hpp"
#include "progress.hpp"
#include "walk.hpp"

namespace h5kit::cli {

namespace {

struct RefsOptions {
  std::string file;
  std::string path;
  bool json = false;
  bool first = false;
};

std::string selection_text(const Selection& s) {
  switch (s.kind()) {
    case SelectionKind::all: return "all";
    case SelectionKind::none: return "none";
    case SelectionKind::points: return std::to_string(s.point_list().size()) + " points";
    case SelectionKind::blocks: {
      std::string out;
      for (const Block& b : s.block_list()) {
        std::string start, stop;
        for (std::size_t i = 0; i < b.offset.size(); ++i) {
          out += (i ? "," : (out.empty() ? "[" : " ["));
          out += std::to_string(b.offset[i]) + ":" + std::to_string(b.offset[i] + b.count[i]);
        }
        out += "]";
      }
      return out;
    }
  }
  return "";
}

std::string target_text(const graph::StoredReference& r) {
  if (r.is_null) return "(null)";
  if (!r.target_path) return "(unresolved)";
  std::string out = *r.target_path;
  if (r.selection) out += " " + selection_text(*r.selection);
  return out;
}

Json reference_json(const graph::StoredReference& r) {
  Json j;
  j["location"] = r.location.to_string();
  j["owner"] = r.location.owner;
  j["attribute"] = r.location.in_attribute ? Json(r.location.attribute) : Json(nullptr);
  j["index"] = r.location.index;
  j["field"] = r.location.field;
  j["kind"] = graph::to_string(r.kind);
  j["null"] = r.is_null;
  j["target"] = r.target_path ? Json(*r.target_path) : Json(nullptr);
  if (r.selection) {
    const Selection& s = *r.selection;
    Json sel;
    switch (s.kind()) {
      case SelectionKind::all: sel["type"] = "all"; break;
      case SelectionKind::none: sel["type"] = "none"; break;
      case SelectionKind::points: sel["type"] = "points"; sel["points"] = s.point_list(); break;
      case SelectionKind::blocks: {
        sel["type"] = "blocks";
        Json blocks = Json::array();
        for (const Block& b : s.block_list()) blocks.push_back({{"offset", b.offset}, {"count", b.count}});
        sel["blocks"] = blocks;
        break;
      }
    }
    j["selection"] = sel;
  }
  return j;
}

int run_refs(const RefsOptions& options) {
  const File file = open_input(options.file);
  ProgressBar index_bar("refs: indexing", 0, ProgressUnit::objects);
  const graph::FileIndex index(file, [&index_bar](std::size_t objects) { index_bar.update(objects); });
  index_bar.finish();
  ProgressBar inspect_bar("refs", index.objects().size(), ProgressUnit::objects);
  auto inspected = [&inspect_bar](std::size_t done, std::size_t total) {
    inspect_bar.set_total(total);
    inspect_bar.update(done);
  };
  std::vector<graph::StoredReference> refs;
  if (options.path.empty()) {
    graph::InventoryOptions inventory;
    if (inspect_bar.active()) inventory.progress = inspected;
    refs = graph::inventory(file, index, inventory);
  } else {
    const std::string path = normalize_path(options.path);
    if (!file.contains(path)) {
      const bool dangling = path != "/" && file.has_link(path);
      throw UserError("'" + options.file + "' has " + (dangling ? "only a dangling link" : "nothing") + " at '" +
                      path + "'");
    }
    graph::FindOptions find;
    find.first_only = options.first;
    if (inspect_bar.active()) find.progress = inspected;
    refs = graph::find_references(index, path, find);
  }
  inspect_bar.finish();
  if (options.json) {
    Json out = Json::array();
    for (const auto& r : refs) out.push_back(reference_json(r));
    std::cout << out.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
    return 0;
  }
  std::size_t width = 0;
  std::vector<std::string> locations;
  for (const auto& r : refs) {
    locations.push_back(r.location.to_string());
    width = std::max(width, locations.back().size());
  }
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const char* kind = graph::to_string(refs[i].kind);
    std::cout << locations[i] << std::string(width - locations[i].size() + 2, ' ') << kind
              << std::string(8 - std::string(kind).size(), ' ') << target_text(refs[i]) << '\n';
  }
  return 0;
}

}  // namespace

Command register_refs(CLI::App& parent) {
  auto options = std::make_shared<RefsOptions>();
  CLI::App* app = parent.add_subcommand(
      "refs", "List every stored object and region reference, or (with PATH) who refers to the object at PATH");
  app->add_option("FILE", options->file, "HDF5 file to read")->required();
  app->add_option("PATH", options->path, "Object whose referrers to list (any path: alias, soft link, relative)");
  app->add_flag("--json", options->json, "Write a JSON array instead of lines");
  app->add_flag("--first", options->first, "With PATH: stop at the first referrer found");
  return {app, [options] { return run_refs(*options); }};
}

}  // namespace h5kit::cli

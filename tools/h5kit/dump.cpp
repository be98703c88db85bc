// `h5kit dump --json FILE [PATH] [--max-elements N]`: the object at PATH, with everything below it,
// as one JSON document. Groups nest their members; datasets carry dtype, shape, attributes and data.
// Links are described, not followed, and an object reached again through another hard link is
// written once and referred to by its first path afterwards. The format is in docs/cli.md.
#include <iostream>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "json_value.hpp"
#include "progress.hpp"
#include "type_name.hpp"
#include "walk.hpp"

namespace h5kit::cli {

namespace {

struct DumpOptions {
  std::string file;
  std::string path = "/";
  bool json = true;  // the only format for now; --json says so explicitly
  std::size_t max_elements = std::numeric_limits<std::size_t>::max();  // no limit unless given
  bool compact = false;
};

// Datasets of at least this many bytes show a progress bar while they are read (stderr a terminal).
constexpr std::uint64_t kProgressBytes = std::uint64_t{8} << 20;

class JsonDumper {
 public:
  // `root` resolves object references: the root of the file the dumped objects live in.
  JsonDumper(const Group& root, std::size_t max_elements) : references_(root), max_elements_(max_elements) {}

  Json link(const LinkView& link, const std::string& path) {
    switch (link.kind) {
      case LinkKind::hard: return object(link.object, path);
      case LinkKind::soft: return with_dangling({{"kind", "soft_link"}, {"target", link.target}}, link);
      case LinkKind::external:
        return with_dangling({{"kind", "external_link"}, {"file", link.file}, {"path", link.target}}, link);
    }
    return nullptr;
  }

  // One line per value that could not be read ("cannot read /path: reason"), for stderr once the
  // document is out.
  const std::vector<std::string>& problems() const noexcept { return problems_; }

 private:
  // Only dangling links say so: most links resolve, and the key would be noise on each of them.
  static Json with_dangling(Json node, const LinkView& link) {
    if (link.dangling) node["dangling"] = true;
    return node;
  }

  Json object(const Object& object, const std::string& path) {
    if (const auto first = seen_.first_visit(object, path)) return Json{{"kind", "hard_link"}, {"target", *first}};
    switch (object.kind()) {
      case ObjectKind::group: return group(object.as_group(), path);
      case ObjectKind::dataset: return dataset(object.as_dataset(), path);
      case ObjectKind::datatype: {
        const Datatype type(detail::Handle::share(object.id()));  // a named (committed) type
        return Json{{"kind", "datatype"}, {"dtype", type_name(type)}, {"attrs", attributes(object, path)}};
      }
      case ObjectKind::unknown: break;
    }
    return Json{{"kind", "unknown"}, {"attrs", attributes(object, path)}};
  }

  Json group(const Group& group, const std::string& path) {
    Json node{{"kind", "group"}, {"attrs", attributes(group, path)}};
    Json members = Json::object();
    for (const std::string& name : group.keys()) members[name] = link(view_link(group, name), join_path(path, name));
    node["members"] = std::move(members);
    return node;
  }

  Json dataset(const Dataset& dataset, const std::string& path) {
    Json node{{"kind", "dataset"}, {"dtype", type_name(dataset.dtype())}};
    node["shape"] = dataset.is_empty() ? Json(nullptr) : Json(dataset.shape());
    node["attrs"] = attributes(dataset, path);
    const std::size_t count = dataset.size();
    if (count > max_elements_) {
      // Not even read: eliding exists so that huge datasets cost nothing.
      node["data"] = Json{{"elided", true}, {"count", count}};
    } else {
      // A large dataset is read in one call: the bar (on a terminal only) says what is being read.
      const std::uint64_t bytes = static_cast<std::uint64_t>(count) * dataset.dtype().size();
      ProgressBar bar("dump " + path, bytes >= kProgressBytes ? bytes : 0);
      if (bytes >= kProgressBytes) bar.update(0, "reading");
      node["data"] = read_value([&] { return dataset.read_native(); }, path);
    }
    return node;
  }

  Json attributes(const Object& object, const std::string& path) {
    Json attrs = Json::object();
    const AttributeManager manager = object.attrs();
    for (const std::string& name : manager.keys())
      attrs[name] = read_value([&] { return manager.open(name).read_native(); }, path + " (attribute '" + name + "')");
    return attrs;
  }

  // A value that cannot be read (a compression filter that is not installed, HDF5's unsupported time
  // type...) should not cost the rest of the file: it becomes {"unreadable": true, "error": ...} and
  // is reported on stderr, as h5dump carries on past such datasets.
  template <class Read>
  Json read_value(const Read& read, const std::string& what) {
    try {
      return to_json(read(), references_);
    } catch (const Error& e) {
      const std::string reason = one_line(e.what());
      problems_.push_back("cannot read " + what + ": " + reason);
      return Json{{"unreadable", true}, {"error", reason}};
    }
  }

  ReferenceResolver references_;
  std::size_t max_elements_;
  SeenObjects seen_;
  std::vector<std::string> problems_;
};

int run_dump(const DumpOptions& options) {
  const File file = open_input(options.file);
  const std::string path = normalize_path(options.path);
  const LinkView target = resolve_argument(file, path);
  // A PATH that passes through an external link lands in another file, and references stored
  // there point into that file.
  const Group root = target.kind == LinkKind::hard ? Group(target.object.file()) : Group(file);
  JsonDumper dumper(root, options.max_elements);
  const Json document = dumper.link(target, path);
  // Strings in a file need not be valid UTF-8 (fixed-length "S" strings hold any bytes); replace bad
  // bytes with U+FFFD rather than fail the whole dump.
  std::cout << document.dump(options.compact ? -1 : 2, ' ', false, Json::error_handler_t::replace) << '\n';
  std::cout.flush();  // the document first, then what is missing from it
  for (const std::string& problem : dumper.problems()) std::cerr << "h5kit: " << problem << '\n';
  return dumper.problems().empty() ? 0 : 1;
}

// Digits only. CLI11's own conversion would read "-3" as a size_t wrapped around to a huge number,
// and its range check prints a 300-digit bound.
CLI::Validator whole_number() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
          return "expected a whole number >= 0, got '" + text + "'";
        return {};
      },
      "", "whole number");
}

}  // namespace

Command register_dump(CLI::App& parent) {
  auto options = std::make_shared<DumpOptions>();
  CLI::App* app = parent.add_subcommand("dump", "Write the object at PATH and everything below it as JSON");
  app->add_option("FILE", options->file, "HDF5 file to read")->required();
  app->add_option("PATH", options->path, "Group, dataset or link to dump")->capture_default_str();
  app->add_flag("--json", options->json, "Write JSON (the default, and for now the only format)");
  app->add_option("--max-elements", options->max_elements,
                  "Datasets with more than N elements get {\"elided\": true, \"count\": n} instead of data")
      ->type_name("N")
      ->check(whole_number());
  app->add_flag("--compact", options->compact, "Write the JSON on one line instead of indented");
  return {app, [options] { return run_dump(*options); }};
}

}  // namespace h5kit::cli

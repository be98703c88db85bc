// `h5kit tree FILE [PATH]`: every link under PATH, one line each, in the habit of `h5ls -r`:
//
//   /                  Group, 1 attr
//   /calibration       External link -> calib.h5:/table
//   /data              Group, 0 attrs
//   /data/alias        Dataset {3, 2} float64, 2 attrs
//   /data/temperature  Dataset, same as /data/alias
//   /latest            Soft link -> /data/temperature
//
// Full paths rather than indentation, so that every line can be grepped or cut on its own.
// --details adds indented lines under an object (storage, filters, fill value, dimension scales,
// attribute types). The exact format is in docs/cli.md.
#include <algorithm>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "details.hpp"
#include "json_value.hpp"
#include "type_name.hpp"
#include "walk.hpp"

namespace h5kit::cli {

namespace {

struct TreeOptions {
  std::string file;
  std::string path = "/";
  bool details = false;
};

// h5ls's way of writing a dataspace: {3, 2}, {SCALAR}, or {NULL} for an empty (null) dataspace.
std::string describe_shape(const Dataset& dataset) {
  if (dataset.is_empty()) return "{NULL}";
  const Shape shape = dataset.shape();
  if (shape.empty()) return "{SCALAR}";
  std::string out = "{";
  for (std::size_t i = 0; i < shape.size(); ++i) out += (i ? ", " : "") + std::to_string(shape[i]);
  return out + "}";
}

std::string count_attrs(const Object& object) {
  const std::size_t n = object.attrs().size();
  return std::to_string(n) + (n == 1 ? " attr" : " attrs");
}

const char* kind_word(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::group: return "Group";
    case ObjectKind::dataset: return "Dataset";
    case ObjectKind::datatype: return "Datatype";
    case ObjectKind::unknown: break;
  }
  return "Object";
}

// Collects the lines first: the path column is padded to the longest path, and nothing is printed
// when the walk fails half-way.
class TreePrinter {
 public:
  TreePrinter(const Group& root, bool details) : references_(root), details_(details) {}

  void link(const LinkView& link, const std::string& path) {
    switch (link.kind) {
      case LinkKind::hard: object(link.object, path); return;
      case LinkKind::soft: add(path, "Soft link -> " + link.target + dangling(link)); return;
      case LinkKind::external: add(path, "External link -> " + link.file + ":" + link.target + dangling(link)); return;
    }
  }

  void print(std::ostream& out) const {
    std::size_t width = 0;
    for (const Line& line : lines_) width = std::max(width, columns(line.path));
    for (const Line& line : lines_) {
      out << line.path << std::string(width - columns(line.path) + 2, ' ') << line.description << '\n';
      // Under the description, so the path column stays the only thing at the left margin.
      for (const std::string& detail : line.details) out << std::string(width + 4, ' ') << detail << '\n';
    }
  }

 private:
  struct Line {
    std::string path;
    std::string description;
    std::vector<std::string> details;
  };

  // Characters, not bytes: link names are often UTF-8 (h5py's default), and "é" must pad as one column.
  static std::size_t columns(const std::string& text) {
    std::size_t n = 0;
    for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;  // skip continuation bytes
    return n;
  }

  static std::string dangling(const LinkView& link) { return link.dangling ? " (dangling)" : ""; }

  void object(const Object& object, const std::string& path) {
    isolation_note(path);  // named in the error if the HDF5 library crashes on this object
    const ObjectKind kind = object.kind();
    if (const auto first = seen_.first_visit(object, path)) {
      add(path, std::string(kind_word(kind)) + ", same as " + *first);
      return;
    }
    switch (kind) {
      case ObjectKind::group: {
        add(path, "Group, " + count_attrs(object));
        add_details(object, {});
        const Group group = object.as_group();
        for (const std::string& name : group.keys()) {
          const std::string member = join_path(path, name);
          isolation_note(member);  // opening the member can crash the HDF5 library too
          link(view_link(group, name), member);
        }
        return;
      }
      case ObjectKind::dataset: {
        const Dataset dataset = object.as_dataset();
        add(path, "Dataset " + describe_shape(dataset) + " " + type_name(dataset.dtype()) + ", " + count_attrs(object));
        add_details(object, [&] { return dataset_details(dataset, references_); });
        return;
      }
      case ObjectKind::datatype: {
        // A named (committed) type. Datatype is a handle like any other; it shares the object's.
        const Datatype type(detail::Handle::share(object.id()));
        add(path, "Datatype " + type_name(type) + ", " + count_attrs(object));
        add_details(object, {});
        return;
      }
      case ObjectKind::unknown: break;
    }
    add(path, "Object of unknown kind");
  }

  void add(const std::string& path, std::string description) { lines_.push_back({path, std::move(description), {}}); }

  // Details of the object on the last line added. A detail that cannot be read (a broken dimension
  // scale reference...) becomes a line saying so: the rest of the listing is still worth having.
  void add_details(const Object& object, const std::function<std::vector<std::string>()>& own) {
    if (!details_) return;
    std::vector<std::string>& out = lines_.back().details;
    try {
      if (own) out = own();
      for (std::string& line : attribute_details(object)) out.push_back(std::move(line));
    } catch (const Error& e) {
      out.push_back("(details unreadable: " + one_line(e.what()) + ")");
    }
  }

  ReferenceResolver references_;
  bool details_;
  std::vector<Line> lines_;
  SeenObjects seen_;
};

int run_tree(const TreeOptions& options) {
  const File file = open_input(options.file);
  const std::string path = normalize_path(options.path);
  const LinkView start = resolve_argument(file, path);
  // References in details resolve in the file the listed objects live in (see dump.cpp).
  TreePrinter printer(start.kind == LinkKind::hard ? Group(start.object.file()) : Group(file), options.details);
  printer.link(start, path);
  printer.print(std::cout);
  return 0;
}

}  // namespace

Command register_tree(CLI::App& parent) {
  auto options = std::make_shared<TreeOptions>();
  CLI::App* app = parent.add_subcommand("tree", "List every link under PATH, one per line (like h5ls -r)");
  app->add_option("FILE", options->file, "HDF5 file to read")->required();
  app->add_option("PATH", options->path, "Group or dataset to start from")->capture_default_str();
  app->add_flag("--details", options->details,
                "Add indented lines under each object: storage layout, chunks, filters, fill value, "
                "dimension scales, attribute types");
  return {app, [options] { return run_tree(*options); }};
}

}  // namespace h5kit::cli

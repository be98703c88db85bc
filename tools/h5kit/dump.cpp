// `h5kit dump --json FILE [PATH] [--max-elements N] [--max-memory SIZE]`: the object at PATH, with
// everything below it, as one JSON document. Groups nest their members; datasets carry dtype, shape,
// attributes and data. Links are described, not followed, and an object reached again through
// another hard link is written once and referred to by its first path afterwards. The document is
// written as it is walked and large data as it is read (dump_stream.hpp), so memory stays bounded
// whatever the file declares. The format is in docs/cli.md.
#include <algorithm>
#include <cctype>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "dump_stream.hpp"
#include "json_value.hpp"
#include "json_writer.hpp"
#include "progress.hpp"
#include "type_name.hpp"
#include "walk.hpp"

namespace h5kit::cli {

namespace {

// The read budget of a dump unless --max-memory says otherwise: far above any attribute a file
// needs (HDF5 keeps them small) and above one block of data, far below what a hostile file can
// declare. A dump holds one such value at a time.
constexpr std::size_t kDefaultMaxMemory = std::size_t{256} << 20;

struct DumpOptions {
  std::string file;
  std::string path = "/";
  bool json = true;  // the only format for now; --json says so explicitly
  std::size_t max_elements = std::numeric_limits<std::size_t>::max();  // no limit unless given
  bool compact = false;
  std::size_t max_memory = kDefaultMaxMemory;
};

// Datasets of at least this many bytes show a progress bar while they are read (stderr a terminal).
constexpr std::uint64_t kProgressBytes = std::uint64_t{8} << 20;

// Dataset data is read in blocks of at most this many bytes (or --max-memory, when smaller). Big
// enough that a read call per block costs nothing next to formatting its elements, small enough
// that a dump stays within a few MiB whatever the file declares.
constexpr std::size_t kBlockBytes = std::size_t{4} << 20;

// Writes the object at a path, and everything below it, to a JsonWriter as it walks: a value is
// read, written and released before the next one, so memory stays bounded by one value (an
// attribute, read whole under the read budget) or one block of a dataset's data.
class JsonDumper {
 public:
  // `root` resolves object references: the root of the file the dumped objects live in.
  JsonDumper(JsonWriter& out, const Group& root, std::size_t max_elements, std::size_t block_bytes)
      : out_(out), references_(root), max_elements_(max_elements), block_bytes_(block_bytes) {}

  // False when the output failed part way (the rest was not read: it could not be delivered).
  bool link(const LinkView& link, const std::string& path) {
    switch (link.kind) {
      case LinkKind::hard: return object(link.object, path);
      case LinkKind::soft:
        out_.value(with_dangling({{"kind", "soft_link"}, {"target", link.target}}, link));
        return !out_.failed();
      case LinkKind::external:
        out_.value(with_dangling({{"kind", "external_link"}, {"file", link.file}, {"path", link.target}}, link));
        return !out_.failed();
    }
    out_.value(nullptr);
    return !out_.failed();
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

  bool object(const Object& object, const std::string& path) {
    isolation_note(path);  // named in the error if the HDF5 library crashes on this object
    if (const auto first = seen_.first_visit(object, path)) {
      out_.value(Json{{"kind", "hard_link"}, {"target", *first}});
      return !out_.failed();
    }
    switch (object.kind()) {
      case ObjectKind::group: return group(object.as_group(), path);
      case ObjectKind::dataset: return dataset(object.as_dataset(), path);
      case ObjectKind::datatype: {
        const Datatype type(detail::Handle::share(object.id()));  // a named (committed) type
        out_.begin_object();
        member("kind", "datatype");
        member("dtype", type_name(type));
        attributes(object, path);
        out_.end_object();
        return !out_.failed();
      }
      case ObjectKind::unknown: break;
    }
    out_.begin_object();
    member("kind", "unknown");
    attributes(object, path);
    out_.end_object();
    return !out_.failed();
  }

  bool group(const Group& group, const std::string& path) {
    out_.begin_object();
    member("kind", "group");
    attributes(group, path);
    out_.key("members");
    out_.begin_object();
    for (const std::string& name : group.keys()) {
      out_.key(name);
      const std::string member = join_path(path, name);
      isolation_note(member);  // opening the member can crash the HDF5 library too
      if (!link(view_link(group, name), member)) return false;
    }
    out_.end_object();
    out_.end_object();
    return !out_.failed();
  }

  bool dataset(const Dataset& dataset, const std::string& path) {
    out_.begin_object();
    member("kind", "dataset");
    member("dtype", type_name(dataset.dtype()));
    member("shape", dataset.is_empty() ? Json(nullptr) : Json(dataset.shape()));
    attributes(dataset, path);
    out_.key("data");
    const std::size_t count = dataset.size();
    if (count > max_elements_) {
      // Not even read: eliding exists so that huge datasets cost nothing.
      out_.value(Json{{"elided", true}, {"count", count}});
    } else if (DatasetStream::needs_blocks(dataset, block_bytes_)) {
      if (!streamed_data(dataset, path)) return false;
    } else {
      read_value([&] { return dataset.read_native(); }, path);
    }
    out_.end_object();
    return !out_.failed();
  }

  // Data of more than one block, written as it is read. The first block is read before anything of
  // the value is written, so a dataset that cannot be read at all is still marked unreadable.
  bool streamed_data(const Dataset& dataset, const std::string& path) {
    const std::uint64_t bytes = static_cast<std::uint64_t>(dataset.size()) * dataset.dtype().size();
    ProgressBar bar("dump " + path, bytes >= kProgressBytes ? bytes : 0);
    std::optional<DatasetStream> stream;
    try {
      stream.emplace(dataset, block_bytes_, references_);
      stream->read_first_block();
    } catch (const Error& e) {
      unreadable(path, e);
      return !out_.failed();
    }
    return stream->write(out_, [&](std::uint64_t done) {
      if (bar.active()) bar.update(done, "reading");
    });
  }

  void attributes(const Object& object, const std::string& path) {
    out_.key("attrs");
    out_.begin_object();
    const AttributeManager manager = object.attrs();
    for (const std::string& name : manager.keys()) {
      out_.key(name);
      read_value([&] { return manager.open(name).read_native(); }, path + " (attribute '" + name + "')");
    }
    out_.end_object();
  }

  void member(const std::string& name, const Json& value) {
    out_.key(name);
    out_.value(value);
  }

  // A value that cannot be read (a compression filter that is not installed, HDF5's unsupported time
  // type, more bytes than the read budget...) should not cost the rest of the file: it becomes
  // {"unreadable": true, "error": ...} and is reported on stderr, as h5dump carries on past such
  // datasets.
  template <class Read>
  void read_value(const Read& read, const std::string& what) {
    std::optional<RawData> raw;
    try {
      raw.emplace(read());
    } catch (const Error& e) {
      unreadable(what, e);
      return;
    }
    write_value(out_, *raw, references_);
  }

  void unreadable(const std::string& what, const Error& e) {
    std::string reason = one_line(e.what());
    // The core names its own setter; the user of the command has an option for it.
    if (e.kind() == ErrorKind::out_of_memory) reason += "; --max-memory raises the budget";
    problems_.push_back("cannot read " + what + ": " + reason);
    out_.value(Json{{"unreadable", true}, {"error", reason}});
  }

  JsonWriter& out_;
  ReferenceResolver references_;
  std::size_t max_elements_;
  std::size_t block_bytes_;
  SeenObjects seen_;
  std::vector<std::string> problems_;
};

int run_dump(const DumpOptions& options) {
  const File file = open_input(options.file);
  const std::string path = normalize_path(options.path);
  const LinkView target = resolve_argument(file, path);
  // Every value read whole (attributes, small datasets) is bounded; a larger one is unreadable.
  const ScopedReadBudget budget(options.max_memory);
  // A PATH that passes through an external link lands in another file, and references stored
  // there point into that file.
  const Group root = target.kind == LinkKind::hard ? Group(target.object.file()) : Group(file);
  JsonWriter out(std::cout, options.compact);
  JsonDumper dumper(out, root, options.max_elements, std::min(kBlockBytes, options.max_memory));
  const auto report_problems = [&] {
    for (const std::string& problem : dumper.problems()) std::cerr << "h5kit: " << problem << '\n';
  };
  try {
    // False: stdout failed; main reports that, and the rest is not worth reading.
    if (!dumper.link(target, path)) return 1;
  } catch (const DataCutShort& e) {
    std::cout << '\n';
    std::cout.flush();  // what was written, then why it stops
    report_problems();
    std::cerr << "h5kit: " << e.what() << '\n';
    return 1;
  }
  std::cout << '\n';
  std::cout.flush();  // the document first, then what is missing from it
  report_problems();
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

// "4096", "64K", "256M", "2G", "1T" (powers of 1024, either case) or "unlimited", as a byte count.
CLI::Validator byte_size() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (text == "unlimited") {
          text = std::to_string(unlimited_read_budget);
          return {};
        }
        const std::size_t digits = text.find_first_not_of("0123456789");
        const std::string suffix = digits == std::string::npos ? "" : text.substr(digits);
        static constexpr std::string_view units = "KMGT";
        const std::size_t unit = suffix.size() == 1 ? units.find(static_cast<char>(std::toupper(
                                                                  static_cast<unsigned char>(suffix[0]))))
                                                    : std::string_view::npos;
        const std::string bad = "expected a size in bytes, with K, M, G or T, or 'unlimited'; got '" + text + "'";
        if (text.empty() || digits == 0 || (!suffix.empty() && unit == std::string_view::npos)) return bad;
        const std::string number = text.substr(0, digits);
        if (number.size() > 19) return bad;  // past 2^64; fewer digits always convert
        const std::size_t value = std::stoull(number);
        const unsigned shift = suffix.empty() ? 0U : 10U * static_cast<unsigned>(unit + 1);
        if (shift > 0 && value > (std::numeric_limits<std::size_t>::max() >> shift)) return bad;
        text = std::to_string(value << shift);
        return {};
      },
      "", "size");
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
  app->add_option("--max-memory", options->max_memory,
                  "Largest value read whole (attribute, dataset block), in bytes or with K, M, G, T "
                  "(powers of 1024), or 'unlimited'; a larger value is marked unreadable (default 256M)")
      ->type_name("SIZE")
      ->transform(byte_size());
  return {app, [options] { return run_dump(*options); }};
}

}  // namespace h5kit::cli

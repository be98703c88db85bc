// `h5kit check FILE`: reads every object, attribute and chunk of a file (decompressing each) and
// reports every problem found, one line each; status 0 for a sound file, 1 for a damaged one, 2
// when there is nothing to check (no such file, not a regular file, a bad command line).
//
// The walk runs in an isolated child process (h5kit/isolation.hpp): when libhdf5 crashes or
// loops on an object, that object is reported as damaged and a new child carries on after it, so
// one bad object never hides the others. Items are numbered in a fixed walk order (members in
// name order, depth first); before each item the child notes "index, tallies, path", which is how
// the parent knows where a child died and where the next one starts.
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <h5kit/isolation.hpp>

#include "commands.hpp"
#include "walk.hpp"

namespace h5kit::cli {

namespace {

struct CheckOptions {
  std::string file;
  bool no_isolate = false;
  double time_limit_s = 0;  // per child; 0: none
};

// What has been checked so far (one child's share, or the whole run's).
struct Tallies {
  std::uint64_t objects = 0, attributes = 0, chunks = 0, problems = 0;
  Tallies& operator+=(const Tallies& o) {
    objects += o.objects, attributes += o.attributes, chunks += o.chunks, problems += o.problems;
    return *this;
  }
};

std::string encode(std::uint64_t index, const Tallies& t, const std::string& path) {
  return std::to_string(index) + " " + std::to_string(t.objects) + " " + std::to_string(t.attributes) + " " +
         std::to_string(t.chunks) + " " + std::to_string(t.problems) + " " + path;
}

bool decode(const std::string& note, std::uint64_t& index, Tallies& t, std::string& path) {
  std::istringstream in(note);
  if (!(in >> index >> t.objects >> t.attributes >> t.chunks >> t.problems)) return false;
  in.get();  // the space before the path
  std::getline(in, path, '\0');
  return true;
}

constexpr std::size_t kBlockBytes = 16 << 20;  // contiguous data is read in blocks of about this size
constexpr std::size_t kProblemsPerDataset = 20;

// One child's walk: every item from `start` on checked, problems printed as they are found. The
// items before `start` are walked again only for the structure (listing members, reading links),
// never checked again; an item that crashed an earlier child (`crashed`) is skipped whole, so the
// walk order stays the same in every child.
class Walker {
 public:
  Walker(const File& file, std::uint64_t start, const std::set<std::uint64_t>& crashed)
      : file_(file), start_(start), crashed_(crashed) {}

  Tallies run() {
    visit_object("/", file_);
    return tallies_;
  }

 private:
  void problem(const std::string& path, const std::string& what) {
    std::cout << path << ": " << one_line(what) << '\n' << std::flush;
    ++tallies_.problems;
  }

  struct Item {
    bool skip;   // crashed an earlier child: neither checked nor walked into
    bool check;  // this child's to check (false: checked by an earlier child)
  };

  Item begin_item(const std::string& path) {
    const std::uint64_t index = next_index_++;
    if (crashed_.count(index)) return {true, false};
    if (index < start_) return {false, false};
    isolation_note(encode(index, tallies_, path));
    return {false, true};
  }

  void visit_object(const std::string& path, const Object& object) {
    const Item item = begin_item(path);
    if (item.skip || seen_.first_visit(object, path)) return;  // another hard link: checked where first met
    if (item.check) {
      ++tallies_.objects;
      check_attributes(path, object);
      if (object.kind() == ObjectKind::dataset) check_data(path, object.as_dataset());
    }
    if (object.kind() != ObjectKind::group) return;
    const Item listing = begin_item(path + " (its members)");
    if (listing.skip) return;
    std::vector<std::string> names;
    try {
      names = object.as_group().keys(IterationOrder::name);
    } catch (const Error& e) {
      if (listing.check) problem(path, std::string("its members cannot be listed: ") + e.what());
      return;
    }
    for (const std::string& name : names) {
      const std::string member = join_path(path, name);
      const Item link_item = begin_item(member + " (the link)");
      if (link_item.skip) continue;
      LinkView link;
      try {
        link = view_link(object.as_group(), name);
      } catch (const std::exception& e) {
        if (link_item.check) problem(member, std::string("the link cannot be read: ") + e.what());
        continue;
      }
      // Soft and external links are not damage, dangling or not: their targets are checked where they live.
      if (link.kind == LinkKind::hard && !link.dangling) visit_object(member, link.object);
    }
  }

  void check_attributes(const std::string& path, const Object& object) {
    std::vector<std::string> names;
    try {
      names = object.attrs().keys();
    } catch (const Error& e) {
      problem(path, std::string("its attributes cannot be listed: ") + e.what());
      return;
    }
    for (const std::string& name : names) {
      ++tallies_.attributes;
      try {
        object.attrs().open(name).read_native();
      } catch (const Error& e) {
        problem(path, "attribute '" + name + "': " + e.what());
      }
    }
  }

  void check_data(const std::string& path, const Dataset& dataset) {
    std::size_t reported = 0, failed = 0;
    auto failure = [&](const std::string& where, const Error& e) {
      ++failed;
      if (reported++ < kProblemsPerDataset) problem(path, where + ": " + e.what());
    };
    try {
      if (dataset.is_empty()) return;
      const Shape shape = dataset.shape();
      if (dataset.layout() == Layout::chunked) {
        const Shape chunk = dataset.chunks().value();
        for (const ChunkInfo& info : dataset.chunk_list()) {
          ++tallies_.chunks;
          Shape count(shape.size());
          for (std::size_t i = 0; i < shape.size(); ++i)
            count[i] = std::min(chunk[i], shape[i] > info.offset[i] ? shape[i] - info.offset[i] : 0);
          try {
            dataset.read_native(info.offset, count);  // through the filters: decompressed, checksums verified
          } catch (const Error& e) {
            failure("chunk at " + to_string(info.offset), e);
          }
        }
      } else if (shape.empty()) {
        dataset.read_native();
      } else {
        // Blocks along the first axis, so that memory stays bounded whatever the dataset's size.
        std::size_t row_bytes = dataset.dtype().size();
        for (std::size_t i = 1; i < shape.size(); ++i) row_bytes *= std::max<std::size_t>(shape[i], 1);
        const std::size_t rows = std::max<std::size_t>(1, kBlockBytes / std::max<std::size_t>(row_bytes, 1));
        for (std::size_t first = 0; first < shape[0]; first += rows) {
          Shape offset(shape.size(), 0), count = shape;
          offset[0] = first;
          count[0] = std::min(rows, shape[0] - first);
          try {
            dataset.read_native(offset, count);
          } catch (const Error& e) {
            failure("elements from " + to_string(offset), e);
          }
        }
      }
    } catch (const Error& e) {
      problem(path, std::string("its data cannot be read: ") + e.what());
    }
    if (failed > reported && reported >= kProblemsPerDataset)
      problem(path, "and " + std::to_string(failed - kProblemsPerDataset) + " more unreadable blocks");
  }

  const File& file_;
  std::uint64_t start_;
  const std::set<std::uint64_t>& crashed_;
  std::uint64_t next_index_ = 0;
  Tallies tallies_;
  SeenObjects seen_;
};

Tallies walk_from(const std::string& file_name, std::uint64_t start, const std::set<std::uint64_t>& crashed) {
  const File file = open_input(file_name);
  return Walker(file, start, crashed).run();
}

// 2 when there is nothing to check; a file that exists but does not open as HDF5 is damaged.
void require_regular_file(const std::string& name) {
  struct stat info{};
  if (::stat(name.c_str(), &info) != 0) open_input(name);  // its UserError says why (no such file, a loop...)
  if (!S_ISREG(info.st_mode)) open_input(name);            // a directory, a FIFO...: said the same way
}

int run_check(const CheckOptions& o) {
  try {
    require_regular_file(o.file);
  } catch (const UserError& e) {
    std::cerr << "h5kit: " << one_line(e.what()) << '\n';
    return 2;
  }
  Tallies total;
  std::uint64_t start = 0;
  std::set<std::uint64_t> crashed;
  if (o.no_isolate) {
    try {
      total = walk_from(o.file, 0, {});
    } catch (const std::exception& e) {  // the file does not open: the first problem of a damaged file
      std::cout << "/: " << one_line(e.what()) << '\n';
      ++total.problems;
    }
  } else {
    IsolationLimits limits;
    limits.time_limit = std::chrono::milliseconds(static_cast<std::int64_t>(o.time_limit_s * 1000));
    for (;;) {
      try {
        const std::string answer = run_isolated("check", o.file, [&] {
          const Tallies t = walk_from(o.file, start, crashed);
          return encode(0, t, "");
        }, limits);
        std::uint64_t ignored;
        Tallies t;
        std::string none;
        decode(answer, ignored, t, none);
        total += t;
        break;
      } catch (const CrashedError& e) {
        std::uint64_t index;
        Tallies t;
        std::string path;
        if (!decode(e.object(), index, t, path)) {  // before the first item: opening the file
          std::cout << "/: " << one_line(e.detail()) << '\n';
          ++total.problems;
          break;
        }
        total += t;
        ++total.problems;
        std::cout << path << ": " << one_line(e.detail()) << '\n' << std::flush;
        crashed.insert(index);
        start = index + 1;
      } catch (const std::exception& e) {
        std::cout << "/: " << one_line(e.what()) << '\n';
        ++total.problems;
        break;
      }
    }
  }
  std::cout << "checked " << o.file << ": " << total.objects << " objects, " << total.attributes << " attributes, "
            << total.chunks << " chunks; " << total.problems << (total.problems == 1 ? " problem" : " problems");
  if (!crashed.empty())
    std::cout << " (the reader crashed or was stopped " << crashed.size() << (crashed.size() == 1 ? " time)" : " times)");
  std::cout << '\n';
  return total.problems == 0 ? 0 : 1;
}

}  // namespace

Command register_check(CLI::App& parent) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* app = parent.add_subcommand(
      "check", "Read every object, attribute and chunk of FILE and report every problem (status 1 when damaged)");
  app->add_option("FILE", options->file, "The HDF5 file to check")->required();
  app->add_flag("--no-isolate", options->no_isolate,
                "Read in this process (a crash inside the HDF5 library then ends the check)");
  app->add_option("--time-limit", options->time_limit_s,
                  "Seconds a reader may take before it is stopped and its object reported (default: none)")
      ->check(CLI::NonNegativeNumber);
  Command command{app, [options] { return run_check(*options); }};
  command.usage_status = 2;
  return command;
}

}  // namespace h5kit::cli

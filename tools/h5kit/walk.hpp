#pragma once
// What `tree` and `dump` share: opening the input file with clear errors, resolving the PATH the
// user named, telling what a link is without following it, and spotting objects met twice.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include <h5kit/h5kit.hpp>

namespace h5kit::cli {

// Opens FILE read-only. Throws UserError with a one-line reason (no such file, a directory, not an
// HDF5 file, or HDF5's own complaint) instead of the library's longer message.
File open_input(const std::string& file_name);

// "/a/b" for "a/b", "/a/b/" or "//a//b": PATH arguments are always taken from the root.
std::string normalize_path(const std::string& path);

// `parent_path` + "/" + `name`, without doubling the slash after the root.
std::string join_path(const std::string& parent_path, const std::string& name);

// What a link leads to, read without following soft or external links (they are reported, not walked:
// a soft link may point anywhere, even back up the tree, and an external file may be missing).
struct LinkView {
  LinkKind kind = LinkKind::hard;
  std::string target;     // soft: the target path; external: the path inside `file`
  std::string file;       // external only
  bool dangling = false;  // soft or external link whose target cannot be opened
  Object object;          // hard links only: the object itself
};

// Looks at the link `name` (a member name, or a path relative to `parent`).
LinkView view_link(const Group& parent, const std::string& name);

// The link at a PATH argument, or UserError naming the file and path when there is none. The root "/"
// is not a link; it comes back as a hard link to the root group.
LinkView resolve_argument(const File& file, const std::string& path);

// Remembers the first path each object was met at, so that an object reached again through another
// hard link (or a hard link back to an ancestor) is reported as a repeat instead of walked again.
class SeenObjects {
 public:
  // The first path `object` was met at, or nullopt after recording `path` as its first.
  std::optional<std::string> first_visit(const Object& object, const std::string& path);

 private:
  // Keyed by the object's address in the file (the value of its object reference): the identity
  // HDF5 itself uses, and one integer instead of an open handle per object.
  std::unordered_map<std::uint64_t, std::string> first_path_;
};

// A message on one line: the library's messages may carry HDF5's error stack over several lines.
std::string one_line(const std::string& message);

}  // namespace h5kit::cli

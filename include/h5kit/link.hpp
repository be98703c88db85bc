#pragma once
// Links: the named edges of the file's graph. Hard links are the objects themselves; soft links
// hold a path (and may dangle); external links hold a file name and a path in it.
#include <string>

namespace h5kit {

enum class LinkKind { hard, soft, external };
const char* to_string(LinkKind kind) noexcept;

struct SoftLink {
  std::string path;
};

struct ExternalLink {
  std::string file;
  std::string path;
};

// What a link is, read without opening its target.
struct LinkInfo {
  LinkKind kind = LinkKind::hard;
  std::string target;  // soft: the path; external: the path inside `file`
  std::string file;    // external only
};

// Options for Group::copy (HDF5's H5Ocopy flags, h5py's copy() keywords).
struct CopyOptions {
  bool without_attrs = false;  // do not copy attributes
  bool shallow = false;        // copy only the immediate members of a group
  bool expand_soft = false;    // copy the targets of soft links instead of the links
  bool expand_external = false;  // copy the objects external links lead to instead of the links
  // Copy the objects that object references in the copied datasets and attributes point to, and
  // rewrite the references to the copies; without it, references copied into another file are
  // null (HDF5 cannot point them across files).
  bool expand_refs = false;
};

}  // namespace h5kit

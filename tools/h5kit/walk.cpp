#include "walk.hpp"

#include "commands.hpp"

namespace h5kit::cli {


std::string one_line(const std::string& message) {
  std::string out;
  out.reserve(message.size());
  for (char c : message) {
    if (c == '\n' || c == '\r') {
      // Trailing newlines vanish; inner ones become "; " so the parts stay readable.
      if (!out.empty() && out.back() != ' ') out += "; ";
    } else {
      out += c;
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ';')) out.pop_back();
  return out;
}

File open_input(const std::string& file_name) {
  try {
    return File(file_name, "r");
  } catch (const Error& e) {
    // The library already says "no such file", "is a directory" or "not an HDF5 file".
    throw UserError("cannot open '" + file_name + "': " + one_line(e.detail().empty() ? e.what() : e.detail()));
  }
}

std::string normalize_path(const std::string& path) {
  std::string out = "/";
  for (char c : path) {
    if (c == '/' && out.back() == '/') continue;  // collapse "//" and the leading slash
    out += c;
  }
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::string join_path(const std::string& parent_path, const std::string& name) {
  return parent_path == "/" ? "/" + name : parent_path + "/" + name;
}

LinkView view_link(const Group& parent, const std::string& name) {
  LinkView view;
  const LinkInfo info = parent.link_info(name);
  view.kind = info.kind;
  view.target = info.target;
  view.file = info.file;
  if (info.kind == LinkKind::hard) {
    view.object = parent.open(name);
    return view;
  }
  // Whether the target opens. For an external link this opens the other file; any failure there
  // (missing file, missing path, not HDF5) simply means the link dangles.
  try {
    view.dangling = !parent.contains(name);
  } catch (const Error&) {
    view.dangling = true;
  }
  return view;
}

LinkView resolve_argument(const File& file, const std::string& path) {
  if (path == "/") {
    LinkView root;
    root.object = file.open("/");
    return root;
  }
  bool exists = false;
  try {
    exists = file.has_link(path);
  } catch (const Error&) {
    exists = false;  // a missing (or non-group) intermediate component
  }
  if (!exists) throw UserError("no object at '" + path + "' in '" + file.filename() + "'");
  return view_link(file, path);
}

std::optional<std::string> SeenObjects::first_visit(const Object& object, const std::string& path) {
  const auto [it, inserted] = first_path_.try_emplace(object.reference().address, path);
  if (inserted) return std::nullopt;
  return it->second;
}

}  // namespace h5kit::cli

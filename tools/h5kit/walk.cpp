#include "walk.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "commands.hpp"

namespace h5kit::cli {

namespace {

// HDF5's format signature. It sits at offset 0, or after a user block at 512, 1024, 2048... bytes.
constexpr std::array<char, 8> hdf5_signature{'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};

// Lets us say "not an HDF5 file" when opening fails, instead of HDF5's generic open error.
bool has_hdf5_signature(const std::string& file_name) {
  std::ifstream in(file_name, std::ios::binary);
  if (!in) return false;
  std::error_code ec;
  const auto size = std::filesystem::file_size(file_name, ec);
  if (ec) return false;
  for (std::uintmax_t offset = 0; offset + hdf5_signature.size() <= size; offset = offset == 0 ? 512 : offset * 2) {
    std::array<char, hdf5_signature.size()> head{};
    in.seekg(static_cast<std::streamoff>(offset));
    if (!in.read(head.data(), static_cast<std::streamsize>(head.size()))) return false;
    if (head == hdf5_signature) return true;
  }
  return false;
}

}  // namespace

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
  const std::string quoted = "'" + file_name + "'";
  std::error_code ec;
  const auto status = std::filesystem::status(file_name, ec);
  if (!std::filesystem::exists(status)) throw UserError("cannot open " + quoted + ": no such file");
  if (std::filesystem::is_directory(status)) throw UserError("cannot open " + quoted + ": is a directory");
  try {
    return File(file_name, "r");
  } catch (const Error& e) {
    if (!has_hdf5_signature(file_name)) throw UserError("cannot open " + quoted + ": not an HDF5 file");
    throw UserError("cannot open " + quoted + ": " + one_line(e.what()));
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

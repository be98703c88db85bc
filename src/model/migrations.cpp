#include "h5kit/model/migrations.hpp"

#include "h5kit/error.hpp"

namespace h5kit {

Migrations& Migrations::since(int version) {
  if (version < 2) {
    throw_error(ErrorKind::invalid_argument, "declare migration", "", "",
                "since(" + std::to_string(version) + "): changes are made in version 2 or later");
  }
  current_ = version;
  return *this;
}

void Migrations::add(Kind kind, std::string path, std::string value) {
  if (current_ == 0) {
    throw_error(ErrorKind::invalid_argument, "declare migration", "", path,
                "call since(version) before the changes made in that version");
  }
  steps_.push_back(Step{current_, kind, std::move(path), std::move(value)});
}

Migrations& Migrations::rename(std::string old_path, std::string new_path) {
  add(Kind::rename, std::move(new_path), std::move(old_path));
  return *this;
}
Migrations& Migrations::unit(std::string path, std::string old_unit) {
  add(Kind::unit, std::move(path), std::move(old_unit));
  return *this;
}
Migrations& Migrations::added(std::string path) {
  add(Kind::added, std::move(path), {});
  return *this;
}

namespace {
// `path` is `prefix` or lies below it.
bool under(const std::string& path, const std::string& prefix) {
  return path.size() >= prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
         (path.size() == prefix.size() || path[prefix.size()] == '/');
}
}  // namespace

std::string Migrations::stored_path(const std::string& path, int file_version) const {
  // Undo the renames newest first: each maps a name of its version back to the one before.
  std::string p = path;
  for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) {
    if (it->version <= file_version || it->kind != Kind::rename || !under(p, it->path)) continue;
    p = it->value + p.substr(it->path.size());
  }
  return p;
}

std::string Migrations::stored_unit(const std::string& path, int file_version) const {
  // Each step names the field as it was called in its own version. The oldest change after the
  // file's version says what the file holds.
  for (const Step& s : steps_) {
    if (s.version > file_version && s.kind == Kind::unit && stored_path(path, s.version) == s.path) return s.value;
  }
  return {};
}

bool Migrations::may_be_missing(const std::string& path, int file_version) const {
  for (const Step& s : steps_) {
    if (s.version > file_version && s.kind == Kind::added && under(stored_path(path, s.version), s.path)) return true;
  }
  return false;
}

}  // namespace h5kit

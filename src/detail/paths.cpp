#include "detail/paths.hpp"

#include "detail/checked.hpp"

namespace h5kit::detail {

std::string normalized_path(std::string_view path) {
  const bool absolute = !path.empty() && path.front() == '/';
  std::string out = absolute ? "/" : "";
  std::size_t pos = 0;
  while (pos <= path.size()) {
    std::size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    const std::string_view part = path.substr(pos, next - pos);
    if (!part.empty() && part != ".") {
      if (!out.empty() && out.back() != '/') out += '/';
      out += part;
    }
    pos = next + 1;
  }
  return out.empty() ? "." : out;
}

std::string checked_path(std::string_view path, hid_t loc, std::string_view operation) {
  if (path.empty()) reject(ErrorKind::invalid_argument, operation, Where{loc}, "the path is empty");
  return normalized_path(path);
}

bool path_exists(hid_t loc, const std::string& given, bool resolve_last) {
  silence_hdf5_errors();
  if (given.empty()) return false;
  const std::string path = normalized_path(given);
  if (path == "/" || path == ".") return true;
  // H5Lexists needs every intermediate component to exist, so test them in turn.
  std::size_t pos = path.front() == '/' ? 1 : 0;
  while (pos <= path.size()) {
    std::size_t next = path.find('/', pos);
    if (next == std::string::npos) next = path.size();
    if (next > pos) {
      const std::string prefix = path.substr(0, next);
      const htri_t link = H5Lexists(loc, prefix.c_str(), H5P_DEFAULT);
      if (link <= 0) {
        H5Eclear2(H5E_DEFAULT);
        return false;
      }
      const bool last = next >= path.size() || path.find_first_not_of('/', next) == std::string::npos;
      if (!last || resolve_last) {
        const htri_t object = H5Oexists_by_name(loc, prefix.c_str(), H5P_DEFAULT);
        if (object <= 0) {
          H5Eclear2(H5E_DEFAULT);
          return false;
        }
      }
      if (last) return true;
    }
    pos = next + 1;
  }
  return true;
}

std::string parent_path(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return {};
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace h5kit::detail

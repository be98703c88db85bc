#include "graph/walk_support.hpp"

#include <exception>

#include "detail/checked.hpp"

namespace h5kit::detail {

namespace {

struct ListState {
  std::vector<LinkEntry>* out;
  std::exception_ptr error;
};

// Fills a LinkEntry from H5L info; soft and external values are read with H5Lget_val_by_name.
LinkEntry entry_of(hid_t group, const char* name, const H5L_info_t* info) {
  LinkEntry e;
  e.name = name;
  if (info->type == H5L_TYPE_HARD) {
    e.kind = LinkKind::hard;
    e.address = static_cast<std::uint64_t>(info->u.address);
    return e;
  }
  e.kind = info->type == H5L_TYPE_EXTERNAL ? LinkKind::external : LinkKind::soft;
  std::vector<char> value(info->u.val_size + 1, '\0');
  if (info->u.val_size > 0 && H5Lget_val(group, name, value.data(), value.size(), H5P_DEFAULT) < 0) {
    H5Eclear2(H5E_DEFAULT);
    return e;
  }
  if (info->type == H5L_TYPE_SOFT) {
    e.target_path = value.data();
  } else if (info->type == H5L_TYPE_EXTERNAL) {
    const char* file = nullptr;
    const char* obj = nullptr;
    unsigned flags = 0;
    if (H5Lunpack_elink_val(value.data(), info->u.val_size, &flags, &file, &obj) >= 0) {
      e.target_file = file ? file : "";
      e.target_path = obj ? obj : "";
    } else {
      H5Eclear2(H5E_DEFAULT);
    }
  }
  return e;
}

herr_t list_one(hid_t group, const char* name, const H5L_info_t* info, void* data) {
  auto* state = static_cast<ListState*>(data);
  try {
    state->out->push_back(entry_of(group, name, info));
    return 0;
  } catch (...) {
    state->error = std::current_exception();
    return -1;
  }
}

}  // namespace

std::vector<LinkEntry> list_links(hid_t group, const std::string& path) {
  std::vector<LinkEntry> out;
  ListState state{&out, nullptr};
  silence_hdf5_errors();
  hsize_t idx = 0;
  const herr_t status = H5Literate(group, H5_INDEX_NAME, H5_ITER_NATIVE, &idx, list_one, &state);
  if (state.error) {
    H5Eclear2(H5E_DEFAULT);
    std::rethrow_exception(state.error);
  }
  checked(status, "list links", Where{group, {}, {}}, ErrorKind::file, path);
  return out;
}

LinkEntry link_at(hid_t loc, const std::string& path, const char* operation) {
  silence_hdf5_errors();
  if (normalise_path(path) == "/") return LinkEntry{"/", LinkKind::hard, 0, {}, {}};
  if (H5Lexists(loc, path.c_str(), H5P_DEFAULT) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    reject(ErrorKind::not_found, operation, Where{loc, path}, "no link at this path");
  }
  H5L_info_t info;
  if (H5Lget_info(loc, path.c_str(), &info, H5P_DEFAULT) < 0) {
    H5Eclear2(H5E_DEFAULT);
    reject(ErrorKind::not_found, operation, Where{loc, path}, "no link at this path");
  }
  LinkEntry e = entry_of(loc, path.c_str(), &info);
  const auto slash = path.find_last_of('/');
  e.name = slash == std::string::npos ? path : path.substr(slash + 1);
  return e;
}

std::string join_path(const std::string& parent, const std::string& name) {
  return parent == "/" ? "/" + name : parent + "/" + name;
}

std::string checked_link_path(std::string_view path, hid_t loc, const char* operation) {
  if (path.empty()) reject(ErrorKind::invalid_argument, operation, Where{loc}, "the path is empty");
  return std::string(path);
}

std::string normalise_path(std::string_view path) {
  std::string out;
  std::size_t i = 0;
  while (i <= path.size()) {
    const std::size_t j = std::min(path.find('/', i), path.size());
    const std::string_view part = path.substr(i, j - i);
    if (!part.empty() && part != ".") {
      out += '/';
      out += part;
    }
    i = j + 1;
  }
  return out.empty() ? "/" : out;
}

}  // namespace h5kit::detail

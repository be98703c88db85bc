#include "detail/checked.hpp"

#include "detail/filters.hpp"
#include "detail/paths.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace h5kit::detail {

void silence_hdf5_errors() noexcept {
  thread_local bool silenced = false;
  if (!silenced) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    silenced = true;
  }
}

namespace {
struct StackEntry {
  hid_t major, minor;
  std::string text;
};

herr_t collect(unsigned, const H5E_error2_t* err, void* data) {
  auto* entries = static_cast<std::vector<StackEntry>*>(data);
  std::string text;
  char buf[256];
  if (H5Eget_msg(err->maj_num, nullptr, buf, sizeof buf) > 0) text += buf;
  if (H5Eget_msg(err->min_num, nullptr, buf, sizeof buf) > 0) text += std::string(": ") + buf;
  if (err->desc && *err->desc) text += std::string(" (") + err->desc + ")";
  entries->push_back({err->maj_num, err->min_num, std::move(text)});
  return 0;
}

std::vector<StackEntry> take_entries() {
  std::vector<StackEntry> entries;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect, &entries);
  H5Eclear2(H5E_DEFAULT);
  return entries;
}

std::string join(const std::vector<StackEntry>& entries) {
  std::string out;
  // The innermost frames say what really went wrong; keep the stack short for one-line messages.
  const std::size_t keep = 4;
  const std::size_t first = entries.size() > keep ? entries.size() - keep : 0;
  for (std::size_t i = first; i < entries.size(); ++i) {
    if (!out.empty()) out += "; ";
    out += entries[i].text;
  }
  return out;
}

// The innermost frame names the cause; outer frames only say which call failed.
ErrorKind refine(ErrorKind fallback, const std::vector<StackEntry>& entries) {
  if (entries.empty()) return fallback;
  const hid_t cause = entries.back().minor;
  if (cause == H5E_NOTFOUND) return ErrorKind::not_found;
  if (cause == H5E_EXISTS || cause == H5E_ALREADYEXISTS) return ErrorKind::already_exists;
  if (cause == H5E_CANTCONVERT) return ErrorKind::type_mismatch;
  return fallback;
}

// Whether HDF5 refused or failed a write: "no write intent" where it checks the file's access
// first, a low-level write error where it tries (H5Dwrite_chunk on a file the OS opened read-only).
bool says_a_write_failed(const std::vector<StackEntry>& entries) {
  return std::any_of(entries.begin(), entries.end(), [](const StackEntry& e) {
    return e.minor == H5E_WRITEERROR || e.text.find("no write intent") != std::string::npos;
  });
}

bool read_only(hid_t loc) {
  if (loc < 0 || H5Iis_valid(loc) <= 0) return false;
  const hid_t file = H5Iget_file_id(loc);
  if (file < 0) return false;
  unsigned intent = 0;
  const bool ro = H5Fget_intent(file, &intent) >= 0 && (intent & H5F_ACC_RDWR) == 0;
  H5Fclose(file);
  return ro;
}
}  // namespace

std::string take_error_stack() { return join(take_entries()); }

std::string file_name_of(hid_t loc) {
  if (loc < 0 || H5Iis_valid(loc) <= 0) return {};
  const ssize_t n = H5Fget_name(loc, nullptr, 0);
  if (n <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return {};
  }
  std::string name(static_cast<std::size_t>(n), '\0');
  H5Fget_name(loc, name.data(), name.size() + 1);
  return name;
}

std::string path_of(const Where& where) {
  std::string base;
  if (where.loc >= 0 && H5Iis_valid(where.loc) > 0 && H5Iget_type(where.loc) != H5I_FILE) {
    const ssize_t n = H5Iget_name(where.loc, nullptr, 0);
    if (n > 0) {
      base.assign(static_cast<std::size_t>(n), '\0');
      H5Iget_name(where.loc, base.data(), base.size() + 1);
    }
  }
  H5Eclear2(H5E_DEFAULT);
  if (where.sub_path.empty()) return base.empty() && H5Iget_type(where.loc) == H5I_FILE ? "/" : base;
  if (!where.sub_path.empty() && where.sub_path.front() == '/') return std::string(where.sub_path);
  if (base != "/") base += '/';
  base.append(where.sub_path);
  return base;
}

void fail(ErrorKind fallback, std::string_view operation, const Where& where, std::string detail) {
  const auto entries = take_entries();
  const std::string stack = join(entries);
  // A failed filter pipeline (missing plugin, bad checksum) deserves plain words too.
  if (std::string why = explain_filter_failure(where.loc, stack); !why.empty())
    detail += (detail.empty() ? "" : "; ") + why;
  // The commonest cause of a failed write deserves plain words rather than HDF5's "no write intent".
  // Only when HDF5 says so: guessing from the operation's name gave a corrupt file's read-only
  // reader the wrong advice (issue 19, bug 5).
  if (read_only(where.loc) && says_a_write_failed(entries))
    detail += std::string(detail.empty() ? "" : "; ") + "the file is open read-only";
  std::string file = file_name_of(where.loc);
  if (file.empty()) file = std::string(where.file_hint);
  throw_error(refine(fallback, entries), std::string(operation), std::move(file), path_of(where), std::move(detail),
              stack);
}

void fail_creation(std::string_view operation, const Where& where) {
  const auto entries = take_entries();
  const std::string path = path_of(where);
  if (where.loc >= 0 && path_exists(where.loc, std::string(where.sub_path), false))
    throw_error(ErrorKind::already_exists, std::string(operation), file_name_of(where.loc), path,
                "the name is already taken");
  std::string detail;
  if (read_only(where.loc)) detail = "the file is open read-only";
  throw_error(refine(ErrorKind::file, entries), std::string(operation), file_name_of(where.loc), path,
              std::move(detail), join(entries));
}

void reject(ErrorKind kind, std::string_view operation, const Where& where, std::string detail) {
  H5Eclear2(H5E_DEFAULT);
  std::string file = file_name_of(where.loc);
  if (file.empty()) file = std::string(where.file_hint);
  throw_error(kind, std::string(operation), std::move(file), path_of(where), std::move(detail));
}

}  // namespace h5kit::detail

#include "hdf5_queries.hpp"

#include <string>
#include <vector>

#include <hdf5.h>

namespace h5kit::cli {

namespace {

// Owns one HDF5 identifier (a property list, a datatype) for the span of a query.
class Owned {
 public:
  explicit Owned(hid_t id) noexcept : id_(id) {}
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() {
    if (id_ >= 0) H5Idec_ref(id_);
  }
  hid_t get() const noexcept { return id_; }
  bool ok() const noexcept { return id_ >= 0; }

 private:
  hid_t id_;
};

// HDF5 prints its error stack on stderr by default; the CLI reports failures itself, on one line.
void quiet() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

// HDF5's error stack as one short line, innermost frames last: they say what went wrong, the
// outer ones only which call failed.
std::string error_stack_summary() {
  std::vector<std::string> frames;
  const auto collect = [](unsigned, const H5E_error2_t* error, void* data) -> herr_t {
    char text[256];
    std::string frame;
    if (H5Eget_msg(error->maj_num, nullptr, text, sizeof text) > 0) frame += text;
    if (H5Eget_msg(error->min_num, nullptr, text, sizeof text) > 0) frame += std::string(": ") + text;
    if (error->desc && *error->desc) frame += std::string(" (") + error->desc + ")";
    static_cast<std::vector<std::string>*>(data)->push_back(std::move(frame));
    return 0;
  };
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect, &frames);
  H5Eclear2(H5E_DEFAULT);
  constexpr std::size_t kept = 4;
  std::string summary;
  for (std::size_t i = frames.size() > kept ? frames.size() - kept : 0; i < frames.size(); ++i)
    summary += (summary.empty() ? "" : "; ") + frames[i];
  return summary;
}

// "block (0, 0) + (4096, 3)": the block a failed read was for, so a message says which part is bad.
std::string block_text(const Shape& offset, const Shape& count) {
  return "block " + to_string(offset) + " + " + to_string(count);
}

}  // namespace

Datatype native_dtype(const Dataset& dataset) {
  quiet();
  const Owned stored(H5Dget_type(dataset.id()));
  const hid_t native = stored.ok() ? H5Tget_native_type(stored.get(), H5T_DIR_ASCEND) : H5I_INVALID_HID;
  if (native < 0)
    throw_error(ErrorKind::type_mismatch, "read dataset", dataset.file_name(), dataset.path(),
                "HDF5 has no memory type for the stored type " + dataset.dtype().name(), error_stack_summary());
  return Datatype(detail::Handle(native));
}

RawData read_native_block(const Dataset& dataset, const Datatype& native, const Shape& offset, const Shape& count) {
  quiet();
  const auto fail = [&](ErrorKind kind, const std::string& detail, std::string stack) {
    throw_error(kind, "read dataset", dataset.file_name(), dataset.path(), block_text(offset, count) + ": " + detail,
                std::move(stack));
  };
  // The dump sizes its blocks under the budget; only an element bigger than the budget gets here.
  const std::optional<std::size_t> bytes = byte_count(count, native.size());
  if (!bytes || *bytes > read_budget())
    fail(ErrorKind::out_of_memory,
         "needs " + (bytes ? std::to_string(*bytes) : std::string("more")) + " bytes, more than the read budget of " +
             std::to_string(read_budget()) + " bytes",
         {});
  RawData block(native, count, false);
  const Owned file_space(H5Dget_space(dataset.id()));
  std::vector<hsize_t> start(offset.begin(), offset.end()), extent(count.begin(), count.end());
  const Owned memory_space(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr));
  if (!file_space.ok() || !memory_space.ok() ||
      H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, extent.data(), nullptr) < 0 ||
      H5Dread(dataset.id(), native.id(), memory_space.get(), file_space.get(), H5P_DEFAULT, block.data()) < 0)
    fail(ErrorKind::file, "the read failed", error_stack_summary());
  return block;
}

std::optional<RawData> user_fill_value(const Dataset& dataset) {
  quiet();
  const Owned dcpl(H5Dget_create_plist(dataset.id()));
  if (!dcpl.ok()) return std::nullopt;
  H5D_fill_value_t status{};
  if (H5Pfill_value_defined(dcpl.get(), &status) < 0 || status != H5D_FILL_VALUE_USER_DEFINED) return std::nullopt;
  const Owned stored(H5Dget_type(dataset.id()));
  if (!stored.ok()) return std::nullopt;
  const hid_t native_id = H5Tget_native_type(stored.get(), H5T_DIR_ASCEND);
  if (native_id < 0) return std::nullopt;
  Datatype native{detail::Handle(native_id)};
  RawData value(native, Shape{}, false);  // one element (a scalar shape)
  if (H5Pget_fill_value(dcpl.get(), native.id(), value.data()) < 0) {
    H5Eclear2(H5E_DEFAULT);
    return std::nullopt;
  }
  return value;
}

}  // namespace h5kit::cli

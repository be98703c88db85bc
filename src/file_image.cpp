// File images and the access properties a File reports back (file.hpp): libver(), chunk_cache(),
// image() and File::from_image().
#include <hdf5.h>
#include <hdf5_hl.h>

#include <cstdint>
#include <string>
#include <vector>

#include "detail/checked.hpp"
#include "h5kit/file.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

// HDF5's own metadata checksum (Jenkins' lookup3, H5checksum.c). Not in HDF5's public headers, but
// exported by libhdf5 since 1.8.7; h5kit needs it to repair images (below).
extern "C" std::uint32_t H5_checksum_metadata(const void* data, std::size_t len, std::uint32_t initval);

namespace {

// HDF5 1.10.8's H5Fget_file_image clears the "open for writing" flags in the copied superblock
// (versions 2 and 3: the latest format) without recomputing its checksum, so the image of a file
// open for writing fails to open ("incorrect metadata checksum"). This puts the right checksum
// back; an image whose checksum is already right is left as it is.
void repair_superblock_checksum(std::vector<std::byte>& image, std::size_t base) {
  static constexpr unsigned char signature[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  if (image.size() < base + 12) return;
  for (std::size_t i = 0; i < 8; ++i)
    if (image[base + i] != static_cast<std::byte>(signature[i])) return;
  const auto version = static_cast<unsigned>(image[base + 8]);
  if (version < 2) return;  // versions 0 and 1 have no checksum
  const auto offset_size = static_cast<std::size_t>(image[base + 9]);
  const std::size_t covered = 12 + 4 * offset_size;  // signature .. root object header address
  if (image.size() < base + covered + 4) return;
  const std::uint32_t sum = H5_checksum_metadata(image.data() + base, covered, 0);
  for (std::size_t i = 0; i < 4; ++i) image[base + covered + i] = static_cast<std::byte>((sum >> (8 * i)) & 0xff);
}

LibVersion from_hdf5(H5F_libver_t v) {
  switch (v) {
    case H5F_LIBVER_EARLIEST: return LibVersion::earliest;
    case H5F_LIBVER_V18: return LibVersion::v18;
    default: return LibVersion::latest;  // in HDF5 1.10, H5F_LIBVER_V110 is H5F_LIBVER_LATEST
  }
}

}  // namespace

std::pair<LibVersion, LibVersion> File::libver() const {
  require_valid("get libver bounds");
  const Handle fapl(checked(H5Fget_access_plist(file_.get()), "get libver bounds", Where{file_.get()}));
  H5F_libver_t low = H5F_LIBVER_EARLIEST, high = H5F_LIBVER_LATEST;
  checked(H5Pget_libver_bounds(fapl.get(), &low, &high), "get libver bounds", Where{file_.get()});
  return {from_hdf5(low), from_hdf5(high)};
}

ChunkCache File::chunk_cache() const {
  require_valid("get file chunk cache");
  const Handle fapl(checked(H5Fget_access_plist(file_.get()), "get file chunk cache", Where{file_.get()}));
  int metadata_slots = 0;
  std::size_t slots = 0, bytes = 0;
  double w0 = 0;
  checked(H5Pget_cache(fapl.get(), &metadata_slots, &slots, &bytes, &w0), "get file chunk cache", Where{file_.get()});
  return ChunkCache{bytes, slots, w0};
}

std::vector<std::byte> File::image() const {
  constexpr const char* op = "get file image";
  require_valid(op);
  detail::silence_hdf5_errors();
  const Where where{file_.get()};
  checked(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), op, where);
  const ssize_t size = checked(H5Fget_file_image(file_.get(), nullptr, 0), op, where);
  std::vector<std::byte> bytes(static_cast<std::size_t>(size));
  checked(H5Fget_file_image(file_.get(), bytes.data(), bytes.size()), op, where);
  repair_superblock_checksum(bytes, userblock_size());
  return bytes;
}

File File::from_image(std::span<const std::byte> bytes, std::string_view mode) {
  constexpr const char* op = "open file image";
  detail::silence_hdf5_errors();
  const std::string label = "file image of " + std::to_string(bytes.size()) + " bytes";
  const Where where{H5I_INVALID_HID, {}, label};
  if (mode != "r" && mode != "r+")
    detail::reject(ErrorKind::invalid_argument, op, where,
                   "a file image opens with mode \"r\" or \"r+\", got \"" + std::string(mode) + "\"");
  if (bytes.empty()) detail::reject(ErrorKind::file, op, where, "the image is empty");
  // A copy, repaired as image() does (images h5py or HDF5 1.10 made of files open for writing have a
  // stale superblock checksum). H5LTopen_file_image copies it again: the File depends on neither.
  std::vector<std::byte> copy(bytes.begin(), bytes.end());
  repair_superblock_checksum(copy, 0);
  const unsigned flags = mode == "r+" ? H5LT_FILE_IMAGE_OPEN_RW : 0u;
  const hid_t id = H5LTopen_file_image(copy.data(), copy.size(), flags);
  if (id < 0) detail::reject(ErrorKind::file, op, where, "the bytes are not an HDF5 file");
  Handle file(id);
  Handle root(checked(H5Gopen2(id, "/", H5P_DEFAULT), "open root group", where));
  return File(std::move(file), std::move(root));
}

}  // namespace h5kit

// Dataset::external: the files of a dataset's external raw storage (H5Pget_external).
#include <hdf5.h>

#include <cstring>

#include "detail/checked.hpp"
#include "h5kit/dataset.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

std::vector<ExternalFile> Dataset::external() const {
  constexpr const char* kExternal = "read external storage";
  require_valid(kExternal);
  const Where where{id()};
  detail::silence_hdf5_errors();
  const Handle dcpl(checked(H5Dget_create_plist(id()), kExternal, where));
  const int count = checked(H5Pget_external_count(dcpl.get()), kExternal, where);
  std::vector<ExternalFile> files;
  for (int i = 0; i < count; ++i) {
    // H5Pget_external cuts the name at the buffer's size without saying so: grow until it fits.
    std::string name(256, '\0');
    off_t offset = 0;
    hsize_t size = 0;
    for (;;) {
      checked(H5Pget_external(dcpl.get(), static_cast<unsigned>(i), name.size(), name.data(), &offset, &size),
              kExternal, where);
      const std::size_t length = strnlen(name.data(), name.size());
      if (length + 1 < name.size()) {
        name.resize(length);
        break;
      }
      name.assign(name.size() * 2, '\0');
    }
    files.push_back(ExternalFile{std::move(name), static_cast<std::size_t>(offset),
                                 size == H5F_UNLIMITED ? unlimited : static_cast<std::size_t>(size)});
  }
  return files;
}

}  // namespace h5kit

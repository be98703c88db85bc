#pragma once
// Free-space management and the page buffer of files (H5Pset_file_space_strategy, H5Pset_page_buffer_size).
#include <hdf5.h>

#include <string_view>

#include "detail/checked.hpp"
#include "h5kit/file.hpp"

namespace h5kit::detail {

// Whether `o` asks for anything that only applies when a file is created.
bool has_file_space_options(const FileOptions& o);
// Sets o's strategy, persistence, threshold and page size on a file creation list; refuses a page
// buffer for a file created without the page strategy.
void set_file_space(hid_t fcpl, const FileOptions& o, const Where& where);
// Sets o's page buffer on a file access list.
void set_page_buffer(hid_t fapl, const FileOptions& o, const Where& where);
// Why a file open with a page buffer failed, when it did for that reason ("" otherwise).
std::string explain_page_buffer_failure(const FileOptions& o, std::string_view stack);

}  // namespace h5kit::detail

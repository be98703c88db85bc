// Which filters this process can use, and what to say when one is missing or a checksum fails.
#include "h5kit/filters.hpp"

#include <hdf5.h>

#include <cstdlib>
#include <vector>

#include "detail/checked.hpp"
#include "detail/filters.hpp"

namespace h5kit {

FilterAvailability filter_availability(int id) {
  if (id < 0 || id > H5Z_FILTER_MAX) return {};
  detail::silence_hdf5_errors();
  const auto filter = static_cast<H5Z_filter_t>(id);
  // H5Zfilter_avail searches the plugin path for filters not registered yet, and registers them.
  const htri_t avail = H5Zfilter_avail(filter);
  if (avail <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return {};
  }
  unsigned config = 0;
  if (H5Zget_filter_info(filter, &config) < 0) {
    H5Eclear2(H5E_DEFAULT);
    return {true, false, false};
  }
  return {true, (config & H5Z_FILTER_CONFIG_ENCODE_ENABLED) != 0, (config & H5Z_FILTER_CONFIG_DECODE_ENABLED) != 0};
}

std::vector<std::string> plugin_paths() {
  detail::silence_hdf5_errors();
  unsigned n = 0;
  if (H5PLsize(&n) < 0) {
    H5Eclear2(H5E_DEFAULT);
    return {};
  }
  std::vector<std::string> paths;
  for (unsigned i = 0; i < n; ++i) {
    const ssize_t len = H5PLget(i, nullptr, 0);
    if (len <= 0) continue;
    std::string path(static_cast<std::size_t>(len), '\0');
    H5PLget(i, path.data(), path.size() + 1);
    paths.push_back(std::move(path));
  }
  H5Eclear2(H5E_DEFAULT);
  return paths;
}

namespace detail {

namespace {
const char* known_name(int id) {
  switch (id) {
    case H5Z_FILTER_DEFLATE: return "deflate";
    case H5Z_FILTER_SHUFFLE: return "shuffle";
    case H5Z_FILTER_FLETCHER32: return "fletcher32";
    case H5Z_FILTER_SZIP: return "szip";
    case H5Z_FILTER_NBIT: return "nbit";
    case H5Z_FILTER_SCALEOFFSET: return "scaleoffset";
    case filter_id::bzip2: return "bzip2";
    case filter_id::lzf: return "lzf";
    case filter_id::lz4: return "lz4";
    case filter_id::bitshuffle: return "bitshuffle";
    default: return nullptr;
  }
}

std::string searched_paths() {
  std::string out;
  for (const std::string& p : plugin_paths()) out += (out.empty() ? "" : ":") + p;
  if (out.empty()) out = "(none)";
  const char* env = std::getenv("HDF5_PLUGIN_PATH");
  return out + (env ? " (from HDF5_PLUGIN_PATH)" : " (HDF5's default; set HDF5_PLUGIN_PATH to change it)");
}
}  // namespace

std::string filter_label(int id) {
  const char* name = known_name(id);
  return std::to_string(id) + (name ? std::string(" (") + name + ")" : std::string());
}

void require_encoder(H5Z_filter_t id, std::string_view operation, const Where& where) {
  const FilterAvailability a = filter_availability(id);
  if (!a.available)
    reject(ErrorKind::invalid_argument, operation, where,
           "filter " + filter_label(id) + " is not available: not built into HDF5 and no plugin for it in " +
               searched_paths() + "; nothing was written");
  if (!a.can_encode)
    reject(ErrorKind::invalid_argument, operation, where,
           "filter " + filter_label(id) + " can only decode in this HDF5 build (its encoder is missing)" +
               "; nothing was written");
}

namespace {
ChunkCache file_default_cache(hid_t loc) {
  ChunkCache cache{1024 * 1024, 521, 0.75};  // HDF5's defaults, used if the file cannot say
  const hid_t file = H5Iget_file_id(loc);
  if (file < 0) return cache;
  const hid_t fapl = H5Fget_access_plist(file);
  int mdc = 0;
  if (fapl >= 0) H5Pget_cache(fapl, &mdc, &cache.slots, &cache.bytes, &cache.w0);
  if (fapl >= 0) H5Pclose(fapl);
  H5Fclose(file);
  H5Eclear2(H5E_DEFAULT);
  return cache;
}
}  // namespace

Handle chunk_cache_access_plist(hid_t loc, std::size_t chunk_bytes, const std::optional<ChunkCache>& requested,
                                const Where& where) {
  ChunkCache cache;
  if (requested) {
    cache = *requested;
    if (!(cache.w0 >= 0.0 && cache.w0 <= 1.0))
      reject(ErrorKind::invalid_argument, "set chunk cache", where,
             "w0 must be between 0 and 1, got " + std::to_string(cache.w0));
  } else {
    // Fast path for the common case: asking the file costs more than opening the dataset, and
    // h5kit never gives a file less than HDF5's default cache of 1 MiB.
    if (chunk_bytes <= 1024 * 1024) return Handle();
    const ChunkCache fallback = file_default_cache(loc);
    if (chunk_bytes <= fallback.bytes) return Handle();
    cache = fallback;
    cache.bytes = chunk_bytes;
  }
  Handle dapl(checked(H5Pcreate(H5P_DATASET_ACCESS), "set chunk cache", where));
  checked(H5Pset_chunk_cache(dapl.get(), cache.slots, cache.bytes, cache.w0), "set chunk cache", where,
          ErrorKind::invalid_argument);
  return dapl;
}

std::string explain_filter_failure(hid_t loc, std::string_view stack) {
  if (stack.find("Fletcher32 checksum") != std::string_view::npos)
    return "a chunk failed its fletcher32 checksum: the stored data is corrupt, no data was returned";
  if (stack.find("filter") == std::string_view::npos) return {};
  if (loc < 0 || H5Iget_type(loc) != H5I_DATASET) return {};
  const hid_t dcpl = H5Dget_create_plist(loc);
  if (dcpl < 0) {
    H5Eclear2(H5E_DEFAULT);
    return {};
  }
  std::string missing;
  const int n = H5Pget_nfilters(dcpl);
  for (int i = 0; i < n; ++i) {
    unsigned flags = 0, config = 0;
    std::size_t nvalues = 0;
    char name[128] = {};
    const H5Z_filter_t id = H5Pget_filter2(dcpl, static_cast<unsigned>(i), &flags, &nvalues, nullptr, sizeof name,
                                           name, &config);
    if (id < 0 || filter_availability(id).can_decode) continue;
    missing += (missing.empty() ? "" : ", ") + std::to_string(id) + " (" + (*name ? name : "unnamed") + ")";
  }
  H5Pclose(dcpl);
  H5Eclear2(H5E_DEFAULT);
  if (missing.empty()) return {};
  return "the dataset needs filter " + missing + ", which this process cannot load: no plugin for it in " +
         searched_paths();
}

}  // namespace detail
}  // namespace h5kit

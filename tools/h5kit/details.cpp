#include "details.hpp"

#include <hdf5.h>  // H5Z_FILTER_* ids, H5_SZIP_* option bits

#include "hdf5_queries.hpp"
#include "type_name.hpp"

namespace h5kit::cli {

namespace {

std::string braces(const Shape& shape) {
  std::string out = "{";
  for (std::size_t i = 0; i < shape.size(); ++i)
    out += (i ? ", " : "") + (shape[i] == unlimited ? std::string("unlimited") : std::to_string(shape[i]));
  return out + "}";
}

std::string shape_text(const Shape& shape, bool empty) {
  if (empty) return "{NULL}";
  if (shape.empty()) return "{SCALAR}";
  return braces(shape);
}

std::string layout_text(const Dataset& dataset, Layout layout) {
  switch (layout) {
    case Layout::compact: return "compact";
    case Layout::contiguous: return "contiguous";
    case Layout::chunked: {
      const std::optional<Shape> chunks = dataset.chunks();
      return chunks ? "chunked " + braces(*chunks) : "chunked";
    }
    case Layout::virtual_: return "virtual";
  }
  return "unknown";
}

std::string value_at(const FilterInfo& filter, std::size_t index) {
  return index < filter.values.size() ? std::to_string(filter.values[index]) : "?";
}

// A dataset's axis scales from its DIMENSION_LIST attribute (HDF5's dimension scale convention): per
// axis, the attached scales' paths, "-" for an axis without one.
std::string dims_text(const Dataset& dataset, ReferenceResolver& references) {
  const Json per_axis = to_json(dataset.attrs().open("DIMENSION_LIST").read_native(), references);
  if (!per_axis.is_array()) return {};
  std::string out = "[";
  bool first_axis = true;
  for (const Json& scales : per_axis) {
    out += first_axis ? "" : ", ";
    first_axis = false;
    std::string axis;
    for (const Json& scale : scales) {
      if (!axis.empty()) axis += " | ";
      axis += scale.is_string() ? scale.get<std::string>() : "?";
    }
    out += axis.empty() ? "-" : axis;
  }
  return out + "]";
}

// Text attribute `name`, or "" when it is missing or not text.
std::string text_attribute(const Object& object, const std::string& name, ReferenceResolver& references) {
  const AttributeManager attrs = object.attrs();
  if (!attrs.contains(name)) return {};
  const Json value = to_json(attrs.open(name).read_native(), references);
  return value.is_string() ? value.get<std::string>() : std::string();
}

}  // namespace

std::string describe_filter(const FilterInfo& filter) {
  switch (filter.id) {
    case H5Z_FILTER_DEFLATE: return "gzip(level=" + value_at(filter, 0) + ")";
    case H5Z_FILTER_SHUFFLE: return "shuffle";
    case H5Z_FILTER_FLETCHER32: return "fletcher32";
    case H5Z_FILTER_NBIT: return "nbit";
    case H5Z_FILTER_SZIP: {
      if (filter.values.empty()) return "szip";
      const unsigned mask = filter.values[0];
      const std::string coding = (mask & H5_SZIP_NN_OPTION_MASK) ? "nn" : (mask & H5_SZIP_EC_OPTION_MASK) ? "ec" : "?";
      return "szip(" + coding + ",pixels_per_block=" + value_at(filter, 1) + ")";
    }
    case H5Z_FILTER_SCALEOFFSET: {
      // H5Pset_scaleoffset's (scale_type, scale_factor); the library appends parameters of its own.
      if (filter.values.size() < 2) return "scaleoffset";
      const unsigned type = filter.values[0], factor = filter.values[1];
      if (type == H5Z_SO_INT)
        return "scaleoffset(int,minbits=" + (factor == 0 ? std::string("auto") : std::to_string(factor)) + ")";
      if (type == H5Z_SO_FLOAT_DSCALE) return "scaleoffset(float,decimal_digits=" + std::to_string(factor) + ")";
      return "scaleoffset(float_escale,factor=" + std::to_string(factor) + ")";
    }
    case filter_id::lzf: return "lzf";  // its client data is the filter's own bookkeeping, not an option
    default: break;
  }
  std::string values;
  for (const unsigned value : filter.values) values += (values.empty() ? "" : ",") + std::to_string(value);
  // Plugins register long descriptions ("HDF5 lz4 filter; see http://..."): the common ones get their
  // short name, others their description up to the first ';'.
  std::string name;
  switch (filter.id) {
    case filter_id::bzip2: name = "bzip2"; break;
    case 32001: name = "blosc"; break;
    case filter_id::lz4: name = "lz4"; break;
    case filter_id::bitshuffle: name = "bitshuffle"; break;
    case 32015: name = "zstd"; break;
    default: name = filter.name.substr(0, filter.name.find(';')); break;
  }
  if (name.empty()) name = "filter";
  return name + "(id=" + std::to_string(filter.id) + (values.empty() ? "" : ",values=[" + values + "]") + ")";
}

std::vector<std::string> dataset_details(const Dataset& dataset, ReferenceResolver& references) {
  std::vector<std::string> lines;
  const Layout kind = dataset.layout();  // each query copies the creation property list
  std::string layout = "layout: " + layout_text(dataset, kind);
  if (kind != Layout::virtual_) layout += ", " + std::to_string(dataset.storage_size()) + " bytes stored";
  lines.push_back(std::move(layout));
  if (kind == Layout::virtual_) {
    // One line per mapping, read as h5py's layout[region] = source[region].
    try {
      for (const VirtualMapping& m : dataset.virtual_sources())
        lines.push_back("source: " + to_string(m.region) + " <- " + m.file + ":" + m.dataset + " " +
                        to_string(m.source_region));
    } catch (const Error& e) {
      lines.push_back(std::string("source: unreadable (") + e.what() + ")");
    }
  }
  if (!dataset.is_empty()) {
    const Shape shape = dataset.shape(), maxshape = dataset.maxshape();
    if (maxshape != shape) lines.push_back("maxshape: " + braces(maxshape));
  }
  const std::vector<FilterInfo> filters = dataset.filters();
  if (!filters.empty()) {
    std::string text = "filters: ";
    for (std::size_t i = 0; i < filters.size(); ++i) text += (i ? ", " : "") + describe_filter(filters[i]);
    lines.push_back(std::move(text));
  }
  if (const std::optional<RawData> fill = user_fill_value(dataset))
    lines.push_back("fill: " + to_json(*fill, references).dump(-1, ' ', false, Json::error_handler_t::replace));
  if (dataset.attrs().contains("DIMENSION_LIST")) {
    const std::string dims = dims_text(dataset, references);
    if (!dims.empty()) lines.push_back("dims: " + dims);
  }
  if (text_attribute(dataset, "CLASS", references) == "DIMENSION_SCALE") {
    const std::string name = text_attribute(dataset, "NAME", references);
    lines.push_back(name.empty() ? "scale" : "scale: " + name);
  }
  return lines;
}

std::vector<std::string> attribute_details(const Object& object) {
  std::vector<std::string> lines;
  const AttributeManager attrs = object.attrs();
  for (const std::string& name : attrs.keys()) {
    const Attribute attribute = attrs.open(name);
    lines.push_back("@" + name + ": " + type_name(attribute.dtype()) + " " +
                    shape_text(attribute.shape(), attribute.is_empty()));
  }
  return lines;
}

}  // namespace h5kit::cli

// truncate: the object copier. Walks the source's links from the root and re-creates every object in
// the target with its own creation properties: groups (creation-order flags), datasets (type, layout,
// chunks clipped to a cut extent, filters, fill value, maxshape), named types, attributes with their
// stored types and bytes; soft and external links verbatim; a second hard link to an object already
// copied becomes a hard link to the copy. Values that hold references are written in a second phase,
// when every object they may point at exists in the target.
#include <hdf5.h>

#include <algorithm>
#include <cstring>

#include "graph/truncate_copier.hpp"

namespace h5kit::graph::detail {

using h5kit::detail::checked;
using h5kit::detail::Where;

namespace {

struct LinkEntry {
  std::string name;
  H5L_info_t info{};
};

herr_t note_link(hid_t, const char* name, const H5L_info_t* info, void* data) {
  static_cast<std::vector<LinkEntry>*>(data)->push_back(LinkEntry{name, *info});
  return 0;
}

// The links of a group in creation order when it tracks it (so the copy's order is the same), else by name.
std::vector<LinkEntry> list_links(hid_t group, const std::string& path) {
  Handle gcpl{checked(H5Gget_create_plist(group), "list links", Where{group})};
  unsigned flags = 0;
  checked(H5Pget_link_creation_order(gcpl.get(), &flags), "list links", Where{group});
  std::vector<LinkEntry> links;
  h5kit::detail::silence_hdf5_errors();
  if ((flags & H5P_CRT_ORDER_TRACKED) != 0) {
    hsize_t index = 0;
    if (H5Literate(group, H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, note_link, &links) >= 0) return links;
    h5kit::detail::take_error_stack();  // tracked but not indexed: name order
    links.clear();
  }
  hsize_t index = 0;
  checked(H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &index, note_link, &links), "list links",
          Where{group, path});
  return links;
}

H5_index_t attribute_order(hid_t create_plist) {
  unsigned flags = 0;
  if (H5Pget_attr_creation_order(create_plist, &flags) < 0) return H5_INDEX_NAME;
  return (flags & H5P_CRT_ORDER_TRACKED) != 0 ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
}

haddr_t address_of(hid_t object) {
  H5O_info_t info{};
  checked(H5Oget_info2(object, &info, H5O_INFO_BASIC), "get object address", Where{object});
  return info.addr;
}

std::string child_path(const std::string& group, const std::string& name) {
  return group == "/" ? "/" + name : group + "/" + name;
}

std::vector<hsize_t> extent_of(hid_t space) {
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return dims;
}

Shape to_shape(const std::vector<hsize_t>& dims) { return Shape(dims.begin(), dims.end()); }

// A group creation plist with the source group's settings. Not the plist H5Gget_create_plist returns:
// HDF5 1.10 puts the group's own link-info message in it, with the addresses of the source group's
// fractal heap and B-trees, and a group created with it in another file points at garbage.
Handle group_settings(hid_t source_gcpl) {
  const Where where{};
  Handle gcpl{checked(H5Pcreate(H5P_GROUP_CREATE), "copy group settings", where)};
  unsigned flags = 0, max_compact = 0, min_dense = 0, entries = 0, name_length = 0;
  if (H5Pget_link_creation_order(source_gcpl, &flags) >= 0)
    checked(H5Pset_link_creation_order(gcpl.get(), flags), "copy group settings", where);
  if (H5Pget_attr_creation_order(source_gcpl, &flags) >= 0)
    checked(H5Pset_attr_creation_order(gcpl.get(), flags), "copy group settings", where);
  if (H5Pget_link_phase_change(source_gcpl, &max_compact, &min_dense) >= 0)
    checked(H5Pset_link_phase_change(gcpl.get(), max_compact, min_dense), "copy group settings", where);
  if (H5Pget_attr_phase_change(source_gcpl, &max_compact, &min_dense) >= 0)
    checked(H5Pset_attr_phase_change(gcpl.get(), max_compact, min_dense), "copy group settings", where);
  if (H5Pget_est_link_info(source_gcpl, &entries, &name_length) >= 0)
    checked(H5Pset_est_link_info(gcpl.get(), entries, name_length), "copy group settings", where);
  hbool_t times = 1;
  if (H5Pget_obj_track_times(source_gcpl, &times) >= 0)
    checked(H5Pset_obj_track_times(gcpl.get(), times), "copy group settings", where);
  return gcpl;
}

}  // namespace

Copier::Copier(hid_t source_file, hid_t target_file, const Plan& plan, const TruncateOptions& options,
               TruncateResult& result)
    : source_(source_file),
      target_(target_file),
      plan_(plan),
      options_(options),
      result_(result),
      rewriter_(source_file, target_file, objects_, plan, result.issues) {
  for (const H5T_cset_t cset : {H5T_CSET_ASCII, H5T_CSET_UTF8}) {
    Handle lcpl{checked(H5Pcreate(H5P_LINK_CREATE), "copy links", Where{})};
    checked(H5Pset_char_encoding(lcpl.get(), cset), "copy links", Where{});
    link_plists_.push_back(std::move(lcpl));
  }
}

hid_t Copier::link_plist(H5T_cset_t cset) const {
  return link_plists_[cset == H5T_CSET_UTF8 ? 1 : 0].get();
}

void Copier::run() {
  Handle source_root{checked(H5Gopen2(source_, "/", H5P_DEFAULT), "open root group", Where{source_})};
  Handle target_root{checked(H5Gopen2(target_, "/", H5P_DEFAULT), "open root group", Where{target_})};
  objects_[address_of(source_root.get())] = CopiedObject{"/", address_of(target_root.get())};
  ++result_.objects;
  {
    Handle gcpl{checked(H5Gget_create_plist(source_root.get()), "copy root group", Where{source_})};
    copy_attributes(source_root.get(), target_root.get(), attribute_order(gcpl.get()), "/");
  }
  copy_members(source_root.get(), target_root.get(), "/");
  finish_deferred();
  named_types_.clear();  // the target must hold no open objects when it is committed
  result_.references = rewriter_.rewritten();
}

void Copier::copy_members(hid_t source_group, hid_t target_group, const std::string& path) {
  for (const LinkEntry& link : list_links(source_group, path)) {
    const std::string here = child_path(path, link.name);
    const hid_t lcpl = link_plist(link.info.cset);
    switch (link.info.type) {
      case H5L_TYPE_HARD:
        copy_hard_link(source_group, target_group, link.name, here, lcpl);
        break;
      case H5L_TYPE_SOFT: {
        std::vector<char> value(link.info.u.val_size + 1, '\0');
        checked(H5Lget_val(source_group, link.name.c_str(), value.data(), value.size(), H5P_DEFAULT),
                "read soft link", Where{source_group, link.name});
        checked(H5Lcreate_soft(value.data(), target_group, link.name.c_str(), lcpl, H5P_DEFAULT), "copy soft link",
                Where{target_group, link.name});
        ++result_.soft_links;
        break;
      }
      case H5L_TYPE_EXTERNAL: {
        std::vector<char> value(link.info.u.val_size + 1, '\0');
        checked(H5Lget_val(source_group, link.name.c_str(), value.data(), value.size(), H5P_DEFAULT),
                "read external link", Where{source_group, link.name});
        unsigned flags = 0;
        const char* file = nullptr;
        const char* object = nullptr;
        checked(H5Lunpack_elink_val(value.data(), link.info.u.val_size, &flags, &file, &object),
                "read external link", Where{source_group, link.name});
        checked(H5Lcreate_external(file, object, target_group, link.name.c_str(), lcpl, H5P_DEFAULT),
                "copy external link", Where{target_group, link.name});
        ++result_.external_links;
        break;
      }
      default:
        result_.issues.push_back(TruncateIssue{TruncateIssueKind::not_copied, here,
                                               "a user-defined link (class " +
                                                   std::to_string(static_cast<int>(link.info.type)) +
                                                   ") h5kit cannot copy: left out"});
        break;
    }
  }
}

void Copier::copy_hard_link(hid_t source_group, hid_t target_group, const std::string& name, const std::string& path,
                            hid_t lcpl) {
  H5O_info_t info{};
  checked(H5Oget_info_by_name2(source_group, name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT), "copy object",
          Where{source_group, name});
  const auto known = objects_.find(info.addr);
  if (known != objects_.end() && !known->second.path.empty()) {
    // An alias of an object already copied: one object, two links, as in the source.
    checked(H5Lcreate_hard(target_, known->second.path.c_str(), target_group, name.c_str(), lcpl, H5P_DEFAULT),
            "copy hard link", Where{target_group, name});
    ++result_.hard_link_aliases;
    return;
  }
  switch (info.type) {
    case H5O_TYPE_GROUP: {
      Handle source{checked(H5Gopen2(source_group, name.c_str(), H5P_DEFAULT), "open group", Where{source_group, name})};
      Handle gcpl{checked(H5Gget_create_plist(source.get()), "copy group", Where{source.get()})};
      Handle settings = group_settings(gcpl.get());
      Handle target{checked(H5Gcreate2(target_group, name.c_str(), lcpl, settings.get(), H5P_DEFAULT), "copy group",
                            Where{target_group, name})};
      objects_[info.addr] = CopiedObject{path, address_of(target.get())};
      ++result_.objects;
      copy_attributes(source.get(), target.get(), attribute_order(gcpl.get()), path);
      copy_members(source.get(), target.get(), path);
      break;
    }
    case H5O_TYPE_DATASET:
      copy_dataset(source_group, target_group, name, path, lcpl, info.addr);
      break;
    case H5O_TYPE_NAMED_DATATYPE: {
      Handle source{checked(H5Topen2(source_group, name.c_str(), H5P_DEFAULT), "open named type",
                            Where{source_group, name})};
      const hid_t copy = named_type(source.get());
      checked(H5Olink(copy, target_group, name.c_str(), lcpl, H5P_DEFAULT), "link named type",
              Where{target_group, name});
      objects_[info.addr].path = path;
      break;
    }
    default:
      result_.issues.push_back(
          TruncateIssue{TruncateIssueKind::not_copied, path, "an object of a kind h5kit does not know: left out"});
      break;
  }
}

hid_t Copier::named_type(hid_t source_type) {
  const haddr_t address = address_of(source_type);
  const auto known = named_types_.find(address);
  if (known != named_types_.end()) return known->second.get();
  // Committed without a name first: a dataset may use the type before the walk reaches its link.
  Handle copy{checked(H5Tcopy(source_type), "copy named type", Where{source_type})};
  Handle tcpl{checked(H5Tget_create_plist(source_type), "copy named type", Where{source_type})};
  checked(H5Tcommit_anon(target_, copy.get(), tcpl.get(), H5P_DEFAULT), "commit named type", Where{target_});
  objects_[address] = CopiedObject{"", address_of(copy.get())};
  ++result_.objects;
  const hid_t id = copy.get();
  named_types_.emplace(address, std::move(copy));
  copy_attributes(source_type, id, attribute_order(tcpl.get()), "(named type)");
  return id;
}

hid_t Copier::stored_type(hid_t type) {
  return H5Tcommitted(type) > 0 ? named_type(type) : type;
}

void Copier::copy_dataset(hid_t source_group, hid_t target_group, const std::string& name, const std::string& path,
                          hid_t lcpl, haddr_t address) {
  Handle source{checked(H5Dopen2(source_group, name.c_str(), H5P_DEFAULT), "open dataset", Where{source_group, name})};
  const Where where{source.get()};
  Handle type{checked(H5Dget_type(source.get()), "copy dataset", where)};
  Handle space{checked(H5Dget_space(source.get()), "copy dataset", where)};
  Handle dcpl{checked(H5Dget_create_plist(source.get()), "copy dataset", where)};
  const H5D_layout_t layout = H5Pget_layout(dcpl.get());

  const auto found = plan_.rows.find(address);
  const RowPlan* rows = found != plan_.rows.end() ? &found->second : nullptr;
  const bool cut = rows && rows->cut && layout != H5D_VIRTUAL;
  Handle target_space = space;
  if (cut) {
    std::vector<hsize_t> dims = extent_of(space.get());
    std::vector<hsize_t> maxdims(dims.size());
    H5Sget_simple_extent_dims(space.get(), nullptr, maxdims.data());
    const std::vector<hsize_t> before = dims;
    dims[0] = rows->stop - rows->start;
    // A first axis that could not grow (maxshape = shape, h5py's default) still cannot: its maximum
    // is the new length. Otherwise HDF5 would size the chunk index for the old maximum (a fixed
    // array of every chunk the old extent had). Unlimited stays unlimited, a larger maximum stays.
    if (maxdims[0] == before[0]) maxdims[0] = dims[0];
    // maxshape is kept where HDF5 keeps one (chunked); other layouts cannot grow, so theirs is the shape.
    target_space = Handle{checked(H5Screate_simple(static_cast<int>(dims.size()), dims.data(),
                                                   layout == H5D_CHUNKED ? maxdims.data() : nullptr),
                                  "copy dataset", where)};
    if (layout == H5D_CHUNKED) {
      std::vector<hsize_t> chunk(dims.size());
      checked(H5Pget_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), "copy dataset", where);
      chunk[0] = std::min<hsize_t>(chunk[0], std::max<hsize_t>(dims[0], 1));
      checked(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), "copy dataset", where);
    }
    result_.cut.push_back(CutDataset{path, to_shape(before), to_shape(dims), rows->start});
  }
  if (layout != H5D_VIRTUAL && H5Pget_external_count(dcpl.get()) > 0) {
    // Values in external raw files: the copy keeps them inside the file (writing through the old
    // list would overwrite the source's own raw files).
    dcpl = internal_storage(dcpl.get(), type.get());
    result_.issues.push_back(TruncateIssue{TruncateIssueKind::not_copied, path,
                                           "external raw-data files: the copy stores the values in the file"});
  }
  Handle target{checked(H5Dcreate2(target_group, name.c_str(), stored_type(type.get()), target_space.get(), lcpl,
                                   dcpl.get(), H5P_DEFAULT),
                        "copy dataset", Where{target_group, name})};
  objects_[address] = CopiedObject{path, address_of(target.get())};
  ++result_.objects;
  copy_attributes(source.get(), target.get(), attribute_order(dcpl.get()), path);
  if (layout == H5D_VIRTUAL) return;  // the values are the sources' (its mappings were copied)
  if (!layout_of(type.get()).empty()) {
    deferred_values_.push_back(Deferred{address, path, {}});
    return;
  }
  copy_dataset_values(source.get(), target.get(), type.get(), rows, path, address);
}

Handle Copier::internal_storage(hid_t dcpl, hid_t type) {
  Handle fresh{checked(H5Pcreate(H5P_DATASET_CREATE), "copy dataset", Where{})};
  H5D_fill_value_t defined{};
  checked(H5Pfill_value_defined(dcpl, &defined), "copy dataset", Where{});
  if (defined == H5D_FILL_VALUE_USER_DEFINED) {
    std::vector<std::byte> fill(H5Tget_size(type));
    checked(H5Pget_fill_value(dcpl, type, fill.data()), "copy dataset", Where{});
    checked(H5Pset_fill_value(fresh.get(), type, fill.data()), "copy dataset", Where{});
  }
  H5D_fill_time_t fill_time{};
  if (H5Pget_fill_time(dcpl, &fill_time) >= 0) H5Pset_fill_time(fresh.get(), fill_time);
  unsigned flags = 0;
  if (H5Pget_attr_creation_order(dcpl, &flags) >= 0) H5Pset_attr_creation_order(fresh.get(), flags);
  return fresh;
}

void Copier::copy_dataset_values(hid_t source, hid_t target, hid_t type, const RowPlan* rows, const std::string& path,
                                 haddr_t address) {
  const auto bytes = [&](std::uint64_t n) { progress(n, path); };
  if (rows && rows->values != ValueRule::copy) {
    // NWB integer rules: values read as int64, adjusted, written back in the stored type.
    const auto adjust = [&](BlockView& block) { adjust_values(*rows, block, path); };
    copy_values(source, target, H5T_NATIVE_INT64, rows, options_.buffer_bytes(), adjust, bytes);
    return;
  }
  const ReferenceLayout layout = layout_of(type);
  const auto rewrite = [&](BlockView& block) {
    if (!layout.empty()) rewriter_.rewrite(layout, block.data, block.count, path, block.offset, block.extent);
    if (nwb_hook_) nwb_hook_(address, type, block, path);
  };
  copy_values(source, target, type, rows && rows->cut ? rows : nullptr, options_.buffer_bytes(), rewrite, bytes);
}

void Copier::adjust_values(const RowPlan& rows, BlockView& block, const std::string& path) {
  auto* values = reinterpret_cast<std::int64_t*>(block.data);
  for (std::size_t i = 0; i < block.count; ++i) {
    std::int64_t& v = values[i];
    const bool inside = rows.values == ValueRule::offsets ? (v >= rows.shift && v <= rows.limit)
                                                          : (v >= rows.shift && v < rows.limit);
    if (inside) {
      v -= rows.shift;
    } else if (reported_values_++ < 1000) {
      result_.issues.push_back(TruncateIssue{
          TruncateIssueKind::index_out_of_range, path + index_text(block.offset, block.extent, i),
          "value " + std::to_string(v) + " points outside the kept rows [" + std::to_string(rows.shift) + ", " +
              std::to_string(rows.limit) + ") of " + rows.why + ": left unchanged"});
    }
  }
}

void Copier::copy_attributes(hid_t source, hid_t target, H5_index_t order, const std::string& owner) {
  H5O_info_t info{};
  checked(H5Oget_info2(source, &info, H5O_INFO_NUM_ATTRS), "copy attributes", Where{source});
  for (hsize_t i = 0; i < info.num_attrs; ++i) {
    h5kit::detail::silence_hdf5_errors();
    hid_t id = H5Aopen_by_idx(source, ".", order, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT);
    if (id < 0 && order != H5_INDEX_NAME) {
      h5kit::detail::take_error_stack();
      order = H5_INDEX_NAME;  // creation order tracked but not indexed
      id = H5Aopen_by_idx(source, ".", order, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT);
    }
    Handle attribute{checked(id, "open attribute", Where{source})};
    const ssize_t name_size = checked(H5Aget_name(attribute.get(), 0, nullptr), "copy attribute", Where{source});
    std::string name(static_cast<std::size_t>(name_size), '\0');
    H5Aget_name(attribute.get(), name.size() + 1, name.data());
    Handle type{checked(H5Aget_type(attribute.get()), "copy attribute", Where{source})};
    Handle space{checked(H5Aget_space(attribute.get()), "copy attribute", Where{source})};
    Handle acpl{checked(H5Aget_create_plist(attribute.get()), "copy attribute", Where{source})};
    Handle copy{checked(H5Acreate2(target, name.c_str(), stored_type(type.get()), space.get(), acpl.get(), H5P_DEFAULT),
                        "copy attribute", Where{target, name})};
    const hssize_t elements = H5Sget_simple_extent_type(space.get()) == H5S_NULL
                                  ? 0
                                  : checked(H5Sget_simple_extent_npoints(space.get()), "copy attribute", Where{source});
    if (elements == 0) continue;
    const std::string location = owner + "@" + name;
    if (layout_of(type.get()).empty()) {
      write_attribute(attribute.get(), copy.get(), type.get(), space.get(), static_cast<std::size_t>(elements), nullptr,
                      location);
    } else {
      // References: written by finish_deferred, when every object they may point at exists.
      deferred_attributes_.push_back(Deferred{address_of(source), location, name});
    }
  }
}

void Copier::write_attribute(hid_t source, hid_t target, hid_t type, hid_t space, std::size_t elements,
                             const ReferenceLayout* layout, const std::string& location) {
  const std::size_t element_size = H5Tget_size(type);
  std::vector<std::byte> buffer(elements * element_size);
  checked(H5Aread(source, type, buffer.data()), "read attribute", Where{source});
  const bool variable = has_variable_length(type);
  struct Reclaim {
    hid_t type, space;
    void* data;
    bool on;
    ~Reclaim() {
      if (on) H5Dvlen_reclaim(type, space, H5P_DEFAULT, data);
    }
  } reclaim{type, space, buffer.data(), variable};
  if (layout) {
    const std::vector<hsize_t> extent = extent_of(space);
    const std::vector<hsize_t> offset(extent.size(), 0);
    rewriter_.rewrite(*layout, buffer.data(), elements, location, offset, extent);
  }
  checked(H5Awrite(target, type, buffer.data()), "write attribute", Where{target});
}

void Copier::finish_deferred() {
  for (const Deferred& d : deferred_attributes_) {
    const CopiedObject& copied = objects_.at(d.address);
    Handle source_object{checked(H5Oopen_by_addr(source_, d.address), "open object", Where{source_})};
    Handle target_object{checked(H5Oopen_by_addr(target_, copied.new_address), "open copied object", Where{target_})};
    Handle source{checked(H5Aopen(source_object.get(), d.attribute.c_str(), H5P_DEFAULT), "open attribute",
                          Where{source_object.get(), d.attribute})};
    Handle target{checked(H5Aopen(target_object.get(), d.attribute.c_str(), H5P_DEFAULT), "open attribute",
                          Where{target_object.get(), d.attribute})};
    Handle type{checked(H5Aget_type(source.get()), "copy attribute", Where{source.get()})};
    Handle space{checked(H5Aget_space(source.get()), "copy attribute", Where{source.get()})};
    const hssize_t elements = checked(H5Sget_simple_extent_npoints(space.get()), "copy attribute", Where{source.get()});
    const ReferenceLayout layout = layout_of(type.get());
    write_attribute(source.get(), target.get(), type.get(), space.get(), static_cast<std::size_t>(elements), &layout,
                    d.location);
  }
  for (const Deferred& d : deferred_values_) {
    const CopiedObject& copied = objects_.at(d.address);
    Handle source{checked(H5Dopen2(source_, d.location.c_str(), H5P_DEFAULT), "open dataset", Where{source_, d.location})};
    Handle target{checked(H5Dopen2(target_, copied.path.c_str(), H5P_DEFAULT), "open copied dataset",
                          Where{target_, copied.path})};
    Handle type{checked(H5Dget_type(source.get()), "copy dataset", Where{source.get()})};
    const auto found = plan_.rows.find(d.address);
    copy_dataset_values(source.get(), target.get(), type.get(), found != plan_.rows.end() ? &found->second : nullptr,
                        d.location, d.address);
  }
}

void Copier::progress(std::uint64_t bytes, const std::string& path) {
  bytes_done_ += bytes;
  if (options_.progress()) options_.progress()(TruncateProgress{bytes_done_, plan_.total_bytes, path});
}

}  // namespace h5kit::graph::detail

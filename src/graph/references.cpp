// The reference inventory: attributes and data of every object, read with memory types that hold only
// the reference members, in blocks of rows.
#include "h5kit/graph/references.hpp"

#include <hdf5.h>

#include <cstring>
#include <unordered_set>

#include "detail/checked.hpp"
#include "graph/reference_reader.hpp"

namespace h5kit::graph {

using h5kit::detail::checked;
using h5kit::detail::Handle;
using h5kit::detail::Where;

std::string ReferenceLocation::to_string() const {
  std::string out = owner;
  std::string idx;
  if (!index.empty()) {
    idx = "[";
    for (std::size_t i = 0; i < index.size(); ++i) idx += (i ? "," : "") + std::to_string(index[i]);
    idx += "]";
  }
  // A field path that starts with an index (a vlen or array element type) continues the element index.
  const bool element_part = !field.empty() && field.front() == '[';
  if (in_attribute) {
    out += "@" + attribute;
    if (element_part) return out + idx + field;
    if (!field.empty()) out += ":" + field;
    return out + idx;
  }
  if (field.empty()) return out + "#data" + idx;
  if (element_part) return out + "#data" + idx + field;
  return out + "#column:" + field + idx;
}

namespace detail {

std::vector<const IndexedObject*> subtree(const FileIndex& index, const ObjectId& start,
                                          const std::function<bool(const std::string&)>& skip) {
  std::vector<const IndexedObject*> out;
  const IndexedObject* first = index.find(start);
  if (first == nullptr) return out;
  if (first == &index.objects().front() && !skip) {
    for (const IndexedObject& o : index.objects()) out.push_back(&o);
    return out;
  }
  std::unordered_set<ObjectId, ObjectIdHash> seen;
  // Depth-first, pre-order, children in the index's (walk) order, with an explicit stack.
  std::vector<std::pair<const IndexedObject*, std::size_t>> stack;
  if (skip && skip(first->path)) return out;
  seen.insert(first->id);
  out.push_back(first);
  stack.emplace_back(first, 0);
  while (!stack.empty()) {
    auto& [obj, next] = stack.back();
    if (next >= obj->children.size()) {
      stack.pop_back();
      continue;
    }
    const ChildLink& link = obj->children[next++];
    if (link.kind != LinkKind::hard || !link.target) continue;
    const IndexedObject* child = index.find(*link.target);
    if (child == nullptr || !seen.insert(child->id).second) continue;
    if (skip && skip(child->path)) continue;
    out.push_back(child);
    if (child->kind == ObjectKind::group) stack.emplace_back(child, 0);
  }
  return out;
}

void Resolver::resolve(ReferenceKind kind, const std::byte* bytes, StoredReference& out) {
  out.kind = kind;
  if (kind == ReferenceKind::object) {
    std::memcpy(&out.object_ref.address, bytes, sizeof out.object_ref.address);
    out.is_null = out.object_ref.is_null();
    if (out.is_null) return;
    if (const IndexedObject* o = index_.find_address(out.object_ref.address)) {
      out.target = o->id;
      out.target_path = o->path;
    }
    return;
  }
  std::memcpy(out.region_ref.bytes.data(), bytes, out.region_ref.bytes.size());
  out.is_null = out.region_ref.is_null();
  if (out.is_null) return;
  auto it = regions_.find(out.region_ref.bytes);
  if (it == regions_.end()) {
    Region region;
    h5kit::detail::silence_hdf5_errors();
    hdset_reg_ref_t raw;
    std::memcpy(raw, bytes, sizeof raw);
    const hid_t ds = H5Rdereference2(index_.root().id(), H5P_DEFAULT, H5R_DATASET_REGION, raw);
    if (ds >= 0) {
      Handle owned(ds);
      H5O_info_t info;
      if (H5Oget_info2(ds, &info, H5O_INFO_BASIC) >= 0) {
        const ObjectId id{static_cast<std::uint64_t>(info.fileno), static_cast<std::uint64_t>(info.addr)};
        if (const IndexedObject* o = index_.find(id)) {
          region.target = id;
          region.path = o->path;
        }
      }
      try {
        region.selection = index_.root().region(out.region_ref);
      } catch (const Error&) {
        // A selection HDF5 cannot read back: the target is still reported, without a selection.
      }
    }
    H5Eclear2(H5E_DEFAULT);
    it = regions_.emplace(out.region_ref.bytes, std::move(region)).first;
  }
  out.target = it->second.target;
  out.target_path = it->second.path;
  out.selection = it->second.selection;
}

hid_t references_only_type(hid_t type) {
  switch (H5Tget_class(type)) {
    case H5T_REFERENCE: return H5Tcopy(type);
    case H5T_COMPOUND: {
      if (H5Tdetect_class(type, H5T_REFERENCE) <= 0) return H5I_INVALID_HID;
      const int n = H5Tget_nmembers(type);
      std::vector<std::pair<std::string, Handle>> kept;
      std::size_t size = 0;
      for (int i = 0; i < n; ++i) {
        Handle member(H5Tget_member_type(type, static_cast<unsigned>(i)));
        if (!member.valid()) continue;
        const hid_t filtered = references_only_type(member.get());
        if (filtered < 0) continue;
        char* name = H5Tget_member_name(type, static_cast<unsigned>(i));
        kept.emplace_back(name ? name : "", Handle(filtered));
        H5free_memory(name);
        size += H5Tget_size(filtered);
      }
      if (kept.empty()) return H5I_INVALID_HID;
      const hid_t out = H5Tcreate(H5T_COMPOUND, size);
      if (out < 0) return H5I_INVALID_HID;
      std::size_t offset = 0;
      for (const auto& [name, member] : kept) {
        H5Tinsert(out, name.c_str(), offset, member.get());
        offset += H5Tget_size(member.get());
      }
      return out;
    }
    case H5T_ARRAY: {
      Handle super(H5Tget_super(type));
      if (!super.valid()) return H5I_INVALID_HID;
      const hid_t filtered = references_only_type(super.get());
      if (filtered < 0) return H5I_INVALID_HID;
      Handle base(filtered);
      const int rank = H5Tget_array_ndims(type);
      if (rank <= 0) return H5I_INVALID_HID;
      std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
      H5Tget_array_dims2(type, dims.data());
      return H5Tarray_create2(base.get(), static_cast<unsigned>(rank), dims.data());
    }
    case H5T_VLEN: {
      Handle super(H5Tget_super(type));
      if (!super.valid()) return H5I_INVALID_HID;
      const hid_t filtered = references_only_type(super.get());
      if (filtered < 0) return H5I_INVALID_HID;
      Handle base(filtered);
      return H5Tvlen_create(base.get());
    }
    default: return H5I_INVALID_HID;
  }
}

namespace {

std::vector<std::size_t> coordinates(std::size_t flat, const std::vector<hsize_t>& dims) {
  std::vector<std::size_t> out(dims.size());
  for (std::size_t i = dims.size(); i-- > 0;) {
    const auto d = static_cast<std::size_t>(dims[i]);
    out[i] = d ? flat % d : 0;
    flat = d ? flat / d : 0;
  }
  return out;
}

// Frees what HDF5 allocated for variable-length sequences in `buffer`.
void reclaim(hid_t mem_type, const ReferenceLayout& layout, std::size_t count, void* buffer) {
  if (layout.sequences.empty() || count == 0) return;
  const hsize_t n = count;
  Handle space(H5Screate_simple(1, &n, nullptr));
  if (space.valid()) H5Dvlen_reclaim(mem_type, space.get(), H5P_DEFAULT, buffer);
}

struct Emitter {
  Resolver& resolver;
  const std::function<bool(const StoredReference&)>& visit;
  const std::string& owner;

  // Emits every reference in `count` elements whose first has flat index `first`.
  bool emit(const ReferenceLayout& layout, std::byte* buffer, std::size_t count, std::size_t first,
            const std::vector<hsize_t>& dims, bool in_attribute, const std::string& attribute) {
    return for_each_reference(layout, buffer, count, [&](std::size_t element, const ReferenceHit& hit) {
      StoredReference ref;
      ref.location.owner = owner;
      ref.location.in_attribute = in_attribute;
      ref.location.attribute = attribute;
      ref.location.index = coordinates(first + element, dims);
      ref.location.field = hit.field_path;
      resolver.resolve(hit.slot->kind, hit.bytes, ref);
      return visit(ref);
    });
  }
};

std::vector<hsize_t> extent(hid_t space, bool& is_null) {
  is_null = H5Sget_simple_extent_type(space) == H5S_NULL;
  std::vector<hsize_t> dims;
  if (is_null) return dims;
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank > 0) {
    dims.resize(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  }
  return dims;
}

std::size_t element_count(const std::vector<hsize_t>& dims) {
  std::size_t n = 1;
  for (hsize_t d : dims) n *= static_cast<std::size_t>(d);
  return n;
}

bool visit_attributes(hid_t id, Emitter& emitter) {
  const char* op = "read reference attributes";
  H5O_info_t info;
  checked(H5Oget_info2(id, &info, H5O_INFO_NUM_ATTRS), op, Where{id});
  for (hsize_t i = 0; i < info.num_attrs; ++i) {
    h5kit::detail::silence_hdf5_errors();
    const hid_t aid = H5Aopen_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT);
    if (aid < 0) {
      H5Eclear2(H5E_DEFAULT);
      continue;  // an attribute HDF5 cannot open holds nothing we can report
    }
    Handle attr(aid);
    Handle type(checked(H5Aget_type(aid), op, Where{id}));
    if (H5Tdetect_class(type.get(), H5T_REFERENCE) <= 0) continue;
    const hid_t mem_raw = references_only_type(type.get());
    if (mem_raw < 0) continue;
    Handle mem(mem_raw);
    const ReferenceLayout layout = reference_layout(Datatype(Handle::share(mem.get())));
    if (layout.empty()) continue;
    Handle space(checked(H5Aget_space(aid), op, Where{id}));
    bool is_null = false;
    const std::vector<hsize_t> dims = extent(space.get(), is_null);
    if (is_null) continue;
    const std::size_t n = element_count(dims);
    if (n == 0) continue;
    const ssize_t name_len = H5Aget_name(aid, 0, nullptr);
    std::string name(static_cast<std::size_t>(name_len > 0 ? name_len : 0), '\0');
    if (name_len > 0) H5Aget_name(aid, name.size() + 1, name.data());
    std::vector<std::byte> buffer(n * layout.element_size);
    checked(H5Aread(aid, mem.get(), buffer.data()), op, Where{id}, ErrorKind::file, name);
    bool stop = false;
    try {
      stop = emitter.emit(layout, buffer.data(), n, 0, dims, true, name);
    } catch (...) {
      reclaim(mem.get(), layout, n, buffer.data());
      throw;
    }
    reclaim(mem.get(), layout, n, buffer.data());
    if (stop) return true;
  }
  return false;
}

bool visit_data(hid_t id, Emitter& emitter, std::size_t block_elements) {
  const char* op = "read reference data";
  Handle type(checked(H5Dget_type(id), op, Where{id}));
  if (H5Tdetect_class(type.get(), H5T_REFERENCE) <= 0) return false;
  const hid_t mem_raw = references_only_type(type.get());
  if (mem_raw < 0) return false;
  Handle mem(mem_raw);
  const ReferenceLayout layout = reference_layout(Datatype(Handle::share(mem.get())));
  if (layout.empty()) return false;
  Handle space(checked(H5Dget_space(id), op, Where{id}));
  bool is_null = false;
  const std::vector<hsize_t> dims = extent(space.get(), is_null);
  if (is_null) return false;
  const std::size_t n = element_count(dims);
  if (n == 0) return false;
  if (dims.empty()) {  // scalar
    std::vector<std::byte> buffer(layout.element_size);
    checked(H5Dread(id, mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), op, Where{id});
    const bool stop = emitter.emit(layout, buffer.data(), 1, 0, dims, false, {});
    reclaim(mem.get(), layout, 1, buffer.data());
    return stop;
  }
  // Blocks of whole rows along axis 0, the memory space shaped like the file block.
  const std::size_t row = n / static_cast<std::size_t>(dims[0]);
  const std::size_t rows_per_block = std::max<std::size_t>(1, block_elements / std::max<std::size_t>(row, 1));
  std::vector<std::byte> buffer;
  for (std::size_t r0 = 0; r0 < dims[0]; r0 += rows_per_block) {
    const std::size_t k = std::min<std::size_t>(rows_per_block, static_cast<std::size_t>(dims[0]) - r0);
    std::vector<hsize_t> start(dims.size(), 0), count(dims);
    start[0] = r0;
    count[0] = k;
    checked(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr), op,
            Where{id});
    Handle mem_space(checked(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), op, Where{id}));
    const std::size_t elements = k * row;
    buffer.assign(elements * layout.element_size, std::byte{0});
    checked(H5Dread(id, mem.get(), mem_space.get(), space.get(), H5P_DEFAULT, buffer.data()), op, Where{id});
    bool stop = false;
    try {
      stop = emitter.emit(layout, buffer.data(), elements, r0 * row, dims, false, {});
    } catch (...) {
      reclaim(mem.get(), layout, elements, buffer.data());
      throw;
    }
    reclaim(mem.get(), layout, elements, buffer.data());
    if (stop) return true;
  }
  return false;
}

}  // namespace

bool visit_object(hid_t id, const std::string& owner, Resolver& resolver,
                  const std::function<bool(const StoredReference&)>& visit, std::size_t block_elements) {
  Emitter emitter{resolver, visit, owner};
  if (visit_attributes(id, emitter)) return true;
  if (H5Iget_type(id) == H5I_DATASET) return visit_data(id, emitter, block_elements);
  return false;
}

}  // namespace detail

namespace {
std::string owner_path(const Object& object, const FileIndex& index) {
  if (auto p = index.canonical_path(object_id(object))) return *p;
  return object.path();
}
}  // namespace

bool visit_references(const Object& object, const FileIndex& index,
                      const std::function<bool(const StoredReference&)>& visit, std::size_t block_elements) {
  if (!object.valid())
    h5kit::detail::reject(ErrorKind::closed, "list references", Where{}, "the object is closed");
  detail::Resolver resolver(index);
  return detail::visit_object(object.id(), owner_path(object, index), resolver, visit, block_elements);
}

std::vector<StoredReference> references(const Object& object, const FileIndex& index) {
  std::vector<StoredReference> out;
  visit_references(object, index, [&](const StoredReference& r) {
    out.push_back(r);
    return false;
  });
  return out;
}

std::vector<StoredReference> references(const Object& object) { return references(object, FileIndex(object)); }

std::vector<StoredReference> inventory(const Group& start, const FileIndex& index, const InventoryOptions& options) {
  std::vector<StoredReference> out;
  detail::Resolver resolver(index);
  const auto objects = detail::subtree(index, object_id(start), options.skip);
  std::size_t done = 0;
  for (const IndexedObject* o : objects) {
    h5kit::detail::silence_hdf5_errors();
    const hid_t id = H5Oopen_by_addr(index.root().id(), static_cast<haddr_t>(o->id.address));
    if (id >= 0) {
      Handle owned(id);
      detail::visit_object(id, o->path, resolver,
                           [&](const StoredReference& r) {
                             out.push_back(r);
                             return false;
                           },
                           options.block_elements);
    } else {
      H5Eclear2(H5E_DEFAULT);
    }
    if (options.progress) options.progress(++done, objects.size());
  }
  return out;
}

std::vector<StoredReference> inventory(const Group& start, const InventoryOptions& options) {
  return inventory(start, FileIndex(start), options);
}

namespace compat {

std::vector<std::string> get_references(const Object& object, const FileIndex& index) {
  std::vector<std::string> attrs, data;
  std::map<std::string, std::vector<std::string>> columns;
  std::vector<std::string> column_order;
  bool compound_ok = false, plain_ok = false;
  if (object.kind() == ObjectKind::dataset) {
    const Dataset ds = object.as_dataset();
    const Datatype t = ds.dtype();
    const ReferenceLayout layout = reference_layout(t);
    plain_ok = layout.is_plain_reference() && !ds.is_empty() && ds.rank() <= 1;
    compound_ok = t.type_class() == TypeClass::compound && t.members().size() >= 2 && !ds.is_empty() &&
                  ds.rank() >= 1 && ds.size() > 0;
  }
  visit_references(object, index, [&](const StoredReference& r) {
    if (r.is_null || !r.target_path) return false;
    const ReferenceLocation& l = r.location;
    if (l.in_attribute) {
      if (l.index.empty() && l.field.empty()) attrs.push_back(*r.target_path);
    } else if (plain_ok) {
      data.push_back(*r.target_path);
    } else if (compound_ok && !l.field.empty() && l.field.find_first_of(".[") == std::string::npos) {
      if (!columns.count(l.field)) column_order.push_back(l.field);
      columns[l.field].push_back(*r.target_path);
    }
    return false;
  });
  std::vector<std::string> out = std::move(attrs);
  out.insert(out.end(), data.begin(), data.end());
  for (const std::string& c : column_order) out.insert(out.end(), columns[c].begin(), columns[c].end());
  return out;
}

}  // namespace compat

}  // namespace h5kit::graph

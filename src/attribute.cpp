#include "h5kit/attribute.hpp"

#include <hdf5.h>

#include "detail/checked.hpp"
#include "detail/dataspace.hpp"
#include "detail/native.hpp"
#include "detail/plists.hpp"

namespace h5kit {

using detail::checked;
using detail::Handle;
using detail::Where;

namespace {
std::string quoted(std::string_view name) { return "attribute \"" + std::string(name) + "\""; }

}  // namespace

// h5py stages a replaced attribute under a temporary name too; ours cannot clash with user names.
std::string AttributeManager::staged_name(std::string_view name) { return "__h5kit_staged__" + std::string(name); }

std::string Attribute::name() const {
  detail::silence_hdf5_errors();
  const ssize_t n = checked(H5Aget_name(id(), 0, nullptr), "get attribute name", Where{id()});
  std::string out(static_cast<std::size_t>(n), '\0');
  H5Aget_name(id(), out.size() + 1, out.data());
  return out;
}

Datatype Attribute::dtype() const {
  detail::silence_hdf5_errors();
  return Datatype(Handle(checked(H5Aget_type(id()), "get attribute type", Where{id()})));
}

Shape Attribute::shape() const {
  detail::silence_hdf5_errors();
  Handle space(checked(H5Aget_space(id()), "get attribute shape", Where{id()}));
  return detail::extent_of(space.get());
}

std::size_t Attribute::size() const { return is_empty() ? 0 : element_count(shape()); }

bool Attribute::is_empty() const {
  detail::silence_hdf5_errors();
  Handle space(checked(H5Aget_space(id()), "get attribute shape", Where{id()}));
  return H5Sget_simple_extent_type(space.get()) == H5S_NULL;
}

detail::IoTarget Attribute::target(const char* operation) const {
  if (!valid()) detail::reject(ErrorKind::closed, operation, Where{}, "the attribute is closed");
  return detail::IoTarget{id(), true};
}

RawData Attribute::read_native() const {
  return detail::read_native(target("read attribute"));
}

Attribute AttributeManager::create(std::string_view name, const Shape& shape, const Datatype& type) const {
  if (contains(name))
    detail::reject(ErrorKind::already_exists, "create attribute", Where{owner_.get()},
                   quoted(name) + " already exists");
  return create_unchecked(name, shape, type);
}

Attribute AttributeManager::create_unchecked(std::string_view name, const Shape& shape, const Datatype& type) const {
  const std::string n(name);
  const Where where{owner_.get()};
  if (!owner_.valid()) detail::reject(ErrorKind::closed, "create attribute", Where{}, "the object is closed");
  Handle space = detail::simple_space(shape, "create attribute", where);
  const hid_t id = H5Acreate2(owner_.get(), n.c_str(), type.id(), space.get(), detail::attribute_creation_plist(), H5P_DEFAULT);
  if (id < 0) detail::fail(ErrorKind::file, "create attribute", where, quoted(name));
  return Attribute(Handle(id));
}

void AttributeManager::set(std::string_view name, const Empty& empty) const {
  const std::string temp = staged_name(name);
  const Where where{owner_.get()};
  if (!owner_.valid()) detail::reject(ErrorKind::closed, "create attribute", Where{}, "the object is closed");
  discard(temp);
  Handle space = detail::null_space("create attribute", where);
  Handle(checked(H5Acreate2(owner_.get(), temp.c_str(), empty.type.id(), space.get(), detail::attribute_creation_plist(),
                            H5P_DEFAULT),
                 "create attribute", where, ErrorKind::file, quoted(name)));
  commit_staged(name);
}

Attribute AttributeManager::open_to_modify(std::string_view name) const {
  Attribute existing = open(name);
  if (existing.is_empty())
    detail::reject(ErrorKind::type_mismatch, "modify attribute", Where{owner_.get()},
                   quoted(name) + " is empty (no dataspace) and holds no value to modify; set() replaces it");
  return existing;
}

Attribute AttributeManager::open(std::string_view name) const {
  const std::string n(name);
  const Where where{owner_.get()};
  if (!owner_.valid()) detail::reject(ErrorKind::closed, "open attribute", Where{}, "the object is closed");
  detail::silence_hdf5_errors();
  const hid_t id = H5Aopen(owner_.get(), n.c_str(), H5P_DEFAULT);
  if (id >= 0) return Attribute(Handle(id));
  // Find out why only when it failed: existence checks cost as much as the open itself.
  if (H5Aexists(owner_.get(), n.c_str()) == 0)
    detail::reject(ErrorKind::not_found, "open attribute", where, quoted(name) + " does not exist");
  detail::fail(ErrorKind::file, "open attribute", where, quoted(name));
}

bool AttributeManager::contains(std::string_view name) const {
  const std::string n(name);
  if (!owner_.valid()) detail::reject(ErrorKind::closed, "test attribute", Where{}, "the object is closed");
  detail::silence_hdf5_errors();
  return checked(H5Aexists(owner_.get(), n.c_str()), "test attribute", Where{owner_.get()}, ErrorKind::file,
                 quoted(name)) > 0;
}

void AttributeManager::erase(std::string_view name) const {
  const std::string n(name);
  const Where where{owner_.get()};
  if (!contains(name)) detail::reject(ErrorKind::not_found, "delete attribute", where, quoted(name) + " does not exist");
  checked(H5Adelete(owner_.get(), n.c_str()), "delete attribute", where, ErrorKind::file, quoted(name));
}

void AttributeManager::rename(std::string_view from, std::string_view to) const {
  const std::string f(from), t(to);
  const Where where{owner_.get()};
  if (!contains(from))
    detail::reject(ErrorKind::not_found, "rename attribute", where, quoted(from) + " does not exist");
  if (contains(to))
    detail::reject(ErrorKind::already_exists, "rename attribute", where, quoted(to) + " already exists");
  checked(H5Arename(owner_.get(), f.c_str(), t.c_str()), "rename attribute", where, ErrorKind::file, quoted(from));
}

std::size_t AttributeManager::size() const {
  if (!owner_.valid()) detail::reject(ErrorKind::closed, "count attributes", Where{}, "the object is closed");
  detail::silence_hdf5_errors();
  H5O_info_t info{};
  checked(H5Oget_info2(owner_.get(), &info, H5O_INFO_NUM_ATTRS), "count attributes", Where{owner_.get()});
  return static_cast<std::size_t>(info.num_attrs);
}

namespace {
herr_t collect_name(hid_t, const char* name, const H5A_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

bool tracks_attribute_order(hid_t obj) {
  hid_t plist = H5I_INVALID_HID;
  switch (H5Iget_type(obj)) {
    case H5I_GROUP: plist = H5Gget_create_plist(obj); break;
    case H5I_DATASET: plist = H5Dget_create_plist(obj); break;
    case H5I_DATATYPE: plist = H5Tget_create_plist(obj); break;
    default: return false;
  }
  if (plist < 0) return false;
  unsigned flags = 0;
  H5Pget_attr_creation_order(plist, &flags);
  H5Pclose(plist);
  return (flags & H5P_CRT_ORDER_TRACKED) != 0;  // h5py lists by creation order when tracked
}
}  // namespace

std::vector<std::string> AttributeManager::keys() const {
  if (!owner_.valid()) detail::reject(ErrorKind::closed, "list attributes", Where{}, "the object is closed");
  detail::silence_hdf5_errors();
  std::vector<std::string> names;
  const H5_index_t index = tracks_attribute_order(owner_.get()) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  hsize_t idx = 0;
  herr_t status = H5Aiterate2(owner_.get(), index, H5_ITER_INC, &idx, collect_name, &names);
  if (status < 0 && index == H5_INDEX_CRT_ORDER) {
    // Tracked but never indexed, in dense storage: HDF5 cannot list by creation order; use names.
    H5Eclear2(H5E_DEFAULT);
    names.clear();
    idx = 0;
    status = H5Aiterate2(owner_.get(), H5_INDEX_NAME, H5_ITER_INC, &idx, collect_name, &names);
  }
  // A failure part-way (a damaged attribute table) must not pass for a shorter list.
  checked(status, "list attributes", Where{owner_.get()}, ErrorKind::file,
          "the attribute table could not be read to the end");
  return names;
}

void AttributeManager::commit_staged(std::string_view name) const {
  const std::string temp = staged_name(name), n(name);
  const Where where{owner_.get()};
  if (H5Aexists(owner_.get(), n.c_str()) > 0)
    checked(H5Adelete(owner_.get(), n.c_str()), "replace attribute", where, ErrorKind::file, quoted(name));
  checked(H5Arename(owner_.get(), temp.c_str(), n.c_str()), "replace attribute", where, ErrorKind::file, quoted(name));
}

void AttributeManager::discard(std::string_view name) const noexcept {
  const std::string n(name);
  if (H5Aexists(owner_.get(), n.c_str()) > 0) H5Adelete(owner_.get(), n.c_str());
  H5Eclear2(H5E_DEFAULT);
}

}  // namespace h5kit

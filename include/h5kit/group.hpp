#pragma once
// Groups: dictionary-like containers of named links with POSIX paths (h5py's Group).
#include <functional>
#include <optional>
#include <ranges>
#include <string>
#include <initializer_list>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "h5kit/dataset.hpp"
#include "h5kit/datatype.hpp"
#include "h5kit/link.hpp"
#include "h5kit/object.hpp"
#include "h5kit/storage.hpp"

namespace h5kit {

class Entry;
class Group;

namespace detail {
// Values that g[name] = value stores as a new dataset: everything that is not an object, a link, a
// type, an Empty or an Entry (inspector<T> then says whether h5kit can store it).
template <class T>
concept DatasetData = !std::is_base_of_v<Object, T> && !std::is_same_v<T, SoftLink> &&
                      !std::is_same_v<T, ExternalLink> && !std::is_same_v<T, Datatype> &&
                      !std::is_same_v<T, Empty> && !std::is_same_v<T, Entry>;
}  // namespace detail

// What h5py's g[name] = x accepts, for update() and setdefault():
//   an Object (or Group, Dataset, Entry)  -> a hard link to it
//   SoftLink, ExternalLink                -> that link
//   a Datatype                            -> a committed (named) copy of the type
//   Empty                                 -> a dataset with a null dataspace
//   anything else (numbers, strings, vectors, NDArray...) -> a new dataset holding it
// A Member refers to the value it was made from, like std::string_view: make it in the call
// (g.update({{"a", data}})), never keep it beyond the value's lifetime.
class Member {
 public:
  Member(const Object& object) noexcept : value_(&object), place_(&place_hard_link) {}
  Member(const Entry& entry) noexcept : value_(&entry), place_(&place_entry) {}
  Member(const SoftLink& link) noexcept : value_(&link), place_(&place_soft_link) {}
  Member(const ExternalLink& link) noexcept : value_(&link), place_(&place_external_link) {}
  Member(const Datatype& type) noexcept : value_(&type), place_(&place_type) {}
  Member(const Empty& empty) noexcept : value_(&empty), place_(&place_empty) {}
  template <detail::DatasetData T>
  Member(const T& data) noexcept : value_(&data), place_(&place_data<T>) {}

  // Creates the member at `path` below `group`; AlreadyExistsError when the name is taken.
  void place(const Group& group, std::string_view path) const { place_(group, path, value_); }

 private:
  using PlaceFn = void (*)(const Group&, std::string_view, const void*);
  static void place_hard_link(const Group& g, std::string_view path, const void* value);
  static void place_entry(const Group& g, std::string_view path, const void* value);
  static void place_soft_link(const Group& g, std::string_view path, const void* value);
  static void place_external_link(const Group& g, std::string_view path, const void* value);
  static void place_type(const Group& g, std::string_view path, const void* value);
  static void place_empty(const Group& g, std::string_view path, const void* value);
  template <class T>
  static void place_data(const Group& g, std::string_view path, const void* value);

  const void* value_;
  PlaceFn place_;
};

struct GroupOptions {
  bool track_order = false;  // remember creation order of links and attributes
  // Keep up to this many attributes in the group's object header (0: HDF5's default, 8). Files
  // written with libver latest move more than 8 attributes to dense storage (a fractal heap and a
  // B-tree per group): for groups that hold many small attributes, compact storage is faster to
  // write and read and makes smaller files. H5Pset_attr_phase_change.
  unsigned max_compact_attributes = 0;
};

enum class IterationOrder {
  automatic,  // creation order when the group tracks it, else name order (h5py's behaviour)
  name,
  creation,
};

class Group : public Object {
 public:
  Group() = default;
  explicit Group(detail::Handle handle) : Object(std::move(handle)) {}

  // g["a/b"]: a proxy that opens, links or tests the path (see Entry).
  Entry operator[](std::string_view path) const;

  // Opens the object at a path (absolute or relative to this group).
  Object open(std::string_view path) const;
  // The object at `path`, or nullopt when HDF5 cannot open one there (missing, dangling, or
  // unreadable: open() says which). One lookup where contains() then open() make two. A closed group
  // or an invalid path still throws.
  std::optional<Object> try_open(std::string_view path) const;
  Group group(std::string_view path) const;
  Dataset dataset(std::string_view path) const;
  // Opens a dataset with access options (its chunk cache): dataset("x", DatasetAccess{}.chunk_cache({...})).
  Dataset dataset(std::string_view path, const DatasetAccess& access) const;

  // Creates the group and any missing intermediate groups; AlreadyExistsError if the name is taken.
  Group create_group(std::string_view path, const GroupOptions& options = {}) const;
  // Opens the group, creating it when absent; TypeMismatchError when the path holds a dataset.
  Group require_group(std::string_view path) const;

  // A dataset holding `data`, with its type and shape.
  template <class T>
  Dataset create_dataset(std::string_view path, const T& data, const DatasetOptions& options = {}) const {
    Shape shape;
    inspector<T>::shape(data, shape);
    const Datatype type = options.dtype() ? *options.dtype() : dtype<T>();  // value_or would build dtype<T>() always
    Dataset ds = create_dataset(path, detail::shape_for_type(shape, type), type, options);
    try {
      ds.write(data);
    } catch (...) {
      discard_new(path);  // nothing half-made stays behind
      throw;
    }
    return ds;
  }
  // An uninitialised dataset (reads give the fill value) of a shape and type.
  Dataset create_dataset(std::string_view path, const Shape& shape, const Datatype& type,
                         const DatasetOptions& options = {}) const;
  // A dataset with a null dataspace.
  Dataset create_dataset(std::string_view path, const Empty& empty) const;
  // Opens the dataset when it exists with this shape and a type convertible to `type`, creates it otherwise.
  Dataset require_dataset(std::string_view path, const Shape& shape, const Datatype& type,
                          const DatasetOptions& options = {}) const;
  // h5py's create_dataset(name, shape, data=...): the elements of a contiguous `data` in row-major
  // order, stored with `shape` (numpy's reshape: the same number of elements, else ShapeMismatchError).
  template <class R>
    requires std::ranges::contiguous_range<const R&> && std::ranges::sized_range<const R&> &&
             (!std::is_same_v<std::ranges::range_value_t<const R&>, char>)
  Dataset create_dataset(std::string_view path, const Shape& shape, const R& data,
                         const DatasetOptions& options = {}) const {
    using E = std::remove_const_t<std::ranges::range_value_t<const R&>>;
    const std::size_t n = std::ranges::size(data);
    if (n != element_count(shape)) reject_reshape(path, shape, n);
    return create_dataset(path, NDView<const E>{std::ranges::data(data), shape}, options);
  }
  // h5py's create_dataset_like: a new dataset with `other`'s shape, type, maxshape and creation
  // properties (layout, chunks, filters, fill value and time), written with nothing (reads give the
  // fill value). `other` may be in another file.
  Dataset create_dataset_like(std::string_view path, const Dataset& other) const;
  // The same with another shape. As in h5py, `other`'s maxshape is kept when it differs from its
  // shape (unlimited axes stay unlimited; a new shape past it is an InvalidArgumentError); otherwise
  // the new shape is the maxshape. Chunks larger than a fixed axis of the new shape are refused.
  Dataset create_dataset_like(std::string_view path, const Dataset& other, const Shape& shape) const;
  // h5py's create_virtual_dataset: a dataset read from regions of others (virtual.hpp). `options`
  // may give the fill value (what unmapped or missing source elements read as), track_order and
  // track_times; anything about storage is an InvalidArgumentError, as is a mapping whose two
  // regions select different numbers of elements.
  Dataset create_virtual_dataset(std::string_view path, const VirtualLayout& layout,
                                 const DatasetOptions& options = {}) const;

  // True when the path leads to an object (false for a dangling soft link). Tests each path
  // component; never lists a group.
  bool contains(std::string_view path) const;
  // True when the last component is a link, even one that dangles.
  bool has_link(std::string_view path) const;
  std::size_t size() const;  // number of links in this group
  bool tracks_creation_order() const;
  std::vector<std::string> keys(IterationOrder order = IterationOrder::automatic) const;
  std::vector<std::pair<std::string, Object>> items(IterationOrder order = IterationOrder::automatic) const;

  void erase(std::string_view path) const;                      // unlink (h5py's del g[path])
  void move(std::string_view from, std::string_view to) const;  // rename within the file

  // ---- h5py's dict methods (docs/guide.md, "Groups as dictionaries") ----
  // The object at `path`, or nullopt when there is none (missing, or a dangling link): h5py's
  // g.get(path). Unlike try_open, a link that exists but cannot be opened still throws.
  std::optional<Object> get(std::string_view path) const;
  // The link itself, not followed (h5py's g.get(path, getlink=True)), or nullopt when there is no
  // link. A dangling link is returned too (h5py returns None for it).
  std::optional<LinkInfo> get_link(std::string_view path) const;
  // What the link leads to (h5py's g.get(path, getclass=True)), or nullopt when missing or dangling.
  std::optional<ObjectKind> get_kind(std::string_view path) const;
  // Opens the object at `path` and removes the link (h5py's g.pop(path)). The returned handle keeps
  // the object alive while it is open. NotFoundError when missing or dangling; nothing is removed.
  Object pop(std::string_view path) const;
  // Removes every link in this group (soft, external and dangling links too).
  void clear() const;
  // g[name] = value for each pair, as h5py's g.update(mapping). Every name is checked first: a taken
  // or repeated name is AlreadyExistsError / InvalidArgumentError and nothing is written. When a
  // value fails to write, the members already placed by this call are removed again.
  void update(std::initializer_list<std::pair<std::string_view, Member>> members) const;
  // The same from any map or range of (name, value) pairs: std::map<std::string, std::vector<double>>...
  template <class Map>
    requires requires(const Map& m) { m.begin()->first; m.begin()->second; }
  void update(const Map& members) const {
    std::vector<std::pair<std::string_view, Member>> list;
    for (const auto& [name, value] : members) list.emplace_back(std::string_view(name), Member(value));
    update_members(list);
  }
  // Opens the object at `path`, or places `value` there first when nothing is there (h5py's
  // g.setdefault(path, value), which returns the object here, not the value).
  Object setdefault(std::string_view path, const Member& value) const;

  void link(std::string_view path, const Object& target) const;  // hard link
  void link(std::string_view path, const SoftLink& link) const;
  void link(std::string_view path, const ExternalLink& link) const;
  LinkInfo link_info(std::string_view path) const;
  ObjectKind object_kind(std::string_view path) const;  // NotFoundError if absent or dangling

  // Recursively visits every object below this group once (h5py's visit), in name order, with
  // paths relative to this group. The callback returns true to stop; the name it stopped at is returned.
  std::optional<std::string> visit(const std::function<bool(const std::string& name)>& callback) const;
  std::optional<std::string> visit_items(
      const std::function<bool(const std::string& name, const Object& object)>& callback) const;
  // Recursively visits every link below this group (h5py 3.11's visit_links): soft and external
  // links, dangling ones included, are listed and never followed; a group reached through two hard
  // links lists its members once. Name order within each group, a group's links before those below
  // them, as h5py (H5Lvisit). The same stop convention as visit().
  std::optional<std::string> visit_links(const std::function<bool(const std::string& name)>& callback) const;
  // h5py's visititems_links: the callback also gets the link (kind and target), not the object.
  std::optional<std::string> visit_links_items(
      const std::function<bool(const std::string& name, const LinkInfo& link)>& callback) const;

  // Copies the object at `source` to `dest_name` in `dest` (same or another file) and opens the copy.
  Object copy(std::string_view source, const Group& dest, std::string_view dest_name,
              const CopyOptions& options = {}) const;
  Object copy(const Object& source, const Group& dest, std::string_view dest_name,
              const CopyOptions& options = {}) const;
  // h5py's g.copy(source, dest_group): the copy goes into `dest` under the source's own name (the
  // last component of the path it was opened through). InvalidArgumentError for the root group.
  Object copy(std::string_view source, const Group& dest, const CopyOptions& options = {}) const;
  Object copy(const Object& source, const Group& dest, const CopyOptions& options = {}) const;
  // h5py's g.copy(source, "name"): a copy beside it, `dest_path` relative to this group.
  Object copy(std::string_view source, std::string_view dest_path, const CopyOptions& options = {}) const;

  // ---- References and named types (docs/references.md, include/h5kit/named_type.hpp) ----
  // Opens the object a reference points to. InvalidArgumentError for the null reference,
  // NotFoundError when nothing in this file is at the referenced address.
  Object dereference(const ObjectReference& ref) const;
  // Opens the dataset a region reference points to, with the stored selection applied (read<T>(),
  // write()); its shape is the one h5py gives dset[regionref] (docs/references.md).
  // InvalidArgumentError for the null reference, NotFoundError when it points at nothing here.
  DatasetSelection dereference(const RegionReference& ref) const;
  // Only the stored selection (its extent is the dataset's shape when the reference was made).
  Selection region(const RegionReference& ref) const;
  // Stores a copy of `type` in the file under `path` (H5Tcommit2) and returns the committed type;
  // datasets and attributes created with it share it. AlreadyExistsError when the name is taken.
  Datatype commit_type(std::string_view path, const Datatype& type) const;
  // Opens a committed type; NotFoundError when absent, TypeMismatchError when the path holds a
  // group or dataset.
  Datatype open_type(std::string_view path) const;
  // Names of the committed types linked directly in this group (keys() lists every link).
  std::vector<std::string> type_names(IterationOrder order = IterationOrder::automatic) const;
  // ---- end references and named types ----

 private:
  [[noreturn]] void reject_reshape(std::string_view path, const Shape& shape, std::size_t elements) const;
  void discard_new(std::string_view path) const noexcept;
  void update_members(const std::vector<std::pair<std::string_view, Member>>& members) const;
};

template <class T>
void Member::place_data(const Group& g, std::string_view path, const void* value) {
  g.create_dataset(path, *static_cast<const T*>(value));
}

// The value of g[path]. Converts to the object there, or assigns to the path what h5py's
// g[path] = x does (see Member); the name must be free (AlreadyExistsError):
//   Dataset d = f["data/temperature"];     // open
//   f["alias"] = d;                        // hard link
//   f["maybe"] = SoftLink{"/data/x"};      // soft link
//   f["ext"] = ExternalLink{"other.h5", "/x"};
//   f["x"] = std::vector<double>{1, 2};    // a new dataset holding the data
//   f["t"] = Datatype::int16();            // a committed type
class Entry {
 public:
  Entry(Group parent, std::string path) : parent_(std::move(parent)), path_(std::move(path)) {}
  Entry(const Entry&) = default;

  const std::string& path() const noexcept { return path_; }
  bool exists() const { return parent_.contains(path_); }
  Object open() const { return parent_.open(path_); }
  Group as_group() const { return parent_.group(path_); }
  Dataset as_dataset() const { return parent_.dataset(path_); }
  operator Object() const { return open(); }
  operator Group() const { return as_group(); }
  operator Dataset() const { return as_dataset(); }
  AttributeManager attrs() const { return open().attrs(); }
  LinkInfo link_info() const { return parent_.link_info(path_); }
  Entry operator[](std::string_view sub) const;

  template <class T>
  T read() const {
    return as_dataset().read<T>();
  }

  Entry& operator=(const Object& target) { parent_.link(path_, target); return *this; }
  Entry& operator=(const SoftLink& link) { parent_.link(path_, link); return *this; }
  Entry& operator=(const ExternalLink& link) { parent_.link(path_, link); return *this; }
  Entry& operator=(const Entry& other) { parent_.link(path_, other.open()); return *this; }
  Entry& operator=(const Datatype& type) { Member(type).place(parent_, path_); return *this; }
  Entry& operator=(const Empty& empty) { Member(empty).place(parent_, path_); return *this; }
  template <detail::DatasetData T>
  Entry& operator=(const T& data) {
    parent_.create_dataset(path_, data);
    return *this;
  }

 private:
  Group parent_;
  std::string path_;
};

}  // namespace h5kit

// The non-template half of write_object / read_object: tags, staging, list numbering, errors.
#include "h5kit/lazy/object.hpp"

#include <hdf5.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <set>

#include "detail/checked.hpp"
#include "lazy/raw_blocks.hpp"

namespace h5kit::lazy::impl {
namespace {

// Members written under this prefix are staged copies, swapped in when complete (write_fresh).
constexpr std::string_view kStagedPrefix = "__h5kit_staged__";

using h5kit::detail::reject;
using h5kit::detail::Where;

std::string string_attribute(const Object& object, const char* name) {
  const AttributeManager attrs = object.attrs();
  if (!attrs.contains(name)) return {};
  const Attribute a = attrs.open(name);
  if (a.dtype().type_class() != TypeClass::string || !a.shape().empty()) return {};
  return a.read<std::string>();
}

std::mutex tags_mutex;
std::set<std::string>& tags() {
  static std::set<std::string> known;
  return known;
}

}  // namespace

std::string h5_type_of(const Object& object) { return string_attribute(object, kTypeAttribute); }

std::string class_tag_of(const Object& object) { return string_attribute(object, kClassAttribute); }

bool is_none_dataset(const Object& object) {
  return object.kind() == ObjectKind::dataset && object.as_dataset().is_empty();
}

std::optional<Dataset> comparable_dataset(const std::optional<Object>& existing, const Datatype& type,
                                          const Shape& shape) {
  if (!existing || existing->kind() != ObjectKind::dataset) return std::nullopt;
  Dataset ds = existing->as_dataset();
  if (ds.is_empty() || ds.shape() != shape || !(ds.dtype() == type)) return std::nullopt;
  return ds;
}

void check_member_name(const Group& parent, std::string_view name) {
  if (name.empty() || name.find('/') != std::string_view::npos || name == "." || name == "..")
    reject(ErrorKind::invalid_argument, "write object", Where{parent.id()},
           "expected a member name without '/', not empty, \".\" or \"..\"; found \"" + std::string(name) +
               "\" (nothing was written)");
}

void check_key(const Group& parent, std::string_view key) {
  check_member_name(parent, key);
  if (key.starts_with(kStagedPrefix))
    reject(ErrorKind::invalid_argument, "write object", Where{parent.id()},
           "expected a key not starting with \"" + std::string(kStagedPrefix) +
               "\" (h5kit stages replacements under it); found \"" + std::string(key) + "\" (nothing was written)");
}

bool holds_bytes(const Dataset& ds, const Datatype& type, const void* data) {
  const std::size_t element_size = type.size();
  const Shape shape = ds.shape();
  const ChunkPlan plan(shape, elements_within_cap(element_size), ds.chunks());
  const auto* expected = static_cast<const std::byte*>(data);
  std::vector<std::byte> buffer;
  for (const Block& b : plan) {  // a plan's blocks are contiguous row-major runs
    std::size_t first = 0;
    for (std::size_t i = 0; i < shape.size(); ++i) first = first * shape[i] + b.offset[i];
    buffer.resize(element_count(b.count) * element_size);
    detail::read_raw(ds, type, b, buffer.data(), "compare before writing");
    if (std::memcmp(buffer.data(), expected + first * element_size, buffer.size()) != 0) return false;
  }
  return true;
}

Group create_container(const Group& parent, std::string_view name, const char* h5_type, const char* class_tag) {
  Group g = parent.create_group(name, GroupOptions{.track_order = true});
  if (h5_type) g.attrs().set(kTypeAttribute, std::string(h5_type));
  if (class_tag) g.attrs().set(kClassAttribute, std::string(class_tag));
  return g;
}

void write_none(const Group& parent, std::string_view name) { parent.create_dataset(name, Empty{Datatype::int8()}); }

bool keep_only(const Group& group, const std::vector<std::string>& keep) {
  bool removed = false;
  for (const std::string& key : member_keys(group)) {
    if (std::find(keep.begin(), keep.end(), key) != keep.end()) continue;
    group.erase(key);
    removed = true;
  }
  return removed;
}

std::size_t list_size(const Group& group) {
  const std::vector<std::string> keys = member_keys(group, IterationOrder::name);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!group.has_link(std::to_string(i)))
      reject(ErrorKind::type_mismatch, "open list", Where{group.id()},
             "a list's members are named 0.." + std::to_string(keys.size() - 1) + ", but \"" + std::to_string(i) +
                 "\" is missing");
  }
  return keys.size();
}

bool truncate_list(const Group& group, std::size_t n) {
  bool removed = false;
  for (std::size_t i = n; group.has_link(std::to_string(i)); ++i) {
    group.erase(std::to_string(i));
    removed = true;
  }
  return removed;
}

std::string staged_name(std::string_view name) { return std::string(kStagedPrefix) + std::string(name); }

std::vector<std::string> member_keys(const Group& group, IterationOrder order) {
  std::vector<std::string> keys = group.keys(order);
  std::erase_if(keys, [](const std::string& key) { return key.starts_with(kStagedPrefix); });
  return keys;
}

void discard(const Group& parent, std::string_view name) noexcept {
  const std::string n(name);
  h5kit::detail::silence_hdf5_errors();
  H5Ldelete(parent.id(), n.c_str(), H5P_DEFAULT);
  H5Eclear2(H5E_DEFAULT);
}

void commit_staged(const Group& parent, std::string_view name, std::string_view staged) {
  parent.erase(name);
  parent.move(staged, name);
}

void register_tag(const char* tag) {
  const std::lock_guard lock(tags_mutex);
  tags().insert(tag);
}

void wrong_kind(const Object& object, const char* operation, std::string expected) {
  reject(ErrorKind::type_mismatch, operation, Where{object.id()}, "expected " + expected);
}

void wrong_tag(const Object& object, const char* expected, const std::string& found) {
  std::string known;
  {
    const std::lock_guard lock(tags_mutex);
    for (const std::string& t : tags()) known += (known.empty() ? "" : ", ") + ("'" + t + "'");
  }
  reject(ErrorKind::type_mismatch, "read object", Where{object.id()},
         std::string("expected an object tagged '") + expected + "' in " + kClassAttribute + ", found '" + found +
             "'; tags known: " + (known.empty() ? "none" : known));
}

void set_variant_index(const Object& object, std::size_t index) {
  object.attrs().set(kVariantAttribute, static_cast<std::uint64_t>(index));
}

std::size_t variant_index(const Object& object, std::size_t alternatives) {
  const AttributeManager attrs = object.attrs();
  if (!attrs.contains(kVariantAttribute)) return alternatives;  // an invalid index: "none recorded"
  return static_cast<std::size_t>(attrs.get<std::uint64_t>(kVariantAttribute));
}

Group expect_group(const Object& object, const char* operation, const char* h5_type) {
  if (object.kind() != ObjectKind::group)
    wrong_kind(object, operation, std::string("a group, found a ") + to_string(object.kind()));
  const std::string found = h5_type_of(object);
  if (found != h5_type)
    wrong_kind(object, operation,
               std::string("a group with ") + kTypeAttribute + " = '" + h5_type + "', found '" + found + "'");
  return object.as_group();
}

}  // namespace h5kit::lazy::impl

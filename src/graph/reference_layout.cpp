// Reference layouts: a walk over the datatype tree (H5Tget_class, H5Tget_member_*, H5Tget_super).
#include "h5kit/graph/reference_layout.hpp"

#include <hdf5.h>

#include <cstring>

#include "detail/checked.hpp"

namespace h5kit::graph {

using detail::checked;
using detail::Handle;
using detail::Where;

const char* to_string(ReferenceKind kind) noexcept {
  return kind == ReferenceKind::region ? "region" : "object";
}

std::size_t reference_size(ReferenceKind kind) noexcept {
  return kind == ReferenceKind::region ? sizeof(hdset_reg_ref_t) : sizeof(hobj_ref_t);
}

bool ReferenceLayout::empty() const noexcept { return slots.empty() && sequences.empty(); }

bool ReferenceLayout::is_plain_reference() const noexcept {
  return sequences.empty() && slots.size() == 1 && slots.front().offset == 0 && slots.front().field_path.empty();
}

namespace {

constexpr const char* kOp = "reference layout";

std::string join_field(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}

void collect(hid_t type, std::size_t base, const std::string& path, ReferenceLayout& out);

// An array member: its base layout repeated once per element, with [i] appended to the path.
void collect_array(hid_t type, std::size_t base, const std::string& path, ReferenceLayout& out) {
  Handle super(checked(H5Tget_super(type), kOp, Where{}));
  const int rank = checked(H5Tget_array_ndims(type), kOp, Where{});
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  checked(H5Tget_array_dims2(type, dims.data()), kOp, Where{});
  std::size_t n = 1;
  for (hsize_t d : dims) n *= static_cast<std::size_t>(d);
  ReferenceLayout one;
  collect(super.get(), 0, "", one);
  if (one.empty()) return;
  const std::size_t step = H5Tget_size(super.get());
  for (std::size_t i = 0; i < n; ++i) {
    const std::string at = path + "[" + std::to_string(i) + "]";
    for (const ReferenceSlot& slot : one.slots) {
      const std::string sub = slot.field_path.empty() ? at : at + "." + slot.field_path;
      out.slots.push_back({base + i * step + slot.offset, slot.kind, sub});
    }
    for (const ReferenceSequence& seq : one.sequences) {
      const std::string sub = seq.field_path.empty() ? at : at + "." + seq.field_path;
      out.sequences.push_back({base + i * step + seq.offset, sub, seq.element});
    }
  }
}

void collect(hid_t type, std::size_t base, const std::string& path, ReferenceLayout& out) {
  switch (H5Tget_class(type)) {
    case H5T_REFERENCE: {
      // H5Tequal against the two predefined reference types: a region reference is 12 bytes.
      const bool region = checked(H5Tequal(type, H5T_STD_REF_DSETREG), kOp, Where{}) > 0;
      out.slots.push_back({base, region ? ReferenceKind::region : ReferenceKind::object, path});
      return;
    }
    case H5T_COMPOUND: {
      const int n = checked(H5Tget_nmembers(type), kOp, Where{});
      for (int i = 0; i < n; ++i) {
        const auto index = static_cast<unsigned>(i);
        char* raw_name = H5Tget_member_name(type, index);
        const std::string name = raw_name ? raw_name : "";
        H5free_memory(raw_name);
        const std::size_t offset = H5Tget_member_offset(type, index);
        Handle member(checked(H5Tget_member_type(type, index), kOp, Where{}));
        collect(member.get(), base + offset, join_field(path, name), out);
      }
      return;
    }
    case H5T_ARRAY: collect_array(type, base, path, out); return;
    case H5T_VLEN: {
      Handle super(checked(H5Tget_super(type), kOp, Where{}));
      ReferenceSequence seq{base, path, {}};
      collect(super.get(), 0, "", seq.element);
      seq.element.element_size = H5Tget_size(super.get());
      if (!seq.element.empty()) out.sequences.push_back(std::move(seq));
      return;
    }
    default: return;  // integers, floats, strings (vlen strings are H5T_STRING), enums, opaque...
  }
}

bool walk(const ReferenceLayout& layout, std::byte* element, const std::string& prefix, std::size_t index,
          const std::function<bool(std::size_t, const ReferenceHit&)>& visit) {
  for (const ReferenceSlot& slot : layout.slots) {
    std::string field = prefix.empty() ? slot.field_path
                        : slot.field_path.empty() ? prefix
                                                  : prefix + "." + slot.field_path;
    if (visit(index, ReferenceHit{&slot, element + slot.offset, std::move(field)})) return true;
  }
  for (const ReferenceSequence& seq : layout.sequences) {
    hvl_t vl;
    std::memcpy(&vl, element + seq.offset, sizeof vl);
    if (vl.p == nullptr) continue;
    const std::string base = prefix.empty() ? seq.field_path
                             : seq.field_path.empty() ? prefix
                                                      : prefix + "." + seq.field_path;
    auto* items = static_cast<std::byte*>(vl.p);
    for (std::size_t i = 0; i < vl.len; ++i) {
      if (walk(seq.element, items + i * seq.element.element_size, base + "[" + std::to_string(i) + "]", index, visit))
        return true;
    }
  }
  return false;
}

}  // namespace

ReferenceLayout reference_layout(const Datatype& type) {
  if (!type.valid()) detail::reject(ErrorKind::invalid_argument, kOp, Where{}, "the datatype is not valid");
  detail::silence_hdf5_errors();
  ReferenceLayout out;
  out.element_size = H5Tget_size(type.id());
  collect(type.id(), 0, "", out);
  return out;
}

bool for_each_reference(const ReferenceLayout& layout, std::byte* elements, std::size_t count,
                        const std::function<bool(std::size_t element, const ReferenceHit& hit)>& visit) {
  if (layout.empty() || elements == nullptr) return false;
  for (std::size_t i = 0; i < count; ++i)
    if (walk(layout, elements + i * layout.element_size, "", i, visit)) return true;
  return false;
}

}  // namespace h5kit::graph

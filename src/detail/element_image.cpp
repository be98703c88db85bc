// Structs and variable-length sequences on their way to and from HDF5 (include/h5kit/detail/element_codec.hpp).
//
// A codec is matched against the stored type once per call, giving an Image: the HDF5 memory type
// the transfer uses and where each member sits in it. Plain codecs transfer the caller's objects
// directly; the others are encoded into a packed image buffer (std::string -> char*, VarLen -> hvl_t
// pointing into the caller's data, so writing copies no values) and decoded after reading, after
// which HDF5's allocations are reclaimed with the same memory type.
#include <hdf5.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "detail/checked.hpp"
#include "detail/dataspace.hpp"
#include "detail/element_hooks.hpp"
#include "detail/vlen_reclaim.hpp"
#include "detail/plists.hpp"
#include "h5kit/detail/io.hpp"

namespace h5kit::detail {

// ---- codec builders (called once per C++ type) ----

ElementCodec plain_codec(Datatype type, std::size_t size, std::size_t align) {
  ElementCodec c;
  c.kind = ElementCodec::Kind::plain;
  c.size = size;
  c.align = align;
  c.plain_type = std::move(type);
  return c;
}

const ElementCodec& string_codec() {
  static const ElementCodec codec = [] {
    ElementCodec c;
    c.kind = ElementCodec::Kind::string;
    c.size = sizeof(std::string);
    c.align = alignof(std::string);
    return c;
  }();
  return codec;
}

ElementCodec array_codec(const ElementCodec& element, std::size_t count, std::size_t size, std::size_t align) {
  ElementCodec c;
  c.kind = ElementCodec::Kind::array;
  c.size = size;
  c.align = align;
  c.dims = {count};
  c.element = &element;
  // Nested std::arrays are one multi-dimensional HDF5 array: std::array<std::array<float, 3>, 2> is (2, 3).
  if (element.kind == ElementCodec::Kind::array) {
    c.dims.insert(c.dims.end(), element.dims.begin(), element.dims.end());
    c.element = element.element;
  }
  if (c.element->plain_type.valid()) c.plain_type = Datatype::array(c.element->plain_type, c.dims);
  return c;
}

ElementCodec sequence_codec(const ElementCodec& element, SequenceAccess access, std::size_t size, std::size_t align) {
  ElementCodec c;
  c.kind = ElementCodec::Kind::sequence;
  c.size = size;
  c.align = align;
  c.element = &element;
  c.sequence = access;
  return c;
}

ElementCodec compound_codec(std::vector<CodecMember> members, std::size_t size, std::size_t align) {
  ElementCodec c;
  c.kind = ElementCodec::Kind::compound;
  c.size = size;
  c.align = align;
  c.members = std::move(members);
  const bool all_plain =
      std::all_of(c.members.begin(), c.members.end(), [](const CodecMember& m) { return m.codec->plain_type.valid(); });
  if (all_plain) {
    std::vector<CompoundMember> layout;
    for (const auto& m : c.members) layout.push_back({m.name, m.offset, m.codec->plain_type});
    c.plain_type = Datatype::compound(size, layout);
  }
  return c;
}

namespace {

bool is_plain(const ElementCodec& c) { return c.plain_type.valid(); }

std::size_t round_up(std::size_t n, std::size_t align) { return (n + align - 1) / align * align; }

// One node of the memory image for a codec matched against a stored type.
struct Image {
  const ElementCodec* codec = nullptr;
  Datatype type;            // the HDF5 memory type of this node
  std::size_t size = 0;     // bytes this node takes in the image
  std::size_t align = 1;
  bool direct = false;      // the C++ bytes are the image bytes
  std::size_t string_width = 0;  // fixed-length strings: the width; 0 = variable-length
  bool space_padded = false;
  const char* name = "";    // the struct member this node is, for messages
  std::vector<std::size_t> offsets;  // compound: each member's offset in the image
  std::vector<Image> children;       // compound: one per member; array and sequence: the value
};

struct Context {
  const IoTarget& target;
  const char* operation;
  bool writing;

  [[noreturn]] void mismatch(const std::string& detail) const { refuse(ErrorKind::type_mismatch, detail); }
  [[noreturn]] void refuse(ErrorKind kind, const std::string& detail) const {
    reject(kind, operation, Where{target.id}, attribute_prefix(target) + detail + (writing ? "; nothing was written" : ""));
  }
};

std::string member_list(const Datatype& compound) {
  std::string out;
  for (const auto& m : compound.members()) out += (out.empty() ? "" : ", ") + m.name;
  return out;
}

std::string what(const char* member) {
  return *member ? std::string("member \"") + member + "\"" : std::string("the element");
}

// Struct members match stored members by name (HDF5's compound conversion does the same): reading
// needs every struct member in the file; writing needs the two member sets to be equal, since HDF5
// would leave unmatched stored members unwritten, unless the fields were named (DatasetFields).
void match_names(const ElementCodec& codec, const Datatype& stored, const Context& ctx, const char* member) {
  if (!stored.valid()) return;
  if (stored.type_class() != TypeClass::compound)
    ctx.mismatch(what(member) + ": the stored type is " + stored.name() + ", not a compound that a struct with members " +
                 default_type(codec).name() + " can " + (ctx.writing ? "be written to" : "be read from"));
  for (const auto& m : codec.members)
    if (!stored.member(m.name))
      ctx.mismatch(std::string("struct member \"") + m.name + "\" is not in the stored compound (its members: " +
                   member_list(stored) + ")");
  // Naming the fields (DatasetFields, at the top level) says the others are to be left as they are.
  const bool fields_named = ctx.target.fields && member[0] == '\0';
  if (ctx.writing && !fields_named)
    for (const auto& s : stored.members()) {
      const bool known = std::any_of(codec.members.begin(), codec.members.end(),
                                     [&](const CodecMember& m) { return s.name == m.name; });
      if (!known)
        ctx.mismatch("the stored compound has member \"" + s.name + "\", which the struct does not (struct " +
                     default_type(codec).name() + ", stored " + stored.name() + ")");
    }
}

// Inside compounds and sequences HDF5 converts enums by name itself, and turns a value whose name
// the destination lacks into all-ones garbage; so the names the data can carry must all be known
// on the other side (stored names when reading, the C++ enum's when writing).
void match_enum_names(const Datatype& cpp, const Datatype& stored, const Context& ctx, const char* member) {
  const auto cpp_members = cpp.enum_members();
  const auto stored_members = stored.enum_members();
  const auto& from = ctx.writing ? cpp_members : stored_members;
  const auto& to = ctx.writing ? stored_members : cpp_members;
  for (const auto& [name, value] : from) {
    const std::string& wanted = name;  // Clang 14 cannot capture a structured binding
    const bool known = std::any_of(to.begin(), to.end(), [&](const auto& m) { return m.first == wanted; });
    if (!known)
      ctx.mismatch(what(member) + ": the " + (ctx.writing ? "C++ enum" : "stored enum") + " has \"" + name + "\" (" +
                   std::to_string(value) + "), which the " + (ctx.writing ? "stored " + stored.name() : "C++ " + cpp.name()) +
                   " does not have");
  }
}

// Plain codecs go to HDF5 as they are, but their compounds (also inside arrays) are still matched by name.
void match_plain(const ElementCodec& codec, const Datatype& stored, const Context& ctx, const char* member) {
  if (!stored.valid()) return;
  if (codec.kind == ElementCodec::Kind::compound) {
    match_names(codec, stored, ctx, member);
    for (const auto& m : codec.members) match_plain(*m.codec, stored.member(m.name)->type, ctx, m.name);
  } else if (codec.kind == ElementCodec::Kind::array && stored.type_class() == TypeClass::array) {
    match_plain(*codec.element, stored.super(), ctx, member);
  } else if (codec.plain_type.type_class() == TypeClass::enumeration &&
             stored.type_class() == TypeClass::enumeration) {
    match_enum_names(codec.plain_type, stored, ctx, member);
  }
}

Image build_image(const ElementCodec& codec, const Datatype& stored, const Context& ctx, const char* member);

Image compound_image(const ElementCodec& codec, const Datatype& stored, const Context& ctx) {
  Image im;
  std::size_t offset = 0;
  for (const auto& m : codec.members) {
    Image child = build_image(*m.codec, stored.valid() ? stored.member(m.name)->type : Datatype{}, ctx, m.name);
    offset = round_up(offset, child.align);
    im.offsets.push_back(offset);
    offset += child.size;
    im.align = std::max(im.align, child.align);
    im.children.push_back(std::move(child));
  }
  im.size = round_up(std::max<std::size_t>(offset, 1), im.align);
  std::vector<CompoundMember> layout;
  for (std::size_t i = 0; i < codec.members.size(); ++i)
    layout.push_back({codec.members[i].name, im.offsets[i], im.children[i].type});
  im.type = Datatype::compound(im.size, layout);
  return im;
}

Image build_image(const ElementCodec& codec, const Datatype& stored, const Context& ctx, const char* member) {
  if (is_plain(codec)) {
    match_plain(codec, stored, ctx, member);
    Image im;
    im.codec = &codec;
    im.type = codec.plain_type;
    im.size = codec.size;
    im.align = codec.align;
    im.direct = true;
    im.name = member;
    return im;
  }
  Image im;
  switch (codec.kind) {
    case ElementCodec::Kind::string: {
      if (stored.valid() && stored.type_class() != TypeClass::string)
        ctx.mismatch(what(member) + " is a std::string, but the stored type is " + stored.name());
      // A fixed-length stored string (h5py's 'S10' field) keeps its width in the image: HDF5 does
      // not convert between fixed- and variable-length strings.
      if (stored.valid() && stored.is_fixed_string()) {
        im.type = stored;
        im.size = stored.size();
        im.string_width = im.size;
        im.space_padded = H5Tget_strpad(stored.id()) == H5T_STR_SPACEPAD;
      } else {
        im.type = Datatype::variable_string(stored.valid() ? stored.charset() : CharSet::utf8);
        im.size = sizeof(char*);
        im.align = alignof(char*);
      }
      break;
    }
    case ElementCodec::Kind::sequence: {
      if (stored.valid() && stored.type_class() != TypeClass::vlen)
        ctx.mismatch(what(member) + " is a variable-length sequence (VarLen), but the stored type is " + stored.name() +
                     ", which holds no ragged rows");
      im.children.push_back(build_image(*codec.element, stored.valid() ? stored.super() : Datatype{}, ctx, member));
      im.type = Datatype::vlen(im.children.front().type);
      im.size = sizeof(hvl_t);
      im.align = alignof(hvl_t);
      break;
    }
    case ElementCodec::Kind::array: {
      if (stored.valid() && (stored.type_class() != TypeClass::array || stored.array_dims() != codec.dims))
        ctx.mismatch(what(member) + " is an array of shape " + to_string(codec.dims) + ", but the stored type is " +
                     stored.name());
      im.children.push_back(build_image(*codec.element, stored.valid() ? stored.super() : Datatype{}, ctx, member));
      im.type = Datatype::array(im.children.front().type, codec.dims);
      im.size = im.children.front().size * element_count(codec.dims);
      im.align = im.children.front().align;
      break;
    }
    case ElementCodec::Kind::compound:
      match_names(codec, stored, ctx, member);
      im = compound_image(codec, stored, ctx);
      break;
    case ElementCodec::Kind::plain: break;  // handled above
  }
  im.codec = &codec;
  im.name = member;
  return im;
}

// Buffers made for nested non-direct sequences while encoding; alive until the write is done.
using Scratch = std::vector<std::unique_ptr<unsigned char[]>>;

void encode(const Image& im, const unsigned char* object, unsigned char* out, Scratch& scratch, const Context& ctx) {
  if (im.direct) {
    std::memcpy(out, object, im.size);
    return;
  }
  const ElementCodec& codec = *im.codec;
  switch (codec.kind) {
    case ElementCodec::Kind::string: {
      const auto& s = *reinterpret_cast<const std::string*>(object);
      if (im.string_width == 0) {
        const char* p = s.c_str();
        std::memcpy(out, &p, sizeof p);
      } else {
        if (s.size() > im.string_width)
          ctx.refuse(ErrorKind::invalid_argument, what(im.name) + ": a string of " + std::to_string(s.size()) +
                       " bytes does not fit the stored fixed length of " + std::to_string(im.string_width) + " bytes");
        std::memcpy(out, s.data(), s.size());
      }
      return;
    }
    case ElementCodec::Kind::sequence: {
      const Image& value = im.children.front();
      hvl_t h{codec.sequence.size(object), const_cast<void*>(codec.sequence.data(object))};
      if (!value.direct && h.len > 0) {
        auto* buffer = new unsigned char[h.len * value.size]();
        scratch.emplace_back(buffer);
        const auto* in = static_cast<const unsigned char*>(h.p);
        for (std::size_t i = 0; i < h.len; ++i)
          encode(value, in + i * value.codec->size, buffer + i * value.size, scratch, ctx);
        h.p = buffer;
      }
      std::memcpy(out, &h, sizeof h);
      return;
    }
    case ElementCodec::Kind::array: {
      const Image& value = im.children.front();
      for (std::size_t i = 0, n = element_count(codec.dims); i < n; ++i)
        encode(value, object + i * value.codec->size, out + i * value.size, scratch, ctx);
      return;
    }
    case ElementCodec::Kind::compound:
      for (std::size_t i = 0; i < codec.members.size(); ++i)
        encode(im.children[i], object + codec.members[i].offset, out + im.offsets[i], scratch, ctx);
      return;
    case ElementCodec::Kind::plain: return;
  }
}

void decode(const Image& im, const unsigned char* in, unsigned char* object) {
  if (im.direct) {
    std::memcpy(object, in, im.size);
    return;
  }
  const ElementCodec& codec = *im.codec;
  switch (codec.kind) {
    case ElementCodec::Kind::string: {
      auto& s = *reinterpret_cast<std::string*>(object);
      if (im.string_width == 0) {
        const char* p;
        std::memcpy(&p, in, sizeof p);
        s = p ? p : "";
      } else {
        // Trailing padding is not part of the value, as read_strings (and h5py) strip it.
        const char* text = reinterpret_cast<const char*>(in);
        std::size_t len = im.string_width;
        while (len > 0 && (text[len - 1] == '\0' || (im.space_padded && text[len - 1] == ' '))) --len;
        const char* nul = static_cast<const char*>(std::memchr(text, '\0', len));
        s.assign(text, nul ? static_cast<std::size_t>(nul - text) : len);
      }
      return;
    }
    case ElementCodec::Kind::sequence: {
      const Image& value = im.children.front();
      hvl_t h;
      std::memcpy(&h, in, sizeof h);
      auto* values = static_cast<unsigned char*>(codec.sequence.resize(object, h.len));
      const auto* from = static_cast<const unsigned char*>(h.p);
      if (h.len == 0) return;
      if (value.direct) {
        std::memcpy(values, from, h.len * value.size);
      } else {
        for (std::size_t i = 0; i < h.len; ++i) decode(value, from + i * value.size, values + i * value.codec->size);
      }
      return;
    }
    case ElementCodec::Kind::array: {
      const Image& value = im.children.front();
      for (std::size_t i = 0, n = element_count(codec.dims); i < n; ++i)
        decode(value, in + i * value.size, object + i * value.codec->size);
      return;
    }
    case ElementCodec::Kind::compound:
      for (std::size_t i = 0; i < codec.members.size(); ++i)
        decode(im.children[i], in + im.offsets[i], object + codec.members[i].offset);
      return;
    case ElementCodec::Kind::plain: return;
  }
}

// The stored element type: an HDF5 array type's element when the stored type is an array (the
// io layer adds the array dimensions to the shape).
Datatype stored_element_type(const IoTarget& t) {
  Datatype stored = stored_type_of(t);
  return stored.type_class() == TypeClass::array ? stored.super() : stored;
}

// A direct struct whose numeric members differ from the stored ones: HDF5 would clamp values that
// do not fit, so the conversion runs here with io.cpp's range check (the stored bytes are moved
// unconverted). Only for stored types without variable-length data, which cannot be converted
// outside a transfer.
bool needs_checked_conversion(const Datatype& stored, const Datatype& memory) {
  if (!stored.valid() || stored.type_class() != TypeClass::compound || stored == memory) return false;
  if (H5Tdetect_class(stored.id(), H5T_VLEN) != 0 || H5Tdetect_class(stored.id(), H5T_REFERENCE) != 0) return false;
  return H5Tdetect_class(stored.id(), H5T_INTEGER) > 0 || H5Tdetect_class(stored.id(), H5T_FLOAT) > 0;
}

// n elements of `from` in `buffer` (sized for the larger type) become `to`; false when a value does not fit.
bool convert_compounds(const Datatype& from, const Datatype& to, std::size_t n, void* buffer) {
  std::vector<unsigned char> background(std::max<std::size_t>(n * to.size(), 1), 0);
  const herr_t status = H5Tconvert(from.id(), to.id(), n, buffer, background.data(), range_checked_conversion());
  if (status < 0) H5Eclear2(H5E_DEFAULT);
  return status >= 0;
}

// The stored compound cut down to the members the struct has (in stored order, with their stored
// types, packed): staging through it transfers only those fields, so a write leaves the others as
// they are (HDF5 fills them from the file), and a read fetches no more than it needs.
Datatype stored_subset(const Datatype& stored, const Datatype& memory) {
  std::vector<CompoundMember> kept;
  std::size_t offset = 0;
  const std::vector<CompoundMember> members = stored.members();
  for (const CompoundMember& m : members) {
    if (!memory.member(m.name)) continue;
    kept.push_back({m.name, offset, m.type});
    offset += m.type.size();
  }
  if (kept.size() == members.size()) return stored;
  return Datatype::compound(std::max<std::size_t>(offset, 1), kept);
}

void read_checked(const IoTarget& t, const Datatype& all_stored, const Datatype& memory, void* elements, std::size_t n,
                  const Context& ctx) {
  const Datatype stored = stored_subset(all_stored, memory);
  std::vector<unsigned char> buffer(std::max<std::size_t>(n * std::max(stored.size(), memory.size()), 1));
  read_raw(t, stored, buffer.data(), n);
  if (!convert_compounds(stored, memory, n, buffer.data()))
    ctx.refuse(ErrorKind::type_mismatch, "a stored value does not fit its struct member (stored " + stored.name() +
                                             ", struct " + memory.name() + ")");
  std::memcpy(elements, buffer.data(), n * memory.size());
}

void write_checked(const IoTarget& t, const Datatype& all_stored, const Datatype& memory, const void* elements,
                   const Shape& mem_shape, const Context& ctx) {
  const Datatype stored = stored_subset(all_stored, memory);
  const std::size_t n = element_count(mem_shape);
  std::vector<unsigned char> buffer(std::max<std::size_t>(n * std::max(stored.size(), memory.size()), 1));
  std::memcpy(buffer.data(), elements, n * memory.size());
  if (!convert_compounds(memory, stored, n, buffer.data()))
    ctx.refuse(ErrorKind::invalid_argument, "a value does not fit its stored member (struct " + memory.name() +
                                                ", stored " + stored.name() + ")");
  write_raw(t, stored, buffer.data(), mem_shape);
}

}  // namespace

Datatype default_type(const ElementCodec& codec) {
  if (is_plain(codec)) return codec.plain_type;
  const IoTarget none;
  const Context ctx{none, "create type", false};
  return build_image(codec, Datatype{}, ctx, "").type;
}

void write_elements(const IoTarget& t, const ElementCodec& codec, const void* elements, const Shape& mem_shape) {
  const Context ctx{t, t.is_attribute ? "write attribute" : "write dataset", true};
  const Datatype stored = stored_type_of(t);
  const Image im = build_image(codec, stored_element_type(t), ctx, "");
  if (im.direct) {
    if (needs_checked_conversion(stored, im.type)) return write_checked(t, stored, im.type, elements, mem_shape, ctx);
    write_raw(t, im.type, elements, mem_shape);
    return;
  }
  const std::size_t n = element_count(mem_shape);
  // Everything is encoded (and checked) before anything is written.
  std::vector<unsigned char> image(std::max<std::size_t>(n * im.size, 1), 0);
  Scratch scratch;
  const auto* objects = static_cast<const unsigned char*>(elements);
  for (std::size_t i = 0; i < n; ++i) encode(im, objects + i * codec.size, image.data() + i * im.size, scratch, ctx);
  write_raw(t, im.type, image.data(), mem_shape);
}

void read_elements(const IoTarget& t, const ElementCodec& codec, void* elements, std::size_t count) {
  const Context ctx{t, t.is_attribute ? "read attribute" : "read dataset", false};
  const Datatype stored = stored_type_of(t);
  const Image im = build_image(codec, stored_element_type(t), ctx, "");
  if (im.direct) {
    if (needs_checked_conversion(stored, im.type)) return read_checked(t, stored, im.type, elements, count, ctx);
    read_raw(t, im.type, elements, count);
    return;
  }
  if (count == 0) return;
  std::vector<unsigned char> image(count * im.size, 0);
  const VlenReclaimer reclaim(im.type.id(), count, image.data());
  read_raw(t, im.type, image.data(), count);
  auto* objects = static_cast<unsigned char*>(elements);
  for (std::size_t i = 0; i < count; ++i) decode(im, image.data() + i * im.size, objects + i * codec.size);
}

}  // namespace h5kit::detail

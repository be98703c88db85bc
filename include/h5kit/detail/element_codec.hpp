#pragma once
// A run-time description of how one C++ element maps to HDF5, for elements whose memory HDF5
// cannot always use as it is: described structs (compounds) and variable-length sequences.
//
// Each C++ type gets one ElementCodec, built once (function-local static) by thin templates from its
// inspector; everything that walks it (matching against a stored type, building the "memory image"
// type, encoding and decoding elements) is compiled once in src/detail/element_image.cpp.
//
// A *plain* codec means the C++ object's bytes are exactly an HDF5 memory type (numbers, bool,
// complex, enums, std::array of those, structs made only of those): such elements go to HDF5
// without a copy. Strings (std::string) and ragged rows (VarLen) make a struct non-plain: it is then
// encoded into a packed image where a string is a char* and a sequence an hvl_t.
#include <array>
#include <cstddef>
#include <string>
#include <type_traits>
#include <vector>

#include "h5kit/datatype.hpp"
#include "h5kit/inspector.hpp"
#include "h5kit/shape.hpp"

namespace h5kit::detail {

struct ElementCodec;

struct CodecMember {
  const char* name;
  std::size_t offset;  // in the C++ struct
  const ElementCodec* codec;
};

// How to reach the values of a variable-length C++ object (VarLen<T>) without knowing T.
struct SequenceAccess {
  std::size_t (*size)(const void* object) = nullptr;
  const void* (*data)(const void* object) = nullptr;
  void* (*resize)(void* object, std::size_t n) = nullptr;  // returns the new data pointer
};

struct ElementCodec {
  enum class Kind { plain, string, sequence, compound, array };
  Kind kind = Kind::plain;
  std::size_t size = 0;             // sizeof the C++ object
  std::size_t align = 1;            // alignof the C++ object
  Datatype plain_type;              // plain: the memory type of the C++ object
  std::vector<CodecMember> members;  // compound: in declaration order
  const ElementCodec* element = nullptr;  // array and sequence: what each value is
  Shape dims;                       // array
  SequenceAccess sequence;          // sequence
};

ElementCodec plain_codec(Datatype type, std::size_t size, std::size_t align);
const ElementCodec& string_codec();
// Collapses to a plain codec (an HDF5 array type, nested arrays as one multi-dimensional one) when
// the element is plain.
ElementCodec array_codec(const ElementCodec& element, std::size_t count, std::size_t size, std::size_t align);
ElementCodec sequence_codec(const ElementCodec& element, SequenceAccess access, std::size_t size, std::size_t align);
// Plain (a compound at the struct's own offsets, zero copy) when every member is plain.
ElementCodec compound_codec(std::vector<CodecMember> members, std::size_t size, std::size_t align);
// The type a new dataset or attribute of this element gets: the plain type, else the image type
// with variable-length UTF-8 strings.
Datatype default_type(const ElementCodec& codec);

template <class T>
struct is_std_array : std::false_type {};
template <class V, std::size_t N>
struct is_std_array<std::array<V, N>> : std::true_type {};

template <class T>
concept has_codec = requires { inspector<T>::codec(); };

// The codec of a struct member or sequence value of type M.
// Codecs are built once per thread (thread_local), never behind a lock shared between threads: building
// one calls HDF5, and a first use inside an HDF5 callback (Group::visit holds HDF5's global lock)
// waiting for another thread that is itself waiting for that lock would deadlock (docs/threads.md).
template <class M>
const ElementCodec& codec_of() {
  if constexpr (has_codec<M>) {
    return inspector<M>::codec();
  } else if constexpr (std::is_same_v<M, std::string>) {
    return string_codec();
  } else if constexpr (is_std_array<M>::value) {
    using V = typename M::value_type;
    static thread_local const ElementCodec codec = array_codec(codec_of<V>(), std::tuple_size_v<M>, sizeof(M), alignof(M));
    return codec;
  } else {
    static_assert(std::is_trivially_copyable_v<M>,
                  "h5kit: a struct member or VarLen value must be a number, bool, std::complex, a described enum, "
                  "std::string, std::array, h5kit::VarLen or a described struct");
    // Types that convert on their way to the file (std::chrono::year is 2 bytes in memory, an
    // 8-byte count in the file) cannot sit in a struct laid out byte for byte.
    static_assert(!requires { &inspector<M>::read_elements; },
                  "h5kit: this type converts its values on the way to the file (std::chrono::year, "
                  "year_month...) and cannot be a struct member or VarLen value; store a std::chrono::sys_days "
                  "member instead");
    static thread_local const ElementCodec codec = plain_codec(inspector<M>::datatype(), sizeof(M), alignof(M));
    return codec;
  }
}

}  // namespace h5kit::detail

#pragma once
// The template edge of all data I/O: turns a C++ value into (memory type, shape, contiguous buffer)
// through inspector<T> and hands it to the compiled, non-template functions below.
#include <cstddef>
#include <exception>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "h5kit/datatype.hpp"
#include "h5kit/detail/element_codec.hpp"
#include "h5kit/detail/handle.hpp"
#include "h5kit/inspector.hpp"
#include "h5kit/shape.hpp"

namespace h5kit::detail {

// What a read or write applies to: a whole attribute, a whole dataset, a block of a dataset (the
// fast path for single elements) or any Selection of a dataset.
struct IoTarget {
  hid id = invalid_hid;
  bool is_attribute = false;
  const Shape* offset = nullptr;  // block start (datasets only); null = whole
  const Shape* count = nullptr;   // block extent
  hid stored_type = invalid_hid;  // the stored datatype when already known (datasets cache it)
  hid file_space = invalid_hid;   // a prepared selection (Selection::space_id); overrides offset/count
  const Shape* selected_shape = nullptr;  // the data shape of that selection
  hid memory_space = invalid_hid;  // where in the caller's buffer (read_direct / write_direct)
  bool broadcast = false;          // a write may spread smaller data over the selection (numpy's rules)
  // The dataset's fill time is never (or its fill value undefined): HDF5 then leaves the part of a
  // read buffer that maps to never-written storage untouched, so the read fills it first.
  bool fill_before_read = false;
  // Only these fields of a compound (DatasetFields): one field's own type, or a struct naming them.
  const std::vector<std::string>* fields = nullptr;
};

Shape selection_shape(const IoTarget& target);
// The shape a container of static rank `rank` receives (squeezing axes of extent 1 when needed);
// `rank` < 0 accepts the stored shape as is. Throws ShapeMismatchError when no such shape exists.
Shape fit_rank(const IoTarget& target, const Shape& stored, int rank);
void write_raw(const IoTarget& target, const Datatype& mem_type, const void* buffer, const Shape& mem_shape);
void read_raw(const IoTarget& target, const Datatype& mem_type, void* buffer, std::size_t count);
// Text must suit the stored character set (ASCII or UTF-8); bytes (h5kit::Bytes) may be anything in
// an ASCII type, as h5py's bytes are.
enum class StringValues { text, bytes };
void write_strings(const IoTarget& target, const std::string* strings, const Shape& mem_shape,
                   StringValues kind = StringValues::text);
void read_strings(const IoTarget& target, std::string* out, std::size_t count);

// Element types with a transfer of their own (h5kit::Bytes, h5kit::Opaque): inspector<E> provides
//   static void write_elements(const IoTarget&, const E*, const Shape&);
//   static void read_elements(const IoTarget&, E*, std::size_t count);
template <class E>
concept has_own_io = requires(const IoTarget& t, const E* in, E* out, const Shape& s, std::size_t n) {
  inspector<E>::write_elements(t, in, s);
  inspector<E>::read_elements(t, out, n);
};
// ---- element handling (src/detail/element_*.cpp) ----
// The shape a read produces: the selection's, plus the dimensions of the stored type when it is an
// HDF5 array type (a (10,) dataset of array(float32,(3,)) reads as (10, 3)).
Shape value_shape(const IoTarget& target);
// Elements described by an ElementCodec (structs, VarLen): matched by member name against the stored
// type, sent directly when plain, else through a packed memory image.
void write_elements(const IoTarget& target, const ElementCodec& codec, const void* elements, const Shape& mem_shape);
void read_elements(const IoTarget& target, const ElementCodec& codec, void* elements, std::size_t count);
// The dataspace shape for new data of `data_shape` stored as `type`: an HDF5 array type's
// dimensions are dropped from the end, as h5py does for subarray dtypes ((4, 3) data as
// array(float32, (3,)) is a (4,) dataset).
Shape shape_for_type(const Shape& data_shape, const Datatype& type);
// ---- end of element handling ----

// Refuses, before anything is allocated, a read of `shape` elements of `element_size` bytes in
// memory whose byte count passes size_t or read_budget(): an OutOfMemoryError naming the object.
void reserve_read_memory(const IoTarget& target, const Shape& shape, std::size_t element_size);
// An allocation for that read failed (std::bad_alloc, std::length_error): the same error, with the cause.
[[noreturn]] void read_allocation_failed(const IoTarget& target, const Shape& shape, std::size_t element_size,
                                         const std::exception& cause);

// Fetches the stored type once for a whole read or write (attributes do not cache it, datasets do);
// the returned handle keeps it alive while `target` refers to it.
Handle pin_stored_type(IoTarget& target);

template <class T>
inline constexpr bool is_string_element = std::is_same_v<typename inspector<T>::element, std::string>;

template <class T>
void write_value(const IoTarget& io_target, const T& value) {
  using I = inspector<T>;
  using E = typename I::element;
  IoTarget target = io_target;
  const Handle pinned = pin_stored_type(target);
  Shape shape;
  I::shape(value, shape);
  auto send = [&](const E* elements) {
    if constexpr (has_own_io<E>) inspector<E>::write_elements(target, elements, shape);
    else if constexpr (std::is_same_v<E, std::string>) write_strings(target, elements, shape);
    else if constexpr (has_codec<E>) write_elements(target, inspector<E>::codec(), elements, shape);
    else write_raw(target, inspector<E>::datatype(), elements, shape);
  };
  if constexpr (I::contiguous) {
    send(I::data(value));
  } else {
    std::unique_ptr<E[]> flat(new E[element_count(shape)]);
    E* out = flat.get();
    I::flatten(value, shape.data(), out);
    send(flat.get());
  }
}

template <class T>
void read_value(const IoTarget& io_target, T& out) {
  using I = inspector<T>;
  using E = typename I::element;
  IoTarget target = io_target;
  const Handle pinned = pin_stored_type(target);
  const Shape shape = fit_rank(target, value_shape(target), I::rank);
  // The file decides the shape: the container is sized only after the budget allows it.
  reserve_read_memory(target, shape, sizeof(E));
  const std::size_t n = element_count(shape);
  auto receive = [&](E* elements) {
    if constexpr (has_own_io<E>) inspector<E>::read_elements(target, elements, n);
    else if constexpr (std::is_same_v<E, std::string>) read_strings(target, elements, n);
    else if constexpr (has_codec<E>) read_elements(target, inspector<E>::codec(), elements, n);
    else read_raw(target, inspector<E>::datatype(), elements, n);
  };
  try {
    if constexpr (I::rank < 0) I::prepare_shape(out, shape);
    else I::prepare(out, shape.data());
    if constexpr (I::contiguous) {
      receive(I::data(out));
    } else {
      std::unique_ptr<E[]> flat(new E[n]);
      receive(flat.get());
      const E* in = flat.get();
      I::unflatten(out, in);
    }
  } catch (const std::bad_alloc& e) {  // std::bad_array_new_length too
    read_allocation_failed(target, shape, sizeof(E), e);
  } catch (const std::length_error& e) {  // a vector asked for more than its max_size()
    read_allocation_failed(target, shape, sizeof(E), e);
  }
}

}  // namespace h5kit::detail

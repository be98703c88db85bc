#pragma once
// Variable-length sequences (HDF5 vlen, h5py's vlen_dtype): each element is a ragged row of values.
//
//     std::vector<h5kit::VarLen<int>> rows{{1, 2, 3}, {}, {4}};
//     file.create_dataset("rows", rows);        // 1-D dataset of vlen(int32)
//
// VarLen<T> is an element, not a container: a dataset of VarLen has the shape of the outer
// container; the row lengths live in the data. T may be a number, std::complex, a described enum,
// std::string or a described struct (include compound.hpp).
#include <cstddef>
#include <initializer_list>
#include <type_traits>
#include <utility>
#include <vector>

#include "h5kit/detail/element_codec.hpp"
#include "h5kit/inspector.hpp"

namespace h5kit {

template <class T>
class VarLen {
  static_assert(!std::is_same_v<T, bool>, "h5kit: VarLen<bool> is not supported (std::vector<bool> has no data())");

 public:
  using value_type = T;
  VarLen() = default;
  VarLen(std::initializer_list<T> values) : values_(values) {}
  explicit VarLen(std::vector<T> values) : values_(std::move(values)) {}

  std::size_t size() const noexcept { return values_.size(); }
  bool empty() const noexcept { return values_.empty(); }
  T* data() noexcept { return values_.data(); }
  const T* data() const noexcept { return values_.data(); }
  T& operator[](std::size_t i) { return values_[i]; }
  const T& operator[](std::size_t i) const { return values_[i]; }
  auto begin() noexcept { return values_.begin(); }
  auto end() noexcept { return values_.end(); }
  auto begin() const noexcept { return values_.begin(); }
  auto end() const noexcept { return values_.end(); }
  void push_back(const T& v) { values_.push_back(v); }
  void resize(std::size_t n) { values_.resize(n); }
  const std::vector<T>& values() const noexcept { return values_; }
  std::vector<T>& values() noexcept { return values_; }
  friend bool operator==(const VarLen&, const VarLen&) = default;

 private:
  std::vector<T> values_;
};

template <class T>
struct inspector<VarLen<T>> : scalar_inspector<VarLen<T>> {
  static const detail::ElementCodec& codec() {
    static thread_local const detail::ElementCodec codec = detail::sequence_codec(
        detail::codec_of<T>(),
        detail::SequenceAccess{
            [](const void* o) { return static_cast<const VarLen<T>*>(o)->size(); },
            [](const void* o) -> const void* { return static_cast<const VarLen<T>*>(o)->data(); },
            [](void* o, std::size_t n) -> void* {
              auto* v = static_cast<VarLen<T>*>(o);
              v->resize(n);
              return v->data();
            }},
        sizeof(VarLen<T>), alignof(VarLen<T>));
    return codec;
  }
  static Datatype datatype() { return detail::default_type(codec()); }
};

}  // namespace h5kit

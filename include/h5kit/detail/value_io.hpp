#pragma once
// Whole-value read and write, shared by Dataset and Attribute (HighFive's SliceTraits idea): the
// object supplies an IoTarget, inspector<T> does the rest.
#include "h5kit/detail/io.hpp"

namespace h5kit::detail {

template <class Object>
class ValueIo {
 public:
  // Reads the whole value into a new T (any container inspector<T> knows).
  template <class T>
  T read() const {
    T value{};
    read(value);
    return value;
  }
  // Reads into an existing container, resizing it (vectors, NDArray) or checking it (std::array, views).
  template <class T>
  void read(T& out) const {
    read_value(self().target(Object::read_operation), out);
  }
  // Writes the whole value, converting to the stored type; shapes must match.
  template <class T>
  void write(const T& value) const {
    write_value(self().target(Object::write_operation), value);
  }

 private:
  const Object& self() const { return static_cast<const Object&>(*this); }
};

}  // namespace h5kit::detail

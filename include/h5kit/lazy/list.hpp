#pragma once
// H5List: a group tagged __h5_type__ = "list" whose members "0".."n-1" are the elements (ch5mpy's
// H5List). Indices may be negative (Python's l[-1]); insert and erase renumber the members after.
#include <cstddef>
#include <string>

#include "h5kit/lazy/object.hpp"

namespace h5kit::lazy {

class H5List {
 public:
  // TypeMismatchError unless the group is tagged "list" with members "0".."n-1".
  explicit H5List(Group group);
  // A new, empty list at parent/name; AlreadyExistsError if taken.
  static H5List create(const Group& parent, std::string_view name);

  const Group& group() const noexcept { return group_; }
  std::size_t size() const { return synced_size(); }
  bool empty() const { return size() == 0; }
  Value operator[](std::ptrdiff_t index) const { return at(index); }
  Value at(std::ptrdiff_t index) const;  // InvalidArgumentError out of range, naming the size

  // l[index] = value: false when equal (nothing written).
  template <class T>
  bool set(std::ptrdiff_t index, const T& value) const {
    return write_object(group_, name_of(index, "set list element"), value);
  }
  template <class T>
  void append(const T& value) {
    write_object(group_, std::to_string(synced_size()), value);
    ++size_;
  }
  // Python's l.insert(index, value): index == size() appends; negative counts from the end.
  template <class T>
  void insert(std::ptrdiff_t index, const T& value) {
    const std::size_t at = insertion_point(index);
    const std::string staged = impl::staged_name("insert");
    impl::discard(group_, staged);  // left by a process that died mid-insert
    write_object(group_, staged, value);  // first, so a failed write moves nothing
    shift_up(at);
    group_.move(staged, std::to_string(at));
    ++size_;
  }
  void erase(std::ptrdiff_t index);  // del l[index]

  template <class T>
  T read() const {
    return read_object<T>(group_);
  }

  class iterator {
   public:
    iterator(const H5List* list, std::size_t i) : list_(list), i_(i) {}
    Value operator*() const { return list_->at(static_cast<std::ptrdiff_t>(i_)); }
    iterator& operator++() { ++i_; return *this; }
    bool operator==(const iterator& other) const { return i_ == other.i_; }
   private:
    const H5List* list_;
    std::size_t i_;
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, size()}; }

 private:
  std::string name_of(std::ptrdiff_t index, const char* operation) const;
  std::size_t insertion_point(std::ptrdiff_t index) const;
  void shift_up(std::size_t from) const;  // members from..n-1 become from+1..n
  // The size kept here, recounted when the group says another handle (or program) changed the
  // list: "n" taken or "n-1" gone. Two link lookups, not a listing.
  std::size_t synced_size() const;
  Group group_;
  mutable std::size_t size_ = 0;
};

}  // namespace h5kit::lazy

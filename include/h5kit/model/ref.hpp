#pragma once
// A model field that refers to another object of the file: an HDF5 object reference, declared with
// the type of model it points at.
//
//     struct DynamicTableRegion : h5kit::DatasetOf<std::int64_t, h5kit::kAnyExtent> {
//       h5kit::Ref<ElectrodesTable> table;      // the attribute `table`: an object reference
//     };
//     BOOST_DESCRIBE_STRUCT(DynamicTableRegion, (), (table))
//
// On disk a Ref<T> is exactly an object-reference attribute (h5py's h5py.Reference), scalar or, in
// a std::vector<Ref<T>>, an array; dump writes the stored reference, load reads it (a null reference
// is a null Ref, not a problem). load() alone cannot know what the reference points at: `path()`
// stays empty and `get()` null. A graph loader (h5kit/graph/load.hpp) binds it: `path()` becomes the
// target's canonical path and `get()` the target's loaded model, the one instance every Ref to that
// object shares. target_path(group) finds the path without a graph loader.
//
// The model layer knows nothing of graphs: binding is plain data set through RefBase::bind().
#include <memory>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>

#include "h5kit/inspector.hpp"
#include "h5kit/reference.hpp"

namespace h5kit {

class Group;

// What every Ref<T> has, without T: what loaders bind and walkers find (for_each_ref).
class RefBase {
 public:
  // The reference as stored in the file (its address); null when the file holds a null reference.
  const ObjectReference& reference() const noexcept { return reference_; }
  bool is_null() const noexcept { return reference_.is_null(); }
  // The canonical path of the target once a loader bound it or recorded it; empty before.
  const std::string& path() const noexcept { return path_; }
  // True once bound to a loaded target (get() is non-null while that target's owner lives).
  bool is_bound() const noexcept { return !target_.expired(); }
  // The model type the field declares it points at.
  const std::type_info& target_type() const noexcept { return *type_; }

  // Binds to a loaded `target` of dynamic type `type`, recording its canonical `path`. When `type`
  // is not the declared target type nothing is bound (only the path is recorded) and the result is
  // false: the caller reports the mismatch.
  bool bind(std::string path, std::weak_ptr<const void> target, const std::type_info& type);
  // Records the target's path without a loaded target (a target the loader skipped).
  void set_path(std::string path) { path_ = std::move(path); }
  // The canonical path of the target, found by dereferencing in `any_group`'s file (h5py's
  // `f[ref].name`). NotFoundError / InvalidArgumentError as Group::dereference (the null reference).
  std::string target_path(const Group& any_group) const;

  // References compare equal when they store the same address.
  friend bool operator==(const RefBase& a, const RefBase& b) noexcept { return a.reference_ == b.reference_; }

 protected:
  explicit RefBase(const std::type_info& type, ObjectReference reference = {}) noexcept
      : reference_(reference), type_(&type) {}
  void set_reference(ObjectReference reference) {
    reference_ = reference;
    path_.clear();
    target_.reset();
  }

  ObjectReference reference_;
  std::string path_;
  // Weak: a loaded graph owns its models, and Refs between them may form cycles (HDF5 allows them),
  // which shared ownership would leak. Handles given out by the graph keep the whole graph alive.
  std::weak_ptr<const void> target_;
  const std::type_info* type_;
};

template <class T>
class Ref : public RefBase {
 public:
  using target_type_t = T;
  Ref() noexcept : RefBase(typeid(T)) {}
  explicit Ref(ObjectReference reference) noexcept : RefBase(typeid(T), reference) {}
  Ref& operator=(ObjectReference reference) {
    set_reference(reference);
    return *this;
  }

  // The bound target: the same instance for every Ref to one object of a loaded graph. Null when
  // unbound (a null reference, a Ref loaded by load() alone, a target of another type) or when the
  // graph that owned it is gone.
  std::shared_ptr<const T> get() const { return std::static_pointer_cast<const T>(target_.lock()); }

  friend bool operator==(const Ref& a, const Ref& b) noexcept { return a.reference_ == b.reference_; }
};

// Stored as the object reference it holds (an attribute of type "ref").
template <class T>
struct inspector<Ref<T>> {
  using element = ObjectReference;
  static constexpr int rank = 0;
  static constexpr bool contiguous = false;
  static void shape(const Ref<T>&, Shape&) {}
  static void prepare(Ref<T>&, const std::size_t*) {}
  static void flatten(const Ref<T>& v, const std::size_t*, element*& out) { *out++ = v.reference(); }
  static void unflatten(Ref<T>& v, const element*& in) { v = *in++; }
};

}  // namespace h5kit

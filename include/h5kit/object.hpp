#pragma once
// Object: what groups, datasets and named types have in common (h5py's HLObject).
#include <string>

#include "h5kit/detail/handle.hpp"
#include "h5kit/reference.hpp"

namespace h5kit {

class AttributeManager;
class File;
class Group;
class Dataset;

enum class ObjectKind { group, dataset, datatype, unknown };
const char* to_string(ObjectKind kind) noexcept;

class Object {
 public:
  Object() = default;
  explicit Object(detail::Handle handle) : handle_(std::move(handle)) {}

  // The HDF5 identifier (for calling the C API directly).
  detail::hid id() const noexcept { return handle_.get(); }
  // False after close(), after its file was closed, or for a default-constructed object.
  bool valid() const noexcept { return handle_.valid(); }
  // Releases this reference; the object closes when its last reference goes.
  void close() noexcept { handle_.reset(); }

  ObjectKind kind() const;
  // The path this object was opened through ("/a/b"); h5py's `.name`.
  std::string path() const;
  // The name of the file that holds it; h5py's `.file.filename`.
  std::string file_name() const;
  // The file that holds it, open in the file's current mode.
  File file() const;
  // The object's attributes, as a map (h5py's `.attrs`).
  AttributeManager attrs() const;
  // A reference to this object, to store in datasets or attributes.
  ObjectReference reference() const;

  Group as_group() const;      // throws TypeMismatchError when it is not a group
  Dataset as_dataset() const;  // throws TypeMismatchError when it is not a dataset

  // Identity: the same object in the same file, whichever path opened it.
  friend bool operator==(const Object& a, const Object& b);

 protected:
  // Throws ClosedObjectError naming `operation` when the object is not valid.
  void require_valid(const char* operation) const;
  detail::Handle handle_;
};

}  // namespace h5kit

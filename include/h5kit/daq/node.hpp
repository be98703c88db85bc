#pragma once
// pymodaq's node classes (backends.py, spec §4): Node, and Group, CArray, EArray, VLArray and
// StringArray chosen by the PyTables CLASS attribute. A node is a thin handle on an open HDF5
// object: copies share it, and it stays usable while the file is open.
//
// Reading never writes (pymodaq's get_node writes CLASS into a file that lacks it; h5kit does not,
// spec §11.2): a group without CLASS is a Group, a dataset without CLASS is typed from its layout
// (unlimited first axis -> EArray, variable-length elements -> VLArray / StringArray, else CArray),
// and has_class_attribute() tells such nodes apart.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "h5kit/daq/element_type.hpp"
#include "h5kit/daq/py_value.hpp"
#include "h5kit/dataset.hpp"
#include "h5kit/group.hpp"
#include "h5kit/ndarray.hpp"
#include "h5kit/raw_data.hpp"

namespace h5kit::daq {

enum class NodeClass { group, carray, earray, vlarray, string_array };

// "GROUP", "CARRAY", "EARRAY", "VLARRAY" (a StringArray is a VLARRAY on disk); "StringARRAY" is
// pymodaq's Python class name, not a CLASS value.
std::string_view pytables_class(NodeClass cls) noexcept;

class Group;
class CArray;
class EArray;
class VLArray;
class StringArray;

class Node {
 public:
  Node() = default;

  NodeClass node_class() const noexcept { return class_; }
  bool is_group() const noexcept { return class_ == NodeClass::group; }
  // CArray, EArray, VLArray and StringArray are all arrays (pymodaq's class hierarchy).
  bool is_array() const noexcept { return class_ != NodeClass::group; }
  // False when the node has no CLASS attribute and its class was inferred from the HDF5 object.
  bool has_class_attribute() const noexcept { return has_class_; }
  bool valid() const noexcept { return object_.valid(); }

  std::string name() const;   // "/" for the root
  std::string path() const;
  std::string title() const;  // the TITLE attribute, "" when absent
  std::string file_name() const;
  const h5kit::Object& object() const noexcept { return object_; }
  // The parent group; nullopt for the root (pymodaq's parent_node is None there).
  std::optional<Group> parent_node() const;

  // ---- attributes (pymodaq's node.attrs) ----
  bool has_attr(std::string_view name) const;
  // Decoded as h5kit reads pymodaq JSON (attribute_codec.hpp decode_attribute): plain strings come
  // back as the raw fallback (a str), integers and floats as numbers, string of any storage (fixed
  // or variable length, UTF-8 or ASCII, str or bytes). NotFoundError naming file, node and attribute.
  PyValue get_attr(std::string_view name) const;
  // pymodaq's json2object, exactly (NoneType comes back as the dict, nan as the raw text).
  PyValue get_attr_raw(std::string_view name) const;
  std::optional<PyValue> find_attr(std::string_view name) const;
  // object2json(value), stored as PyTables stores a Python str: scalar, fixed length, NULLTERM,
  // UTF-8 (an empty text as STRSIZE 1 with a null dataspace). Replaces an attribute of that name.
  void set_attr(std::string_view name, const PyValue& value) const;
  // Every attribute name (pymodaq's attrs_name), in HDF5's name order.
  std::vector<std::string> attrs_name() const;
  // Every attribute decoded (pymodaq's attrs.to_dict()).
  Metadata attrs_to_dict() const;

  // Strict readers for the attributes a caller needs: NotFoundError when absent, TypeMismatchError
  // naming file, node and attribute when the value is not of the kind asked for (a str setting
  // stored as bytes is accepted by get_text).
  std::string get_str(std::string_view name) const;
  std::string get_text(std::string_view name) const;
  std::int64_t get_int(std::string_view name) const;
  double get_float(std::string_view name) const;
  bool get_bool(std::string_view name) const;
  std::vector<std::int64_t> get_int_tuple(std::string_view name) const;

  // The node as its class (TypeMismatchError naming the node and its class otherwise). A
  // StringArray is also a VLArray, EArray and CArray; a VLArray is an EArray (pymodaq's hierarchy).
  Group as_group() const;
  CArray as_carray() const;
  EArray as_earray() const;
  VLArray as_vlarray() const;
  StringArray as_string_array() const;

  // The same HDF5 object (pymodaq compares the wrapped objects).
  friend bool operator==(const Node& a, const Node& b) { return a.object_ == b.object_; }

 protected:
  Node(h5kit::Object object, NodeClass cls, bool has_class)
      : object_(std::move(object)), class_(cls), has_class_(has_class) {}
  [[noreturn]] void wrong_class(const char* wanted) const;
  friend Node open_node(const h5kit::Object& object);

  h5kit::Object object_;
  NodeClass class_ = NodeClass::group;
  bool has_class_ = false;
};

// Wraps an open group or dataset by its CLASS (or its layout when it has none). A dataset whose
// CLASS names no array (TABLE, ...) is a TypeMismatchError naming the file, the node and the CLASS.
Node open_node(const h5kit::Object& object);

class Group : public Node {
 public:
  Group() = default;
  h5kit::Group group() const { return object_.as_group(); }
  // Children with their class, in PyTables' order for a file it opens: the groups by name, then
  // the arrays by name (pymodaq's children() dict).
  std::vector<std::pair<std::string, Node>> children() const;
  // The children's names, sorted (Python's sorted(): by code point, upper case first).
  std::vector<std::string> children_name() const;
  bool contains(std::string_view name) const;
  Node get_child(std::string_view name) const;  // NotFoundError naming the group and the name
  void remove_children() const;

 private:
  friend class Node;
  using Node::Node;
};

class CArray : public Node {
 public:
  CArray() = default;
  const h5kit::Dataset& dataset() const noexcept { return dataset_; }
  Shape shape() const { return dataset_.shape(); }
  std::size_t nrows() const;  // pymodaq's len(): the extent of the first axis (1 for a scalar)
  ElementType element_type() const;  // TypeMismatchError for a stored type pymodaq never writes
  // The `dtype` attribute when present, else the numpy name of the element type.
  std::string dtype_name() const;

  // The whole array, converted to T (range-checked as h5kit's core reads).
  template <class T>
  NDArray<T> read() const {
    if constexpr (std::is_same_v<T, bool>) return read_bool();
    else return dataset_.read<NDArray<T>>();
  }
  // array[index...]: the block at the given leading indexes (negative counts from the end, as in
  // Python), e.g. read_at<double>({-1}) for earray[-1, :, :].
  template <class T>
  NDArray<T> read_at(const std::vector<std::int64_t>& leading_index) const {
    auto [offset, count] = block_at(leading_index, "read array");
    const Shape rest(count.begin() + static_cast<std::ptrdiff_t>(leading_index.size()), count.end());
    NDArray<T> out;
    if constexpr (std::is_same_v<T, bool>) out = read_bool_block(offset, count);
    else out = dataset_.read_block<NDArray<T>>(offset, count);
    out.reshape(rest);
    return out;
  }
  // node[index...] = data: `data` must have the shape of the remaining axes (the extended saver's
  // indexed write). Converted to the stored type, range-checked.
  void write_at(const std::vector<std::int64_t>& leading_index, const ArrayView& data) const;
  RawData read_native() const { return dataset_.read_native(); }

 protected:
  friend class Node;
  CArray(h5kit::Object object, NodeClass cls, bool has_class);
  NDArray<bool> read_bool() const;
  NDArray<bool> read_bool_block(const Shape& offset, const Shape& count) const;
  std::pair<Shape, Shape> block_at(const std::vector<std::int64_t>& leading_index, const char* operation) const;

  h5kit::Dataset dataset_;
};

// An enlargeable array (PyTables EARRAY): grows along axis 0.
//
// For streaming writers (SWMR, buffered appends): dataset() is the underlying h5kit::Dataset,
// row_shape() / element_type() / file_type() say what one row is, append_rows() writes whole rows
// without touching any attribute, and update_shape_attribute() rewrites `shape` from the extent
// once, when the writer chooses (e.g. before switching to SWMR, or at close).
class EArray : public CArray {
 public:
  EArray() = default;

  // pymodaq's EARRAY.append(data, expand): with S the current shape, data of shape S[1:] is one
  // row (dim 0 grows by 1); otherwise dim 0 grows by data.shape[0]. With `expand`, 1-D data whose
  // shape is not (1,) then gets a trailing axis. The block must then be (growth,) + S[1:]
  // (ShapeMismatchError naming the node otherwise, nothing written). After the write the `shape`
  // attribute is rewritten as S with S[0] increased by the growth.
  void append(const ArrayView& data, bool expand = true) const;
  template <class T>
  void append(const NDArray<T>& data, bool expand = true) const { append(array_view(data), expand); }

  // The shape of one row (the dataset's shape without axis 0).
  Shape row_shape() const;
  // The HDF5 type stored on disk (H5T_IEEE_F64LE, H5T_STD_B8LE, {r, i}, vlen of the atom...).
  h5kit::Datatype file_type() const { return dataset_.dtype(); }
  // Writes `rows` (shape (n,) + row_shape(), or n * row_size elements of shape (n * row_size,))
  // after the current last row. No attribute is written; returns the new number of rows.
  std::size_t append_rows(const ArrayView& rows) const;
  // Rewrites the `shape` attribute from the dataset's current extent.
  void update_shape_attribute() const;

 protected:
  friend class Node;
  using CArray::CArray;
};

// A variable-length array (PyTables VLARRAY): one ragged 1-D row per append.
class VLArray : public EArray {
 public:
  VLArray() = default;
  // Appends one row (its elements flattened), converted to the atom type; `shape` grows by 1.
  void append(const ArrayView& row) const;
  template <class T>
  void append(const std::vector<T>& row) const { append(array_view(row)); }
  // Every row / one row (negative counts from the end), converted to T.
  template <class T>
  std::vector<std::vector<T>> read_rows() const {
    std::vector<std::vector<T>> out;
    for (auto& bytes : rows_as(element_type_of<T>(), std::nullopt)) out.push_back(from_bytes<T>(bytes));
    return out;
  }
  template <class T>
  std::vector<T> row(std::int64_t index) const {
    return from_bytes<T>(rows_as(element_type_of<T>(), index).at(0));
  }
  std::size_t size() const { return nrows(); }

 protected:
  friend class Node;
  using EArray::EArray;
  // The rows converted to `as`, each as its bytes; one row when `index` is given.
  std::vector<std::vector<std::uint8_t>> rows_as(ElementType as, std::optional<std::int64_t> index) const;
  template <class T>
  static std::vector<T> from_bytes(const std::vector<std::uint8_t>& bytes) {
    std::vector<T> v(bytes.size() / sizeof(T));
    if (!v.empty()) std::memcpy(v.data(), bytes.data(), v.size() * sizeof(T));
    return v;
  }
};

// pymodaq's StringARRAY: a uint8 VLArray (`subdtype` 'string') whose rows are pickle.dumps(str).
class StringArray : public VLArray {
 public:
  StringArray() = default;
  // Appends pickle_string(text) as one row.
  void append(std::string_view text) const;
  // Every string, unpickled; a bad row is an InvalidArgumentError naming file, node and row.
  std::vector<std::string> read() const;
  std::string at(std::int64_t index) const;  // negative counts from the end

 protected:
  friend class Node;
  using VLArray::VLArray;
};

}  // namespace h5kit::daq

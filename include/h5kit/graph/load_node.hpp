#pragma once
// The loaded form of one group or dataset of a file graph (h5kit/graph/load.hpp builds them).
//
//   Node           one object, at its canonical path: its attributes as values, its children (groups)
//                  as an ordered map of handles, its data (datasets) lazily, and its typed model when
//                  its type attribute names a registered model.
//   NodeRef        a resolved reference or child: a handle to the node already loaded, never a copy.
//                  Every place that points at one object (references, soft links, hard aliases) gets
//                  the same Node instance.
//   AttributeValue an attribute: numbers, strings, booleans, references (as NodeRefs), or, for other
//                  types (compounds, enums, opaque...), its JSON text.
//
// Handles inside a loaded graph hold their targets weakly (references may form cycles); every
// std::shared_ptr the graph gives out keeps the whole graph alive, so a NodeRef reached from a node
// you hold always resolves.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>
#include <vector>

#include "h5kit/dataset.hpp"
#include "h5kit/graph/dependency_graph.hpp"
#include "h5kit/link.hpp"
#include "h5kit/object.hpp"
#include "h5kit/reference.hpp"
#include "h5kit/selection.hpp"
#include "h5kit/shape.hpp"

namespace h5kit::graph {

class Node;

// A reference or a child, resolved to the loaded node.
class NodeRef {
 public:
  enum class State {
    null,        // the file stores a null reference
    loaded,      // points at a loaded node: get() gives it
    not_loaded,  // a target the loader left out (skipped, e.g. /specifications, or outside the subtree): path() only
    dangling,    // a dangling soft link, or a reference to nothing in this file
    external,    // an external link (not followed): path() is the path inside NodeChild::target_file
  };

  NodeRef() = default;
  State state() const noexcept { return state_; }
  bool is_null() const noexcept { return state_ == State::null; }
  bool is_loaded() const noexcept { return state_ == State::loaded; }
  // The target's canonical path (for a dangling link: the stored target path; null: empty).
  const std::string& path() const noexcept { return path_; }
  // The loaded node (the same instance for every NodeRef to it); null unless is_loaded().
  std::shared_ptr<const Node> get() const { return node_.lock(); }
  // For a region reference: the stored selection (nullopt otherwise).
  const std::optional<Selection>& selection() const noexcept { return selection_; }

  // Same target (or both null).
  friend bool operator==(const NodeRef& a, const NodeRef& b) noexcept {
    return a.state_ == b.state_ && a.path_ == b.path_;
  }

 private:
  friend class GraphLoader;
  State state_ = State::null;
  std::string path_;
  std::weak_ptr<const Node> node_;
  std::optional<Selection> selection_;
};

class AttributeValue {
 public:
  enum class Kind {
    empty,      // a null dataspace (h5py's Empty)
    boolean,    // h5py's bool enum
    integer,    // signed integers of any width, and unsigned ones up to 32 bits
    unsigned_integer,  // unsigned 64-bit integers
    floating,
    string,     // variable- or fixed-length (trailing NULs removed)
    reference,  // object or region references, resolved to NodeRefs
    other,      // anything else: json() holds it (compounds, enums, complex, opaque, arrays, vlen)
  };

  Kind kind() const noexcept { return kind_; }
  const std::string& dtype() const noexcept { return dtype_; }  // h5kit's type name: "int64", "str", "ref"...
  const Shape& shape() const noexcept { return shape_; }        // () for a scalar
  bool is_scalar() const noexcept { return kind_ != Kind::empty && shape_.empty(); }
  std::size_t size() const noexcept;  // number of elements

  // The elements, row-major. TypeMismatchError (naming the attribute) when the kind differs.
  const std::vector<std::int64_t>& integers() const;
  const std::vector<std::uint64_t>& unsigned_integers() const;
  const std::vector<double>& floats() const;  // floating only
  const std::vector<std::string>& strings() const;
  const std::vector<bool>& booleans() const;
  const std::vector<NodeRef>& references() const;
  // The value as JSON text (every kind; references as canonical paths), as the dependency graph shows it.
  const std::string& json() const noexcept { return json_; }

  // Scalars (a one-element array is taken too). TypeMismatchError for another kind or size.
  std::int64_t as_int() const;
  double as_double() const;  // integers and floats
  const std::string& as_string() const;
  bool as_bool() const;
  const NodeRef& as_reference() const;

 private:
  friend class GraphLoader;
  void require(Kind kind, bool scalar) const;
  std::string name_;  // "/node@attribute", for messages
  Kind kind_ = Kind::empty;
  std::string dtype_;
  Shape shape_;
  std::vector<std::int64_t> integers_;
  std::vector<std::uint64_t> unsigned_;
  std::vector<double> floats_;
  std::vector<std::string> strings_;
  std::vector<bool> booleans_;
  std::vector<NodeRef> references_;
  std::string json_;
};

// A link of a loaded group.
struct NodeChild {
  std::string name;
  LinkKind link = LinkKind::hard;
  EdgeVia via = EdgeVia::none;  // soft, hard_alias (a hard link that is not the child's canonical path), external
  NodeRef target;               // the shared child node; dangling for a dangling soft or an external link
  std::string target_file;      // external links
};

class Node {
 public:
  const std::string& path() const noexcept { return path_; }  // canonical
  // The link name of the canonical path ("" for the root).
  std::string name() const;
  ObjectKind kind() const noexcept { return kind_; }
  bool is_group() const noexcept { return kind_ == ObjectKind::group; }
  bool is_dataset() const noexcept { return kind_ == ObjectKind::dataset; }
  // The value of the registry's type attribute (neurodata_type...), "" when it has none.
  const std::string& type_name() const noexcept { return type_name_; }

  // Attributes, in the object's order (creation order when tracked, else name order).
  const std::vector<std::pair<std::string, AttributeValue>>& attributes() const noexcept { return attributes_; }
  const AttributeValue* attr(std::string_view name) const noexcept;
  // NotFoundError naming the node when there is no such attribute.
  const AttributeValue& attribute(std::string_view name) const;

  // Groups: every link, by name (an ordered map). Children left out of the graph (skipped) are
  // listed with a not_loaded target.
  const std::map<std::string, NodeChild, std::less<>>& children() const noexcept { return children_; }
  // The child's handle; NotFoundError naming the node when it has no such link.
  const NodeRef& child(std::string_view name) const;

  // Datasets, lazily: shape and type are known, the values are read only when asked for.
  const Shape& shape() const noexcept { return shape_; }
  const std::string& dtype() const noexcept { return dtype_; }
  // The open dataset (read, slice, astype...); the file stays open while the graph lives.
  // TypeMismatchError for a group.
  const Dataset& dataset() const;
  template <class T>
  T read() const {
    return dataset().read<T>();
  }

  // The typed model, when the node's type is registered and it loaded without problems.
  bool has_model() const noexcept { return model_type_ != nullptr; }
  const std::type_info* model_type() const noexcept { return model_type_; }
  // The model as T (the same instance every Ref<T> to this node is bound to); null when the node
  // has no model or it is not a T.
  template <class T>
  std::shared_ptr<const T> model() const {
    if (model_type_ == nullptr || *model_type_ != typeid(T)) return nullptr;
    return std::static_pointer_cast<const T>(model_.lock());
  }
  // Type-erased (what Ref<T> fields are bound to).
  const std::weak_ptr<const void>& model_handle() const noexcept { return model_; }

 private:
  friend class GraphLoader;
  std::string path_;
  ObjectKind kind_ = ObjectKind::unknown;
  std::string type_name_;
  std::vector<std::pair<std::string, AttributeValue>> attributes_;
  std::map<std::string, NodeChild, std::less<>> children_;
  Shape shape_;
  std::string dtype_;
  Dataset dataset_;
  std::weak_ptr<const void> model_;  // owned by the graph (held weakly: no cycles)
  const std::type_info* model_type_ = nullptr;
};

}  // namespace h5kit::graph

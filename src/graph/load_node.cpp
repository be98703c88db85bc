#include "h5kit/graph/load_node.hpp"

#include "h5kit/error.hpp"

namespace h5kit::graph {

namespace {

const char* kind_name(AttributeValue::Kind kind) {
  switch (kind) {
    case AttributeValue::Kind::empty: return "empty";
    case AttributeValue::Kind::boolean: return "bool";
    case AttributeValue::Kind::integer: return "integer";
    case AttributeValue::Kind::unsigned_integer: return "unsigned 64-bit integer";
    case AttributeValue::Kind::floating: return "float";
    case AttributeValue::Kind::string: return "string";
    case AttributeValue::Kind::reference: return "reference";
    case AttributeValue::Kind::other: return "other";
  }
  return "?";
}

}  // namespace

std::size_t AttributeValue::size() const noexcept {
  return kind_ == Kind::empty ? 0 : element_count(shape_);
}

void AttributeValue::require(Kind kind, bool scalar) const {
  if (kind_ != kind) {
    throw_error(ErrorKind::type_mismatch, "read attribute value", "", name_,
                std::string("expected a ") + kind_name(kind) + " value, found " + kind_name(kind_) + " (" + dtype_ +
                    ")");
  }
  if (scalar && size() != 1) {
    throw_error(ErrorKind::shape_mismatch, "read attribute value", "", name_,
                "expected one value, found " + std::to_string(size()));
  }
}

const std::vector<std::int64_t>& AttributeValue::integers() const {
  require(Kind::integer, false);
  return integers_;
}
const std::vector<std::uint64_t>& AttributeValue::unsigned_integers() const {
  require(Kind::unsigned_integer, false);
  return unsigned_;
}
const std::vector<double>& AttributeValue::floats() const {
  require(Kind::floating, false);
  return floats_;
}
const std::vector<std::string>& AttributeValue::strings() const {
  require(Kind::string, false);
  return strings_;
}
const std::vector<bool>& AttributeValue::booleans() const {
  require(Kind::boolean, false);
  return booleans_;
}
const std::vector<NodeRef>& AttributeValue::references() const {
  require(Kind::reference, false);
  return references_;
}

std::int64_t AttributeValue::as_int() const {
  require(Kind::integer, true);
  return integers_[0];
}
double AttributeValue::as_double() const {
  if (kind_ == Kind::integer) return static_cast<double>(as_int());
  if (kind_ == Kind::unsigned_integer) {
    require(Kind::unsigned_integer, true);
    return static_cast<double>(unsigned_[0]);
  }
  require(Kind::floating, true);
  return floats_[0];
}
const std::string& AttributeValue::as_string() const {
  require(Kind::string, true);
  return strings_[0];
}
bool AttributeValue::as_bool() const {
  require(Kind::boolean, true);
  return booleans_[0];
}
const NodeRef& AttributeValue::as_reference() const {
  require(Kind::reference, true);
  return references_[0];
}

std::string Node::name() const {
  const auto slash = path_.rfind('/');
  return slash == std::string::npos ? path_ : path_.substr(slash + 1);
}

const AttributeValue* Node::attr(std::string_view name) const noexcept {
  for (const auto& [n, v] : attributes_)
    if (n == name) return &v;
  return nullptr;
}

const AttributeValue& Node::attribute(std::string_view name) const {
  if (const AttributeValue* v = attr(name)) return *v;
  throw_error(ErrorKind::not_found, "loaded node attribute", dataset_.valid() ? dataset_.file_name() : "", path_,
              "the node has no attribute \"" + std::string(name) + "\"");
}

const NodeRef& Node::child(std::string_view name) const {
  const auto it = children_.find(name);
  if (it != children_.end()) return it->second.target;
  throw_error(ErrorKind::not_found, "loaded node child", "", path_,
              is_group() ? "the group has no link \"" + std::string(name) + "\"" : "a dataset has no children");
}

const Dataset& Node::dataset() const {
  if (!is_dataset()) {
    throw_error(ErrorKind::type_mismatch, "loaded node data", "", path_, "the node is a group, not a dataset");
  }
  return dataset_;
}

}  // namespace h5kit::graph

#include "h5kit/graph/load.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <boost/core/demangle.hpp>

#include "h5kit/error.hpp"
#include "h5kit/file.hpp"
#include "h5kit/ndarray.hpp"

namespace h5kit::graph {

namespace detail {

// Everything a loaded graph owns. Nodes and models are owned here, once; every std::shared_ptr given
// out aliases this store, and handles inside it (NodeRef, Ref<T>, Node::model_) are weak, so cycles
// in the file never become ownership cycles.
struct GraphStore {
  explicit GraphStore(const Group& start) : start_group(start), index(start) {}
  Group start_group;
  std::string start_path;
  FileIndex index;
  DependencyGraph graph;
  ReadOrder read_order;
  std::vector<std::unique_ptr<Node>> nodes;
  std::unordered_map<std::string, Node*> by_path;
  std::vector<std::shared_ptr<void>> models;
  std::vector<std::string> loaded;
  std::vector<Problem> problems;
};

}  // namespace detail

// Builds the nodes of a store (a friend of Node, NodeRef and AttributeValue).
class GraphLoader {
 public:
  GraphLoader(const std::shared_ptr<detail::GraphStore>& store, const TypeRegistry& registry,
              const LoadGraphOptions& options)
      : store_(store), s_(*store), registry_(registry), options_(options) {}

  void run();

  static LoadedGraph make(std::shared_ptr<const detail::GraphStore> store) {
    LoadedGraph g;
    g.store_ = std::move(store);
    return g;
  }
  static std::shared_ptr<const Node> share(const std::shared_ptr<const detail::GraphStore>& store, const Node* n) {
    return n ? std::shared_ptr<const Node>(store, n) : nullptr;
  }
  static NodeRef resolve(const detail::GraphStore& s, const std::shared_ptr<const detail::GraphStore>& store,
                         const ObjectReference& reference);
  static NodeRef resolve(const detail::GraphStore& s, const std::shared_ptr<const detail::GraphStore>& store,
                         const RegionReference& reference);

 private:
  // The raw references of one attribute, resolved once their targets exist.
  struct NdRefs {
    std::vector<ObjectReference> objects;
    std::vector<RegionReference> regions;
  };
  // What bind() still has to do for a created node.
  struct Pending {
    Node* node = nullptr;
    Object object;
    std::vector<std::pair<std::size_t, NdRefs>> attribute_refs;  // attribute index -> raw references
    std::vector<std::pair<RefBase*, std::string>> model_refs;
  };

  void create(const std::string& path);
  void bind(Pending& p);
  void load_model(Pending& p, const TypeRegistry::Entry& entry);
  AttributeValue read_attribute(const Object& owner, const std::string& owner_path, const std::string& name,
                                const GraphNode* graph_node, NdRefs& refs);
  void bind_model_ref(const Pending& p, RefBase& ref, const std::string& where);
  NodeRef handle_to(const std::string& canonical) const;
  void problem(const std::string& path, std::string message, std::string model_path = {}) {
    s_.problems.push_back(Problem{path, "", std::move(message), std::move(model_path)});
  }

  std::shared_ptr<detail::GraphStore> store_;
  detail::GraphStore& s_;
  const TypeRegistry& registry_;
  const LoadGraphOptions& options_;
  std::vector<Pending> pending_;  // of the batch being created
};

namespace {

std::string type_name_of(const std::type_info& type) {
  std::string name = boost::core::demangle(type.name());
  const auto colon = name.rfind("::", name.find('<'));  // drop namespaces, as model names do
  return colon == std::string::npos ? name : name.substr(colon + 2);
}

}  // namespace

NodeRef GraphLoader::handle_to(const std::string& canonical) const {
  NodeRef r;
  r.path_ = canonical;
  const auto it = s_.by_path.find(canonical);
  if (it == s_.by_path.end()) {
    r.state_ = NodeRef::State::not_loaded;
  } else {
    r.state_ = NodeRef::State::loaded;
    r.node_ = std::shared_ptr<const Node>(store_, it->second);
  }
  return r;
}

AttributeValue GraphLoader::read_attribute(const Object& owner, const std::string& owner_path, const std::string& name,
                                           const GraphNode* graph_node, NdRefs& refs) {
  using Kind = AttributeValue::Kind;
  AttributeValue v;
  v.name_ = owner_path + "@" + name;
  if (graph_node != nullptr) {
    if (const NodeAttribute* a = graph_node->attr(name)) v.json_ = a->json;
  }
  try {
    const Attribute a = owner.attrs().open(name);
    const Datatype t = a.dtype();
    v.dtype_ = t.name();
    if (a.is_empty()) {
      v.kind_ = Kind::empty;
      return v;
    }
    v.shape_ = a.shape();
    switch (t.type_class()) {
      case TypeClass::integer:
        if (!t.is_signed() && t.size() == 8) {
          const auto x = a.read<NDArray<std::uint64_t>>();
          v.unsigned_.assign(x.data(), x.data() + x.size());
          v.kind_ = Kind::unsigned_integer;
        } else {
          const auto x = a.read<NDArray<std::int64_t>>();
          v.integers_.assign(x.data(), x.data() + x.size());
          v.kind_ = Kind::integer;
        }
        break;
      case TypeClass::floating: {
        const auto x = a.read<NDArray<double>>();
        v.floats_.assign(x.data(), x.data() + x.size());
        v.kind_ = Kind::floating;
        break;
      }
      case TypeClass::string: {
        const auto x = a.read<NDArray<std::string>>();
        v.strings_.assign(x.data(), x.data() + x.size());
        v.kind_ = Kind::string;
        break;
      }
      case TypeClass::reference:
        if (t.is_region_reference()) {
          const auto x = a.read<NDArray<RegionReference>>();
          refs.regions.assign(x.data(), x.data() + x.size());
        } else {
          const auto x = a.read<NDArray<ObjectReference>>();
          refs.objects.assign(x.data(), x.data() + x.size());
        }
        v.kind_ = Kind::reference;  // resolved in bind(), once the targets exist
        break;
      case TypeClass::enumeration:
        if (t.is_bool()) {
          const auto x = a.read<NDArray<bool>>();
          v.booleans_.assign(x.data(), x.data() + x.size());
          v.kind_ = Kind::boolean;
          break;
        }
        v.kind_ = Kind::other;
        break;
      default:
        v.kind_ = Kind::other;  // compounds, arrays, vlen, opaque...: json() has the value
        break;
    }
  } catch (const Error& e) {
    // A value h5kit cannot decode stays "other", with whatever JSON the graph could make of it.
    v.kind_ = Kind::other;
    v.integers_.clear();
    v.strings_.clear();
    problem(owner_path, "attribute " + name + " could not be read: " + e.detail());
  }
  return v;
}

void GraphLoader::load_model(Pending& p, const TypeRegistry::Entry& entry) {
  Node& n = *p.node;
  const ObjectKind expected = entry.dataset_model ? ObjectKind::dataset : ObjectKind::group;
  if (n.kind_ != expected) {
    problem(n.path_, std::string("has type \"") + n.type_name_ + "\", registered as model " + entry.model_name +
                         " (a " + to_string(expected) + "), but is a " + to_string(n.kind_),
            entry.model_name);
    return;
  }
  LoadedModel loaded;
  try {
    entry.load(p.object, entry.options, loaded);
  } catch (const ValidationError& e) {
    // Every problem of the model, each with its path in the file.
    for (const Problem& q : e.problems()) s_.problems.push_back(q);
    return;
  } catch (const Error& e) {
    problem(n.path_, "cannot be loaded as model " + entry.model_name + ": " + e.detail(), entry.model_name);
    return;
  }
  s_.models.push_back(loaded.model);
  n.model_ = std::shared_ptr<const void>(store_, loaded.model.get());
  n.model_type_ = entry.cpp_type;
  p.model_refs = std::move(loaded.refs);
}

void GraphLoader::create(const std::string& path) {
  const GraphNode* gn = s_.graph.node(path);
  if (gn == nullptr || gn->outside) return;  // outside the subtree: references to it keep the path
  Pending p;
  try {
    p.object = s_.index.root().open(path);
  } catch (const Error& e) {
    problem(path, "cannot be opened: " + e.detail());
    return;
  }
  auto node = std::make_unique<Node>();
  Node& n = *node;
  n.path_ = path;
  n.kind_ = p.object.kind();
  for (const std::string& name : p.object.attrs().keys()) {
    NdRefs refs;
    n.attributes_.emplace_back(name, read_attribute(p.object, path, name, gn, refs));
    if (!refs.objects.empty() || !refs.regions.empty()) p.attribute_refs.emplace_back(n.attributes_.size() - 1, std::move(refs));
  }
  for (const std::string& a : registry_.type_attributes()) {
    const AttributeValue* v = n.attr(a);
    if (v != nullptr && v->kind() == AttributeValue::Kind::string && v->size() == 1) {
      n.type_name_ = v->strings_[0];
      break;
    }
  }
  if (n.kind_ == ObjectKind::dataset) {
    n.dataset_ = p.object.as_dataset();
    n.dtype_ = n.dataset_.dtype().name();
    if (!n.dataset_.is_empty()) n.shape_ = n.dataset_.shape();
  }
  p.node = node.get();
  s_.by_path.emplace(path, node.get());
  s_.nodes.push_back(std::move(node));
  s_.loaded.push_back(path);
  if (!n.type_name_.empty()) {
    if (const TypeRegistry::Entry* entry = registry_.find(n.type_name_)) load_model(p, *entry);
  }
  pending_.push_back(std::move(p));
}

NodeRef GraphLoader::resolve(const detail::GraphStore& s, const std::shared_ptr<const detail::GraphStore>& store,
                             const ObjectReference& reference) {
  NodeRef r;
  if (reference.is_null()) return r;
  const IndexedObject* target = s.index.find_address(reference.address);
  if (target == nullptr) {
    r.state_ = NodeRef::State::dangling;
    return r;
  }
  r.path_ = target->path;
  const auto it = s.by_path.find(target->path);
  if (it == s.by_path.end()) {
    r.state_ = NodeRef::State::not_loaded;
  } else {
    r.state_ = NodeRef::State::loaded;
    r.node_ = std::shared_ptr<const Node>(store, it->second);
  }
  return r;
}

NodeRef GraphLoader::resolve(const detail::GraphStore& s, const std::shared_ptr<const detail::GraphStore>& store,
                             const RegionReference& reference) {
  NodeRef r;
  if (reference.is_null()) return r;
  try {
    const DatasetSelection region = s.index.root().dereference(reference);
    r = resolve(s, store, region.dataset().reference());
    r.selection_ = s.index.root().region(reference);
  } catch (const Error&) {
    r = NodeRef();
    r.state_ = NodeRef::State::dangling;
  }
  return r;
}

void GraphLoader::bind_model_ref(const Pending& p, RefBase& ref, const std::string& where) {
  const std::string& owner = p.node->path_;
  if (ref.is_null()) return;
  const IndexedObject* target = s_.index.find_address(ref.reference().address);
  if (target == nullptr) {
    problem(owner, "reference " + where + " points at nothing in this file", where);
    return;
  }
  const auto it = s_.by_path.find(target->path);
  if (it == s_.by_path.end()) {
    ref.set_path(target->path);  // skipped or outside the subtree: the path is all there is
    return;
  }
  const Node& t = *it->second;
  const std::string expected = type_name_of(ref.target_type());
  if (ref.target_type() == typeid(Node)) {
    ref.bind(t.path_, std::weak_ptr<const void>(std::shared_ptr<const void>(store_, &t)), typeid(Node));
    return;
  }
  if (t.model_type_ == nullptr) {
    problem(owner,
            "reference " + where + " points at " + t.path_ + ", which has no model (" +
                (t.type_name_.empty() ? std::string("no type attribute")
                                      : "type \"" + t.type_name_ + "\" " +
                                            (registry_.find(t.type_name_) ? "did not load" : "is not registered")) +
                "); the field expects model " + expected,
            where);
    ref.set_path(t.path_);
    return;
  }
  if (!ref.bind(t.path_, t.model_, *t.model_type_)) {
    problem(owner,
            "reference " + where + " points at " + t.path_ + ", loaded as model " + type_name_of(*t.model_type_) +
                "; the field expects model " + expected,
            where);
  }
}

void GraphLoader::bind(Pending& p) {
  Node& n = *p.node;
  // Attribute references.
  for (auto& [index, refs] : p.attribute_refs) {
    AttributeValue& v = n.attributes_[index].second;
    for (const ObjectReference& r : refs.objects) v.references_.push_back(resolve(s_, store_, r));
    for (const RegionReference& r : refs.regions) v.references_.push_back(resolve(s_, store_, r));
  }
  // Children: every link, through the index (name order), each to the one node of its target.
  if (n.kind_ == ObjectKind::group) {
    const IndexedObject* self = s_.index.find(object_id(p.object));
    if (self != nullptr) {
      for (const ChildLink& link : self->children) {
        NodeChild c;
        c.name = link.name;
        c.link = link.kind;
        c.target_file = link.target_file;
        if (link.kind == LinkKind::external) {
          c.via = EdgeVia::external;
          c.target.state_ = NodeRef::State::external;
          c.target.path_ = link.target_path;
        } else if (!link.target) {
          c.via = EdgeVia::soft;
          c.target.state_ = NodeRef::State::dangling;
          c.target.path_ = link.target_path;
        } else {
          const std::optional<std::string> canonical = s_.index.canonical_path(*link.target);
          const std::string own = (n.path_ == "/" ? "" : n.path_) + "/" + link.name;
          if (link.kind == LinkKind::soft) c.via = EdgeVia::soft;
          else if (canonical && *canonical != own) c.via = EdgeVia::hard_alias;
          if (canonical) {
            c.target = handle_to(*canonical);
          } else {
            c.target.state_ = NodeRef::State::dangling;
            c.target.path_ = link.target_path;
          }
        }
        n.children_.emplace(link.name, std::move(c));
      }
    }
  }
  for (auto& [ref, where] : p.model_refs) bind_model_ref(p, *ref, where);
}

void GraphLoader::run() {
  // Dependencies first: by the time a node is bound, everything it points at exists.
  for (const std::string& path : s_.read_order.order) {
    create(path);
    for (Pending& p : pending_) bind(p);
    pending_.clear();
  }
  if (!options_.load_cycles || s_.read_order.ok()) return;
  // Cycle members and what depends on them: all created first, then bound.
  for (const GraphNode& gn : s_.graph.nodes) {
    if (s_.by_path.count(gn.path) == 0) create(gn.path);
  }
  for (Pending& p : pending_) bind(p);
  pending_.clear();
}

// ---------------------------------------------------------------- LoadedGraph

LoadedGraph load_graph(const Group& start, const TypeRegistry& registry, const LoadGraphOptions& options) {
  auto store = std::make_shared<detail::GraphStore>(start);
  store->graph = dependency_graph(store->index, start, options.graph);
  store->start_path = store->graph.root;
  store->read_order = read_order(store->graph);
  GraphLoader(store, registry, options).run();
  return GraphLoader::make(std::move(store));
}

LoadedGraph load_graph(std::string_view file_path, const TypeRegistry& registry, const LoadGraphOptions& options) {
  const File file(file_path, "r");
  return load_graph(static_cast<const Group&>(file), registry, options);
}

std::shared_ptr<const Node> LoadedGraph::root() const { return node(store_->start_path); }

std::shared_ptr<const Node> LoadedGraph::node(std::string_view canonical_path) const {
  const auto it = store_->by_path.find(std::string(canonical_path));
  return GraphLoader::share(store_, it == store_->by_path.end() ? nullptr : it->second);
}

std::shared_ptr<const Node> LoadedGraph::find(std::string_view path) const {
  if (auto n = node(path)) return n;
  try {
    const PathInfo info = path_info(store_->index, path);
    return info.canonical ? node(*info.canonical) : nullptr;
  } catch (const Error&) {
    return nullptr;  // nothing at that path
  }
}

const std::vector<std::string>& LoadedGraph::order() const { return store_->loaded; }
const ReadOrder& LoadedGraph::read_order() const { return store_->read_order; }
const std::vector<std::vector<std::string>>& LoadedGraph::cycles() const { return store_->read_order.cycles; }
const DependencyGraph& LoadedGraph::graph() const { return store_->graph; }
const FileIndex& LoadedGraph::index() const { return store_->index; }
const std::vector<Problem>& LoadedGraph::problems() const { return store_->problems; }
bool LoadedGraph::ok() const { return store_->problems.empty() && store_->read_order.cycles.empty(); }
std::size_t LoadedGraph::size() const { return store_->nodes.size(); }

void LoadedGraph::throw_if_problems() const {
  if (!store_->problems.empty()) {
    throw ValidationError("load graph", store_->index.root().file_name(), store_->problems);
  }
}

NodeRef LoadedGraph::resolve(const ObjectReference& reference) const {
  return GraphLoader::resolve(*store_, store_, reference);
}
NodeRef LoadedGraph::resolve(const RegionReference& reference) const {
  return GraphLoader::resolve(*store_, store_, reference);
}

}  // namespace h5kit::graph

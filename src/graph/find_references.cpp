// find_references: every object visited (the root included), references compared by identity.
#include "h5kit/graph/find_references.hpp"

#include <hdf5.h>

#include "detail/checked.hpp"
#include "graph/reference_reader.hpp"

namespace h5kit::graph {

using h5kit::detail::Handle;

namespace {

std::vector<StoredReference> find_id(const FileIndex& index, const ObjectId& target, const FindOptions& options) {
  std::vector<StoredReference> out;
  if (target.file != index.file_number()) return out;  // another file: nothing here can point at it
  detail::Resolver resolver(index);
  const auto& objects = index.objects();
  std::size_t done = 0;
  for (const IndexedObject& o : objects) {
    h5kit::detail::silence_hdf5_errors();
    const hid_t id = H5Oopen_by_addr(index.root().id(), static_cast<haddr_t>(o.id.address));
    bool stop = false;
    if (id >= 0) {
      Handle owned(id);
      stop = detail::visit_object(
          id, o.path, resolver,
          [&](const StoredReference& r) {
            if (!r.target || *r.target != target) return false;
            out.push_back(r);
            return options.first_only;
          },
          std::size_t{1} << 16);
    } else {
      H5Eclear2(H5E_DEFAULT);
    }
    if (options.progress) options.progress(++done, objects.size());
    if (stop) break;
  }
  return out;
}

}  // namespace

std::vector<StoredReference> find_references(const FileIndex& index, const Object& target, const FindOptions& options) {
  return find_id(index, object_id(target), options);
}

std::vector<StoredReference> find_references(const FileIndex& index, std::string_view path, const FindOptions& options) {
  const Object target = index.root().open(path);  // NotFoundError names the path
  return find_references(index, target, options);
}

std::vector<StoredReference> find_references(const Group& root, std::string_view path, const FindOptions& options) {
  return find_references(FileIndex(root), path, options);
}

}  // namespace h5kit::graph

// The compiled half of the dumper (include/h5kit/model/dumper.hpp).
#include "h5kit/model/dumper.hpp"

#include <algorithm>

#include "h5kit/model/detail/checks.hpp"

namespace h5kit::detail::model {

namespace {

constexpr const char* kNeverGivenData = "is a mandatory dataset that was never given data";

std::string object_of(const Problem& p) {
  if (p.field.empty()) return p.path;
  return p.path + (p.path == "/" ? "" : "/") + p.field;
}

std::string shape_text(const Shape& s) {
  std::string t = "(";
  for (std::size_t i = 0; i < s.size(); ++i) t += (i ? ", " : "") + std::to_string(s[i]);
  return t + (s.size() == 1 ? ",)" : ")");
}

}  // namespace

Dataset create_open_dataset(const Group& parent, const std::string& name, const Datatype& type,
                            const ModelSchema& model, const FieldSchema& field) {
  Shape shape, maxshape;
  bool growable = false;
  for (const std::int64_t extent : model.value.shape) {
    const bool wildcard = extent == kAnyExtent;
    growable = growable || wildcard;
    shape.push_back(wildcard ? 0 : static_cast<std::size_t>(extent));
    maxshape.push_back(wildcard ? unlimited : shape.back());
  }
  if (!growable) {  // a fixed shape: the layout dump() gives it, written by block or whole
    return parent.create_dataset(name, shape, type, storage_options(field, shape));
  }
  DatasetOptions options;
  if (field.gzip >= 0) options.gzip(field.gzip);
  if (field.shuffle) options.shuffle();
  if (!field.chunks.empty()) {
    options.chunks(Shape(field.chunks.begin(), field.chunks.end()));
  } else {
    // Whole rows along the fixed axes, 1 along the wildcard ones, then the first wildcard axis
    // lengthened to about 1 MiB: a frame of an image stack is one chunk (or a few frames are).
    Shape chunks;
    std::size_t bytes = std::max<std::size_t>(type.size(), 1);
    for (std::size_t i = 0; i < shape.size(); ++i) {
      chunks.push_back(maxshape[i] == unlimited ? 1 : std::max<std::size_t>(shape[i], 1));
      bytes *= chunks.back();
    }
    for (std::size_t i = 0; i < shape.size(); ++i) {
      if (maxshape[i] != unlimited) continue;
      chunks[i] = std::max<std::size_t>(1, (std::size_t{1} << 20) / bytes);
      break;
    }
    options.chunks(std::move(chunks));
  }
  options.maxshape(std::move(maxshape));
  return parent.create_dataset(name, shape, type, options);
}

void OpenDatasets::add(const Dataset& dataset, const FieldSchema& field, const ModelSchema& model,
                       std::type_index element, std::string element_name) {
  auto entry = std::make_unique<OpenDataset>();
  entry->dataset = dataset;
  entry->path = dataset.path();
  entry->field = &field;
  entry->model = &model;
  entry->element = element;
  entry->element_name = std::move(element_name);
  items_.push_back(std::move(entry));
}

OpenDataset& OpenDatasets::find(std::string_view path, const std::string& file) {
  std::string wanted(path);
  if (wanted.empty() || wanted[0] != '/') wanted.insert(0, "/");
  for (auto& entry : items_) {
    if (entry->path == wanted) return *entry;
  }
  std::string known;
  for (const auto& entry : items_) known += (known.empty() ? "" : ", ") + entry->path;
  throw_error(ErrorKind::not_found, "dumper field", file, wanted,
              "the dumper created no dataset there; it writes the dataset fields the model left without data: " +
                  (known.empty() ? std::string("none") : known));
}

void refuse_block(const OpenDataset& open, const std::string& file, std::size_t element, const Shape& offset,
                  const std::string& message) {
  Problem p = open.unset;
  p.message = "element " + std::to_string(element) + " of the block at " + shape_text(offset) + " " + message +
              " (the block was not written)";
  throw ValidationError("write dataset", file, {std::move(p)});
}

void refuse_element_type(const OpenDataset& open, const std::string& file, const std::string& asked) {
  throw_error(ErrorKind::type_mismatch, "dumper field", file, open.path,
              "the field's elements are " + open.element_name + ", not " + asked);
}

void grow_to(const OpenDataset& open, const Shape& offset, const Shape& count, bool whole) {
  const Shape now = open.dataset.shape();
  if (count.size() != now.size() || offset.size() != now.size()) {
    throw_error(ErrorKind::shape_mismatch, whole ? "write dataset" : "write block", open.dataset.file_name(), open.path,
                "a value of rank " + std::to_string(count.size()) + " for a dataset of rank " +
                    std::to_string(now.size()) + " (declared " + describe(open.model->value) + ")");
  }
  if (whole) {
    if (std::string m = check_shape(open.model->value.shape, false, count); !m.empty()) {
      throw_error(ErrorKind::shape_mismatch, "write dataset", open.dataset.file_name(), open.path, m);
    }
  }
  Shape wanted = now;
  const std::vector<std::int64_t>& declared = open.model->value.shape;
  for (std::size_t i = 0; i < now.size(); ++i) {
    if (declared[i] != kAnyExtent) continue;  // fixed: the block must be inside (the core says so)
    wanted[i] = whole ? count[i] : std::max(now[i], offset[i] + count[i]);
  }
  if (wanted != now) open.dataset.resize(wanted);
}

std::vector<Problem> split_unset_problems(std::vector<Problem>& problems) {
  std::vector<Problem> unset, rest;
  for (Problem& p : problems) (p.message == kNeverGivenData ? unset : rest).push_back(std::move(p));
  problems = std::move(rest);
  return unset;
}

void pair_unset_problems(OpenDatasets& open, const std::vector<Problem>& unset) {
  for (auto& entry : open.items()) {
    const auto it = std::find_if(unset.begin(), unset.end(), [&](const Problem& p) { return object_of(p) == entry->path; });
    if (it != unset.end()) {
      entry->unset = *it;
    } else {  // not reached: validate() reports every dataset model without data
      const auto slash = entry->path.rfind('/');
      entry->unset = Problem{slash == 0 ? "/" : entry->path.substr(0, slash), entry->path.substr(slash + 1),
                             kNeverGivenData, entry->path};
    }
  }
}

std::vector<Problem> unwritten_problems(OpenDatasets& open) {
  std::vector<Problem> problems;
  for (const auto& entry : open.items()) {
    if (!entry->given_data) problems.push_back(entry->unset);
  }
  return problems;
}

std::vector<Problem> check_at_commit(OpenDatasets& open, const DumpOptions& options, const Group& root) {
  std::vector<Problem> problems;
  for (const auto& entry : open.items()) {
    if (!entry->given_data) continue;
    if (std::string m = check_length(*entry->field, entry->dataset.size()); !m.empty()) {
      Problem p = entry->unset;
      p.message = m;
      problems.push_back(std::move(p));
    }
  }
  if (!problems.empty() || !options.partial || options.unset_datasets != UnsetDatasets::omit) return problems;
  for (const auto& entry : open.items()) {
    if (entry->given_data) continue;
    entry->dataset = Dataset();
    root.erase(entry->path);  // h5pydantic's partial dump without them: left out of the file
  }
  return problems;
}

}  // namespace h5kit::detail::model

#pragma once
// h5pydantic's H5Group.dumper() in C++: a model whose datasets do not fit in memory, written as its
// data is produced. docs/models.md ("Big files: the dumper and the lazy load") is the guide.
//
//     Scan scan;                                        // attributes and groups set, `frames` left without data
//     scan.energy = 8.1;
//     auto out = h5kit::dumper(scan, "scan.h5");        // attributes and groups written, datasets created
//     auto frames = out.field(&Scan::frames);           // DatasetWriter<std::uint16_t>
//     for (...) frames.append(frame);                   // one frame (a row) at a time, or blocks of rows
//     out.commit();                                     // every mandatory dataset got data: renamed into place
//
// The file is written through h5kit::AtomicFile: until commit() it is a temporary beside the target,
// and a dumper destroyed without commit() (an exception, a return) or a process that dies leaves the
// old file as it was.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeindex>
#include <utility>
#include <vector>

#include <boost/core/type_name.hpp>

#include "h5kit/atomic_file.hpp"
#include "h5kit/model/io.hpp"

namespace h5kit {

namespace detail::model {
// The stored name path of a chain of member pointers (&Experiment::calibration, &Calibration::no_beam).
template <class C, class M>
std::string stored_name_of(M C::*pointer) {
  std::string member;
  boost::mp11::mp_for_each<members<C>>([&](auto d) {
    if constexpr (std::is_same_v<std::remove_cv_t<decltype(d.pointer)>, M C::*>) {
      if (d.pointer == pointer) member = d.name;
    }
  });
  const FieldSchema* f = schema_of<C>().find_member(member);
  return f == nullptr ? member : f->name;
}
template <class P>
struct pointed_member;
template <class C, class M>
struct pointed_member<M C::*> {
  using type = typename optional_of<std::remove_cvref_t<M>>::type;
};
template <class... P>
struct last_of {
  using type = typename decltype((std::type_identity<P>{}, ...))::type;
};

// Problems of one block as it arrives: each element against the field's constraints (and, for
// enums, the enum's members). ValidationError naming the dataset; nothing of the block is written.
void refuse_block(const OpenDataset& open, const std::string& file, std::size_t element, const Shape& offset,
                  const std::string& message);
// TypeMismatchError: a handle of element type `asked` for a dataset of another.
[[noreturn]] void refuse_element_type(const OpenDataset& open, const std::string& file, const std::string& asked);
// Grows the wildcard axes of `open` to hold `count` elements from `offset`; ShapeMismatchError when
// a fixed axis would have to change (for a whole write: `offset` all zeros, `whole`).
void grow_to(const OpenDataset& open, const Shape& offset, const Shape& count, bool whole);
// What commit() reports: the mandatory datasets that never got data.
std::vector<Problem> unwritten_problems(OpenDatasets& open);
// Splits validate()'s problems: the "never given data" ones (returned) from the others (left in
// `problems`, refused before anything is written).
std::vector<Problem> split_unset_problems(std::vector<Problem>& problems);
// Gives every created dataset its "never given data" problem from `unset`.
void pair_unset_problems(OpenDatasets& open, const std::vector<Problem>& unset);
// At commit: length constraints on the datasets' element counts; with partial and
// UnsetDatasets::omit, the datasets never written are removed.
std::vector<Problem> check_at_commit(OpenDatasets& open, const DumpOptions& options, const Group& root);
}  // namespace detail::model

// A field handle: writes one dataset of a dumper, whole, by block, or by appending rows along its
// wildcard axis. Each block is checked against the field's constraints before it is written
// (ValidationError, nothing written). It refers to its ModelDumper, which must outlive it; after
// commit() or discard() every use is a ClosedObjectError.
template <class E>
class DatasetWriter {
 public:
  // The dataset as it is now (its shape grows with the writes).
  const Dataset& dataset() const { return entry_->dataset; }
  Shape shape() const { return entry_->dataset.shape(); }
  const std::string& path() const noexcept { return entry_->path; }
  // Whether anything was written: a dataset that never was is reported by commit().
  bool has_data() const noexcept { return entry_->given_data; }

  // The whole dataset: `value`'s shape must fit the declared one (wildcard axes take any length).
  template <class V>
  void write(const V& value) const {
    require_open();
    const Shape count = shape_of(value);
    check(value, Shape(count.size(), 0));
    detail::model::grow_to(*entry_, Shape(count.size(), 0), count, true);
    entry_->dataset.write(value);
    entry_->given_data = true;
  }
  // A block at `offset` (element coordinates): wildcard axes grow to hold it, fixed ones must.
  template <class V>
  void write_block(const V& value, const Shape& offset) const {
    require_open();
    const Shape count = shape_of(value);
    check(value, offset);
    detail::model::grow_to(*entry_, offset, count, false);
    entry_->dataset.write_block(value, offset);
    entry_->given_data = true;
  }
  // One row (the dataset's shape without its growing axis: one frame of an image stack) or a block
  // of whole rows (full rank), appended along the wildcard axis (Dataset::append).
  template <class V>
  void append(const V& value) const {
    require_open();
    Shape offset(entry_->dataset.rank(), 0);
    if (!offset.empty()) offset[0] = entry_->dataset.shape()[0];
    check(value, offset);
    entry_->dataset.append(value);
    entry_->given_data = true;
  }

 private:
  template <class T>
  friend class ModelDumper;
  DatasetWriter(detail::model::OpenDataset* entry, std::string file) : entry_(entry), file_(std::move(file)) {}

  template <class V>
  static Shape shape_of(const V& value) {
    Shape s;
    inspector<V>::shape(value, s);
    return s;
  }
  void require_open() const {
    if (!entry_->dataset.valid()) {
      throw_error(ErrorKind::closed, "write dataset", file_, entry_->path,
                  "the dumper was committed or discarded: its field handles are closed");
    }
  }
  template <class V>
  void check(const V& value, const Shape& offset) const {
    const FieldSchema& f = *entry_->field;
    if constexpr (detail::model::is_number<E> || std::is_enum_v<E> || std::is_same_v<E, std::string>) {
      if (f.constraints.empty() && !std::is_enum_v<E>) return;
      if constexpr (std::is_same_v<V, E>) {
        if (std::string m = detail::model::check_one(value, f); !m.empty())
          detail::model::refuse_block(*entry_, file_, 0, offset, m);
      } else if constexpr (detail::model::element_range<V>) {
        std::size_t i = 0;
        for (const auto& e : value) {
          if (std::string m = detail::model::check_one(e, f); !m.empty())
            detail::model::refuse_block(*entry_, file_, i, offset, m);
          ++i;
        }
      }
    }
  }

  detail::model::OpenDataset* entry_;
  std::string file_;
};

// A dump in progress (see the top of this file). Move-only; field handles stay valid across moves.
template <class T>
class ModelDumper {
  static_assert(detail::model::is_group_model<T>, "h5kit: dumper() takes a model struct (a group), not a dataset");

 public:
  // Validates `model` (every problem but its datasets without data: ValidationError, nothing
  // written), creates the temporary file and writes the model: attributes, groups, the datasets that
  // have data, and every dataset model without data created empty to be written through a handle.
  ModelDumper(const T& model, std::string path, const DumpOptions& options = {})
      : options_(options), path_(std::move(path)) {
    std::vector<Problem> problems = validate(model, ValidateOptions{false});
    const std::vector<Problem> unset = detail::model::split_unset_problems(problems);
    detail::model::refuse_invalid(std::move(problems), "dump model", path_);
    out_.emplace(path_, options_.file);
    detail::model::dump_validated(model, out_->file(), options_, &open_);
    detail::model::pair_unset_problems(open_, unset);
  }

  // The handle of one dataset by its path below the model's root: "frames", "calibration/no_beam",
  // "datas/0" (a list element), "named/k" (a map entry). NotFoundError when the dumper created no
  // dataset there (it had data, or there is no such field); TypeMismatchError when E is not the
  // field's element type.
  template <class E>
  DatasetWriter<E> dataset(std::string_view path) {
    detail::model::OpenDataset& entry = open_.find(path, path_);
    if (entry.element != std::type_index(typeid(E))) {
      detail::model::refuse_element_type(entry, path_, boost::core::type_name<E>());
    }
    return DatasetWriter<E>(&entry, path_);
  }
  // The same by member pointers from the model's root: field(&Scan::frames),
  // field(&Experiment::calibration, &Calibration::no_beam). The element type is the field's.
  template <class... P>
  auto field(P... members) {
    using V = typename detail::model::pointed_member<typename detail::model::last_of<P...>::type>::type;
    static_assert(detail::model::is_dataset_model<V>, "h5kit: field() names a dataset field (a DatasetOf)");
    std::string path;
    ((path += (path.empty() ? "" : "/") + detail::model::stored_name_of(members)), ...);
    return dataset<typename V::value_type>(path);
  }

  // The problems commit() would report now: mandatory datasets that never got data.
  std::vector<Problem> unwritten() { return detail::model::unwritten_problems(open_); }

  // h5pydantic's close: checks that every mandatory dataset got data (ValidationError listing each
  // one that did not, as dump() reports them, unless DumpOptions::partial; nothing is renamed and
  // the dumper stays usable), then closes the datasets and renames the file into place.
  void commit() {
    std::vector<Problem> problems;
    if (!options_.partial) problems = unwritten();
    for (Problem& p : detail::model::check_at_commit(open_, options_, out_->file())) problems.push_back(std::move(p));
    detail::model::refuse_invalid(std::move(problems), "dump model", path_);
    for (auto& entry : open_.items()) entry->dataset = Dataset();
    out_->commit();
  }
  void close() { commit(); }
  // Gives up: the temporary is removed, the target untouched (what the destructor does without commit()).
  void discard() noexcept {
    for (auto& entry : open_.items()) entry->dataset = Dataset();
    if (out_) out_->discard();
  }
  bool committed() const noexcept { return out_ && out_->committed(); }
  const std::string& path() const noexcept { return path_; }
  const std::string& temporary_path() const noexcept { return out_->temporary_path(); }

  ModelDumper(ModelDumper&&) noexcept = default;
  ModelDumper& operator=(ModelDumper&&) noexcept = default;
  ~ModelDumper() {
    for (auto& entry : open_.items()) entry->dataset = Dataset();  // before the AtomicFile removes the file
  }

 private:
  DumpOptions options_;
  std::string path_;
  std::optional<AtomicFile> out_;   // declared before open_: the datasets close first
  detail::model::OpenDatasets open_;
};

template <class T>
ModelDumper<T> dumper(const T& model, std::string_view path, const DumpOptions& options = {}) {
  return ModelDumper<T>(model, std::string(path), options);
}

}  // namespace h5kit

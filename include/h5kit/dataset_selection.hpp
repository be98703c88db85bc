#pragma once
// DatasetSelection: part of a dataset, as returned by ds[{...}] and ds.select(...), read and
// written like a whole dataset (included by dataset.hpp; not meant to be included alone).
#include "h5kit/dataset.hpp"
#include "h5kit/selection.hpp"

namespace h5kit {

// Reads the selected elements into any container inspector<T> knows (read<T>(), read(T&)),
// converting to its element type with range checks like a whole-dataset read; writes with
// write(value) or `=`. As in numpy, a smaller value is broadcast over the selection: a scalar fills
// it, a row is repeated over every row, and so on.
class DatasetSelection : public detail::ValueIo<DatasetSelection> {
 public:
  DatasetSelection(Dataset dataset, Selection selection)
      : dataset_(std::move(dataset)), selection_(std::move(selection)) {}

  const Dataset& dataset() const noexcept { return dataset_; }
  const Selection& selection() const noexcept { return selection_; }
  // The shape of the selected data (integer indices drop their axis; points and masks are 1-D).
  const Shape& shape() const noexcept { return selection_.shape(); }
  std::size_t size() const noexcept { return selection_.size(); }

  template <class T>
  const DatasetSelection& operator=(const T& value) const {
    write(value);
    return *this;
  }

 private:
  friend class detail::ValueIo<DatasetSelection>;
  static constexpr const char* read_operation = "read selection";
  static constexpr const char* write_operation = "write selection";
  detail::IoTarget target(const char* operation) const;
  Dataset dataset_;
  Selection selection_;
};

// Reads (or writes) through a fixed element type, converting with range checks (h5py's astype):
//   NDArray<double> x = ds.astype<double>()[{s(0, 10)}];
template <class E>
class AsType {
 public:
  explicit AsType(Dataset dataset) : dataset_(std::move(dataset)) {}
  NDArray<E> read() const { return dataset_.read<NDArray<E>>(); }
  NDArray<E> operator[](std::initializer_list<Index> index) const {
    return dataset_[index].template read<NDArray<E>>();
  }
  NDArray<E> operator[](const Index& index) const { return dataset_[index].template read<NDArray<E>>(); }
  NDArray<E> select(const Selection& selection) const {
    return dataset_.select(selection).template read<NDArray<E>>();
  }

 private:
  Dataset dataset_;
};

template <class E>
AsType<E> Dataset::astype() const {
  return AsType<E>(*this);
}

template <class... I>
DatasetSelection Dataset::select(const I&... index) const {
  const Index expression[] = {Index(index)...};
  return select_index(std::span<const Index>(expression, sizeof...(I)));
}

namespace detail {
// Elements read_direct/write_direct can move: numbers stored as their own bytes. Strings, enums
// (mapped by name), structs and types with their own I/O go through a packed buffer of their own,
// which a memory selection cannot follow.
template <class T>
inline constexpr bool direct_element = inspector<T>::rank == 0 && std::is_trivially_copyable_v<T> &&
                                       !std::is_enum_v<T> && !has_own_io<T> && !has_codec<T>;
}  // namespace detail

template <class T>
void Dataset::read_direct(NDView<T> destination, const std::optional<Selection>& source,
                          const std::optional<Selection>& destination_selection) const {
  static_assert(detail::direct_element<T>, "h5kit: read_direct takes numbers (arithmetic, complex, float16, time points)");
  DirectTransfer d;
  prepare_direct(d, "read direct", source, destination.shape, destination_selection);
  detail::read_raw(d.target, inspector<T>::datatype(), destination.data, d.file.size());
}

template <class T>
void Dataset::write_direct(NDView<const T> source, const std::optional<Selection>& source_selection,
                           const std::optional<Selection>& destination) const {
  static_assert(detail::direct_element<T>, "h5kit: write_direct takes numbers (arithmetic, complex, float16, time points)");
  DirectTransfer d;
  prepare_direct(d, "write direct", destination, source.shape, source_selection);
  detail::write_raw(d.target, inspector<T>::datatype(), source.data, d.shape);
}

}  // namespace h5kit

#pragma once
// DatasetFields: some fields of a compound dataset, read and written without the others (h5py's
// ds.fields(["a", "c"]) and ds["c"] = ...; included by dataset.hpp).
//
//   std::vector<double> c = ds.fields({"c"}).read<std::vector<double>>();   // one field: its own type
//   ds.fields({"c"}) = 0.0;                                                   // a scalar into every row
//   ds.fields({"c"})[{s(0, 10)}] = values;                                    // rows 0..9 of field c
//   ds.fields({"a", "c"}).read<std::vector<AC>>();   // several: a described struct with exactly those members
//
// One field is read or written as the C++ type of its own stored type (double for float64, int32_t
// for int32; byte order aside): another type would convert inside HDF5's compound conversion, which
// clamps and truncates silently, so it is a TypeMismatchError naming the field's type. Several
// fields go through a struct whose member names are exactly the requested ones (any order). The
// fields not named keep their values on writes. A name the compound lacks is a NotFoundError; a
// dataset that is not a compound, or text fields alone, an InvalidArgumentError.
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "h5kit/dataset.hpp"
#include "h5kit/selection.hpp"

namespace h5kit {

class DatasetFields : public detail::ValueIo<DatasetFields> {
 public:
  DatasetFields(Dataset dataset, std::vector<std::string> names, std::optional<Selection> selection = std::nullopt);

  // The same fields of the rows `index` selects (numpy index expression, as ds[{...}]).
  DatasetFields operator[](std::initializer_list<Index> index) const;
  const std::vector<std::string>& names() const noexcept { return names_; }

  template <class T>
  const DatasetFields& operator=(const T& value) const {
    write(value);
    return *this;
  }

 private:
  friend class detail::ValueIo<DatasetFields>;
  static constexpr const char* read_operation = "read fields";
  static constexpr const char* write_operation = "write fields";
  detail::IoTarget target(const char* operation) const;
  Dataset dataset_;
  std::vector<std::string> names_;
  std::optional<Selection> selection_;
};

}  // namespace h5kit

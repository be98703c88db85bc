#pragma once
// AsStr: a string dataset read as decoded text (h5py's ds.asstr(encoding, errors); included by
// dataset.hpp).
//
//   NDArray<std::string> all = ds.asstr().read();                                     // as stored
//   NDArray<std::string> some = ds.asstr({TextEncoding::latin1})[{s(0, 10)}];
//   auto shown = ds.asstr({TextEncoding::utf8, DecodeErrors::replace}).read();        // U+FFFD for bad bytes
//
// Any string type reads this way, fixed or variable, ASCII or UTF-8. Under DecodeErrors::strict
// the first element that does not decode is an InvalidArgumentError naming the dataset, the
// element, the byte and its offset.
#include <initializer_list>
#include <string>

#include "h5kit/dataset.hpp"
#include "h5kit/ndarray.hpp"
#include "h5kit/selection.hpp"
#include "h5kit/strings.hpp"
#include "h5kit/text_decoding.hpp"

namespace h5kit {

class AsStr {
 public:
  AsStr(Dataset dataset, TextDecoding how);
  NDArray<std::string> read() const;
  NDArray<std::string> operator[](std::initializer_list<Index> index) const;
  NDArray<std::string> operator[](const Index& index) const;
  NDArray<std::string> select(const Selection& selection) const;
  // The encoding TextEncoding::stored resolves to for this dataset.
  const TextDecoding& decoding() const noexcept { return how_; }

 private:
  NDArray<std::string> decoded(NDArray<Bytes> bytes) const;
  Dataset dataset_;
  TextDecoding how_;
};

}  // namespace h5kit

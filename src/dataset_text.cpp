// AsStr: a string dataset's elements read as bytes, then decoded (h5py's asstr()).
#include "h5kit/dataset_text.hpp"

#include "detail/checked.hpp"
#include "detail/text_decoder.hpp"

namespace h5kit {

AsStr::AsStr(Dataset dataset, TextDecoding how) : dataset_(std::move(dataset)), how_(how) {
  const Datatype type = dataset_.dtype();
  if (type.type_class() != TypeClass::string)
    detail::reject(ErrorKind::type_mismatch, "read text", detail::Where{dataset_.id()},
                   "asstr() reads string datasets; this one is " + type.name());
  // h5py's default: the encoding the stored type names.
  if (how_.encoding == TextEncoding::stored)
    how_.encoding = type.charset() == CharSet::utf8 ? TextEncoding::utf8 : TextEncoding::ascii;
}

NDArray<std::string> AsStr::read() const { return decoded(dataset_.read<NDArray<Bytes>>()); }

NDArray<std::string> AsStr::operator[](std::initializer_list<Index> index) const {
  return decoded(dataset_[index].read<NDArray<Bytes>>());
}

NDArray<std::string> AsStr::operator[](const Index& index) const {
  return decoded(dataset_[index].read<NDArray<Bytes>>());
}

NDArray<std::string> AsStr::select(const Selection& selection) const {
  return decoded(dataset_.select(selection).read<NDArray<Bytes>>());
}

NDArray<std::string> AsStr::decoded(NDArray<Bytes> bytes) const {
  NDArray<std::string> text(bytes.shape());
  for (std::size_t i = 0; i < bytes.size(); ++i)
    if (const auto bad = detail::decode_into(bytes.data()[i].view(), how_.encoding, how_.errors, text.data()[i]))
      detail::reject(ErrorKind::invalid_argument, "read text", detail::Where{dataset_.id()},
                     "element " + std::to_string(i) + ": " + detail::undecodable(bytes.data()[i].view(), *bad, how_.encoding));
  return text;
}

AsStr Dataset::asstr(TextDecoding how) const { return AsStr(*this, how); }

}  // namespace h5kit

#pragma once
// Turns the values of datasets and attributes into JSON, for any HDF5 type met at run time.
// The mapping (documented in docs/cli.md) follows what h5py users see:
//   integers, floats     -> numbers; nan/inf/-inf -> the strings "nan", "inf", "-inf"
//   bool (h5py's enum)   -> true / false
//   enum                 -> the member's name (the number when no member has that value)
//   strings              -> strings (fixed-length: trailing NULs removed); bytes that are not
//                           valid UTF-8 -> {"base64": "..."}
//   complex (h5py's {r,i}) -> [re, im]
//   compound             -> an object of its fields, in field order
//   object reference     -> the target's path; null for a null or unresolvable reference
//   region reference     -> {"path": ..., "selection": {"type": "blocks"|"points"|"all"|"none", ...}}
//   array type, vlen     -> lists
//   numpy datetime64/timedelta64 (h5py's tagged opaque) -> ISO 8601 text
//   opaque, bitfield     -> base64 string / unsigned number
// An N-d value becomes nested lists by shape; a scalar (shape ()) is the plain element; a null
// dataspace is null.
#include <cstdint>
#include <memory>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include <h5kit/h5kit.hpp>

namespace h5kit::cli {

// Insertion-ordered, so members and attributes keep the file's order in the output.
using Json = nlohmann::ordered_json;

// Turns object references into paths. One file-wide cache: a dataset of references often points at
// the same few objects, and each lookup opens an object.
class ReferenceResolver {
 public:
  explicit ReferenceResolver(Group root) : root_(std::move(root)) {}
  // The path of the referenced object; null for the null reference or one that no longer resolves.
  Json path_of(std::uint64_t address);
  // A region reference (hdset_reg_ref_t bytes) as {"path": ..., "selection": ...}; null for the null
  // reference or one that no longer resolves.
  Json region_of(const std::byte* reference);

 private:
  Group root_;
  std::unordered_map<std::uint64_t, Json> cache_;
};

// The value held in `raw` (read with read_native()), shaped as described above.
Json to_json(const RawData& raw, ReferenceResolver& references);

struct ElementLayout;  // json_value.cpp: a datatype decoded once

// One element at a time, for writers that stream a large value instead of building its whole JSON
// (dump_stream.hpp). The type is decoded once; each call turns the element's bytes, laid out in
// `native_type` (a block read with that type), into its JSON, exactly as to_json would.
class ElementDecoder {
 public:
  ElementDecoder(const Datatype& native_type, ReferenceResolver& references);
  ~ElementDecoder();
  ElementDecoder(const ElementDecoder&) = delete;
  ElementDecoder& operator=(const ElementDecoder&) = delete;

  std::size_t element_size() const noexcept;  // bytes of one element in memory
  Json operator()(const std::byte* element) const;

 private:
  std::unique_ptr<const ElementLayout> layout_;
  ReferenceResolver& references_;
};

}  // namespace h5kit::cli

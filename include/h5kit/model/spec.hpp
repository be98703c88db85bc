#pragma once
// Declaring a model: a plain struct reflected with Boost.Describe, plus per-field metadata kept beside
// it in constexpr data. The metadata is found by argument-dependent lookup, so it lives in the
// struct's own namespace and needs no specialisation of h5kit templates:
//
//     struct Beam { double energy = 0; std::int32_t distance = 0; };
//     BOOST_DESCRIBE_STRUCT(Beam, (), (energy, distance))
//
//     constexpr auto h5kit_model(const Beam*) {
//       using h5kit::field;
//       return h5kit::model("Beam", 1,
//           field(&Beam::energy).doc("X-ray beam energy").unit("J").ge(0),
//           field(&Beam::distance).doc("Distance from sample to detector").unit("mm").ge(0));
//     }
//
// A described struct without h5kit_model() is a model too: its name is the C++ type name, its
// version 1, its fields carry no metadata. Drift between a struct and its metadata is a build error:
// metadata naming a member BOOST_DESCRIBE_STRUCT does not list, the same member described twice,
// and (for plain aggregates) a data member missing from BOOST_DESCRIBE_STRUCT.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>

namespace h5kit {

// Where a field lives. `automatic`: scalars and small arrays become attributes, DatasetOf fields
// datasets, models groups.
enum class Placement : std::uint8_t { automatic, attribute, dataset };

// Everything about one field except which member it is: plain constexpr data, one type for all
// fields, so the library's compiled code can read it.
struct FieldMeta {
  std::string_view doc;
  std::string_view unit;       // UDUNITS-2 spelling ("mm", "J", "keV"); empty: none
  std::string_view disk_name;  // the name in the file when it differs from the member's
  Placement placement = Placement::automatic;
  // Numeric bounds, checked on dump, load and validate (for arrays: every element).
  std::optional<double> ge, gt, le, lt;
  // Length of a string, or element count of an array or list.
  std::optional<std::size_t> min_length, max_length;
  std::string_view pattern;                    // ECMAScript regex the whole string must match
  std::span<const std::string_view> allowed;   // allowed string values (empty: any)
  std::span<const double> allowed_numbers;     // allowed numeric values (empty: any)
  // Dataset storage: gzip level (-1: none), shuffle, chunk shape (chunk_rank 0: HDF5's choice when
  // compressed, else contiguous).
  int gzip = -1;
  bool shuffle = false;
  std::array<std::size_t, 8> chunks{};
  std::size_t chunk_rank = 0;
};

// A field's metadata bound to its member pointer, built with chained calls.
template <class Class, class Member>
struct FieldSpec {
  using class_type = Class;
  using member_type = Member;
  Member Class::*member;
  FieldMeta meta{};

  constexpr FieldSpec doc(std::string_view text) const { return with([&](FieldMeta& m) { m.doc = text; }); }
  constexpr FieldSpec unit(std::string_view u) const { return with([&](FieldMeta& m) { m.unit = u; }); }
  constexpr FieldSpec name(std::string_view n) const { return with([&](FieldMeta& m) { m.disk_name = n; }); }
  constexpr FieldSpec attribute() const { return with([](FieldMeta& m) { m.placement = Placement::attribute; }); }
  constexpr FieldSpec dataset() const { return with([](FieldMeta& m) { m.placement = Placement::dataset; }); }
  constexpr FieldSpec ge(double v) const { return with([&](FieldMeta& m) { m.ge = v; }); }
  constexpr FieldSpec gt(double v) const { return with([&](FieldMeta& m) { m.gt = v; }); }
  constexpr FieldSpec le(double v) const { return with([&](FieldMeta& m) { m.le = v; }); }
  constexpr FieldSpec lt(double v) const { return with([&](FieldMeta& m) { m.lt = v; }); }
  constexpr FieldSpec min_length(std::size_t n) const { return with([&](FieldMeta& m) { m.min_length = n; }); }
  constexpr FieldSpec max_length(std::size_t n) const { return with([&](FieldMeta& m) { m.max_length = n; }); }
  constexpr FieldSpec pattern(std::string_view regex) const { return with([&](FieldMeta& m) { m.pattern = regex; }); }
  // The values must outlive the program's use of the model: pass a static constexpr array.
  constexpr FieldSpec one_of(std::span<const std::string_view> values) const {
    return with([&](FieldMeta& m) { m.allowed = values; });
  }
  constexpr FieldSpec one_of(std::span<const double> values) const {
    return with([&](FieldMeta& m) { m.allowed_numbers = values; });
  }
  constexpr FieldSpec gzip(int level) const { return with([&](FieldMeta& m) { m.gzip = level; }); }
  constexpr FieldSpec shuffle() const { return with([](FieldMeta& m) { m.shuffle = true; }); }
  template <std::size_t N>
  constexpr FieldSpec chunks(const std::size_t (&dims)[N]) const {
    static_assert(N >= 1 && N <= 8, "h5kit: chunk shapes have 1 to 8 axes");
    return with([&](FieldMeta& m) {
      for (std::size_t i = 0; i < N; ++i) m.chunks[i] = dims[i];
      m.chunk_rank = N;
    });
  }

 private:
  template <class F>
  constexpr FieldSpec with(F&& change) const {
    FieldSpec copy = *this;
    change(copy.meta);
    return copy;
  }
};

template <class Class, class Member>
constexpr FieldSpec<Class, Member> field(Member Class::*member) {
  return FieldSpec<Class, Member>{member};
}

struct ModelInfo {
  std::string_view name;  // empty: the C++ type name
  int version = 1;
  std::string_view doc;
};

// What h5kit_model() returns: the model's name, version and documentation and its fields' metadata.
template <class... Fields>
struct ModelSpec {
  ModelInfo info;
  std::tuple<Fields...> fields;

  constexpr ModelSpec with_doc(std::string_view text) const {
    ModelSpec copy = *this;
    copy.info.doc = text;
    return copy;
  }
};

template <class... Fields>
constexpr ModelSpec<Fields...> model(std::string_view name, int version, Fields... fields) {
  return ModelSpec<Fields...>{ModelInfo{name, version, {}}, std::tuple<Fields...>{fields...}};
}

}  // namespace h5kit

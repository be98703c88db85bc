#include "detail/numpy_time.hpp"

#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <mutex>

#include "detail/checked.hpp"
#include "detail/h5_text.hpp"

namespace h5kit::detail {

namespace {

struct UnitInfo {
  std::string_view name;
  std::int64_t num, den;
};

// The fixed-length units numpy has (months and years are calendar units with no fixed length in
// seconds; h5kit does not convert them and reads them only as Opaque).
constexpr std::array<UnitInfo, 11> kUnits = {{{"as", 1, 1'000'000'000'000'000'000},
                                              {"fs", 1, 1'000'000'000'000'000},
                                              {"ps", 1, 1'000'000'000'000},
                                              {"ns", 1, 1'000'000'000},
                                              {"us", 1, 1'000'000},
                                              {"ms", 1, 1'000},
                                              {"s", 1, 1},
                                              {"m", 60, 1},
                                              {"h", 3600, 1},
                                              {"D", 86400, 1},
                                              {"W", 604800, 1}}};

constexpr std::int64_t kNaT = std::numeric_limits<std::int64_t>::min();

std::int64_t gcd(std::int64_t a, std::int64_t b) {
  while (b != 0) {
    const std::int64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

std::optional<NumpyTimeUnit> unit_of(hid_t type) {
  if (H5Tget_class(type) != H5T_OPAQUE || H5Tget_size(type) != 8) return std::nullopt;
  return parse_numpy_time_tag(take_h5_string(H5Tget_tag(type)));
}

// One unit of `from` is factor.first / factor.second units of `to`, in lowest terms.
std::pair<std::int64_t, std::int64_t> factor(const NumpyTimeUnit& from, const NumpyTimeUnit& to) {
  // from.num/from.den seconds per unit divided by to.num/to.den, reduced before multiplying; a
  // factor beyond int64 (weeks to attoseconds) means no such conversion.
  std::int64_t n1 = from.num, d1 = from.den, n2 = to.den, d2 = to.num;
  std::int64_t g = gcd(n1, d2);
  n1 /= g, d2 /= g;
  g = gcd(n2, d1);
  n2 /= g, d1 /= g;
  std::int64_t p, q;
  if (__builtin_mul_overflow(n1, n2, &p) || __builtin_mul_overflow(d1, d2, &q)) return {0, 0};
  return {p, q};
}

void push_error(const std::string& message) {
  H5Epush2(H5E_DEFAULT, __FILE__, "numpy time conversion", __LINE__, H5E_ERR_CLS, H5E_DATATYPE, H5E_CANTCONVERT,
           "%s", message.c_str());
}

// HDF5's conversion-function protocol (H5Tregister): INIT accepts or declines a pair of types,
// CONV converts nelmts values in place, FREE releases nothing (no private data).
herr_t convert_time(hid_t src, hid_t dst, H5T_cdata_t* cdata, size_t nelmts, size_t buf_stride, size_t,
                    void* buf, void*, hid_t) {
  switch (cdata->command) {
    case H5T_CONV_INIT: {
      const auto a = unit_of(src), b = unit_of(dst);
      // A negative result declines the pair: HDF5 then reports that no conversion path exists.
      if (!a || !b || a->kind != b->kind || factor(*a, *b).first == 0) return -1;
      cdata->need_bkg = H5T_BKG_NO;
      return 0;
    }
    case H5T_CONV_FREE: return 0;
    case H5T_CONV_CONV: break;
    default: return -1;
  }
  const auto a = unit_of(src), b = unit_of(dst);
  if (!a || !b) return -1;
  const auto [p, q] = factor(*a, *b);
  const std::size_t stride = buf_stride ? buf_stride : 8;
  auto* bytes = static_cast<unsigned char*>(buf);
  // Counts are converted in the machine's order; a big-endian side is swapped on the way.
  constexpr bool little_machine = std::endian::native == std::endian::little;
  const bool swap_in = a->big_endian == little_machine, swap_out = b->big_endian == little_machine;
  for (std::size_t i = 0; i < nelmts; ++i) {
    std::int64_t v;
    std::memcpy(&v, bytes + i * stride, 8);
    if (swap_in) v = static_cast<std::int64_t>(__builtin_bswap64(static_cast<std::uint64_t>(v)));
    if (v != kNaT) {
      std::int64_t scaled;
      if (__builtin_mul_overflow(v, p, &scaled) || scaled == kNaT) {
        push_error("the value " + std::to_string(v) + " " + a->unit + " does not fit an int64 count of " +
                   b->unit);
        return -1;
      }
      if (scaled % q != 0) {
        // std::chrono refuses implicit lossy duration conversions; so does h5kit.
        push_error("the value " + std::to_string(v) + " " + a->unit + " is not a whole number of " + b->unit +
                   " (converting would lose precision)");
        return -1;
      }
      v = scaled / q;
    }
    if (swap_out) v = static_cast<std::int64_t>(__builtin_bswap64(static_cast<std::uint64_t>(v)));
    std::memcpy(bytes + i * stride, &v, 8);
  }
  return 0;
}

}  // namespace

std::optional<NumpyTimeUnit> parse_numpy_time_tag(std::string_view tag) {
  // "NUMPY:<M8[ns]": h5py writes numpy's dtype.str, byte order included ('<' or '>'; '|' never
  // occurs for 8-byte types).
  constexpr std::string_view prefix = "NUMPY:";
  if (tag.substr(0, prefix.size()) != prefix || tag.size() <= prefix.size()) return std::nullopt;
  tag.remove_prefix(prefix.size());
  const char order = tag.front();
  if (order != '<' && order != '>') return std::nullopt;
  tag.remove_prefix(1);
  if (tag.size() < 5 || (tag[0] != 'M' && tag[0] != 'm') || tag.substr(1, 2) != "8[" || tag.back() != ']')
    return std::nullopt;
  const std::string_view unit = tag.substr(3, tag.size() - 4);
  for (const UnitInfo& u : kUnits)
    if (u.name == unit) return NumpyTimeUnit{tag[0], std::string(unit), u.num, u.den, order == '>'};
  return std::nullopt;
}

std::string numpy_time_tag(char kind, std::string_view unit, bool big_endian) {
  return std::string("NUMPY:") + (big_endian ? '>' : '<') + kind + "8[" + std::string(unit) + "]";
}

void register_numpy_time_conversion() {
  static std::once_flag once;
  std::call_once(once, [] {
    silence_hdf5_errors();
    // Soft conversions match by type class: these two only say "opaque to opaque"; INIT picks the pairs.
    const hid_t a = checked(H5Tcreate(H5T_OPAQUE, 8), "register numpy time conversion", Where{});
    const hid_t b = checked(H5Tcreate(H5T_OPAQUE, 8), "register numpy time conversion", Where{});
    checked(H5Tregister(H5T_PERS_SOFT, "h5kit: numpy datetime64/timedelta64 units", a, b, convert_time),
            "register numpy time conversion", Where{});
    H5Tclose(a);
    H5Tclose(b);
  });
}

}  // namespace h5kit::detail

#include "detail/broadcast.hpp"

namespace h5kit::detail {

namespace {
// `from` with leading axes of extent 1 dropped until it is no longer than `to` (numpy ignores them).
Shape trimmed(const Shape& from, const Shape& to) {
  Shape s = from;
  while (s.size() > to.size() && s.front() == 1) s.erase(s.begin());
  return s;
}
}  // namespace

bool broadcastable(const Shape& from, const Shape& to) {
  const Shape f = trimmed(from, to);
  if (f.size() > to.size()) return false;
  const std::size_t lead = to.size() - f.size();
  for (std::size_t a = 0; a < f.size(); ++a)
    if (f[a] != 1 && f[a] != to[lead + a]) return false;
  return true;
}

std::vector<std::size_t> broadcast_sources(const Shape& from, const Shape& to) {
  const Shape f = trimmed(from, to);
  const std::size_t lead = to.size() - f.size();
  // Row-major strides of `from` laid over the axes of `to`; a repeated axis has stride 0.
  std::vector<std::size_t> stride(to.size(), 0);
  std::size_t step = 1;
  for (std::size_t a = f.size(); a-- > 0;) {
    stride[lead + a] = f[a] == 1 ? 0 : step;
    step *= f[a];
  }
  const std::size_t n = element_count(to);
  std::vector<std::size_t> sources(n);
  Shape index(to.size(), 0);
  std::size_t source = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sources[i] = source;
    for (std::size_t a = to.size(); a-- > 0;) {  // next row-major index, keeping `source` in step
      source += stride[a];
      if (++index[a] < to[a]) break;
      source -= stride[a] * to[a];
      index[a] = 0;
    }
  }
  return sources;
}

}  // namespace h5kit::detail

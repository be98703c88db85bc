#include "h5kit/link.hpp"

namespace h5kit {

const char* to_string(LinkKind kind) noexcept {
  switch (kind) {
    case LinkKind::hard: return "hard";
    case LinkKind::soft: return "soft";
    case LinkKind::external: return "external";
  }
  return "unknown";
}

}  // namespace h5kit

#include "detail/visit_callback.hpp"

#include "detail/checked.hpp"
#include "detail/plists.hpp"

namespace h5kit::detail {

std::optional<std::string> VisitCallbackState::finish(herr_t status, const char* operation, hid_t group) {
  if (error_) {
    H5Eclear2(H5E_DEFAULT);
    std::rethrow_exception(error_);
  }
  checked(status, operation, Where{group});
  return stopped_at_;
}

void prepare_visit() {
  silence_hdf5_errors();
  build_shared_constants();
}

}  // namespace h5kit::detail

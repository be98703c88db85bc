#pragma once
// A C++ callback run from an HDF5 visit (H5Ovisit2, H5Lvisit): what goes back to HDF5's C frames,
// and what comes out of the visit once HDF5 has returned.
#include <hdf5.h>

#include <exception>
#include <optional>
#include <string>

namespace h5kit::detail {

// What a visit's C callback shares with the code that started the visit. An exception must not
// unwind through HDF5's C frames: step() keeps it, finish() rethrows it after HDF5 returned.
class VisitCallbackState {
 public:
  // Runs `call` (returns true to stop the visit at `name`) and answers HDF5: 0 to go on, 1 to
  // stop, -1 after an exception.
  template <class Call>
  herr_t step(const char* name, Call&& call) noexcept {
    try {
      if (call()) {
        stopped_at_ = name;
        return 1;
      }
      return 0;
    } catch (...) {
      error_ = std::current_exception();
      return -1;
    }
  }

  // After the visit returned `status`: the callback's exception, or HDF5's failure of `operation`
  // on `group`; otherwise the name the callback stopped at (nullopt: it saw everything).
  std::optional<std::string> finish(herr_t status, const char* operation, hid_t group);

 private:
  std::optional<std::string> stopped_at_;
  std::exception_ptr error_;
};

// Before a visit: HDF5's error printing silenced, and every shared constant built, since the
// callback runs inside the visit holding HDF5's global lock (see build_shared_constants()).
void prepare_visit();

}  // namespace h5kit::detail

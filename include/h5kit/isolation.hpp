#pragma once
// Isolation: a risky read of an untrusted file run in a child process, so that a crash or an
// endless loop inside libhdf5 (1.10.8 segfaults or spins on some malformed files, as h5dump does)
// becomes an h5kit::Error in the caller, who lives on.
//
//   std::string summary = h5kit::run_isolated("check file", path, [&] {
//     h5kit::File f(path, "r");
//     h5kit::isolation_note("/entry/data");   // what the child is reading now, for the error
//     return describe(f.dataset("/entry/data"));
//   }, {.memory_limit = 1 << 30, .time_limit = std::chrono::seconds(30)});
//
// The work runs in a fork() of this process (copy-on-write: it sees everything the caller has,
// at about a millisecond's cost; bench/RESULTS.md) and its returned string comes back over a pipe.
// An h5kit::Error it throws is thrown again here, of the same class with the same message; a
// death by signal, a time limit, or a work that ends without an answer is a CrashedError naming
// the operation, the file and the last object the work noted. Rules the child obeys: it only
// reads (writes to files the caller has open would corrupt them: HDF5 state is duplicated, not
// shared), and what it prints on stdout/stderr goes where the caller's would (it is flushed
// before the child ends). docs/reliability.md has the details.
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "h5kit/error.hpp"

namespace h5kit {

// The work died (a signal: libhdf5 crashed), overran its time limit, or ended without an answer.
// A FileError: the file could not be read, for a reason inside the reading library.
class CrashedError : public FileError {
 public:
  CrashedError(std::string operation, std::string file, std::string object, std::string detail, int signal = 0)
      : FileError(ErrorKind::file, std::move(operation), std::move(file), std::move(object), std::move(detail)),
        signal_(signal) {}
  // The signal the child died of (SIGSEGV...; SIGKILL for a time limit), 0 when it did not die of one.
  // SIGPIPE means whatever read the child's output stopped reading (`h5kit dump | head`): no crash.
  int signal() const noexcept { return signal_; }

 private:
  int signal_;
};

struct IsolationLimits {
  // Address space the child may use (RLIMIT_AS), in bytes; 0: no limit. An allocation past it is a
  // std::bad_alloc in the child, an OutOfMemoryError here. Unusable under AddressSanitizer, which
  // reserves terabytes of shadow memory (give 0 there).
  std::size_t memory_limit = 0;
  // Wall time before the child is killed (SIGKILL); 0: none. Give one whenever other threads of
  // this process use HDF5: a fork taken while one of them held HDF5's lock leaves the child
  // waiting for it forever.
  std::chrono::milliseconds time_limit{0};
};

// Runs `work` in a child process under `limits` and returns what it returned. `operation` and
// `file` name the work in errors ("the HDF5 library crashed during dump of 'x.h5' at /a/b:
// signal 11 (Segmentation fault)"). Throws what the work threw (an h5kit::Error of the same class;
// std::bad_alloc as OutOfMemoryError; another exception as a CrashedError quoting it), or a
// CrashedError. FileError when the child cannot be started.
std::string run_isolated(std::string_view operation, std::string_view file, const std::function<std::string()>& work,
                         const IsolationLimits& limits = {});

// Inside isolated work: the object being read now, reported with a crash. Does nothing outside
// isolated work. Cheap (one small write to a pipe).
void isolation_note(std::string_view object);

// Whether this code runs inside isolated work (the child).
bool in_isolated_work() noexcept;

}  // namespace h5kit

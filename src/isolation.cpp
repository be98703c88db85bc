// run_isolated: fork, run the work in the child, send its answer back over a pipe, and turn a
// child that died into a CrashedError. The pipe carries records: a type byte, a 32-bit length and
// the payload.
#include "h5kit/isolation.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <new>
#include <optional>
#include <vector>

namespace h5kit {

namespace {

enum Record : char {
  note = 'N',       // the object being read now
  result = 'R',     // the work's answer
  h5kit_error = 'E',  // an h5kit::Error: kind byte, then operation, file, object, detail, stack
  no_memory = 'A',  // std::bad_alloc
  other = 'X',      // another exception: its what()
};

int g_note_fd = -1;  // the child's end of the pipe; -1 outside isolated work

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

void append_string(std::string& out, std::string_view s) {
  const auto size = static_cast<std::uint32_t>(s.size());
  out.append(reinterpret_cast<const char*>(&size), sizeof size);
  out.append(s);
}

void send(int fd, Record type, std::string_view payload) {
  std::string record(1, static_cast<char>(type));
  append_string(record, payload);
  write_all(fd, record.data(), record.size());
}

std::string encode(const Error& e) {
  std::string out(1, static_cast<char>(e.kind()));
  for (const std::string* s : {&e.operation(), &e.file(), &e.object(), &e.detail(), &e.hdf5_stack()})
    append_string(out, *s);
  return out;
}

// Reads one length-prefixed string at `pos` of `data`, or nothing when the data ends first.
std::optional<std::string> take_string(const std::string& data, std::size_t& pos) {
  std::uint32_t size;
  if (data.size() - pos < sizeof size) return std::nullopt;
  std::memcpy(&size, data.data() + pos, sizeof size);
  pos += sizeof size;
  if (data.size() - pos < size) return std::nullopt;
  std::string out = data.substr(pos, size);
  pos += size;
  return out;
}

void set_limit(int resource, rlim_t value) {
  const rlimit limit{value, value};
  ::setrlimit(resource, &limit);  // best effort: a limit the system refuses leaves the child unbounded
}

[[noreturn]] void run_child(int fd, const std::function<std::string()>& work, const IsolationLimits& limits) {
  g_note_fd = fd;
  if (limits.memory_limit > 0) set_limit(RLIMIT_AS, limits.memory_limit);
  // A CPU-time backstop beside the parent's wall clock, in case the parent itself is stopped.
  if (limits.time_limit.count() > 0)
    set_limit(RLIMIT_CPU, static_cast<rlim_t>(limits.time_limit.count() / 1000 + 2));
  try {
    const std::string answer = work();
    send(fd, result, answer);
  } catch (const Error& e) {
    send(fd, h5kit_error, encode(e));
  } catch (const std::bad_alloc& e) {
    send(fd, no_memory, e.what());
  } catch (const std::exception& e) {
    send(fd, other, e.what());
  } catch (...) {
    send(fd, other, "an exception that is not a std::exception");
  }
  // What the work printed belongs to the caller's output; _exit skips every atexit handler (HDF5's
  // own close-down would flush the parent's files from the child).
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  ::_exit(0);
}

std::string signal_name(int signal) {
  const char* name = ::strsignal(signal);
  return "signal " + std::to_string(signal) + (name ? std::string(", ") + name : std::string());
}

}  // namespace

bool in_isolated_work() noexcept { return g_note_fd >= 0; }

void isolation_note(std::string_view object) {
  if (g_note_fd >= 0) send(g_note_fd, note, object);
}

std::string run_isolated(std::string_view operation, std::string_view file, const std::function<std::string()>& work,
                         const IsolationLimits& limits) {
  const std::string op(operation), path(file);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw_error(ErrorKind::file, op, path, "", std::string("cannot start an isolated reader: pipe: ") + std::strerror(errno));
  // Whatever the caller buffered must not be printed twice (once by each process).
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child < 0) {
    const int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw_error(ErrorKind::file, op, path, "", std::string("cannot start an isolated reader: fork: ") + std::strerror(error));
  }
  if (child == 0) {
    ::close(fds[0]);
    run_child(fds[1], work, limits);
  }
  ::close(fds[1]);

  // Everything the child sends, until it closes the pipe (by ending) or the time limit passes.
  std::string received;
  bool timed_out = false;
  const auto deadline = std::chrono::steady_clock::now() + limits.time_limit;
  char buffer[65536];
  for (;;) {
    int wait_ms = -1;
    if (limits.time_limit.count() > 0) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      wait_ms = static_cast<int>(std::max<std::int64_t>(0, left.count()));
    }
    pollfd p{fds[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      timed_out = true;
      ::kill(child, SIGKILL);
      break;
    }
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    received.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }

  // The records: the last note says where the child was; an answer ends the exchange.
  std::string last_object;
  std::optional<std::pair<Record, std::string>> answer;
  for (std::size_t pos = 0; pos < received.size();) {
    const auto type = static_cast<Record>(received[pos++]);
    std::optional<std::string> payload = take_string(received, pos);
    if (!payload) break;  // cut off by a crash mid-record
    if (type == note) last_object = std::move(*payload);
    else answer = std::pair{type, std::move(*payload)};
  }
  if (answer && !timed_out) {
    auto& [type, payload] = *answer;
    if (type == result) return payload;
    if (type == h5kit_error && !payload.empty()) {
      const auto kind = static_cast<ErrorKind>(payload[0]);
      std::size_t pos = 1;
      std::vector<std::string> parts;
      while (parts.size() < 5)
        if (auto s = take_string(payload, pos)) parts.push_back(std::move(*s));
        else break;
      if (parts.size() == 5) throw_error(kind, parts[0], parts[1], parts[2], parts[3], parts[4]);
    }
    if (type == no_memory)
      throw OutOfMemoryError(ErrorKind::out_of_memory, op, path, last_object,
                             "the isolated reader ran out of memory (its limit is " +
                                 std::to_string(limits.memory_limit) + " bytes): " + payload);
    throw CrashedError(op, path, last_object, "the isolated reader failed: " + payload);
  }
  std::string why;
  const int signal = timed_out ? SIGKILL : WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  if (timed_out)
    why = "the isolated reader was stopped after " + std::to_string(limits.time_limit.count()) +
          " ms (its time limit): the HDF5 library may be looping on a damaged file";
  else if (WIFSIGNALED(status))
    why = "the isolated reader crashed (" + signal_name(WTERMSIG(status)) +
          "), most likely inside the HDF5 library on a damaged file";
  else
    why = "the isolated reader ended with status " + std::to_string(WEXITSTATUS(status)) + " without an answer";
  throw CrashedError(op, path, last_object, why, signal);
}

}  // namespace h5kit

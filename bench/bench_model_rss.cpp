// model_rss: memory of the model layer's big-file pair (docs/models.md, "Big files"). A model whose
// image stack is 4 GiB (2048 frames of 1024 x 1024 uint16) is written frame by frame through the
// dumper, then read back frame block by frame block through a lazy load. Each phase runs in a
// child process of its own, so its peak RSS (getrusage ru_maxrss) is its own; the parent prints
// one table row per phase. Not a Google Benchmark and not a ctest: one run, a few tens of seconds.
//
//   h5kit_bench_model_rss [FRAMES] [DIRECTORY]   (defaults: 2048 frames, /tmp; the file is removed)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include <h5kit/model.hpp>
#include <h5kit/model/dumper.hpp>

namespace {

constexpr std::size_t kSide = 1024;
constexpr std::size_t kBlockFrames = 8;  // frames read per block (16 MiB)

struct Stack {
  std::string detector;
  double exposure = 0;
  h5kit::DatasetOf<std::uint16_t, h5kit::kAnyExtent, kSide, kSide> frames;
};
BOOST_DESCRIBE_STRUCT(Stack, (), (detector, exposure, frames))
constexpr auto h5kit_model(const Stack*) {
  return h5kit::model("Stack", 1, h5kit::field(&Stack::exposure).unit("s").ge(0));
}

double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // KiB on Linux
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::uint16_t pixel(std::size_t frame, std::size_t i) { return static_cast<std::uint16_t>((frame * 7 + i) & 0xFFF); }

// One frame at a time: the program holds one 2 MiB frame, whatever the stack's size.
void write_phase(const std::string& path, std::size_t frames) {
  const auto start = std::chrono::steady_clock::now();
  Stack stack;
  stack.detector = "eiger-1M";
  stack.exposure = 0.01;
  auto out = h5kit::dumper(stack, path);
  auto handle = out.field(&Stack::frames);
  h5kit::NDArray<std::uint16_t> frame(h5kit::Shape{kSide, kSide});
  for (std::size_t f = 0; f < frames; ++f) {
    std::uint16_t* p = frame.data();
    for (std::size_t i = 0; i < kSide * kSide; ++i) p[i] = pixel(f, i);
    handle.append(frame);
  }
  out.commit();
  const double s = seconds_since(start);
  const double gib = static_cast<double>(frames * kSide * kSide * 2) / (1024.0 * 1024 * 1024);
  std::printf("| write: dumper, append frame by frame | %.2f GiB | %.1f s | %.2f GiB/s | %.1f MiB |\n", gib, s, gib / s,
              peak_rss_mib());
}

// A lazy load (attributes checked, the dataset opened), then blocks of frames read on demand into
// one reused buffer, every pixel checked.
void read_phase(const std::string& path, std::size_t frames) {
  const auto start = std::chrono::steady_clock::now();
  const Stack stack = h5kit::load<Stack>(path, {.lazy = true});
  if (stack.frames.is_loaded()) throw std::runtime_error("the lazy load read the frames");
  if (stack.frames.shape() != h5kit::Shape{frames, kSide, kSide}) throw std::runtime_error("wrong shape");
  h5kit::NDArray<std::uint16_t> block;
  std::uint64_t wrong = 0;
  for (std::size_t f = 0; f < frames; f += kBlockFrames) {
    const std::size_t n = std::min(kBlockFrames, frames - f);
    stack.frames.read_block(h5kit::Shape{f, 0, 0}, h5kit::Shape{n, kSide, kSide}, block);
    const std::uint16_t* p = block.data();
    for (std::size_t k = 0; k < n; ++k) {
      for (std::size_t i = 0; i < kSide * kSide; ++i) wrong += p[k * kSide * kSide + i] != pixel(f + k, i);
    }
  }
  if (wrong != 0) throw std::runtime_error(std::to_string(wrong) + " pixels read back wrong");
  const double s = seconds_since(start);
  const double gib = static_cast<double>(frames * kSide * kSide * 2) / (1024.0 * 1024 * 1024);
  std::printf("| read: lazy load, blocks of %zu frames | %.2f GiB | %.1f s | %.2f GiB/s | %.1f MiB |\n", kBlockFrames,
              gib, s, gib / s, peak_rss_mib());
}

// Runs `phase` in a child; false when it failed.
template <class F>
bool in_child(F phase) {
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid == 0) {
    try {
      phase();
      std::fflush(stdout);
      _exit(0);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "model_rss: %s\n", e.what());
      _exit(1);
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t frames = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 2048;
  const std::string dir = argc > 2 ? argv[2] : "/tmp";
  const std::string path = dir + "/h5kit_model_rss_" + std::to_string(getpid()) + ".h5";
  std::printf("| phase | data | wall | throughput | peak RSS |\n|---|---:|---:|---:|---:|\n");
  const bool idle = in_child([] {
    std::printf("| baseline: the process, h5kit loaded, nothing done | — | — | — | %.1f MiB |\n", peak_rss_mib());
  });
  const bool wrote = idle && in_child([&] { write_phase(path, frames); });
  const bool read = wrote && in_child([&] { read_phase(path, frames); });
  std::remove(path.c_str());
  return read ? 0 : 1;
}

#include "h5kit/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "h5kit/h5kit.hpp"
#include "interop/interop_support.hpp"
#include "support/temp_dir.hpp"

namespace h5kit {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

constexpr std::size_t kCount = 100;

// Version v of a small file: attribute version = v, data = [0, v, 2v, ...] (h5py_atomic_file.py agrees).
void write_version(const File& f, std::int64_t version) {
  f.attrs().set("version", version);
  std::vector<std::int64_t> data(kCount);
  for (std::size_t i = 0; i < kCount; ++i) data[i] = static_cast<std::int64_t>(i) * version;
  f.create_dataset("data", data);
}

void expect_version(const std::string& path, std::int64_t version) {
  File f(path, "r");
  EXPECT_EQ(f.keys(), std::vector<std::string>{"data"});
  EXPECT_EQ(f.attrs().get<std::int64_t>("version"), version);
  const Dataset ds = f["data"];
  const auto data = ds.read<std::vector<std::int64_t>>();
  ASSERT_EQ(data.size(), kCount);
  for (std::size_t i = 0; i < kCount; ++i) EXPECT_EQ(data[i], static_cast<std::int64_t>(i) * version) << i;
}

void make_version(const std::string& path, std::int64_t version) {
  File f(path, "w");
  write_version(f, version);
}

// The names in a directory: no temporary may be left behind by a finished AtomicFile.
std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(AtomicFile, CommitReplacesAnExistingFile) {
  TempDir dir;
  const auto path = dir / "x.h5";
  make_version(path, 1);
  AtomicFile out(path);
  EXPECT_EQ(fs::path(out.temporary_path()).parent_path(), dir.path());
  EXPECT_TRUE(fs::path(out.temporary_path()).filename().string().starts_with(".x.h5.h5kit-tmp-" +
                                                                             std::to_string(::getpid()) + "-"))
      << out.temporary_path();
  write_version(out.file(), 2);
  expect_version(path, 1);  // nothing visible before commit
  out.commit();
  EXPECT_TRUE(out.committed());
  expect_version(path, 2);
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"x.h5"});
  EXPECT_TRUE(test::run_peer_case("h5py_atomic_file.py", "check-content", {path, "2", std::to_string(kCount)}));
  EXPECT_THROW(out.file(), ClosedObjectError);
  EXPECT_THROW(out.commit(), ClosedObjectError);
}

TEST(AtomicFile, CreatesAMissingTargetWithDefaultPermissions) {
  TempDir dir;
  const auto path = dir / "new.h5";
  {
    AtomicFile out(path);
    write_version(out.file(), 3);
    out.commit();
  }
  expect_version(path, 3);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(fs::status(path).permissions(), fs::perms(0666 & ~mask));
}

TEST(AtomicFile, KeepsTheTargetsPermissionBits) {
  TempDir dir;
  const auto path = dir / "x.h5";
  make_version(path, 1);
  fs::permissions(path, fs::perms(0640));
  AtomicFile out(path);
  write_version(out.file(), 2);
  out.commit();
  expect_version(path, 2);
  EXPECT_EQ(fs::status(path).permissions(), fs::perms(0640));
}

TEST(AtomicFile, WithoutCommitTheOldFileStaysAndNoTemporaryIsLeft) {
  TempDir dir;
  const auto path = dir / "x.h5";
  make_version(path, 1);
  std::string temporary;
  {
    AtomicFile out(path);
    temporary = out.temporary_path();
    write_version(out.file(), 2);
    out.file().flush();
    EXPECT_TRUE(fs::exists(temporary));
  }
  EXPECT_FALSE(fs::exists(temporary));
  expect_version(path, 1);
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"x.h5"});
}

TEST(AtomicFile, AnExceptionWhileWritingLeavesTheOldFile) {
  TempDir dir;
  const auto path = dir / "x.h5";
  make_version(path, 1);
  Dataset outlives;  // even with an object of the new file still open, the temporary goes
  try {
    AtomicFile out(path);
    write_version(out.file(), 2);
    outlives = out.file()["data"];
    throw std::runtime_error("the model could not be serialised");
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "the model could not be serialised");
  }
  expect_version(path, 1);
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"x.h5"});
}

TEST(AtomicFile, DiscardRemovesTheTemporary) {
  TempDir dir;
  const auto path = dir / "x.h5";
  make_version(path, 1);
  AtomicFile out(path);
  write_version(out.file(), 2);
  out.discard();
  EXPECT_FALSE(fs::exists(out.temporary_path()));
  EXPECT_THROW(out.commit(), ClosedObjectError);
  expect_version(path, 1);
}

TEST(AtomicFile, CommitIsRefusedWhileAnObjectIsOpenThenSucceeds) {
  TempDir dir;
  const auto path = dir / "x.h5";
  make_version(path, 1);
  AtomicFile out(path);
  write_version(out.file(), 2);
  Dataset data = out.file()["data"];
  Group group = out.file().create_group("g");
  try {
    out.commit();
    FAIL() << "committed with open objects";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_TRUE(contains(e.what(), "dataset \"/data\"")) << e.what();
    EXPECT_TRUE(contains(e.what(), "group \"/g\"")) << e.what();
    EXPECT_TRUE(contains(e.what(), out.temporary_path())) << e.what();
    EXPECT_TRUE(contains(e.what(), "nothing was renamed")) << e.what();
  }
  expect_version(path, 1);
  EXPECT_TRUE(fs::exists(out.temporary_path()));
  data.close();
  out.file().erase("g");
  try {
    out.commit();
    FAIL() << "committed with a group open";
  } catch (const FileError& e) {
    EXPECT_FALSE(contains(e.what(), "dataset")) << e.what();
    EXPECT_TRUE(contains(e.what(), "group")) << e.what();
  }
  group.close();
  out.commit();
  expect_version(path, 2);
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"x.h5"});
}

TEST(AtomicFile, CommitIsRefusedWhileACopyOfTheFileIsOpen) {
  TempDir dir;
  const auto path = dir / "x.h5";
  AtomicFile out(path);
  write_version(out.file(), 2);
  File copy = out.file();
  Dataset data = out.file()["data"];
  File through_object = data.file();
  data.close();
  Group root_only = out.file();  // a Group sliced from the File keeps the root group open
  try {
    out.commit();
    FAIL() << "committed while copies of the file are open";
  } catch (const FileError& e) {
    EXPECT_TRUE(contains(e.what(), "2 other reference(s) to the file identifier")) << e.what();
    EXPECT_TRUE(contains(e.what(), "2 other reference(s) to its root group")) << e.what();
    EXPECT_TRUE(contains(e.what(), "group \"/\"")) << e.what();  // the root group obj.file() opened
  }
  copy.close();
  through_object.close();
  try {
    out.commit();
    FAIL() << "committed while a Group copy of the file is open";
  } catch (const FileError& e) {
    EXPECT_TRUE(contains(e.what(), "1 other reference(s) to its root group")) << e.what();
    EXPECT_FALSE(contains(e.what(), "file identifier")) << e.what();
  }
  root_only.close();
  out.file().close();  // closing AtomicFile's own File early is allowed
  out.commit();
  expect_version(path, 2);
}

TEST(AtomicFile, SymbolicLinkTargetIsReplacedAndTheLinkKept) {
  TempDir dir;
  make_version(dir / "real.h5", 1);
  fs::create_symlink("real.h5", dir / "link.h5");
  AtomicFile out(dir / "link.h5");
  EXPECT_EQ(out.path(), dir / "link.h5");
  EXPECT_EQ(out.target_path(), (dir.path() / "real.h5").string());
  write_version(out.file(), 2);
  out.commit();
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "link.h5")));
  expect_version(dir / "real.h5", 2);
  expect_version(dir / "link.h5", 2);
}

TEST(AtomicFile, MissingDirectoryIsAFileError) {
  TempDir dir;
  const auto path = dir / "missing/x.h5";
  try {
    AtomicFile out(path);
    FAIL() << "created a file in a missing directory";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_TRUE(contains(e.what(), "does not exist")) << e.what();
    EXPECT_TRUE(contains(e.what(), "missing/.x.h5.h5kit-tmp-")) << e.what();  // the temporary is named
  }
  EXPECT_FALSE(fs::exists(dir / "missing"));
}

TEST(AtomicFile, DirectoryTargetIsAFileError) {
  TempDir dir;
  fs::create_directory(dir / "d.h5");
  try {
    AtomicFile out(dir / "d.h5");
    FAIL() << "accepted a directory as the target";
  } catch (const FileError& e) {
    EXPECT_TRUE(contains(e.what(), "is a directory")) << e.what();
    EXPECT_TRUE(contains(e.what(), ".d.h5.h5kit-tmp-")) << e.what();
  }
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"d.h5"});
}

// Runs `check` (which returns what went wrong, or "" when all is well) without root's privilege to
// write anywhere: as root in a child that becomes "nobody", otherwise in this process.
std::string run_unprivileged(const std::function<std::string()>& check) {
  if (::geteuid() != 0) return check();
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return "pipe failed";
  const pid_t child = ::fork();
  if (child < 0) return "fork failed";
  if (child == 0) {
    ::close(pipe_fds[0]);
    std::string problem;
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) problem = "cannot become nobody";
    else problem = check();
    const ssize_t ignored = ::write(pipe_fds[1], problem.data(), problem.size());
    (void)ignored;
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  std::string problem;
  char buf[512];
  for (ssize_t n; (n = ::read(pipe_fds[0], buf, sizeof buf)) > 0;) problem.append(buf, static_cast<std::size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) problem += " (child status " + std::to_string(status) + ")";
  return problem;
}

// What a FileError from AtomicFile(target) says, or why there was none.
std::string expect_file_error(const std::string& target, const std::vector<std::string>& parts) {
  try {
    AtomicFile out(target);
    return "no error for " + target;
  } catch (const FileError& e) {
    for (const auto& part : parts)
      if (!contains(e.what(), part)) return "\"" + part + "\" missing from: " + e.what();
    return e.file() == target ? "" : "the error names " + e.file();
  } catch (const std::exception& e) {
    return std::string("not a FileError: ") + e.what();
  }
}

TEST(AtomicFile, UnwritableDirectoryIsAFileError) {
  TempDir dir;
  fs::create_directory(dir / "ro");
  make_version(dir / "ro/x.h5", 1);
  fs::permissions(dir / "ro", fs::perms(0555));
  const auto target = dir / "ro/x.h5";
  EXPECT_EQ(run_unprivileged([&] {
              return expect_file_error(target, {"the directory", "is not writable", "ro/.x.h5.h5kit-tmp-"});
            }),
            "");
  fs::permissions(dir / "ro", fs::perms(0755));
  expect_version(target, 1);
  EXPECT_EQ(names_in(dir / "ro"), std::vector<std::string>{"x.h5"});
}

TEST(AtomicFile, ReadOnlyTargetIsAFileError) {
  TempDir dir;
  fs::permissions(dir.path(), fs::perms(0777));  // "nobody" may create files here, not replace x.h5
  const auto target = dir / "x.h5";
  make_version(target, 1);
  fs::permissions(target, fs::perms(0444));
  EXPECT_EQ(run_unprivileged([&] {
              return expect_file_error(target, {"the file is not writable", ".x.h5.h5kit-tmp-"});
            }),
            "");
  expect_version(target, 1);
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"x.h5"});
}

TEST(AtomicFile, FailedRenameRemovesTheTemporaryAndNamesBothPaths) {
  TempDir dir;
  const auto path = dir / "x.h5";
  AtomicFile out(path);
  write_version(out.file(), 2);
  // Someone puts a non-empty directory where the file goes: rename(2) cannot replace it.
  fs::create_directories(dir / "x.h5/inside");
  try {
    out.commit();
    FAIL() << "renamed a file over a directory";
  } catch (const FileError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_TRUE(contains(e.what(), "cannot rename the temporary file " + out.temporary_path() + " over " + path))
        << e.what();
    EXPECT_TRUE(contains(e.what(), "the target is untouched")) << e.what();
  }
  EXPECT_FALSE(out.committed());
  EXPECT_TRUE(fs::is_directory(dir / "x.h5/inside"));
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"x.h5"});
}

TEST(AtomicFile, FamilyAndMemoryOnlyDriversAreRefused) {
  TempDir dir;
  EXPECT_THROW(AtomicFile(dir / "f-%d.h5", FileOptions{.driver = Driver::family}), InvalidArgumentError);
  EXPECT_THROW(AtomicFile(dir / "m.h5", FileOptions{.driver = Driver::core, .backing_store = false}),
               InvalidArgumentError);
  AtomicFile core(dir / "c.h5", FileOptions{.driver = Driver::core});
  write_version(core.file(), 4);
  core.commit();
  expect_version(dir / "c.h5", 4);
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"c.h5"});
}

TEST(AtomicFile, MoveHandsOverTheTemporary) {
  TempDir dir;
  const auto path = dir / "x.h5";
  AtomicFile first(path);
  const std::string temporary = first.temporary_path();
  AtomicFile second(std::move(first));
  EXPECT_TRUE(fs::exists(temporary));
  write_version(second.file(), 5);
  second.commit();
  expect_version(path, 5);
}

// The requirement behind AtomicFile: a writer killed in the middle of a dump over an existing file
// leaves the old file intact. The child writes a 64 MiB dataset block by block and tells the parent
// through a pipe when it is well into it; the parent kills it right then.
TEST(AtomicFile, WriterKilledMidDumpLeavesTheOldFile) {
  TempDir dir;
  const auto path = dir / "x.h5";
  make_version(path, 1);
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    int code = 0;
    try {
      constexpr std::size_t rows = 1024, cols = 8192, step = 64;
      AtomicFile out(path);
      write_version(out.file(), 2);
      Dataset big = out.file().create_dataset("big", Shape{rows, cols}, dtype<double>());
      NDArray<double> block(Shape{step, cols}, 1.0);
      // Cycling over the blocks keeps the child writing until it is killed; the bound only stops
      // a child nobody killed (the parent then fails on its exit status).
      for (std::size_t i = 0; i < 100000; ++i) {
        big.write_block(block, Shape{(i % (rows / step)) * step, 0});
        if (i == 4) {
          out.file().flush();  // the temporary holds real data on disk now
          const char mid = 'm';
          if (::write(pipe_fds[1], &mid, 1) != 1) ::_exit(4);
        }
      }
      big.close();
      out.commit();
    } catch (...) {
      code = 3;
    }
    ::_exit(code);
  }
  ::close(pipe_fds[1]);
  char mid = 0;
  const ssize_t got = ::read(pipe_fds[0], &mid, 1);
  ::kill(child, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ::close(pipe_fds[0]);
  ASSERT_EQ(got, 1) << "the child ended before it reached the middle of the dump";
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "child status " << status;

  expect_version(path, 1);
  EXPECT_TRUE(test::run_peer_case("h5py_atomic_file.py", "check-content", {path, "1", std::to_string(kCount)}));

  // The killed writer's temporary stays behind; leftover_temporaries finds it for removal.
  const auto leftovers = AtomicFile::leftover_temporaries(path);
  ASSERT_EQ(leftovers.size(), 1u);
  EXPECT_TRUE(contains(leftovers[0], ".x.h5.h5kit-tmp-" + std::to_string(child) + "-")) << leftovers[0];
  EXPECT_GT(fs::file_size(leftovers[0]), 4u * 64 * 8192 * 8);
  fs::remove(leftovers[0]);
  EXPECT_EQ(names_in(dir.path()), std::vector<std::string>{"x.h5"});
}

TEST(AtomicFile, LeftoverTemporariesSkipsLiveWriters) {
  TempDir dir;
  const auto path = dir / "x.h5";
  AtomicFile live(path);  // this process runs: its temporary is not a leftover
  {
    std::ofstream(dir / ".x.h5.h5kit-tmp-999999999-0badc0de") << "stale";  // beyond any Linux pid_max
    std::ofstream(dir / ".other.h5.h5kit-tmp-999999999-0badc0de") << "another target";
    std::ofstream(dir / ".x.h5.h5kit-tmp-notapid-1") << "not ours";
  }
  EXPECT_EQ(AtomicFile::leftover_temporaries(path),
            std::vector<std::string>{(dir.path() / ".x.h5.h5kit-tmp-999999999-0badc0de").string()});
}

}  // namespace
}  // namespace h5kit

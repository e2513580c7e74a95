// core/atomic_file.hpp: the one way files are written. A failure names the
// path and the OS's reason, leaves the old target as it was and leaves no
// temporary file behind.
#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <functional>
#include <set>

#include "core/error.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using gb::AtomicFile;
using gb::write_file_atomically;

namespace {

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

std::string failure_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const gb::Error& e) {
    return e.what();
  }
  return "(no error)";
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("write_file_atomically writes, replaces and keeps the target's mode", "[unit][atomic_file]") {
  gbtest::TempDir dir;
  const fs::path target = dir / "paper.html";
  write_file_atomically(target, "first");
  CHECK(gbtest::read_file(target) == "first");
  fs::permissions(target, fs::perms(0640));
  write_file_atomically(target, "second");
  CHECK(gbtest::read_file(target) == "second");
  CHECK(mode_of(target) == 0640);  // replacing a file does not widen who may read it
  write_file_atomically(dir / "key", "secret", {.mode = 0600});
  CHECK(mode_of(dir / "key") == 0600);
  write_file_atomically(dir / "a" / "b" / "lock", "x", {.mode = {}, .create_directories = true});
  CHECK(gbtest::read_file(dir / "a" / "b" / "lock") == "x");
  CHECK(names_in(dir.path()) == std::set<std::string>{"paper.html", "key", "a"});
}

TEST_CASE("a failed atomic write names the path and the reason, keeps the old target, leaves nothing behind",
          "[unit][atomic_file]") {
  gbtest::TempDir dir;
  const fs::path old_file = dir / "old.pdf";
  gbtest::write_file(old_file, "the good paper");

  SECTION("the target is a directory") {
    const fs::path target = dir / "papers";
    fs::create_directories(target);
    gbtest::write_file(target / "inside.txt", "kept");
    CHECK(failure_of([&] { write_file_atomically(target, "new"); }) ==
          "cannot write " + target.string() +
              ": it is a folder; give a file name (govbench writes files, character devices such as /dev/null, "
              "pipes and -)");
    CHECK(fs::is_directory(target));
    CHECK(gbtest::read_file(target / "inside.txt") == "kept");
    CHECK(names_in(dir.path()) == std::set<std::string>{"old.pdf", "papers"});
  }

  SECTION("the folder does not exist, or is a file") {
    CHECK(failure_of([&] { write_file_atomically(dir / "missing" / "x.pdf", "new"); }) ==
          "cannot write " + (dir / "missing" / "x.pdf").string() + ": No such file or directory");
    CHECK(failure_of([&] { write_file_atomically(old_file / "x.pdf", "new"); }) ==
          "cannot write " + (old_file / "x.pdf").string() + ": Not a directory");
    CHECK(gbtest::read_file(old_file) == "the good paper");
    CHECK(names_in(dir.path()) == std::set<std::string>{"old.pdf"});
  }

  SECTION("the folder may not be written") {
    const fs::path locked = dir / "locked";
    fs::create_directories(locked);
    gbtest::write_file(locked / "old.pdf", "the good paper");
    fs::permissions(locked, fs::perms(0555));
    if (::geteuid() == 0) {
      // root writes anyway; the write failures below and in the next
      // section (a full disk) stand in for it.
      WARN("running as root: a read-only folder does not stop a write");
    } else {
      CHECK(failure_of([&] { write_file_atomically(locked / "old.pdf", "new"); }) ==
            "cannot write " + (locked / "old.pdf").string() + ": Permission denied");
      CHECK(gbtest::read_file(locked / "old.pdf") == "the good paper");
      CHECK(names_in(locked) == std::set<std::string>{"old.pdf"});
    }
    fs::permissions(locked, fs::perms(0755));
  }

  SECTION("a write fails half-way (the file system is full)") {
    // The file size limit makes write() fail as a full disk would, even for root.
    struct rlimit saved {};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
    auto* const old_handler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = saved;
    small.rlim_cur = 4096;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    const std::string message = failure_of([&] { write_file_atomically(old_file, std::string(1 << 20, 'x')); });
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, old_handler);
    CHECK(message == "cannot write " + old_file.string() + ": File too large");
    CHECK(gbtest::read_file(old_file) == "the good paper");
    CHECK(names_in(dir.path()) == std::set<std::string>{"old.pdf"});
  }

  SECTION("the writer gives up before commit") {
    {
      AtomicFile f(old_file);
      f.stream() << "half a paper";
    }
    CHECK(gbtest::read_file(old_file) == "the good paper");
    CHECK(names_in(dir.path()) == std::set<std::string>{"old.pdf"});
  }
}

TEST_CASE("refuse_database_as_output refuses the database and its -wal file by any name", "[unit][atomic_file]") {
  gbtest::TempDir dir;
  const fs::path db = dir / "gov.db";
  gbtest::write_file(db, "");
  CHECK_THROWS_WITH(gb::refuse_database_as_output(db.string(), dir / "." / "gov.db"),
                    Catch::Contains("it is the database"));
  CHECK_THROWS_WITH(gb::refuse_database_as_output(db.string(), dir / "gov.db-wal"), Catch::Contains("-wal"));
  CHECK_NOTHROW(gb::refuse_database_as_output(db.string(), dir / "paper.pdf"));
}

// ---- The one output rule (issue 16, finding 1): what is at the path decides
// how it is written. Run as root too: nothing here touches /dev itself; a
// device is reached through a link to /dev/null, which must stay as it is.

namespace {

struct FileId {
  dev_t dev = 0;
  ino_t ino = 0;
  mode_t mode = 0;
  bool operator==(const FileId&) const = default;
};

FileId lstat_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return {st.st_dev, st.st_ino, st.st_mode};
}

// Reads everything from `fd` until end of file (or, non-blocking, until
// nothing more is there).
std::string drain(int fd) {
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace

TEST_CASE("a link given as output has its target written and stays a link", "[unit][atomic_file][output_rule]") {
  gbtest::TempDir dir;
  fs::create_directories(dir / "papers");
  const fs::path real = dir / "papers" / "register.csv";
  gbtest::write_file(real, "old");
  fs::permissions(real, fs::perms(0640));

  SECTION("a link to a file") {
    fs::create_symlink("papers/register.csv", dir / "latest.csv");
    write_file_atomically(dir / "latest.csv", "new");
    CHECK(fs::is_symlink(dir / "latest.csv"));
    CHECK(fs::read_symlink(dir / "latest.csv") == "papers/register.csv");
    CHECK(gbtest::read_file(real) == "new");
    CHECK(mode_of(real) == 0640);
    CHECK(names_in(dir / "papers") ==
          std::set<std::string>{"register.csv"});  // the temporary file was beside the target
  }
  SECTION("a link to a link to a file") {
    fs::create_symlink(real, dir / "one.csv");
    fs::create_symlink("one.csv", dir / "two.csv");
    write_file_atomically(dir / "two.csv", "new");
    CHECK(fs::is_symlink(dir / "one.csv"));
    CHECK(fs::is_symlink(dir / "two.csv"));
    CHECK(gbtest::read_file(real) == "new");
    CHECK(names_in(dir.path()) == std::set<std::string>{"papers", "one.csv", "two.csv"});
  }
  SECTION("a link to a file not yet there") {
    fs::create_symlink("papers/next.csv", dir / "next.csv");
    write_file_atomically(dir / "next.csv", "first");
    CHECK(fs::is_symlink(dir / "next.csv"));
    CHECK(gbtest::read_file(dir / "papers" / "next.csv") == "first");
  }
  SECTION("a link to a folder, a loop and a link into /proc, /sys or /dev are refused, naming the path") {
    fs::create_symlink("papers", dir / "folder.csv");
    CHECK(failure_of([&] { write_file_atomically(dir / "folder.csv", "x"); }) ==
          "cannot write " + (dir / "folder.csv").string() + ": it links to " + (dir / "papers").string() +
              ", a folder; give a file name (govbench writes files, character devices such as /dev/null, pipes and -)");
    fs::create_symlink("loop-b", dir / "loop-a");
    fs::create_symlink("loop-a", dir / "loop-b");
    CHECK(failure_of([&] { write_file_atomically(dir / "loop-a", "x"); }) ==
          "cannot write " + (dir / "loop-a").string() + ": Too many levels of symbolic links");
    for (const char* place : {"/proc/self/govbench-test-out", "/sys/govbench-test-out", "/dev/govbench-test-out"}) {
      const fs::path link = dir / "system.csv";
      fs::remove(link);
      fs::create_symlink(place, link);
      const std::string root = std::string(place).substr(0, std::string(place).find('/', 1));
      CHECK_THAT(failure_of([&] { write_file_atomically(link, "x"); }),
                 Catch::StartsWith("cannot write " + link.string() + ": it links to ") &&
                     Catch::EndsWith(", a file in " + root + ", where govbench does not create files"));
      CHECK(fs::is_symlink(link));
      CHECK(!fs::exists(fs::symlink_status("/dev/govbench-test-out")));
    }
    CHECK(gbtest::read_file(real) == "old");
  }
}

TEST_CASE("a FIFO or a device or an open descriptor given as output is written as a stream and never replaced",
          "[unit][atomic_file][output_rule]") {
  gbtest::TempDir dir;

  SECTION("a FIFO") {
    const fs::path fifo = dir / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const FileId before = lstat_of(fifo);
    // The reader end, held open (read-write, so that opening it does not
    // wait): the writer's open does not wait either, and nothing hangs if
    // the FIFO were replaced instead of written.
    const int reader = ::open(fifo.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    REQUIRE(reader >= 0);
    write_file_atomically(fifo, "a,b\r\n1,2\r\n");
    CHECK(drain(reader) == "a,b\r\n1,2\r\n");
    ::close(reader);
    CHECK(lstat_of(fifo) == before);
    CHECK(names_in(dir.path()) == std::set<std::string>{"pipe"});
  }
  SECTION("a link to /dev/null") {
    struct stat null_before {};
    REQUIRE(::stat("/dev/null", &null_before) == 0);
    REQUIRE(S_ISCHR(null_before.st_mode));
    fs::create_symlink("/dev/null", dir / "discard.csv");
    write_file_atomically(dir / "discard.csv", "dropped");
    struct stat null_after {};
    REQUIRE(::stat("/dev/null", &null_after) == 0);
    CHECK(S_ISCHR(null_after.st_mode));
    CHECK(null_after.st_ino == null_before.st_ino);
    CHECK(fs::read_symlink(dir / "discard.csv") == "/dev/null");
  }
  SECTION("/dev/fd/N and /proc/self/fd/N: the open descriptor N") {
    for (const char* prefix : {"/dev/fd/", "/proc/self/fd/"}) {
      int fds[2];
      REQUIRE(::pipe(fds) == 0);
      std::string failure = "(no error)";
      try {
        AtomicFile out(prefix + std::to_string(fds[1]));
        CHECK(out.streaming());
        out.stream() << "through the pipe";
        out.commit();
      } catch (const gb::Error& e) {
        failure = e.what();
      }
      ::close(fds[1]);  // the writer's copy is closed by commit: this was the last
      CHECK(failure == "(no error)");
      CHECK(drain(fds[0]) == "through the pipe");
      ::close(fds[0]);
    }
  }
  SECTION("a descriptor that is not open is refused") {
    CHECK(failure_of([] { write_file_atomically("/dev/fd/987", "x"); }) ==
          "cannot write /dev/fd/987: descriptor 987 is not open");
  }
}

TEST_CASE("a socket given as output is refused and named", "[unit][atomic_file][output_rule]") {
  gbtest::TempDir dir;
  const fs::path sock = dir / "s";
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  REQUIRE(sock.string().size() < sizeof addr.sun_path);
  std::strncpy(addr.sun_path, sock.c_str(), sizeof addr.sun_path - 1);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  const FileId before = lstat_of(sock);
  CHECK(failure_of([&] { write_file_atomically(sock, "x"); }) ==
        "cannot write " + sock.string() +
            ": it is a socket (govbench writes files, character devices such as /dev/null, pipes and -)");
  CHECK(lstat_of(sock) == before);
  ::close(fd);
}

TEST_CASE("plan_output says how each kind of path is written", "[unit][atomic_file][output_rule]") {
  using gb::OutputPlan;
  using gb::plan_output;
  gbtest::TempDir dir;
  CHECK(plan_output("-").kind == OutputPlan::Kind::Stream);
  CHECK(plan_output("-").descriptor == 1);
  CHECK(plan_output("/dev/stdout").descriptor == 1);
  CHECK(plan_output("/dev/stderr").descriptor == 2);
  CHECK(plan_output(dir / "new.csv").kind == OutputPlan::Kind::File);
  CHECK(plan_output(dir / "new.csv").path == dir / "new.csv");
  CHECK(gb::is_stream_output("-"));
  CHECK_FALSE(gb::is_stream_output(dir / "new.csv"));
  CHECK_FALSE(gb::is_stream_output(dir.path()));  // refused, so not a stream either
  CHECK_THAT(
      failure_of([] { plan_output("/dev/govbench-new-file"); }),
      Catch::Equals("cannot write /dev/govbench-new-file: a file in /dev, where govbench does not create files"));
  CHECK_THAT(failure_of([] { plan_output("/proc/govbench-new-file"); }),
             Catch::Contains("a file in /proc, where govbench does not create files"));
}

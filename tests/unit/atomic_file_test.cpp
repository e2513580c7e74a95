// data/atomic_file.hpp: the one way files are written. A failure names the
// path and the OS's reason, leaves the old target as it was and leaves no
// temporary file behind.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <functional>
#include <filesystem>
#include <set>

#include "core/error.hpp"
#include "data/atomic_file.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using gb::data::AtomicFile;
using gb::data::write_file_atomically;

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
          "cannot write " + target.string() + ": Is a directory");
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
  CHECK_THROWS_WITH(gb::data::refuse_database_as_output(db.string(), dir / "." / "gov.db"),
                    Catch::Contains("it is the database"));
  CHECK_THROWS_WITH(gb::data::refuse_database_as_output(db.string(), dir / "gov.db-wal"), Catch::Contains("-wal"));
  CHECK_NOTHROW(gb::data::refuse_database_as_output(db.string(), dir / "paper.pdf"));
}

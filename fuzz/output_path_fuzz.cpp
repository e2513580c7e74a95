// Fuzz target: the one output rule (core/atomic_file.hpp): plan_output,
// which decides how a `-o` path is written, and AtomicFile, which writes it.
// Input: a small file-system layout made in a sandbox folder, then the path
// to write and the bytes. One line per entry,
//
//   f NAME      a regular file          d NAME   a folder
//   p NAME      a FIFO                  l NAME TARGET   a symbolic link
//   o NAME      the output path (the last one wins; default "a")
//
// then a line "--" and the bytes to write. NAMEs and relative link targets
// use only a-e, / and . (never "..", so nothing outside the sandbox is
// reached by a relative path); absolute targets are limited to /dev/null,
// /proc/self, /proc/self/fd/0, /sys, /dev/govbench-fuzz-x and the sandbox.
//
// Invariants: only gb::Error escapes; a File plan is inside the sandbox (a
// path that leads out of it, into /dev, /proc or /sys, is refused or is a
// device); a stream is a device, a FIFO or a descriptor; after a write the
// links, folders and FIFOs are all still what they were, no temporary file
// is left, the bytes are read back through the requested path; after a
// refusal or a failure, the sandbox is as it was; nothing appears in /dev.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "fuzz_support.hpp"

namespace {
constexpr const char* kTarget = "output_path";
namespace fs = std::filesystem;

std::string clean_name(std::string_view s) {
  std::string out;
  for (char c : s)
    if ((c >= 'a' && c <= 'e') || c == '/' || c == '.') out.push_back(c);
  while (out.find("..") != std::string::npos) out.replace(out.find(".."), 2, ".");
  while (!out.empty() && out.front() == '/') out.erase(0, 1);
  if (out.size() > 24) out.resize(24);
  return out;
}

std::string link_target(std::string_view s, const fs::path& sandbox) {
  static const char* const kAbsolute[] = {"/dev/null", "/proc/self", "/proc/self/fd/0", "/sys", "/dev/govbench-fuzz-x"};
  if (!s.empty() && s.front() == '#') {  // "#N": one of the absolute places
    const std::size_t i = s.size() > 1 ? static_cast<unsigned char>(s[1]) % 6 : 0;
    return i < 5 ? kAbsolute[i] : (sandbox / clean_name(s.substr(2))).string();
  }
  return clean_name(s);
}

struct Entry {
  char kind;
  std::string target;  // links
};

// What the sandbox holds: every entry by relative path, links with their target.
std::map<std::string, Entry> snapshot(const fs::path& root) {
  std::map<std::string, Entry> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const auto st = it->symlink_status(ec);
    const std::string rel = it->path().lexically_relative(root).string();
    char kind = '?';
    std::string target;
    if (fs::is_symlink(st)) {
      kind = 'l';
      target = fs::read_symlink(it->path(), ec).string();
    } else if (fs::is_directory(st))
      kind = 'd';
    else if (fs::is_fifo(st))
      kind = 'p';
    else if (fs::is_regular_file(st))
      kind = 'f';
    out[rel] = {kind, target};
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  const std::string input(gbfuzz::as_view(data, size));
  const fs::path sandbox = gbfuzz::scratch_dir() / "output_path";
  std::error_code ec;
  fs::remove_all(sandbox, ec);
  fs::create_directories(sandbox);

  std::string out_name = "a", bytes;
  std::vector<int> readers;  // each FIFO held open for reading, so that no open waits
  std::size_t pos = 0;
  while (pos < input.size()) {
    std::size_t nl = input.find('\n', pos);
    if (nl == std::string::npos) nl = input.size();
    const std::string line = input.substr(pos, nl - pos);
    pos = nl + 1;
    if (line == "--") {
      bytes = pos < input.size() ? input.substr(pos) : "";
      break;
    }
    if (line.size() < 3 || line[1] != ' ') continue;
    const std::size_t sp = line.find(' ', 2);
    const std::string name = clean_name(line.substr(2, sp == std::string::npos ? std::string::npos : sp - 2));
    if (line[0] == 'o') {
      out_name = name;
      continue;
    }
    if (name.empty() || name == ".") continue;
    const fs::path p = sandbox / name;
    switch (line[0]) {
      case 'f': {  // never through a link: only ever a new file in the sandbox
        const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd >= 0) {
          if (::write(fd, "old", 3) != 3) gbfuzz::violated(kTarget, "cannot write " + p.string());
          ::close(fd);
        }
        break;
      }
      case 'd':
        fs::create_directories(p, ec);
        break;
      case 'p':
        if (::mkfifo(p.c_str(), 0600) == 0) {
          const int fd = ::open(p.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
          if (fd >= 0) readers.push_back(fd);
        }
        break;
      case 'l':
        fs::create_symlink(link_target(sp == std::string::npos ? "" : line.substr(sp + 1), sandbox), p, ec);
        break;
      default:
        break;
    }
  }
  if (bytes.size() > 60000) bytes.resize(60000);  // within a pipe's buffer: a FIFO write never waits

  const fs::path requested = out_name.empty() ? fs::path() : sandbox / out_name;
  const auto before = snapshot(sandbox);
  gb::OutputPlan plan;
  bool planned = false;
  try {
    plan = gb::plan_output(requested);
    planned = true;
  } catch (const gb::Error&) {
  } catch (const std::exception& e) {
    gbfuzz::violated(kTarget, std::string("plan_output threw a non-gb::Error: ") + e.what());
  }
  if (planned && plan.kind == gb::OutputPlan::Kind::File) {
    const fs::path folder = fs::weakly_canonical(fs::absolute(plan.path).parent_path(), ec);
    const fs::path root = fs::weakly_canonical(sandbox, ec);
    const auto rel = folder.lexically_relative(root);
    GBFUZZ_CHECK(kTarget, !rel.empty() && *rel.begin() != "..",
                 "a file would be written outside the sandbox: " + plan.path.string());
  } else if (planned) {
    if (plan.descriptor >= 0) {
      GBFUZZ_CHECK(kTarget, plan.descriptor == 0, "a stream to descriptor " + std::to_string(plan.descriptor));
    } else {
      struct stat st {};
      GBFUZZ_CHECK(kTarget, ::stat(plan.path.c_str(), &st) == 0 && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)),
                   "a stream that is not a device or a FIFO: " + plan.path.string());
    }
  }

  bool written = false;
  // Descriptor 0 (stdin) is never written; everything else planned is.
  if (planned && plan.descriptor < 0) {
    try {
      gb::write_file_atomically(requested, bytes);
      written = true;
    } catch (const gb::Error&) {
    } catch (const std::exception& e) {
      gbfuzz::violated(kTarget, std::string("writing threw a non-gb::Error: ") + e.what());
    }
  }
  const auto after = snapshot(sandbox);
  for (const auto& [rel, e] : before) {
    const auto it = after.find(rel);
    GBFUZZ_CHECK(kTarget, it != after.end() && it->second.kind == e.kind && it->second.target == e.target,
                 rel + " changed kind or target (" + std::string(1, e.kind) + ")");
  }
  for (const auto& [rel, e] : after) {
    GBFUZZ_CHECK(kTarget, rel.find(".tmp-") == std::string::npos, "a temporary file was left: " + rel);
    if (!before.count(rel))
      GBFUZZ_CHECK(kTarget, written && e.kind == 'f', "a new entry that is not the written file: " + rel);
  }
  if (written && plan.kind == gb::OutputPlan::Kind::File)
    GBFUZZ_CHECK(kTarget, gbfuzz::read_bytes(requested) == bytes, "the bytes do not read back through the path");
  if (fs::exists(fs::symlink_status("/dev/govbench-fuzz-x"))) {
    fs::remove("/dev/govbench-fuzz-x", ec);
    gbfuzz::violated(kTarget, "a file was created in /dev");
  }
  for (int fd : readers) ::close(fd);
  return 0;
}

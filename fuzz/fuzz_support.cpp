#include "fuzz_support.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "data/demo.hpp"

namespace gbfuzz {

namespace fs = std::filesystem;

void violated(const char* target, const std::string& what) {
  std::fprintf(stderr, "\n%s: invariant violated: %s\n", target, what.c_str());
  std::fflush(stderr);
  std::abort();
}

namespace {
fs::path make_scratch() {
  std::string tmpl = (fs::temp_directory_path() / "govbench-fuzz-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) {
    std::perror("mkdtemp");
    std::abort();
  }
  static fs::path made = tmpl;
  std::atexit([] {
    std::error_code ec;
    fs::remove_all(made, ec);
  });
  return made;
}
}  // namespace

const fs::path& scratch_dir() {
  static const fs::path dir = make_scratch();
  return dir;
}

const fs::path& demo_database() {
  static const fs::path db = [] {
    fs::path p = scratch_dir() / "demo" / "demo.db";
    fs::create_directories(p.parent_path());
    gb::data::init_demo(p);
    return p;
  }();
  return db;
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

void write_bytes(const fs::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) violated("fuzz", "cannot write " + p.string());
}

std::string folder_fingerprint(const fs::path& dir, bool with_content) {
  std::vector<std::string> lines;
  for (const auto& e : fs::directory_iterator(dir)) {
    // The WAL index is shared memory that every reader updates (read
    // marks); it holds no data, so it is not part of the database's content.
    if (e.path().filename().string().ends_with("-shm")) continue;
    struct stat st {};
    ::stat(e.path().c_str(), &st);
    std::string line = e.path().filename().string() + " " + std::to_string(st.st_size) + " " +
                       std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + " " +
                       std::to_string(st.st_ctim.tv_sec) + "." + std::to_string(st.st_ctim.tv_nsec);
    if (with_content) {
      const std::string bytes = e.is_regular_file() ? read_bytes(e.path()) : std::string();
      std::uint64_t h = 1469598103934665603ULL;
      for (char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
      line += " " + std::to_string(h);
    }
    lines.push_back(std::move(line));
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace gbfuzz

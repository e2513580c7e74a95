#include "script/lock_file.hpp"

#include <algorithm>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/semver.hpp"
#include "core/text.hpp"
#include "script/bundle.hpp"
#include "script/manifest.hpp"

namespace gb::script {

namespace fs = std::filesystem;

namespace {
constexpr const char* kHeader = "# govbench pack lock 1";
}

LockFile LockFile::load(const fs::path& path) {
  LockFile lock;
  std::error_code ec;
  if (!fs::exists(path, ec)) return lock;
  const std::string text = read_file_bytes(path, 4 << 20);
  for (const auto& [n, line] : record_lines(text)) {
    std::istringstream fields{std::string(line)};
    LockEntry e;
    fields >> e.name >> e.version >> e.content_id;
    std::getline(fields >> std::ws, e.source);
    const bool hex =
        e.content_id.size() == 64 && e.content_id.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!valid_pack_name(e.name) || !Version::parse(e.version) || !hex || e.source.empty())
      throw Error(SourceLocation{path.string(), n, 0}, "expected 'NAME VERSION SHA256 SOURCE'");
    if (lock.find(e.name)) throw Error(SourceLocation{path.string(), n, 0}, "pack '" + e.name + "' is locked twice");
    lock.entries_.push_back(std::move(e));
  }
  return lock;
}

void LockFile::save(const fs::path& path) const {
  auto sorted = entries_;
  std::sort(sorted.begin(), sorted.end(), [](const LockEntry& a, const LockEntry& b) { return a.name < b.name; });
  std::string text = std::string(kHeader) + "\n";
  for (const auto& e : sorted) text += e.name + " " + e.version + " " + e.content_id + " " + e.source + "\n";
  write_file_atomically(path, text, {.mode = {}, .create_directories = true});
}

const LockEntry* LockFile::find(const std::string& name) const {
  for (const auto& e : entries_)
    if (e.name == name) return &e;
  return nullptr;
}

void LockFile::set(LockEntry entry) {
  for (auto& e : entries_)
    if (e.name == entry.name) {
      e = std::move(entry);
      return;
    }
  entries_.push_back(std::move(entry));
}

void LockFile::erase(const std::string& name) {
  std::erase_if(entries_, [&](const LockEntry& e) { return e.name == name; });
}

}  // namespace gb::script

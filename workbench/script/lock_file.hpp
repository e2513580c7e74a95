// A workspace's pack lock file (packs.lock): exactly which pack versions,
// with which content, the workspace runs, and where each came from, so a
// board paper can be reproduced and a teammate installs the same packs
// (`govbench pack install --locked --workspace DIR`).
//
//   # govbench pack lock 1
//   met-risk-extras 1.2.0 <sha256 of the file manifest> bundles/met-risk-extras-1.2.0.gbpack
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gb::script {

struct LockEntry {
  std::string name;
  std::string version;
  std::string content_id;
  std::string source;  // the bundle or folder, relative to the workspace when inside it
};

class LockFile {
 public:
  // An absent file is an empty lock. Throws gb::Error with file:line.
  static LockFile load(const std::filesystem::path& path);
  void save(const std::filesystem::path& path) const;  // atomically, sorted by name

  const std::vector<LockEntry>& entries() const { return entries_; }
  const LockEntry* find(const std::string& name) const;
  void set(LockEntry entry);  // adds or replaces by name
  void erase(const std::string& name);

 private:
  std::vector<LockEntry> entries_;
};

}  // namespace gb::script

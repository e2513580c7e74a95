// What a pack may do beyond read-only queries (manifest `permissions`, for
// example "write:notes") and the user's answers. An answer is remembered per
// pack *and content id*: a changed pack asks again. "Once" is never stored.
//
// Stored in $XDG_CONFIG_HOME/govbench/pack-permissions, one
// "PACK CONTENT-ID PERMISSION always|deny" per line.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gb::script {

enum class PermissionAnswer { Once, Always, Deny };
const char* permission_answer_name(PermissionAnswer a);
std::optional<PermissionAnswer> parse_permission_answer(const std::string& text);  // once|always|deny

class PermissionStore {
 public:
  static std::filesystem::path default_path();
  // Throws gb::Error with file:line for a malformed file.
  static PermissionStore load(const std::filesystem::path& path = default_path());
  // The remembered answer; nullopt = ask.
  std::optional<PermissionAnswer> answer(const std::string& pack, const std::string& content_id,
                                         const std::string& permission) const;
  // Remembers Always/Deny (replacing answers for older content of the
  // pack); Once is not remembered.
  void remember(const std::string& pack, const std::string& content_id, const std::string& permission,
                PermissionAnswer a);
  void save() const;

 private:
  struct Row {
    std::string pack, content_id, permission;
    PermissionAnswer answer{};
  };
  std::filesystem::path path_;
  std::vector<Row> rows_;
};

}  // namespace gb::script

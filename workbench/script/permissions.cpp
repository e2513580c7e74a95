#include "script/permissions.hpp"

#include <sstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "script/bundle.hpp"
#include "script/signing.hpp"

namespace gb::script {

namespace fs = std::filesystem;

const char* permission_answer_name(PermissionAnswer a) {
  switch (a) {
    case PermissionAnswer::Once:
      return "once";
    case PermissionAnswer::Always:
      return "always";
    case PermissionAnswer::Deny:
      return "deny";
  }
  return "deny";
}

std::optional<PermissionAnswer> parse_permission_answer(const std::string& t) {
  if (t == "once") return PermissionAnswer::Once;
  if (t == "always") return PermissionAnswer::Always;
  if (t == "deny") return PermissionAnswer::Deny;
  return std::nullopt;
}

fs::path PermissionStore::default_path() {
  return user_config_dir() / "pack-permissions";
}

PermissionStore PermissionStore::load(const fs::path& path) {
  PermissionStore s;
  s.path_ = path;
  std::error_code ec;
  if (!fs::exists(path, ec)) return s;
  const std::string text = read_file_bytes(path, 4 << 20);
  for (const auto& [n, line] : record_lines(text)) {
    std::istringstream f{std::string(line)};
    Row r;
    std::string a, extra;
    f >> r.pack >> r.content_id >> r.permission >> a;
    auto parsed = parse_permission_answer(a);
    if (r.permission.empty() || !parsed || *parsed == PermissionAnswer::Once || (f >> extra))
      throw Error(SourceLocation{path.string(), n, 0}, "expected 'PACK CONTENT-ID PERMISSION always|deny'");
    r.answer = *parsed;
    s.rows_.push_back(std::move(r));
  }
  return s;
}

std::optional<PermissionAnswer> PermissionStore::answer(const std::string& pack, const std::string& content_id,
                                                        const std::string& permission) const {
  for (const auto& r : rows_)
    if (r.pack == pack && r.content_id == content_id && r.permission == permission) return r.answer;
  return std::nullopt;
}

void PermissionStore::remember(const std::string& pack, const std::string& content_id, const std::string& permission,
                               PermissionAnswer a) {
  std::erase_if(rows_, [&](const Row& r) { return r.pack == pack && r.permission == permission; });
  if (a != PermissionAnswer::Once) rows_.push_back({pack, content_id, permission, a});
}

void PermissionStore::save() const {
  std::string text = "# govbench pack permissions: PACK CONTENT-ID PERMISSION always|deny\n";
  for (const auto& r : rows_)
    text += r.pack + " " + r.content_id + " " + r.permission + " " + permission_answer_name(r.answer) + "\n";
  write_file_atomically(path_, text, {.mode = {}, .create_directories = true});
}

}  // namespace gb::script

// pack.lua: the manifest every pack folder starts with.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/semver.hpp"

namespace gb::script {

// The API level this host implements. A pack declaring another is not loaded.
inline constexpr int kApiLevel = 1;

// A setting a pack reads through ctx.pack_param(name): pack.lua's
// `parameters = { name = "default" }` or `{ name = { default = "...",
// description = "..." } }`. A database may give it another value with the
// setting pack.<pack>.<name> (`govbench setting`).
struct PackParameter {
  std::string name;  // lower-case letters, digits and '_', starting with a letter
  std::string default_value;
  std::string description;
};

struct PackManifest {
  std::string name;  // lower-case letters, digits and dashes
  Version version;
  int api = 0;
  std::string title;
  std::string description;
  std::vector<std::string> authors;
  std::string license;
  std::map<std::string, VersionRange> requires_;                 // pack name -> range
  std::vector<std::string> data_tables;                          // data = { tables = {...} }
  std::map<std::string, std::vector<std::string>> data_columns;  // data = { columns = { t = {...} } }
  std::vector<std::string> permissions;                          // e.g. "write:notes"
  std::vector<PackParameter> parameters;                         // sorted by name
};

bool valid_pack_name(const std::string& name);
bool valid_parameter_name(const std::string& name);

// The setting key that overrides a pack parameter: "pack.<pack>.<name>".
std::string pack_parameter_key(const std::string& pack, const std::string& name);

// Whether a pack may hold a file at this relative path (pack.lua, README.md,
// *.lua in indicators/ rules/ views/ lib/ tests/, fixtures/*.csv|sql,
// docs/*.md). Other files in a pack folder are ignored and never bundled.
bool pack_file_allowed(const std::string& rel);

}  // namespace gb::script

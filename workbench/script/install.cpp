#include "script/install.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "core/error.hpp"
#include "data/db.hpp"
#include "script/pack_set.hpp"

namespace gb::script {

namespace fs = std::filesystem;

namespace {

constexpr const char* kRecordFile = ".govbench-install";
constexpr const char* kStagingPrefix = ".staging-";

std::string join_problems(const std::vector<std::string>& problems) {
  std::string out;
  const std::size_t shown = std::min<std::size_t>(problems.size(), 20);
  for (std::size_t i = 0; i < shown; ++i) out += "\n  " + problems[i];
  if (problems.size() > shown) out += "\n  ... and " + std::to_string(problems.size() - shown) + " more";
  return out;
}

std::string unique_suffix() {
  std::random_device rd;
  return std::to_string(getpid()) + "-" + std::to_string(rd());
}

// Staging folders of installs that were killed: their process is gone.
void remove_stale_staging(const fs::path& target) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(target, ec)) {
    const std::string n = e.path().filename().string();
    if (!n.starts_with(kStagingPrefix) && !n.starts_with(".removing-")) continue;
    const std::string rest = n.substr(n.find('-') + 1);
    const long pid = std::strtol(rest.c_str(), nullptr, 10);
    if (pid > 0 && pid != getpid() && kill(static_cast<pid_t>(pid), 0) == 0) continue;  // still running
    std::error_code ignored;
    fs::remove_all(e.path(), ignored);
  }
}

void write_files(const fs::path& dir, const PackFiles& files) {
  for (const auto& [rel, bytes] : files) {
    const fs::path p = dir / fs::path(rel);
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw Error(p.string() + ": cannot write");
  }
}

void write_record(const fs::path& dir, const PackSource& src) {
  std::ofstream out(dir / kRecordFile, std::ios::trunc);
  out << "source " << (src.origin.empty() ? fs::absolute(src.path).lexically_normal().string() : src.origin) << "\n"
      << "content-id " << src.content_id << "\n";
  if (src.signer) out << "signer " << *src.signer << "\n";
  if (!src.signer_key.empty()) out << "signer-key " << src.signer_key << "\n";
  if (!src.signature_b64.empty()) out << "signature " << src.signature_b64 << "\n";
  out.close();
  if (!out) throw Error((dir / kRecordFile).string() + ": cannot write");
}

// The packs beside the one being installed: other locations, then the
// target's packs except `skip`.
void add_other_packs(PackSet& set, const fs::path& target, const std::string& skip,
                     const std::vector<std::pair<fs::path, std::string>>& others) {
  std::error_code ec;
  const auto target_canon = fs::weakly_canonical(target, ec);
  for (const auto& [dir, origin] : others) {
    if (!fs::is_directory(dir, ec)) continue;
    if (fs::weakly_canonical(dir, ec) == target_canon) continue;
    set.add_source(dir, origin);
  }
  std::vector<fs::path> mine;
  for (const auto& e : fs::directory_iterator(target, ec)) {
    const std::string n = e.path().filename().string();
    if (n.starts_with(".") || n == skip || !e.is_directory() || e.is_symlink()) continue;
    if (fs::exists(e.path() / "pack.lua")) mine.push_back(e.path());
  }
  std::sort(mine.begin(), mine.end());
  for (const auto& d : mine) set.add_source(d, "installed");
}

// Folders removed when the install ends, unless released.
struct FolderGuard {
  fs::path path;
  explicit FolderGuard(fs::path folder) : path(std::move(folder)) {}
  FolderGuard(const FolderGuard&) = delete;
  FolderGuard& operator=(const FolderGuard&) = delete;
  ~FolderGuard() {
    if (path.empty()) return;
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

std::vector<std::string> missing_data(const PackManifest& manifest, data::Db& db) {
  std::vector<std::string> out;
  for (const auto& t : manifest.data_tables)
    if (!db.table_exists(t)) out.push_back("table '" + t + "' is missing");
  for (const auto& [t, cols] : manifest.data_columns) {
    if (!db.table_exists(t)) {
      if (std::find(manifest.data_tables.begin(), manifest.data_tables.end(), t) == manifest.data_tables.end())
        out.push_back("table '" + t + "' is missing");
      continue;
    }
    const auto have = db.column_names(t);
    for (const auto& c : cols)
      if (std::find(have.begin(), have.end(), c) == have.end())
        out.push_back("column '" + t + "." + c + "' is missing");
  }
  return out;
}

std::optional<InstallRecord> read_install_record(const fs::path& pack_dir) {
  std::ifstream in(pack_dir / kRecordFile);
  if (!in) return std::nullopt;
  InstallRecord r;
  std::string line;
  while (std::getline(in, line)) {
    const auto sp = line.find(' ');
    if (sp == std::string::npos) continue;
    const std::string key = line.substr(0, sp), value = line.substr(sp + 1);
    if (key == "source")
      r.source = value;
    else if (key == "content-id")
      r.content_id = value;
    else if (key == "signer")
      r.signer = value;
    else if (key == "signer-key")
      r.signer_key = value;
    else if (key == "signature")
      r.signature = value;
  }
  return r;
}

std::optional<std::string> verified_signer(const Pack& pack, const TrustStore& trust) {
  const auto rec = read_install_record(pack.dir());
  if (!rec || rec->signer_key.empty() || rec->signature.empty()) return std::nullopt;
  auto name = trust.name_of(rec->signer_key);
  if (!name) return std::nullopt;
  PackFiles files;
  for (const auto& [rel, text] : pack.files()) files.emplace(rel, *text);
  if (!manifest_signed_by(file_manifest(files), rec->signer_key, rec->signature)) return std::nullopt;
  return name;
}

PackSource read_pack_source(const fs::path& path, const TrustStore& trust) {
  PackSource s;
  s.path = path;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    s.files = read_pack_folder(path).files;
    s.content_id = content_id(s.files);
    return s;
  }
  return read_bundle_source(read_file_bytes(path), path, "", trust);
}

PackSource read_bundle_source(const std::string& bytes, const fs::path& label, const std::string& origin,
                              const TrustStore& trust) {
  PackSource s;
  s.path = label;
  s.origin = origin;
  s.is_bundle = true;
  BundleContents b = inspect_bundle(bytes);
  if (!b.ok()) throw Error(label.string() + ": refused:" + join_problems(b.problems));
  s.files = std::move(b.files);
  s.content_id = b.content_id;
  s.signature = b.signature;
  s.signer_key = b.signer_key;
  s.signature_b64 = b.signature_b64;
  if (b.signature == SignatureState::Valid) s.signer = trust.name_of(b.signer_key);
  return s;
}

PackManifest manifest_of_files(const PackFiles& files, const fs::path& label) {
  if (!files.contains("pack.lua")) throw Error(label.string() + ": holds no pack.lua");
  std::error_code ec;
  FolderGuard dir{fs::temp_directory_path(ec) / ("govbench-manifest-" + unique_suffix())};
  fs::create_directories(dir.path, ec);
  if (ec) throw Error(dir.path.string() + ": " + ec.message());
  write_files(dir.path, files);
  auto pack = Pack::open(dir.path, Limits{}, {});
  if (!pack->ok()) throw Error(label.string() + ": " + pack->errors().front().to_string());
  return pack->manifest();
}

InstallSummary install_pack(const PackSource& src, const InstallOptions& opt) {
  if (!src.signer && !opt.allow_unsigned) {
    std::string why = src.signature == SignatureState::Valid
                          ? "is signed by a key you do not trust (" + key_fingerprint(src.signer_key) + "...)"
                      : src.is_bundle ? "is not signed"
                                      : "is a folder, not a signed bundle";
    throw Error(src.path.string() + " " + why +
                "; install it with --allow-unsigned, or trust the signer's key with 'govbench trust add'");
  }
  if (opt.expect_content_id && *opt.expect_content_id != src.content_id)
    throw Error(src.path.string() + ": its content (" + src.content_id.substr(0, 12) +
                "...) is not what the lock file records (" + opt.expect_content_id->substr(0, 12) + "...)");

  std::error_code ec;
  fs::create_directories(opt.target, ec);
  if (ec) throw Error(opt.target.string() + ": cannot create the packs folder: " + ec.message());
  remove_stale_staging(opt.target);

  FolderGuard staging{opt.target / (kStagingPrefix + unique_suffix())};
  fs::create_directory(staging.path, ec);
  if (ec) throw Error(staging.path.string() + ": " + ec.message());
  write_files(staging.path, src.files);
  write_record(staging.path, src);

  auto pack = Pack::open(staging.path, Limits{}, {});
  if (!pack->ok()) throw Error(src.path.string() + ": " + pack->errors().front().to_string());
  const PackManifest manifest = pack->manifest();
  const std::string& name = manifest.name;
  const std::string version = manifest.version.to_string();
  if (opt.expect_version && *opt.expect_version != version)
    throw Error(src.path.string() + ": holds " + name + " " + version + ", but the lock file records " +
                *opt.expect_version);
  const fs::path final_dir = opt.target / name;
  InstallSummary out;
  out.name = name;
  out.version = version;
  out.content_id = src.content_id;
  out.dir = final_dir;
  const bool exists = fs::exists(final_dir / "pack.lua", ec);
  if (exists) {
    auto old = Pack::open(final_dir, Limits{}, {});
    out.previous_version = old->ok() ? old->manifest().version.to_string() : "?";
    if (auto rec = read_install_record(final_dir); rec && rec->content_id == src.content_id) {
      out.unchanged = true;
      return out;
    }
    if (!opt.replace)
      throw Error("pack '" + name + "' " + out.previous_version + " is already installed in " + opt.target.string() +
                  "; use 'govbench pack update' to replace it");
    // An older version replacing a newer one is more often a stale bundle
    // than a decision; a lock file names its version on purpose.
    if (old->ok() && manifest.version < old->manifest().version && !opt.allow_downgrade && !opt.expect_version)
      throw Error("pack '" + name + "' " + out.previous_version + " is installed in " + opt.target.string() + "; " +
                  src.path.string() + " holds the older " + version +
                  "; allow a downgrade (--allow-downgrade) to go back to it on purpose");
  } else if (opt.must_be_installed) {
    throw Error("pack '" + name + "' is not installed in " + opt.target.string() + "; use 'govbench pack install'");
  } else if (fs::exists(final_dir, ec)) {
    throw Error(final_dir.string() + " exists but is not a pack folder; move it away first");
  }

  // Load the new version with every other pack, as the workbench would.
  PackSet set;
  add_other_packs(set, opt.target, name, opt.other_sources);
  set.add_source(staging.path, "being installed");
  set.load();
  std::vector<std::string> problems;
  for (const auto& [dep, range] : manifest.requires_) {
    const PackEntry* e = set.entry(dep);
    const std::string me = "pack '" + name + "' " + version + " requires '" + dep + "' " + range.to_string();
    if (!e)
      problems.push_back(me + ", which is not installed");
    else if (!e->active)
      problems.push_back(me + ", but the installed '" + dep + "' fails to load");
    else if (!range.contains(e->active->manifest().version))
      problems.push_back(me + ", but " + dep + " " + e->active->manifest().version.to_string() + " is installed (" +
                         e->origin + ": " + e->dir.string() + ")");
  }
  // Packs that require this one, as they load now (with the version installed).
  PackSet current;
  add_other_packs(current, opt.target, "", opt.other_sources);
  current.load();
  for (const auto& e : current.entries()) {
    if (!e.active || e.active->name() == name) continue;
    auto it = e.active->manifest().requires_.find(name);
    if (it != e.active->manifest().requires_.end() && !it->second.contains(manifest.version))
      problems.push_back("installed pack '" + e.active->name() + "' " + e.active->manifest().version.to_string() +
                         " requires '" + name + "' " + it->second.to_string() + ", which " + name + " " + version +
                         " does not satisfy");
  }
  // Packs that load today and would not with this one installed: it takes
  // over their ids (it ranks before them) or stops a pack they require.
  std::vector<std::string> broken;
  for (const auto& e : current.entries()) {
    if (!e.active || e.active->name() == name) continue;
    const PackEntry* after = set.entry(e.active->name());
    if (!after || after->active) continue;
    std::string why;
    for (const auto& p : after->problems) why += "\n      " + p.to_string();
    broken.push_back("pack '" + e.active->name() + "' (" + e.origin + ") loads now but would not:" + why);
  }
  if (!broken.empty() && !opt.allow_breaking) {
    broken.push_back("install it anyway with --allow-breaking, or give its ids other names");
    problems.insert(problems.end(), broken.begin(), broken.end());
  }
  if (problems.empty()) {
    const PackEntry* mine = nullptr;
    for (const auto& e : set.entries())
      if (e.dir == staging.path) mine = &e;
    if (!mine || mine->status != PackEntry::Status::Loaded) {
      if (mine)
        for (const auto& p : mine->problems) problems.push_back(p.to_string());
      if (problems.empty()) problems.push_back("the pack does not load");
    }
  }
  if (!problems.empty()) throw Error("cannot install " + name + " " + version + ":" + join_problems(problems));
  if (opt.confirm && !opt.confirm(manifest, src)) throw Error("install of " + name + " " + version + " cancelled");

  if (!exists) {
    fs::rename(staging.path, final_dir, ec);
    if (ec) throw Error(final_dir.string() + ": " + ec.message());
    staging.path.clear();
    return out;
  }
  // Swap old and new in one step; the staging folder then holds the old version.
  if (renameat2(AT_FDCWD, staging.path.c_str(), AT_FDCWD, final_dir.c_str(), RENAME_EXCHANGE) != 0)
    throw Error(final_dir.string() + ": cannot replace the installed version: " + std::strerror(errno));
  // The new version must read back exactly as checked; otherwise swap back.
  auto check = Pack::open(final_dir, Limits{}, {});
  PackFiles now;
  if (check->ok())
    for (const auto& [rel, text] : check->files()) now.emplace(rel, *text);
  if (!check->ok() || content_id(now) != src.content_id) {
    if (renameat2(AT_FDCWD, staging.path.c_str(), AT_FDCWD, final_dir.c_str(), RENAME_EXCHANGE) != 0)
      throw Error(final_dir.string() + ": the new version does not read back and the old one could not be restored: " +
                  std::strerror(errno));
    throw Error(final_dir.string() + ": the new version does not read back; the old version is kept");
  }
  return out;  // the guard removes the old version
}

void remove_pack(const fs::path& target, const std::string& name,
                 const std::vector<std::pair<fs::path, std::string>>& other_sources) {
  if (!valid_pack_name(name)) throw Error("'" + name + "' is not a pack name");
  const fs::path dir = target / name;
  std::error_code ec;
  if (!fs::exists(dir / "pack.lua", ec)) throw Error("pack '" + name + "' is not installed in " + target.string());
  PackSet set;
  add_other_packs(set, target, "", other_sources);
  set.load();
  std::vector<std::string> needed_by;
  for (const auto& e : set.entries())
    if (e.active && e.active->name() != name && e.active->manifest().requires_.count(name))
      needed_by.push_back(e.active->name() + " (" + e.origin + ")");
  if (!needed_by.empty()) {
    std::string list;
    for (const auto& n : needed_by) list += (list.empty() ? "" : ", ") + n;
    throw Error("pack '" + name + "' is required by " + list + "; remove those first");
  }
  // Move it out of sight in one step, then delete.
  const fs::path gone = target / (".removing-" + unique_suffix());
  fs::rename(dir, gone, ec);
  if (ec) throw Error(dir.string() + ": " + ec.message());
  fs::remove_all(gone, ec);
}

}  // namespace gb::script

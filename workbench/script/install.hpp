// Installing, updating and removing packs in a packs folder (the user's
// or a workspace's), from a bundle or a pack folder.
//
// An install never leaves a half-written pack: the files are checked in
// memory (inspect_bundle), written into a hidden staging folder beside the
// target, loaded there together with the other packs, and only then moved
// into place with one rename (an update swaps old and new atomically with
// renameat2(RENAME_EXCHANGE), so the folder always holds one complete
// version). A killed install leaves at most a hidden .staging-* folder,
// which the next install removes.
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "script/bundle.hpp"
#include "script/manifest.hpp"
#include "script/pack.hpp"
#include "script/signing.hpp"

namespace gb::data {
class Db;
}

namespace gb::script {

// What the manifest's `data` needs that the database lacks, one message
// each ("table 'observations' is missing", "column 'risks.owner' is
// missing"). Empty when everything is there.
std::vector<std::string> missing_data(const PackManifest& manifest, data::Db& db);

// .govbench-install, written into each installed pack folder (hidden, so
// the loader ignores it and it is not part of the content id).
struct InstallRecord {
  std::string source;      // the bundle or folder it was installed from
  std::string content_id;  // SHA-256 of the file manifest
  std::string signer;      // the trusted name of the signing key; empty = unsigned or untrusted
  std::string signer_key;  // base64 public key of a signature (trusted or not)
  std::string signature;   // base64 signature of the pack's MANIFEST (see verified_signer)
  bool trusted() const { return !signer.empty(); }
};
std::optional<InstallRecord> read_install_record(const std::filesystem::path& pack_dir);

// The trusted name of the key that signed this pack's files as they are
// now: its install record holds a signature that verifies over the
// MANIFEST of the files the pack loaded, by a key in `trust`. A record
// written by hand, a file changed after the install, or a key no longer
// trusted gives nullopt: the record alone proves nothing.
std::optional<std::string> verified_signer(const Pack& pack, const TrustStore& trust);

// A bundle or pack folder read and checked, nothing written yet.
struct PackSource {
  std::filesystem::path path;  // named in messages
  std::string origin;          // recorded as the install's source when set (e.g. a team hub's release)
  bool is_bundle = false;
  PackFiles files;
  std::string content_id;
  SignatureState signature = SignatureState::Unsigned;
  std::string signer_key;
  std::string signature_b64;          // when signed
  std::optional<std::string> signer;  // trusted name of signer_key
};
// Throws gb::Error listing every problem of the bundle (or the folder).
PackSource read_pack_source(const std::filesystem::path& path, const TrustStore& trust);
// The same checks for a bundle already in memory (fetched from a team hub):
// `label` names it in messages, `origin` is recorded as its source.
PackSource read_bundle_source(const std::string& bytes, const std::filesystem::path& label, const std::string& origin,
                              const TrustStore& trust);

// The manifest (pack.lua, evaluated in the sandbox) of a checked bundle's
// files, read from a temporary folder that is removed again. Throws
// gb::Error naming `label` when pack.lua is missing or invalid.
PackManifest manifest_of_files(const PackFiles& files, const std::filesystem::path& label);

struct InstallSummary {
  std::string name;
  std::string version;
  std::string previous_version;  // empty when it was not installed
  std::string content_id;
  bool unchanged = false;  // the same content was already installed
  std::filesystem::path dir;
};

struct InstallOptions {
  std::filesystem::path target;  // the packs folder
  // Other pack locations that satisfy dependencies: pack folders or folders
  // of packs, with an origin label ("bundled", "installed").
  std::vector<std::pair<std::filesystem::path, std::string>> other_sources;
  bool allow_unsigned = false;                   // install unsigned or untrusted packs
  bool replace = false;                          // replace an installed version (update)
  bool must_be_installed = false;                // pack update: refuse when it is not installed
  bool allow_downgrade = false;                  // replace with an older version (not needed with --locked)
  bool allow_breaking = false;                   // install although another pack would stop loading
  std::optional<std::string> expect_content_id;  // pack install --locked
  std::optional<std::string> expect_version;
  // Called with the checked, loaded pack before anything is moved into
  // place; returning false cancels the install (nothing is kept).
  std::function<bool(const PackManifest&, const PackSource&)> confirm;
};

// Throws gb::Error naming the problem; the target is unchanged then.
InstallSummary install_pack(const PackSource& source, const InstallOptions& options);

// Removes an installed pack. Refuses when another pack in `target` or
// `other_sources` requires it (naming them). Throws gb::Error.
void remove_pack(const std::filesystem::path& target, const std::string& name,
                 const std::vector<std::pair<std::filesystem::path, std::string>>& other_sources);

}  // namespace gb::script

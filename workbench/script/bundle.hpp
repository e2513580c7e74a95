// Pack bundles (.gbpack): a zip holding a pack's files, a MANIFEST listing
// each file's SHA-256, and optionally a SIGNATURE (Ed25519 over MANIFEST).
//
// Bundles come from other teams, so inspect_bundle() treats the bytes as
// hostile: it checks every entry (names, types, sizes, compression ratio,
// hashes) in memory and returns the files only when all are acceptable.
// Nothing is ever written by the reader.
//
// Layout:  MANIFEST    "govbench-bundle 1\n" then "<sha256 hex>  <path>\n"
//                      for each pack file, sorted by path
//          SIGNATURE   "govbench-signature 1\nkey <base64>\nsignature <base64>\n"
//          <path>...   the pack files, as in the pack folder
// Every entry has the same fixed time (1980-01-01) and mode (0644) and the
// entries are sorted, so the same folder always gives the same bytes; the
// reader accepts only those bytes (it rebuilds the bundle from the files
// and compares), so no byte of a bundle can change unnoticed. This ties
// bundles to the zlib/libzip of Debian 12 that every install uses.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gb::script {

struct BundleLimits {
  std::size_t max_entries = 10000;
  std::uint64_t max_total_bytes = 50ull << 20;  // uncompressed
  std::uint64_t max_ratio = 100;                // uncompressed / compressed, per entry
};

using PackFiles = std::map<std::string, std::string>;  // relative path -> bytes

std::string sha256_hex(std::string_view bytes);

// The MANIFEST text for these files.
std::string file_manifest(const PackFiles& files);
// SHA-256 of the file manifest: identifies a pack's exact content (lock
// files and remembered permissions use it).
std::string content_id(const PackFiles& files);

enum class SignatureState { Unsigned, Valid, Invalid };
const char* signature_state_name(SignatureState s);

struct BundleSignature {
  std::string public_key;  // base64, 32 bytes
  std::string signature;   // base64, 64 bytes
};

// Whether `signature_b64` is public_key_b64's Ed25519 signature of this
// MANIFEST text (see file_manifest).
bool manifest_signed_by(const std::string& manifest, const std::string& public_key_b64,
                        const std::string& signature_b64);

struct FileCheck {
  std::string path;
  bool matches = false;  // the content's SHA-256 is the one MANIFEST lists
};

struct BundleContents {
  PackFiles files;         // only filled when ok()
  std::string manifest;    // the MANIFEST text
  std::string content_id;  // SHA-256 of MANIFEST
  SignatureState signature = SignatureState::Unsigned;
  std::string signer_key;             // base64 public key when signed
  std::string signature_b64;          // base64 signature when signed
  std::vector<FileCheck> checks;      // per MANIFEST line, when the entries could be read
  std::vector<std::string> problems;  // "entry 'x': why"
  bool ok() const { return problems.empty(); }
};

// Validates a bundle held in memory. Never throws for bad input (it may
// throw std::bad_alloc); never writes anything.
BundleContents inspect_bundle(std::string_view bytes, const BundleLimits& limits = {});

// The zip bytes for these files (and signature), reproducibly.
std::string make_bundle(const PackFiles& files, const std::optional<BundleSignature>& signature = std::nullopt);

// Reads a pack folder's files (the ones the loader reads) and checks its
// manifest. Throws gb::Error naming the folder when it is not a valid pack.
struct PackFolder {
  std::string name;
  std::string version;
  PackFiles files;
};
PackFolder read_pack_folder(const std::filesystem::path& dir);

// Reads a whole file into memory (at most `max_bytes`). Throws gb::Error.
std::string read_file_bytes(const std::filesystem::path& path, std::uint64_t max_bytes = 256ull << 20);

}  // namespace gb::script

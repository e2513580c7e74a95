// Ed25519 keys for signing pack bundles, and the trust store: the public
// keys of the teams this user trusts, by name.
//
// Key files:  NAME.key  "govbench-secret-key 1\n<base64 64-byte secret key>\n" (mode 0600)
//             NAME.pub  "<base64 32-byte public key>\n"
// Trust store: $XDG_CONFIG_HOME/govbench/trusted-keys (else
// ~/.config/govbench/trusted-keys), one "NAME KEY" per line.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "script/bundle.hpp"

namespace gb::script {

struct KeyPair {
  std::string public_key;  // base64
  std::string secret_key;  // base64
};

KeyPair generate_keypair();
// Writes DIR/NAME.key (0600) and DIR/NAME.pub; refuses to overwrite a key.
void write_keypair(const KeyPair& keys, const std::filesystem::path& secret_path,
                   const std::filesystem::path& public_path);
// Reads a NAME.key file; throws gb::Error naming the file.
KeyPair read_secret_key(const std::filesystem::path& path);
// A public key given as base64 text or as the path of a .pub file.
// Throws gb::Error when it is neither.
std::string parse_public_key(const std::string& text_or_path);
// Short form of a key for messages: its first 12 characters.
std::string key_fingerprint(const std::string& public_key);

// Signs the bundle's MANIFEST; returns the bundle with a SIGNATURE entry
// (replacing any earlier one). Throws gb::Error if the bundle is not valid.
std::string sign_bundle(std::string_view bundle_bytes, const KeyPair& keys);

// The user's configuration folder for govbench.
std::filesystem::path user_config_dir();

class TrustStore {
 public:
  struct Key {
    std::string name;
    std::string public_key;
  };
  // Reads the store (an absent file is an empty store). Throws gb::Error
  // naming the file and line for a malformed one.
  static TrustStore load(const std::filesystem::path& path = default_path());
  static std::filesystem::path default_path();

  // Throws gb::Error for a bad name or key, or a name already used.
  void add(const std::string& name, const std::string& public_key);
  bool remove(const std::string& name);
  const std::vector<Key>& keys() const { return keys_; }
  // The name under which this key is trusted, if it is.
  std::optional<std::string> name_of(const std::string& public_key) const;
  void save() const;  // atomically

 private:
  std::filesystem::path path_;
  std::vector<Key> keys_;
};

}  // namespace gb::script

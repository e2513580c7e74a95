#include "script/signing.hpp"

#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace gb::script {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kSecretHeader = "govbench-secret-key 1\n";

std::string to_base64(const unsigned char* bin, std::size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bin, n, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

bool from_base64(const std::string& text, unsigned char* bin, std::size_t n) {
  std::size_t len = 0;
  return sodium_base642bin(bin, n, text.c_str(), text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) ==
             0 &&
         len == n;
}

void need_sodium() {
  if (sodium_init() < 0) throw Error("libsodium could not be initialised");
}

bool valid_public_key(const std::string& text) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  return from_base64(text, pk, sizeof pk);
}

bool valid_trust_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
          c == '.'))
      return false;
  return true;
}

}  // namespace

KeyPair generate_keypair() {
  need_sodium();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  KeyPair k{to_base64(pk, sizeof pk), to_base64(sk, sizeof sk)};
  sodium_memzero(sk, sizeof sk);
  return k;
}

void write_keypair(const KeyPair& keys, const fs::path& secret_path, const fs::path& public_path) {
  std::error_code ec;
  for (const auto& p : {secret_path, public_path})
    if (fs::symlink_status(p, ec).type() != fs::file_type::not_found)  // a link too, even one to nothing
      throw Error(p.string() + ": already exists (a key is never overwritten)");
  write_file_atomically(secret_path, std::string(kSecretHeader) + keys.secret_key + "\n",
                        {.mode = 0600, .create_directories = true});
  write_file_atomically(public_path, keys.public_key + "\n", {.mode = 0644, .create_directories = true});
}

KeyPair read_secret_key(const fs::path& path) {
  need_sodium();
  const std::string text = read_file_bytes(path, 4096);
  if (!text.starts_with(kSecretHeader))
    throw Error(path.string() + ": not a govbench secret key (made by 'govbench pack keygen')");
  std::istringstream in(text.substr(kSecretHeader.size()));
  std::string b64;
  in >> b64;
  unsigned char sk[crypto_sign_SECRETKEYBYTES], pk[crypto_sign_PUBLICKEYBYTES];
  if (!from_base64(b64, sk, sizeof sk)) throw Error(path.string() + ":2: the secret key is not 64 bytes of base64");
  crypto_sign_ed25519_sk_to_pk(pk, sk);
  sodium_memzero(sk, sizeof sk);
  return KeyPair{to_base64(pk, sizeof pk), b64};
}

std::string parse_public_key(const std::string& text_or_path) {
  if (valid_public_key(text_or_path)) return text_or_path;
  std::error_code ec;
  if (fs::is_regular_file(text_or_path, ec)) {
    std::istringstream in(read_file_bytes(text_or_path, 4096));
    std::string b64;
    in >> b64;
    if (valid_public_key(b64)) return b64;
    throw Error(text_or_path + ": not a public key (a .pub file made by 'govbench pack keygen')");
  }
  throw Error("'" + text_or_path + "' is neither a public key (44 characters of base64) nor a .pub file");
}

std::string key_fingerprint(const std::string& public_key) {
  return public_key.substr(0, 12);
}

std::string sign_bundle(std::string_view bundle_bytes, const KeyPair& keys) {
  need_sodium();
  const BundleContents b = inspect_bundle(bundle_bytes);
  if (!b.ok()) {
    std::string why = b.problems.front();
    throw Error("the bundle is not valid: " + why);
  }
  unsigned char sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
  if (!from_base64(keys.secret_key, sk, sizeof sk)) throw Error("the secret key is not valid");
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(b.manifest.data()), b.manifest.size(), sk);
  sodium_memzero(sk, sizeof sk);
  return make_bundle(b.files, BundleSignature{keys.public_key, to_base64(sig, sizeof sig)});
}

fs::path user_config_dir() {
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return fs::path(x) / "govbench";
  if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".config" / "govbench";
  return fs::path(".govbench") / "config";
}

fs::path TrustStore::default_path() {
  return user_config_dir() / "trusted-keys";
}

TrustStore TrustStore::load(const fs::path& path) {
  TrustStore s;
  s.path_ = path;
  std::error_code ec;
  if (!fs::exists(path, ec)) return s;
  const std::string text = read_file_bytes(path, 1 << 20);
  for (const auto& [n, line] : record_lines(text)) {
    std::istringstream fields{std::string(line)};
    Key k;
    std::string extra;
    if (!(fields >> k.name >> k.public_key) || (fields >> extra) || !valid_trust_name(k.name) ||
        !valid_public_key(k.public_key))
      throw Error(SourceLocation{path.string(), n, 0}, "expected 'NAME PUBLIC-KEY'");
    s.keys_.push_back(std::move(k));
  }
  return s;
}

void TrustStore::add(const std::string& name, const std::string& public_key) {
  if (!valid_trust_name(name)) throw Error("'" + name + "' is not a valid name (letters, digits, '-', '_', '.')");
  if (!valid_public_key(public_key)) throw Error("not a public key: " + public_key);
  for (const auto& k : keys_) {
    if (k.name == name) throw Error("a key named '" + name + "' is already trusted (remove it first)");
    if (k.public_key == public_key) throw Error("this key is already trusted as '" + k.name + "'");
  }
  keys_.push_back({name, public_key});
}

bool TrustStore::remove(const std::string& name) {
  const auto before = keys_.size();
  std::erase_if(keys_, [&](const Key& k) { return k.name == name; });
  return keys_.size() != before;
}

std::optional<std::string> TrustStore::name_of(const std::string& public_key) const {
  for (const auto& k : keys_)
    if (k.public_key == public_key) return k.name;
  return std::nullopt;
}

void TrustStore::save() const {
  std::string text = "# govbench trusted signing keys: NAME PUBLIC-KEY\n";
  for (const auto& k : keys_) text += k.name + " " + k.public_key + "\n";
  write_file_atomically(path_, text, {.mode = 0644, .create_directories = true});
}

}  // namespace gb::script

#include "script/bundle.hpp"

#include <sodium.h>
#include <unistd.h>
#include <zip.h>

#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/text.hpp"
#include "data/zip_handles.hpp"
#include "script/manifest.hpp"
#include "script/pack.hpp"

namespace gb::script {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kManifestHeader = "govbench-bundle 1\n";
constexpr std::string_view kSignatureHeader = "govbench-signature 1\n";

using data::ZipErrorText;  // data/zip_handles.hpp: libzip's handles, shared with the workbook reader
using data::ZipFilePtr;
using data::ZipPtr;
using data::ZipSourcePtr;

// Entry names as they can be printed safely in a message.
std::string printable(std::string_view name) {
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f || c >= 0x80) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::optional<std::string> name_problem(const std::string& name) {
  if (name.empty()) return "empty name";
  if (find_invalid_utf8(name)) return "the name is not valid UTF-8";
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f) return "the name holds a control character";
  if (name.front() == '/') return "absolute path";
  if (name.find('\\') != std::string::npos) return "backslash in the name (only '/' separates folders)";
  if (name.size() >= 2 && name[1] == ':') return "absolute path (drive letter)";
  if (name.back() == '/') return "a directory entry (bundles hold regular files only)";
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('/', start), name.size());
    const std::string_view seg(name.data() + start, end - start);
    if (seg == "..") return "'..' in the path";
    if (seg == "." || seg.empty()) return "empty or '.' segment in the path";
    start = end + 1;
  }
  return std::nullopt;
}

bool ensure_sodium() {
  return sodium_init() >= 0;
}

bool from_base64(std::string_view text, unsigned char* bin, std::size_t n) {
  std::size_t len = 0;
  const std::string s(text);
  return sodium_base642bin(bin, n, s.c_str(), s.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) == 0 &&
         len == n;
}

// "key <b64>\nsignature <b64>\n" after the header.
std::optional<BundleSignature> parse_signature(std::string_view text) {
  if (!text.starts_with(kSignatureHeader)) return std::nullopt;
  std::istringstream in{std::string(text.substr(kSignatureHeader.size()))};
  std::string k1, v1, k2, v2, rest;
  if (!(in >> k1 >> v1 >> k2 >> v2) || k1 != "key" || k2 != "signature" || (in >> rest)) return std::nullopt;
  return BundleSignature{v1, v2};
}

bool signature_matches(const std::string& manifest, const BundleSignature& s) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
  if (!ensure_sodium() || !from_base64(s.public_key, pk, sizeof pk) || !from_base64(s.signature, sig, sizeof sig))
    return false;
  return crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(manifest.data()), manifest.size(),
                                     pk) == 0;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : out) {
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  return hex;
}

std::string file_manifest(const PackFiles& files) {
  std::string out(kManifestHeader);
  for (const auto& [path, bytes] : files) out += sha256_hex(bytes) + "  " + path + "\n";
  return out;
}

std::string content_id(const PackFiles& files) {
  return sha256_hex(file_manifest(files));
}

bool manifest_signed_by(const std::string& manifest, const std::string& public_key_b64,
                        const std::string& signature_b64) {
  return signature_matches(manifest, BundleSignature{public_key_b64, signature_b64});
}

const char* signature_state_name(SignatureState s) {
  switch (s) {
    case SignatureState::Unsigned:
      return "unsigned";
    case SignatureState::Valid:
      return "signed";
    case SignatureState::Invalid:
      return "bad signature";
  }
  return "unsigned";
}

namespace {

// inspect_bundle, step by step. Each step records what it finds wrong in
// out.problems; inspect_bundle stops after a step that found a problem
// where the next step could not make sense of the bundle.

void add_problem(BundleContents& out, const std::string& entry, const std::string& why) {
  out.problems.push_back(entry.empty() ? why : "entry '" + printable(entry) + "': " + why);
}

// An entry's name and sizes as its headers declare them.
struct DeclaredEntry {
  zip_uint64_t index;
  std::string name;
  std::uint64_t size;
  std::uint64_t comp_size;
};

using EntryBytes = std::map<std::string, std::string>;  // every entry's name -> its bytes

// The archive, or null when the bytes are not one libzip accepts.
ZipPtr open_archive(std::string_view bytes, BundleContents& out) {
  if (bytes.empty()) {
    add_problem(out, "", "empty file: not a pack bundle");
    return nullptr;
  }
  ZipErrorText err;
  zip_source_t* raw_src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err.e);
  if (!raw_src) {
    add_problem(out, "", "cannot read the bundle: " + err.text());
    return nullptr;
  }
  ZipSourcePtr src(raw_src);
  ZipPtr za(zip_open_from_source(src.get(), ZIP_RDONLY | ZIP_CHECKCONS, &err.e));
  if (!za) {
    if (zip_error_code_zip(&err.e) == ZIP_ER_EXISTS)
      add_problem(out, "", "duplicate entry: two entries have the same name");
    else
      add_problem(out, "", "not a valid zip archive: " + err.text());
    return nullptr;
  }
  static_cast<void>(src.release());  // the archive owns the source now
  return za;
}

// The entries, from their headers: names, types, sizes and compression
// ratios within the limits. An entry with a problem is left out.
std::vector<DeclaredEntry> list_entries(zip_t* za, const BundleLimits& limits, BundleContents& out) {
  const zip_int64_t n = zip_get_num_entries(za, 0);
  if (n < 0 || static_cast<std::uint64_t>(n) > limits.max_entries) {
    add_problem(
        out, "",
        "too many entries (" + std::to_string(n) + "; the limit is " + std::to_string(limits.max_entries) + ")");
    return {};
  }
  std::vector<DeclaredEntry> entries;
  std::set<std::string> seen;
  std::uint64_t declared_total = 0;
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(n); ++i) {
    const char* raw = zip_get_name(za, i, ZIP_FL_ENC_RAW);
    if (!raw) {
      add_problem(out, "#" + std::to_string(i + 1), "unreadable name");
      continue;
    }
    const std::string name = raw;
    if (auto why = name_problem(name)) {
      add_problem(out, name, *why);
      continue;
    }
    zip_uint8_t opsys = 0;
    zip_uint32_t attr = 0;
    if (zip_file_get_external_attributes(za, i, 0, &opsys, &attr) != 0) {
      add_problem(out, name, "unreadable attributes");
      continue;
    }
    if (opsys == ZIP_OPSYS_UNIX) {
      const zip_uint32_t type = (attr >> 16) & 0170000u;
      if (type == 0120000u) {
        add_problem(out, name, "a symbolic link (bundles hold regular files only)");
        continue;
      }
      if (type != 0 && type != 0100000u) {
        add_problem(out, name, "not a regular file (bundles hold regular files only)");
        continue;
      }
    }
    if (attr & 0x10u) {  // MS-DOS directory attribute
      add_problem(out, name, "a directory entry (bundles hold regular files only)");
      continue;
    }
    if (!seen.insert(name).second) {
      add_problem(out, name, "duplicate entry");
      continue;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE)) {
      add_problem(out, name, "unreadable sizes");
      continue;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      add_problem(out, name, "encrypted");
      continue;
    }
    declared_total += st.size;
    if (st.size > 0 && (st.comp_size == 0 || st.size / limits.max_ratio > st.comp_size)) {
      add_problem(out, name,
                  "compression ratio over " + std::to_string(limits.max_ratio) + " (" + std::to_string(st.size) +
                      " bytes from " + std::to_string(st.comp_size) + ")");
      continue;
    }
    entries.push_back({i, name, st.size, st.comp_size});
  }
  if (declared_total > limits.max_total_bytes)
    add_problem(out, "",
                "the bundle would unpack to " + std::to_string(declared_total) + " bytes; the limit is " +
                    std::to_string(limits.max_total_bytes >> 20) + " MiB");
  return entries;
}

// Every entry's bytes, counting what inflates: the headers may lie. Stops
// at the first entry that cannot be read or breaks a limit.
std::optional<EntryBytes> read_entries(zip_t* za, const std::vector<DeclaredEntry>& entries, const BundleLimits& limits,
                                       BundleContents& out) {
  EntryBytes all;
  std::uint64_t total = 0;
  for (const auto& e : entries) {
    ZipFilePtr f(zip_fopen_index(za, e.index, 0));
    if (!f) {
      add_problem(out, e.name, std::string("cannot be read: ") + zip_strerror(za));
      return std::nullopt;
    }
    std::string data;
    char buf[1 << 16];
    for (;;) {
      const zip_int64_t got = zip_fread(f.get(), buf, sizeof buf);
      if (got < 0) {
        add_problem(out, e.name, std::string("cannot be read: ") + zip_file_strerror(f.get()));
        return std::nullopt;
      }
      if (got == 0) break;
      total += static_cast<std::uint64_t>(got);
      data.append(buf, static_cast<std::size_t>(got));
      if (data.size() > e.size) {
        add_problem(out, e.name, "inflates to more bytes than its header declares (" + std::to_string(e.size) + ")");
        return std::nullopt;
      }
      if (total > limits.max_total_bytes) {
        add_problem(out, e.name,
                    "the bundle unpacks to more than " + std::to_string(limits.max_total_bytes >> 20) + " MiB");
        return std::nullopt;
      }
      if (data.size() / limits.max_ratio > e.comp_size) {
        add_problem(out, e.name, "compression ratio over " + std::to_string(limits.max_ratio));
        return std::nullopt;
      }
    }
    if (data.size() != e.size) {
      add_problem(out, e.name,
                  "holds " + std::to_string(data.size()) + " bytes but its header declares " + std::to_string(e.size));
      return std::nullopt;
    }
    all.emplace(e.name, std::move(data));
  }
  return all;
}

// MANIFEST's lines as path -> SHA-256 hex, keeping its text in
// out.manifest; nullopt when there is no MANIFEST or a line is malformed.
std::optional<std::map<std::string, std::string>> read_manifest(const EntryBytes& all, BundleContents& out) {
  auto mit = all.find("MANIFEST");
  if (mit == all.end()) {
    add_problem(out, "", "no MANIFEST entry: this is not a govbench pack bundle");
    return std::nullopt;
  }
  out.manifest = mit->second;
  if (!out.manifest.starts_with(kManifestHeader)) {
    add_problem(out, "MANIFEST",
                "does not start with '" + std::string(kManifestHeader.substr(0, kManifestHeader.size() - 1)) + "'");
    return std::nullopt;
  }
  // Each line: 64 hex digits, two spaces, the path.
  std::map<std::string, std::string> listed;
  std::size_t pos = kManifestHeader.size(), line_no = 1;
  while (pos < out.manifest.size()) {
    ++line_no;
    const std::size_t end = out.manifest.find('\n', pos);
    if (end == std::string::npos) {
      add_problem(out, "MANIFEST", "line " + std::to_string(line_no) + " has no line end");
      return std::nullopt;
    }
    const std::string line = out.manifest.substr(pos, end - pos);
    pos = end + 1;
    const bool hex_ok =
        line.size() > 66 && line.compare(64, 2, "  ") == 0 && line.find_first_not_of("0123456789abcdef") >= 64;
    if (!hex_ok) {
      add_problem(out, "MANIFEST", "line " + std::to_string(line_no) + " is not '<sha256>  <path>'");
      return std::nullopt;
    }
    const std::string path = line.substr(66);
    if (!listed.emplace(path, line.substr(0, 64)).second)
      add_problem(out, "MANIFEST", "line " + std::to_string(line_no) + ": '" + printable(path) + "' listed twice");
  }
  return listed;
}

// The entries against MANIFEST: each listed file a pack may hold, present,
// with the listed SHA-256 (out.checks); nothing unlisted; a pack.lua.
void check_listed_files(const std::map<std::string, std::string>& listed, const EntryBytes& all, BundleContents& out) {
  for (const auto& [path, hex] : listed) {
    if (!pack_file_allowed(path)) {
      add_problem(out, path, "not a file a pack may hold");
      continue;
    }
    auto it = all.find(path);
    if (it == all.end()) {
      add_problem(out, path, "listed in MANIFEST but missing from the bundle");
      continue;
    }
    const bool matches = sha256_hex(it->second) == hex;
    out.checks.push_back({path, matches});
    if (!matches) add_problem(out, path, "its content does not match the SHA-256 in MANIFEST");
  }
  for (const auto& [name, data] : all)
    if (name != "MANIFEST" && name != "SIGNATURE" && !listed.count(name))
      add_problem(out, name, "not listed in MANIFEST");
  if (!listed.count("pack.lua")) add_problem(out, "", "the bundle has no pack.lua");
}

// SIGNATURE, when there is one: its form, and whether it signs MANIFEST.
void check_signature(const EntryBytes& all, BundleContents& out) {
  auto sit = all.find("SIGNATURE");
  if (sit == all.end()) return;
  auto sig = parse_signature(sit->second);
  if (!sig) {
    out.signature = SignatureState::Invalid;
    add_problem(out, "SIGNATURE", "not in the form 'govbench-signature 1 / key ... / signature ...'");
    return;
  }
  out.signer_key = sig->public_key;
  out.signature_b64 = sig->signature;
  out.signature = signature_matches(out.manifest, *sig) ? SignatureState::Valid : SignatureState::Invalid;
  if (out.signature == SignatureState::Invalid)
    add_problem(out, "SIGNATURE", "does not match MANIFEST: the bundle was changed after it was signed");
}

// The listed files into out.files, kept only when MANIFEST and the whole
// bundle are byte for byte what make_bundle writes for them.
void take_canonical_files(std::string_view bytes, const std::map<std::string, std::string>& listed, EntryBytes& all,
                          BundleContents& out) {
  for (const auto& [path, hex] : listed) out.files.emplace(path, std::move(all[path]));
  if (file_manifest(out.files) != out.manifest) {
    add_problem(out, "MANIFEST", "is not in canonical form (sorted, one line per file)");
    out.files.clear();
    return;
  }
  // Bundles are written one way only: any other bytes (zip header fields
  // that hold no file content included) mean the bundle was altered.
  std::optional<BundleSignature> sig;
  if (out.signature == SignatureState::Valid) sig = BundleSignature{out.signer_key, out.signature_b64};
  bool canonical = false;
  try {
    canonical = make_bundle(out.files, sig) == bytes;
  } catch (const Error&) {
  }
  if (!canonical) {
    add_problem(out, "",
                "its bytes differ from what 'govbench pack build' makes of these files: the zip was altered or "
                "made by another tool");
    out.files.clear();
  }
}

}  // namespace

BundleContents inspect_bundle(std::string_view bytes, const BundleLimits& limits) {
  BundleContents out;
  const ZipPtr za = open_archive(bytes, out);
  if (!za) return out;
  const std::vector<DeclaredEntry> entries = list_entries(za.get(), limits, out);
  if (!out.ok()) return out;
  std::optional<EntryBytes> all = read_entries(za.get(), entries, limits, out);
  if (!all) return out;
  const auto listed = read_manifest(*all, out);
  if (!listed) return out;
  check_listed_files(*listed, *all, out);
  check_signature(*all, out);
  if (!out.ok()) return out;
  take_canonical_files(bytes, *listed, *all, out);
  if (!out.ok()) return out;
  out.content_id = sha256_hex(out.manifest);
  return out;
}

std::string make_bundle(const PackFiles& files, const std::optional<BundleSignature>& signature) {
  const std::string manifest = file_manifest(files);
  std::string sig_text;
  if (signature)
    sig_text =
        std::string(kSignatureHeader) + "key " + signature->public_key + "\nsignature " + signature->signature + "\n";
  std::vector<std::pair<std::string, const std::string*>> entries;
  entries.emplace_back("MANIFEST", &manifest);
  if (signature) entries.emplace_back("SIGNATURE", &sig_text);
  for (const auto& [path, bytes] : files) entries.emplace_back(path, &bytes);

  ZipErrorText err;
  ZipSourcePtr out_src(zip_source_buffer_create(nullptr, 0, 0, &err.e));
  if (!out_src) throw Error("cannot create the bundle: " + err.text());
  ZipPtr za(zip_open_from_source(out_src.get(), ZIP_TRUNCATE, &err.e));
  if (!za) throw Error("cannot create the bundle: " + err.text());
  zip_source_keep(out_src.get());  // still ours after zip_close
  for (const auto& [name, bytes] : entries) {
    zip_source_t* s = zip_source_buffer(za.get(), bytes->data(), bytes->size(), 0);
    if (!s) throw Error("cannot add " + name + " to the bundle: " + zip_strerror(za.get()));
    const zip_int64_t idx = zip_file_add(za.get(), name.c_str(), s, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
      zip_source_free(s);
      throw Error("cannot add " + name + " to the bundle: " + zip_strerror(za.get()));
    }
    const auto i = static_cast<zip_uint64_t>(idx);
    // 1980-01-01 00:00, mode 0644: the same files always give the same bytes.
    if (zip_set_file_compression(za.get(), i, ZIP_CM_DEFLATE, 9) != 0 ||
        zip_file_set_dostime(za.get(), i, 0, (0 << 9) | (1 << 5) | 1, 0) != 0 ||
        zip_file_set_external_attributes(za.get(), i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) != 0)
      throw Error("cannot set the attributes of " + name + ": " + zip_strerror(za.get()));
  }
  if (zip_close(za.get()) != 0) throw Error(std::string("cannot write the bundle: ") + zip_strerror(za.get()));
  static_cast<void>(za.release());  // zip_close freed it
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(out_src.get(), &st) != 0 || zip_source_open(out_src.get()) != 0)
    throw Error("cannot read back the bundle");
  std::string bytes(static_cast<std::size_t>(st.size), '\0');
  const zip_int64_t got = zip_source_read(out_src.get(), bytes.data(), bytes.size());
  zip_source_close(out_src.get());
  if (got != static_cast<zip_int64_t>(bytes.size())) throw Error("cannot read back the bundle");
  return bytes;
}

PackFolder read_pack_folder(const fs::path& dir) {
  auto pack = Pack::open(dir, Limits{}, {});
  if (!pack->ok()) throw Error(dir.string() + ": " + pack->errors().front().to_string());
  PackFolder out;
  out.name = pack->name();
  out.version = pack->manifest().version.to_string();
  for (const auto& [rel, text] : pack->files()) out.files.emplace(rel, *text);
  return out;
}

std::string read_file_bytes(const fs::path& path, std::uint64_t max_bytes) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw Error(path.string() + ": no such file");
  const auto size = fs::file_size(path, ec);
  if (ec) throw Error(path.string() + ": " + ec.message());
  if (size > max_bytes) throw Error(path.string() + ": larger than " + std::to_string(max_bytes >> 20) + " MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path.string() + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

}  // namespace gb::script

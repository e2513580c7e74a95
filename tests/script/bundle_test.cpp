// Pack bundles: reproducible builds, hostile entries, signatures, the
// trust store, lock files and remembered permissions.
#include "script/bundle.hpp"

#include <zip.h>

#include <catch2/catch.hpp>

#include "script/lock_file.hpp"
#include "script/permissions.hpp"
#include "script/signing.hpp"
#include "support.hpp"

using namespace gb::script;
namespace fs = std::filesystem;

namespace {

struct RawEntry {
  std::string name;
  std::string data;
  zip_uint32_t mode = 0100644;
  bool store = false;  // no compression
};

// A zip built directly with libzip, so the tests can make what govbench
// never would.
std::string raw_zip(const std::vector<RawEntry>& entries) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  REQUIRE(za);
  zip_source_keep(src);
  for (const auto& e : entries) {
    zip_source_t* s = zip_source_buffer(za, e.data.data(), e.data.size(), 0);
    const zip_int64_t i = zip_file_add(za, e.name.c_str(), s, ZIP_FL_ENC_RAW);
    REQUIRE(i >= 0);
    zip_set_file_compression(za, static_cast<zip_uint64_t>(i), e.store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9);
    zip_file_set_external_attributes(za, static_cast<zip_uint64_t>(i), 0, ZIP_OPSYS_UNIX, e.mode << 16);
  }
  REQUIRE(zip_close(za) == 0);
  zip_stat_t st;
  zip_stat_init(&st);
  zip_source_stat(src, &st);
  zip_source_open(src);
  std::string bytes(st.size, '\0');
  zip_source_read(src, bytes.data(), bytes.size());
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&err);
  return bytes;
}

const PackFiles kFiles = {
    {"pack.lua", "return { name = \"shared-demo\", version = \"1.2.0\", api = 1, title = \"Shared\" }\n"},
    {"lib/util.lua", "return { twice = function(x) return 2 * x end }\n"},
    {"indicators/a.lua", "-- nothing yet\n"},
};

// A correctly formed bundle (manifest and hashes) with extra entries.
std::vector<RawEntry> valid_entries() {
  std::vector<RawEntry> out{{"MANIFEST", file_manifest(kFiles)}};
  for (const auto& [p, d] : kFiles) out.push_back({p, d});
  return out;
}

bool mentions(const BundleContents& b, const std::string& text) {
  for (const auto& p : b.problems)
    if (p.find(text) != std::string::npos) return true;
  return false;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  REQUIRE(from.size() == to.size());
  std::size_t n = 0;
  for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + 1), ++n)
    s.replace(pos, from.size(), to);
  REQUIRE(n > 0);
}

}  // namespace

TEST_CASE("a bundle round-trips its files and is byte-for-byte reproducible", "[bundle]") {
  const std::string a = make_bundle(kFiles), b = make_bundle(kFiles);
  CHECK(a == b);
  const BundleContents c = inspect_bundle(a);
  REQUIRE(c.ok());
  CHECK(c.files == kFiles);
  CHECK(c.signature == SignatureState::Unsigned);
  CHECK(c.content_id == content_id(kFiles));
  CHECK(c.checks.size() == kFiles.size());
  // A different file gives a different bundle and content id.
  PackFiles other = kFiles;
  other["indicators/a.lua"] = "-- changed\n";
  CHECK(make_bundle(other) != a);
  CHECK(content_id(other) != content_id(kFiles));
}

TEST_CASE("building a pack folder twice gives identical bytes, whatever the files' times and modes", "[bundle]") {
  gbtest::TempDir tmp;
  const auto dir =
      gbtest::write_pack(tmp.path(), "shared-demo", {{"lib/util.lua", "return {}\n"}, {"notes.txt", "ignored"}});
  const auto first = make_bundle(read_pack_folder(dir).files);
  fs::last_write_time(dir / "lib" / "util.lua", fs::file_time_type::clock::now() - std::chrono::hours(100));
  fs::permissions(dir / "pack.lua", fs::perms::owner_all);
  const auto second = make_bundle(read_pack_folder(dir).files);
  CHECK(first == second);
  const auto c = inspect_bundle(first);
  REQUIRE(c.ok());
  CHECK(c.files.count("notes.txt") == 0);  // only files the loader reads are bundled
}

TEST_CASE("changing any one byte of a bundle's file data is caught", "[bundle]") {
  const std::string good = make_bundle(kFiles);
  // Change each byte of a file's stored data (here: flip the content of the
  // MANIFEST entry and of pack.lua as they are stored).
  for (const std::string name : {"pack.lua", "MANIFEST"}) {
    std::string bad = good;
    const auto at = bad.find(name) + name.size() + 2;  // inside the entry's data
    bad[at] = static_cast<char>(bad[at] ^ 0x01);
    CHECK_FALSE(inspect_bundle(bad).ok());
  }
  // A hash in MANIFEST that does not match the file.
  auto entries = valid_entries();
  std::string manifest = file_manifest(kFiles);
  const auto h = manifest.find('\n') + 1;
  manifest[h] = manifest[h] == '0' ? '1' : '0';
  entries[0].data = manifest;
  const auto c = inspect_bundle(raw_zip(entries));
  CHECK_FALSE(c.ok());
  CHECK(mentions(c, "does not match the SHA-256"));
  bool one_changed = false;
  for (const auto& check : c.checks) one_changed = one_changed || !check.matches;
  CHECK(one_changed);
}

TEST_CASE("hostile entry names are refused", "[bundle]") {
  for (const std::string name : {"../evil.lua", "lib/../../evil.lua", "/etc/passwd", "lib\\evil.lua", "C:/evil.lua",
                                 "lib//a.lua", "./pack.lua", "lib/"}) {
    auto entries = valid_entries();
    entries.push_back({name, "x"});
    const auto c = inspect_bundle(raw_zip(entries));
    INFO(name);
    CHECK_FALSE(c.ok());
    CHECK(c.files.empty());
    CHECK(mentions(c, "entry '"));
  }
}

TEST_CASE("symbolic links and other non-regular entries are refused", "[bundle]") {
  for (zip_uint32_t mode : {0120777u, 0040755u, 0020644u, 0010644u}) {
    auto entries = valid_entries();
    entries.push_back({"lib/link.lua", "/etc/passwd", mode});
    const auto c = inspect_bundle(raw_zip(entries));
    CHECK_FALSE(c.ok());
    CHECK(mentions(c, mode == 0120777u ? "symbolic link" : "regular file"));
  }
}

TEST_CASE("duplicate and non-UTF-8 names are refused", "[bundle]") {
  auto entries = valid_entries();
  entries.push_back({"lib/utix.lua", "return 1\n"});
  std::string dup = raw_zip(entries);
  replace_all(dup, "lib/utix.lua", "lib/util.lua");  // now the zip holds lib/util.lua twice
  const auto d = inspect_bundle(dup);
  INFO((d.problems.empty() ? std::string("ok") : d.problems.front()));
  CHECK(mentions(d, "duplicate entry"));

  auto e2 = valid_entries();
  e2.push_back({"lib/X.lua", "return 1\n"});
  std::string bad = raw_zip(e2);
  replace_all(bad, "lib/X.lua", std::string("lib/\xff.lua"));
  const auto c = inspect_bundle(bad);
  CHECK(mentions(c, "not valid UTF-8"));
  CHECK(mentions(c, "\\xFF"));  // the name is printed safely
}

TEST_CASE("zip bombs are refused: ratio, declared size, inflated size, entry count", "[bundle]") {
  SECTION("compression ratio over 100") {
    auto entries = valid_entries();
    entries.push_back({"fixtures/zeros.csv", std::string(4 << 20, '0')});
    const auto c = inspect_bundle(raw_zip(entries));
    CHECK(mentions(c, "compression ratio over 100"));
  }
  SECTION("more than 50 MiB uncompressed, declared") {
    auto entries = valid_entries();
    entries.push_back({"fixtures/big.csv", std::string((50u << 20) + 1, 'x'), 0100644, true});
    const auto c = inspect_bundle(raw_zip(entries));
    CHECK(mentions(c, "50 MiB"));
  }
  SECTION("a header that understates the size is caught while inflating") {
    auto entries = valid_entries();
    std::string text;
    for (int i = 0; text.size() < 300000; ++i) text += std::to_string(i * 7919 % 100003) + ",";
    entries.push_back({"fixtures/lie.csv", text});
    std::string bytes = raw_zip(entries);
    // Patch the uncompressed size (local header +22, central header +24) of that entry to 1000.
    const std::uint32_t real = static_cast<std::uint32_t>(text.size());
    std::string le(4, '\0'), small(4, '\0');
    for (int i = 0; i < 4; ++i) {
      le[static_cast<std::size_t>(i)] = static_cast<char>((real >> (8 * i)) & 0xff);
      small[static_cast<std::size_t>(i)] = static_cast<char>((1000u >> (8 * i)) & 0xff);
    }
    replace_all(bytes, le, small);
    const auto c = inspect_bundle(bytes);
    CHECK_FALSE(c.ok());
    CHECK(c.files.empty());
  }
  SECTION("more than 10,000 entries") {
    std::vector<RawEntry> entries = valid_entries();
    for (int i = 0; i < 10000; ++i) entries.push_back({"docs/" + std::to_string(i) + ".md", "", 0100644, true});
    const auto c = inspect_bundle(raw_zip(entries));
    CHECK(mentions(c, "too many entries"));
  }
  SECTION("the limits are parameters") {
    BundleLimits small;
    small.max_total_bytes = 100;
    CHECK(mentions(inspect_bundle(make_bundle(kFiles), small), "MiB"));
  }
}

TEST_CASE("not a zip, or a zip without MANIFEST, is refused with a clear message", "[bundle]") {
  CHECK(mentions(inspect_bundle("hello"), "not a valid zip"));
  CHECK(mentions(inspect_bundle(""), "empty file"));
  CHECK(mentions(inspect_bundle(raw_zip({{"pack.lua", "return {}"}})), "no MANIFEST"));
  auto entries = valid_entries();
  entries.push_back({"lib/extra.lua", "return 1"});  // not listed
  CHECK(mentions(inspect_bundle(raw_zip(entries)), "not listed in MANIFEST"));
}

TEST_CASE("a signature covers the manifest, a changed manifest breaks it", "[bundle][sign]") {
  const KeyPair k = generate_keypair();
  const std::string signed_bundle = sign_bundle(make_bundle(kFiles), k);
  CHECK(signed_bundle == sign_bundle(make_bundle(kFiles), k));  // Ed25519 is deterministic
  const auto c = inspect_bundle(signed_bundle);
  REQUIRE(c.ok());
  CHECK(c.signature == SignatureState::Valid);
  CHECK(c.signer_key == k.public_key);

  // Re-signing with another key replaces the signature.
  const KeyPair other = generate_keypair();
  CHECK(inspect_bundle(sign_bundle(signed_bundle, other)).signer_key == other.public_key);

  // Someone swaps a file and rewrites MANIFEST but keeps the old SIGNATURE.
  PackFiles changed = kFiles;
  changed["lib/util.lua"] = "return { twice = function(x) return 3 * x end }\n";
  const auto forged = inspect_bundle(make_bundle(changed, BundleSignature{c.signer_key, c.signature_b64}));
  CHECK_FALSE(forged.ok());
  CHECK(forged.signature == SignatureState::Invalid);
  CHECK(mentions(forged, "changed after it was signed"));
}

TEST_CASE("key files and the trust store", "[sign]") {
  gbtest::TempDir tmp;
  const KeyPair k = generate_keypair();
  write_keypair(k, tmp / "team.key", tmp / "team.pub");
  CHECK((fs::status(tmp / "team.key").permissions() & fs::perms::group_read) == fs::perms::none);
  CHECK(read_secret_key(tmp / "team.key").public_key == k.public_key);
  CHECK_THROWS_WITH(write_keypair(k, tmp / "team.key", tmp / "team.pub"), Catch::Contains("already exists"));
  CHECK(parse_public_key((tmp / "team.pub").string()) == k.public_key);
  CHECK(parse_public_key(k.public_key) == k.public_key);
  CHECK_THROWS_WITH(parse_public_key("not-a-key"), Catch::Contains("neither a public key"));

  TrustStore s = TrustStore::load(tmp / "cfg" / "trusted-keys");
  s.add("team-a", k.public_key);
  CHECK_THROWS_WITH(s.add("team-b", k.public_key), Catch::Contains("already trusted as 'team-a'"));
  s.save();
  TrustStore again = TrustStore::load(tmp / "cfg" / "trusted-keys");
  CHECK(again.name_of(k.public_key) == std::optional<std::string>("team-a"));
  CHECK(again.remove("team-a"));
  CHECK_FALSE(again.name_of(k.public_key));
  gbtest::write_file(tmp / "bad", "team only-one-field\n");
  CHECK_THROWS_WITH(TrustStore::load(tmp / "bad"), Catch::Contains("bad:1"));
}

TEST_CASE("lock files round-trip and reject malformed lines", "[lock]") {
  gbtest::TempDir tmp;
  LockFile lock;
  lock.set({"met-extra", "1.2.0", std::string(64, 'a'), "bundles/met-extra-1.2.0.gbpack"});
  lock.set({"alpha", "0.1.0", std::string(64, 'b'), "/abs/path with space/alpha.gbpack"});
  lock.save(tmp / "packs.lock");
  const auto back = LockFile::load(tmp / "packs.lock");
  REQUIRE(back.entries().size() == 2);
  CHECK(back.entries()[0].name == "alpha");
  CHECK(back.find("alpha")->source == "/abs/path with space/alpha.gbpack");
  gbtest::write_file(tmp / "bad.lock", "met-extra 1.2 abc src\n");
  CHECK_THROWS_WITH(LockFile::load(tmp / "bad.lock"), Catch::Contains("bad.lock:1"));
}

TEST_CASE("a permission answer is remembered per pack and content, a changed pack asks again", "[permissions]") {
  gbtest::TempDir tmp;
  const auto path = tmp / "pack-permissions";
  PermissionStore s = PermissionStore::load(path);
  const std::string v1 = content_id(kFiles);
  PackFiles changed = kFiles;
  changed["lib/util.lua"] = "return {}\n";
  const std::string v2 = content_id(changed);
  CHECK_FALSE(s.answer("shared-demo", v1, "write:notes"));
  s.remember("shared-demo", v1, "write:notes", PermissionAnswer::Always);
  s.save();
  const auto back = PermissionStore::load(path);
  CHECK(back.answer("shared-demo", v1, "write:notes") == PermissionAnswer::Always);
  CHECK_FALSE(back.answer("shared-demo", v2, "write:notes"));  // changed pack: ask again
  CHECK_FALSE(back.answer("other-pack", v1, "write:notes"));
  s.remember("shared-demo", v2, "write:notes", PermissionAnswer::Once);  // not remembered
  CHECK_FALSE(s.answer("shared-demo", v2, "write:notes"));
  s.remember("shared-demo", v2, "write:notes", PermissionAnswer::Deny);
  CHECK(s.answer("shared-demo", v2, "write:notes") == PermissionAnswer::Deny);
}

TEST_CASE("every single-byte change of a signed bundle is refused", "[bundle][sign]") {
  const KeyPair k = generate_keypair();
  const std::string good = sign_bundle(make_bundle(kFiles), k);
  REQUIRE(inspect_bundle(good).ok());
  std::vector<std::size_t> accepted;
  for (std::size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    if (inspect_bundle(bad).ok()) accepted.push_back(i);
  }
  CHECK(accepted.empty());
}

TEST_CASE("a zip with the right files and hashes but made another way is refused", "[bundle]") {
  // raw_zip leaves libzip's own times in the headers: no file content differs.
  const auto c = inspect_bundle(raw_zip(valid_entries()));
  CHECK_FALSE(c.ok());
  CHECK(mentions(c, "differ from what 'govbench pack build' makes"));
  CHECK(c.files.empty());
}

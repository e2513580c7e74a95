// Sharing packs: pack build, keygen, sign, verify, install, update, remove,
// and the trust command (the signing keys this user trusts).
#include "app/commands_bundles.hpp"

#include <unistd.h>

#include <iostream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "data/db.hpp"
#include "script/bundle.hpp"
#include "script/install.hpp"
#include "script/lock_file.hpp"
#include "script/pack_set.hpp"
#include "script/permissions.hpp"
#include "script/signing.hpp"

namespace gb::app {

namespace fs = std::filesystem;
using namespace gb::script;

namespace {

void expect_args(const Args& a, std::size_t n, const char* usage) {
  if (a.positional().size() != n + 1) throw UsageError(std::string("usage: govbench pack ") + usage);
}

// Where installs go and what else satisfies dependencies.
struct Target {
  fs::path packs;
  std::optional<fs::path> workspace;
  std::vector<std::pair<fs::path, std::string>> others;
};

Target target_of(const Args& a) {
  Target t;
  t.others.emplace_back(bundled_packs_dir(), "bundled");
  if (auto w = a.get("--workspace")) {
    t.workspace = fs::path(*w);
    t.packs = *t.workspace / "packs";
    t.others.emplace_back(user_packs_dir(), "installed");
  } else {
    t.packs = user_packs_dir();
  }
  for (const auto& d : a.all("--packs")) t.others.emplace_back(d, "--packs");
  return t;
}

fs::path lock_path(const fs::path& workspace) {
  return workspace / "packs.lock";
}

// The source as the lock file records it: relative to the workspace when inside it.
std::string lock_source(const fs::path& workspace, const fs::path& source) {
  std::error_code ec;
  const auto ws = fs::weakly_canonical(workspace, ec);
  const auto src = fs::weakly_canonical(source, ec);
  const auto rel = src.lexically_relative(ws);
  if (!rel.empty() && !rel.generic_string().starts_with("..")) return rel.generic_string();
  return src.string();
}

std::string signature_label(const PackSource& s) {
  if (s.signer) return "signed by " + *s.signer;
  if (s.signature == SignatureState::Valid)
    return "UNSIGNED (signed by an untrusted key " + key_fingerprint(s.signer_key) + "...)";
  return "UNSIGNED";
}

// Shown before anything is moved into place: what the pack is, what it
// needs and what it asks to do. Asks about permissions.
bool confirm_install(const Args& a, const PackManifest& m, const PackSource& src) {
  std::cout << m.name << " " << m.version.to_string() << (m.title.empty() ? "" : " - " + m.title) << "\n"
            << "  " << signature_label(src) << ", content " << src.content_id.substr(0, 16) << "...\n";
  for (const auto& [dep, range] : m.requires_) std::cout << "  requires " << dep << " " << range.to_string() << "\n";
  if (auto db_path = a.get("--db")) {
    data::Db db = data::Db::open(*db_path, data::OpenMode::ReadOnly);
    const auto missing = missing_data(m, db);
    if (!missing.empty()) {
      std::string why;
      for (const auto& s : missing) why += "\n  " + s;
      throw Error("pack '" + m.name + "' needs data that " + *db_path + " does not have:" + why);
    }
    std::cout << "  data: everything it needs is in " << *db_path << "\n";
  }
  if (m.permissions.empty()) return true;
  PermissionStore store = PermissionStore::load();
  for (const auto& p : m.permissions) {
    std::cout << "  asks for permission: " << p << "\n";
    std::optional<PermissionAnswer> answer;
    if (auto given = a.get("--permissions")) {
      answer = parse_permission_answer(*given);
      if (!answer) throw UsageError("--permissions must be once, always or deny");
    } else if (isatty(0)) {
      std::cout << "  allow " << m.name << " to " << p << "? [o]nce, [a]lways, [d]eny: " << std::flush;
      std::string line;
      std::getline(std::cin, line);
      answer = line.starts_with("a")   ? PermissionAnswer::Always
               : line.starts_with("o") ? PermissionAnswer::Once
                                       : PermissionAnswer::Deny;
    }
    if (!answer) {
      std::cout << "    not answered: the pack runs ('--permissions deny' or the Packs panel stops it)\n";
      continue;
    }
    store.remember(m.name, src.content_id, p, *answer);
    std::cout << "    " << permission_answer_name(*answer)
              << (*answer == PermissionAnswer::Deny ? ": the pack is installed but does not run" : "") << "\n";
  }
  store.save();
  return true;
}

}  // namespace

int install_checked_source(const Args& a, const PackSource& src, bool update, const LockEntry* locked,
                           const std::string& lock_source_text) {
  const Target t = target_of(a);
  InstallOptions opt;
  opt.target = t.packs;
  opt.other_sources = t.others;
  opt.allow_unsigned = a.has("--allow-unsigned");
  opt.replace = update || locked;
  opt.must_be_installed = update;
  opt.allow_downgrade = a.has("--allow-downgrade");
  opt.allow_breaking = a.has("--allow-breaking");
  if (locked) {
    opt.expect_content_id = locked->content_id;
    opt.expect_version = locked->version;
  }
  opt.confirm = [&](const PackManifest& m, const PackSource& s) { return confirm_install(a, m, s); };
  const InstallSummary s = install_pack(src, opt);
  if (s.unchanged) {
    std::cout << s.name << " " << s.version << " is already installed with this content\n";
    // Installing the same content again with --permissions answers again.
    if (a.has("--permissions")) {
      auto pack = Pack::open(s.dir, Limits{}, {});
      if (pack->ok()) confirm_install(a, pack->manifest(), src);
    }
  } else if (!s.previous_version.empty()) {
    std::cout << "updated " << s.name << " " << s.previous_version << " -> " << s.version << " in " << s.dir.string()
              << (src.signer ? "" : " (UNSIGNED)") << "\n";
  } else {
    std::cout << "installed " << s.name << " " << s.version << " in " << s.dir.string()
              << (src.signer ? "" : " (UNSIGNED)") << "\n";
  }
  if (!locked && t.workspace) {
    LockFile lock = LockFile::load(lock_path(*t.workspace));
    lock.set({s.name, s.version, s.content_id, lock_source_text});
    lock.save(lock_path(*t.workspace));
  }
  return 0;
}

namespace {

int install_one(const Args& a, const Target& t, const fs::path& source, bool update, const LockEntry* locked) {
  const PackSource src = read_pack_source(source, TrustStore::load());
  return install_checked_source(a, src, update, locked, t.workspace ? lock_source(*t.workspace, source) : "");
}

int install_locked(const Args& a, const Target& t) {
  if (!t.workspace) throw UsageError("--locked installs a workspace's lock file: give --workspace DIR");
  const fs::path lp = lock_path(*t.workspace);
  std::error_code ec;
  if (!fs::exists(lp, ec)) throw Error(lp.string() + ": no lock file");
  const LockFile lock = LockFile::load(lp);
  int failures = 0;
  for (const auto& e : lock.entries()) {
    fs::path source = e.source;
    if (source.is_relative()) source = *t.workspace / source;
    try {
      if (install_locked_from_hub(a, e) < 0) install_one(a, t, source, false, &e);
    } catch (const std::exception& ex) {
      print_error("pack", e.name + ": " + ex.what());
      ++failures;
    }
  }
  for (const auto& d : fs::directory_iterator(t.packs, ec)) {
    const auto n = d.path().filename().string();
    if (!n.starts_with(".") && !lock.find(n))
      std::cout << "note: " << n << " is installed but not in " << lp.string() << "\n";
  }
  std::cout << lock.entries().size() - static_cast<std::size_t>(failures) << " of " << lock.entries().size()
            << " locked packs in place\n";
  return failures ? 1 : 0;
}

int pack_build(const Args& a) {
  expect_args(a, 1, "build DIR [-o FILE.gbpack]");
  const PackFolder folder = read_pack_folder(a.positional()[1]);
  const fs::path out = a.get("-o").value_or(folder.name + "-" + folder.version + ".gbpack");
  const std::string bytes = make_bundle(folder.files);
  write_file_atomically(out, bytes, {.mode = {}, .create_directories = true});
  // With -o - (or a device) the bundle is the output: the note goes to stderr.
  std::ostream& note = is_stream_output(out) ? std::cerr : std::cout;
  note << "wrote " << out.string() << ": " << folder.name << " " << folder.version << ", " << folder.files.size()
       << " files, content " << content_id(folder.files).substr(0, 16) << "... (unsigned; see 'govbench pack sign')\n";
  return 0;
}

int pack_keygen(const Args& a) {
  expect_args(a, 0, "keygen -o NAME");
  const fs::path base = a.require("-o");
  const KeyPair keys = generate_keypair();
  const fs::path secret = base.string() + ".key", pub = base.string() + ".pub";
  write_keypair(keys, secret, pub);
  std::cout << "secret key: " << secret.string() << " (keep it private)\n"
            << "public key: " << pub.string() << "\n"
            << keys.public_key << "\n"
            << "others trust it with: govbench trust add NAME " << keys.public_key << "\n";
  return 0;
}

int pack_sign(const Args& a) {
  expect_args(a, 1, "sign BUNDLE --key KEY [-o OUT]");
  const fs::path bundle = a.positional()[1];
  const KeyPair keys = read_secret_key(a.require("--key"));
  const std::string signed_bytes = sign_bundle(read_file_bytes(bundle), keys);
  const fs::path out = a.get("-o").value_or(bundle.string());
  write_file_atomically(out, signed_bytes, {.mode = {}, .create_directories = true});
  (is_stream_output(out) ? std::cerr : std::cout)
      << "signed " << out.string() << " with key " << keys.public_key << "\n";
  return 0;
}

int pack_verify(const Args& a) {
  expect_args(a, 1, "verify BUNDLE");
  const fs::path bundle = a.positional()[1];
  const BundleContents b = inspect_bundle(read_file_bytes(bundle));
  const TrustStore trust = TrustStore::load();
  switch (b.signature) {
    case SignatureState::Unsigned:
      std::cout << "signature: none (unsigned)\n";
      break;
    case SignatureState::Invalid:
      std::cout << "signature: INVALID (key " << b.signer_key << ")\n";
      break;
    case SignatureState::Valid:
      if (auto name = trust.name_of(b.signer_key))
        std::cout << "signature: valid, signed by " << *name << " (" << b.signer_key << ")\n";
      else
        std::cout << "signature: valid, but by an UNTRUSTED key " << b.signer_key << "\n";
      break;
  }
  for (const auto& c : b.checks) std::cout << (c.matches ? "ok       " : "CHANGED  ") << c.path << "\n";
  for (const auto& p : b.problems) std::cout << "PROBLEM  " << p << "\n";
  if (b.ok()) std::cout << "all " << b.files.size() << " files match the manifest; content " << b.content_id << "\n";
  if (!b.ok()) return 1;
  // Whether it is good to install, as install decides: signed by a key you
  // trust, or --allow-unsigned for a bundle whose files match but whose
  // signer is missing or not trusted.
  const bool trusted = b.signature == SignatureState::Valid && trust.name_of(b.signer_key);
  if (trusted) return 0;
  if (b.signature == SignatureState::Invalid) return 1;
  if (a.has("--allow-unsigned")) {
    std::cout << "not signed by a key you trust; accepted because of --allow-unsigned\n";
    return 0;
  }
  std::cerr
      << "govbench: pack verify: " << bundle.string()
      << (b.signature == SignatureState::Unsigned ? " is not signed" : " is signed by a key you do not trust")
      << ": exit status 1 (its files match; 'govbench trust add' trusts a team's key, --allow-unsigned accepts it "
         "as it is)\n";
  return 1;
}

int pack_remove(const Args& a) {
  expect_args(a, 1, "remove NAME [--workspace DIR]");
  const Target t = target_of(a);
  const std::string name = a.positional()[1];
  remove_pack(t.packs, name, t.others);
  if (t.workspace) {
    LockFile lock = LockFile::load(lock_path(*t.workspace));
    lock.erase(name);
    lock.save(lock_path(*t.workspace));
  }
  std::cout << "removed " << name << " from " << t.packs.string() << "\n";
  return 0;
}

}  // namespace

int run_bundle_subcommand(const std::string& sub, const Args& a) {
  if (const int rc = run_hub_pack_subcommand(sub, a); rc >= 0) return rc;
  if (sub == "build") return pack_build(a);
  if (sub == "keygen") return pack_keygen(a);
  if (sub == "sign") return pack_sign(a);
  if (sub == "verify") return pack_verify(a);
  if (sub == "remove") return pack_remove(a);
  const Target t = target_of(a);
  if (sub == "install") {
    if (a.has("--locked")) {
      if (a.positional().size() != 1)
        throw UsageError("pack install --locked takes no BUNDLE: it installs what the lock file says");
      return install_locked(a, t);
    }
    expect_args(a, 1, "install BUNDLE|DIR [--workspace DIR] [--allow-unsigned] [--allow-breaking]");
    return install_one(a, t, a.positional()[1], false, nullptr);
  }
  if (sub == "update") {
    expect_args(a, 1, "update BUNDLE|DIR [--workspace DIR] [--allow-unsigned] [--allow-downgrade] [--allow-breaking]");
    return install_one(a, t, a.positional()[1], true, nullptr);
  }
  return -1;
}

std::string pack_signature_label(const PackEntry& e) {
  if (e.origin == "bundled") return "bundled";
  // The loader checked the recorded signature against the files it read.
  if (e.trust.starts_with("signed by ")) return "signed:" + e.trust.substr(10);
  return "UNSIGNED";
}

std::map<std::string, std::string> pack_sub_help() {
  return {
      {"build", R"(usage: govbench pack build DIR [-o NAME-VERSION.gbpack]

Bundles the pack folder DIR: a zip of the files the loader reads (pack.lua,
README.md, indicators/ rules/ views/ lib/ tests/ *.lua, fixtures/ *.csv|sql,
docs/ *.md) and a MANIFEST with each file's SHA-256. The same folder always
gives the same bytes (sorted entries, fixed times and modes). The pack must
have a valid pack.lua. Default output: NAME-VERSION.gbpack here; with -o -
(or /dev/stdout, a pipe) the bundle is written to it as a stream.
)"},
      {"keygen", R"(usage: govbench pack keygen -o NAME

Makes an Ed25519 signing key pair: NAME.key (secret, mode 0600; keep it
private) and NAME.pub (share it; others run 'govbench trust add TEAM NAME.pub').
Never overwrites an existing key.
)"},
      {"sign", R"(usage: govbench pack sign BUNDLE --key NAME.key [-o OUT]

Signs the bundle's file manifest with the secret key (replacing any earlier
signature). Writes OUT, or BUNDLE itself (atomically).
)"},
      {"verify", R"(usage: govbench pack verify BUNDLE [--allow-unsigned]

Checks a bundle without installing it: every entry (paths, types, sizes,
compression), each file against its SHA-256 in the manifest, and the
signature. Prints who signed it (the name you trust the key under, or
UNTRUSTED) and a line per file.

Exits 0 only when every file matches and the bundle is signed by a key you
trust ('govbench trust add'), as 'pack install' requires; 1 when anything
does not match, the signature is invalid, or the signer is missing or not
trusted. With --allow-unsigned, a bundle whose files match but whose
signer is missing or untrusted exits 0 (as install --allow-unsigned would
take it); an invalid signature never does.
)"},
      {"install", R"(usage: govbench pack install BUNDLE|DIR [--workspace DIR] [--allow-unsigned]
                            [--db FILE] [--permissions once|always|deny] [--allow-breaking]
       govbench pack install --locked --workspace DIR [--db FILE]
       govbench pack install NAME[@RANGE] --from-hub --db FILE [the options above]

Installs a pack into your packs folder ($XDG_DATA_HOME/govbench/packs), or
with --workspace into DIR/packs (recording it in DIR/packs.lock). A bundle
is checked before anything is written; its dependencies ('requires') must
be installed in versions that satisfy the ranges, and packs that require
it must accept its version. Only bundles signed by a key you trust install
without --allow-unsigned; others (and folders) are marked UNSIGNED wherever
packs are listed. The new pack is loaded beside the others before it is
moved into place, in one step.

Ids are owned: when two packs define the same indicator, rule or view id,
a bundled pack owns it first, then a pack installed from a bundle signed by
a key you trust, then the pack that loads first; the other pack does not
load, and 'govbench check' names both. An install is refused when the new
pack would not load because of this, or when it would stop a pack that
loads today (it ranks before that pack and takes its ids), naming them.

  --db FILE        refuse if the database lacks the tables or columns the
                   pack's 'data' needs, naming them
  --permissions A  the answer to the permissions the pack asks for (shown
                   before installing): once, always or deny. Without it you
                   are asked on a terminal; answers are remembered per pack
                   and content, so a changed pack asks again. A pack with a
                   denied permission is installed but never run: it is
                   listed as FAILED with 'not run: you denied ...'
  --locked         install exactly the versions and content in
                   DIR/packs.lock, from the sources it records
  --allow-breaking install even though a pack that loads today would stop
                   loading (it is listed as FAILED, naming this pack)
  --from-hub       install NAME from the team's pack registry on the hub of
                   the team replica --db FILE ('pack publish' puts packs
                   there): the highest published version that RANGE admits
                   (^1.2, ~1.2.3, >=1.0 <2, 1.4.0; none: the latest), with
                   exactly the checks of a bundle file (signature by a key
                   you trust, api level, dependencies, data). Prints the
                   version and who published it. With --workspace, the lock
                   file records hub:NAME@VERSION; install --locked fetches it
                   again from the hub of --db FILE.

examples:
  govbench pack install my-gap-1.0.0.gbpack
  govbench pack install my-gap@^1.0 --from-hub --db team.db
)"},
      {"update", R"(usage: govbench pack update BUNDLE|DIR [--workspace DIR] [--allow-unsigned]
                         [--allow-downgrade] [--allow-breaking] [--db FILE]
       govbench pack update NAME[@RANGE] --from-hub --db FILE [the options above]

Replaces an installed pack with the version in BUNDLE. The old version stays
in place until the new one has loaded cleanly beside the other packs; the
swap is one atomic step and is undone if the new version does not read back.

  --allow-downgrade  replace the installed version with an older one; without
                     it an older bundle is refused, naming both versions
  --allow-breaking   as for install: replace it even though another pack
                     would stop loading
  --from-hub         NAME[@RANGE] instead of BUNDLE: the highest version on the
                     team's hub of the replica --db FILE that RANGE admits
                     (see 'pack install --help')
)"},
      {"remove", R"(usage: govbench pack remove NAME [--workspace DIR]

Removes an installed pack (refused while another pack requires it).
)"},
  };
}

namespace {

int cmd_trust(const Args& a) {
  if (a.positional().empty()) throw UsageError("missing subcommand (add, list or remove)");
  const std::string sub = a.positional().front();
  TrustStore store = TrustStore::load();
  if (sub == "list") {
    if (a.positional().size() != 1) throw UsageError("'trust list' takes no arguments");
    if (store.keys().empty()) std::cout << "no trusted keys (" << TrustStore::default_path().string() << ")\n";
    for (const auto& k : store.keys()) std::cout << k.name << "  " << k.public_key << "\n";
    return 0;
  }
  if (sub == "add") {
    if (a.positional().size() != 3) throw UsageError("usage: govbench trust add NAME PUBKEY|FILE.pub");
    const std::string key = parse_public_key(a.positional()[2]);
    store.add(a.positional()[1], key);
    store.save();
    std::cout << "trusted " << a.positional()[1] << " (" << key << ")\n";
    return 0;
  }
  if (sub == "remove") {
    if (a.positional().size() != 2) throw UsageError("usage: govbench trust remove NAME");
    if (!store.remove(a.positional()[1])) throw Error("no trusted key named '" + a.positional()[1] + "'");
    store.save();
    std::cout << "no longer trusted: " << a.positional()[1] << "\n";
    return 0;
  }
  throw UsageError("unknown subcommand '" + sub + "' (available: add, list, remove)");
}

}  // namespace

void register_trust_commands(std::vector<Command>& out) {
  const char* add_help = R"(usage: govbench trust add NAME PUBKEY|FILE.pub

Trusts a team's signing key under NAME: bundles it signed install without
--allow-unsigned and are listed as signed by NAME.
)";
  out.push_back({"trust",
                 "the signing keys of the teams you trust: add, list, remove",
                 R"(usage: govbench trust add NAME PUBKEY|FILE.pub
       govbench trust list
       govbench trust remove NAME

The public keys whose signatures you accept on pack bundles, kept in
$XDG_CONFIG_HOME/govbench/trusted-keys (~/.config/govbench/trusted-keys).
)",
                 {},
                 1,
                 3,
                 cmd_trust,
                 {{"add", add_help},
                  {"list", "usage: govbench trust list\n\nPrints each trusted key: NAME and the key.\n"},
                  {"remove", "usage: govbench trust remove NAME\n\nStops trusting the key named NAME.\n"}}});
}

}  // namespace gb::app

// Team mode's workflows (sync.hpp): init, join, sync, and signatures.
#include "team/sync.hpp"

#include <libpq-fe.h>
#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "core/atomic_file.hpp"
#include "data/migrations.hpp"
#include "script/signing.hpp"

namespace gb::team {

namespace fs = std::filesystem;

namespace {

void need_sodium() {
  if (sodium_init() < 0) throw Error("cannot start libsodium");
}

std::string b64(const std::string& bin) {
  std::string out(sodium_base64_ENCODED_LEN(bin.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bin.data()), bin.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> unb64(const std::string& text, std::size_t want) {
  std::string out(want, '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.c_str(), text.size(), " \n\r",
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len != want)
    return std::nullopt;
  return out;
}

std::string digest(const std::string& bytes) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
  return std::string(reinterpret_cast<const char*>(h), sizeof h);
}

void field(std::string& out, const std::string& s) {
  out += s;
  out.push_back('\0');
}

// The URL's user, when it names one (libpq's own parser).
std::string url_user(const std::string& url) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (!opts) {
    std::string why = err ? err : "not a connection string";
    PQfreemem(err);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    throw Error("the hub's address '" + Hub::redact(url) + "' is not a PostgreSQL URL or connection string: " + why);
  }
  std::string user;
  for (PQconninfoOption* o = opts; o->keyword; ++o)
    if (std::string_view(o->keyword) == "user" && o->val) user = o->val;
  PQconninfoFree(opts);
  return user;
}

std::string with_user(const std::string& url, const std::string& user) {
  const std::string given = url_user(url);
  if (!given.empty()) {
    if (given != user)
      throw Error("the hub's address names user '" + given + "' but you are joining as '" + user +
                  "': leave the user out of the address, or join as '" + given + "'");
    return url;
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "user=" + user;
  return url + " user=" + user;
}

const Member* find_member(const std::vector<Member>& members, const std::string& name) {
  for (const auto& m : members)
    if (m.name == name) return &m;
  return nullptr;
}

}  // namespace

fs::path default_key_file(const std::string& team_id, const std::string& member) {
  fs::path base;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x)
    base = fs::path(x) / "govbench";
  else if (const char* h = std::getenv("HOME"); h && *h)
    base = fs::path(h) / ".config" / "govbench";
  else
    base = fs::path(".govbench") / "config";
  return base / "team" / team_id / (member + ".key");
}

// The key files are pack signing's (script/signing.hpp: the same format,
// reader and writer); the hub and signatures want the raw bytes.
SigningKey read_key(const fs::path& path) {
  need_sodium();
  const script::KeyPair keys = script::read_secret_key(path);
  const auto sk = unb64(keys.secret_key, crypto_sign_SECRETKEYBYTES);
  const auto pk = unb64(keys.public_key, crypto_sign_PUBLICKEYBYTES);
  if (!sk || !pk) throw Error(path.string() + ":2: the secret key is not 64 bytes of base64");
  return SigningKey{*pk, *sk};
}

SigningKey load_or_create_key(const fs::path& path) {
  std::error_code ec;
  if (fs::exists(path, ec)) return read_key(path);
  fs::create_directories(path.parent_path(), ec);
  if (ec) throw Error("cannot make " + path.parent_path().string() + ": " + ec.message());
  ::chmod(path.parent_path().c_str(), 0700);
  fs::path pub = path;
  pub.replace_extension(".pub");
  script::write_keypair(script::generate_keypair(), path, pub);
  return read_key(path);
}

std::string change_signed_bytes(const std::string& team_id, const std::string& uuid, const std::string& author,
                                const std::string& created_at, const std::string& kind, const std::string& summary,
                                const std::string& payload) {
  std::string m;
  for (const auto* s : {&team_id, &uuid, &author, &created_at, &kind, &summary}) field(m, *s);
  m = "govbench-change-1" + std::string(1, '\0') + m;
  return m + digest(payload);
}

std::string snapshot_signed_bytes(const std::string& team_id, std::int64_t seq, const std::string& author,
                                  const std::string& bytes) {
  std::string m = "govbench-snapshot-1" + std::string(1, '\0');
  field(m, team_id);
  field(m, std::to_string(seq));
  field(m, author);
  return m + digest(bytes);
}

std::string sign(const std::string& message, const SigningKey& key) {
  need_sodium();
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(key.secret_key.data()));
  return sig;
}

bool verify(const std::string& message, const std::string& signature, const std::string& public_key) {
  need_sodium();
  if (signature.size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

std::string key_id(const std::string& public_key) {
  return b64(public_key).substr(0, 12);
}

Hub connect_hub(const data::ReplicaInfo& info) {
  return Hub::connect(with_user(info.hub, info.member));
}

InitResult init_team(const fs::path& db_path, const std::string& url, const std::string& display,
                     const fs::path& key_file) {
  data::Db db = data::open_governance_db(db_path, data::OpenMode::ReadWrite);
  if (data::is_replica(db))
    throw Error(db_path.string() + " is already a replica of " + data::replica_info(db)->hub +
                "; publish a database that is not in a team yet");
  Hub hub = Hub::connect(url);
  if (!hub.empty())
    throw Error("the hub at " + Hub::redact(url) +
                " already holds a team; join it (govbench team join) or give an empty database");
  // Everything that can fail on this side is done before the hub is
  // touched: the snapshot (the file's data without any team tables) first.
  data::ensure_manual_source(db);
  const std::string bytes = data::snapshot_bytes(db);
  std::string shown = display;
  if (shown.empty()) shown = url_user(url);
  if (shown.empty()) shown = "owner";
  hub.create(static_cast<int>(db.user_version()), shown, "");
  InitResult r;
  r.team_id = hub.team_id();
  const auto me = hub.whoami();
  if (!me) throw Error("the hub was created but does not know this role as a member");
  r.member = me->name;
  r.key_file = key_file.empty() ? default_key_file(r.team_id, r.member) : key_file;
  const SigningKey key = load_or_create_key(r.key_file);
  hub.claim_key(key.public_key);
  r.replica = hub.register_replica();
  r.snapshot_bytes = bytes.size();
  hub.put_snapshot({.seq = 0,
                    .author = r.member,
                    .created_at = {},
                    .bytes = bytes,
                    .signature = sign(snapshot_signed_bytes(r.team_id, 0, r.member, bytes), key)});
  data::make_replica(db, {.hub = Hub::redact(url),
                          .team_id = r.team_id,
                          .member = r.member,
                          .display = shown,
                          .replica = r.replica,
                          .key_file = fs::absolute(r.key_file).string(),
                          .head = 0,
                          .last_sync = {},
                          .last_error = {}});
  return r;
}

JoinResult join_team(const std::string& url, const std::string& member, const fs::path& out, const fs::path& key_file) {
  std::error_code ec;
  if (fs::exists(out, ec)) throw Error(out.string() + " exists already; give a new file for the replica");
  Hub hub = Hub::connect(with_user(url, member));
  if (hub.empty()) throw Error("the hub at " + Hub::redact(url) + " holds no team yet (govbench team init makes one)");
  const auto me = hub.whoami();
  if (!me || !me->removed_at.empty())
    throw Error("'" + member + "' is not a member of the team at " + Hub::redact(url) +
                " (an analyst adds members: govbench team member add " + member + " --db FILE)");
  JoinResult r;
  r.team_id = hub.team_id();
  r.member = me->name;
  r.key_file = key_file.empty() ? default_key_file(r.team_id, r.member) : key_file;
  const SigningKey key = load_or_create_key(r.key_file);
  if (!me->public_key.empty() && me->public_key != key.public_key)
    throw Error("the hub records a different key for '" + member + "' (" + key_id(me->public_key) + ") than " +
                r.key_file.string() + " (" + key_id(key.public_key) + "); join with --key pointing at the key " +
                "you joined with before");
  if (me->public_key.empty()) hub.claim_key(key.public_key);
  const auto snap = hub.latest_snapshot();
  if (!snap) throw Error("the hub at " + Hub::redact(url) + " has no snapshot to join from");
  const auto members = hub.members();
  const Member* by = find_member(members, snap->author);
  if (!by ||
      !verify(snapshot_signed_bytes(r.team_id, snap->seq, snap->author, snap->bytes), snap->signature, by->public_key))
    throw Error("the hub's snapshot at change " + std::to_string(snap->seq) + " (by " + snap->author +
                ") does not carry a valid signature of a member: refused, nothing written");
  if (snap->bytes.size() < 100 || snap->bytes.compare(0, 15, "SQLite format 3") != 0)
    throw Error("the hub's snapshot at change " + std::to_string(snap->seq) + " is not an SQLite database");
  r.replica = hub.register_replica();
  r.snapshot_seq = snap->seq;
  const fs::path partial = out.string() + ".joining";
  fs::remove(partial, ec);
  write_file_atomically(partial, snap->bytes, {.mode = 0644});
  try {
    data::Db db = data::open_governance_db(partial, data::OpenMode::ReadWrite);
    if (data::is_replica(db)) throw Error("the hub's snapshot is itself a replica's file");
    if (db.user_version() != hub.replica_schema_version())
      throw Error("the hub's snapshot is at schema version " + std::to_string(db.user_version()) + ", the hub at " +
                  std::to_string(hub.replica_schema_version()));
    db.use_wal();
    data::make_replica(db, {.hub = Hub::redact(with_user(url, member)),
                            .team_id = r.team_id,
                            .member = r.member,
                            .display = me->display,
                            .replica = r.replica,
                            .key_file = fs::absolute(r.key_file).string(),
                            .head = snap->seq,
                            .last_sync = {},
                            .last_error = {}});
    const SyncReport s = pull(db, hub);
    r.head = s.head;
  } catch (...) {
    fs::remove(partial, ec);
    fs::remove(partial.string() + "-wal", ec);
    fs::remove(partial.string() + "-shm", ec);
    throw;
  }
  fs::rename(partial, out, ec);
  if (ec) throw Error("cannot move the new replica to " + out.string() + ": " + ec.message());
  fs::rename(partial.string() + "-wal", out.string() + "-wal", ec);
  fs::rename(partial.string() + "-shm", out.string() + "-shm", ec);
  return r;
}

SyncReport pull(data::Db& db, Hub& hub) {
  const auto info = data::replica_info(db);
  if (!info) throw Error(db.path().string() + " is not a team replica (govbench team join makes one)");
  if (hub.team_id() != info->team_id)
    throw Error("the hub at " + info->hub + " holds another team (" + hub.team_id() + ") than this replica's (" +
                info->team_id + ")");
  if (const int theirs = hub.replica_schema_version(); theirs != static_cast<int>(db.user_version()))
    throw Error("this replica's database is at schema version " + std::to_string(db.user_version()) +
                " and the team's hub at version " + std::to_string(theirs) +
                ": every member of a team needs a govbench with the same schema (changes were not exchanged)");
  SyncReport r;
  std::map<std::string, Member> keys;
  for (auto& m : hub.members()) keys[m.name] = m;
  std::int64_t head = info->head;
  for (;;) {
    const auto batch = hub.changes_after(head, 500);
    if (batch.empty()) break;
    std::vector<data::PulledChange> pulled;
    // The changes before a refused one are taken in; the refused one and
    // everything after it are not (they may build on it).
    std::string refused;
    for (const HubChange& c : batch) {
      const std::string who = "change " + std::to_string(c.seq) + " by " + c.author + " (\"" + c.summary + "\")";
      const auto m = keys.find(c.author);
      if (m == keys.end()) {
        refused = who + " is not from a member of the team: refused, sync stopped before it";
        break;
      }
      if (m->second.public_key.empty() ||
          !verify(change_signed_bytes(info->team_id, c.uuid, c.author, c.created_at, c.kind, c.summary, c.payload),
                  c.signature, m->second.public_key)) {
        refused = who + " does not carry a valid signature by " + c.author +
                  "'s key: refused, sync stopped before it (tell the hub's owner)";
        break;
      }
      pulled.push_back({.seq = c.seq,
                        .parent = c.parent,
                        .uuid = c.uuid,
                        .author = c.author,
                        .replica = c.replica,
                        .created_at = c.created_at,
                        .pushed_at = c.pushed_at,
                        .summary = c.summary,
                        .kind = c.kind,
                        .payload = c.payload});
    }
    if (!pulled.empty()) {
      const data::Integrated in = data::integrate(db, pulled);
      r.pulled += in.applied;
      r.new_conflicts += in.new_conflicts;
      for (const auto& a : in.authors)
        if (std::find(r.authors.begin(), r.authors.end(), a) == r.authors.end()) r.authors.push_back(a);
    }
    if (!refused.empty()) throw Error(refused);
    head = batch.back().seq;
  }
  r.head = head;
  r.pending = static_cast<int>(data::pending_changes(db).size());
  r.open_conflicts = static_cast<int>(data::conflicts(db, true).size());
  return r;
}

namespace {

void record_failure(data::Db& db, const Error& e) noexcept {
  try {
    data::record_sync(db, e.message());
  } catch (...) {
  }
}

}  // namespace

SyncReport sync(data::Db& db) {
  const auto info = data::replica_info(db);
  if (!info) throw Error(db.path().string() + " is not a team replica (govbench team join makes one)");
  try {
    Hub hub = connect_hub(*info);
    return sync(db, hub);
  } catch (const Error& e) {
    record_failure(db, e);
    throw;
  }
}

SyncReport sync(data::Db& db, Hub& hub) {
  const auto info = data::replica_info(db);
  if (!info) throw Error(db.path().string() + " is not a team replica (govbench team join makes one)");
  try {
    SyncReport total;
    const SigningKey key = read_key(info->key_file);
    for (int attempt = 0;; ++attempt) {
      const SyncReport p = pull(db, hub);
      total.pulled += p.pulled;
      total.new_conflicts += p.new_conflicts;
      for (const auto& a : p.authors)
        if (std::find(total.authors.begin(), total.authors.end(), a) == total.authors.end()) total.authors.push_back(a);
      total.head = p.head;
      const auto pending = data::pending_changes(db);
      if (pending.empty()) break;
      std::vector<NewChange> out;
      for (const auto& c : pending)
        out.push_back({.uuid = c.uuid,
                       .replica = info->replica,
                       .created_at = c.created_at,
                       .summary = c.summary,
                       .kind = c.kind,
                       .payload = c.payload,
                       .signature = sign(change_signed_bytes(info->team_id, c.uuid, info->member, c.created_at, c.kind,
                                                             c.summary, c.payload),
                                         key)});
      try {
        const std::int64_t new_head = hub.append(p.head, out);
        data::mark_pushed(db, pending, p.head + 1, p.head, data::utc_now(db));
        total.pushed += static_cast<int>(pending.size());
        total.head = new_head;
        break;
      } catch (const PushRaced&) {
        if (attempt >= 20) throw Error("another replica kept pushing first 20 times running; sync again");
        ++total.retries;
      } catch (const NotAllowed& e) {
        total.refused = e.message();
        break;
      }
    }
    total.pending = static_cast<int>(data::pending_changes(db).size());
    total.open_conflicts = static_cast<int>(data::conflicts(db, true).size());
    data::record_sync(db, total.refused);
    return total;
  } catch (const Error& e) {
    record_failure(db, e);
    throw;
  }
}

}  // namespace gb::team

namespace gb::team {

std::string resolve(data::Db& db, std::int64_t id, const std::string& keep) {
  return data::resolve_conflict(db, id, keep);
}

std::int64_t publish_snapshot(data::Db& db) {
  const auto info = data::replica_info(db);
  if (!info) throw Error(db.path().string() + " is not a team replica");
  Hub hub = connect_hub(*info);
  pull(db, hub);
  if (!data::pending_changes(db).empty())
    throw Error("this replica has changes not yet on the hub: sync first, so the snapshot is the hub's state");
  const auto now = data::replica_info(db);
  const SigningKey key = read_key(now->key_file);
  const std::string bytes = data::snapshot_bytes(db);
  hub.put_snapshot({.seq = now->head,
                    .author = now->member,
                    .created_at = {},
                    .bytes = bytes,
                    .signature = sign(snapshot_signed_bytes(now->team_id, now->head, now->member, bytes), key)});
  return now->head;
}

}  // namespace gb::team

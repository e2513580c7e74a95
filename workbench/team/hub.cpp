// The hub: connecting, setting up (migrations from schemas/hub/), members.
// The change log, snapshots, packs and notices are in hub_log.cpp.
#include "team/hub.hpp"

#include <algorithm>
#include <charconv>
#include <span>

#include "core/embedded.hpp"
#include "team/hub_conn.hpp"
#include "team/pg.hpp"

// Defined by the generated source (workbench/team/CMakeLists.txt).
std::span<const gb::EmbeddedFile> embedded_hub_schemas();

namespace gb::team {

namespace detail {

std::string iso(const std::string& column) {
  return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
}

pg::Param bytes_or_null(const std::string& b) {
  return b.empty() ? pg::null() : pg::bytes(b);
}

}  // namespace detail

namespace {

struct Migration {
  int version = 0;
  std::string name;
  std::string_view text;
};

std::vector<Migration> hub_migrations() {
  std::vector<Migration> out;
  for (const auto& f : embedded_hub_schemas()) {
    if (!f.path.ends_with(".sql")) continue;
    int v = 0;
    auto [p, ec] = std::from_chars(f.path.data(), f.path.data() + f.path.size(), v);
    if (ec != std::errc() || p == f.path.data() || *p != '_')
      throw Error("schemas/hub/" + std::string(f.path) + ": hub migration files must be named NNN_name.sql");
    out.push_back({v, std::string(f.path), f.text});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 0; i < out.size(); ++i)
    if (out[i].version != static_cast<int>(i) + 1)
      throw Error("schemas/hub/" + out[i].name + ": expected hub migration number " + std::to_string(i + 1));
  return out;
}

// Runs the migrations the hub lacks, inside the caller's transaction.
void run_migrations(pg::Conn& pg) {
  // One migrator at a time (a transaction-scoped advisory lock: "govb").
  pg.exec("SELECT pg_advisory_xact_lock(1735356258)", {}, "lock the hub for its migrations");
  pg.exec_script(
      "CREATE TABLE IF NOT EXISTS hub_migrations (version integer PRIMARY KEY, name text NOT NULL, "
      "applied_at timestamptz NOT NULL DEFAULT now())",
      "record the hub's migrations");
  const std::int64_t current =
      pg.exec("SELECT coalesce(max(version), 0) FROM hub_migrations", {}, "read the hub's schema version").number(0, 0);
  const auto all = hub_migrations();
  if (current > static_cast<std::int64_t>(all.size()))
    throw Error("the hub's schema version is " + std::to_string(current) + " but this govbench knows only up to " +
                std::to_string(all.size()) + "; upgrade govbench");
  for (const auto& m : all) {
    if (m.version <= current) continue;
    pg.exec_script(m.text, "run the hub migration schemas/hub/" + m.name);
    pg.exec("INSERT INTO hub_migrations (version, name) VALUES ($1, $2)", {pg::number(m.version), pg::text(m.name)},
            "record the hub's migrations");
  }
}

bool valid_role_name(const std::string& name) {
  if (name.empty() || name.size() > 63) return false;
  if (!(name[0] == '_' || (name[0] >= 'a' && name[0] <= 'z'))) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

void check_role_name(const std::string& name) {
  if (!valid_role_name(name))
    throw Error("'" + name +
                "' cannot be a member's name: use lower-case letters, digits and '_', starting with a letter or '_' "
                "(at most 63), e.g. 'alice' or 'j_smith'");
}

void check_key(const std::string& key) {
  if (!key.empty() && key.size() != 32)
    throw Error("a member's public key is 32 bytes (Ed25519), not " + std::to_string(key.size()));
}

std::string database_identifier(pg::Conn& pg) {
  return pg.identifier(pg.exec("SELECT current_database()", {}, "name the hub's database").text(0, 0));
}

Member member_at(const pg::Result& r, int row) {
  return {r.text(row, 0), r.text(row, 1), r.text(row, 2), r.bytes(row, 3), r.text(row, 4), r.text(row, 5)};
}

std::string member_columns() {
  return "name, display, role, public_key, " + detail::iso("added_at") + ", " + detail::iso("removed_at");
}

}  // namespace

Hub::Hub(std::unique_ptr<Conn> c) : c_(std::move(c)) {}
Hub::Hub(Hub&&) noexcept = default;
Hub& Hub::operator=(Hub&&) noexcept = default;
Hub::~Hub() = default;

Hub Hub::connect(const std::string& url) {
  return Hub(std::make_unique<Conn>(Conn{pg::Conn::open(url), false, {}}));
}

std::string Hub::redact(const std::string& url) {
  return pg::redact(url);
}

bool Hub::empty() {
  return c_->pg
      .exec("SELECT to_regclass('hub_meta') IS NULL AND to_regclass('hub_migrations') IS NULL", {}, "look for a hub")
      .boolean(0, 0);
}

void Hub::create(int replica_schema_version, const std::string& display, const std::string& public_key) {
  check_key(public_key);
  if (display.empty()) throw Error("the hub's first member needs a display name");
  if (!empty()) throw Error("this database already holds a govbench hub (" + c_->pg.where() + ")");
  pg::Conn& pg = c_->pg;
  pg::Transaction t(pg, "create the hub");
  run_migrations(pg);
  pg.exec(
      "INSERT INTO hub_meta (key, value) VALUES ('team_id', gen_random_uuid()::text), "
      "('replica_schema_version', $1), ('owner', session_user)",
      {pg::number(replica_schema_version)}, "create the hub");
  const std::string me = pg.identifier(pg.exec("SELECT session_user", {}, "create the hub").text(0, 0));
  pg.exec("GRANT govbench_analyst TO " + me, {}, "create the hub");
  pg.exec("GRANT CONNECT ON DATABASE " + database_identifier(pg) + " TO " + me, {}, "create the hub");
  pg.exec("INSERT INTO members (name, display, role, public_key) VALUES (session_user, $1, 'analyst', $2)",
          {pg::text(display), detail::bytes_or_null(public_key)}, "create the hub");
  t.commit();
}

void Hub::migrate() {
  pg::Transaction t(c_->pg, "upgrade the hub");
  run_migrations(c_->pg);
  t.commit();
}

std::string Hub::team_id() {
  return c_->pg.exec("SELECT value FROM hub_meta WHERE key = 'team_id'", {}, "read the team id").text(0, 0);
}

int Hub::replica_schema_version() {
  const std::string v =
      c_->pg.exec("SELECT value FROM hub_meta WHERE key = 'replica_schema_version'", {}, "read the schema version")
          .text(0, 0);
  int n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size())
    throw Error("the hub's replica_schema_version is not a number: '" + v + "'");
  return n;
}

int Hub::hub_schema_version() {
  pg::Conn& pg = c_->pg;
  const std::string what = "read the hub's schema version";
  if (pg.exec("SELECT to_regclass('hub_migrations') IS NULL", {}, what).boolean(0, 0)) return 0;
  return static_cast<int>(pg.exec("SELECT coalesce(max(version), 0) FROM hub_migrations", {}, what).number(0, 0));
}

// --- members ------------------------------------------------------------------

std::optional<Member> Hub::whoami() {
  auto r =
      c_->pg.exec("SELECT " + member_columns() + " FROM members WHERE name = session_user", {}, "look up this member");
  if (r.rows() == 0) return std::nullopt;
  return member_at(r, 0);
}

std::vector<Member> Hub::members() {
  auto r = c_->pg.exec("SELECT " + member_columns() + " FROM members ORDER BY added_at, name", {}, "list members");
  std::vector<Member> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(member_at(r, i));
  return out;
}

void Hub::add_member(const std::string& name, const std::string& display, const std::string& role,
                     const std::string& public_key) {
  check_role_name(name);
  check_key(public_key);
  if (role != "analyst" && role != "reader")
    throw Error("a member's role is 'analyst' or 'reader', not '" + role + "'");
  if (display.empty()) throw Error("member '" + name + "' needs a display name");
  pg::Conn& pg = c_->pg;
  const std::string what = "add members";
  pg::Transaction t(pg, what);
  auto current = pg.exec("SELECT removed_at IS NULL FROM members WHERE name = $1", {pg::text(name)}, what);
  if (current.rows() == 1 && current.boolean(0, 0)) throw Error("'" + name + "' is already a member of this hub");
  const std::string id = pg.identifier(name);
  if (pg.exec("SELECT 1 FROM pg_roles WHERE rolname = $1", {pg::text(name)}, what).rows() == 0)
    pg.exec("CREATE ROLE " + id + " LOGIN", {}, what);
  // A member re-added with another role leaves the old group.
  pg.exec("REVOKE govbench_analyst, govbench_reader FROM " + id, {}, what);
  pg.exec("GRANT govbench_" + role + " TO " + id, {}, what);
  pg.exec("GRANT CONNECT ON DATABASE " + database_identifier(pg) + " TO " + id, {}, what);
  pg.exec(
      "INSERT INTO members (name, display, role, public_key) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (name) DO UPDATE SET display = EXCLUDED.display, role = EXCLUDED.role, "
      "public_key = coalesce(EXCLUDED.public_key, members.public_key), added_at = now(), removed_at = NULL",
      {pg::text(name), pg::text(display), pg::text(role), detail::bytes_or_null(public_key)}, what);
  t.commit();
}

void Hub::remove_member(const std::string& name) {
  check_role_name(name);
  pg::Conn& pg = c_->pg;
  const std::string what = "remove members";
  pg::Transaction t(pg, what);
  if (pg.exec("SELECT 1 FROM hub_meta WHERE key = 'owner' AND value = $1", {pg::text(name)}, what).rows() == 1)
    throw Error("'" + name + "' is the hub's owner and cannot be removed");
  auto r = pg.exec("UPDATE members SET removed_at = now() WHERE name = $1 AND removed_at IS NULL RETURNING name",
                   {pg::text(name)}, what);
  if (r.rows() == 0) throw Error("'" + name + "' is not a member of this hub");
  const std::string id = pg.identifier(name);
  pg.exec("REVOKE govbench_analyst, govbench_reader FROM " + id, {}, what);
  pg.exec("REVOKE CONNECT ON DATABASE " + database_identifier(pg) + " FROM " + id, {}, what);
  t.commit();
}

void Hub::claim_key(const std::string& public_key) {
  if (public_key.size() != 32)
    throw Error("a member's public key is 32 bytes (Ed25519), not " + std::to_string(public_key.size()));
  try {
    c_->pg.exec("SELECT claim_key($1)", {pg::bytes(public_key)}, "record a public key");
  } catch (const pg::ServerError& e) {
    if (e.constraint() == "members_public_key_claimed")
      throw Error("'" + c_->pg.user() +
                  "' already has a different public key recorded on the hub; the hub's owner can remove and "
                  "re-add the member to change it");
    throw;
  }
}

std::int64_t Hub::register_replica() {
  return c_->pg.exec("SELECT register_replica()", {}, "register a replica").number(0, 0);
}

int Hub::socket() const {
  return c_ ? c_->pg.socket() : -1;
}

}  // namespace gb::team

// The hub's change log, snapshots, pack registry and change notices.
#include <poll.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <optional>
#include <utility>

#include "team/hub.hpp"
#include "team/hub_conn.hpp"
#include "team/pg.hpp"

namespace gb::team {

namespace {

constexpr const char* kChannel = "govbench_changes";
constexpr const char* kPresenceChannel = "govbench_presence";

// "member session position" (the member's name may hold spaces: the two
// numbers are the last two words). nullopt for a payload not of ours.
std::optional<Presence> parse_presence(const std::string& payload) {
  const auto last = payload.rfind(' ');
  if (last == std::string::npos || last == 0) return std::nullopt;
  const auto mid = payload.rfind(' ', last - 1);
  if (mid == std::string::npos || mid == 0) return std::nullopt;
  Presence p;
  p.member = payload.substr(0, mid);
  const std::string session = payload.substr(mid + 1, last - mid - 1);
  const std::string position = payload.substr(last + 1);
  auto [a, ea] = std::from_chars(session.data(), session.data() + session.size(), p.session);
  auto [b, eb] = std::from_chars(position.data(), position.data() + position.size(), p.position);
  if (ea != std::errc() || a != session.data() + session.size() || eb != std::errc() ||
      b != position.data() + position.size() || p.session <= 0 || p.position <= 0)
    return std::nullopt;
  return p;
}

void check_signature(const std::string& signature, const std::string& of) {
  if (signature.size() != 64)
    throw Error(of + ": a signature is 64 bytes (Ed25519), not " + std::to_string(signature.size()));
}

}  // namespace

// --- the change log -----------------------------------------------------------

std::int64_t Hub::head() {
  return c_->pg.exec("SELECT coalesce(max(seq), 0) FROM changes", {}, "read the log's head").number(0, 0);
}

std::vector<HubChange> Hub::changes_after(std::int64_t after, int limit) {
  std::vector<HubChange> out;
  if (limit <= 0) return out;
  auto r = c_->pg.exec("SELECT seq, parent, uuid::text, author, replica, " + detail::iso("created_at") + ", " +
                           detail::iso("pushed_at") +
                           ", summary, kind, payload, signature FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2",
                       {pg::number(after), pg::number(limit)}, "read the log");
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.number(i, 0), r.number(i, 1), r.text(i, 2), r.text(i, 3), r.number(i, 4), r.text(i, 5),
                   r.text(i, 6), r.text(i, 7), r.text(i, 8), r.bytes(i, 9), r.bytes(i, 10)});
  return out;
}

std::int64_t Hub::append(std::int64_t parent, const std::vector<NewChange>& changes) {
  if (parent < 0) throw Error("a push names parent " + std::to_string(parent) + ": the first change's parent is 0");
  for (const auto& c : changes) check_signature(c.signature, "change " + c.uuid);
  if (changes.empty()) return head();
  pg::Conn& pg = c_->pg;
  const std::string what = "push changes";
  std::int64_t seq = parent;
  try {
    pg::Transaction t(pg, what);
    for (const auto& c : changes) {
      pg.exec(
          "INSERT INTO changes (seq, parent, uuid, replica, created_at, summary, kind, payload, signature) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
          {pg::number(seq + 1), pg::number(seq), pg::text(c.uuid), pg::number(c.replica), pg::text(c.created_at),
           pg::text(c.summary), pg::text(c.kind), pg::bytes(c.payload), pg::bytes(c.signature)},
          what);
      ++seq;
    }
    t.commit();
  } catch (const PushRaced&) {
    pg.rollback_quietly();
    throw PushRaced("another push took change " + std::to_string(parent + 1) + " (this push was built on " +
                    std::to_string(parent) + ", the hub's head is now " + std::to_string(head()) +
                    "): pull, rebase and push again");
  } catch (const pg::ServerError& e) {
    if (e.constraint() != "changes_uuid_key") throw;
    throw Error("a change in this push is already in the hub's log (pushed before? pull first): " + e.message());
  }
  return seq;
}

// --- snapshots ----------------------------------------------------------------

void Hub::put_snapshot(const Snapshot& s) {
  check_signature(s.signature, "the snapshot after change " + std::to_string(s.seq));
  // A snapshot for a seq that has one already is left as it is (first wins).
  c_->pg.exec("INSERT INTO snapshots (seq, bytes, signature) VALUES ($1, $2, $3) ON CONFLICT (seq) DO NOTHING",
              {pg::number(s.seq), pg::bytes(s.bytes), pg::bytes(s.signature)}, "add snapshots");
}

std::optional<Snapshot> Hub::latest_snapshot() {
  auto r = c_->pg.exec("SELECT seq, author, " + detail::iso("created_at") +
                           ", bytes, signature FROM snapshots ORDER BY seq DESC LIMIT 1",
                       {}, "read the latest snapshot");
  if (r.rows() == 0) return std::nullopt;
  return Snapshot{r.number(0, 0), r.text(0, 1), r.text(0, 2), r.bytes(0, 3), r.bytes(0, 4)};
}

// --- packs --------------------------------------------------------------------

void Hub::publish_pack(const std::string& name, const std::string& version, const std::string& bundle) {
  if (name.empty() || version.empty()) throw Error("a pack release needs a name and a version");
  if (bundle.empty()) throw Error("pack " + name + " " + version + ": the bundle is empty");
  try {
    c_->pg.exec("INSERT INTO packs (name, version, bundle) VALUES ($1, $2, $3)",
                {pg::text(name), pg::text(version), pg::bytes(bundle)}, "publish packs");
  } catch (const pg::ServerError& e) {
    if (e.constraint() != "packs_pkey") throw;
    throw Error("pack " + name + " " + version +
                " is already published on the hub; a release is never replaced: publish a new version");
  }
}

std::vector<PackRelease> Hub::packs() {
  auto r = c_->pg.exec("SELECT name, version, publisher, " + detail::iso("published_at") +
                           " FROM packs ORDER BY name, published_at, version",
                       {}, "list packs");
  std::vector<PackRelease> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), {}});
  return out;
}

std::optional<PackRelease> Hub::pack(const std::string& name, const std::string& version) {
  auto r = c_->pg.exec("SELECT name, version, publisher, " + detail::iso("published_at") +
                           ", bundle FROM packs WHERE name = $1 AND version = $2",
                       {pg::text(name), pg::text(version)}, "fetch packs");
  if (r.rows() == 0) return std::nullopt;
  return PackRelease{r.text(0, 0), r.text(0, 1), r.text(0, 2), r.text(0, 3), r.bytes(0, 4)};
}

// --- live ---------------------------------------------------------------------

void Hub::listen() {
  if (c_->listening) return;
  c_->pg.exec(std::string("LISTEN ") + kChannel, {}, "listen for changes");
  c_->pg.exec(std::string("LISTEN ") + kPresenceChannel, {}, "listen for the presenter");
  c_->listening = true;
}

std::vector<Notice> Hub::wait(int timeout_ms) {
  listen();
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::milliseconds(std::max(0, timeout_ms));
  std::vector<Notice> out;
  for (;;) {
    bool heard_presence = false;
    for (const auto& [channel, payload] : c_->pg.notifications()) {
      if (channel == kPresenceChannel) {
        if (auto p = parse_presence(payload)) {
          c_->presence.push_back(std::move(*p));
          heard_presence = true;
        }
        continue;
      }
      if (channel != kChannel) continue;
      Notice n;
      const auto space = payload.find(' ');
      const std::string seq = payload.substr(0, space);
      auto [p, ec] = std::from_chars(seq.data(), seq.data() + seq.size(), n.seq);
      if (ec != std::errc() || p != seq.data() + seq.size()) continue;  // not one of ours
      if (space != std::string::npos) n.author = payload.substr(space + 1);
      out.push_back(std::move(n));
    }
    if (!out.empty() || heard_presence) return out;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return out;
    pollfd p{c_->pg.socket(), POLLIN, 0};
    if (p.fd < 0) throw Unreachable("the connection to the hub (" + c_->pg.where() + ") is closed; connect again");
    if (::poll(&p, 1, static_cast<int>(left)) < 0 && errno != EINTR)
      throw Unreachable("cannot wait on the connection to the hub (" + c_->pg.where() + ")");
  }
}

void Hub::announce(std::int64_t session, int position) {
  if (session <= 0 || position <= 0)
    throw Error("an announcement names a session and an agenda item (1-based), not " + std::to_string(session) +
                " and " + std::to_string(position));
  // The member is the server's session_user, as for a change's author.
  const std::string where = std::to_string(session) + " " + std::to_string(position);
  c_->pg.exec("SELECT pg_notify($1, session_user || ' ' || $2)", {pg::text(kPresenceChannel), pg::text(where)},
              "announce the presenter");
}

std::vector<Presence> Hub::presence() {
  // Only what wait() read: reading the socket here would take change
  // notices away from wait().
  return std::exchange(c_->presence, {});
}

}  // namespace gb::team

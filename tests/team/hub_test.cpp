// The team hub (issue 18) against a real PostgreSQL 15 (support/pg_server):
// members and their roles, the change log and its races, the server's
// authorship, snapshots, packs, notices, an unreachable server and
// passwords kept out of messages. One server per test case (about a second).
#include "team/hub.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "support/pg_server.hpp"
#include "team/pg.hpp"

using gb::team::Hub;
using gb::team::NewChange;
using gb::team::NotAllowed;
using gb::team::PushRaced;
using gb::team::Unreachable;

namespace {

std::string key(char c) {
  return std::string(32, c);
}

std::string uuid(int n) {
  std::string tail = std::to_string(n);
  return "00000000-0000-4000-8000-" + std::string(12 - tail.size(), '0') + tail;
}

NewChange change(int n, std::string payload = "") {
  NewChange c;
  c.uuid = uuid(n);
  c.replica = 1;
  c.created_at = "2024-05-01T10:00:0" + std::to_string(n % 10) + ".250Z";
  c.summary = "change " + std::to_string(n);
  c.kind = "changeset";
  c.payload = payload.empty() ? "payload " + std::to_string(n) : std::move(payload);
  c.signature = std::string(64, static_cast<char>('a' + n % 26));
  return c;
}

// A hub with its owner (govbench, the server's superuser), an analyst
// (alice) and a reader (bob).
struct Team {
  gbtest::PgServer pg;
  Hub owner = Hub::connect(pg.url());
  Team() {
    owner.create(7, "The Owner", key('o'));
    owner.add_member("alice", "A. Analyst", "analyst", key('a'));
    owner.add_member("bob", "B. Reader", "reader", "");
  }
  Hub as(const std::string& user) const { return Hub::connect(pg.url(user)); }
};

template <class E, class F>
std::string thrown(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  FAIL("nothing was thrown");
  return "";
}

}  // namespace

TEST_CASE("hub: create records the owner and add_member makes login roles", "[hub]") {
  gbtest::PgServer pg;
  Hub owner = Hub::connect(pg.url());
  CHECK(owner.empty());
  CHECK(owner.hub_schema_version() == 0);
  owner.create(7, "The Owner", key('o'));
  CHECK_FALSE(owner.empty());
  CHECK(owner.team_id().size() == 36);
  CHECK(owner.replica_schema_version() == 7);
  CHECK(owner.hub_schema_version() == 1);
  owner.migrate();  // nothing to do
  CHECK(owner.hub_schema_version() == 1);
  CHECK(thrown<gb::Error>([&] { owner.create(7, "Again", ""); }).find("already holds") != std::string::npos);
  REQUIRE(owner.whoami());
  CHECK(owner.whoami()->role == "analyst");
  CHECK(owner.whoami()->public_key == key('o'));

  owner.add_member("alice", "A. Analyst", "analyst", key('a'));
  owner.add_member("bob", "B. Reader", "reader", "");
  CHECK(thrown<gb::Error>([&] { owner.add_member("bob", "B", "reader", ""); }).find("already a member") !=
        std::string::npos);
  CHECK(thrown<gb::Error>([&] { owner.add_member("Bob; DROP", "B", "reader", ""); }).find("lower-case letters") !=
        std::string::npos);
  CHECK_THROWS_AS(owner.add_member("carol", "C", "admin", ""), gb::Error);
  const auto all = owner.members();
  REQUIRE(all.size() == 3);
  CHECK(all[0].name == "govbench");
  CHECK(all[1].name == "alice");
  CHECK(all[1].display == "A. Analyst");
  CHECK(all[1].public_key == key('a'));
  CHECK(all[2].role == "reader");
  CHECK(all[2].public_key.empty());
  CHECK(all[2].added_at.size() == 24);  // 2024-05-01T10:00:00.000Z
  CHECK(all[2].removed_at.empty());

  Hub bob = Hub::connect(pg.url("bob"));
  REQUIRE(bob.whoami());
  CHECK(bob.whoami()->display == "B. Reader");
  CHECK(bob.team_id() == owner.team_id());
  // Joining: a reader claims a key and gets replica numbers.
  bob.claim_key(key('b'));
  bob.claim_key(key('b'));  // the same key again is fine
  CHECK(thrown<gb::Error>([&] { bob.claim_key(key('x')); }).find("different public key") != std::string::npos);
  CHECK(owner.members()[2].public_key == key('b'));
  const auto r1 = bob.register_replica();
  const auto r2 = Hub::connect(pg.url("alice")).register_replica();
  CHECK(r1 > 0);
  CHECK(r2 > r1);

  // Removing: the role leaves its group and may no longer connect.
  owner.remove_member("bob");
  CHECK(thrown<gb::Error>([&] { owner.remove_member("bob"); }).find("not a member") != std::string::npos);
  CHECK(thrown<gb::Error>([&] { owner.remove_member("govbench"); }).find("owner") != std::string::npos);
  CHECK(owner.members()[2].removed_at.size() == 24);
  CHECK(thrown<NotAllowed>([&] { Hub::connect(pg.url("bob")); }).find("'bob' is not a member") != std::string::npos);
  // ...and comes back when added again.
  owner.add_member("bob", "B. Reader", "analyst", "");
  CHECK(Hub::connect(pg.url("bob")).whoami()->role == "analyst");
  CHECK(owner.members()[2].public_key == key('b'));
}

TEST_CASE("hub: the server refuses what a role may not do", "[hub]") {
  Team t;
  Hub alice = t.as("alice");
  Hub bob = t.as("bob");
  // A reader pushes: refused in words, the log unchanged.
  const std::string why = thrown<NotAllowed>([&] { bob.append(0, {change(1)}); });
  CHECK(why.find("the hub refused: 'bob' is a reader and may not push changes") != std::string::npos);
  CHECK(bob.head() == 0);
  CHECK(alice.head() == 0);
  CHECK_THROWS_AS(bob.put_snapshot({0, "", "", "db", std::string(64, 's')}), NotAllowed);
  CHECK_THROWS_AS(bob.publish_pack("p", "1.0.0", "zip"), NotAllowed);
  // The connection is still good after a refusal.
  CHECK(bob.changes_after(0, 10).empty());
  // An analyst may not add or remove members.
  CHECK(thrown<NotAllowed>([&] {
          alice.add_member("carol", "C", "analyst", "");
        }).find("'alice' is an analyst and may not add members") != std::string::npos);
  CHECK_THROWS_AS(alice.remove_member("bob"), NotAllowed);
  CHECK(t.owner.members().size() == 3);
  // A role that is not a member: no such role, or a role that may connect
  // but is not in the members table.
  CHECK(thrown<NotAllowed>([&] { t.as("dave"); }).find("no role 'dave'") != std::string::npos);
  gb::team::pg::Conn raw = gb::team::pg::Conn::open(t.pg.url());
  raw.exec_script("CREATE ROLE carol LOGIN; GRANT CONNECT ON DATABASE team TO carol; GRANT govbench_analyst TO carol");
  Hub carol = t.as("carol");
  CHECK_FALSE(carol.whoami());
  CHECK(thrown<NotAllowed>([&] { carol.append(0, {change(1)}); }).find("carol is not a member of this hub") !=
        std::string::npos);
  CHECK_THROWS_AS(carol.register_replica(), NotAllowed);
  CHECK(alice.head() == 0);
}

TEST_CASE("hub: append takes parent 0 then each head once", "[hub]") {
  Team t;
  Hub alice = t.as("alice");
  CHECK(alice.head() == 0);
  CHECK(alice.append(0, {change(1)}) == 1);
  CHECK(alice.append(1, {change(2), change(3)}) == 3);
  CHECK(alice.head() == 3);
  CHECK(thrown<PushRaced>([&] { alice.append(0, {change(4)}); }).find("head is now 3") != std::string::npos);
  CHECK_THROWS_AS(alice.append(1, {change(4)}), PushRaced);
  // All or none: the second change's parent was taken, so the first is not kept.
  CHECK(alice.head() == 3);
  // A parent beyond the head is not a race, and a change pushed twice is refused.
  CHECK_THROWS_AS(alice.append(9, {change(10)}), gb::Error);
  CHECK(thrown<gb::Error>([&] { alice.append(3, {change(1)}); }).find("already in the hub's log") != std::string::npos);
  CHECK(alice.head() == 3);

  const auto first = alice.changes_after(0, 2);
  REQUIRE(first.size() == 2);
  CHECK(first[0].seq == 1);
  CHECK(first[0].parent == 0);
  CHECK(first[1].seq == 2);
  CHECK(first[1].parent == 1);
  CHECK(first[0].uuid == uuid(1));
  CHECK(first[0].author == "alice");
  CHECK(first[0].replica == 1);
  CHECK(first[0].created_at == "2024-05-01T10:00:01.250Z");
  CHECK(first[0].pushed_at.size() == 24);
  CHECK(first[0].summary == "change 1");
  CHECK(first[0].kind == "changeset");
  CHECK(first[0].payload == "payload 1");
  CHECK(first[0].signature == std::string(64, 'b'));
  const auto rest = alice.changes_after(2, 500);
  REQUIRE(rest.size() == 1);
  CHECK(rest[0].seq == 3);
  CHECK(alice.changes_after(3, 500).empty());
  CHECK(alice.changes_after(0, 0).empty());
  CHECK_THROWS_AS(alice.append(3, {[] {
                                 auto c = change(5);
                                 c.signature = "short";
                                 return c;
                               }()}),
                  gb::Error);

  // Arbitrary bytes (every byte value, NULs included), 1 MB of them.
  std::string big(1 << 20, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 7919) % 256);
  CHECK(alice.append(3, {change(6, big)}) == 4);
  const auto got = t.as("bob").changes_after(3, 1);
  REQUIRE(got.size() == 1);
  CHECK(got[0].payload.size() == big.size());
  CHECK(got[0].payload == big);
}

TEST_CASE("hub: two pushes on the same head and exactly one wins", "[hub]") {
  Team t;
  Hub alice = t.as("alice");
  Hub owner2 = t.as("govbench");
  REQUIRE(alice.append(0, {change(1)}) == 1);
  // One after the other.
  CHECK(alice.append(1, {change(2)}) == 2);
  CHECK_THROWS_AS(owner2.append(1, {change(3)}), PushRaced);
  // At the same time, from two connections, many rounds.
  for (int round = 0; round < 5; ++round) {
    const std::int64_t head = alice.head();
    std::atomic<int> wins{0}, races{0}, other{0};
    auto push = [&](Hub& h, int n) {
      try {
        h.append(head, {change(n), change(n + 1)});
        ++wins;
      } catch (const PushRaced&) {
        ++races;
      } catch (...) {
        ++other;
      }
    };
    std::thread a([&] { push(alice, 100 + round * 10); });
    std::thread b([&] { push(owner2, 105 + round * 10); });
    a.join();
    b.join();
    CHECK(wins == 1);
    CHECK(races == 1);
    CHECK(other == 0);
    CHECK(alice.head() == head + 2);
  }
  // The log has no gap and no fork.
  const auto all = alice.changes_after(0, 100);
  REQUIRE(all.size() == 12);
  for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i].seq == static_cast<std::int64_t>(i) + 1);
}

TEST_CASE("hub: the author is the pushing role whatever the client says", "[hub]") {
  Team t;
  gb::team::pg::Conn raw = gb::team::pg::Conn::open(t.pg.url("alice"));
  using gb::team::pg::bytes;
  using gb::team::pg::text;
  raw.exec(
      "INSERT INTO changes (seq, parent, uuid, author, replica, created_at, pushed_at, summary, kind, payload, "
      "signature) VALUES (1, 0, $1, 'bob', 1, '2024-05-01T10:00:00Z', '2000-01-01', 's', 'changeset', $2, $3)",
      {text(uuid(1)), bytes(std::string("\0x", 2)), bytes(std::string(64, 's'))});
  raw.exec("INSERT INTO snapshots (seq, author, bytes, signature) VALUES (1, 'bob', $1, $2)",
           {bytes("db"), bytes(std::string(64, 's'))});
  raw.exec("INSERT INTO packs (name, version, publisher, bundle) VALUES ('p', '1.0.0', 'bob', $1)", {bytes("zip")});
  Hub bob = t.as("bob");
  const auto c = bob.changes_after(0, 1);
  REQUIRE(c.size() == 1);
  CHECK(c[0].author == "alice");
  CHECK(c[0].payload == std::string("\0x", 2));
  CHECK_FALSE(c[0].pushed_at.starts_with("2000"));
  CHECK(bob.latest_snapshot()->author == "alice");
  CHECK(bob.pack("p", "1.0.0")->publisher == "alice");
  // Nobody but the owner rewrites the log.
  CHECK_THROWS_AS(raw.exec("UPDATE changes SET summary = 'x'", {}, "rewrite the log"), NotAllowed);
  CHECK_THROWS_AS(raw.exec("DELETE FROM changes", {}, "rewrite the log"), NotAllowed);
  CHECK_THROWS_AS(raw.exec("UPDATE members SET role = 'analyst' WHERE name = 'bob'"), NotAllowed);
  CHECK(bob.head() == 1);
}

TEST_CASE("hub: snapshots round trip", "[hub]") {
  Team t;
  Hub alice = t.as("alice");
  CHECK_FALSE(alice.latest_snapshot());
  std::string db(300000, '\0');
  for (std::size_t i = 0; i < db.size(); ++i) db[i] = static_cast<char>(i % 251);
  alice.put_snapshot({0, "ignored", "ignored", db, std::string(64, 's')});
  auto s = t.as("bob").latest_snapshot();
  REQUIRE(s);
  CHECK(s->seq == 0);
  CHECK(s->author == "alice");
  CHECK(s->created_at.size() == 24);
  CHECK(s->bytes == db);
  CHECK(s->signature == std::string(64, 's'));
  // Not after a change the log does not hold yet.
  CHECK_THROWS_AS(alice.put_snapshot({1, "", "", "db1", std::string(64, 't')}), gb::Error);
  alice.append(0, {change(1)});
  alice.put_snapshot({1, "", "", "db1", std::string(64, 't')});
  t.owner.put_snapshot({1, "", "", "other", std::string(64, 'u')});  // the first one stays
  s = alice.latest_snapshot();
  REQUIRE(s);
  CHECK(s->seq == 1);
  CHECK(s->bytes == "db1");
  CHECK(s->author == "alice");
}

TEST_CASE("hub: packs are published listed and fetched once per version", "[hub]") {
  Team t;
  Hub alice = t.as("alice");
  const char raw[] = "PK\x03\x04\0\0binary";
  const std::string bundle(raw, sizeof raw - 1);
  alice.publish_pack("met-risk", "1.0.0", bundle);
  alice.publish_pack("met-risk", "1.1.0", bundle + "more");
  t.owner.publish_pack("trust", "0.1.0", "z");
  CHECK(thrown<gb::Error>([&] { alice.publish_pack("met-risk", "1.0.0", "other"); }).find("already published") !=
        std::string::npos);
  Hub bob = t.as("bob");
  const auto list = bob.packs();
  REQUIRE(list.size() == 3);
  CHECK(list[0].name == "met-risk");
  CHECK(list[0].version == "1.0.0");
  CHECK(list[0].publisher == "alice");
  CHECK(list[0].published_at.size() == 24);
  CHECK(list[0].bundle.empty());
  CHECK(list[2].publisher == "govbench");
  const auto p = bob.pack("met-risk", "1.0.0");
  REQUIRE(p);
  CHECK(p->bundle == bundle);
  CHECK(bob.pack("met-risk", "1.1.0")->bundle == bundle + "more");
  CHECK_FALSE(bob.pack("met-risk", "9.9.9"));
}

TEST_CASE("hub: listen and wait hear another connection's push", "[hub]") {
  Team t;
  Hub bob = t.as("bob");
  Hub alice = t.as("alice");
  bob.listen();
  CHECK(bob.socket() >= 0);
  CHECK(bob.wait(0).empty());
  CHECK(bob.wait(50).empty());
  std::thread pusher([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    alice.append(0, {change(1), change(2)});
  });
  const auto started = std::chrono::steady_clock::now();
  auto notices = bob.wait(1000);
  const auto waited = std::chrono::steady_clock::now() - started;
  pusher.join();
  CHECK(waited < std::chrono::milliseconds(1000));
  if (notices.size() < 2)
    for (const auto& n : bob.wait(200)) notices.push_back(n);
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].seq == 1);
  CHECK(notices[0].author == "alice");
  CHECK(notices[1].seq == 2);
  CHECK(bob.wait(0).empty());
}

TEST_CASE("hub: a stopped server is Unreachable and no password is shown", "[hub]") {
  Team t;
  Hub alice = t.as("alice");
  alice.append(0, {change(1)});
  const std::string port = std::to_string(t.pg.port());
  const std::string with_password = "postgresql://alice:s3cretpw@/team?host=" + t.pg.dir().string() + "&port=" + port;
  CHECK(Hub::connect(with_password).head() == 1);  // trust: any password will do
  t.pg.stop();
  // A connection that was open: dropped.
  const std::string dropped = thrown<Unreachable>([&] { alice.head(); });
  CHECK(dropped.find(t.pg.dir().string()) != std::string::npos);
  CHECK_THROWS_AS(alice.head(), Unreachable);  // and stays so
  // A new connection: refused, naming host and port, never the password.
  for (const std::string& url :
       {with_password, "host=" + t.pg.dir().string() + " port=" + port + " dbname=team user=alice password=s3cretpw",
        t.pg.url("alice") + "&password=s3cretpw"}) {
    const std::string why = thrown<Unreachable>([&] { Hub::connect(url); });
    INFO(why);
    CHECK(why.find(t.pg.dir().string()) != std::string::npos);
    CHECK(why.find(port) != std::string::npos);
    CHECK(why.find("user=alice") != std::string::npos);
    CHECK(why.find("s3cretpw") == std::string::npos);
  }
  // Started again: the same hub.
  t.pg.start();
  CHECK(t.as("alice").head() == 1);
}

TEST_CASE("hub: redact takes passwords out of URLs and key=value strings", "[hub]") {
  CHECK(Hub::redact("postgresql://alice:s3cret@db.example:5432/team") == "postgresql://alice@db.example:5432/team");
  CHECK(Hub::redact("postgres://alice:p%40ss@h/team?sslmode=require") == "postgres://alice@h/team?sslmode=require");
  CHECK(Hub::redact("postgresql:///team?host=/tmp/pg&password=s3cret&user=alice") ==
        "postgresql:///team?host=/tmp/pg&user=alice");
  CHECK(Hub::redact("postgresql:///team?password=s3cret") == "postgresql:///team");
  CHECK(Hub::redact("postgresql:///team?user=a&password=s3cret") == "postgresql:///team?user=a");
  CHECK(Hub::redact("postgresql://alice@h/team") == "postgresql://alice@h/team");
  CHECK(Hub::redact("host=/tmp/pg password=s3cret user=alice") == "host=/tmp/pg user=alice");
  CHECK(Hub::redact("host=h password = 'se cr\\'et' dbname=team") == "host=h dbname=team");
  CHECK(Hub::redact("host=h user=alice password=s3cret") == "host=h user=alice");
  CHECK(Hub::redact("host=h user=alice") == "host=h user=alice");
  CHECK(gb::team::pg::password_in("postgres://alice:p%40ss@h/team") == "p@ss");
  CHECK(gb::team::pg::password_in("host=h password = 'se cr\\'et'") == "se cr'et");
  CHECK_FALSE(gb::team::pg::password_in("host=h user=alice"));
}

// `govbench team ...`: team mode on a PostgreSQL hub (issue 18). The
// workflows are in workbench/team (sync.hpp); this file parses, prints and
// explains.

#include <iostream>
#include <string>

#include "app/cli.hpp"
#include "core/error.hpp"
#include "data/team_model.hpp"
#include "engine/database.hpp"
#include "team/hub.hpp"
#include "team/sync.hpp"

namespace gb::app {

namespace {

std::string plural(int n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

void print_report(const team::SyncReport& r) {
  std::cout << "pulled " << plural(r.pulled, "change", "changes");
  if (!r.authors.empty()) {
    std::cout << " (from ";
    for (std::size_t i = 0; i < r.authors.size(); ++i) std::cout << (i ? ", " : "") << r.authors[i];
    std::cout << ")";
  }
  std::cout << ", pushed " << plural(r.pushed, "change", "changes") << "; the hub's head is " << r.head << "\n";
  if (r.retries) std::cout << "another replica pushed first " << plural(r.retries, "time", "times") << ": rebased\n";
  if (r.new_conflicts)
    std::cout << plural(r.new_conflicts, "new conflict", "new conflicts")
              << ": your change and a colleague's differ on the same value; 'govbench team conflicts' shows them\n";
  if (!r.refused.empty()) std::cerr << "govbench: team sync: " << r.refused << "\n";
  if (r.pending) std::cout << plural(r.pending, "change", "changes") << " of yours not yet on the hub\n";
  if (r.open_conflicts) std::cout << plural(r.open_conflicts, "open conflict", "open conflicts") << "\n";
}

int cmd_init(const Args& a) {
  const auto r =
      team::init_team(a.require("--db"), a.require("--hub"), a.get("--name").value_or(""), a.get("--key").value_or(""));
  std::cout << "published " << a.require("--db") << " to the hub as team " << r.team_id << " (snapshot of "
            << r.snapshot_bytes << " bytes)\n"
            << "you are member '" << r.member << "' (analyst), replica " << r.replica << "; your signing key is "
            << r.key_file.string() << "\n"
            << "next: add colleagues with 'govbench team member add NAME --role analyst|reader --db "
            << a.require("--db") << "'; they join with 'govbench team join --hub URL --as NAME -o FILE'\n";
  return 0;
}

int cmd_join(const Args& a) {
  const auto r = team::join_team(a.require("--hub"), a.require("--as"), a.require("-o"), a.get("--key").value_or(""));
  std::cout << "joined team " << r.team_id << " as '" << r.member << "' (replica " << r.replica
            << "): " << a.require("-o") << " holds the hub's snapshot at change " << r.snapshot_seq
            << " and every change up to " << r.head << "\nyour signing key is " << r.key_file.string() << "\n";
  return 0;
}

data::Db open_replica(const Args& a) {
  data::Db db = engine::open_for_editing(a.require("--db"));
  if (!data::is_replica(db))
    throw Error(db.path().string() +
                " is not a team replica: 'govbench team init' publishes it to a hub, 'govbench team join' makes a "
                "replica of a team's database");
  return db;
}

int cmd_sync(const Args& a) {
  data::Db db = open_replica(a);
  try {
    const team::SyncReport r = team::sync(db);
    print_report(r);
    if (!r.refused.empty()) return 1;
  } catch (const team::Unreachable& e) {
    const int n = static_cast<int>(data::pending_changes(db).size());
    std::cerr << "govbench: team sync: " << e.message() << "\n"
              << plural(n, "change", "changes") << " of yours stay pending in " << db.path().string()
              << " and will be pushed at the next sync\n";
    return 1;
  }
  return 0;
}

int cmd_status(const Args& a) {
  data::Db db = open_replica(a);
  const auto info = data::replica_info(db);
  std::cout << "team      " << info->team_id << "\n"
            << "hub       " << info->hub << "\n"
            << "member    " << info->member << " (" << info->display << "), replica " << info->replica << "\n"
            << "head      " << info->head << "\n"
            << "pending   " << data::pending_changes(db).size() << "\n"
            << "conflicts " << data::conflicts(db, true).size() << " open\n"
            << "last sync " << (info->last_sync.empty() ? "never" : info->last_sync)
            << (info->last_error.empty() ? "" : " (failed: " + info->last_error + ")") << "\n"
            << "content   " << data::replica_fingerprint(db) << "\n";
  return 0;
}

int cmd_log(const Args& a) {
  data::Db db = open_replica(a);
  const auto entries = data::team_log(db, a.get_int("--limit", 30, 1, 1000000));
  if (entries.empty()) std::cerr << "no changes yet\n";
  for (const auto& e : entries)
    std::cout << (e.seq ? std::to_string(e.seq) : std::string("pending")) << "  " << e.created_at.substr(0, 19) << "  "
              << e.author << "  " << e.summary << "\n";
  return 0;
}

std::string shown(const data::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "(empty)";
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return "'" + std::get<std::string>(v) + "'";
}

int cmd_conflicts(const Args& a) {
  data::Db db = open_replica(a);
  const auto list = data::conflicts(db, !a.has("--all"));
  if (list.empty()) {
    std::cout << (a.has("--all") ? "no conflicts, ever\n" : "no open conflicts\n");
    return 0;
  }
  for (const auto& c : list) {
    std::cout << "conflict " << c.id << ": " << c.label
              << (c.kept.empty() ? "" : "  [kept " + c.kept + " by " + c.resolved_by + "]") << "\n"
              << "  mine    " << c.mine_by << " at " << c.mine_at.substr(0, 19) << ": " << c.mine_summary << "\n"
              << "  theirs  " << (c.theirs_by.empty() ? "the hub" : c.theirs_by) << " at " << c.theirs_at.substr(0, 19)
              << ": " << c.theirs_summary << "\n";
    for (const auto& col : c.columns)
      std::cout << "    " << col.name << ": mine " << shown(col.mine) << ", theirs " << shown(col.theirs)
                << (col.clash ? "  <- differ" : "") << "\n";
  }
  std::cout << "'govbench team resolve ID --keep mine|theirs --db " << db.path().string() << "' resolves one\n";
  return 0;
}

int cmd_resolve(const Args& a) {
  data::Db db = open_replica(a);
  const std::string& id_text = a.positional().at(0);
  std::int64_t id = 0;
  try {
    id = std::stoll(id_text);
  } catch (...) {
    throw UsageError("team resolve: ID must be a conflict's number (got '" + id_text + "')");
  }
  const std::string keep = a.require("--keep");
  if (keep != "mine" && keep != "theirs")
    throw UsageError("team resolve: --keep takes 'mine' or 'theirs' (got '" + keep + "')");
  std::cout << team::resolve(db, id, keep) << "\n(sent to the hub at the next 'govbench team sync')\n";
  return 0;
}

int cmd_member(const Args& a) {
  const auto& pos = a.positional();
  const std::string& what = pos.at(0);
  data::Db db = open_replica(a);
  team::Hub hub = team::connect_hub(*data::replica_info(db));
  if (what == "list") {
    if (pos.size() != 1) throw UsageError("team member list takes no NAME");
    for (const auto& m : hub.members())
      std::cout << m.name << "  " << m.role << "  " << m.display << "  "
                << (m.public_key.empty() ? "(not joined yet)" : "key " + team::key_id(m.public_key))
                << (m.removed_at.empty() ? "" : "  [removed " + m.removed_at.substr(0, 10) + "]") << "\n";
    return 0;
  }
  if (pos.size() != 2) throw UsageError("team member " + what + " takes one NAME");
  if (what == "add") {
    const std::string role = a.get("--role").value_or("analyst");
    if (role != "analyst" && role != "reader")
      throw UsageError("team member add: --role takes 'analyst' or 'reader' (got '" + role + "')");
    hub.add_member(pos[1], a.get("--display").value_or(pos[1]), role, "");
    std::cout << "added '" << pos[1] << "' as " << role << "; they join with 'govbench team join --hub URL --as "
              << pos[1] << " -o FILE' (their password, if the hub asks for one, is set on the PostgreSQL server)\n";
    return 0;
  }
  if (what == "remove") {
    hub.remove_member(pos[1]);
    std::cout << "removed '" << pos[1] << "': they can no longer connect; their changes so far stay in the log\n";
    return 0;
  }
  throw UsageError("team member: say add, remove or list (got '" + what + "')");
}

int cmd_snapshot(const Args& a) {
  data::Db db = open_replica(a);
  std::cout << "published a snapshot at change " << team::publish_snapshot(db) << "\n";
  return 0;
}

Command sub(std::string name, std::string summary, std::string help, std::vector<OptionSpec> options, int min_pos,
            int max_pos, int (*run)(const Args&)) {
  return Command{std::move(name), std::move(summary), std::move(help), std::move(options), min_pos, max_pos, run, {}};
}

}  // namespace

void register_team_commands(std::vector<Command>& out) {
  const OptionSpec db{"--db", true};
  Command team = sub("team", "team mode: one database for the team, on a PostgreSQL hub",
                     R"(usage: govbench team init|join|sync|status|log|conflicts|resolve|member|snapshot ...

Team mode keeps one governance database for a whole team. The team's hub is
a PostgreSQL database holding the ordered log of every change; each member
works on a full replica (an ordinary govbench database file) that works
offline, and 'team sync' exchanges changes with the hub. Every change is
signed by its author and checked by every replica; who may change what is
PostgreSQL's own roles (analyst: may push changes; reader: may only read).

  init        publish a database to an empty hub (you become its first member)
  join        make a replica of a team's database
  sync        pull the hub's changes, push yours
  status      head, pending changes, conflicts, last sync
  log         who changed what, and when
  conflicts   your changes that met a colleague's on the same value
  resolve     keep your value or theirs
  member      add, remove or list members (add and remove: the hub's owner)
  snapshot    publish a snapshot for members who join later

The hub's address is a PostgreSQL URL or connection string, as libpq reads
it: postgresql://HOST:PORT/DB?user=NAME&sslmode=verify-full. Passwords come
from PGPASSFILE (~/.pgpass) and are never stored in a replica or printed.
'tools/dev.sh hub' starts a throw-away hub to try it with.

'govbench team SUBCOMMAND --help' explains each.
)",
                     {}, 0, 0, nullptr);
  team.subcommands.push_back(sub("init", "publish a database to an empty hub",
                                 R"(usage: govbench team init --db FILE --hub URL [--name DISPLAY] [--key KEYFILE]

Publishes FILE to the empty PostgreSQL database at URL: creates the hub's
tables and roles, records you (the URL's user) as its first member and
owner, and uploads the first snapshot. FILE becomes your replica; edit it as
always and run 'govbench team sync --db FILE' to share your changes.

A signing key is made for you (unless KEYFILE exists already) in your
configuration folder, never in the database.

options:
  --db FILE       the database to publish (it becomes your replica)
  --hub URL       an empty PostgreSQL database you may create roles in
  --name DISPLAY  your name as colleagues see it ("A. Analyst")
  --key KEYFILE   your signing key (default: $XDG_CONFIG_HOME/govbench/team/TEAM/NAME.key)

example:
  govbench team init --db governance.db --hub "postgresql:///team?host=/tmp/hub&port=5499&user=alice" --name "A. Analyst"
)",
                                 {db, {"--hub", true}, {"--name", true}, {"--key", true}}, 0, 0, cmd_init));
  team.subcommands.push_back(sub("join", "make a replica of a team's database",
                                 R"(usage: govbench team join --hub URL --as NAME -o FILE [--key KEYFILE]

Makes FILE a new replica of the team at URL, from the hub's latest snapshot
(checked against its author's signature) and every change after it. NAME
must have been added by the hub's owner ('govbench team member add'). The
first join records your public key on the hub.

options:
  --hub URL       the team's hub (PostgreSQL URL; the user defaults to NAME)
  --as NAME       your member name (your PostgreSQL role)
  -o FILE         the new replica (must not exist)
  --key KEYFILE   your signing key (made when missing)

example:
  govbench team join --hub "postgresql:///team?host=/tmp/hub&port=5499" --as bob -o team.db
)",
                                 {{"--hub", true}, {"--as", true}, {"-o", true}, {"--key", true}}, 0, 0, cmd_join));
  team.subcommands.push_back(sub("sync", "exchange changes with the hub",
                                 R"(usage: govbench team sync --db FILE

Pulls every change after the replica's head, checks each one's signature
against its author's key, and applies them in order in one transaction;
your changes not yet on the hub are rebased on top and pushed. When another
replica pushes first, sync pulls again and retries. When a colleague's
change and yours set the same value differently, yours is held as a
conflict (see 'govbench team conflicts'); nothing is resolved silently.

When the hub cannot be reached, your changes stay pending in FILE (they
survive a restart) and are pushed at the next sync. Exit code 1 then.
)",
                                 {db}, 0, 0, cmd_sync));
  team.subcommands.push_back(sub("status", "the replica's state", R"(usage: govbench team status --db FILE

Prints the hub, your member name and replica number, the head (the last
hub change this replica holds), how many of your changes are pending, open
conflicts, the last sync, and the content fingerprint (two replicas with the
same head and fingerprint hold the same data). Reads only; no hub needed.
)",
                                 {db}, 0, 0, cmd_status));
  team.subcommands.push_back(sub("log", "who changed what, and when", R"(usage: govbench team log --db FILE [--limit N]

Lists changes newest first, like 'git log': your pending changes, then the
hub's (sequence number, time in UTC, author, summary). No hub needed.
)",
                                 {db, {"--limit", true}}, 0, 0, cmd_log));
  team.subcommands.push_back(sub("conflicts", "your changes held by a conflict",
                                 R"(usage: govbench team conflicts --db FILE [--all]

Lists the open conflicts: for each, the row, who made each change and
when, and each value yours and theirs (the differing ones marked). Until
resolved the replica shows the hub's value. --all lists resolved ones too.
)",
                                 {db, {"--all", false}}, 0, 0, cmd_conflicts));
  team.subcommands.push_back(sub("resolve", "keep your value or theirs",
                                 R"(usage: govbench team resolve ID --keep mine|theirs --db FILE

Resolves conflict ID. 'mine' writes your values over the hub's; 'theirs'
keeps the hub's (parts of your change that did not clash still apply).
Either way the choice is an edit, recorded with both values and who made
each, and sent to the hub at the next sync.
)",
                                 {db, {"--keep", true}}, 1, 1, cmd_resolve));
  team.subcommands.push_back(
      sub("member", "add, remove or list members",
          R"(usage: govbench team member add NAME [--role analyst|reader] [--display TEXT] --db FILE
       govbench team member remove NAME --db FILE
       govbench team member list --db FILE

'add' creates the PostgreSQL login role NAME (if missing) in the role's
group and records the member; 'remove' takes the role out of the team (it
may no longer connect; its past changes stay verifiable). Only the hub's
owner may do either: the server refuses anyone else. An analyst may push
changes and publish packs; a reader may only read.
)",
          {db, {"--role", true}, {"--display", true}}, 1, 2, cmd_member));
  team.subcommands.push_back(sub("snapshot", "publish a snapshot for later joiners",
                                 R"(usage: govbench team snapshot --db FILE

Uploads the replica at its head (signed) so that members who join later
start from it rather than replaying every change. Your changes must be on
the hub first (sync).
)",
                                 {db}, 0, 0, cmd_snapshot));
  out.push_back(std::move(team));
}

}  // namespace gb::app

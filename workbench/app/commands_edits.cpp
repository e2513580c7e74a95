// `govbench undo`, `redo` and `history`: the edit history from the command
// line, the same one the window's Ctrl+Z and Ctrl+Y walk (engine/edit_path.hpp).

#include <iostream>
#include <string>

#include "app/cli.hpp"
#include "core/error.hpp"
#include "engine/database.hpp"
#include "engine/edit_path.hpp"

namespace gb::app {

namespace {

data::Db open_for_edits(const Args& a) {
  return engine::open_for_editing(a.require("--db"));
}

int walk(const Args& a, bool undo) {
  data::Db db = open_for_edits(a);
  engine::EditPath edits(db);
  const int steps = a.get_int("--steps", 1, 1, 1000);
  int done = 0;
  for (; done < steps; ++done) {
    const engine::EditOutcome r = undo ? edits.undo() : edits.redo();
    if (!r.changed) break;
    std::cout << r.message << "\n";
  }
  if (done == 0) {
    std::cerr << (undo ? "nothing to undo" : "nothing to redo") << " in " << db.path().string() << "\n";
  } else if (done < steps) {
    std::cerr << (undo ? "undid " : "redid ") << done << " of the " << steps << " asked for: there was no more to "
              << (undo ? "undo" : "redo") << "\n";
  }
  if (const auto next = undo ? edits.next_redo() : edits.next_undo(); next && done > 0)
    std::cerr << "'govbench " << (undo ? "redo" : "undo") << " --db " << db.path().string() << "' "
              << (undo ? "makes it again" : "takes it back") << "\n";
  return 0;
}

int cmd_undo(const Args& a) {
  return walk(a, true);
}
int cmd_redo(const Args& a) {
  return walk(a, false);
}

// What became of an edit, for the history's last column.
std::string state_of(const data::EditSummary& e) {
  return e.undone_by ? "undone by " + std::to_string(*e.undone_by) : std::string();
}

int cmd_history(const Args& a) {
  data::Db db = engine::open_for_reading(a.require("--db"));
  engine::EditPath edits(db);
  const int limit = a.get_int("--limit", 20, 1, 100000);
  const auto list = edits.history(limit);
  if (list.empty()) {
    std::cerr << "no edits in " << db.path().string() << "\n";
    return 0;
  }
  for (const auto& e : list) {
    const std::string state = state_of(e);
    std::cout << e.id << "  " << e.at.substr(0, 19) << "  " << (e.who.empty() ? "?" : e.who) << "  " << e.kind << "  "
              << e.description << (state.empty() ? "" : "  [" + state + "]") << "\n";
  }
  if (const auto u = edits.next_undo()) std::cerr << "undo would take back edit " << u->id << "\n";
  if (const auto r = edits.next_redo()) std::cerr << "redo would make again what edit " << r->id << " undid\n";
  return 0;
}

}  // namespace

void register_edit_commands(std::vector<Command>& out) {
  out.push_back({"undo",
                 "take back the latest edit (the window's Ctrl+Z)",
                 R"(usage: govbench undo --db FILE [--steps N]

Takes back the latest edit that stands, whatever made it: the window, a
'session' or 'scenario' command, an applied scenario. Edits are risk
assessments, control progress, action and improvement action status,
sessions, agenda items, notes and decisions, actions agreed in sessions,
scenarios and their changes: one history, the one the window's Ctrl+Z and
Ctrl+Y walk. Each undo is itself recorded (kind 'undo', with audit-log rows
pointing at the rows it reverted); 'govbench redo' makes the edit again.

An undo never overwrites a change it did not make: when a row the edit
wrote has been changed since (by another edit taken back in a different
order, a script, another program), it refuses, names the row, and changes
nothing.

Prints what was undone, one line per step. Imports are not edits and are
not undone.

options:
  --db FILE     the governance database (upgraded to the current schema)
  --steps N     undo up to N edits, latest first (default 1)

examples:
  govbench undo --db demo.db
  govbench undo --db demo.db --steps 3
)",
                 {{"--db", true}, {"--steps", true}},
                 0,
                 0,
                 cmd_undo});
  out.push_back({"redo",
                 "make the latest undone edit again (the window's Ctrl+Y)",
                 R"(usage: govbench redo --db FILE [--steps N]

Makes again what the latest undo took back, as the window's Ctrl+Y does.
Redo is possible only until a new edit is made: a new edit starts a new
line of history, as in any editor. A redo is recorded (kind 'redo') and
'govbench undo' takes it back like any edit. Refuses, changing nothing,
when a row has been changed since the undo.

options:
  --db FILE     the governance database (upgraded to the current schema)
  --steps N     redo up to N undos, latest first (default 1)

example:
  govbench redo --db demo.db
)",
                 {{"--db", true}, {"--steps", true}},
                 0,
                 0,
                 cmd_redo});
  out.push_back({"history",
                 "list the latest edits, undos and redos",
                 R"(usage: govbench history --db FILE [--limit N]

Lists the edit history, newest first: id, time (UTC), who, kind and what
was done, with "[undone by N]" on an edit an undo took back. Says on stderr
which edit 'govbench undo' and 'govbench redo' would act on. Reads only.

options:
  --db FILE     the governance database
  --limit N     how many to list (default 20)
)",
                 {{"--db", true}, {"--limit", true}},
                 0,
                 0,
                 cmd_history});
}

}  // namespace gb::app

// session: review sessions from the command line: create, list, show,
// agenda, record notes/decisions/actions, start (snapshot), export minutes.
#include <charconv>
#include <cstdio>
#include <iostream>
#include <memory>

#include "app/cli.hpp"
#include "app/workspace_packs.hpp"
#include "core/text.hpp"
#include "data/session_model.hpp"
#include "engine/database.hpp"
#include "engine/edit_path.hpp"
#include "engine/sessions.hpp"
#include "engine/views.hpp"
#include "engine/workspace.hpp"
#include "export/html.hpp"
#include "export/markdown.hpp"
#include "export/paper_export.hpp"
#include "export/pdf.hpp"

namespace gb::app {

namespace {

std::int64_t parse_id(const std::string& what, const std::string& text) {
  std::int64_t v = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < 1)
    throw UsageError(what + " must be a positive whole number (got '" + text + "')");
  return v;
}

int parse_position(const std::string& text) {
  const std::int64_t v = parse_id("the agenda item number", text);
  if (v > 100000) throw UsageError("the agenda item number is too large (got '" + text + "')");
  return static_cast<int>(v);
}

data::Params parse_params(const Args& a) {
  data::Params out;
  for (const auto& p : a.all("--param")) {
    const auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--param must be NAME=VALUE (got '" + p + "')");
    out.emplace_back(p.substr(0, eq), p.substr(eq + 1));
  }
  return out;
}

data::Db open_rw(const Args& a) {
  return engine::open_for_editing(a.require("--db"));
}
data::Db open_ro(const Args& a) {
  return engine::open_for_reading(a.require("--db"));
}

// The packs and a view builder over the database, as `render` uses them.
struct Engine {
  explicit Engine(const Args& a, const std::string& db_path) {
    script::Limits limits;
    {
      data::Db check = engine::open_for_reading(db_path);
      limits = engine::workspace_limits(check);
    }
    packs = std::make_unique<script::PackSet>(limits, print_console_message);
    add_workspace_packs(*packs, a.all("--packs"));
    packs->load();
    for (const auto& p : packs->problems()) std::cerr << "govbench: session: " << p.to_string() << "\n";
    sdb = std::make_unique<script::ScriptDb>(db_path);
    evaluator = std::make_unique<engine::IndicatorEvaluator>(*packs, *sdb);
    label = db_path;
  }
  engine::ViewBuilder builder() {
    return [this](const engine::ViewRequest& r) { return engine::build_view(*packs, *sdb, *evaluator, r, label); };
  }
  std::unique_ptr<script::PackSet> packs;
  std::unique_ptr<script::ScriptDb> sdb;
  std::unique_ptr<engine::IndicatorEvaluator> evaluator;
  std::string label;
};

int cmd_new(const Args& a) {
  data::Db db = open_rw(a);
  data::SessionFields f{.title = a.require("--title"),
                        .board = a.get("--board").value_or(""),
                        .held_on = a.require("--date"),
                        .attendees = a.all("--attendee")};
  const std::int64_t id = engine::EditPath(db).create_session(f).row_id;
  std::cout << id << "\n";
  std::cerr << "created session " << id << " \"" << f.title << "\" (" << f.held_on << ")\n";
  return 0;
}

int cmd_list(const Args& a) {
  data::Db db = open_ro(a);
  const auto all = data::list_sessions(db);
  if (all.empty()) {
    std::cerr << "no sessions yet (create one with 'govbench session new')\n";
    return 0;
  }
  std::printf("%-5s %-10s %-6s %-24s %-22s %s\n", "ID", "DATE", "ITEMS", "STARTED", "BOARD", "TITLE");
  for (const auto& s : all)
    std::printf("%-5lld %-10s %-6d %-24s %-22s %s\n", static_cast<long long>(s.id), s.held_on.c_str(), s.items,
                s.started_at.empty() ? "-" : s.started_at.c_str(), s.board.empty() ? "-" : s.board.c_str(),
                s.title.c_str());
  return 0;
}

int cmd_show(const Args& a) {
  data::Db db = open_ro(a);
  const std::int64_t id = parse_id("the session id", a.positional().at(0));
  const data::Session s = data::get_session(db, id);
  std::cout << "session " << s.id << ": " << s.title << "\n"
            << "  board:     " << (s.board.empty() ? "-" : s.board) << "\n"
            << "  date:      " << s.held_on << "\n"
            << "  attendees: ";
  for (std::size_t i = 0; i < s.attendees.size(); ++i) std::cout << (i ? ", " : "") << s.attendees[i];
  std::cout << (s.attendees.empty() ? "-\n" : "\n");
  if (s.started_at.empty())
    std::cout << "  started:   not yet\n";
  else
    std::cout << "  started:   " << s.started_at << " (data fingerprint " << s.data_fingerprint << ", packs "
              << s.packs_json << ")\n";
  const auto records = data::session_records(db, id);
  std::cout << "agenda:\n";
  for (const auto& it : data::agenda(db, id)) {
    std::cout << "  " << it.position << ". " << it.view_id;
    for (const auto& [k, v] : it.params) std::cout << " " << k << "=" << v;
    const auto snap = data::snapshot(db, it.id);
    std::cout << (snap ? "  [presented " + snap->presented_at + "]" : "  [not presented]") << "\n";
    if (!it.note.empty()) std::cout << "     note: " << it.note << "\n";
    for (const auto& r : records) {
      if (r.item_id != it.id) continue;
      if (r.kind == data::RecordKind::Action)
        std::cout << "     action " << r.action_ref << ": " << r.text << " (owner " << r.owner
                  << (r.due.empty() ? "" : ", due " + r.due) << (r.risks.empty() ? "" : ", risks " + r.risks) << ")\n";
      else
        std::cout << "     " << data::record_kind_name(r.kind) << ": " << r.text << "\n";
    }
  }
  if (s.items == 0) std::cout << "  (empty)\n";
  return 0;
}

int cmd_agenda_add(const Args& a) {
  const std::string db_path = a.require("--db");
  const std::int64_t id = parse_id("the session id", a.positional().at(0));
  const std::string view = a.positional().at(1);
  const data::Params params = parse_params(a);
  {
    // The view must exist and accept the parameters: build it once now
    // rather than find out in front of the board.
    Engine eng(a, db_path);
    if (!eng.packs->find_view(view))
      throw Error("no pack defines a view '" + view + "' (see the Views panel or 'govbench check')");
    eng.builder()(engine::ViewRequest{view, params, ""});
  }
  data::Db db = open_rw(a);
  data::NewAgendaItem item{.view_id = view,
                           .params = params,
                           .note = a.get("--note").value_or(""),
                           .position = a.has("--at") ? parse_position(a.require("--at")) : 0};
  const std::int64_t item_id = engine::EditPath(db).add_agenda_item(id, item).row_id;
  std::cerr << "added " << view << " as agenda item " << data::agenda_item(db, item_id).position << " of session " << id
            << "\n";
  return 0;
}

int cmd_agenda_move(const Args& a) {
  data::Db db = open_rw(a);
  const std::int64_t id = parse_id("the session id", a.positional().at(0));
  const int from = parse_position(a.positional().at(1)), to = parse_position(a.positional().at(2));
  engine::EditPath(db).move_agenda_item(id, from, to);
  std::cerr << "moved agenda item " << from << " to " << to << "\n";
  return 0;
}

int cmd_agenda_remove(const Args& a) {
  data::Db db = open_rw(a);
  const std::int64_t id = parse_id("the session id", a.positional().at(0));
  const int pos = parse_position(a.positional().at(1));
  engine::EditPath(db).remove_agenda_item(id, pos);
  std::cerr << "removed agenda item " << pos << "\n";
  return 0;
}

int record_text(const Args& a, data::RecordKind kind) {
  data::Db db = open_rw(a);
  const std::int64_t id = parse_id("the session id", a.positional().at(0));
  const data::AgendaItem it = data::agenda_item_at(db, id, parse_position(a.positional().at(1)));
  const std::string text = a.positional().at(2);
  if (trim(text).empty()) throw UsageError(std::string("the ") + data::record_kind_name(kind) + " is empty");
  const std::int64_t rec = engine::EditPath(db).add_record(it.id, kind, text).row_id;
  std::cerr << "recorded " << data::record_kind_name(kind) << " " << rec << " on agenda item " << it.position << "\n";
  return 0;
}

int cmd_record_note(const Args& a) {
  return record_text(a, data::RecordKind::Note);
}
int cmd_record_decision(const Args& a) {
  return record_text(a, data::RecordKind::Decision);
}

int cmd_record_action(const Args& a) {
  data::Db db = open_rw(a);
  const std::int64_t id = parse_id("the session id", a.positional().at(0));
  const data::AgendaItem it = data::agenda_item_at(db, id, parse_position(a.positional().at(1)));
  data::SessionActionEdit e{.agenda_item_id = it.id,
                            .title = a.require("--title"),
                            .owner = a.require("--owner"),
                            .due = a.get("--due").value_or(""),
                            .risk_refs = {}};
  for (const auto& r : a.all("--risk")) e.risk_refs.push_back(parse_id("--risk", r));
  const engine::EditOutcome r = engine::EditPath(db).session_action(e);
  std::cerr << "recorded " << r.message << " (edit " << r.edit_id
            << "; 'govbench undo --db FILE' or Ctrl+Z in the workbench undoes it)\n";
  return 0;
}

// For the durability test: records COUNT notes, one transaction each, and
// prints "saved N" (flushed) after each has been committed.
int cmd_record_loop(const Args& a) {
  data::Db db = open_rw(a);
  const std::int64_t id = parse_id("the session id", a.positional().at(0));
  const data::AgendaItem it = data::agenda_item_at(db, id, parse_position(a.positional().at(1)));
  const int count = a.get_int("--count", 1000, 1, 10000000);
  engine::EditPath edits(db);
  for (int i = 1; i <= count; ++i) {
    edits.add_record(it.id, data::RecordKind::Note, "note " + std::to_string(i));
    std::printf("saved %d\n", i);
    std::fflush(stdout);
  }
  return 0;
}

int cmd_start(const Args& a) {
  const std::string db_path = a.require("--db");
  const std::int64_t id = parse_id("the session id", a.positional().at(0));
  Engine eng(a, db_path);
  data::Db db = open_rw(a);
  const engine::StartResult r = engine::start_session(db, *eng.packs, eng.builder(), id);
  const data::Session s = data::get_session(db, id);
  std::cerr << (r.started_now ? "started" : "already started; refreshed the snapshots of") << " session " << id << ": "
            << r.snapshots << (r.snapshots == 1 ? " agenda item" : " agenda items")
            << " kept as presented (data fingerprint " << s.data_fingerprint << ")\n";
  if (r.view_errors)
    std::cerr << "govbench: session start: the views have " << r.view_errors << " problem(s), shown in place\n";
  return 0;
}

int cmd_export(const Args& a) {
  const std::string db_path = a.require("--db");
  const std::string format = a.require("--format");
  if (format != "html" && format != "md" && format != "pdf" && format != "xlsx")
    throw UsageError("--format must be html, pdf, md or xlsx");
  const std::string out = a.require("-o");
  const std::int64_t id = parse_id("the session id", a.positional().at(0));
  data::Db db = open_ro(a);
  if (format == "xlsx") {
    exporter::write_paper({{out, xlsx::workbook_bytes(engine::minutes_workbook(db, id, db_path))}}, db_path);
    std::cerr << "wrote " << out << "\n";
    return 0;
  }
  const Tree minutes = engine::minutes_tree(db, id, db_path);
  const std::string text = format == "md"    ? exporter::render_markdown(minutes)
                           : format == "pdf" ? exporter::render_pdf(minutes)
                                             : exporter::render_html(minutes);
  exporter::write_paper({{out, text}}, db_path);
  std::cerr << "wrote " << out << "\n";
  return view_error_count(minutes) ? 1 : 0;
}

Command sub(std::string name, std::string summary, std::string help, std::vector<OptionSpec> options, int min_pos,
            int max_pos, int (*run)(const Args&)) {
  return Command{std::move(name), std::move(summary), std::move(help), std::move(options), min_pos, max_pos, run, {}};
}

}  // namespace

void register_session_commands(std::vector<Command>& out) {
  const OptionSpec db{"--db", true};
  const OptionSpec packs{"--packs", true, true};
  Command agenda = sub("agenda", "edit a session's agenda", R"(usage: govbench session agenda add|move|remove ...

  add ID VIEW_ID      add a board view to the agenda
  move ID FROM TO     move agenda item FROM to position TO
  remove ID N         remove agenda item N (refused if anything is recorded on it)

'govbench session agenda SUBCOMMAND --help' explains each.
)",
                       {}, 0, 0, nullptr);
  agenda.subcommands.push_back(
      sub("add", "add a view to the agenda",
          R"(usage: govbench session agenda add ID VIEW_ID --db FILE [--param NAME=VALUE]... [--note TEXT]
                                  [--at N] [--packs DIR]...

Adds the board view VIEW_ID (with its parameters) to the agenda of session
ID, at the end or at position N (later items move down). The view is built
once first, so a view that does not exist or a parameter it does not take
is refused before anything is stored.

example:
  govbench session agenda add 1 audit_panel.risks --param term=long --note "Long-term risks" --db demo.db
)",
          {db, packs, {"--param", true, true}, {"--note", true}, {"--at", true}}, 2, 2, cmd_agenda_add));
  agenda.subcommands.push_back(sub("move", "reorder the agenda",
                                   R"(usage: govbench session agenda move ID FROM TO --db FILE

Moves agenda item FROM of session ID to position TO; the items between
shift by one. Notes and decisions stay with their item.
)",
                                   {db}, 3, 3, cmd_agenda_move));
  agenda.subcommands.push_back(sub("remove", "remove an agenda item",
                                   R"(usage: govbench session agenda remove ID N --db FILE

Removes agenda item N of session ID; later items move up. An item with
notes, decisions or actions recorded on it is not removed (nothing
recorded is ever lost this way).
)",
                                   {db}, 2, 2, cmd_agenda_remove));

  Command record =
      sub("record", "record a note, decision or action", R"(usage: govbench session record note|decision|action ...

  note ID N TEXT                               a note on agenda item N
  decision ID N TEXT                           a decision on agenda item N
  action ID N --title T --owner O [--due D]    an action (goes into the register's actions)

'govbench session record SUBCOMMAND --help' explains each.
)",
          {}, 0, 0, nullptr);
  record.subcommands.push_back(sub("note", "record a note", R"(usage: govbench session record note ID N TEXT --db FILE

Records TEXT as a note on agenda item N of session ID. It is committed
before the command returns.
)",
                                   {db}, 3, 3, cmd_record_note));
  record.subcommands.push_back(sub("decision", "record a decision",
                                   R"(usage: govbench session record decision ID N TEXT --db FILE

Records TEXT as a decision on agenda item N of session ID.
)",
                                   {db}, 3, 3, cmd_record_decision));
  record.subcommands.push_back(sub(
      "action", "record an action",
      R"(usage: govbench session record action ID N --title TEXT --owner NAME [--due YYYY-MM-DD]
                                    [--risk REF]... --db FILE

Records an action agreed on agenda item N of session ID. It becomes an item
of the REVIEW action plan ("Actions agreed in review sessions") with its
owner and due date, linked to each --risk (the register's ref), so the
register's linked actions show it. Like any edit it is written with its
audit-log rows and can be undone (govbench undo --db FILE, or Ctrl+Z in the
workbench).

example:
  govbench session record action 1 2 --title "Report on vetting backlog" --owner "DAC Professionalism" \
      --due 2022-03-31 --risk 10 --db demo.db
)",
      {db, {"--title", true}, {"--owner", true}, {"--due", true}, {"--risk", true, true}}, 2, 2, cmd_record_action));
  record.subcommands.push_back(sub("loop", "(test aid) record notes in a loop",
                                   R"(usage: govbench session record loop ID N --db FILE [--count K]

A test aid for durability: records K notes ("note 1", "note 2", ...) on
agenda item N of session ID, each in its own transaction, and prints
"saved I" after note I is committed.
)",
                                   {db, {"--count", true}}, 2, 2, cmd_record_loop));

  Command session = sub("session", "review sessions: new, list, show, agenda, record, start, export",
                        R"(usage: govbench session SUBCOMMAND ...

A review session is a board meeting or deep-dive run from the workbench: an
agenda of board views, presented in turn (F11 in the workbench), with
notes, decisions and actions recorded against each item, and minutes.

  new --title T --date D [--board B] [--attendee NAME]...   create a session (prints its id)
  list                                                      list sessions
  show ID                                                   a session, its agenda and records
  agenda add|move|remove ...                                edit the agenda
  record note|decision|action ...                           record against an agenda item
  start ID                                                  keep every item's view as presented
  export ID --format html|pdf|md|xlsx -o OUT                the minutes (xlsx: decisions and actions)

Every subcommand takes --db FILE; 'govbench session SUBCOMMAND --help'
explains each.

example:
  id=$(govbench session new --db demo.db --title "Audit Panel" --date 2022-01-17 --board "Audit Panel" \
       --attendee "Chair" --attendee "Head of DARA")
  govbench session agenda add $id audit_panel.risks --db demo.db
  govbench session start $id --db demo.db
  govbench session record decision $id 1 "Risk 10 stays at VH v VH" --db demo.db
  govbench session export $id --db demo.db --format html -o minutes.html
)",
                        {}, 0, 0, nullptr);
  session.subcommands.push_back(sub(
      "new", "create a session", R"(usage: govbench session new --db FILE --title TEXT --date YYYY-MM-DD [--board NAME]
                            [--attendee NAME]...

Creates a review session and prints its id on standard output.
)",
      {db, {"--title", true}, {"--date", true}, {"--board", true}, {"--attendee", true, true}}, 0, 0, cmd_new));
  session.subcommands.push_back(sub("list", "list sessions", R"(usage: govbench session list --db FILE

Lists the sessions, latest meeting first: id, date, agenda length, when it
was started (presented), board and title.
)",
                                    {db}, 0, 0, cmd_list));
  session.subcommands.push_back(sub("show", "show a session", R"(usage: govbench session show ID --db FILE

Shows session ID: its board, date, attendees, start (data fingerprint and
packs), and its agenda with what was recorded on each item.
)",
                                    {db}, 1, 1, cmd_show));
  session.subcommands.push_back(std::move(agenda));
  session.subcommands.push_back(std::move(record));
  session.subcommands.push_back(sub("start", "start a session: keep its views as presented",
                                    R"(usage: govbench session start ID --db FILE [--packs DIR]...

Starts session ID: records the database content fingerprint and the packs'
versions (first start only), then builds every agenda item's view and keeps
it as presented, so the minutes show exactly what the room saw even after
the data or packs change. Presenting an item in the workbench does the
same for that item.
)",
                                    {db, packs}, 1, 1, cmd_start));
  session.subcommands.push_back(sub("export", "export the minutes",
                                    R"(usage: govbench session export ID --db FILE --format html|pdf|md|xlsx -o OUT

Writes the minutes of session ID: attendees, each agenda item with its view
as presented (tables and charts, from the kept snapshot), the notes,
decisions and actions (owners, due dates) recorded on it, and the
scenarios discussed.

  html   one self-contained file that prints on A4, like 'govbench render'
  pdf    an A4 paper with page numbers, like 'govbench render --format pdf'
  md     Markdown, for an email or a wiki
  xlsx   a workbook for tracking what was agreed: a Session sheet
         (title, board, date, attendees, fingerprint), then Decisions,
         Actions (ref, what, owner, due date, status, linked risks) and
         Notes, one row each with its agenda item and view, when and by
         whom it was recorded; the views themselves are left out

An item that was never presented says so (its view is not rebuilt from
today's data). OUT is written whole or not at all (a link's target is
written, the link kept); a device or pipe (/dev/stdout, a FIFO) or - is
written as a stream; a folder is refused.
)",
                                    {db, {"--format", true}, {"-o", true}}, 1, 1, cmd_export));
  out.push_back(std::move(session));
}

}  // namespace gb::app

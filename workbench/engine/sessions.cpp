#include "engine/sessions.hpp"

#include <optional>
#include <utility>

#include "core/dates.hpp"
#include "core/json.hpp"
#include "data/sessions.hpp"
#include "data/settings.hpp"
#include "engine/evaluator.hpp"

namespace gb::engine {

namespace {

Tree text_element(std::string text) {
  Tree t = Tree::object();
  t.set("type", "text");
  t.set("text", std::move(text));
  return t;
}

Tree section(std::string title) {
  Tree s = Tree::object();
  s.set("type", "section");
  s.set("title", std::move(title));
  s.set("children", Tree::array());
  return s;
}

// A section's children array (section() always makes one).
Tree& children(Tree& container) {
  for (auto& [k, v] : container.as_object())
    if (k == "children") return v;
  return container.set("children", Tree::array());
}

Tree column(const char* key, const char* label) {
  Tree c = Tree::object();
  c.set("key", key);
  c.set("label", label);
  c.set("format", "text");
  return c;
}

// Markup characters in typed text are shown as typed: a note saying
// "*urgent*" is not turned into italics. Bullets and paragraphs stay.
std::string plain(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '*')
      out += "\u2217";  // asterisk operator: looks the same, is not markup
    else
      out += c;
  }
  return out;
}

std::string params_line(const data::Params& params) {
  std::string out;
  for (const auto& [k, v] : params) out += (out.empty() ? "" : ", ") + k + " = " + v;
  return out;
}

Tree snapshot_tree(const data::Snapshot& snap, std::string& problem) {
  try {
    Tree t = parse_json(snap.tree_json);
    if (!t.is_object()) throw Error("the snapshot is not a JSON object");
    return t;
  } catch (const Error& e) {
    problem = "the snapshot of this item taken at " + snap.presented_at + " cannot be read (" + e.message() + ")";
    return Tree();
  }
}

}  // namespace

std::string packs_json(const script::PackSet& packs) {
  Tree pk = Tree::array();
  for (const auto& e : packs.entries()) {
    if (!e.active) continue;
    Tree p = Tree::object();
    p.set("name", e.active->name());
    p.set("version", e.active->manifest().version.to_string());
    pk.push(std::move(p));
  }
  return pk.to_json();
}

std::string packs_json(const PackCatalog& packs) {
  Tree pk = Tree::array();
  for (const auto& e : packs.packs) {
    if (!e.active || !e.manifest) continue;
    Tree p = Tree::object();
    p.set("name", e.name);
    p.set("version", e.manifest->version.to_string());
    pk.push(std::move(p));
  }
  return pk.to_json();
}

Tree present_agenda_item(data::Db& db, const script::PackSet& packs, const ViewBuilder& build, std::int64_t item_id) {
  return present_agenda_item(db, packs_json(packs), build, item_id);
}

Tree present_agenda_item(data::Db& db, const std::string& packs, const ViewBuilder& build, std::int64_t item_id) {
  const data::AgendaItem item = data::agenda_item(db, item_id);
  const data::Session s = data::get_session(db, item.session_id);
  if (s.started_at.empty()) data::mark_session_started(db, s.id, data::content_fingerprint(db), packs);
  Tree view = build(ViewRequest{item.view_id, item.params, ""});
  std::string fingerprint;
  if (const Tree* prov = view.find("provenance"))
    if (const Tree* f = prov->find("data_fingerprint"); f && f->is_string()) fingerprint = f->as_string();
  if (fingerprint.empty()) fingerprint = data::content_fingerprint(db);
  data::save_snapshot(db, item_id, fingerprint, view.to_json());
  return view;
}

StartResult start_session(data::Db& db, const script::PackSet& packs, const ViewBuilder& build,
                          std::int64_t session_id) {
  StartResult r;
  r.started_now = data::mark_session_started(db, session_id, data::content_fingerprint(db), packs_json(packs));
  for (const auto& item : data::agenda(db, session_id)) {
    const Tree view = present_agenda_item(db, packs, build, item.id);
    r.view_errors += static_cast<int>(view_error_count(view));
    ++r.snapshots;
  }
  return r;
}

Tree minutes_tree(data::Db& db, std::int64_t session_id, const std::string& database_label) {
  const data::Session s = data::get_session(db, session_id);
  const auto items = data::agenda(db, session_id);
  const auto records = data::session_records(db, session_id);

  Tree view = Tree::object();
  view.set("type", "view");
  view.set("id", "session." + std::to_string(s.id) + ".minutes");
  view.set("title", "Minutes: " + s.title);
  view.set("board", s.board);
  Tree params = Tree::object();
  params.set("session", std::to_string(s.id));
  params.set("date", s.held_on);
  view.set("params", std::move(params));
  Tree kids = Tree::array();
  Tree errors = Tree::array();

  Tree head = section("Meeting");
  {
    std::string t = "- **Date:** " + s.held_on + "\n";
    if (!s.board.empty()) t += "- **Board:** " + plain(s.board) + "\n";
    t += s.started_at.empty()
             ? std::string("- **Presented:** not yet presented\n")
             : "- **Presented from:** " + s.started_at + " (data fingerprint " + s.data_fingerprint + ")\n";
    children(head).push(text_element(t));
  }
  Tree att = section("Attendees");
  {
    std::string t;
    for (const auto& a : s.attendees) t += "- " + plain(a) + "\n";
    children(att).push(text_element(t.empty() ? "No attendees recorded." : t));
  }
  kids.push(std::move(head));
  kids.push(std::move(att));

  for (const auto& item : items) {
    std::string title = std::to_string(item.position) + ". ";
    std::optional<data::Snapshot> snap = data::snapshot(db, item.id);
    Tree shown;
    std::string problem;
    if (snap) shown = snapshot_tree(*snap, problem);
    const Tree* vt = shown.is_object() ? shown.find("title") : nullptr;
    title += vt && vt->is_string() ? vt->as_string() : item.view_id;
    Tree sec = section(title);
    std::string sub = "View " + item.view_id;
    if (const std::string p = params_line(item.params); !p.empty()) sub += " (" + p + ")";
    sec.set("subtitle", sub);
    if (!item.note.empty()) children(sec).push(text_element("*Agenda note:* " + plain(item.note)));

    if (!snap) {
      children(sec).push(
          text_element("*Not presented: no snapshot of this item's view was kept, so it is not shown.*"));
    } else if (!problem.empty()) {
      Tree e = Tree::object();
      e.set("type", "error");
      e.set("message", problem);
      children(sec).push(e);
      Tree listed = Tree::object();
      listed.set("message", "item " + std::to_string(item.position) + ": " + problem);
      errors.push(std::move(listed));
    } else {
      std::string line = "*As presented at " + snap->presented_at + " (data fingerprint " + snap->data_fingerprint;
      if (const Tree* prov = shown.find("provenance"))
        if (const Tree* pk = prov->find("packs"); pk && pk->is_array()) {
          std::string packs;
          for (const Tree& p : pk->as_array()) {
            const Tree* n = p.find("name");
            const Tree* v = p.find("version");
            if (n && n->is_string())
              packs += (packs.empty() ? "" : ", ") + n->as_string() + (v && v->is_string() ? " " + v->as_string() : "");
          }
          if (!packs.empty()) line += "; packs " + packs;
        }
      children(sec).push(text_element(line + ").*"));
      if (const Tree* ve = shown.find("errors"); ve && ve->is_array())
        for (const Tree& e : ve->as_array()) {
          Tree listed = Tree::object();
          const Tree* m = e.find("message");
          listed.set("message", "item " + std::to_string(item.position) + ": " +
                                    (m && m->is_string() ? m->as_string() : "a problem in the view"));
          errors.push(std::move(listed));
        }
      if (const Tree* vk = shown.find("children"); vk && vk->is_array())
        for (const Tree& k : vk->as_array()) children(sec).push(k);
    }

    std::string notes, decisions;
    Tree actions = Tree::object();
    actions.set("type", "table");
    actions.set("title", "Actions");
    Tree cols = Tree::array();
    for (auto [k, l] :
         {std::pair{"ref", "Action"}, {"title", "What"}, {"owner", "Owner"}, {"due", "Due"}, {"risks", "Risks"}})
      cols.push(column(k, l));
    actions.set("columns", std::move(cols));
    Tree rows = Tree::array();
    for (const auto& r : records) {
      if (r.item_id != item.id) continue;
      if (r.kind == data::RecordKind::Note && !r.text.empty()) notes += "- " + plain(r.text) + "\n";
      if (r.kind == data::RecordKind::Decision && !r.text.empty()) decisions += "- " + plain(r.text) + "\n";
      if (r.kind == data::RecordKind::Action) {
        Tree row = Tree::object();
        row.set("ref", r.action_ref);
        row.set("title", r.text);
        row.set("owner", r.owner);
        row.set("due", r.due.empty() ? "none set" : r.due);
        row.set("risks", r.risks);
        rows.push(std::move(row));
      }
    }
    Tree rec = section("Recorded");
    children(rec).push(text_element("**Notes**\n\n" + (notes.empty() ? std::string("None.") : notes)));
    children(rec).push(text_element("**Decisions**\n\n" + (decisions.empty() ? std::string("None.") : decisions)));
    if (rows.size()) {
      actions.set("rows", std::move(rows));
      children(rec).push(std::move(actions));
    } else {
      children(rec).push(text_element("**Actions**\n\nNone."));
    }
    children(sec).push(std::move(rec));
    kids.push(std::move(sec));
  }
  if (items.empty()) kids.push(text_element("The agenda is empty."));

  Tree sc = section("Scenarios discussed");
  {
    std::string t;
    for (const auto& name : data::session_scenarios(db, session_id)) t += "- " + plain(name) + "\n";
    children(sc).push(text_element(t.empty() ? "None." : t));
  }
  kids.push(std::move(sc));

  view.set("children", std::move(kids));
  view.set("errors", std::move(errors));
  Tree prov = Tree::object();
  prov.set("database", database_label);
  prov.set("data_fingerprint", s.data_fingerprint.empty() ? "(not presented)" : s.data_fingerprint);
  try {
    Tree pk = s.packs_json.empty() ? Tree::array() : parse_json(s.packs_json);
    prov.set("packs", pk.is_array() ? std::move(pk) : Tree::array());
  } catch (const Error&) {
    prov.set("packs", Tree::array());
  }
  prov.set("view_defined_in", "review session " + std::to_string(s.id) + " (govbench session export)");
  prov.set("generated_at", now_utc());
  view.set("provenance", std::move(prov));
  return view;
}

xlsx::Workbook minutes_workbook(data::Db& db, std::int64_t session_id, const std::string& database_label) {
  using xlsx::Cell;
  const data::Session s = data::get_session(db, session_id);
  const auto items = data::agenda(db, session_id);
  const auto records = data::session_records(db, session_id);
  xlsx::Workbook book;
  book.title = "Minutes: " + s.title;

  xlsx::Sheet about;
  about.name = "Session";
  auto row = [&](const char* label, const std::string& value) {
    Cell l = Cell::str(label);
    l.bold = true;
    about.rows.push_back({std::move(l), Cell::str(value)});
  };
  row("Session", std::to_string(s.id));
  row("Title", s.title);
  row("Board", s.board);
  about.rows.push_back({[] {
                          Cell l = Cell::str("Date");
                          l.bold = true;
                          return l;
                        }(),
                        Cell::date(s.held_on)});
  std::string attendees;
  for (const auto& a : s.attendees) attendees += (attendees.empty() ? "" : "; ") + a;
  row("Attendees", attendees);
  row("Presented from", s.started_at.empty() ? "not yet presented" : s.started_at);
  row("Data fingerprint", s.data_fingerprint);
  row("Database", database_label);
  row("Generated", now_utc());

  xlsx::Sheet decisions, actions, notes;
  decisions.name = "Decisions";
  decisions.header = {"Item", "View", "Decision", "Recorded", "By"};
  actions.name = "Actions";
  actions.header = {"Item", "View", "Action", "What", "Owner", "Due", "Status", "Risks", "Recorded", "By"};
  notes.name = "Notes";
  notes.header = {"Item", "View", "Note", "Recorded", "By"};
  for (const auto& r : records) {
    const data::AgendaItem* item = nullptr;
    for (const auto& it : items)
      if (it.id == r.item_id) item = &it;
    const Cell pos = item ? Cell::num(item->position) : Cell::empty();
    const Cell view = Cell::str(item ? item->view_id : "");
    switch (r.kind) {
      case data::RecordKind::Decision:
        decisions.rows.push_back({pos, view, Cell::str(r.text), Cell::str(r.at), Cell::str(r.who)});
        break;
      case data::RecordKind::Note:
        notes.rows.push_back({pos, view, Cell::str(r.text), Cell::str(r.at), Cell::str(r.who)});
        break;
      case data::RecordKind::Action:
        actions.rows.push_back({pos, view, Cell::str(r.action_ref), Cell::str(r.text), Cell::str(r.owner),
                                r.due.empty() ? Cell::empty() : Cell::date(r.due), Cell::str(r.status),
                                Cell::str(r.risks), Cell::str(r.at), Cell::str(r.who)});
        break;
    }
  }
  book.sheets = {std::move(about), std::move(decisions), std::move(actions), std::move(notes)};
  return book;
}

}  // namespace gb::engine

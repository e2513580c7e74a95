// Conflicts on a team replica (replica.hpp): parts of this replica's
// changes held because the hub changed the same thing differently, listed
// with both values and resolved by a person, the resolution being an edit
// like any other.
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include "data/edits_internal.hpp"
#include "data/replica.hpp"
#include "data/replica_internal.hpp"

namespace gb::data {

namespace detail {

namespace {

std::string key_text(const std::vector<std::pair<int, Value>>& pk) {
  std::string k = "{";
  for (const auto& [i, v] : pk)
    k += (k.size() > 1 ? "," : "") + std::string("\"#") + std::to_string(i) + "\":" + json_of(v);
  return k + "}";
}

std::string named_key_json(const std::vector<std::string>& names, const std::vector<std::pair<int, Value>>& pk) {
  std::string k = "{";
  for (const auto& [i, v] : pk) {
    const std::string name =
        i < static_cast<int>(names.size()) ? names[static_cast<std::size_t>(i)] : "#" + std::to_string(i);
    k += (k.size() > 1 ? "," : "") + json_of(Value{name}) + ":" + json_of(v);
  }
  return k + "}";
}

// The row that holds the unique values an insert could not take.
std::optional<std::vector<Value>> row_with_same_unique_key(Db& db, const std::string& table,
                                                           const std::vector<std::string>& names, const RowChange& r) {
  Statement idx = db.prepare("PRAGMA main.index_list(" + quote_identifier(table) + ")");
  std::vector<std::string> unique;
  while (idx.step())
    if (idx.column_int(2) == 1) unique.push_back(idx.column_text(1));
  for (const auto& name : unique) {
    Statement info = db.prepare("PRAGMA main.index_info(" + quote_identifier(name) + ")");
    std::vector<int> cols;
    while (info.step()) cols.push_back(static_cast<int>(info.column_int(1)));
    if (cols.empty()) continue;
    std::string where;
    for (int c : cols) {
      if (c < 0 || c >= static_cast<int>(names.size())) {
        where.clear();
        break;
      }
      where += (where.empty() ? "" : " AND ") + quote_identifier(names[static_cast<std::size_t>(c)]) + " IS ?";
    }
    if (where.empty()) continue;
    Statement q = db.prepare("SELECT * FROM " + quote_identifier(table) + " WHERE " + where + " LIMIT 1");
    int b = 1;
    for (int c : cols) q.bind(b++, r.cols[static_cast<std::size_t>(c)].new_v);
    if (q.step()) {
      std::vector<Value> row;
      for (int i = 0; i < q.column_count(); ++i) row.push_back(q.column_value(i));
      return row;
    }
  }
  return std::nullopt;
}

void insert_conflict(Db& db, const std::string& table, const std::string& op, const std::string& row_key,
                     const std::string& columns, const std::string* held, const LocalChange& mine, const Origin* o) {
  Statement st = db.prepare(
      "INSERT INTO team_conflicts (tbl, op, row_key, columns, held, mine_by, mine_at, mine_summary, theirs_by, "
      "theirs_at, theirs_summary, theirs_seq, found_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
  st.bind(1, table).bind(2, op).bind(3, row_key).bind(4, columns);
  if (held)
    sqlite3_bind_blob64(st.handle(), 5, held->data(), held->size(), SQLITE_TRANSIENT);
  else
    st.bind(5, nullptr);
  st.bind(6, mine.author).bind(7, mine.created_at).bind(8, mine.summary);
  if (o)
    st.bind(9, o->author).bind(10, o->at).bind(11, o->summary).bind(12, o->seq);
  else
    st.bind(9, nullptr).bind(10, nullptr).bind(11, nullptr).bind(12, nullptr);
  st.run();
}

}  // namespace

void hold_part(Db& db, const LocalChange& mine, const HeldPart& part, const Origins& origins) {
  const RowChange& r = part.change;
  const std::vector<std::string> names = db.column_names(r.table);
  std::vector<Value> theirs(r.cols.size());
  bool have_theirs = false;
  for (std::size_t i = 0; i < r.cols.size(); ++i)
    if (r.cols[i].has_cur) {
      theirs[i] = r.cols[i].cur_v;
      have_theirs = true;
    }
  if (!have_theirs && r.op == "insert" && part.reason == SQLITE_CHANGESET_CONSTRAINT) {
    if (auto row = row_with_same_unique_key(db, r.table, names, r); row && row->size() == r.cols.size()) {
      theirs = *row;
      have_theirs = true;
    }
  }
  // The row as the replica holds it: theirs when there is one, else mine.
  std::vector<std::pair<int, Value>> pk;
  for (std::size_t i = 0; i < r.cols.size(); ++i)
    if (r.cols[i].pk)
      pk.emplace_back(static_cast<int>(i), have_theirs         ? theirs[i]
                                           : r.cols[i].has_old ? r.cols[i].old_v
                                                               : r.cols[i].new_v);
  std::string cols = "[";
  for (std::size_t i = 0; i < r.cols.size(); ++i) {
    const auto& c = r.cols[i];
    if (!c.has_new && !c.has_old) continue;
    const Value mine_v = r.op == "delete" ? Value{} : c.new_v;
    const Value was = c.has_old ? c.old_v : Value{};
    bool clash = false;
    if (!c.pk) {
      if (r.op == "update")
        clash = c.has_new && (!have_theirs || (theirs[i] != was && theirs[i] != c.new_v));
      else if (r.op == "insert")
        clash = have_theirs && theirs[i] != c.new_v;
      else
        clash = have_theirs && theirs[i] != was;
    }
    const std::string name = i < names.size() ? names[i] : "#" + std::to_string(i);
    cols += (cols.size() > 1 ? "," : "") + std::string("{\"name\":") + json_of(Value{name}) +
            ",\"pk\":" + (c.pk ? "true" : "false") + ",\"was\":" + json_of(was) + ",\"mine\":" + json_of(mine_v) +
            ",\"theirs\":" + (have_theirs ? json_of(theirs[i]) : "null") + ",\"clash\":" + (clash ? "true" : "false") +
            ",\"changed\":" + (c.has_new ? "true" : "false") + "}";
  }
  cols += "]";
  const auto o = origins.find(r.table + "\x1f" + key_text(pk));
  const auto o2 = o != origins.end() ? o : origins.find(r.table + "\x1f" + r.key());
  const std::string op = r.op + (part.reason == SQLITE_CHANGESET_NOTFOUND ? "-removed" : "");
  insert_conflict(db, r.table, op, named_key_json(names, pk), cols, nullptr, mine,
                  o2 != origins.end() ? &o2->second : nullptr);
}

void hold_whole_change(Db& db, const LocalChange& mine, const Origins& origins, const std::string& op,
                       const std::string& table) {
  const Origin* by = nullptr;
  if (op == "table") {
    const auto it = origins.find("\x1ftable\x1f" + table);
    if (it != origins.end()) by = &it->second;
  } else {
    // Who removed what it refers to is not known row by row: the latest
    // hub change taken in is named.
    for (const auto& [k, o] : origins)
      if (!by || o.seq > by->seq) by = &o;
  }
  insert_conflict(db, table, op, "{}", "[]", &mine.payload, mine, by);
}

}  // namespace detail

namespace {

Conflict read_conflict(Statement& st) {
  Conflict c;
  c.id = st.column_int(0);
  c.table = st.column_text(1);
  c.op = st.column_text(2);
  c.row = st.column_text(3);
  auto t = [&](int i) { return st.column_is_null(i) ? std::string() : st.column_text(i); };
  c.mine_by = t(5);
  c.mine_at = t(6);
  c.mine_summary = t(7);
  c.theirs_by = t(8);
  c.theirs_at = t(9);
  c.theirs_summary = t(10);
  c.theirs_seq = st.column_is_null(11) ? 0 : st.column_int(11);
  c.found_at = t(12);
  c.kept = t(13);
  c.resolved_at = t(14);
  c.resolved_by = t(15);
  Statement cols = scratch_query(
      "SELECT json_extract(value, '$.name'), json_extract(value, '$.was'), json_extract(value, '$.mine'), "
      "json_extract(value, '$.theirs'), json_extract(value, '$.clash'), json_extract(value, '$.pk'), "
      "json_extract(value, '$.changed') FROM json_each(?)");
  cols.bind(1, st.column_text(4));
  std::string label = c.table;
  while (cols.step()) {
    if (cols.column_int(5)) {
      label += " " + cols.column_text(0) + " " +
               detail::text_of_value(cols.column_value(1).index() ? cols.column_value(1) : cols.column_value(3));
      continue;
    }
    if (!cols.column_int(6) && c.op != "delete") continue;
    c.columns.push_back(ConflictColumn{.name = cols.column_text(0),
                                       .was = cols.column_value(1),
                                       .mine = cols.column_value(2),
                                       .theirs = cols.column_value(3),
                                       .clash = cols.column_int(4) != 0});
  }
  c.label = c.op == "change"  ? "change \"" + c.mine_summary + "\""
            : c.op == "table" ? "table " + c.table + " (" + c.mine_summary + ")"
                              : label;
  return c;
}

constexpr const char* kConflictColumns =
    "SELECT id, tbl, op, row_key, columns, mine_by, mine_at, mine_summary, theirs_by, theirs_at, theirs_summary, "
    "theirs_seq, found_at, kept, resolved_at, resolved_by FROM team_conflicts";

}  // namespace

std::vector<Conflict> conflicts(Db& db, bool open_only) {
  std::vector<Conflict> out;
  if (!db.table_exists("team_conflicts")) return out;
  Statement st = db.prepare(std::string(kConflictColumns) + (open_only ? " WHERE kept IS NULL" : "") + " ORDER BY id");
  while (st.step()) out.push_back(read_conflict(st));
  return out;
}

std::string resolve_conflict(Db& db, std::int64_t id, std::string_view keep) {
  if (keep != "mine" && keep != "theirs") throw Error("keep 'mine' or 'theirs' (got '" + std::string(keep) + "')");
  detail::check_editable(db);
  const auto info = replica_info(db);
  if (!info) throw Error(db.path().string() + " is not a team replica: it has no conflicts");
  Transaction tx(db);
  Statement st = db.prepare(std::string(kConflictColumns) + " WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) throw Error("there is no conflict " + std::to_string(id) + " (govbench team conflicts lists them)");
  const Conflict c = read_conflict(st);
  if (!c.kept.empty())
    throw Error("conflict " + std::to_string(id) + " was resolved at " + c.resolved_at + " by " + c.resolved_by +
                " (kept " + c.kept + ")");
  const bool mine = keep == "mine";
  const std::string theirs_who = c.theirs_by.empty() ? "the hub" : c.theirs_by;
  if (mine && (c.op == "change" || c.op == "update-removed"))
    throw Error("conflict " + std::to_string(id) + ": " + theirs_who + " removed the row" +
                (c.op == "change" ? "s this change refers to" : "") +
                ", so there is nothing to keep yours in; keep theirs, then enter it again if it is still wanted");

  if (c.op == "table") {
    // Mine: the held change made again on top of theirs (appended rows get
    // new rowids after theirs); theirs: the table stays as the hub has it.
    if (mine) {
      Statement h = db.prepare("SELECT held FROM team_conflicts WHERE id = ?");
      h.bind(1, id);
      h.step();
      std::string image, side;
      detail::decode_table_change(h.column_blob(0), image, side);
      const auto t = detail::image_info(image);
      db.capture_table_begin(t.name);
      detail::reapply_table_image(db, image);
      db.capture_table_end(t.name, t.mode == "append" ? "append" : t.mode == "drop" ? "drop" : "replace");
    }
    std::string description = "conflict on " + c.label + ": kept " + (mine ? c.mine_by + "'s" : theirs_who + "'s") +
                              " table over " + (mine ? theirs_who + "'s" : c.mine_by + "'s");
    db.note_change_summary(description);
    Statement mark = db.prepare(
        "UPDATE team_conflicts SET kept = ?, resolved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), resolved_by = ? "
        "WHERE id = ?");
    mark.bind(1, keep).bind(2, info->member).bind(3, id).run();
    detail::finish(db, tx, "conflict", description, {});
    return description;
  }

  // The row's key, from the stored JSON.
  std::vector<std::pair<std::string, Value>> key;
  {
    Statement k = scratch_query("SELECT key, value FROM json_each(?)");
    k.bind(1, c.row);
    while (k.step()) key.emplace_back(k.column_text(0), k.column_value(1));
  }
  std::string where;
  for (const auto& [name, v] : key) where += (where.empty() ? "" : " AND ") + quote_identifier(name) + " IS ?";
  const bool has_id = key.size() == 1 && key[0].first == "id" && std::holds_alternative<std::int64_t>(key[0].second);
  const std::int64_t row_id = has_id ? std::get<std::int64_t>(key[0].second) : 0;

  detail::EditRecorder rec(db);
  std::vector<const ConflictColumn*> write;
  for (const auto& col : c.columns) {
    if (c.op == "delete") continue;
    // Keep mine: every column the held change set. Keep theirs: only those
    // that did not clash (their value stays where they did).
    if (mine ? col.mine != col.theirs : (!col.clash && col.mine != col.theirs && col.theirs == col.was))
      write.push_back(&col);
  }
  if (c.op == "delete" && mine && !where.empty()) {
    if (has_id) rec.deleting(c.table, row_id);
    Statement del = db.prepare("DELETE FROM " + quote_identifier(c.table) + " WHERE " + where);
    int b = 1;
    for (const auto& kv : key) del.bind(b++, kv.second);
    del.run();
  } else if (!write.empty() && !where.empty()) {
    const detail::OptText before = has_id ? rec.before(c.table, row_id) : std::nullopt;
    std::string set;
    for (const auto* col : write) set += (set.empty() ? "" : ", ") + quote_identifier(col->name) + " = ?";
    Statement up = db.prepare("UPDATE " + quote_identifier(c.table) + " SET " + set + " WHERE " + where);
    int b = 1;
    for (const auto* col : write) up.bind(b++, col->mine);
    for (const auto& kv : key) up.bind(b++, kv.second);
    up.run();
    if (has_id) rec.updated(c.table, row_id, before);
  }

  std::string what;
  for (const auto& col : c.columns)
    if (col.clash)
      what += (what.empty() ? "" : "; ") + col.name + ": " + "kept " +
              detail::text_of_value(mine ? col.mine : col.theirs) + " (" + (mine ? c.mine_by : theirs_who) + ") over " +
              detail::text_of_value(mine ? col.theirs : col.mine) + " (" + (mine ? theirs_who : c.mine_by) + ")";
  if (what.empty()) what = mine ? "kept " + c.mine_by + "'s change" : "kept " + theirs_who + "'s change";
  std::string description = "conflict on " + c.label + ": " + what;
  db.note_change_summary(description);
  {
    Statement mark = db.prepare(
        "UPDATE team_conflicts SET kept = ?, resolved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), resolved_by = ? "
        "WHERE id = ?");
    mark.bind(1, keep).bind(2, info->member).bind(3, id).run();
  }
  detail::finish(db, tx, "conflict", description, rec.changes);
  return description;
}

}  // namespace gb::data

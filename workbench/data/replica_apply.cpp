// Taking the hub's changes into a replica (replica.hpp: integrate): pending
// changes off, the hub's changes on in order, pending changes back on top,
// with what no longer fits held as conflicts. One transaction.
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "data/replica.hpp"
#include "data/replica_internal.hpp"

namespace gb::data {

namespace detail {

Value to_value(sqlite3_value* v) {
  if (!v) return Value{};
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_value_int64(v));
    case SQLITE_FLOAT:
      return sqlite3_value_double(v);
    case SQLITE_NULL:
      return Value{};
    default: {
      const auto* p = static_cast<const char*>(sqlite3_value_blob(v));
      return std::string(p ? p : "", static_cast<std::size_t>(sqlite3_value_bytes(v)));
    }
  }
}

std::string json_of(const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "null";
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    std::string out = buf;
    // 3.0 must read back as a REAL, not the INTEGER 3.
    if (out.find_first_of(".eEn") == std::string::npos) out += ".0";
    return out;
  }
  const std::string& s = std::get<std::string>(v);
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string text_of_value(const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "(empty)";
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%g", *d);
    return buf;
  }
  return std::get<std::string>(v);
}

ChangeIter::ChangeIter(std::string_view bytes) {
  if (sqlite3changeset_start(&it, static_cast<int>(bytes.size()), const_cast<char*>(bytes.data())) != SQLITE_OK)
    throw Error("a change from the hub is not a valid changeset");
}
ChangeIter::~ChangeIter() {
  if (it) sqlite3changeset_finalize(it);
}
bool ChangeIter::next() {
  const int rc = sqlite3changeset_next(it);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw Error("a changeset is corrupt (" + std::string(sqlite3_errstr(rc)) + ")");
}

RowChange read_row_change(sqlite3_changeset_iter* it, bool conflict_values) {
  const char* table = nullptr;
  int ncol = 0, op = 0, indirect = 0;
  sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
  unsigned char* pk = nullptr;
  int npk = 0;
  sqlite3changeset_pk(it, &pk, &npk);
  RowChange r;
  r.table = table ? table : "";
  r.op = op == SQLITE_INSERT ? "insert" : op == SQLITE_DELETE ? "delete" : "update";
  for (int i = 0; i < ncol; ++i) {
    RowChange::Col c;
    c.pk = pk && pk[i];
    sqlite3_value* v = nullptr;
    if (op != SQLITE_INSERT && sqlite3changeset_old(it, i, &v) == SQLITE_OK && v) {
      c.has_old = true;
      c.old_v = to_value(v);
    }
    v = nullptr;
    if (op != SQLITE_DELETE && sqlite3changeset_new(it, i, &v) == SQLITE_OK && v) {
      c.has_new = true;
      c.new_v = to_value(v);
    }
    v = nullptr;
    if (conflict_values && sqlite3changeset_conflict(it, i, &v) == SQLITE_OK && v) {
      c.has_cur = true;
      c.cur_v = to_value(v);
    }
    r.cols.push_back(std::move(c));
  }
  return r;
}

std::string RowChange::key() const {
  std::string k = "{";
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (!cols[i].pk) continue;
    const Value& v = cols[i].has_old ? cols[i].old_v : cols[i].new_v;
    k += (k.size() > 1 ? "," : "") + std::string("\"#") + std::to_string(i) + "\":" + json_of(v);
  }
  return k + "}";
}

}  // namespace detail

namespace {

using detail::ChangeIter;
using detail::Origin;
using detail::RowChange;

// A session recording what applying a change really did.
struct Recorder {
  sqlite3_session* s = nullptr;
  explicit Recorder(Db& db) {
    if (sqlite3session_create(db.handle(), "main", &s) != SQLITE_OK) throw Error("cannot start a session");
    sqlite3session_table_filter(
        s, [](void*, const char* t) { return is_recorded_table(t) ? 1 : 0; }, nullptr);
    sqlite3session_attach(s, nullptr);
  }
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;
  ~Recorder() {
    if (s) sqlite3session_delete(s);
  }
  std::string changeset() {
    int n = 0;
    void* p = nullptr;
    if (sqlite3session_changeset(s, &n, &p) != SQLITE_OK) {
      sqlite3_free(p);
      throw Error("cannot record a rebased change");
    }
    std::string out(static_cast<const char*>(p), static_cast<std::size_t>(n));
    sqlite3_free(p);
    return out;
  }
};

const char* conflict_name(int e) {
  switch (e) {
    case SQLITE_CHANGESET_DATA:
      return "the row's values differ from those the change was made on";
    case SQLITE_CHANGESET_NOTFOUND:
      return "the row it changes does not exist";
    case SQLITE_CHANGESET_CONFLICT:
      return "a row with its key exists already";
    case SQLITE_CHANGESET_CONSTRAINT:
      return "it breaks a constraint";
    case SQLITE_CHANGESET_FOREIGN_KEY:
      return "it refers to rows that do not exist";
    default:
      return "it does not apply";
  }
}

// Applies a changeset that must fit exactly; throws `what` + the first misfit.
void apply_exact(Db& db, std::string_view cs, const std::string& what) {
  struct Ctx {
    std::string first;
  } ctx;
  auto on_conflict = [](void* p, int e, sqlite3_changeset_iter* it) -> int {
    auto* c = static_cast<Ctx*>(p);
    if (c->first.empty()) {
      const RowChange r = detail::read_row_change(it, false);
      c->first = r.op + " in " + r.table + ": " + conflict_name(e);
    }
    return SQLITE_CHANGESET_ABORT;
  };
  const int rc = sqlite3changeset_apply_v2(db.handle(), static_cast<int>(cs.size()), const_cast<char*>(cs.data()),
                                           nullptr, on_conflict, &ctx, nullptr, nullptr, 0);
  if (rc != SQLITE_OK)
    throw Error(what + (ctx.first.empty() ? std::string(": ") + sqlite3_errmsg(db.handle()) : ": " + ctx.first));
}

struct Reapply {
  Db* db = nullptr;
  const LocalChange* mine = nullptr;
  const detail::Origins* origins = nullptr;
  std::vector<detail::HeldPart> held;
};

int on_reapply_conflict(void* p, int e, sqlite3_changeset_iter* it) {
  auto* ctx = static_cast<Reapply*>(p);
  if (e == SQLITE_CHANGESET_FOREIGN_KEY) return SQLITE_CHANGESET_ABORT;
  RowChange r = detail::read_row_change(it, e == SQLITE_CHANGESET_DATA || e == SQLITE_CHANGESET_CONFLICT);
  if (r.op == "delete" && e == SQLITE_CHANGESET_NOTFOUND) return SQLITE_CHANGESET_OMIT;  // gone on both sides
  if (e == SQLITE_CHANGESET_DATA && r.op == "update") {
    // Only columns both sides changed, to different values, clash; when
    // none does, this change still applies on top of theirs.
    bool clash = false;
    for (const auto& c : r.cols)
      if (!c.pk && c.has_new && c.has_cur && c.cur_v != c.old_v && c.cur_v != c.new_v) clash = true;
    if (!clash) return SQLITE_CHANGESET_REPLACE;
  }
  if (e == SQLITE_CHANGESET_CONFLICT && r.op == "insert") {
    bool same = true;
    for (const auto& c : r.cols)
      if (c.has_cur && c.cur_v != c.new_v) same = false;
    if (same) return SQLITE_CHANGESET_OMIT;  // both inserted the very same row
  }
  detail::HeldPart h;
  h.change = std::move(r);
  h.reason = e;
  ctx->held.push_back(std::move(h));
  return SQLITE_CHANGESET_OMIT;
}

}  // namespace

std::vector<std::string> changeset_tables(std::string_view changeset) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  ChangeIter it(changeset);
  while (it.next()) {
    const char* t = nullptr;
    int ncol = 0, op = 0, ind = 0;
    sqlite3changeset_op(it.it, &t, &ncol, &op, &ind);
    if (t && seen.insert(t).second) out.emplace_back(t);
  }
  return out;
}

Integrated integrate(Db& db, const std::vector<PulledChange>& pulled) {
  const auto info = replica_info(db);
  if (!info) throw Error(db.path().string() + " is not a team replica");
  Integrated result;
  Db::CaptureOff off(db);
  Transaction tx(db);
  const std::vector<LocalChange> pending = pending_changes(db);

  // Every change is checked before anything is applied: its place in the
  // log and the tables it writes.
  std::int64_t expect = info->head;
  for (const PulledChange& c : pulled) {
    const std::string who = "change " + std::to_string(c.seq) + " by " + c.author;
    if (c.parent != expect || c.seq != expect + 1)
      throw Error(who + " does not follow this replica's head " + std::to_string(expect) + " (its parent is " +
                  std::to_string(c.parent) + ")");
    if (c.kind != "changeset" && c.kind != "table")
      throw Error(who + " is of a kind this version cannot apply ('" + c.kind + "')");
    std::string image, side = c.payload;
    if (c.kind == "table") {
      detail::decode_table_change(c.payload, image, side);
      try {
        (void)detail::image_info(image);
      } catch (const Error& e) {
        throw Error(who + ": " + e.message() + ": refused");
      }
    }
    for (const auto& t : changeset_tables(side))
      if (!is_recorded_table(t) || !db.table_exists(t))
        throw Error(who + " writes table '" + t + "', which is not one of the team's tables: refused");
    expect = c.seq;
  }

  // 1. This replica's own changes off, newest first.
  for (auto p = pending.rbegin(); p != pending.rend(); ++p) {
    std::string image, side = p->payload;
    if (p->kind == "table") detail::decode_table_change(p->payload, image, side);
    int n = 0;
    void* inv = nullptr;
    if (sqlite3changeset_invert(static_cast<int>(side.size()), const_cast<char*>(side.data()), &n, &inv) != SQLITE_OK)
      throw Error("pending change '" + p->summary + "' is corrupt");
    std::unique_ptr<void, decltype(&sqlite3_free)> hold(inv, &sqlite3_free);
    apply_exact(db, std::string_view(static_cast<const char*>(inv), static_cast<std::size_t>(n)),
                "cannot take pending change '" + p->summary + "' off to rebase it");
    if (p->kind == "table") detail::undo_table_change(db, image, p->undo);
  }

  // 2. The hub's changes, in order; who last wrote each row, for conflicts.
  detail::Origins origins;
  Statement log = db.prepare(
      "INSERT OR IGNORE INTO team_log (seq, parent, uuid, author, replica, created_at, pushed_at, summary, kind, "
      "bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const PulledChange& c : pulled) {
    std::string image, side = c.payload;
    if (c.kind == "table") {
      detail::decode_table_change(c.payload, image, side);
      const auto table = detail::image_info(image);
      detail::apply_table_image(db, image);
      origins["\x1ftable\x1f" + table.name] = Origin{c.seq, c.author, c.created_at, c.summary};
    }
    apply_exact(db, side, "change " + std::to_string(c.seq) + " by " + c.author + " does not apply");
    ChangeIter it(side);
    while (it.next()) {
      const RowChange r = detail::read_row_change(it.it, false);
      origins[r.table + "\x1f" + r.key()] = Origin{c.seq, c.author, c.created_at, c.summary};
    }
    log.reset();
    log.bind(1, c.seq).bind(2, c.parent).bind(3, c.uuid).bind(4, c.author).bind(5, c.replica).bind(6, c.created_at);
    log.bind(7, c.pushed_at).bind(8, c.summary).bind(9, c.kind).bind(10, static_cast<std::int64_t>(c.payload.size()));
    log.run();
    if (std::find(result.authors.begin(), result.authors.end(), c.author) == result.authors.end())
      result.authors.push_back(c.author);
    ++result.applied;
  }
  if (!pulled.empty()) set_replica_head(db, pulled.back().seq);

  // 3. This replica's changes back on, each recorded again as it now
  // applies; what clashes is held.
  Statement upd = db.prepare("UPDATE team_pending SET payload = ? WHERE id = ?");
  Statement del = db.prepare("DELETE FROM team_pending WHERE id = ?");
  // A pending change the hub already holds (pushed, then the process was
  // killed or the reply lost before it was marked) came back in `pulled`,
  // in its place in the hub's order: it is not put back a second time.
  std::set<std::string> on_hub;
  for (const PulledChange& c : pulled) on_hub.insert(c.uuid);
  for (const LocalChange& p : pending) {
    if (on_hub.count(p.uuid)) {
      del.reset();
      del.bind(1, p.id).run();
      continue;
    }
    std::string image, side = p.payload;
    if (p.kind == "table") {
      detail::decode_table_change(p.payload, image, side);
      const auto table = detail::image_info(image);
      if (origins.count("\x1ftable\x1f" + table.name)) {
        // A colleague changed the same whole table: held, both kept.
        detail::hold_whole_change(db, p, origins, "table", table.name);
        ++result.new_conflicts;
        del.reset();
        del.bind(1, p.id).run();
        continue;
      }
      detail::apply_table_image(db, image);
    }
    Reapply ctx{&db, &p, &origins, {}};
    std::string now_payload;
    bool whole_held = false;
    {
      Recorder rec(db);
      const int rc =
          sqlite3changeset_apply_v2(db.handle(), static_cast<int>(side.size()), const_cast<char*>(side.data()), nullptr,
                                    &on_reapply_conflict, &ctx, nullptr, nullptr, 0);
      if (rc == SQLITE_ABORT || rc == SQLITE_CONSTRAINT) {
        whole_held = true;  // it refers to rows the hub removed: held whole
      } else if (rc != SQLITE_OK) {
        throw Error("cannot put pending change '" + p.summary + "' back: " + sqlite3_errmsg(db.handle()));
      } else {
        now_payload = rec.changeset();
      }
    }
    if (whole_held) {
      detail::hold_whole_change(db, p, origins, "change", "");
      ++result.new_conflicts;
      del.reset();
      del.bind(1, p.id).run();
      continue;
    }
    for (const auto& h : ctx.held) {
      detail::hold_part(db, p, h, origins);
      ++result.new_conflicts;
    }
    if (p.kind == "table") {
      now_payload = detail::encode_table_change(image, now_payload);  // the table part stands as it was
    } else if (now_payload.empty()) {
      del.reset();
      del.bind(1, p.id).run();
      continue;
    }
    if (now_payload != p.payload) {
      upd.reset();
      sqlite3_bind_blob64(upd.handle(), 1, now_payload.data(), now_payload.size(), SQLITE_TRANSIENT);
      upd.bind(2, p.id).run();
    }
  }
  {
    Statement n = db.prepare("SELECT count(*) FROM team_pending");
    n.step();
    result.pending = static_cast<int>(n.column_int(0));
  }
  tx.commit();
  return result;
}

}  // namespace gb::data

// Team mode's recording of writes (db.hpp: capturing, new_row_id): each
// outermost transaction on a replica becomes one row of team_pending holding
// the transaction's changeset, written just before COMMIT so that the write
// and its change are committed together or not at all.
//
// SQLite's session extension records, per table row, the values a row had
// before the transaction first changed it and reads the row's values as they
// are when the changeset is taken: writes rolled back to a savepoint leave
// nothing behind, and a row inserted and deleted again leaves nothing.
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include <string>

#include "data/db.hpp"
#include "data/replica.hpp"
#include "data/replica_internal.hpp"

namespace gb::data {

struct Db::Capture {
  sqlite3_session* session = nullptr;
  int off = 0;
  std::string summary;
  std::string author;
  std::int64_t replica = 0;
  // A whole-table change in this transaction (capture_table_*).
  std::string table, table_before, table_image;
  std::int64_t old_max = 0;

  Capture() = default;
  Capture(const Capture&) = delete;
  Capture& operator=(const Capture&) = delete;
  ~Capture() { end(); }
  void end() noexcept {
    if (session) sqlite3session_delete(session);
    session = nullptr;
  }
};

void Db::CaptureDeleter::operator()(Capture* c) const noexcept {
  delete c;
}

namespace {

// The tables a change may hold: not the replica's own bookkeeping, not
// SQLite's.
int recorded_table(void*, const char* name) {
  return is_recorded_table(name) ? 1 : 0;
}

}  // namespace

bool is_recorded_table(std::string_view name) {
  return !name.starts_with("team_") && !name.starts_with("sqlite_");
}

bool Db::capturing() const {
  return capture_ && capture_->off == 0;
}

void Db::start_capture() {
  if (read_only_ || capture_ || !table_exists("team_replica")) return;
  Statement st = prepare("SELECT member, replica FROM team_replica WHERE id = 1");
  if (!st.step()) return;
  std::unique_ptr<Capture, CaptureDeleter> c(new Capture);
  c->author = st.column_text(0);
  c->replica = st.column_int(1);
  capture_ = std::move(c);
}

void Db::note_change_summary(std::string_view summary) {
  if (capture_ && capture_->session && capture_->summary.empty()) capture_->summary = std::string(summary);
}

Value Db::new_row_id(std::string_view table) {
  const auto own = own_ids();
  if (!own) return Value{};
  Statement st = prepare("SELECT max(rowid) FROM " + quote_identifier(table) + " WHERE rowid BETWEEN ? AND ?");
  st.bind(1, own->first).bind(2, own->second);
  st.step();
  const std::int64_t next = st.column_is_null(0) ? own->first : st.column_int(0) + 1;
  if (next > own->second)
    throw Error("table " + std::string(table) + " has no free id left in this replica's block (" +
                std::to_string(own->first) + ".." + std::to_string(own->second) + ")");
  return next;
}

std::optional<std::pair<std::int64_t, std::int64_t>> Db::own_ids() const {
  if (!capture_ || capture_->replica <= 0) return std::nullopt;
  const std::int64_t lo = capture_->replica * kIdBlock + 1;
  return std::pair{lo, lo + kIdBlock - 1};
}

Db::CaptureOff::CaptureOff(Db& db) : db_(db) {
  if (db_.capture_) ++db_.capture_->off;
}

Db::CaptureOff::~CaptureOff() {
  if (db_.capture_) --db_.capture_->off;
}

void Db::capture_begin() {
  if (!capturing()) return;
  Capture& c = *capture_;
  c.end();
  c.summary.clear();
  c.table.clear();
  c.table_before.clear();
  c.table_image.clear();
  c.old_max = 0;
  if (const int rc = sqlite3session_create(db_, "main", &c.session); rc != SQLITE_OK) {
    c.session = nullptr;
    throw Error(std::string("cannot record this change for the team: ") + sqlite3_errstr(rc));
  }
  sqlite3session_table_filter(c.session, &recorded_table, nullptr);
  if (const int rc = sqlite3session_attach(c.session, nullptr); rc != SQLITE_OK) {
    c.end();
    throw Error(std::string("cannot record this change for the team: ") + sqlite3_errstr(rc));
  }
}

void Db::capture_before_commit() {
  if (!capture_ || !capture_->session) return;
  Capture& c = *capture_;
  int n = 0;
  void* p = nullptr;
  const int rc = sqlite3session_changeset(c.session, &n, &p);
  c.end();
  if (rc != SQLITE_OK) {
    sqlite3_free(p);
    throw Error(std::string("cannot record this change for the team: ") + sqlite3_errstr(rc));
  }
  const std::string bytes(static_cast<const char*>(p), static_cast<std::size_t>(n));
  sqlite3_free(p);
  const bool table_change = !c.table_image.empty();
  if (bytes.empty() && !table_change) return;
  detail::add_pending(*this,
                      LocalChange{.uuid = new_change_uuid(*this),
                                  .created_at = utc_now(*this),
                                  .author = c.author,
                                  .summary = c.summary.empty() ? "Changes" : c.summary,
                                  .kind = table_change ? "table" : "changeset",
                                  .payload = table_change ? detail::encode_table_change(c.table_image, bytes) : bytes,
                                  .undo = table_change ? c.table_before : std::string()});
}

void Db::capture_table_begin(std::string_view table) {
  if (!capture_ || !capture_->session) return;
  Capture& c = *capture_;
  if (!c.table.empty() && c.table != table)
    throw Error("one transaction may change only one whole table for the team (" + c.table + ", " + std::string(table) +
                ")");
  c.table = std::string(table);
  c.old_max = 0;
  c.table_before.clear();
  Statement st = prepare("SELECT count(*) FROM main.sqlite_schema WHERE type = 'table' AND name = ?");
  st.bind(1, table);
  st.step();
  if (st.column_int(0) == 0) return;
  c.table_before = detail::table_image(*this, table, "replace", 0);
  Statement mx = prepare("SELECT coalesce(max(_rowid_), 0) FROM " + quote_identifier(table));
  mx.step();
  c.old_max = mx.column_int(0);
}

void Db::capture_table_end(std::string_view table, std::string_view mode) {
  if (!capture_ || !capture_->session) return;
  Capture& c = *capture_;
  if (c.table != table) throw Error("capture_table_end without capture_table_begin for " + std::string(table));
  c.table_image = detail::table_image(*this, table, mode, c.old_max);
}

void Db::capture_end() noexcept {
  if (capture_) capture_->end();
}

}  // namespace gb::data

// Internal to the replica files (replica.cpp, replica_apply.cpp,
// replica_conflicts.cpp): reading changesets and holding conflicts.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "data/replica.hpp"

struct sqlite3_changeset_iter;
struct sqlite3_value;

namespace gb::data::detail {

// The statements that make a replica's own tables (make_replica): the
// schema check takes them as govbench's own on a replica.
std::string_view team_tables_sql();

Value to_value(sqlite3_value* v);
// A value as JSON (numbers stay numbers; text is escaped).
std::string json_of(const Value& v);
std::string text_of_value(const Value& v);  // for messages: "on_track", "(empty)"

// Walks a changeset's row changes.
struct ChangeIter {
  explicit ChangeIter(std::string_view bytes);
  ChangeIter(const ChangeIter&) = delete;
  ChangeIter& operator=(const ChangeIter&) = delete;
  ~ChangeIter();
  bool next();
  sqlite3_changeset_iter* it = nullptr;
};

// One row change of a changeset, with the values it carries.
struct RowChange {
  struct Col {
    bool pk = false;
    bool has_old = false, has_new = false, has_cur = false;
    Value old_v, new_v, cur_v;  // cur: the row as the database holds it (conflicts only)
  };
  std::string table;
  std::string op;  // insert, update, delete
  std::vector<Col> cols;
  std::string key() const;  // the key's values, for matching the same row in two changes
};
RowChange read_row_change(sqlite3_changeset_iter* it, bool conflict_values);

// A part of a pending change that no longer fits.
struct HeldPart {
  RowChange change;
  int reason = 0;  // SQLITE_CHANGESET_DATA, _NOTFOUND, _CONFLICT or _CONSTRAINT
};

struct Origin {
  std::int64_t seq = 0;
  std::string author, at, summary;
};
using Origins = std::map<std::string, Origin>;  // table + '\x1f' + key -> the hub change that last wrote it

void hold_part(Db& db, const LocalChange& mine, const HeldPart& part, const Origins& origins);
// The whole change, when it refers to rows the hub removed.
// op "change": it refers to rows the hub removed; op "table": a colleague
// changed the same whole table (`table`).
void hold_whole_change(Db& db, const LocalChange& mine, const Origins& origins, const std::string& op,
                       const std::string& table);

}  // namespace gb::data::detail

namespace gb::data::detail {

// Whole-table changes (replica_tables.cpp).
struct TableImageInfo {
  std::string name, mode, ddl;
  std::int64_t old_max = 0;
};
// The table as it now is (mode create/replace), its rows after `old_max`
// (append), or nothing (drop), as a serialized SQLite database.
std::string table_image(Db& db, std::string_view table, std::string_view mode, std::int64_t old_max);
std::string encode_table_change(const std::string& image, const std::string& changeset);
void decode_table_change(std::string_view payload, std::string& image, std::string& changeset);
// Reads and checks an image: refuses one for a table outside the team's
// set, for a table of the governance schema, or holding anything but the
// one table it names.
TableImageInfo image_info(const std::string& image);
void apply_table_image(Db& db, const std::string& image);
// The same, made again on top of a colleague's change to the table: an
// append's rows take new rowids after theirs.
void reapply_table_image(Db& db, const std::string& image);
// Takes a table change off again: `before` is the table's image before it
// ("" when it did not exist).
void undo_table_change(Db& db, const std::string& image, const std::string& before);

}  // namespace gb::data::detail

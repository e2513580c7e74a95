// Dates that do not exist (2022-02-30, 2023-04-31) in a governance
// database. Since schema 6 the database refuses them on every write
// (schemas/006_real_dates.sql); rows stored before that are kept as they
// are, and found here so someone can correct them (`govbench check --db`).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/db.hpp"

namespace gb::data {

struct DateColumn {
  std::string table;
  std::string column;
  bool operator==(const DateColumn&) const = default;
};

// Every column that the schema declares a date: a table column with
// CHECK (date(x) IS x) in its table's CREATE statement. Sorted by table,
// then column position. Found from the database itself (sqlite_schema and
// pragma table_info), so a database of an older schema is read correctly.
std::vector<DateColumn> date_columns(Db& db);

struct ImpossibleDate {
  std::string table;
  std::int64_t row_id = 0;  // the rowid, which is the id in every table that has one
  std::string column;
  std::string value;  // as stored, made printable (control bytes escaped, long values cut)
};

struct ImpossibleDateReport {
  std::vector<ImpossibleDate> found;  // at most the limit asked for
  std::int64_t total = 0;             // all of them, even past the limit
  std::size_t columns_checked = 0;
};

// Reads (never writes) every date column and lists the values that are not
// a real date written YYYY-MM-DD (NULL is fine). Lists at most `limit` rows.
ImpossibleDateReport find_impossible_dates(Db& db, std::size_t limit = 1000);

}  // namespace gb::data

// What a table holds, column by column: declared type, how many values are
// not NULL, how many are distinct, and a few examples. For `govbench
// describe`, ctx.columns and the Data panel. The database is treated as
// hostile: names are bound or quoted, never spliced; example values are
// cut short and made printable.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "data/db.hpp"

namespace gb::data {

struct ColumnDescription {
  std::string name;
  std::string declared_type;  // as written in CREATE TABLE ("" when none)
  std::int64_t non_null = 0;
  std::int64_t distinct = 0;  // distinct non-NULL values
  // A few distinct non-NULL values in table order: numbers as numbers,
  // text cut to DescribeOptions::max_example_chars code points (then
  // ending in "..."), a BLOB as "<blob N bytes>".
  std::vector<Value> examples;
};

struct TableDescription {
  std::string table;  // the name as the database spells it
  bool is_view = false;
  std::int64_t rows = 0;
  std::vector<ColumnDescription> columns;
};

struct DescribeOptions {
  std::size_t max_examples = 3;
  std::size_t max_example_chars = 40;
  // When false, only names and declared types are read (no scan of rows).
  bool counts = true;
};

// The table or view `table` (matched without regard to ASCII case), or
// nullopt when there is none.
std::optional<std::string> find_table(Db& db, std::string_view table);

// Describes `table`. A name that is not a table or view is a gb::Error
// that says so and names the nearest existing tables (or lists them all
// when there are few).
TableDescription describe_table(Db& db, std::string_view table, const DescribeOptions& options = {});

// The number of rows in `table` (a table or view, named as the database
// spells it; quoted, never spliced). For `govbench tables`, init-demo and
// the Data panel's list of tables.
std::int64_t row_count(Db& db, std::string_view table);

// The first rows of `table` (at most `max_rows`, in table order) with its
// column names: what the Data panel's grid shows.
struct TableRows {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
};
TableRows first_rows(Db& db, std::string_view table, std::int64_t max_rows);

// The message for a table that does not exist, naming the nearest (used
// where a table is looked up by name).
std::string missing_table_message(Db& db, std::string_view table);

// Up to `max` of `candidates` nearest to `name` (edit distance, ignoring
// ASCII case), closest first; only those close enough to be a plausible
// slip.
std::vector<std::string> nearest_names(std::string_view name, const std::vector<std::string>& candidates,
                                       std::size_t max = 3);

// A value made safe to print on one line: invalid UTF-8 and control
// characters replaced, cut to `max_chars` code points ("..." appended when
// cut; 0 = no limit).
std::string printable(std::string_view text, std::size_t max_chars = 0);

// A column's examples as one line: text in single quotes, numbers bare
// ("'a', 'b', 3").
std::string format_examples(const ColumnDescription& c);

// The description as text (one block per column, names in full) or as JSON.
std::string describe_text(const TableDescription& d);
std::string describe_json(const TableDescription& d);

}  // namespace gb::data

// A person's own SQL, read only: the Data panel's query box runs what is
// typed into it here, on the window's guarded read-only connection (the
// one packs' queries use: writes, DDL and ATTACH are refused). The example
// it starts with is here too, so that no SQL is written in the window.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "data/db.hpp"
#include "script/script_db.hpp"

namespace gb::engine {

// What the Data panel's query box holds, and runs, when first shown.
inline constexpr const char* kExampleQuery =
    "SELECT ref, name, likelihood, impact, target_likelihood, target_impact FROM risk_register ORDER BY ref";

struct QueryRows {
  std::vector<std::string> columns;
  std::vector<std::vector<data::Value>> rows;  // as far as the query got
  // Why the query failed ("" when it did not): for a statement the guard
  // refused, "read-only: " and why; else SQLite's message.
  std::string error;
};

// Runs `sql` on `db`, keeping at most `max_rows` rows (past that it stops
// reading: so exactly `max_rows` kept means "that many or more"). Never
// throws for the query's sake: a failure is in `error`, with the columns
// and rows read before it.
QueryRows run_read_only_query(script::ScriptDb& db, std::string_view sql, std::size_t max_rows);

}  // namespace gb::engine

#include "engine/query.hpp"

#include <exception>
#include <utility>

namespace gb::engine {

QueryRows run_read_only_query(script::ScriptDb& db, std::string_view sql, std::size_t max_rows) {
  QueryRows out;
  db.clear_denial();
  try {
    data::Statement st = db.db().prepare(sql);
    for (int i = 0; i < st.column_count(); ++i) out.columns.push_back(st.column_name(i));
    while (st.step() && out.rows.size() < max_rows) {
      std::vector<data::Value> row;
      row.reserve(out.columns.size());
      for (int i = 0; i < st.column_count(); ++i) row.push_back(st.column_value(i));
      out.rows.push_back(std::move(row));
    }
  } catch (const std::exception& e) {
    out.error = db.denial().empty() ? e.what() : "read-only: " + db.denial();
  }
  return out;
}

}  // namespace gb::engine

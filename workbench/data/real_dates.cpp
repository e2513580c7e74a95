#include "data/real_dates.hpp"

#include <cctype>
#include <string>
#include <utility>

namespace gb::data {

namespace {

bool ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The CREATE statement lower-cased with all whitespace removed, so that
// "CHECK (date(as_of) IS as_of)" reads "check(date(as_of)isas_of)".
std::string squeeze(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  for (char c : sql)
    if (!std::isspace(static_cast<unsigned char>(c)))
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

bool declares_date(const std::string& squeezed_sql, const std::string& column) {
  // The column as the CREATE statement may spell it: bare or quoted.
  const std::string col = squeeze(column);
  const std::string spellings[] = {col, '"' + col + '"', '`' + col + '`', '[' + col + ']'};
  for (const auto& a : spellings)
    for (const auto& b : spellings) {
      const std::string needle = "date(" + a + ")is" + b;
      for (std::size_t at = squeezed_sql.find(needle); at != std::string::npos;
           at = squeezed_sql.find(needle, at + 1)) {
        const std::size_t end = at + needle.size();
        const bool starts = at == 0 || !ident_char(squeezed_sql[at - 1]);
        const bool ends = end == squeezed_sql.size() || !ident_char(squeezed_sql[end]);
        if (starts && ends) return true;
      }
    }
  return false;
}

// A stored value as a person can read it in a terminal: control bytes
// escaped, at most 60 bytes (a hostile file may hold anything here).
std::string printable(Statement& st, int i) {
  const std::string type = st.column_type_name(i);
  if (type == "BLOB") return "(" + std::to_string(st.column_blob(i).size()) + "-byte BLOB)";
  std::string v = st.column_text(i);
  constexpr std::size_t kMax = 60;
  bool cut = false;
  if (v.size() > kMax) {
    std::size_t at = kMax;
    while (at > 0 && (static_cast<unsigned char>(v[at]) & 0xC0) == 0x80) --at;  // not inside a UTF-8 sequence
    v.resize(at);
    cut = true;
  }
  std::string out;
  for (const char ch : v) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != 0x7F) {
      out.push_back(ch);
      continue;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    out += "\\x";
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xF]);
  }
  if (cut) out += "...";
  return type == "TEXT" ? out : out + " (" + type + ")";
}

}  // namespace

std::vector<DateColumn> date_columns(Db& db) {
  std::vector<DateColumn> out;
  std::vector<std::pair<std::string, std::string>> tables;
  {
    Statement st = db.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql IS NOT NULL "
        "ORDER BY name");
    while (st.step()) tables.emplace_back(st.column_text(0), squeeze(st.column_text(1)));
  }
  for (const auto& [table, sql] : tables) {
    if (sql.find("date(") == std::string::npos) continue;
    Statement cols = db.prepare("PRAGMA main.table_info(" + quote_identifier(table) + ")");
    while (cols.step()) {
      std::string col = cols.column_text(1);
      if (declares_date(sql, col)) out.push_back({table, std::move(col)});
    }
  }
  return out;
}

ImpossibleDateReport find_impossible_dates(Db& db, std::size_t limit) {
  ImpossibleDateReport report;
  const auto columns = date_columns(db);
  report.columns_checked = columns.size();
  for (const auto& dc : columns) {
    const std::string c = quote_identifier(dc.column);
    // date(x, '+0 days') rolls a day past the month's end over into the
    // next month, so it differs from x exactly when x is not a real date.
    Statement st = db.prepare("SELECT rowid, " + c + " FROM " + quote_identifier(dc.table) + " WHERE " + c +
                              " IS NOT NULL AND date(" + c + ", '+0 days') IS NOT " + c + " ORDER BY rowid");
    while (st.step()) {
      ++report.total;
      if (report.found.size() < limit)
        report.found.push_back({dc.table, st.column_int(0), dc.column, printable(st, 1)});
    }
  }
  return report;
}

}  // namespace gb::data

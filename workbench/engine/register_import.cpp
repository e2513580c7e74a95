#include "engine/register_import.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "core/dates.hpp"
#include "core/text.hpp"
#include "core/xlsx_writer.hpp"
#include "data/describe.hpp"
#include "data/import_model.hpp"
#include "data/xlsx_reader.hpp"

namespace gb::engine {

namespace {

bool is_level_field(const std::string& f) {
  return f == "likelihood" || f == "impact" || f == "target_likelihood" || f == "target_impact";
}

std::string lower_trimmed(std::string_view s) {
  return to_lower_ascii(trim(s));
}

// The register's current position of each risk, by ref.
struct Current {
  std::int64_t risk_id = 0;
  std::string name, owner, likelihood, impact, trend, progress, rag, target_likelihood, target_impact, as_of;
};

std::map<std::int64_t, Current> current_register(data::Db& db) {
  std::map<std::int64_t, Current> out;
  data::Statement st = db.prepare(
      "SELECT risk_id, ref, name, owner, likelihood, impact, trend, progress, rag, target_likelihood, "
      "target_impact, as_of FROM risk_register");
  auto text = [&](int i) { return st.column_is_null(i) ? std::string() : st.column_text(i); };
  while (st.step()) {
    Current c;
    c.risk_id = st.column_int(0);
    c.name = text(2);
    c.owner = text(3);
    c.likelihood = text(4);
    c.impact = text(5);
    c.trend = text(6);
    c.progress = text(7);
    c.rag = text(8);
    c.target_likelihood = text(9);
    c.target_impact = text(10);
    c.as_of = text(11);
    out[st.column_int(1)] = std::move(c);
  }
  return out;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "'" : ", '") + data::printable(n, 80) + "'";
  return out;
}

}  // namespace

const std::vector<std::string>& register_fields() {
  static const std::vector<std::string> fields = {"ref",   "likelihood",        "impact",       "trend", "name",
                                                  "owner", "target_likelihood", "target_impact"};
  return fields;
}

RegisterMapping read_register_mapping(const std::filesystem::path& file) {
  RegisterMapping m;
  m.file = file.string();
  for (const auto& line : data::read_column_mapping(file)) {
    const std::string key = line.from;
    const std::string value = line.to;
    const auto space = key.find(' ');
    const std::string word = key.substr(0, space);
    const std::string rest = space == std::string::npos ? "" : std::string(trim(key.substr(space + 1)));
    if (word == "sheet" && rest.empty()) {
      m.sheet = value;
    } else if (word == "range" && rest.empty()) {
      m.range = value;
    } else if (word == "as-of" && rest.empty()) {
      if (!is_real_date(value)) throw Error(line.where, "as-of '" + value + "' is not a date (YYYY-MM-DD)");
      m.as_of = value;
    } else if (word == "header-rows" && rest.empty()) {
      int n = -1;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size() || n < 1 || n > 20)
        throw Error(line.where, "header-rows must be a number from 1 to 20");
      m.header_rows = n;
    } else if (word == "column") {
      const auto& fields = register_fields();
      if (std::find(fields.begin(), fields.end(), rest) == fields.end())
        throw Error(line.where, "'" + rest + "' is not a register field; the fields are " + quoted_list(fields));
      if (value.empty()) throw Error(line.where, "the header for " + rest + " is empty");
      m.columns[rest] = {value, line.where};
    } else if (word == "value") {
      const auto sp = rest.find(' ');
      const std::string field = rest.substr(0, sp);
      const std::string text = sp == std::string::npos ? "" : lower_trimmed(rest.substr(sp + 1));
      if (field != "*" && field != "trend" && !is_level_field(field))
        throw Error(line.where,
                    "value maps are for likelihood, impact, target_likelihood, target_impact, trend "
                    "or * (every level): write 'value FIELD workbook text = value'");
      if (text.empty()) throw Error(line.where, "write 'value FIELD workbook text = value' (the text is missing)");
      m.values[field][text] = value;
    } else {
      throw Error(line.where,
                  "unknown line: write 'sheet = NAME', 'header-rows = N', 'range = A1:K99', "
                  "'as-of = YYYY-MM-DD', 'column FIELD = Header' or 'value FIELD text = value'");
    }
  }
  if (!m.columns.count("ref"))
    throw Error(SourceLocation{m.file, 0, 0},
                "the mapping names no column for ref ('column ref = Header'): "
                "risks are matched by their ref");
  return m;
}

RegisterPlan plan_register_import(data::Db& db, const std::filesystem::path& workbook, const RegisterMapping& m,
                                  const std::string& as_of_option) {
  data::ImportOptions o;
  o.sheet = m.sheet;
  o.range = m.range;
  o.header_rows = m.header_rows;
  const data::WorkbookRows rows = data::read_workbook_rows(workbook, o);
  RegisterPlan plan;
  plan.sheet = rows.sheet;
  plan.range = rows.range;
  plan.rows = static_cast<std::int64_t>(rows.rows.size());
  const std::string sheet_label = "sheet '" + data::printable(rows.sheet, 100) + "'";
  const auto area = data::parse_range(rows.range);
  const std::int64_t first_col = area ? area->first_col : 0;

  // Where each field is: a column the sheet does not have is refused.
  std::map<std::string, std::size_t> at;
  for (const auto& [field, col] : m.columns) {
    std::size_t found = rows.names.size();
    for (std::size_t c = 0; c < rows.names.size() && found == rows.names.size(); ++c)
      if (rows.names[c] == col.header) found = c;
    for (std::size_t c = 0; c < rows.names.size() && found == rows.names.size(); ++c)
      if (iequals_ascii(rows.names[c], col.header)) found = c;
    if (found == rows.names.size())
      throw Error(col.where, "column '" + data::printable(col.header, 120) + "' (for " + field + ") is not in " +
                                 sheet_label + " of " + workbook.string() + "; its columns are " +
                                 quoted_list(rows.names) + "; nothing was changed");
    at[field] = found;
  }

  const std::string as_of = !as_of_option.empty() ? as_of_option : !m.as_of.empty() ? m.as_of : today_utc();
  const auto register_now = current_register(db);
  std::set<std::int64_t> seen;
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    const auto& row = rows.rows[r];
    const std::int64_t sheet_row = rows.sheet_rows[r];
    auto cell = [&](const std::string& field) -> std::optional<std::string> {
      const auto it = at.find(field);
      if (it == at.end()) return std::nullopt;
      return std::string(trim(row[it->second]));
    };
    auto where = [&](const std::string& field) {
      return workbook.string() + ": " + sheet_label + ", cell " +
             xlsx::cell_ref(sheet_row - 1, first_col + static_cast<std::int64_t>(at.at(field)));
    };
    // A level or a trend as stored, through the value maps.
    auto value = [&](const std::string& field) -> std::optional<std::string> {
      auto text = cell(field);
      if (!text || text->empty()) return text;
      const std::string key = lower_trimmed(*text);
      for (const std::string& f : {field, std::string("*")}) {
        if (f == "*" && !is_level_field(field)) continue;
        if (const auto fm = m.values.find(f); fm != m.values.end())
          if (const auto v = fm->second.find(key); v != fm->second.end()) text = v->second;
      }
      if (field == "trend") {
        const std::string t = lower_trimmed(*text);
        if (t != "improving" && t != "stable" && t != "worsening")
          throw Error(where(field) + ": '" + data::printable(*text, 40) +
                      "' is not a trend (improving, stable, worsening); map it in " + m.file + ", e.g. 'value trend " +
                      data::printable(*text, 40) + " = worsening'; nothing was changed");
        return t;
      }
      static const std::map<std::string, std::string> words = {
          {"vl", "VL"},       {"l", "L"},   {"m", "M"},      {"h", "H"},    {"vh", "VH"},
          {"very low", "VL"}, {"low", "L"}, {"medium", "M"}, {"high", "H"}, {"very high", "VH"}};
      const auto w = words.find(lower_trimmed(*text));
      if (w == words.end())
        throw Error(where(field) + ": '" + data::printable(*text, 40) + "' is not " +
                    (field == "impact" ? "an " : "a ") + field + " (VL, L, M, H, VH); map it in " + m.file +
                    ", e.g. 'value " + field + " " + data::printable(*text, 40) + " = H'; nothing was changed");
      return w->second;
    };

    const std::string ref_text = *cell("ref");
    if (ref_text.empty()) continue;  // a blank row, or a note under the table
    std::int64_t ref = 0;
    const auto [end, ec] = std::from_chars(ref_text.data(), ref_text.data() + ref_text.size(), ref);
    if (ec != std::errc() || end != ref_text.data() + ref_text.size()) {
      plan.notes.push_back("row " + std::to_string(sheet_row) + ": ref '" + data::printable(ref_text, 40) +
                           "' is not a risk's number; the row is skipped");
      continue;
    }
    if (!seen.insert(ref).second)
      throw Error(where("ref") + ": risk " + std::to_string(ref) +
                  " appears twice in the sheet; keep one row per risk; nothing was changed");
    const auto cur = register_now.find(ref);
    if (cur == register_now.end()) {
      plan.notes.push_back("row " + std::to_string(sheet_row) + ": risk " + std::to_string(ref) +
                           " is not in the register: not added (import-register updates the risks the register "
                           "has; a new risk is added by hand)");
      continue;
    }
    const Current& c = cur->second;
    RiskUpdate u;
    u.ref = ref;
    u.name = c.name;
    u.sheet_row = sheet_row;
    const auto likelihood = value("likelihood");
    const auto impact = value("impact");
    const auto trend = value("trend");
    auto change = [&](const char* what, const std::optional<std::string>& v, const std::string& now) {
      if (v && !v->empty() && *v != now)
        u.changes.push_back(std::string(what) + " " + (now.empty() ? "(none)" : now) + " -> " + *v);
    };
    change("likelihood", likelihood, c.likelihood);
    change("impact", impact, c.impact);
    change("trend", trend, c.trend);
    // Compared, not imported.
    auto differs = [&](const char* what, const std::optional<std::string>& v, const std::string& now) {
      if (v && !v->empty() && *v != now)
        plan.notes.push_back("risk " + std::to_string(ref) + " " + c.name + " (row " + std::to_string(sheet_row) +
                             "): " + what + " is '" + data::printable(*v, 80) + "' in the workbook, '" + now +
                             "' in the register: not changed (import-register records positions only)");
    };
    differs("name", cell("name"), c.name);
    differs("owner", cell("owner"), c.owner);
    differs("target likelihood", value("target_likelihood"), c.target_likelihood);
    differs("target impact", value("target_impact"), c.target_impact);
    if (u.changes.empty()) {
      ++plan.unchanged;
      continue;
    }
    u.edit.risk_id = c.risk_id;
    u.edit.as_of = as_of;
    u.edit.likelihood = likelihood && !likelihood->empty() ? *likelihood : c.likelihood;
    u.edit.impact = impact && !impact->empty() ? *impact : c.impact;
    if (trend && !trend->empty())
      u.edit.trend = *trend;
    else if (!c.trend.empty())
      u.edit.trend = c.trend;
    if (!c.progress.empty()) u.edit.progress = c.progress;
    if (!c.rag.empty()) u.edit.rag = c.rag;
    plan.updates.push_back(std::move(u));
  }
  return plan;
}

}  // namespace gb::engine

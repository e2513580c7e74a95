// The reading of a resolved view tree that the HTML and PDF papers share
// (paper_model.hpp).
#include "export/paper_model.hpp"

#include <algorithm>
#include <cmath>

#include "core/format.hpp"
#include "core/table_order.hpp"
#include "core/text.hpp"
#include "export/svg.hpp"

namespace gb::exporter::detail {

namespace {

void emit(std::vector<Run>& runs, std::string_view text, bool bold, bool italic) {
  if (text.empty()) return;
  if (!runs.empty() && runs.back().bold == bold && runs.back().italic == italic) {
    runs.back().text.append(text);
    return;
  }
  runs.push_back({std::string(text), bold, italic});
}

// Linear: a failed search for a "**" closer is remembered, and a single "*"
// only ever looks as far as the next "*". Inside bold, "**" is literal.
void inline_runs(std::string_view s, bool in_bold, std::vector<Run>& runs) {
  bool bold_closer_left = !in_bold;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '*') {
      const std::size_t j = std::min(s.find('*', i), s.size());
      emit(runs, s.substr(i, j - i), in_bold, false);
      i = j;
      continue;
    }
    if (i + 1 < s.size() && s[i + 1] == '*') {
      if (bold_closer_left) {
        const std::size_t j = s.find("**", i + 2);
        if (j == std::string_view::npos) {
          bold_closer_left = false;
        } else if (j > i + 2) {
          inline_runs(s.substr(i + 2, j - i - 2), true, runs);
          i = j + 2;
          continue;
        }
      }
      emit(runs, "**", in_bold, false);
      i += 2;
      continue;
    }
    // *italic*: not "* " (a multiplication or a stray star) and not " *".
    const std::size_t j = s.find('*', i + 1);
    if (j != std::string_view::npos && j > i + 1 && s[i + 1] != ' ' && s[j - 1] != ' ') {
      emit(runs, s.substr(i + 1, j - i - 1), in_bold, true);
      i = j + 1;
      continue;
    }
    emit(runs, "*", in_bold, false);
    ++i;
  }
}

}  // namespace

std::vector<Block> parse_markup(std::string_view text) {
  std::vector<Block> blocks;
  std::string para;
  bool in_list = false;
  auto flush = [&] {
    if (para.empty()) return;
    Block b;
    std::vector<Run> runs;
    inline_runs(para, false, runs);
    // The paragraph's lines were joined with '\n': each becomes a break.
    for (Run& r : runs) {
      std::size_t at = 0;
      for (std::size_t nl; (nl = r.text.find('\n', at)) != std::string::npos; at = nl + 1) {
        if (nl > at) b.runs.push_back({r.text.substr(at, nl - at), r.bold, r.italic});
        b.runs.push_back({std::string(), r.bold, r.italic, true});
      }
      if (at == 0)
        b.runs.push_back(std::move(r));
      else if (at < r.text.size())
        b.runs.push_back({r.text.substr(at), r.bold, r.italic});
    }
    blocks.push_back(std::move(b));
    para.clear();
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(start, end - start));  // also drops a CR of CRLF
    if (line.empty()) {
      flush();
      in_list = false;
    } else if (line == "-" || line.substr(0, 2) == "- ") {
      flush();
      Block b;
      b.bullet = true;
      b.list_start = !in_list;
      in_list = true;
      inline_runs(trim(line.substr(1)), false, b.runs);
      blocks.push_back(std::move(b));
    } else {
      in_list = false;
      if (!para.empty()) para.push_back('\n');
      para += line;
    }
    start = end + 1;
  }
  flush();
  return blocks;
}

TableModel table_model(const Tree& e) {
  TableModel m;
  if (const Tree::Array* columns = array_field(e, "columns"))
    for (const Tree& c : *columns) {
      const std::string* key = string_field(c, "key");
      if (!key) continue;
      const std::string* label = string_field(c, "label");
      const std::string* format = string_field(c, "format");
      static const char* const kFormats[] = {"number", "percent", "integer", "date", "rag"};
      std::string f = "text";
      for (const char* k : kFormats)
        if (format && *format == k) f = k;
      m.cols.push_back({*key, label ? *label : *key, f});
    }
  if (m.cols.empty()) return m;

  if (const Tree::Array* r = array_field(e, "rows"))
    for (const Tree& row : *r) {
      if (row.is_object())
        m.rows.push_back(&row);
      else
        ++m.malformed;
    }

  // The initial sort, applied once: a paper cannot re-sort.
  if (const std::string* sort = string_field(e, "sort"); sort && !sort->empty()) {
    const bool descending = (*sort)[0] == '-';
    const std::string key = descending ? sort->substr(1) : *sort;
    std::string format = "text";
    for (const auto& c : m.cols)
      if (c.key == key) format = c.format;
    sort_table_rows(m.rows, key, format, descending);
  }

  const Tree* totals = e.find("totals");
  if (totals && totals->is_bool() && totals->as_bool()) {
    for (std::size_t k = 0; k < m.cols.size(); ++k) {
      const Column& c = m.cols[k];
      if (!c.summed()) {
        m.totals.push_back(k == 0 ? "Total" : "");
        continue;
      }
      double sum = 0;
      for (const Tree* row : m.rows)
        if (const auto v = finite(row->find(c.key))) sum += c.format == "integer" ? std::round(*v) : *v;
      m.totals.push_back(number_text(sum, c.format == "integer" ? 0 : 2));
    }
  }
  return m;
}

std::string cell_text(const Tree* v, const std::string& format) {
  return format_cell(v, format);  // core/format.hpp: the window and Markdown read the same
}

std::string params_text(const Tree* params, const char* sep) {
  std::string s;
  if (!params || !params->is_object()) return s;
  for (const auto& [k, v] : params->as_object()) {
    if (!s.empty()) s += ", ";
    const std::string value = scalar_text(&v);
    s += k + sep + (value.empty() && !v.is_string() ? kDash : value);
  }
  return s;
}

std::vector<std::pair<std::string, std::string>> provenance_rows(const Tree& view) {
  const Tree* p = view.find("provenance");
  static const Tree kEmpty = Tree::object();
  const Tree& prov = p && p->is_object() ? *p : kEmpty;
  std::vector<std::pair<std::string, std::string>> rows;
  auto row = [&](const char* label, std::string value) {
    rows.emplace_back(label, value.empty() ? std::string(kDash) : std::move(value));
  };
  row("View", scalar_text(view.find("id")));
  if (const std::string* where = string_field(prov, "view_defined_in")) row("Defined in", *where);
  row("Database", scalar_text(prov.find("database")));
  row("Data fingerprint", scalar_text(prov.find("data_fingerprint")));
  std::string packs;
  if (const Tree::Array* list = array_field(prov, "packs"))
    for (const Tree& pk : *list) {
      const std::string name = scalar_text(pk.find("name")), version = scalar_text(pk.find("version"));
      if (name.empty()) continue;
      packs += (packs.empty() ? "" : ", ") + name + (version.empty() ? "" : " " + version);
    }
  row("Packs", packs);
  row("Parameters", params_text(view.find("params"), " = "));
  // A paper computed under a what-if scenario says so: it is not the register as stored.
  if (const std::string* scenario = string_field(prov, "scenario")) row("Scenario", *scenario);
  row("Figures as at", figures_as_at_text(scalar_text(prov.find("figures_as_at")), scalar_text(view.find("as_of"))));
  row("Generated", scalar_text(prov.find("generated_at")));
  return rows;
}

}  // namespace gb::exporter::detail

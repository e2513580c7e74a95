#include "export/markdown.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>

#include "core/format.hpp"
#include "core/text.hpp"
#include "export/paper_model.hpp"

namespace gb::exporter {

namespace {

constexpr int kMaxDepth = 64;

const std::string* str(const Tree& t, const char* key) {
  const Tree* v = t.find(key);
  return v && v->is_string() ? &v->as_string() : nullptr;
}

const Tree::Array* arr(const Tree& t, const char* key) {
  const Tree* v = t.find(key);
  return v && v->is_array() ? &v->as_array() : nullptr;
}

std::string scalar(const Tree* v) {
  if (!v || v->is_null()) return "";
  if (v->is_number()) {
    const double d = v->as_number();
    if (!std::isfinite(d)) return "";
    if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", d);
    return buf;
  }
  if (v->is_bool()) return v->as_bool() ? "yes" : "no";
  if (v->is_string()) return v->as_string();
  return "";
}

// Text taken from the tree (data, and strings a pack wrote), made inert:
// whatever it holds shows as written and never becomes raw HTML, a link,
// an image, code, emphasis or block structure when the Markdown is turned
// into HTML. On one line (line breaks become spaces); characters Markdown
// reads as syntax are backslash-escaped ([ and ] always, so no link or
// image can open; a ( right after a ] too, so "](" never appears), and <,
// > and & are written as entities, so no tag survives; "javascript:" loses
// its colon to an entity. `line_start`: the text may begin a line (a
// paragraph, a list item), so nothing at its start may open a block there;
// headings and table cells cannot hold blocks and are left readable.
enum class At { LineStart, Inside };
std::string md(std::string_view s, At at = At::LineStart) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (c) {
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '#':
      case '|':
      case '~':
        out += '\\';
        out += c;
        break;
      case '(':
        if (!out.empty() && out.back() == ']') out += '\\';
        out += c;
        break;
      case ':': {
        // A scheme that runs code, however a renderer might still find a link.
        std::string before;
        for (std::size_t k = out.size(); k > 0 && before.size() < 10; --k) {
          const char b = out[k - 1];
          if (!std::isalpha(static_cast<unsigned char>(b))) break;
          before.insert(before.begin(), static_cast<char>(std::tolower(static_cast<unsigned char>(b))));
        }
        const bool script = before.ends_with("javascript") || before.ends_with("vbscript") || before == "data";
        out += script ? "&#58;" : ":";
        break;
      }
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) break;  // other control characters: dropped
        out += c;
    }
  }
  // Nothing at the start may open a block: leading spaces (code), -, + and
  // = (lists, rules, headings underlined) and "1." or "1)" (numbered lists).
  const std::size_t first = out.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  out.erase(0, first);
  if (at == At::LineStart) {
    if (out[0] == '-' || out[0] == '+' || out[0] == '=') {
      out.insert(out.begin(), '\\');
    } else if (std::isdigit(static_cast<unsigned char>(out[0]))) {
      std::size_t d = 0;
      while (d < out.size() && d < 10 && std::isdigit(static_cast<unsigned char>(out[d]))) ++d;
      if (d < out.size() && (out[d] == '.' || out[d] == ')'))
        out.insert(out.begin() + static_cast<std::ptrdiff_t>(d), '\\');
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// A table cell: escaped (pipes too) and on one line.
std::string cell(const std::string& s) {
  const std::string out = md(s, At::Inside);
  return out.empty() ? "\u2014" : out;
}

// `ui.text` markup (paper_model.hpp: **bold**, *italic*, "- " bullets,
// paragraphs) as Markdown; the words themselves are escaped.
std::string markup(const std::string& text) {
  std::string out;
  bool in_list = false;
  for (const detail::Block& b : detail::parse_markup(text)) {
    if (!b.bullet && in_list) out += "\n";
    in_list = b.bullet;
    std::string line = b.bullet ? "- " : "";
    // Runs of one style together; emphasis wraps the words, not the spaces
    // around them (Markdown ignores "** x**").
    std::vector<detail::Run> runs;
    for (const detail::Run& r : b.runs) {
      if (!runs.empty() && !r.line_break && !runs.back().line_break && runs.back().bold == r.bold &&
          runs.back().italic == r.italic)
        runs.back().text += r.text;
      else
        runs.push_back(r);
    }
    std::string body;
    for (const detail::Run& r : runs) {
      if (r.line_break) {
        // A hard break (CommonMark's backslash at the end of a line). Only
        // paragraphs have them: a bullet is one line (paper_model.hpp).
        while (!body.empty() && body.back() == ' ') body.pop_back();
        body += "\\\n";
        continue;
      }
      const std::size_t lead = r.text.find_first_not_of(' ');
      if (lead == std::string::npos) {
        body += ' ';
        continue;
      }
      const std::size_t trail = r.text.find_last_not_of(' ');
      const bool line_start = body.empty() || body.back() == '\n';
      std::string words = md(r.text.substr(lead, trail - lead + 1), line_start ? At::LineStart : At::Inside);
      if (lead > 0) body += ' ';
      const char* mark = r.bold && r.italic ? "***" : r.bold ? "**" : r.italic ? "*" : "";
      body += mark + words + mark;
      if (trail + 1 < r.text.size()) body += ' ';
    }
    while (!body.empty() && body.back() == ' ') body.pop_back();
    const std::size_t first = body.find_first_not_of(' ');
    line += first == std::string::npos ? std::string() : body.substr(first);
    out += line + (b.bullet ? "\n" : "\n\n");
  }
  if (in_list) out += "\n";
  return out;
}

void table_row(std::string& out, const std::vector<std::string>& cells) {
  out += "|";
  for (const auto& c : cells) out += " " + cell(c) + " |";
  out += "\n";
}

void table_rule(std::string& out, std::size_t n) {
  out += "|";
  for (std::size_t i = 0; i < n; ++i) out += " --- |";
  out += "\n";
}

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void element(const Tree& e, int level, int depth) {
    if (!e.is_object()) return;
    if (depth > kMaxDepth) return error("elements nested too deeply to show");
    const std::string* type = str(e, "type");
    const std::string t = type ? *type : "";
    if (t == "page" || t == "section") {
      const std::string* title = str(e, "title");
      if (title)
        out_ += std::string(static_cast<std::size_t>(std::min(6, level)), '#') + " " + md(*title, At::Inside) + "\n\n";
      if (const std::string* sub = str(e, "subtitle")) out_ += "_" + md(*sub, At::Inside) + "_\n\n";
      children(e, title ? level + 1 : level, depth);
    } else if (t == "columns") {
      children(e, level, depth);
    } else if (t == "text") {
      out_ += markup(scalar(e.find("text")));
    } else if (t == "tiles") {
      tiles(e);
    } else if (t == "table") {
      table(e);
    } else if (t == "heatmap") {
      heatmap(e);
    } else if (t == "chart") {
      chart(e);
    } else if (t == "rag_summary") {
      rag_summary(e);
    } else if (t == "link") {
      out_ += "See view " + cell(scalar(e.find("view")));
      if (const std::string text = scalar(e.find("text")); !text.empty()) out_ += ": " + md(text, At::Inside);
      out_ += "\n\n";
    } else if (t == "error") {
      error(scalar(e.find("message")));
    } else {
      error(t.empty() ? "element without a type" : "cannot show an element of type \"" + t + "\"");
    }
  }

  void children(const Tree& e, int level, int depth) {
    if (const Tree::Array* kids = arr(e, "children"))
      for (const Tree& k : *kids) element(k, level, depth + 1);
  }

 private:
  void error(const std::string& message) { out_ += "> **Error:** " + md(message, At::Inside) + "\n\n"; }

  void caption(const Tree& e) {
    if (const std::string* title = str(e, "title")) out_ += "**" + md(*title, At::Inside) + "**\n\n";
  }

  void tiles(const Tree& e) {
    const Tree::Array* items = arr(e, "items");
    if (!items) return;
    for (const Tree& it : *items) {
      std::string line = "- " + md(scalar(it.find("label"))) + ": ";
      // The value reads as on screen and on the other papers (core/format.hpp).
      const Tree* value = it.find("value");
      const std::string unit = scalar(it.find("unit"));
      const std::string v = value && value->is_number() ? format_value(value->as_number(), unit) : scalar(value);
      line += v.empty() ? "no data" : "**" + md(v, At::Inside) + "**";
      if (const std::string change = tile_change_text(it); !change.empty() && !v.empty())
        line += ", " + md(change, At::Inside);
      if (const std::string rag = scalar(it.find("rag")); !rag.empty()) {
        const char* word = rag_word(rag);
        line += " (" + md(*word ? std::string(word) : rag, At::Inside) + ")";
      }
      if (const std::string n = scalar(it.find("note")); !n.empty()) line += " \u2014 " + md(n, At::Inside);
      out_ += line + "\n";
    }
    out_ += "\n";
  }

  void table(const Tree& e) {
    caption(e);
    const Tree::Array* columns = arr(e, "columns");
    if (!columns || columns->empty()) return;
    std::vector<std::string> keys, labels, formats;
    for (const Tree& c : *columns) {
      keys.push_back(scalar(c.find("key")));
      const std::string l = scalar(c.find("label"));
      labels.push_back(l.empty() ? keys.back() : l);
      formats.push_back(scalar(c.find("format")));
    }
    table_row(out_, labels);
    table_rule(out_, labels.size());
    if (const Tree::Array* rows = arr(e, "rows"))
      for (const Tree& r : *rows) {
        std::vector<std::string> cells;
        // Each cell by its column's format, as on screen and on the other papers.
        for (std::size_t k = 0; k < keys.size(); ++k)
          cells.push_back(r.is_object() ? format_cell(r.find(keys[k]), formats[k]) : "");
        table_row(out_, cells);
      }
    out_ += "\n";
  }

  void heatmap(const Tree& e) {
    caption(e);
    const Tree::Array* lik = arr(e, "likelihood");
    const Tree::Array* imp = arr(e, "impact");
    if (!lik || !imp) return error("heat map without its axes");
    const Tree::Array* cur = arr(e, "current");
    const Tree::Array* bands = arr(e, "bands");
    std::vector<std::string> head{"Likelihood \\ Impact"};
    for (const Tree& i : *imp) head.push_back(scalar(&i));
    table_row(out_, head);
    table_rule(out_, head.size());
    for (std::size_t l = lik->size(); l-- > 0;) {  // high likelihood first, as drawn
      std::vector<std::string> row{scalar(&(*lik)[l])};
      for (std::size_t i = 0; i < imp->size(); ++i) {
        std::string c;
        if (bands && l < bands->size() && (*bands)[l].is_array() && i < (*bands)[l].size())
          c = scalar(&(*bands)[l].as_array()[i]);
        std::string refs;
        if (cur && l < cur->size() && (*cur)[l].is_array() && i < (*cur)[l].size())
          if (const Tree& cell_refs = (*cur)[l].as_array()[i]; cell_refs.is_array())
            for (const Tree& r : cell_refs.as_array()) refs += (refs.empty() ? "" : ", ") + scalar(&r);
        row.push_back(refs.empty() ? c : c + ": " + refs);
      }
      table_row(out_, row);
    }
    out_ += "\n";
  }

  void chart(const Tree& e) {
    caption(e);
    const Tree::Array* series = arr(e, "series");
    if (!series) return;
    // One row per label, one column per series, labels in first-seen order.
    std::vector<std::string> labels;
    std::vector<std::string> names;
    for (const Tree& s : *series) {
      names.push_back(scalar(s.find("name")));
      if (const Tree::Array* pts = arr(s, "points"))
        for (const Tree& p : *pts) {
          const std::string l =
              p.is_array() && !p.as_array().empty() ? scalar(&p.as_array()[0]) : scalar(p.find("label"));
          if (std::find(labels.begin(), labels.end(), l) == labels.end()) labels.push_back(l);
        }
    }
    std::vector<std::string> head{""};
    for (const auto& n : names) head.push_back(n.empty() ? "value" : n);
    table_row(out_, head);
    table_rule(out_, head.size());
    for (const auto& l : labels) {
      std::vector<std::string> row{l};
      for (const Tree& s : *series) {
        std::string v;
        if (const Tree::Array* pts = arr(s, "points"))
          for (const Tree& p : *pts) {
            const bool pair = p.is_array() && p.as_array().size() >= 2;
            const std::string pl = pair ? scalar(&p.as_array()[0]) : scalar(p.find("label"));
            if (pl == l) v = pair ? scalar(&p.as_array()[1]) : scalar(p.find("value"));
          }
        row.push_back(v);
      }
      table_row(out_, row);
    }
    out_ += "\n";
  }

  void rag_summary(const Tree& e) {
    caption(e);
    const Tree* counts = e.find("counts");
    if (!counts || !counts->is_object()) return;
    std::string line;
    for (const auto& [k, v] : counts->as_object())
      line += (line.empty() ? "" : ", ") + md(k, line.empty() ? At::LineStart : At::Inside) + " " +
              md(scalar(&v), At::Inside);
    out_ += line + "\n\n";
  }

  std::string& out_;
};

}  // namespace

std::string render_markdown(const Tree& view) {
  std::string out;
  const std::string* title = view.is_object() ? str(view, "title") : nullptr;
  if (const std::string* board = view.is_object() ? str(view, "board") : nullptr; board && !board->empty())
    out += "_" + md(*board, At::Inside) + "_\n\n";
  out += "# " + md(title ? *title : std::string("Untitled view"), At::Inside) + "\n\n";
  if (!view.is_object()) return out + "> **Error:** the view is not an object\n";
  if (const Tree::Array* errors = arr(view, "errors"))
    for (const Tree& e : *errors) out += "> **Error:** " + md(scalar(e.find("message")), At::Inside) + "\n\n";
  Writer w(out);
  w.children(view, 2, 0);
  if (const Tree* prov = view.find("provenance"); prov && prov->is_object()) {
    out += "---\n\n**Provenance**\n\n";
    out += "- Database: " + md(scalar(prov->find("database")), At::Inside) + "\n";
    out += "- Data fingerprint: " + md(scalar(prov->find("data_fingerprint")), At::Inside) + "\n";
    std::string packs;
    if (const Tree::Array* pk = arr(*prov, "packs"))
      for (const Tree& p : *pk)
        packs += (packs.empty() ? "" : ", ") + scalar(p.find("name")) + " " + scalar(p.find("version"));
    out += "- Packs: " + (packs.empty() ? std::string("\u2014") : md(packs, At::Inside)) + "\n";
    out += "- Figures as at: " +
           md(figures_as_at_text(scalar(prov->find("figures_as_at")), scalar(view.find("as_of"))), At::Inside) + "\n";
    out += "- Generated: " + md(scalar(prov->find("generated_at")), At::Inside) + "\n";
  }
  return out;
}

}  // namespace gb::exporter

// HTML board paper from a resolved view tree. The output is a single static
// file: a board secretary attaches it to a pack of papers or prints it, so
// it carries its own CSS, draws figures as inline SVG (export/svg.cpp) and
// needs no script. Tables are sorted here, once, because nothing on the
// page can sort them later.
//
// Safety rule: every string from the tree goes through append_escaped
// before it reaches the output, and markup (**bold**, bullets) is applied
// to the escaped text, so a label such as "</style><script>" stays text.
#include "export/html.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <vector>

#include "core/format.hpp"
#include "core/palette.hpp"
#include "core/rag.hpp"
#include "core/text.hpp"
#include "core/view_tree.hpp"
#include "export/paper_model.hpp"
#include "export/render_clock.hpp"
#include "export/svg.hpp"

namespace gb::exporter {

namespace {

using namespace detail;

// Calm, print-first styling. Sizes in pt for print (10pt body), px/rem on
// screen. print-color-adjust keeps RAG colours when printing (browsers drop
// backgrounds by default); meaning never rests on colour alone anyway.
// The bands' colours, from the one palette (core/palette.hpp): a tile's edge
// and a badge's outline are the band's fill; its shape, which is text, takes
// the light theme's ink (4.5:1 or more on white: amber's fill is 2:1).
std::string rag_css() {
  std::string s;
  for (Rag r : {Rag::Red, Rag::Amber, Rag::Green, Rag::Blue}) {
    const std::string n = rag_name(r), fill = hex(rag_fill(r)), ink = hex(rag_ink(r, PaletteTheme::Light));
    s += ".tile.rag-" + n + " { border-left-color: " + fill + "; } .badge.rag-" + n + " { border-color: " + fill +
         "; } .rag-" + n + " .sym { color: " + ink + "; }\n";
  }
  return s;
}

constexpr const char* kCss = R"css(
@page { size: A4; margin: 16mm 15mm 14mm 15mm;
  /* Page numbers in the margin where margin boxes work (WeasyPrint, Prince,
     Chromium 131+). Older Chromium ignores this rule, so the view title is
     repeated by .print-footer below instead, which every engine shows. */
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #5b6169; } }
:root { --ink: #1f2328; --muted: #5b6169; --rule: #d0d4d9; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; color: var(--ink); background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
  font-size: 15px; line-height: 1.45; overflow-wrap: break-word; }
h1 { font-size: 1.7em; margin: .1em 0 .2em; line-height: 1.2; }
h2 { font-size: 1.3em; margin: 1.4em 0 .5em; padding-bottom: .15em; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.1em; margin: 1.1em 0 .4em; }
h4, h5, h6 { font-size: 1em; margin: 1em 0 .3em; }
/* Headings stay with what follows: break-after where supported, plus a
   .keep wrapper around a heading and its first small element. */
h1, h2, h3, h4, h5, h6, caption, .fig-title, .subtitle { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
.keep, figure, .tile, .error, .rag-summary, .provenance { break-inside: avoid; page-break-inside: avoid; }
.board { color: var(--muted); font-weight: 600; letter-spacing: .02em; }
.params, .subtitle, .note, figcaption, .site { color: var(--muted); }
.params { margin: 0 0 1em; font-size: .92em; }
.subtitle { margin: -.3em 0 .6em; }
p, ul { margin: .4em 0 .6em; }
section.page ~ section.page { break-before: page; page-break-before: always; }
.columns { display: grid; gap: 1rem 1.5rem; align-items: start; }
.columns > .col { min-width: 0; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: .6rem; margin: .6em 0 1em; }
.tile { border: 1px solid var(--rule); border-left: 5px solid #9aa0a6; border-radius: 4px; padding: .45em .7em; }
.tile .label { font-size: .85em; color: var(--muted); }
.tile .value { font-size: 1.5em; font-weight: 600; font-variant-numeric: tabular-nums; }
.tile .unit { font-size: .6em; font-weight: 400; color: var(--muted); }
.tile .change, .tile .note, .tile .uncertainty { font-size: .82em; color: var(--muted); }
.tile .note { white-space: pre-line; }
.badge { display: inline-block; border: 1px solid #9aa0a6; border-radius: 3px; padding: 0 .4em; font-size: .85em;
  line-height: 1.5; white-space: nowrap; background: #fff; color: var(--ink); }
table.data { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font-size: .92em; }
table.data caption { text-align: left; font-weight: 600; padding-bottom: .3em; }
table.data th, table.data td { border-bottom: 1px solid var(--rule); padding: .25em .5em; text-align: left; vertical-align: top; }
table.data th { border-bottom: 1.5px solid var(--ink); font-weight: 600; }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.data thead { display: table-header-group; }  /* header repeats on each printed page */
table.data tr { break-inside: avoid; page-break-inside: avoid; }
table.data tr.total td { font-weight: 600; border-top: 1.5px solid var(--ink); border-bottom: none; }
figure { margin: .8em 0 1.2em; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption, .fig-title { font-size: .9em; margin: .3em 0; }
.fig-title, figure.chart > figcaption { font-weight: 600; color: var(--ink); }
.legend { display: flex; flex-wrap: wrap; gap: .3em 1em; font-size: .85em; margin: .3em 0; align-items: center; }
.key { white-space: nowrap; }
.swatch { display: inline-block; width: 1.4em; height: .35em; vertical-align: middle; margin-right: .35em; }
.swatch.dashed { border-top: 2px dashed var(--ink); height: 0; }
.rag-summary { display: flex; flex-wrap: wrap; gap: .5em 1.4em; margin: .5em 0 1em; align-items: baseline; }
.rag-summary .count strong { font-size: 1.35em; font-variant-numeric: tabular-nums; }
.rag-summary .title { font-weight: 600; width: 100%; }
.link cite { font-style: normal; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .92em; }
.error { border: 1px solid #8a8f96; background: #f2f3f4; color: #333; padding: .4em .7em; margin: .5em 0; border-radius: 4px; }
.provenance { margin-top: 2.2em; padding-top: .6em; border-top: 1px solid var(--rule); font-size: .8em; color: var(--muted); }
.provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: .3em 0 0; }
.provenance dt { font-weight: 600; } .provenance dd { margin: 0; }
table.paper { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.paper > tbody > tr > td, table.paper > tfoot > tr > td { padding: 0; }
.print-footer, table.paper > tfoot { display: none; }
@media screen and (max-width: 40rem) { .columns { grid-template-columns: 1fr !important; } }
@media print {
  body { font-size: 10pt; max-width: none; padding: 0; }
  .tiles { grid-template-columns: repeat(auto-fill, minmax(38mm, 1fr)); }
  /* Chromium repeats position:fixed boxes on every printed page: that is
     the running footer. The paper's <tfoot> spacer repeats too, reserving
     the space so the footer never covers text. */
  table.paper > tfoot { display: table-footer-group; }
  .footer-space { height: 9mm; }
  .print-footer { display: block; position: fixed; left: 0; right: 0; bottom: 0; font-size: 8pt; color: var(--muted);
    border-top: 1px solid var(--rule); padding-top: 1.5mm; background: #fff; }
}
)css";

constexpr int kMaxDepth = 64;  // validated trees have <= 32; refuse deeper ones rather than overflow the stack

void append_error(std::string& out, std::string_view message, const std::string* site) {
  out += "<div class=\"error\" role=\"note\"><strong>Error:</strong> ";
  append_escaped(out, message.empty() ? std::string_view("unknown error") : message);
  if (site && !site->empty()) {
    out += " <span class=\"site\">(";
    append_escaped(out, *site);
    out += ")</span>";
  }
  out += "</div>";
}

void append_runs(std::string& out, const std::vector<Run>& runs) {
  bool bold = false, italic = false;
  for (const Run& r : runs) {
    if (r.line_break) {
      out += "<br>";
      continue;
    }
    if (italic && (!r.italic || r.bold != bold)) out += "</em>", italic = false;
    if (r.bold != bold) out += r.bold ? "<strong>" : "</strong>", bold = r.bold;
    if (r.italic && !italic) out += "<em>", italic = true;
    append_escaped(out, r.text);
  }
  if (italic) out += "</em>";
  if (bold) out += "</strong>";
}

// ui.text (paper_model.hpp): paragraphs and bullet lists.
void append_markup(std::string& out, std::string_view text) {
  bool in_list = false;
  for (const Block& b : parse_markup(text)) {
    RenderClock::tick();
    if (in_list && (!b.bullet || b.list_start)) out += "</ul>", in_list = false;
    if (b.bullet && !in_list) out += "<ul>", in_list = true;
    out += b.bullet ? "<li>" : "<p>";
    append_runs(out, b.runs);
    out += b.bullet ? "</li>" : "</p>";
  }
  if (in_list) out += "</ul>";
}

void append_tiles(std::string& out, const Tree& e) {
  const Tree::Array* items = array_field(e, "items");
  if (!items || items->empty()) return append_error(out, "tiles without items", string_field(e, "site"));
  out += "<div class=\"tiles\">";
  for (const Tree& item : *items) {
    const std::string* type = string_field(item, "type");
    if (type && *type == "error") {
      out += "<div class=\"tile\">";
      append_error(out, scalar_text(item.find("message")), string_field(item, "site"));
      out += "</div>";
      continue;
    }
    const std::string* rag = string_field(item, "rag");
    const RagStyle* style = rag ? rag_style(*rag) : nullptr;
    out += std::string("<div class=\"tile") + (style ? std::string(" rag-") + style->name : "") + "\">";
    std::string label = scalar_text(item.find("label"));
    if (label.empty()) label = scalar_text(item.find("indicator"));
    out += "<div class=\"label\">";
    append_escaped(out, label.empty() ? kDash : label);
    out += "</div><div class=\"value\">";
    const std::string unit = scalar_text(item.find("unit"));
    const Tree* value = item.find("value");
    if (const auto v = finite(value)) {
      const ValueParts parts = format_value_parts(*v, unit);  // core/format.hpp: one rule for every output
      append_escaped(out, parts.number);
      if (!parts.unit.empty()) {
        out += "<span class=\"unit\">";
        append_escaped(out, parts.unit);
        out += "</span>";
      }
    } else if (value && value->is_string() && !value->as_string().empty()) {
      append_escaped(out, value->as_string());
    } else {
      out += kDash;
    }
    out += "</div>";
    // An indicator tile the host could not evaluate carries status "error"
    // and the reason: shown in the tile as an error (grey), never as a band.
    const std::string* status = string_field(item, "status");
    if (status && *status == "error") {
      append_error(out, scalar_text(item.find("error")), string_field(item, "site"));
    } else if (status && *status == "no_data" && !finite(value)) {
      out += "<div class=\"note\">No data</div>";
    }
    if (rag && !rag->empty() && !iequals_ascii(*rag, "none") && !(status && *status == "error")) {
      out += "<div class=\"rag\">";
      append_rag_badge(out, *rag);
      out += "</div>";
    }
    if (const std::string change = tile_change_text(item); !change.empty()) {
      // Arrows, not the RAG triangles: direction is not a judgement; and
      // no arrow at all for a change within noise.
      out += "<div class=\"change\">";
      append_escaped(out, change);
      out += "</div>";
    }
    for (const std::string& line : tile_uncertainty_lines(item)) {
      out += "<div class=\"uncertainty\">";
      append_escaped(out, line);
      out += "</div>";
    }
    if (const std::string* note = string_field(item, "note"); note && !note->empty()) {
      out += "<div class=\"note\">";
      append_escaped(out, *note);
      out += "</div>";
    }
    out += "</div>";
  }
  out += "</div>";
}

void append_table(std::string& out, const Tree& e) {
  const TableModel m = table_model(e);
  const std::vector<Column>& cols = m.cols;
  if (cols.empty()) return append_error(out, "table without columns", string_field(e, "site"));
  out += "<table class=\"data\">";
  if (const std::string* title = string_field(e, "title")) {
    out += "<caption>";
    append_escaped(out, *title);
    out += "</caption>";
  }
  out += "<thead><tr>";
  for (const auto& c : cols) {
    out += c.numeric() ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">";
    append_escaped(out, c.label);
    out += "</th>";
  }
  out += "</tr></thead><tbody>";
  if (m.rows.empty())
    out += "<tr><td colspan=\"" + std::to_string(cols.size()) + "\" class=\"note\">No rows.</td></tr>";
  for (const Tree* r : m.rows) {
    RenderClock::tick();
    out += "<tr>";
    for (const auto& c : cols) {
      // Short text ("H v M", "Stable") keeps to one line: the long columns wrap instead.
      const Tree* v = r->find(c.key);
      const bool short_text = v && v->is_string() && v->as_string().size() <= 10;
      out += c.numeric() ? "<td class=\"num\">" : short_text ? "<td class=\"key\">" : "<td>";
      if (c.format == "rag" && v && v->is_string())
        append_rag_badge(out, v->as_string());
      else
        append_escaped(out, cell_text(v, c.format));
      out += "</td>";
    }
    out += "</tr>";
  }
  // Totals as the last body row, not a <tfoot>: browsers repeat a tfoot on
  // every printed page, which would show the grand total mid-table.
  if (!m.totals.empty()) {
    out += "<tr class=\"total\">";
    for (std::size_t k = 0; k < cols.size(); ++k) {
      out += cols[k].summed() ? "<td class=\"num\">" : "<td>";
      append_escaped(out, m.totals[k]);
      out += "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table>";
  if (const std::size_t malformed = m.malformed)
    out += "<p class=\"note\">" + std::to_string(malformed) + (malformed == 1 ? " row" : " rows") +
           " could not be shown (not a table of values).</p>";
}

void append_rag_summary(std::string& out, const Tree& e) {
  out += "<div class=\"rag-summary\">";
  if (const std::string* title = string_field(e, "title")) {
    out += "<div class=\"title\">";
    append_escaped(out, *title);
    out += "</div>";
  }
  const Tree* counts = e.find("counts");
  if (!counts || !counts->is_object()) out += "<span class=\"note\">No counts.</span>";
  auto count = [&](std::string_view key, const Tree& v) {
    const RagStyle* r = rag_style(key);
    out += std::string("<span class=\"count") + (r ? std::string(" rag-") + r->name : "") + "\">";
    if (r) out += std::string("<span class=\"sym\" aria-hidden=\"true\">") + r->symbol + "</span> ";
    out += "<strong>";
    const auto n = finite(&v);
    append_escaped(out, n ? number_text(*n) : kDash);
    out += "</strong> ";
    append_escaped(out, r ? std::string_view(r->word) : key);
    out += "</span>";
  };
  if (counts && counts->is_object()) {
    // Bands in severity order first, whatever order the pack wrote them in.
    for (const char* band : {"red", "amber", "green", "blue"})
      if (const Tree* v = counts->find(band)) count(band, *v);
    for (const auto& [k, v] : counts->as_object())
      if (!rag_style(k) || k != rag_style(k)->name) count(k, v);
  }
  out += "</div>";
}

void append_link(std::string& out, const Tree& e) {
  out += "<p class=\"link\">";
  const std::string text = scalar_text(e.find("text"));
  if (!text.empty()) {
    append_escaped(out, text);
    out += " \u2014 ";
  }
  out += "see view <cite>";
  const std::string view = scalar_text(e.find("view"));
  append_escaped(out, view.empty() ? kDash : view);
  out += "</cite>";
  if (const std::string p = params_text(e.find("params"), "="); !p.empty()) {
    out += " (";
    append_escaped(out, p);
    out += ")";
  }
  out += "</p>";
}

class Renderer {
 public:
  explicit Renderer(std::string& out) : out_(out) {}

  // One element per source line, so the saved file reads (and diffs) well.
  void element(const Tree& e, int level, int depth) {
    RenderClock::tick();
    if (e.is_null()) return;
    body(e, level, depth);
    out_ += '\n';
  }

  void children(const Tree& e, std::size_t from, int level, int depth) {
    if (const Tree::Array* kids = array_field(e, "children"))
      for (std::size_t i = from; i < kids->size(); ++i) element((*kids)[i], level, depth + 1);
  }

 private:
  void body(const Tree& e, int level, int depth) {
    if (!e.is_object()) return append_error(out_, std::string("malformed element (") + e.type_name() + ")", nullptr);
    const std::string* site = string_field(e, "site");
    if (depth > kMaxDepth) return append_error(out_, "elements nested too deeply to show", site);
    const std::string* type_ptr = string_field(e, "type");
    const std::string type = type_ptr ? *type_ptr : "";
    if (type == "page" || type == "section") return container(e, type, level, depth);
    if (type == "columns") return columns(e, level, depth);
    if (type == "text") {
      const Tree* t = e.find("text");
      return append_markup(out_, t && t->is_string() ? t->as_string() : scalar_text(t));
    }
    if (type == "tiles") return append_tiles(out_, e);
    if (type == "table") return append_table(out_, e);
    if (type == "heatmap") return append_heatmap(out_, e);
    if (type == "chart") return append_chart(out_, e);
    if (type == "rag_summary") return append_rag_summary(out_, e);
    if (type == "link") return append_link(out_, e);
    if (type == "error") return append_error(out_, scalar_text(e.find("message")), site);
    append_error(out_, type.empty() ? "element without a type" : "cannot show an element of type \"" + type + "\"",
                 site);
  }

  // Small elements that may ride along with a heading in a .keep block, so
  // that a heading never ends a printed page on its own. Tables and columns
  // can be long: they rely on break-after: avoid instead.
  static bool small(const Tree& e) {
    const std::string* t = string_field(e, "type");
    if (!t) return false;
    if (*t == "error") return true;
    const ViewElementKind* kind = find_view_element_kind(*t);  // the catalogue (core/view_tree.hpp)
    return kind && kind->small;
  }

  void container(const Tree& e, const std::string& type, int level, int depth) {
    const int h = std::min(6, std::max(level, type == "page" ? 2 : 3));
    out_ += "<section class=\"" + type + "\">";
    const std::string* title = string_field(e, "title");
    const std::string* subtitle = string_field(e, "subtitle");
    const Tree::Array* kids = array_field(e, "children");
    std::size_t first = 0;
    if (title || subtitle) {
      out_ += "<div class=\"keep\">";
      if (title) {
        out_ += "<h" + std::to_string(h) + ">";
        append_escaped(out_, *title);
        out_ += "</h" + std::to_string(h) + ">";
      }
      if (subtitle) {
        out_ += "<p class=\"subtitle\">";
        append_escaped(out_, *subtitle);
        out_ += "</p>";
      }
      if (kids && !kids->empty() && small((*kids)[0])) element((*kids)[first++], h + 1, depth + 1);
      out_ += "</div>";
    }
    children(e, first, h + 1, depth);
    out_ += "</section>";
  }

  void columns(const Tree& e, int level, int depth) {
    const Tree::Array* kids = array_field(e, "children");
    if (!kids || kids->empty()) return;
    const Tree::Array* widths = array_field(e, "widths");
    std::string template_columns;
    for (std::size_t i = 0; i < kids->size() && i < 12; ++i) {  // CSS grid beyond 12 columns is unreadable
      const auto w = widths && i < widths->size() ? finite(&(*widths)[i]) : std::nullopt;
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.3gfr", w && *w > 0 ? std::clamp(*w, 0.01, 1000.0) : 1.0);
      template_columns += (i ? " minmax(0," : "minmax(0,") + std::string(buf) + ")";
    }
    out_ += "<div class=\"columns\" style=\"grid-template-columns:" + template_columns + "\">";
    for (const Tree& k : *kids) {
      out_ += "<div class=\"col\">";
      element(k, level, depth + 1);
      out_ += "</div>";
    }
    out_ += "</div>";
  }

  std::string& out_;
};

void append_provenance(std::string& out, const Tree& view) {
  out += "<footer class=\"provenance\"><div><strong>Provenance</strong></div><dl>";
  for (const auto& [label, value] : provenance_rows(view)) {
    out += "<dt>";
    append_escaped(out, label);
    out += "</dt><dd>";
    append_escaped(out, value);
    out += "</dd>";
  }
  out += "</dl></footer>";
}

void render_document(std::string& out, const Tree& view) {
  const bool is_view = string_field(view, "type") && *string_field(view, "type") == "view";
  const std::string title = scalar_text(view.find("title"));
  const std::string board = scalar_text(view.find("board"));
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  append_escaped(out, title.empty() ? "Board view" : title);
  if (!board.empty()) {
    out += " \u2014 ";
    append_escaped(out, board);
  }
  out += "</title>\n<style>";
  out += kCss;
  out += rag_css();
  out += "</style>\n</head>\n<body>\n";
  // The paper sits in a one-cell table whose <tfoot> spacer repeats on each
  // printed page (see the print CSS); on screen the tfoot is hidden.
  out +=
      "<table class=\"paper\" role=\"presentation\"><tfoot><tr><td><div class=\"footer-space\"></div></td></tr>"
      "</tfoot><tbody><tr><td>\n<header class=\"masthead\">";
  if (!board.empty()) {
    out += "<div class=\"board\">";
    append_escaped(out, board);
    out += "</div>";
  }
  out += "<h1>";
  append_escaped(out, title.empty() ? "Untitled view" : title);
  out += "</h1>";
  if (const std::string p = params_text(view.find("params"), " = "); !p.empty()) {
    out += "<p class=\"params\">Parameters: ";
    append_escaped(out, p);
    out += "</p>";
  }
  out += "</header>\n";
  if (!view.is_object())
    append_error(out, std::string("the view is not an object (") + view.type_name() + ")", nullptr);
  if (const Tree::Array* errors = array_field(view, "errors"); errors && !errors->empty()) {
    out += "<div class=\"errors\">";
    for (const Tree& err : *errors)
      append_error(out, err.is_string() ? err.as_string() : scalar_text(err.find("message")),
                   string_field(err, "site"));
    out += "</div>\n";
  }
  Renderer r(out);
  if (is_view || !view.is_object())
    r.children(view, 0, 2, 0);
  else
    r.element(view, 2, 0);  // an element handed over on its own: show it rather than nothing
  out += "\n";
  append_provenance(out, view);
  out += "\n</td></tr></tbody></table>\n<div class=\"print-footer\">";
  append_escaped(out, title.empty() ? "Board view" : title);
  if (!board.empty()) {
    out += " \u00B7 ";
    append_escaped(out, board);
  }
  out += "</div>\n</body>\n</html>\n";
}

}  // namespace

std::string render_html(const Tree& resolved_view) {
  std::string out;
  try {
    out.reserve(16384);
    render_document(out, resolved_view);
  } catch (const RenderBudgetExceeded&) {
    throw;  // nothing is to be written
  } catch (const std::exception& e) {
    // Only resource exhaustion gets here (every read is type-checked); a
    // short, valid document with the reason beats a half-written one.
    out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Board view</title></head><body>";
    append_error(out, std::string("the view could not be rendered: ") + e.what(), nullptr);
    out += "</body></html>\n";
  }
  return out;
}

}  // namespace gb::exporter

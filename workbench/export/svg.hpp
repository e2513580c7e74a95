// Inline SVG figures for the HTML board paper (heat maps and charts), and
// the small helpers html.cpp and svg.cpp share: escaping, safe reads from a
// resolved tree that may hold anything, RAG styling and number text.
//
// Internal to the exporter: render_html (export/html.hpp) is the public way
// in. Everything here takes a node of the resolved tree and never throws on
// odd input: a missing or mistyped field is skipped or shown as "—".
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/tree.hpp"

namespace gb::exporter::detail {

// What a missing, non-finite or unshowable value reads as.
inline constexpr const char* kDash = "\u2014";

// Appends s with &, <, >, " and ' escaped, so the result is safe both as
// element text and inside a quoted attribute, in HTML and in inline SVG.
// Bytes that are not valid UTF-8 and control characters other than tab,
// newline and carriage return become U+FFFD: the file declares UTF-8 and
// must stay well-formed whatever a pack put in a label.
void append_escaped(std::string& out, std::string_view s);
std::string escaped(std::string_view s);

// Safe reads: nullptr / nullopt when the key is absent or the value has
// another type. `number` also refuses NaN and infinities, so callers that
// format or scale the result never see them.
const std::string* string_field(const Tree& node, std::string_view key);
std::optional<double> number_field(const Tree& node, std::string_view key);
const Tree::Array* array_field(const Tree& node, std::string_view key);
std::optional<double> finite(const Tree* v);

// A scalar as plain text: strings as they are, numbers without grouping
// ("2024", "0.5"), booleans as true/false; null, arrays and objects "".
// Used for labels and references, where "2,024" would be wrong.
std::string scalar_text(const Tree* v);

// Number for people: thousands separators, at most `decimals` decimals,
// "—" for NaN and infinities (gb::format_number would print "NaN").
std::string number_text(double v, int decimals = 2);

// The four bands the views use. Colours are Okabe-Ito (colour-blind safe),
// and every band also has a distinct symbol and a word, so the meaning
// never rests on colour alone (and survives a black and white printer).
struct RagStyle {
  int index;           // 0..3 in the order red, amber, green, blue
  const char* name;    // "red": also the CSS class suffix
  const char* word;    // "Red"
  const char* symbol;  // "▲"
  const char* colour;  // "#D55E00"
};
const RagStyle* rag_style(std::string_view band);  // nullptr for anything else
// "#fff" or "#111": what reads better on the band's fill (core/palette.hpp).
std::string on_fill_ink(const RagStyle& style);

// <span class="badge rag-red"><span class="sym">▲</span> Red</span>; an
// unknown band shows its (escaped) name in a neutral badge.
void append_rag_badge(std::string& out, std::string_view band);

// Coordinates for SVG: one decimal, no locale, finite by construction.
std::string coord(double v);

// Trims to at most max_chars code points, ending in "…" when cut: SVG text
// does not wrap, so long labels must be shortened (the full text goes into
// a <title> tooltip).
std::string shorten(std::string_view s, std::size_t max_chars);

// A figure in parts, so that the HTML and the PDF renderer draw the same
// picture: a standalone SVG document (or, when there is nothing to draw, a
// note saying why), a title, legend keys and a caption, all plain text.
struct LegendKey {
  enum class Mark { Swatch, Dashed, Dot, Ring, Badge };  // Badge: `text` is a RAG band
  Mark mark;
  std::string colour;  // "#rrggbb"; empty for badges
  std::string text;
};
struct FigureParts {
  std::string kind;  // "chart" or "heatmap"
  std::string title;
  bool title_above = false;  // heat maps: a title line; charts: a caption-styled title
  std::string svg;           // empty when `note` says why nothing is drawn
  std::string note;
  std::vector<LegendKey> legend;
  std::string caption;  // e.g. "Scored with ..." under a heat map
};
FigureParts chart_parts(const Tree& element);  // svg_charts.cpp

// Drawing primitives the figures share (svg.cpp): a <text>, a <line>, the
// opening <svg> tag with the papers' font, and a figure that says why it
// cannot be drawn instead of an empty frame.
inline constexpr const char* kInk = "#222";
void append_text(std::string& out, double x, double y, const char* anchor, std::string_view text,
                 const char* extra = "");
void append_line(std::string& out, double x1, double y1, double x2, double y2, const char* stroke,
                 const char* extra = "");
void open_svg(std::string& out, double w, double h, std::string_view label);
void set_note(FigureParts& f, std::string text);
FigureParts heatmap_parts(const Tree& element);

// <figure> with an inline SVG heat map of a resolved `heatmap` element, its
// legend and the rule title as caption. Exactly one <rect> per grid cell.
void append_heatmap(std::string& out, const Tree& element);

// <figure> with an inline SVG chart for a resolved `chart` element of kind
// line, bar or stacked_bar, with its legend. Unknown kinds and charts with
// no finite values render as a short note, never as an empty frame.
void append_chart(std::string& out, const Tree& element);

}  // namespace gb::exporter::detail

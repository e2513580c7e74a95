// The PDF paper's layout machinery (internal to export/pdf*.cpp): the
// C libraries' handles, the page geometry and type, text made safe for
// pango, and Flow, the top-to-bottom flow that paginates the paper. pdf.cpp
// draws a document with it; pdf_table.cpp lays out tables, the largest
// element. Not a public header: nothing outside export/ includes it.
#pragma once

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <memory>
#include <numbers>
#include <optional>
#include <vector>

#include "core/column_fit.hpp"
#include "core/error.hpp"
#include "core/format.hpp"
#include "core/text.hpp"
#include "export/paper_model.hpp"
#include "export/render_clock.hpp"
#include "export/svg.hpp"

namespace gb::exporter::pdf_layout {

using namespace detail;

// ---- RAII for the C libraries ----
struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct GObjectFree {
  void operator()(void* p) const { g_object_unref(p); }
};
struct FontFree {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
struct AttrsFree {
  void operator()(PangoAttrList* a) const { pango_attr_list_unref(a); }
};
struct IterFree {
  void operator()(PangoLayoutIter* i) const { pango_layout_iter_free(i); }
};
struct GErrorFree {
  void operator()(GError* e) const { g_error_free(e); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceFree>;
using Cairo = std::unique_ptr<cairo_t, CairoFree>;
using Layout = std::unique_ptr<PangoLayout, GObjectFree>;
using SvgHandle = std::unique_ptr<RsvgHandle, GObjectFree>;

// ---- Page geometry (points) and type ----
constexpr double kPageW = 595.276, kPageH = 841.890;  // A4
constexpr double kLeft = 42.5, kRight = 42.5, kTop = 45.4;
constexpr double kBottom = kPageH - 56.7;   // content ends here
constexpr double kFooterY = kPageH - 36.0;  // footer rule
constexpr double kContentW = kPageW - kLeft - kRight;
constexpr double kContentH = kBottom - kTop;
constexpr double kBody = 9.5, kSmall = 8.0;
constexpr int kMaxDepth = 64;  // as the HTML renderer: validated trees have <= 32

struct Rgb {
  double r, g, b;
};
constexpr Rgb kInk{0.122, 0.137, 0.157}, kMuted{0.357, 0.380, 0.412}, kRule{0.816, 0.831, 0.851};
constexpr Rgb kErrorFill{0.949, 0.953, 0.957}, kErrorLine{0.541, 0.561, 0.588};

inline Rgb parse_colour(std::string_view hex) {
  if (hex.size() != 7 || hex[0] != '#') return kInk;
  auto nib = [](char c) {
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : 0;
  };
  auto byte = [&](std::size_t i) { return (nib(hex[i]) * 16 + nib(hex[i + 1])) / 255.0; };
  return {byte(1), byte(3), byte(5)};
}

inline void set_colour(cairo_t* cr, Rgb c) {
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

// A run of characters with no space longer than kLongRun gets an invisible
// break opportunity (U+200B) every kRunStep characters: pango breaks a
// word wider than the line by measuring the rest of the word again for
// each line, so one 100 KB "word" took 18 s and 300 KB over 5 minutes.
// Text with spaces is left as it is.
constexpr std::size_t kLongRun = 64, kRunStep = 16;

// Valid UTF-8 for pango: invalid bytes and control characters become
// U+FFFD, tabs a space; newlines are kept where `keep_newlines`; long runs
// without a space get break opportunities (above). Nothing is cut: long
// text flows across pages (paragraphs line by line, a table row taller
// than a page column by column), as the HTML shows it whole. The limit on
// how long a text may be is where it is entered (a session's notes:
// data/sessions.cpp), the same for every output.
inline std::string clean(std::string_view s, bool keep_newlines = false) {
  std::string out;
  out.reserve(s.size() + 8);
  std::size_t run = 0;  // characters since the last space
  auto character = [&] {
    if (run >= kLongRun && run % kRunStep == 0) out += "\u200B";
    ++run;
  };
  std::size_t pos = 0;
  while (pos < s.size()) {
    const auto bad = find_invalid_utf8(s.substr(pos));
    const std::size_t end = bad ? pos + *bad : s.size();
    for (std::size_t i = pos; i < end; ++i) {
      const char c = s[i];
      if (c == '\n' && keep_newlines) {
        out.push_back(c);
        run = 0;
      } else if (c == '\t' || c == '\n' || c == '\r' || c == ' ') {
        out.push_back(' ');
        run = 0;
      } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        character();
        out += "\uFFFD";
      } else {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) character();
        out.push_back(c);
      }
    }
    if (!bad) break;
    character();
    out += "\uFFFD";
    pos = end + 1;
  }
  return out;
}

// A paragraph longer than this is laid out in pieces (cut at a space), so
// that no single pango layout holds megabytes (a 3 MB paragraph took
// 400 MB) and the render's time budget is checked between them; each piece
// starts a new line.
constexpr std::size_t kPieceBytes = std::size_t{64} * 1024;

// A styled piece of text; a paragraph is a list of spans.
struct Span {
  std::string text;  // already clean
  bool bold = false, italic = false;
  std::optional<Rgb> colour = std::nullopt;
};

struct TextStyle {
  double size = kBody;
  bool bold = false;
  Rgb colour = kInk;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  double line_spacing = 1.0;
};

// Document-wide state: which pass, which page, the running footer.
struct Doc {
  cairo_t* cr = nullptr;  // the PDF page context
  int page = 1;
  int total = 0;  // 0 in the counting pass
  std::string footer;
};

// An off-page surface to measure on: drawn on, then thrown away.
struct Scratch {
  Surface surface{cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr)};
  Cairo cr{cairo_create(surface.get())};
};

class Flow {
 public:
  // A paginating flow on the document's pages, or (doc == nullptr) a flow
  // of unbounded height on `cr`, used to measure and to place kept blocks.
  Flow(cairo_t* cr, Doc* doc, double x, double y, double w) : cr_(cr), doc_(doc), x_(x), y_(y), w_(w) {}

  double y() const { return y_; }

  // ---- Text ----
  Layout layout(const std::vector<Span>& spans, const TextStyle& st, double width) const {
    Layout l(pango_cairo_create_layout(cr_));
    std::unique_ptr<PangoFontDescription, FontFree> font(pango_font_description_from_string("DejaVu Sans"));
    pango_font_description_set_absolute_size(font.get(), st.size * PANGO_SCALE);
    if (st.bold) pango_font_description_set_weight(font.get(), PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l.get(), font.get());
    pango_layout_set_width(l.get(), static_cast<int>(std::max(width, 1.0) * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l.get(), st.align);
    if (st.line_spacing != 1.0) pango_layout_set_line_spacing(l.get(), static_cast<float>(st.line_spacing));
    std::string text;
    std::unique_ptr<PangoAttrList, AttrsFree> attrs(pango_attr_list_new());
    for (const Span& s : spans) {
      const auto start = static_cast<guint>(text.size());
      text += s.text;
      const auto end = static_cast<guint>(text.size());
      auto add = [&](PangoAttribute* a) {
        a->start_index = start;
        a->end_index = end;
        pango_attr_list_insert(attrs.get(), a);
      };
      if (s.bold) add(pango_attr_weight_new(PANGO_WEIGHT_BOLD));
      if (s.italic) add(pango_attr_style_new(PANGO_STYLE_ITALIC));
      if (s.colour) {
        auto c16 = [](double v) { return static_cast<guint16>(std::clamp(v, 0.0, 1.0) * 65535); };
        add(pango_attr_foreground_new(c16(s.colour->r), c16(s.colour->g), c16(s.colour->b)));
      }
    }
    pango_layout_set_text(l.get(), text.data(), static_cast<int>(text.size()));
    pango_layout_set_attributes(l.get(), attrs.get());
    return l;
  }

  static double height(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return h / static_cast<double>(PANGO_SCALE);
  }
  static double width(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return w / static_cast<double>(PANGO_SCALE);
  }

  // Draws a laid-out block at (x, y) without breaking it.
  void place(PangoLayout* l, double x, double y, Rgb colour) {
    set_colour(cr_, colour);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, l);
  }

  // Text that may break across pages, line by line, at the cursor.
  void paragraph(const std::vector<Span>& spans, const TextStyle& st, double indent = 0, double after = 4) {
    std::size_t total = 0;
    for (const Span& s : spans) total += s.text.size();
    if (total <= kPieceBytes) {
      flow_lines(spans, st, indent);
    } else {
      std::vector<Span> piece;
      std::size_t size = 0;
      auto flush = [&] {
        if (!piece.empty()) flow_lines(piece, st, indent);
        piece.clear();
        size = 0;
      };
      for (const Span& s : spans) {
        std::string_view rest = s.text;
        while (!rest.empty()) {
          const std::size_t room = kPieceBytes - size;
          if (rest.size() <= room) {
            piece.push_back({std::string(rest), s.bold, s.italic, s.colour});
            size += rest.size();
            break;
          }
          std::size_t cut = rest.rfind(' ', room);
          if (cut != std::string_view::npos && cut > 0) {
            ++cut;  // the space ends this piece
          } else if (size > 0) {
            flush();  // no space here: start the next piece with this text
            continue;
          } else {
            cut = room;  // no space at all (clean() gave it break opportunities): a character boundary
            while (cut > 1 && (static_cast<unsigned char>(rest[cut]) & 0xC0) == 0x80) --cut;
          }
          piece.push_back({std::string(rest.substr(0, cut)), s.bold, s.italic, s.colour});
          rest.remove_prefix(cut);
          flush();
        }
      }
      flush();
    }
    y_ += after;
  }

  // Lays out `spans` and draws them line by line, breaking pages between lines.
  void flow_lines(const std::vector<Span>& spans, const TextStyle& st, double indent) {
    RenderClock::tick();
    Layout l = layout(spans, st, w_ - indent);
    std::unique_ptr<PangoLayoutIter, IterFree> it(pango_layout_get_iter(l.get()));
    set_colour(cr_, st.colour);
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it.get(), nullptr, &logical);
      const double lh = logical.height / static_cast<double>(PANGO_SCALE);
      const double baseline = (pango_layout_iter_get_baseline(it.get()) - logical.y) / static_cast<double>(PANGO_SCALE);
      need(lh);
      set_colour(cr_, st.colour);
      cairo_move_to(cr_, x_ + indent + logical.x / static_cast<double>(PANGO_SCALE), y_ + baseline);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it.get()));
      y_ += lh;
      RenderClock::tick();
    } while (pango_layout_iter_next_line(it.get()));
  }

  void line(const std::string& text, const TextStyle& st, double after = 4) {
    paragraph({{clean(text)}}, st, 0, after);
  }

  // ---- Pages ----
  // Room for `h` more points on this page, else a new page (when paginating).
  void need(double h) {
    if (doc_ && y_ + h > kBottom && y_ > kTop + 0.5) new_page();
  }
  double room() const { return doc_ ? kBottom - y_ : 1e9; }
  bool paginating() const { return doc_ != nullptr; }

  void new_page() {
    if (!doc_) return;
    footer();
    cairo_show_page(cr_);
    ++doc_->page;
    RenderClock::page(doc_->page);
    y_ = kTop;
  }

  void footer() {
    if (!doc_) return;
    cairo_save(cr_);
    set_colour(cr_, kRule);
    cairo_set_line_width(cr_, 0.5);
    cairo_move_to(cr_, kLeft, kFooterY);
    cairo_line_to(cr_, kPageW - kRight, kFooterY);
    cairo_stroke(cr_);
    TextStyle st{7.5, false, kMuted};
    const std::string pages = doc_->total > 0
                                  ? "Page " + std::to_string(doc_->page) + " of " + std::to_string(doc_->total)
                                  : "Page " + std::to_string(doc_->page);
    Layout right = layout({{pages}}, st, 120);
    const double rw = width(right.get());
    place(right.get(), kPageW - kRight - rw, kFooterY + 4, kMuted);
    Layout left = layout({{doc_->footer}}, st, kContentW - rw - 16);
    pango_layout_set_ellipsize(left.get(), PANGO_ELLIPSIZE_END);
    place(left.get(), kLeft, kFooterY + 4, kMuted);
    cairo_restore(cr_);
  }

  // A block that must not split: `draw` is called on a Flow of unbounded
  // height. Measured off-page first; moved to the next page when it does not
  // fit; drawn paginated only when it is taller than a whole page.
  template <typename F>
  void keep(F&& draw) {
    if (!doc_) {
      Flow sub(cr_, nullptr, x_, y_, w_);
      draw(sub);
      y_ = sub.y_;
      return;
    }
    Scratch scratch;
    Flow probe(scratch.cr.get(), nullptr, 0, 0, w_);
    draw(probe);
    const double h = probe.y_;
    if (h > kContentH) {
      draw(*this);
      return;
    }
    need(h);
    Flow sub(cr_, nullptr, x_, y_, w_);
    draw(sub);
    y_ = sub.y_;
  }

  // ---- Elements ----
  void children(const Tree& e, std::size_t from, int level, int depth) {
    const Tree::Array* kids = array_field(e, "children");
    if (!kids) return;
    bool seen_page = false;
    for (std::size_t i = from; i < kids->size(); ++i) {
      const Tree& k = (*kids)[i];
      const std::string* t = k.is_object() ? string_field(k, "type") : nullptr;
      const bool is_page = t && *t == "page";
      if (is_page && seen_page && paginating() && y_ > kTop + 0.5) new_page();  // a page element starts a page
      seen_page = seen_page || is_page;
      element(k, level, depth + 1);
    }
  }

  void element(const Tree& e, int level, int depth) {
    RenderClock::tick();
    if (e.is_null()) return;
    if (!e.is_object()) return error(std::string("malformed element (") + e.type_name() + ")", nullptr);
    const std::string* site = string_field(e, "site");
    if (depth > kMaxDepth) return error("elements nested too deeply to show", site);
    const std::string* type_ptr = string_field(e, "type");
    const std::string type = type_ptr ? *type_ptr : "";
    if (type == "page" || type == "section") return container(e, type, level, depth);
    if (type == "columns") return columns(e, level, depth);
    if (type == "text") {
      const Tree* t = e.find("text");
      return text(t && t->is_string() ? t->as_string() : scalar_text(t));
    }
    if (type == "tiles") return tiles(e);
    if (type == "table") return table(e);
    if (type == "heatmap") return figure(heatmap_parts(e));
    if (type == "chart") return figure(chart_parts(e));
    if (type == "rag_summary") return rag_summary(e);
    if (type == "link") return link(e);
    if (type == "error") return error(scalar_text(e.find("message")), site);
    error(type.empty() ? "element without a type" : "cannot show an element of type \"" + type + "\"", site);
  }

  void error(const std::string& message, const std::string* site) {
    std::vector<Span> spans{{"Error: ", true}, {clean(message.empty() ? "unknown error" : message)}};
    if (site && !site->empty()) spans.push_back({" (" + clean(*site) + ")", false, false, kMuted});
    keep([&](Flow& f) {
      const double pad = 5;
      Layout l = f.layout(spans, {kBody}, f.w_ - 2 * pad);
      const double h = height(l.get()) + 2 * pad;
      cairo_rectangle(f.cr_, f.x_, f.y_, f.w_, h);
      set_colour(f.cr_, kErrorFill);
      cairo_fill_preserve(f.cr_);
      set_colour(f.cr_, kErrorLine);
      cairo_set_line_width(f.cr_, 0.75);
      cairo_stroke(f.cr_);
      f.place(l.get(), f.x_ + pad, f.y_ + pad, kInk);
      f.y_ += h + 6;
    });
  }

 private:
  static TextStyle heading_style(int level) {
    const double size = level <= 2 ? 13.5 : level == 3 ? 11.5 : 10;
    return {size, true, kInk};
  }

  void container(const Tree& e, const std::string& type, int level, int depth) {
    const int h = std::min(6, std::max(level, type == "page" ? 2 : 3));
    const std::string* title = string_field(e, "title");
    const std::string* subtitle = string_field(e, "subtitle");
    if (title || subtitle) {
      need(70);  // a heading never ends a page on its own
      y_ += h <= 2 ? 8 : 5;
      if (title) {
        line(*title, heading_style(h), h <= 2 ? 2 : 3);
        if (h <= 2) {
          set_colour(cr_, kRule);
          cairo_set_line_width(cr_, 0.75);
          cairo_move_to(cr_, x_, y_);
          cairo_line_to(cr_, x_ + w_, y_);
          cairo_stroke(cr_);
          y_ += 5;
        }
      }
      if (subtitle) line(*subtitle, {kBody, false, kMuted});
    }
    children(e, 0, h + 1, depth);
  }

  void columns(const Tree& e, int level, int depth) {
    const Tree::Array* kids = array_field(e, "children");
    if (!kids || kids->empty()) return;
    const Tree::Array* widths = array_field(e, "widths");
    const std::size_t n = std::min<std::size_t>(kids->size(), 12);
    std::vector<double> frac(n);
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto w = widths && i < widths->size() ? finite(&(*widths)[i]) : std::nullopt;
      frac[i] = w && *w > 0 ? std::clamp(*w, 0.01, 1000.0) : 1.0;
      total += frac[i];
    }
    const double gap = 14;
    const double avail = w_ - gap * static_cast<double>(n - 1);
    std::vector<double> col_x(n), col_w(n);
    double x = x_;
    for (std::size_t i = 0; i < n; ++i) {
      col_w[i] = avail * frac[i] / total;
      col_x[i] = x;
      x += col_w[i] + gap;
    }
    // Too narrow to read: stack instead.
    const bool narrow = std::any_of(col_w.begin(), col_w.end(), [](double w) { return w < 90; });
    double tallest = 0;
    if (!narrow && paginating()) {
      for (std::size_t i = 0; i < n; ++i) {
        Scratch scratch;
        Flow probe(scratch.cr.get(), nullptr, 0, 0, col_w[i]);
        probe.element((*kids)[i], level, depth + 1);
        tallest = std::max(tallest, probe.y_);
      }
    }
    if (narrow || tallest > kContentH) {
      for (const Tree& k : *kids) element(k, level, depth + 1);
      return;
    }
    need(tallest);
    double bottom = y_;
    for (std::size_t i = 0; i < n; ++i) {
      Flow sub(cr_, nullptr, col_x[i], y_, col_w[i]);
      sub.element((*kids)[i], level, depth + 1);
      bottom = std::max(bottom, sub.y_);
    }
    y_ = bottom;
  }

  static std::vector<Span> spans_of(const std::vector<Run>& runs) {
    std::vector<Span> spans;
    for (const Run& r : runs) spans.push_back({r.line_break ? std::string("\n") : clean(r.text), r.bold, r.italic});
    return spans;
  }

  void text(const std::string& markup) {
    for (const Block& b : parse_markup(markup)) {
      if (!b.bullet) {
        paragraph(spans_of(b.runs), {kBody}, 0, 5);
        continue;
      }
      // The bullet is drawn with the first line so that the two never part.
      need(kBody * 1.3);
      Layout dot = layout({{"\u2022"}}, {kBody}, 20);
      place(dot.get(), x_ + 4, y_, kInk);
      paragraph(spans_of(b.runs), {kBody}, 14, 2);
    }
    y_ += 2;
  }

  static std::vector<Span> rag_spans(const std::string& band, double) {
    if (band.empty() || iequals_ascii(band, "none")) return {{kDash}};
    if (const RagStyle* r = rag_style(band))
      return {{r->symbol, false, false, parse_colour(r->colour)}, {std::string(" ") + r->word}};
    return {{clean(band)}};
  }

  void tiles(const Tree& e) {
    const Tree::Array* items = array_field(e, "items");
    if (!items || items->empty()) return error("tiles without items", string_field(e, "site"));
    const double gap = 8;
    const std::size_t per_row = std::max<std::size_t>(1, static_cast<std::size_t>((w_ + gap) / (128 + gap)));
    const double tw = (w_ - gap * static_cast<double>(per_row - 1)) / static_cast<double>(per_row);
    for (std::size_t start = 0; start < items->size(); start += per_row) {
      const std::size_t end = std::min(items->size(), start + per_row);
      keep([&](Flow& f) {
        double row_h = 0;
        for (std::size_t i = start; i < end; ++i) {  // measure
          Flow probe(f.cr_, nullptr, 0, 0, tw);
          probe.tile_body((*items)[i], false);
          row_h = std::max(row_h, probe.y_);
        }
        for (std::size_t i = start; i < end; ++i) {
          const double tx = f.x_ + static_cast<double>(i - start) * (tw + gap);
          const Tree& item = (*items)[i];
          const std::string* rag = item.is_object() ? string_field(item, "rag") : nullptr;
          const RagStyle* style = rag ? rag_style(*rag) : nullptr;
          cairo_rectangle(f.cr_, tx, f.y_, tw, row_h);
          set_colour(f.cr_, kRule);
          cairo_set_line_width(f.cr_, 0.75);
          cairo_stroke(f.cr_);
          cairo_rectangle(f.cr_, tx, f.y_, 3.5, row_h);
          set_colour(f.cr_, style ? parse_colour(style->colour) : Rgb{0.604, 0.627, 0.651});
          cairo_fill(f.cr_);
          Flow body(f.cr_, nullptr, tx, f.y_, tw);
          body.tile_body(item, true);
        }
        f.y_ += row_h + gap;
      });
    }
  }

  // The inside of one tile, from the tile's top-left corner; y_ ends at its
  // bottom. `draw` false only measures (the spans are laid out either way).
  void tile_body(const Tree& item, bool draw) {
    const double pad = 6, inner = w_ - 2 * pad - 3.5;
    const double x = x_ + 3.5 + pad;
    y_ += pad;
    auto put = [&](const std::vector<Span>& spans, const TextStyle& st, double after) {
      Layout l = layout(spans, st, inner);
      if (draw) place(l.get(), x, y_, st.colour);
      y_ += height(l.get()) + after;
    };
    if (!item.is_object()) {
      put({{"Error: ", true}, {std::string("malformed tile (") + item.type_name() + ")"}}, {kSmall}, 0);
      y_ += pad;
      return;
    }
    const std::string* type = string_field(item, "type");
    if (type && *type == "error") {
      put({{"Error: ", true}, {clean(scalar_text(item.find("message")))}}, {kSmall}, 0);
      y_ += pad;
      return;
    }
    std::string label = scalar_text(item.find("label"));
    if (label.empty()) label = scalar_text(item.find("indicator"));
    put({{clean(label.empty() ? kDash : label)}}, {kSmall, false, kMuted}, 1);
    const std::string unit = clean(scalar_text(item.find("unit")));
    const Tree* value = item.find("value");
    std::vector<Span> v;
    if (const auto n = finite(value)) {
      const ValueParts parts = format_value_parts(*n, unit);  // core/format.hpp: one rule for every output
      v.push_back({parts.number, true});
      if (!parts.unit.empty()) v.push_back({parts.unit, false, false, kMuted});
    } else if (value && value->is_string() && !value->as_string().empty()) {
      v.push_back({clean(value->as_string()), true});
    } else {
      v.push_back({kDash, true});
    }
    put(v, {15}, 2);
    const std::string* status = string_field(item, "status");
    const bool failed = status && *status == "error";
    if (failed)
      put({{"Error: ", true}, {clean(scalar_text(item.find("error")))}}, {kSmall}, 2);
    else if (status && *status == "no_data" && !finite(value))
      put({{"No data"}}, {kSmall, false, kMuted}, 2);
    if (const std::string* rag = string_field(item, "rag");
        rag && !rag->empty() && !iequals_ascii(*rag, "none") && !failed)
      put(rag_spans(*rag, kSmall), {kSmall}, 2);
    if (const std::string change = tile_change_text(item); !change.empty()) put({{change}}, {kSmall, false, kMuted}, 2);
    for (const std::string& words : tile_uncertainty_lines(item)) put({{clean(words)}}, {kSmall, false, kMuted}, 2);
    if (const std::string* note = string_field(item, "note"); note && !note->empty())
      put({{clean(*note, true)}}, {kSmall, false, kMuted}, 2);  // the working, a line each
    y_ += pad - 2;
  }

  // A table, its header row repeated on each page (pdf_table.cpp).
  void table(const Tree& e);

  void figure(const FigureParts& fig) {
    keep([&](Flow& f) { f.figure_body(fig); });
  }

  void figure_body(const FigureParts& fig) {
    y_ += 4;
    if (!fig.title.empty()) line(fig.title, {kBody, true}, 3);
    if (!fig.note.empty()) line(fig.note, {kSmall, false, kMuted});
    if (!fig.svg.empty()) svg(fig.svg);
    if (!fig.legend.empty()) legend(fig.legend);
    if (!fig.caption.empty()) line(fig.caption, {kSmall, false, kMuted});
    y_ += 6;
  }

  void svg(const std::string& document) {
    GError* raw = nullptr;
    SvgHandle h(rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(document.data()), document.size(), &raw));
    std::unique_ptr<GError, GErrorFree> err(raw);
    if (!h) return line("The figure could not be drawn.", {kSmall, false, kMuted});
    gboolean has_w = FALSE, has_h = FALSE, has_vb = FALSE;
    RsvgLength lw{}, lh{};
    RsvgRectangle vb{};
    rsvg_handle_get_intrinsic_dimensions(h.get(), &has_w, &lw, &has_h, &lh, &has_vb, &vb);
    if (!has_vb || !(vb.width > 0) || !(vb.height > 0))
      return line("The figure could not be drawn.", {kSmall, false, kMuted});
    const double scale = std::min(1.0, w_ / vb.width);
    const RsvgRectangle viewport{x_, y_, vb.width * scale, vb.height * scale};
    raw = nullptr;
    if (!rsvg_handle_render_document(h.get(), cr_, &viewport, &raw)) {
      std::unique_ptr<GError, GErrorFree> render_err(raw);
      return line("The figure could not be drawn.", {kSmall, false, kMuted});
    }
    y_ += viewport.height + 3;
  }

  // Keys flow left to right and wrap.
  void legend(const std::vector<LegendKey>& keys) {
    const TextStyle st{kSmall, false, kInk};
    double x = x_, row_h = 0;
    for (const LegendKey& k : keys) {
      const bool badge = k.mark == LegendKey::Mark::Badge;
      Layout l = layout(badge ? rag_spans(k.text, kSmall) : std::vector<Span>{{clean(k.text)}}, st, 300);
      const double mark_w = badge ? 0 : 16;
      const double kw = mark_w + width(l.get());
      const double kh = height(l.get());
      if (x > x_ && x + kw > x_ + w_) {
        x = x_;
        y_ += row_h + 2;
        row_h = 0;
      }
      const double cy = y_ + kh / 2;
      const Rgb c = parse_colour(k.colour);
      set_colour(cr_, c);
      cairo_new_path(cr_);  // no line from where the last text ended
      switch (k.mark) {
        case LegendKey::Mark::Swatch:
          cairo_rectangle(cr_, x, cy - 1.75, 12, 3.5);
          cairo_fill(cr_);
          break;
        case LegendKey::Mark::Dashed: {
          const double dash[] = {3, 2};
          cairo_set_dash(cr_, dash, 2, 0);
          cairo_set_line_width(cr_, 1.2);
          cairo_move_to(cr_, x, cy);
          cairo_line_to(cr_, x + 12, cy);
          cairo_stroke(cr_);
          cairo_set_dash(cr_, nullptr, 0, 0);
          break;
        }
        case LegendKey::Mark::Dot:
          cairo_arc(cr_, x + 5, cy, 4, 0, 2 * std::numbers::pi);
          cairo_fill(cr_);
          break;
        case LegendKey::Mark::Ring:
          cairo_set_line_width(cr_, 1.2);
          cairo_arc(cr_, x + 5, cy, 3.6, 0, 2 * std::numbers::pi);
          cairo_stroke(cr_);
          break;
        case LegendKey::Mark::Badge:
          break;
      }
      place(l.get(), x + mark_w, y_, kInk);
      x += kw + 12;
      row_h = std::max(row_h, kh);
    }
    y_ += row_h + 4;
  }

  void rag_summary(const Tree& e) {
    keep([&](Flow& f) {
      f.y_ += 2;
      if (const std::string* title = string_field(e, "title")) f.line(*title, {kBody, true}, 3);
      const Tree* counts = e.find("counts");
      if (!counts || !counts->is_object()) return f.line("No counts.", {kBody, false, kMuted});
      std::vector<Span> spans;
      auto count = [&](const std::string& key, const Tree& v) {
        const RagStyle* r = rag_style(key);
        if (!spans.empty()) spans.push_back({"      "});
        if (r) spans.push_back({std::string(r->symbol) + " ", false, false, parse_colour(r->colour)});
        const auto n = finite(&v);
        spans.push_back({n ? number_text(*n) : kDash, true});
        spans.push_back({" " + (r ? std::string(r->word) : clean(key))});
      };
      for (const char* band : {"red", "amber", "green", "blue"})
        if (const Tree* v = counts->find(band)) count(band, *v);
      for (const auto& [k, v] : counts->as_object())
        if (!rag_style(k) || k != rag_style(k)->name) count(k, v);
      f.paragraph(spans, {11}, 0, 6);
    });
  }

  void link(const Tree& e) {
    std::vector<Span> spans;
    const std::string text = scalar_text(e.find("text"));
    if (!text.empty()) spans.push_back({clean(text) + " \u2014 "});
    spans.push_back({"see view "});
    const std::string view = scalar_text(e.find("view"));
    spans.push_back({clean(view.empty() ? kDash : view), false, true});
    if (const std::string p = params_text(e.find("params"), "="); !p.empty()) spans.push_back({" (" + clean(p) + ")"});
    paragraph(spans, {kBody}, 0, 5);
  }

  cairo_t* cr_;
  Doc* doc_;
  double x_, y_, w_;

  friend void draw_document(Doc&, const Tree&);
};

void draw_document(Doc& doc, const Tree& view);

}  // namespace gb::exporter::pdf_layout

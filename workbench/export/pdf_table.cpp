// Tables on the PDF paper (pdf_flow.hpp): columns fitted to the width (the
// type shrinks to 6.5 pt before words are cut), rows broken between pages
// with the header row repeated, a row taller than a page set column by
// column, totals and a note for rows that could not be shown.
#include "export/pdf_flow.hpp"

namespace gb::exporter::pdf_layout {

void Flow::table(const Tree& e) {
  const TableModel m = table_model(e);
  if (m.cols.empty()) return error("table without columns", string_field(e, "site"));
  const double pad = 3;
  double size = 8.5;  // smaller, down to 6.5 pt, when the columns' words do not fit the width
  const std::size_t n = m.cols.size();
  auto cell_spans = [&](const Tree* v, const Column& c) -> std::vector<Span> {
    if (c.format == "rag" && v && v->is_string()) return rag_spans(v->as_string(), size);
    return {{clean(cell_text(v, c.format))}};
  };
  // Column widths from the content: natural (one line) and minimum (the
  // longest word) widths, fitted to the page by core/column_fit.
  std::vector<double> natural(n, 0), minimum(n, 0);
  auto measure = [&](std::size_t k, const std::vector<Span>& spans, bool bold) {
    RenderClock::tick();
    Layout l = layout(spans, {size, bold}, 1e6);
    const double one_line = width(l.get()) + 2 * pad;
    natural[k] = std::max(natural[k], std::min(one_line, 600.0));
    std::size_t chars = 0;
    for (const Span& s : spans) chars += utf8_length(s.text);
    if (chars <= 10) {  // short text ("H v M", "Stable", a RAG band) keeps to one line, as in the HTML
      minimum[k] = std::max(minimum[k], one_line);
      return;
    }
    // The longest word, measured among the few longest in bytes (a long
    // note has thousands of words; a layout each would be slow).
    std::vector<std::string_view> words;
    for (const Span& s : spans) {
      std::size_t a = 0;
      while (a < s.text.size()) {
        std::size_t b = s.text.find(' ', a);
        if (b == std::string::npos) b = s.text.size();
        if (b - a > 3) words.push_back(std::string_view(s.text).substr(a, std::min<std::size_t>(b - a, 40)));
        a = b + 1;
      }
    }
    const std::size_t keep = std::min<std::size_t>(words.size(), 8);
    std::partial_sort(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(keep), words.end(),
                      [](std::string_view x, std::string_view y) { return x.size() > y.size(); });
    for (std::size_t i = 0; i < keep; ++i) {
      Layout w = layout({{std::string(words[i])}}, {size, bold}, 1e6);
      minimum[k] = std::max(minimum[k], std::min(width(w.get()), 120.0) + 2 * pad);
    }
  };
  const std::size_t sample = std::min<std::size_t>(m.rows.size(), 500);  // widths from the first 500 rows
  for (;; size -= 0.5) {
    std::fill(natural.begin(), natural.end(), 0.0);
    std::fill(minimum.begin(), minimum.end(), 0.0);
    double least = 0;
    for (std::size_t k = 0; k < n; ++k) {
      measure(k, {{clean(m.cols[k].label)}}, true);
      for (std::size_t r = 0; r < sample; ++r) measure(k, cell_spans(m.rows[r]->find(m.cols[k].key), m.cols[k]), false);
      if (!m.totals.empty()) measure(k, {{m.totals[k]}}, true);
      natural[k] = std::max(natural[k], 20.0);
      minimum[k] = std::clamp(minimum[k], 20.0, natural[k]);
      least += minimum[k];
    }
    if (least <= w_ || size <= 6.5) break;
  }
  const std::vector<double> w = fit_columns(natural, minimum, w_);
  auto cell_layouts = [&](const std::vector<std::vector<Span>>& cells, bool bold) {
    std::vector<Layout> ls;
    for (std::size_t k = 0; k < n; ++k) {
      TextStyle st{size, bold};
      if (m.cols[k].numeric()) st.align = PANGO_ALIGN_RIGHT;
      ls.push_back(layout(cells[k], st, w[k] - 2 * pad));
    }
    return ls;
  };
  // A row's height; drawn (draw) at y in one piece. Rows taller than
  // kTallRow are drawn by tall_row instead, across pages.
  auto row = [&](const std::vector<std::vector<Span>>& cells, bool bold, bool draw, double y) {
    double h = 0;
    std::vector<Layout> ls = cell_layouts(cells, bold);
    for (const Layout& l : ls) h = std::max(h, height(l.get()));
    h += 2 * pad;
    if (draw) {
      double x = x_;
      cairo_save(cr_);
      cairo_rectangle(cr_, x_, y, w_, h);
      cairo_clip(cr_);
      for (std::size_t k = 0; k < n; ++k) {
        place(ls[k].get(), x + pad, y + pad, kInk);
        x += w[k];
      }
      cairo_restore(cr_);
    }
    return h;
  };
  auto rule = [&](double y, double lw, Rgb c) {
    set_colour(cr_, c);
    cairo_set_line_width(cr_, lw);
    cairo_move_to(cr_, x_, y);
    cairo_line_to(cr_, x_ + w_, y);
    cairo_stroke(cr_);
  };
  std::vector<std::vector<Span>> header;
  for (const auto& c : m.cols) header.push_back({{clean(c.label)}});
  const std::string* title = string_field(e, "title");
  auto head = [&] {
    const double h = row(header, true, false, 0);
    row(header, true, true, y_);
    y_ += h;
    rule(y_, 1.1, kInk);
  };
  // A row taller than this flows across pages, each column line by line,
  // the header repeated on each page: nothing of a long cell is lost.
  const double tall_row = kContentH / 2;
  auto tall = [&](const std::vector<std::vector<Span>>& cells) {
    const std::vector<Layout> ls = cell_layouts(cells, false);
    struct Line {
      double top, h, baseline, x;
      PangoLayoutLine* line;  // owned by its layout, which outlives this
    };
    std::vector<std::vector<Line>> lines(n);
    for (std::size_t k = 0; k < n; ++k) {
      std::unique_ptr<PangoLayoutIter, IterFree> it(pango_layout_get_iter(ls[k].get()));
      do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it.get(), nullptr, &logical);
        lines[k].push_back(
            {logical.y / static_cast<double>(PANGO_SCALE), logical.height / static_cast<double>(PANGO_SCALE),
             pango_layout_iter_get_baseline(it.get()) / static_cast<double>(PANGO_SCALE),
             logical.x / static_cast<double>(PANGO_SCALE), pango_layout_iter_get_line_readonly(it.get())});
      } while (pango_layout_iter_next_line(it.get()));
    }
    std::vector<std::size_t> next(n, 0);
    bool page_top = false;  // only the header above: at least a line goes here
    for (;;) {
      const double room = paginating() ? kBottom - y_ - 2 * pad : 1e9;
      double used = 0;
      double x = x_;
      for (std::size_t k = 0; k < n; ++k) {
        // This column's next lines that fit, drawn one by one (only they
        // are in the page: nothing hidden under a clip).
        std::size_t j = next[k];
        const double start = j < lines[k].size() ? lines[k][j].top : 0;
        while (j < lines[k].size() && (lines[k][j].top + lines[k][j].h - start <= room || (j == next[k] && page_top)))
          ++j;
        set_colour(cr_, kInk);
        for (std::size_t i = next[k]; i < j; ++i) {
          const Line& l = lines[k][i];
          cairo_move_to(cr_, x + pad + l.x, y_ + pad + l.baseline - start);
          pango_cairo_show_layout_line(cr_, l.line);
        }
        if (j > next[k]) used = std::max(used, lines[k][j - 1].top + lines[k][j - 1].h - start);
        next[k] = j;
        x += w[k];
      }
      if (used > 0) y_ += used + 2 * pad;
      bool done = true;
      for (std::size_t k = 0; k < n; ++k) done = done && next[k] >= lines[k].size();
      if (done || !paginating()) break;
      if (used > 0) {
        set_colour(cr_, kRule);
        cairo_set_line_width(cr_, 0.3);
        cairo_move_to(cr_, x_, y_);
        cairo_line_to(cr_, x_ + w_, y_);
        cairo_stroke(cr_);
      }
      new_page();
      head();
      page_top = true;
    }
  };
  // Caption, header and the first row stay together (the start of the
  // first row, when it is a tall one).
  {
    double first = 0;
    if (!m.rows.empty()) {
      std::vector<std::vector<Span>> cells;
      for (const auto& c : m.cols) cells.push_back(cell_spans(m.rows[0]->find(c.key), c));
      first = std::min(row(cells, false, false, 0), 60.0);
    }
    need((title ? 16 : 0) + row(header, true, false, 0) + first + 4);
  }
  y_ += 2;
  if (title) line(*title, {kBody, true}, 3);
  head();
  if (m.rows.empty()) {
    line("No rows.", {size, false, kMuted}, 2);
    rule(y_, 0.5, kRule);
  }
  for (const Tree* r : m.rows) {
    RenderClock::tick();
    std::vector<std::vector<Span>> cells;
    for (const auto& c : m.cols) cells.push_back(cell_spans(r->find(c.key), c));
    const double h = row(cells, false, false, 0);
    if (h > tall_row) {
      tall(cells);
      rule(y_, 0.5, kRule);
      continue;
    }
    if (paginating() && y_ + h > kBottom) {
      new_page();
      head();  // the header repeats on each page
    }
    row(cells, false, true, y_);
    y_ += h;
    rule(y_, 0.5, kRule);
  }
  if (!m.totals.empty()) {
    std::vector<std::vector<Span>> cells;
    for (const auto& t : m.totals) cells.push_back({{t}});
    const double h = row(cells, true, false, 0);
    need(h);
    rule(y_, 1.1, kInk);
    row(cells, true, true, y_);
    y_ += h;
  }
  y_ += 8;
  if (m.malformed)
    line(std::to_string(m.malformed) + (m.malformed == 1 ? " row" : " rows") +
             " could not be shown (not a table of values).",
         {kSmall, false, kMuted});
}

}  // namespace gb::exporter::pdf_layout

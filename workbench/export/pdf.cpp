// The PDF board paper (pdf.hpp). Layout is a single top-to-bottom flow on
// A4 pages: a cursor moves down the content box; text breaks between lines,
// tables between rows (the header row repeats on each page), and small
// elements (tiles, figures, RAG counts, error boxes) move whole to the next
// page rather than split. Columns are measured first (drawn off-page), then
// placed side by side when they fit on a page, else stacked.
//
// The page count is known only at the end, so the document is laid out
// twice: once to count pages, once to write "Page n of N".
//
// Safety: every string from the tree is repaired to valid UTF-8 without
// control characters before pango sees it, and set as plain text with
// attributes (never pango markup), so no label can change the styling.
#include "export/pdf.hpp"

#include "export/pdf_flow.hpp"

namespace gb::exporter {

namespace pdf_layout {

void draw_document(Doc& doc, const Tree& view) {
  Flow f(doc.cr, &doc, kLeft, kTop, kContentW);
  const bool is_view = view.is_object() && string_field(view, "type") && *string_field(view, "type") == "view";
  const std::string title = scalar_text(view.find("title"));
  const std::string board = scalar_text(view.find("board"));
  if (!board.empty()) f.line(board, {kBody, true, kMuted}, 1);
  f.line(title.empty() ? "Untitled view" : title, {18, true}, 3);
  if (const std::string p = params_text(view.find("params"), " = "); !p.empty())
    f.line("Parameters: " + p, {kSmall + 0.5, false, kMuted}, 6);
  if (!view.is_object()) f.error(std::string("the view is not an object (") + view.type_name() + ")", nullptr);
  if (const Tree::Array* errors = view.is_object() ? array_field(view, "errors") : nullptr)
    for (const Tree& err : *errors)
      f.error(err.is_string() ? err.as_string() : scalar_text(err.find("message")),
              err.is_object() ? string_field(err, "site") : nullptr);
  if (is_view || !view.is_object())
    f.children(view, 0, 2, 0);
  else
    f.element(view, 2, 0);  // an element handed over on its own: show it rather than nothing

  // Provenance closes the paper and stays in one piece.
  const auto rows = provenance_rows(view);
  f.keep([&](Flow& p) {
    p.y_ += 14;
    set_colour(p.cr_, kRule);
    cairo_set_line_width(p.cr_, 0.5);
    cairo_move_to(p.cr_, p.x_, p.y_);
    cairo_line_to(p.cr_, p.x_ + p.w_, p.y_);
    cairo_stroke(p.cr_);
    p.y_ += 5;
    p.line("Provenance", {7.5, true, kMuted}, 2);
    for (const auto& [label, value] : rows) {
      Layout l = p.layout({{clean(label), true}}, {7.5, false, kMuted}, 90);
      Layout v = p.layout({{clean(value)}}, {7.5, false, kMuted}, p.w_ - 96);
      p.place(l.get(), p.x_, p.y_, kMuted);
      p.place(v.get(), p.x_ + 96, p.y_, kMuted);
      p.y_ += std::max(Flow::height(l.get()), Flow::height(v.get())) + 1;
    }
  });
  f.footer();
}

}  // namespace pdf_layout

namespace {

using namespace pdf_layout;

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (const std::exception&) {
    return CAIRO_STATUS_WRITE_ERROR;  // no exception may cross into cairo
  }
}

cairo_status_t discard_bytes(void*, const unsigned char*, unsigned int) {
  return CAIRO_STATUS_SUCCESS;
}

// One pass over the document; returns the number of pages written.
int run_pass(const Tree& view, cairo_write_func_t write, std::string* out, int total) {
  Surface pdf(cairo_pdf_surface_create_for_stream(write, out, kPageW, kPageH));
  const std::string title = clean(scalar_text(view.find("title")));
  const std::string board = clean(scalar_text(view.find("board")));
  if (total > 0) {
    cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_TITLE, title.empty() ? "Board view" : title.c_str());
    cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_CREATOR, "Governance Workbench");
    if (!board.empty()) cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_SUBJECT, board.c_str());
  }
  Cairo cr(cairo_create(pdf.get()));
  Doc doc;
  doc.cr = cr.get();
  doc.total = total;
  doc.footer = (title.empty() ? std::string("Board view") : title) + (board.empty() ? "" : " \u00B7 " + board);
  draw_document(doc, view);
  cairo_show_page(cr.get());
  const cairo_status_t drawn = cairo_status(cr.get());
  cr.reset();
  cairo_surface_finish(pdf.get());
  const cairo_status_t finished = cairo_surface_status(pdf.get());
  if (drawn != CAIRO_STATUS_SUCCESS || finished != CAIRO_STATUS_SUCCESS)
    throw Error(std::string("PDF export failed: ") +
                cairo_status_to_string(drawn != CAIRO_STATUS_SUCCESS ? drawn : finished));
  return doc.page;
}

}  // namespace

std::string render_pdf(const Tree& resolved_view) {
  RenderClock::doing("counting pages");
  const int pages = run_pass(resolved_view, discard_bytes, nullptr, 0);
  RenderClock::doing("writing " + std::to_string(pages) + " pages");
  std::string out;
  run_pass(resolved_view, append_bytes, &out, pages);
  return out;
}

}  // namespace gb::exporter

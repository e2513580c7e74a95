// Markdown export of a resolved view tree (docs/VIEWS.md): headings for
// pages and sections, text with its ui.text markup (**bold**, *italic*,
// "- " bullets, paragraphs), tables as pipe tables, tiles and RAG summaries
// as lists, heat maps as a grid table, charts as a table of their points.
// Used for session minutes that go into an email or a wiki. Every string
// from the tree is escaped: converted to HTML, no note or label becomes a
// tag, a link, an image, code or a heading ("<img onerror=...>" shows as
// text). Like render_html, it never throws on odd input: missing fields are
// skipped, unknown elements say so in place.
#pragma once
#include <string>

#include "core/tree.hpp"

namespace gb::exporter {

std::string render_markdown(const Tree& resolved_view);

}  // namespace gb::exporter

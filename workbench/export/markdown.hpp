// Markdown export of a resolved view tree (docs/VIEWS.md): headings for
// pages and sections, text as written (its markup is Markdown's), tables
// as pipe tables, tiles and RAG summaries as lists, heat maps as a grid
// table, charts as a table of their points. Used for session minutes that
// go into an email or a wiki. Like render_html, it never throws on odd
// input: missing fields are skipped, unknown elements say so in place.
#pragma once
#include <string>

#include "core/tree.hpp"

namespace gb::exporter {

std::string render_markdown(const Tree& resolved_view);

}  // namespace gb::exporter

// HTML export of a resolved view tree (docs/VIEWS.md): one self-contained
// HTML5 board paper with inline CSS and inline SVG figures, no scripts and
// no external resources, laid out to print cleanly on A4.
#pragma once
#include <string>

#include "core/tree.hpp"

namespace gb::exporter {

// Renders the resolved tree of a view (`type = "view"`) as a complete HTML
// document. Every text from the tree is escaped; missing or mistyped fields
// are skipped or shown as "—"; elements the host could not resolve, and
// elements this renderer cannot show, appear as grey "Error:" boxes. Never
// throws on odd input, and runs in time linear in the size of the tree
// (apart from sorting table rows).
std::string render_html(const Tree& resolved_view);

}  // namespace gb::exporter

// PDF export of a resolved view tree (docs/VIEWS.md): an A4 board paper
// drawn with cairo, text set with pango, figures drawn from the same SVG
// as the HTML paper (librsvg), so charts and heat maps stay vector. Every
// page carries the paper's title and "Page n of N"; the provenance block
// closes the paper, as in the HTML.
#pragma once
#include <string>

#include "core/tree.hpp"

namespace gb::exporter {

// The PDF bytes for the resolved tree of a view (`type = "view"`). Reads the
// tree as the HTML renderer does (export/paper_model.hpp, export/svg.hpp):
// missing or mistyped fields are skipped or shown as "—", unresolvable
// elements appear as grey "Error:" boxes, text that is not valid UTF-8 is
// repaired. Throws gb::Error only when cairo itself fails (out of memory).
std::string render_pdf(const Tree& resolved_view);

}  // namespace gb::exporter

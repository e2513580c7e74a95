// A board view as a workbook: `render --format xlsx` and the Views panel's
// Export... (through paper_export.hpp). The first sheet, "About", holds the
// view's title, board, parameters and provenance (and its problems, if
// any); then one sheet per table of the view, in document order, named by
// the table's title (or the section it sits in), with a header row of the
// column labels; then "Figures" for the view's tiles, if it has any.
//
// Cells keep their kind (core/xlsx_writer.hpp): numbers as numbers with
// their column's format (integer "#,##0", number "#,##0.00", percent the
// value with a % sign), date columns as dates, RAG columns as the band's
// word on the palette's fill, and text as text, never as a formula. A
// table's totals row (totals = true) follows its rows, in bold.
#pragma once
#include <string>

#include "core/tree.hpp"
#include "core/xlsx_writer.hpp"

namespace gb::exporter {

xlsx::Workbook view_workbook(const Tree& view);
std::string render_xlsx(const Tree& view);

}  // namespace gb::exporter

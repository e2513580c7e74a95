// render_pdf (export/pdf.hpp) for the programs that do not link cairo,
// pango and librsvg (the command line, the window's module): the drawing
// module renders the paper (export/draw_module.hpp), loaded on first use.
#include <string>

#include "core/module.hpp"
#include "export/draw_module.hpp"
#include "export/pdf.hpp"

namespace gb::exporter {

std::string render_pdf(const Tree& resolved_view) {
  auto* render = reinterpret_cast<DrawRenderPdf*>(
      module_symbol(GOVBENCH_DRAW_MODULE, kDrawRenderPdf, "the drawing module (PDF papers)"));
  const ClockCalls clock = this_programs_clock();
  std::string pdf;
  std::exception_ptr error;
  render(resolved_view, clock, pdf, error);
  if (error) std::rethrow_exception(error);
  return pdf;
}

}  // namespace gb::exporter

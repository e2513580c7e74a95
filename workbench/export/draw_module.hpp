// The drawing module, libgovbench_draw.so: PDF papers (cairo, pango and
// librsvg) for the programs that do not link those libraries, so that they
// load them only when a paper is drawn: the command line, and the window's
// own module. Such a program's render_pdf (export/pdf.hpp, from
// pdf_via_module.cpp) loads the module on first use (core/module.hpp) and
// calls its one entry point, below; every other program links render_pdf
// itself (pdf.cpp).
#pragma once
#include <exception>
#include <string>

#include "core/tree.hpp"
#include "export/render_clock.hpp"

namespace gb::exporter {

// The entry point: renders `view` into `pdf` as render_pdf does, counting
// against the caller's clock `clock` (this_programs_clock() of the caller:
// the module's own RenderClock is not the caller's). What render_pdf would
// throw is left in `error` instead, and `pdf` is then left as it was.
inline constexpr const char* kDrawRenderPdf = "govbench_draw_render_pdf";
using DrawRenderPdf = void(const Tree& view, const ClockCalls& clock, std::string& pdf,
                           std::exception_ptr& error) noexcept;

}  // namespace gb::exporter

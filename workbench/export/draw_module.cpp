// The drawing module's entry point (export/draw_module.hpp): built into
// libgovbench_draw.so only, with the renderer linked in.
#include "export/draw_module.hpp"

#include <type_traits>

#include "export/pdf.hpp"

extern "C" __attribute__((visibility("default"))) void govbench_draw_render_pdf(const gb::Tree& view,
                                                                                const gb::exporter::ClockCalls& clock,
                                                                                std::string& pdf,
                                                                                std::exception_ptr& error) noexcept {
  try {
    const gb::exporter::CallersClock callers(clock);
    pdf = gb::exporter::render_pdf(view);
  } catch (...) {
    error = std::current_exception();
  }
}

// The loader calls it through this type.
static_assert(std::is_same_v<decltype(govbench_draw_render_pdf), gb::exporter::DrawRenderPdf>);

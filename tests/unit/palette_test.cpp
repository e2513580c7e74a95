// The RAG palette (core/palette.hpp): measured, printed, and held to what
// a board room needs: any two bands at least 30 apart on the CIE76 ΔE scale
// (fills, and text in each theme), text at least 4.5:1 on the background
// (WCAG AA) in both themes; and the papers use the same fills as the window.
#include "core/palette.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <vector>

#include "export/svg.hpp"

using namespace gb;

namespace {

constexpr Rag kBands[] = {Rag::Red, Rag::Amber, Rag::Green, Rag::Blue};

double min_delta(const std::vector<Rgb>& colours) {
  double best = 1e9;
  for (std::size_t i = 0; i < colours.size(); ++i)
    for (std::size_t j = i + 1; j < colours.size(); ++j) best = std::min(best, delta_e76(colours[i], colours[j]));
  return best;
}

}  // namespace

TEST_CASE("palette: the measures agree with known values", "[unit][palette]") {
  CHECK(contrast_ratio({0, 0, 0}, {255, 255, 255}) == Approx(21.0));
  CHECK(contrast_ratio({255, 255, 255}, {255, 255, 255}) == Approx(1.0));
  CHECK(delta_e76({0, 0, 0}, {255, 255, 255}) == Approx(100.0).margin(0.1));
  CHECK(hex({0xD5, 0x5E, 0x00}) == "#D55E00");
}

TEST_CASE("palette: RAG bands stay apart and their text is readable in both themes", "[unit][palette]") {
  std::vector<Rgb> fills;
  for (Rag r : kBands) fills.push_back(rag_fill(r));
  const double fill_de = min_delta(fills);
  std::printf("RAG fills (cells, bars, badges): smallest ΔE76 between two bands %.1f\n", fill_de);
  CHECK(fill_de >= 30.0);
  for (PaletteTheme t : {PaletteTheme::Light, PaletteTheme::Dark}) {
    const char* name = t == PaletteTheme::Light ? "light" : "dark";
    std::vector<Rgb> inks;
    for (Rag r : kBands) {
      inks.push_back(rag_ink(r, t));
      const double c = contrast_ratio(rag_ink(r, t), theme_background(t));
      std::printf("  %-5s theme, %-5s text %s on %s: contrast %.2f:1\n", name, rag_name(r), hex(rag_ink(r, t)).c_str(),
                  hex(theme_background(t)).c_str(), c);
      CHECK(c >= 4.5);
    }
    const double ink_de = min_delta(inks);
    std::printf("RAG text, %s theme: smallest ΔE76 between two bands %.1f\n", name, ink_de);
    CHECK(ink_de >= 30.0);
  }
}

TEST_CASE("palette: the papers draw the bands in the window's fills", "[unit][palette]") {
  const std::pair<const char*, Rag> bands[] = {
      {"red", Rag::Red}, {"amber", Rag::Amber}, {"green", Rag::Green}, {"blue", Rag::Blue}};
  for (const auto& [name, rag] : bands) {
    const exporter::detail::RagStyle* s = exporter::detail::rag_style(name);
    REQUIRE(s);
    CHECK(std::string(s->colour) == hex(rag_fill(rag)));
  }
}

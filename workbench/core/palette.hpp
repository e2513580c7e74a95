// The RAG palette every renderer shares (window, HTML, SVG and PDF): one
// set of fills and one set of inks per theme, chosen so that a board can
// tell the bands apart on a washed-out projector and with colour blindness.
//
//   fills  cells, bars, tile edges, badges: Okabe-Ito vermilion, orange,
//          bluish green and blue, opaque, the same in both themes; any two
//          are at least 30 apart on the CIE76 ΔE scale
//   inks   coloured text on the theme's background ("8 amber"): darker in
//          the light theme, lighter in the dark one; any two at least 30
//          apart, each at least 4.5:1 against the background (WCAG AA)
// tests/unit/palette_test.cpp measures and prints both.
#pragma once
#include <cstdint>
#include <string>

#include "core/rag.hpp"

namespace gb {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

enum class PaletteTheme { Light, Dark };

// A band's fill; None is a neutral grey.
Rgb rag_fill(Rag r);
// A band's colour for text on the theme's background.
Rgb rag_ink(Rag r, PaletteTheme t);
// What to draw on a fill: white or near-black (#111111), whichever has the
// higher contrast with it.
Rgb readable_on(Rgb fill);
// The windows' background in each theme (what inks are measured against).
Rgb theme_background(PaletteTheme t);

std::string hex(Rgb c);  // "#D55E00"
// WCAG 2 contrast ratio, 1..21.
double contrast_ratio(Rgb a, Rgb b);
// CIE76 colour difference (Euclidean distance in CIELAB, D65).
double delta_e76(Rgb a, Rgb b);

}  // namespace gb

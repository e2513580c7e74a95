#include "core/palette.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gb {

namespace {

constexpr Rgb from_hex(std::uint32_t h) {
  return Rgb{static_cast<std::uint8_t>((h >> 16) & 0xFF), static_cast<std::uint8_t>((h >> 8) & 0xFF),
             static_cast<std::uint8_t>(h & 0xFF)};
}

double linear(std::uint8_t v) {
  const double c = v / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(Rgb c) {
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

struct Lab {
  double l, a, b;
};

Lab to_lab(Rgb c) {
  const double r = linear(c.r), g = linear(c.g), b = linear(c.b);
  const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
  return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

}  // namespace

Rgb rag_fill(Rag r) {
  switch (r) {
    case Rag::Red:
      return from_hex(0xD55E00);  // Okabe-Ito vermilion
    case Rag::Amber:
      return from_hex(0xE69F00);  // Okabe-Ito orange
    case Rag::Green:
      return from_hex(0x009E73);  // Okabe-Ito bluish green
    case Rag::Blue:
      return from_hex(0x0072B2);  // Okabe-Ito blue
    case Rag::None:
      break;
  }
  return from_hex(0x9AA0A6);
}

Rgb rag_ink(Rag r, PaletteTheme t) {
  const bool dark = t == PaletteTheme::Dark;
  switch (r) {
    case Rag::Red:
      return from_hex(dark ? 0xFF8A50 : 0xB03A00);
    case Rag::Amber:
      return from_hex(dark ? 0xF0C040 : 0x8A5A00);
    case Rag::Green:
      return from_hex(dark ? 0x3CCB9A : 0x00704F);
    case Rag::Blue:
      return from_hex(dark ? 0x7CC4F0 : 0x005A8C);
    case Rag::None:
      break;
  }
  return from_hex(dark ? 0x9AA1A9 : 0x656D76);
}

Rgb readable_on(Rgb fill) {
  const Rgb white{255, 255, 255}, black{0x11, 0x11, 0x11};
  return contrast_ratio(white, fill) >= contrast_ratio(black, fill) ? white : black;
}

Rgb theme_background(PaletteTheme t) {
  return from_hex(t == PaletteTheme::Dark ? 0x1C1E21 : 0xF6F7F8);
}

std::string hex(Rgb c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02X%02X%02X", c.r, c.g, c.b);
  return buf;
}

double contrast_ratio(Rgb a, Rgb b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

double delta_e76(Rgb a, Rgb b) {
  const Lab x = to_lab(a), y = to_lab(b);
  return std::sqrt((x.l - y.l) * (x.l - y.l) + (x.a - y.a) * (x.a - y.a) + (x.b - y.b) * (x.b - y.b));
}

}  // namespace gb

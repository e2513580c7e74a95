// For the build tools that write C++ sources (data/schema_image_gen.cpp,
// script/precompiled_gen.cpp): bytes as a C++ string literal. Header-only,
// so that a tool links nothing of the program's.
#pragma once
#include <cstdio>
#include <string>
#include <string_view>

namespace gb {

// A C++ string literal holding `bytes` exactly: printable ASCII as itself,
// everything else as a three-digit octal escape (which, unlike \x, never
// runs on into the next character). Keep each under 4000 bytes of input:
// -Woverlength-strings warns past 4095 characters.
inline std::string cxx_literal(std::string_view bytes) {
  std::string out = "\"";
  for (const char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u >= 0x20 && u < 0x7f && c != '?') {  // '?' would start trigraph-like ??x sequences
      out += c;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", u);
      out += buf;
    }
  }
  return out + "\"";
}

}  // namespace gb

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace gb {

std::optional<Encoding> parse_encoding(std::string_view name) {
  const std::string n = to_lower_ascii(trim(name));
  if (n == "utf-8" || n == "utf8") return Encoding::Utf8;
  if (n == "cp1252" || n == "windows-1252" || n == "win1252") return Encoding::Cp1252;
  if (n == "latin1" || n == "latin-1" || n == "iso-8859-1" || n == "iso8859-1") return Encoding::Latin1;
  return std::nullopt;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // Fast path over ASCII, eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      __builtin_memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else
      return i;
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::nullopt;
}

namespace {
// cp1252 0x80..0x9F; 0 = undefined (mapped to the C1 control).
constexpr std::array<std::uint16_t, 32> kCp1252High = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                       0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                                       0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                       0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}
}  // namespace

std::string to_utf8(std::string_view bytes, Encoding from) {
  if (from == Encoding::Utf8) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    std::uint32_t cp = c;
    if (from == Encoding::Cp1252 && c >= 0x80 && c <= 0x9F && kCp1252High[c - 0x80] != 0) cp = kCp1252High[c - 0x80];
    append_utf8(out, cp);
  }
  return out;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n\f\v";
  const auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

namespace {
template <class F>
void for_each_line(std::string_view s, F f) {
  int number = 0;
  std::size_t from = 0;
  while (from <= s.size()) {
    const auto nl = s.find('\n', from);
    f(++number, trim(s.substr(from, nl == std::string_view::npos ? std::string_view::npos : nl - from)));
    if (nl == std::string_view::npos) break;
    from = nl + 1;
  }
}
}  // namespace

std::vector<std::string> nonblank_lines(std::string_view s) {
  std::vector<std::string> out;
  for_each_line(s, [&](int, std::string_view line) {
    if (!line.empty()) out.emplace_back(line);
  });
  return out;
}

std::vector<NumberedLine> record_lines(std::string_view text) {
  std::vector<NumberedLine> out;
  for_each_line(text, [&](int n, std::string_view line) {
    if (!line.empty() && line.front() != '#') out.push_back({n, line});
  });
  return out;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          static const char* hex = "0123456789abcdef";
          out += "\\u00";
          out.push_back(hex[c >> 4]);
          out.push_back(hex[c & 0xF]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

std::string format_double(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Inf" : "-Inf";
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  std::string out(buf.data(), ec == std::errc() ? end : buf.data());
  // Keep a REAL recognisable as such on re-import ("2" would read back as INTEGER).
  if (out.find_first_of(".eEn") == std::string::npos) out += ".0";
  return out;
}

std::optional<std::int64_t> parse_integer_cell(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::string_view digits = s;
  if (digits.front() == '-' || digits.front() == '+') digits.remove_prefix(1);
  if (digits.empty()) return std::nullopt;
  if (digits.size() > 1 && digits.front() == '0') return std::nullopt;
  if (s.front() == '+') s.remove_prefix(1);
  std::int64_t out = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return out;
}

std::optional<double> parse_real_cell(std::string_view s) {
  if (s.empty()) return std::nullopt;
  if (s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+')) return std::nullopt;
  std::string_view digits = s.front() == '-' ? s.substr(1) : s;
  if (digits.size() > 1 && digits[0] == '0' && digits[1] != '.' && digits[1] != 'e' && digits[1] != 'E')
    return std::nullopt;
  double out = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return out;
}

std::string clip_utf8(std::string_view s, std::size_t width) {
  if (utf8_length(s) <= width) return std::string(s);
  std::string out;
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++n > width - 1) break;
    out.push_back(c);
  }
  return out + "…";
}

std::size_t edit_distance_icase(std::string_view a, std::string_view b) {
  auto low = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  const std::size_t n = a.size(), m = b.size();
  // Three rows of the optimal-string-alignment table.
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const bool same = low(a[i - 1]) == low(b[j - 1]);
      std::size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && low(a[i - 1]) == low(b[j - 2]) && low(a[i - 2]) == low(b[j - 1]))
        d = std::min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::vector<std::string> nearest_names(std::string_view name, const std::vector<std::string>& candidates) {
  std::vector<std::string> best;
  std::size_t best_distance = static_cast<std::size_t>(-1);
  for (const auto& c : candidates) {
    const std::size_t longer = std::max(name.size(), c.size());
    const std::size_t shorter = std::min(name.size(), c.size());
    // The distance is at least the difference in length: skip at once
    // what cannot be close.
    const std::size_t allowed = std::max<std::size_t>(1, longer / 3);
    if (longer - shorter > allowed || longer - shorter > best_distance) continue;
    const std::size_t d = edit_distance_icase(name, c);
    if (d > allowed || d == 0 || d > best_distance) continue;
    if (d < best_distance) best.clear();
    best_distance = d;
    if (std::find(best.begin(), best.end(), c) == best.end()) best.push_back(c);
  }
  return best;
}

std::string TerminalEscaper::feed(std::string_view chunk) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(chunk.size());
  for (char ch : chunk) {
    const auto c = static_cast<unsigned char>(ch);
    if (pending_cr_) {
      pending_cr_ = false;
      if (c == '\n') {  // CRLF (CSV's line end) moves nothing it should not
        out += "\r\n";
        continue;
      }
      out += "\\x0D";
    }
    if (c == '\r') {
      if (pending_c2_) {
        pending_c2_ = false;
        out.push_back(static_cast<char>(0xC2));
      }
      pending_cr_ = true;
      continue;
    }
    if (pending_c2_) {
      pending_c2_ = false;
      if (c >= 0x80 && c <= 0x9F) {  // U+0080..U+009F: C1 controls (0x9B is CSI)
        out += "\\u00";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 0xF]);
        continue;
      }
      out.push_back(static_cast<char>(0xC2));
    }
    if (c == 0xC2) {
      pending_c2_ = true;
    } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      out += "\\x";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xF]);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

std::string TerminalEscaper::finish() {
  std::string out;
  if (pending_c2_) out.push_back(static_cast<char>(0xC2));
  if (pending_cr_) out += "\\x0D";
  pending_c2_ = pending_cr_ = false;
  return out;
}

std::string terminal_safe(std::string_view s) {
  TerminalEscaper e;
  std::string out = e.feed(s);
  return out + e.finish();
}

}  // namespace gb

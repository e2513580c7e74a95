#include "engine/wire.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>
#include <utility>

#include "core/error.hpp"
#include "core/semver.hpp"
#include "core/text.hpp"
#include "engine/wire_codec.hpp"

// The scalar encodings (wire.hpp) and the helpers every encoding file uses
// (wire_codec.hpp). The types themselves are encoded in wire_packs.cpp,
// wire_results.cpp and wire_scenarios.cpp.

namespace gb::engine::wire {

namespace {

constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}
int hex_value(char c) {
  return c <= '9' ? c - '0' : c - 'a' + 10;
}

}  // namespace

namespace detail {

std::string field(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}
std::string item(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}
std::string got(const Tree& t) {
  return std::string(" (got ") + t.type_name() + ")";
}

// A short, printable quote of untrusted text for messages.
std::string quote(const std::string& s) {
  std::string shown = s.size() > 40 ? s.substr(0, 40) + "..." : s;
  if (find_invalid_utf8(shown)) shown = "<not UTF-8>";
  std::string out;
  append_json_string(out, shown);
  return out;
}

const Tree::Array& pair_array(const Tree& t, const std::string& path) {
  if (!t.is_array() || t.size() != 2) fail(path, "expected a [key, value] array" + got(t));
  return t.as_array();
}
// VersionRange has no default constructor: read through its text.
void r(const Tree& t, std::map<std::string, VersionRange>& out, const std::string& path) {
  if (!t.is_array()) fail(path, "expected an array of [key, value] arrays" + got(t));
  out.clear();
  const auto& a = t.as_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string p = item(path, i);
    const auto& kv = pair_array(a[i], p);
    std::string key, text;
    r(kv[0], key, item(p, 0));
    r(kv[1], text, item(p, 1));
    std::optional<VersionRange> range;
    try {
      range = VersionRange::parse(text);
    } catch (const Error& e) {
      fail(item(p, 1), "not a version range: " + e.message());
    }
    if (!out.emplace(key, *range).second) fail(item(p, 0), "duplicate key " + quote(key));
  }
}
void r(const Tree& t, Version& out, const std::string& path) {
  const std::string text = decode_string(t, path);
  auto v = Version::parse(text);
  if (!v) fail(path, "not a version: " + quote(text));
  out = std::move(*v);
}

}  // namespace detail

using namespace detail;

// ---- scalars (public) ------------------------------------------------------------

void fail(const std::string& path, const std::string& what) {
  throw Error((path.empty() ? "(top level)" : path) + ": " + what);
}

Tree encode_double(double v) {
  if (std::isnan(v)) return Tree("nan");
  if (std::isinf(v)) return Tree(v > 0 ? "inf" : "-inf");
  if (v == 0 && std::signbit(v)) return Tree("-0");
  return Tree(v);
}

double decode_double(const Tree& t, const std::string& path) {
  if (t.is_number()) {
    const double d = t.as_number();
    // A Tree built in memory may hold a non-finite number; the text form never does.
    if (!std::isfinite(d)) fail(path, "expected a finite number or \"nan\", \"inf\", \"-inf\", \"-0\"");
    return d;
  }
  if (t.is_string()) {
    const auto& s = t.as_string();
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (s == "inf") return std::numeric_limits<double>::infinity();
    if (s == "-inf") return -std::numeric_limits<double>::infinity();
    if (s == "-0") return -0.0;
    fail(path,
         "expected a number, got the string " + quote(s) + " (only \"nan\", \"inf\", \"-inf\" and \"-0\" are numbers)");
  }
  fail(path, "expected a number" + got(t));
}

Tree encode_int64(std::int64_t v) {
  constexpr std::int64_t kMax = std::int64_t(1) << 53;
  if (v >= -kMax && v <= kMax) return Tree(v);
  return Tree(std::to_string(v));
}

std::int64_t decode_int64(const Tree& t, const std::string& path) {
  if (t.is_number()) {
    const double d = t.as_number();
    if (!std::isfinite(d) || d != std::floor(d)) fail(path, "expected an integer, got " + format_double(d));
    if (std::fabs(d) > kMaxExactInteger) fail(path, "an integer beyond 2^53 must be written as a decimal string");
    return static_cast<std::int64_t>(d);
  }
  if (t.is_string()) {
    const auto& s = t.as_string();
    std::int64_t v = 0;
    const char* end = s.data() + s.size();
    const auto [p, ec] = std::from_chars(s.data(), end, v);
    if (s.empty() || ec != std::errc() || p != end) fail(path, "expected a 64-bit integer, got the string " + quote(s));
    return v;
  }
  fail(path, "expected an integer" + got(t));
}

int decode_int(const Tree& t, const std::string& path) {
  if (!t.is_number()) fail(path, "expected an integer" + got(t));
  const double d = t.as_number();
  if (!std::isfinite(d) || d != std::floor(d)) fail(path, "expected an integer, got " + format_double(d));
  if (d < static_cast<double>(std::numeric_limits<int>::min()) ||
      d > static_cast<double>(std::numeric_limits<int>::max()))
    fail(path, "integer out of range: " + format_double(d));
  return static_cast<int>(d);
}

bool decode_bool(const Tree& t, const std::string& path) {
  if (!t.is_bool()) fail(path, "expected true or false" + got(t));
  return t.as_bool();
}

Tree encode_string(const std::string& v) {
  if (!find_invalid_utf8(v)) return Tree(v);
  static const char* hex = "0123456789abcdef";
  std::string h;
  h.reserve(v.size() * 2);
  for (char ch : v) {
    const auto c = static_cast<unsigned char>(ch);
    h.push_back(hex[c >> 4]);
    h.push_back(hex[c & 0xF]);
  }
  Tree t = Tree::object();
  t.set("bytes", std::move(h));
  return t;
}

std::string decode_string(const Tree& t, const std::string& path) {
  if (t.is_string()) return t.as_string();
  if (t.is_object() && t.size() == 1 && t.as_object()[0].first == "bytes") {
    const Tree& h = t.as_object()[0].second;
    const std::string p = field(path, "bytes");
    if (!h.is_string()) fail(p, "expected a string of hex digits" + got(h));
    const auto& s = h.as_string();
    if (s.size() % 2 != 0 || !std::all_of(s.begin(), s.end(), is_hex))
      fail(p, "expected an even number of lower-case hex digits");
    std::string out;
    out.reserve(s.size() / 2);
    for (std::size_t i = 0; i < s.size(); i += 2)
      out.push_back(static_cast<char>(hex_value(s[i]) * 16 + hex_value(s[i + 1])));
    return out;
  }
  fail(path, "expected a string" + got(t));
}

}  // namespace gb::engine::wire

// parse_json: JSON text back into a Tree. Used to read what the
// program itself stored (agenda snapshots), but the text comes from a
// database file, so it is parsed as hostile: every byte is checked, depth
// is bounded, and errors name the byte offset.
#include <charconv>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/text.hpp"

namespace gb {

namespace {

constexpr int kMaxDepth = 256;

class JsonParser {
 public:
  explicit JsonParser(std::string_view s) : s_(s) {}

  Tree document() {
    Tree t = value(0);
    skip_space();
    if (i_ != s_.size()) fail("unexpected text after the JSON value");
    return t;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw Error("JSON at byte " + std::to_string(i_) + ": " + what);
  }

  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }

  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  Tree value(int depth) {
    if (depth > kMaxDepth) fail("nested more than " + std::to_string(kMaxDepth) + " levels deep");
    skip_space();
    if (i_ >= s_.size()) fail("unexpected end of text");
    const char c = s_[i_];
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') return Tree(string());
    if (literal("true")) return Tree(true);
    if (literal("false")) return Tree(false);
    if (literal("null")) return Tree();
    if (c == '-' || (c >= '0' && c <= '9')) return Tree(number());
    fail(std::string("unexpected character '") + c + "'");
  }

  Tree object(int depth) {
    ++i_;  // {
    Tree t = Tree::object();
    skip_space();
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return t;
    }
    for (;;) {
      skip_space();
      if (i_ >= s_.size() || s_[i_] != '"') fail("expected a string key");
      std::string key = string();
      skip_space();
      if (i_ >= s_.size() || s_[i_] != ':') fail("expected ':' after a key");
      ++i_;
      Tree v = value(depth + 1);
      if (t.find(key)) fail("duplicate key \"" + key + "\"");
      t.as_object().emplace_back(std::move(key), std::move(v));
      skip_space();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;
        return t;
      }
      fail("expected ',' or '}' in an object");
    }
  }

  Tree array(int depth) {
    ++i_;  // [
    Tree t = Tree::array();
    skip_space();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return t;
    }
    for (;;) {
      t.push(value(depth + 1));
      skip_space();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == ']') {
        ++i_;
        return t;
      }
      fail("expected ',' or ']' in an array");
    }
  }

  unsigned hex4() {
    if (s_.size() - i_ < 4) fail("a \\u escape needs four hex digits");
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        v |= static_cast<unsigned>(c - 'A' + 10);
      else
        fail("a \\u escape needs four hex digits");
    }
    return v;
  }

  static void put_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  std::string string() {
    const std::size_t start = ++i_;  // after the opening quote
    std::string out;
    for (;;) {
      if (i_ >= s_.size()) fail("unterminated string");
      const char c = s_[i_];
      if (c == '"') {
        ++i_;
        break;
      }
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string");
      if (c != '\\') {
        out.push_back(c);
        ++i_;
        continue;
      }
      ++i_;
      if (i_ >= s_.size()) fail("unterminated string");
      const char e = s_[i_++];
      switch (e) {
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case '/':
          out.push_back('/');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (!literal("\\u")) fail("a high surrogate must be followed by a low one");
            const unsigned lo = hex4();
            if (lo < 0xDC00 || lo > 0xDFFF) fail("a high surrogate must be followed by a low one");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail("a lone low surrogate");
          }
          put_utf8(out, cp);
          break;
        }
        default:
          fail(std::string("unknown escape '\\") + e + "'");
      }
    }
    if (find_invalid_utf8(out)) {
      i_ = start;
      fail("a string that is not valid UTF-8");
    }
    return out;
  }

  double number() {
    const std::size_t start = i_;
    if (s_[i_] == '-') ++i_;
    auto digits = [&] {
      const std::size_t from = i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      return i_ - from;
    };
    if (i_ < s_.size() && s_[i_] == '0')
      ++i_;
    else if (digits() == 0)
      fail("a number needs digits");
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (digits() == 0) fail("a number needs digits after '.'");
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (digits() == 0) fail("a number needs digits in its exponent");
    }
    double d = 0;
    const auto [p, ec] = std::from_chars(s_.data() + start, s_.data() + i_, d);
    if (ec != std::errc() || p != s_.data() + i_ || !std::isfinite(d)) {
      i_ = start;
      fail("a number out of range");
    }
    return d;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

Tree parse_json(std::string_view text) {
  return JsonParser(text).document();
}

}  // namespace gb

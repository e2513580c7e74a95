// A small JSON reader for the view-tree fuzzer: turns fuzz input into a
// gb::Tree (what a pack's view build returns once it leaves Lua). Depth is
// capped so that the reader itself cannot overflow the stack; whatever it
// cannot read is simply not a test case.
#pragma once
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "core/tree.hpp"

namespace gbfuzz {

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : s_(text) {}

  std::optional<gb::Tree> read() {
    auto t = value(0);
    skip_space();
    if (!t || pos_ != s_.size()) return std::nullopt;
    return t;
  }

 private:
  static constexpr int kMaxDepth = 64;  // as deep as a Lua table may be when it becomes a Tree (script/invoke.cpp)

  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) ++pos_;
  }
  bool eat(char c) {
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool word(std::string_view w) {
    if (s_.substr(pos_, w.size()) != w) return false;
    pos_ += w.size();
    return true;
  }

  std::optional<std::string> string() {
    if (!eat('"')) return std::nullopt;
    std::string out;
    while (pos_ < s_.size()) {
      const char c = s_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) return std::nullopt;
      const char e = s_[pos_++];
      switch (e) {
        case 'n':
          out.push_back('\n');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'u': {
          if (pos_ + 4 > s_.size()) return std::nullopt;
          const unsigned long cp = std::strtoul(std::string(s_.substr(pos_, 4)).c_str(), nullptr, 16);
          pos_ += 4;
          // Any code unit, even a lone surrogate: hostile text is the point.
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
          break;
        }
        default:
          out.push_back(e);
      }
    }
    return std::nullopt;
  }

  std::optional<gb::Tree> value(int depth) {
    if (depth > kMaxDepth) return std::nullopt;
    skip_space();
    if (pos_ >= s_.size()) return std::nullopt;
    const char c = s_[pos_];
    if (c == '{') {
      ++pos_;
      gb::Tree t = gb::Tree::object();
      if (eat('}')) return t;
      do {
        auto k = string();
        if (!k || !eat(':')) return std::nullopt;
        auto v = value(depth + 1);
        if (!v) return std::nullopt;
        t.set(std::move(*k), std::move(*v));
      } while (eat(','));
      if (!eat('}')) return std::nullopt;
      return t;
    }
    if (c == '[') {
      ++pos_;
      gb::Tree t = gb::Tree::array();
      if (eat(']')) return t;
      do {
        auto v = value(depth + 1);
        if (!v) return std::nullopt;
        t.push(std::move(*v));
      } while (eat(','));
      if (!eat(']')) return std::nullopt;
      return t;
    }
    if (c == '"') {
      auto str = string();
      if (!str) return std::nullopt;
      return gb::Tree(std::move(*str));
    }
    if (word("null")) return gb::Tree();
    if (word("true")) return gb::Tree(true);
    if (word("false")) return gb::Tree(false);
    // Numbers, including what JSON has no words for but Lua can return.
    if (word("inf")) return gb::Tree(HUGE_VAL);
    if (word("-inf")) return gb::Tree(-HUGE_VAL);
    if (word("nan")) return gb::Tree(std::nan(""));
    std::string num;
    while (pos_ < s_.size() && std::string_view("+-0123456789.eE").find(s_[pos_]) != std::string_view::npos)
      num.push_back(s_[pos_++]);
    if (num.empty()) return std::nullopt;
    char* end = nullptr;
    const double d = std::strtod(num.c_str(), &end);
    if (end != num.c_str() + num.size()) return std::nullopt;
    return gb::Tree(d);
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace gbfuzz

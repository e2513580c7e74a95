#include "script/source_scan.hpp"

#include <cstddef>

namespace gb::script {

namespace {

struct Token {
  enum class Kind { Name, String, Number, Punct, End };
  Kind kind = Kind::End;
  std::string_view text;  // names, punctuation; a string's raw text
  int line = 0;
};

bool name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool name_char(char c) {
  return name_start(c) || (c >= '0' && c <= '9');
}

// Level of a long bracket opening at s[i] ("[[", "[==["), or -1.
int long_bracket(std::string_view s, std::size_t i) {
  if (i >= s.size() || s[i] != '[') return -1;
  std::size_t j = i + 1;
  while (j < s.size() && s[j] == '=') ++j;
  return j < s.size() && s[j] == '[' ? static_cast<int>(j - i - 1) : -1;
}

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  Token next() {
    skip_space_and_comments();
    Token t;
    t.line = line_;
    if (i_ >= s_.size()) return t;
    const std::size_t start = i_;
    const char c = s_[i_];
    if (name_start(c)) {
      while (i_ < s_.size() && name_char(s_[i_])) ++i_;
      t.kind = Token::Kind::Name;
    } else if ((c >= '0' && c <= '9') || (c == '.' && i_ + 1 < s_.size() && s_[i_ + 1] >= '0' && s_[i_ + 1] <= '9')) {
      while (i_ < s_.size()) {
        const char d = s_[i_];
        if ((d == '+' || d == '-') &&
            (s_[i_ - 1] == 'e' || s_[i_ - 1] == 'E' || s_[i_ - 1] == 'p' || s_[i_ - 1] == 'P')) {
          ++i_;
          continue;
        }
        if (!name_char(d) && d != '.') break;
        ++i_;
      }
      t.kind = Token::Kind::Number;
    } else if (c == '"' || c == '\'') {
      ++i_;
      while (i_ < s_.size() && s_[i_] != c) {
        if (s_[i_] == '\\' && i_ + 1 < s_.size()) {
          ++i_;
          if (s_[i_] == 'z') {  // \z skips the following white space, newlines included
            ++i_;
            while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) {
              if (s_[i_] == '\n') ++line_;
              ++i_;
            }
            continue;
          }
        }
        if (s_[i_] == '\n') ++line_;
        ++i_;
      }
      ++i_;
      t.kind = Token::Kind::String;
    } else if (const int level = long_bracket(s_, i_); level >= 0) {
      skip_long(level);
      t.kind = Token::Kind::String;
    } else {
      static constexpr std::string_view kTwo[] = {"==", "~=", "<=", ">=", "..", "::", "//", "<<", ">>"};
      i_ += 1;
      for (auto two : kTwo)
        if (s_.substr(start, 2) == two) i_ = start + 2;
      if (s_.substr(start, 3) == "...") i_ = start + 3;
      t.kind = Token::Kind::Punct;
    }
    t.text = s_.substr(start, i_ - start);
    return t;
  }

 private:
  void skip_long(int level) {
    i_ += static_cast<std::size_t>(level) + 2;
    for (; i_ < s_.size(); ++i_) {
      if (s_[i_] == '\n') ++line_;
      if (s_[i_] != ']') continue;
      std::size_t j = i_ + 1;
      while (j < s_.size() && s_[j] == '=') ++j;
      if (j < s_.size() && s_[j] == ']' && static_cast<int>(j - i_ - 1) == level) {
        i_ = j + 1;
        return;
      }
    }
  }

  void skip_space_and_comments() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '\n') {
        ++line_;
        ++i_;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        ++i_;
      } else if (c == '-' && i_ + 1 < s_.size() && s_[i_ + 1] == '-') {
        i_ += 2;
        if (const int level = long_bracket(s_, i_); level >= 0) {
          skip_long(level);
        } else {
          while (i_ < s_.size() && s_[i_] != '\n') ++i_;
        }
      } else if (i_ == 0 && c == '#') {  // a shebang line
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else {
        return;
      }
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
  int line_ = 1;
};

std::vector<Token> tokenize(std::string_view source) {
  std::vector<Token> out;
  Lexer lex(source);
  for (;;) {
    Token t = lex.next();
    out.push_back(t);
    if (t.kind == Token::Kind::End) return out;
  }
}

bool is(const Token& t, std::string_view text) {
  return (t.kind == Token::Kind::Punct || t.kind == Token::Kind::Name) && t.text == text;
}

// +1 for what opens a bracket or a block, -1 for what closes one, else 0.
// `while` and `for` open their block with `do`; `if` opens, `then`,
// `elseif` and `else` do not.
int nesting(const Token& t) {
  if (t.kind == Token::Kind::Punct) {
    if (t.text == "{" || t.text == "(" || t.text == "[") return 1;
    if (t.text == "}" || t.text == ")" || t.text == "]") return -1;
    return 0;
  }
  if (t.kind != Token::Kind::Name) return 0;
  if (t.text == "function" || t.text == "if" || t.text == "do" || t.text == "repeat") return 1;
  if (t.text == "end" || t.text == "until") return -1;
  return 0;
}

// The index of the token after the constructor starting at `open` ("{"),
// with, for each field `name = value` written directly in it, the index
// of its name token. Returns 0 when the constructor does not end.
std::size_t scan_constructor(const std::vector<Token>& toks, std::size_t open, std::string_view field,
                             std::vector<std::size_t>& hits) {
  int depth = 0;
  for (std::size_t i = open; i < toks.size() && toks[i].kind != Token::Kind::End; ++i) {
    depth += nesting(toks[i]);
    if (depth == 0) return i + 1;
    if (depth != 1 || i == open) continue;
    const Token& prev = toks[i - 1];
    const bool field_start = i - 1 == open || is(prev, ",") || is(prev, ";");
    if (!field_start || i + 1 >= toks.size()) continue;
    if (toks[i].kind == Token::Kind::Name && toks[i].text == field && is(toks[i + 1], "=")) hits.push_back(i);
    // ["field"] = value
    if (is(toks[i], "[") && i + 3 < toks.size() && toks[i + 1].kind == Token::Kind::String &&
        toks[i + 1].text.size() == field.size() + 2 && toks[i + 1].text.substr(1, field.size()) == field &&
        is(toks[i + 2], "]") && is(toks[i + 3], "="))
      hits.push_back(i + 1);
  }
  return 0;
}

}  // namespace

int field_line(std::string_view source, int call_line, std::string_view call_name,
               const std::vector<std::string>& path) {
  if (path.empty() || call_line <= 0) return 0;
  const std::vector<Token> toks = tokenize(source);
  // The call: `call_name {` or `call_name({`, its name on call_line.
  std::size_t open = 0;
  int calls = 0;
  for (std::size_t i = 0; i + 1 < toks.size(); ++i) {
    if (toks[i].line != call_line || toks[i].kind != Token::Kind::Name || toks[i].text != call_name) continue;
    std::size_t j = i + 1;
    if (is(toks[j], "(") && j + 1 < toks.size()) ++j;
    if (!is(toks[j], "{")) continue;
    ++calls;
    open = j;
  }
  if (calls != 1) return 0;
  int line = 0;
  for (const auto& field : path) {
    std::vector<std::size_t> hits;
    if (scan_constructor(toks, open, field, hits) == 0 || hits.size() != 1) return 0;
    std::size_t at = hits.front();
    line = toks[at].line;
    // The value, for the next step of the path: a constructor.
    std::size_t value = at + 1;
    while (value < toks.size() && !is(toks[value], "=")) ++value;
    ++value;
    if (&field != &path.back()) {
      if (value >= toks.size() || !is(toks[value], "{")) return 0;
      open = value;
    }
  }
  return line;
}

std::optional<FunctionReturns> function_returns(std::string_view source, int line_defined) {
  const std::vector<Token> toks = tokenize(source);
  std::size_t start = 0;
  int found = 0;
  for (std::size_t i = 0; i < toks.size(); ++i)
    if (toks[i].line == line_defined && toks[i].kind == Token::Kind::Name && toks[i].text == "function") {
      ++found;
      start = i;
    }
  if (found != 1) return std::nullopt;
  FunctionReturns out;
  // The stack of open brackets and blocks, as the number of `function`s
  // among them: a `return` is this function's when that number is 1.
  std::vector<bool> stack;
  int functions = 0;
  for (std::size_t i = start; i < toks.size() && toks[i].kind != Token::Kind::End; ++i) {
    const Token& t = toks[i];
    const int n = nesting(t);
    if (n > 0) {
      const bool fn = is(t, "function");
      stack.push_back(fn);
      functions += fn;
      continue;
    }
    if (n < 0) {
      if (stack.empty()) return std::nullopt;
      functions -= stack.back();
      stack.pop_back();
      if (stack.empty()) return out;
      continue;
    }
    if (functions == 1 && t.kind == Token::Kind::Name && t.text == "return") {
      const Token& next = toks[i + 1];
      const bool bare = next.kind == Token::Kind::End || is(next, "end") || is(next, "else") || is(next, "elseif") ||
                        is(next, "until") || is(next, ";");
      (bare ? out.bare : out.with_values).push_back(t.line);
    }
  }
  return std::nullopt;
}

}  // namespace gb::script

// Passwords in libpq connection strings, found and taken out without libpq
// (the grammar of libpq's conninfo_parse and conninfo_uri_parse_options):
//   postgresql://user:secret@host:5432/db?password=secret&...
//   host=/tmp/pg password='se cret' user=alice
#include <cctype>
#include <string>

#include "team/pg.hpp"

namespace gb::team::pg {

namespace {

bool is_uri(const std::string& s) {
  return s.starts_with("postgresql://") || s.starts_with("postgres://");
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

struct UriParts {
  std::size_t user_end = std::string::npos;  // where ":password@" starts, if there is a password
  std::size_t at = std::string::npos;        // the '@' after the user info
  std::string password;                      // from user:password@
  bool has_password = false;
};

UriParts uri_user_info(const std::string& s) {
  UriParts p;
  const std::size_t start = s.find("://") + 3;
  std::size_t i = start;
  while (i < s.size() && s[i] != '@' && s[i] != '/') ++i;
  if (i < s.size() && s[i] == '@') {
    p.at = i;
    const std::size_t colon = s.find(':', start);
    if (colon != std::string::npos && colon < i) {
      p.user_end = colon;
      p.password = percent_decode(std::string_view(s).substr(colon + 1, i - colon - 1));
      p.has_password = true;
    }
  }
  return p;
}

// The query's parameters as [begin, end) ranges of "key=value".
struct QueryParam {
  std::size_t begin = 0, end = 0;
  std::string key, value;
};

std::vector<QueryParam> uri_query(const std::string& s) {
  std::vector<QueryParam> out;
  const std::size_t q = s.find('?');
  if (q == std::string::npos) return out;
  std::size_t b = q + 1;
  while (b <= s.size()) {
    std::size_t e = s.find('&', b);
    if (e == std::string::npos) e = s.size();
    const std::string_view item = std::string_view(s).substr(b, e - b);
    const std::size_t eq = item.find('=');
    out.push_back({b, e, percent_decode(item.substr(0, eq)),
                   eq == std::string_view::npos ? "" : percent_decode(item.substr(eq + 1))});
    b = e + 1;
  }
  return out;
}

// A key=value string's entries as [begin, end) ranges with their key and
// (unquoted) value.
std::vector<QueryParam> keyword_entries(const std::string& s) {
  std::vector<QueryParam> out;
  std::size_t i = 0;
  auto space = [&](std::size_t k) { return k < s.size() && std::isspace(static_cast<unsigned char>(s[k])); };
  while (i < s.size()) {
    while (space(i)) ++i;
    if (i >= s.size()) break;
    const std::size_t begin = i;
    while (i < s.size() && s[i] != '=' && !space(i)) ++i;
    std::string key = s.substr(begin, i - begin);
    while (space(i)) ++i;
    if (i < s.size() && s[i] == '=') ++i;
    while (space(i)) ++i;
    std::string value;
    if (i < s.size() && s[i] == '\'') {
      ++i;
      while (i < s.size() && s[i] != '\'') {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        value.push_back(s[i++]);
      }
      if (i < s.size()) ++i;  // the closing quote
    } else {
      while (i < s.size() && !space(i)) {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        value.push_back(s[i++]);
      }
    }
    out.push_back({begin, i, std::move(key), std::move(value)});
  }
  return out;
}

}  // namespace

std::optional<std::string> password_in(const std::string& url) {
  std::optional<std::string> found;
  if (is_uri(url)) {
    const UriParts p = uri_user_info(url);
    if (p.has_password && !p.password.empty()) found = p.password;
    for (const auto& q : uri_query(url))
      if (q.key == "password" && !q.value.empty()) found = q.value;
    return found;
  }
  for (const auto& e : keyword_entries(url))
    if (e.key == "password" && !e.value.empty()) found = e.value;
  return found;
}

std::string redact(const std::string& url) {
  if (is_uri(url)) {
    std::string out = url;
    // The query first (it comes later in the string, so the ranges stay right).
    const auto params = uri_query(out);
    for (auto it = params.rbegin(); it != params.rend(); ++it) {
      if (it->key != "password") continue;
      std::size_t b = it->begin, e = it->end;
      if (e < out.size()) {
        ++e;  // its '&'
      } else if (b > 0) {
        --b;  // the '&' or '?' before it
      }
      out.erase(b, e - b);
    }
    if (out.ends_with("?")) out.pop_back();
    const UriParts p = uri_user_info(out);
    if (p.has_password) out.erase(p.user_end, p.at - p.user_end);
    return out;
  }
  std::string out = url;
  const auto entries = keyword_entries(out);
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->key != "password") continue;
    std::size_t e = it->end;
    while (e < out.size() && std::isspace(static_cast<unsigned char>(out[e]))) ++e;
    out.erase(it->begin, e - it->begin);
  }
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  return out;
}

}  // namespace gb::team::pg

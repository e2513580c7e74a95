#include "core/semver.hpp"

#include <algorithm>
#include <cstddef>

#include "core/error.hpp"

namespace gb {
namespace {

constexpr std::size_t kMaxRangeLength = 256;
constexpr int kMaxComparators = 32;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_ident_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}
bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}
bool is_wildcard(std::string_view s) {
  return s == "x" || s == "X" || s == "*";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0;;) {
    const std::size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

// Error messages quote user input; keep a hostile megabyte out of them.
std::string excerpt(std::string_view s) {
  return s.size() <= 40 ? std::string(s) : std::string(s.substr(0, 40)) + "...";
}

// Digits without leading zeros, at most kMaxVersionComponent. *too_large is
// set separately so callers can say why a well-formed number was refused.
std::optional<int> parse_number(std::string_view s, bool* too_large) {
  if (!all_digits(s) || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  if (s.size() > 9) {  // kMaxVersionComponent is the largest 9-digit number
    if (too_large) *too_large = true;
    return std::nullopt;
  }
  int value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value;
}

bool valid_identifiers(std::string_view s, bool numeric_without_leading_zero) {
  for (std::string_view id : split(s, '.')) {
    if (id.empty() || !std::all_of(id.begin(), id.end(), is_ident_char)) return false;
    if (numeric_without_leading_zero && all_digits(id) && id.size() > 1 && id[0] == '0') return false;
  }
  return true;
}

std::optional<Version> parse_version(std::string_view text, bool* too_large) {
  std::string_view core = text;
  if (const auto plus = core.find('+'); plus != std::string_view::npos) {
    if (!valid_identifiers(core.substr(plus + 1), false)) return std::nullopt;
    core = core.substr(0, plus);
  }
  Version v;
  // Prerelease identifiers may contain '-', so only the first one separates.
  if (const auto dash = core.find('-'); dash != std::string_view::npos) {
    const std::string_view pre = core.substr(dash + 1);
    if (!valid_identifiers(pre, true)) return std::nullopt;
    for (std::string_view id : split(pre, '.')) v.prerelease.emplace_back(id);
    core = core.substr(0, dash);
  }
  const auto parts = split(core, '.');
  if (parts.size() != 3) return std::nullopt;
  int* fields[] = {&v.major, &v.minor, &v.patch};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto n = parse_number(parts[i], too_large);
    if (!n) return std::nullopt;
    *fields[i] = *n;
  }
  return v;
}

std::strong_ordering compare_identifiers(std::string_view a, std::string_view b) {
  const bool a_num = all_digits(a), b_num = all_digits(b);
  if (a_num != b_num) return a_num ? std::strong_ordering::less : std::strong_ordering::greater;
  // No leading zeros, so a longer number is a larger one; this also avoids
  // converting identifiers that SemVer lets be arbitrarily long.
  if (a_num && a.size() != b.size()) return a.size() <=> b.size();
  return a <=> b;
}

// A version in a range, where trailing components may be wildcards.
struct Partial {
  Version version;  // wildcard components are 0
  int given = 0;    // how many of major, minor, patch were numbers
};

std::optional<Partial> parse_partial(std::string_view text, bool* too_large) {
  if (auto full = parse_version(text, too_large)) return Partial{std::move(*full), 3};
  if (*too_large) return std::nullopt;
  const auto parts = split(text, '.');
  if (parts.size() > 3) return std::nullopt;
  Partial p;
  int* fields[] = {&p.version.major, &p.version.minor, &p.version.patch};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (is_wildcard(parts[i])) continue;
    if (p.given != static_cast<int>(i)) return std::nullopt;  // "1.x.3" has no sensible meaning
    const auto n = parse_number(parts[i], too_large);
    if (!n) return std::nullopt;
    *fields[i] = *n;
    p.given = static_cast<int>(i) + 1;
  }
  return p;
}

// The release after p with component `at` incremented and later ones zeroed.
Version bump(const Partial& p, int at) {
  Version v;
  v.major = p.version.major + (at == 0 ? 1 : 0);
  v.minor = at == 0 ? 0 : p.version.minor + (at == 1 ? 1 : 0);
  v.patch = at == 2 ? p.version.patch + 1 : 0;
  return v;
}

// X-0 is the lowest prerelease of X. A partial upper bound such as "<2" means
// "below every 2.x", so it becomes <2.0.0-0; that matters once the set opts
// into 2.0.0 prereleases (">=2.0.0-alpha <2" admits no 2.0.0-beta), as in npm.
Version lowest_prerelease(Version v) {
  v.prerelease = {"0"};
  return v;
}

[[noreturn]] void fail(std::string_view range, const std::string& why) {
  throw Error("invalid version range '" + excerpt(range) + "': " + why);
}

}  // namespace

std::optional<Version> Version::parse(std::string_view text) {
  bool too_large = false;
  return parse_version(text, &too_large);
}

std::string Version::to_string() const {
  std::string out = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  for (std::size_t i = 0; i < prerelease.size(); ++i) out += (i == 0 ? "-" : ".") + prerelease[i];
  return out;
}

std::strong_ordering operator<=>(const Version& a, const Version& b) {
  if (auto c = a.major <=> b.major; std::is_neq(c)) return c;
  if (auto c = a.minor <=> b.minor; std::is_neq(c)) return c;
  if (auto c = a.patch <=> b.patch; std::is_neq(c)) return c;
  if (a.prerelease.empty() || b.prerelease.empty()) return a.prerelease.empty() <=> b.prerelease.empty();
  const std::size_t n = std::min(a.prerelease.size(), b.prerelease.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (auto c = compare_identifiers(a.prerelease[i], b.prerelease[i]); std::is_neq(c)) return c;
  }
  return a.prerelease.size() <=> b.prerelease.size();
}

VersionRange VersionRange::parse(std::string_view text) {
  if (text.size() > kMaxRangeLength) fail(text, "longer than 256 characters");
  VersionRange range;
  const std::string_view trimmed = trim(text);
  range.text_ = std::string(trimmed);
  int comparators = 0;

  // Desugars one written comparator into at most two primitive ones. A
  // partial version (1.2) stands for a whole block (1.2.x), so each operator
  // picks the block edge that keeps its meaning.
  auto add = [](ComparatorSet& set, std::string_view op, const Partial& p) {
    const Version& v = p.version;
    const Comparator nothing{Op::Lt, lowest_prerelease(Version{})};  // no version is below 0.0.0-0
    if (op == "^" || op == "~" || op.empty() || op == "=") {
      if (p.given == 3 && (op.empty() || op == "=")) {
        set.push_back({Op::Eq, v});
      } else if (p.given > 0) {
        int at = p.given - 1;  // 1.2 is the block 1.2.x
        if (op == "~") at = p.given == 1 ? 0 : 1;
        if (op == "^") at = (v.major != 0 || p.given == 1) ? 0 : (v.minor != 0 || p.given == 2) ? 1 : 2;
        set.push_back({Op::Ge, v});
        set.push_back({Op::Lt, lowest_prerelease(bump(p, at))});
      }
    } else if (op == ">=") {
      if (p.given > 0) set.push_back({Op::Ge, v});
    } else if (op == ">") {
      if (p.given == 0)
        set.push_back(nothing);
      else if (p.given == 3)
        set.push_back({Op::Gt, v});
      else
        set.push_back({Op::Ge, bump(p, p.given - 1)});
    } else if (op == "<") {
      if (p.given == 0)
        set.push_back(nothing);
      else
        set.push_back({Op::Lt, p.given == 3 ? v : lowest_prerelease(v)});
    } else if (op == "<=") {
      if (p.given == 3)
        set.push_back({Op::Le, v});
      else if (p.given > 0)
        set.push_back({Op::Lt, lowest_prerelease(bump(p, p.given - 1))});
    }
  };

  std::size_t start = 0;
  for (;;) {
    const std::size_t bar = trimmed.find("||", start);
    const std::string_view alt =
        trim(trimmed.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (alt.empty() && (bar != std::string_view::npos || start != 0)) {
      fail(trimmed, "expected a version or comparator on both sides of '||'");
    }
    ComparatorSet set;
    for (std::size_t i = 0; i < alt.size();) {
      if (is_space(alt[i])) {
        ++i;
        continue;
      }
      const std::size_t op_start = i;
      if (alt.compare(i, 2, ">=") == 0 || alt.compare(i, 2, "<=") == 0) {
        i += 2;
      } else if (std::string_view("<>=^~").find(alt[i]) != std::string_view::npos) {
        i += 1;
      }
      const std::string_view op = alt.substr(op_start, i - op_start);
      while (i < alt.size() && is_space(alt[i])) ++i;
      const std::size_t token_start = i;
      while (i < alt.size() && !is_space(alt[i])) ++i;
      const std::string_view token = alt.substr(token_start, i - token_start);

      if (++comparators > kMaxComparators) fail(trimmed, "more than 32 comparators");
      const std::string quoted = "'" + excerpt(token) + "'";
      if (token.empty()) fail(trimmed, "expected a version like 1.2.3 after '" + std::string(op) + "'");
      bool too_large = false;
      const auto partial = parse_partial(token, &too_large);
      if (!partial) {
        if (too_large) fail(trimmed, quoted + " has a number above 999999999");
        if (!op.empty()) {
          fail(trimmed, "expected a version like 1.2.3 after '" + std::string(op) + "', found " + quoted);
        }
        if (token == "-") fail(trimmed, "hyphen ranges are not supported; write '>=1.0 <=2.0' instead");
        fail(trimmed, quoted + " is not a version or comparator (expected e.g. 1.2.3, ^1.2, >=1.0, 1.x or *)");
      }
      add(set, op, *partial);
    }
    range.alternatives_.push_back(std::move(set));
    if (bar == std::string_view::npos) break;
    start = bar + 2;
  }
  return range;
}

bool VersionRange::set_contains(const ComparatorSet& set, const Version& version) {
  for (const Comparator& c : set) {
    const auto order = version <=> c.version;
    const bool ok = c.op == Op::Eq   ? std::is_eq(order)
                    : c.op == Op::Lt ? std::is_lt(order)
                    : c.op == Op::Le ? std::is_lteq(order)
                    : c.op == Op::Gt ? std::is_gt(order)
                                     : std::is_gteq(order);
    if (!ok) return false;
  }
  if (version.prerelease.empty()) return true;
  return std::any_of(set.begin(), set.end(), [&](const Comparator& c) {
    return !c.version.prerelease.empty() && c.version.major == version.major && c.version.minor == version.minor &&
           c.version.patch == version.patch;
  });
}

bool VersionRange::contains(const Version& version) const {
  return std::any_of(alternatives_.begin(), alternatives_.end(),
                     [&](const ComparatorSet& set) { return set_contains(set, version); });
}

bool satisfies(std::string_view version, std::string_view range) {
  const auto v = Version::parse(version);
  if (!v) throw Error("invalid version '" + excerpt(version) + "': expected a version like 1.2.3 or 1.2.3-beta.1");
  return VersionRange::parse(range).contains(*v);
}

}  // namespace gb

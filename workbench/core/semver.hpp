// Semantic versions (SemVer 2.0.0) and npm/cargo-style version ranges, used to
// decide whether a version is one a consumer accepts.
//
// Range syntax:
//   1.2.3   =1.2.3        exactly that version
//   ^1.2.3  ^1.2  ^1      compatible: same left-most non-zero component
//                         (^0.2.3 := >=0.2.3 <0.3.0, ^0.0.3 := >=0.0.3 <0.0.4)
//   ~1.2.3  ~1.2  ~1      same minor (~1: same major)
//   >=1.0  >1  <=1.2  <2  comparators; missing parts act as wildcards, so
//                         <=1.2 admits every 1.2.x and >1 starts at 2.0.0
//   *  x  ""  1.x  1.2.*  wildcards (any release version)
//   >=1.0 <2.0            space-separated comparators must all hold
//   ^1.2 || ^2.0          alternatives: at least one must hold
// Whitespace may follow an operator (">= 1.0"). Build metadata is accepted and
// ignored. Hyphen ranges ("1.0 - 2.0") and empty alternatives ("1.x ||") are
// rejected rather than guessed at.
//
// Prereleases (npm rule): a prerelease such as 1.3.0-beta satisfies a set of
// space-separated comparators only if one of them itself names a prerelease of
// 1.3.0 (e.g. ">=1.3.0-alpha <1.4"). Opting into one unstable line must not
// silently admit every unstable release in the range, so "^1.2" rejects
// 1.3.0-beta and "*" matches release versions only.
//
// Limits against hostile input: range text of at most 256 characters and 32
// comparators; numeric components of at most 999999999 (so bumping one by one
// can never overflow).
#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gb {

inline constexpr int kMaxVersionComponent = 999999999;

struct Version {
  int major = 0;
  int minor = 0;
  int patch = 0;
  std::vector<std::string> prerelease;  // empty for a release; build metadata is dropped

  // Strict SemVer 2.0.0: no "v" prefix, no leading zeros in numeric parts, no
  // surrounding whitespace. nullopt for anything else.
  static std::optional<Version> parse(std::string_view text);
  std::string to_string() const;

  // SemVer precedence: a prerelease sorts before its release; numeric
  // prerelease identifiers compare numerically and before alphanumeric ones.
  friend std::strong_ordering operator<=>(const Version& a, const Version& b);
  friend bool operator==(const Version& a, const Version& b) = default;
};

class VersionRange {
 public:
  // Throws gb::Error naming the bad text and what was expected.
  static VersionRange parse(std::string_view text);

  bool contains(const Version& version) const;
  std::string to_string() const { return text_; }  // the original text, trimmed

 private:
  enum class Op { Eq, Lt, Le, Gt, Ge };
  struct Comparator {
    Op op = Op::Eq;
    Version version;
  };
  using ComparatorSet = std::vector<Comparator>;  // all must hold; empty = any release

  VersionRange() = default;
  static bool set_contains(const ComparatorSet& set, const Version& version);

  std::string text_;
  std::vector<ComparatorSet> alternatives_;  // any may hold
};

// Throws gb::Error if either the version or the range is malformed.
bool satisfies(std::string_view version, std::string_view range);

}  // namespace gb

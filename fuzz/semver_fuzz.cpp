// Fuzz target: the semantic version and version range parsers
// (core/semver), which read the `version` and `requires` of every pack
// manifest. Input: range text, a newline, version text.
//
// Invariants: parsing never crashes and fails only with gb::Error; a parsed
// version prints back to text that parses to the same version; a range
// accepts no prerelease unless it names one (the npm rule) when it is one of
// the plain forms; contains() never throws.
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "core/semver.hpp"
#include "fuzz_support.hpp"

namespace {
constexpr const char* kTarget = "semver";

void check_version(std::string_view text) {
  const auto v = gb::Version::parse(text);
  if (!v) return;
  const std::string printed = v->to_string();
  const auto again = gb::Version::parse(printed);
  GBFUZZ_CHECK(kTarget, again.has_value(),
               "'" + printed + "' (printed from '" + std::string(text) + "') does not parse");
  GBFUZZ_CHECK(kTarget, *again == *v, "'" + std::string(text) + "' -> '" + printed + "' is another version");
  GBFUZZ_CHECK(kTarget, (*again <=> *v) == 0, "ordering disagrees with equality for '" + printed + "'");
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = gbfuzz::as_view(data, size);
  const auto nl = in.find('\n');
  const std::string_view range_text = in.substr(0, nl);
  const std::string_view version_text = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  check_version(range_text);
  check_version(version_text);
  try {
    const gb::VersionRange r = gb::VersionRange::parse(range_text);
    // A range that parses prints back to text that parses again.
    (void)gb::VersionRange::parse(r.to_string());
    if (const auto v = gb::Version::parse(version_text)) {
      const bool in_range = r.contains(*v);
      GBFUZZ_CHECK(kTarget, in_range == gb::satisfies(version_text, range_text),
                   "contains() and satisfies() disagree on '" + std::string(version_text) + "' in '" +
                       std::string(range_text) + "'");
      if (in_range && !v->prerelease.empty())
        GBFUZZ_CHECK(kTarget, range_text.find('-') != std::string_view::npos,
                     "'" + std::string(range_text) + "' names no prerelease but accepts " + v->to_string());
    }
  } catch (const gb::Error&) {
    // A malformed range: refused with a message, which is what must happen.
  }
  return 0;
}

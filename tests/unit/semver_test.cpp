#include "core/semver.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"

using namespace gb;

namespace {
Version v(const char* text) {
  auto parsed = Version::parse(text);
  REQUIRE(parsed);
  return *parsed;
}
bool in(const char* range, const char* version) {
  return VersionRange::parse(range).contains(v(version));
}
}  // namespace

TEST_CASE("valid versions parse into their components", "[semver]") {
  const Version a = v("1.2.3");
  CHECK(a.major == 1);
  CHECK(a.minor == 2);
  CHECK(a.patch == 3);
  CHECK(a.prerelease.empty());

  const Version b = v("0.0.0-beta.1");
  CHECK(b.major == 0);
  CHECK(b.prerelease == std::vector<std::string>{"beta", "1"});

  CHECK(v("1.0.0-x-y-z.--").prerelease == std::vector<std::string>{"x-y-z", "--"});
  CHECK(v("1.2.3-0").prerelease == std::vector<std::string>{"0"});
  CHECK(v("999999999.0.0").major == 999999999);
}

TEST_CASE("build metadata is accepted and ignored", "[semver]") {
  CHECK(v("1.2.3+build.5").to_string() == "1.2.3");
  CHECK(v("1.2.3-rc.1+exp.sha.5114f85").to_string() == "1.2.3-rc.1");
  CHECK(v("1.0.0+001") == v("1.0.0"));  // leading zeros are fine in build metadata
  CHECK(v("1.0.0+20130313144700") == v("1.0.0+other"));
}

TEST_CASE("to_string round-trips versions without build metadata", "[semver]") {
  for (const char* text : {"0.0.0", "1.2.3", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7",
                           "1.0.0-x.7.z.92", "999999999.999999999.999999999"}) {
    CHECK(v(text).to_string() == text);
  }
}

TEST_CASE("malformed versions are rejected", "[semver]") {
  for (const char* text : {"",
                           "1",
                           "1.2",
                           "1.2.3.4",
                           "v1.2.3",
                           "V1.2.3",
                           "01.2.3",
                           "1.02.3",
                           "1.2.03",
                           "-1.2.3",
                           "1.-2.3",
                           "1.2.-3",
                           " 1.2.3",
                           "1.2.3 ",
                           "1.2.3-",
                           "1.2.3+",
                           "1.2.3-beta..1",
                           "1.2.3-01",
                           "1.2.3-beta_1",
                           "1.2.3+build..5",
                           "1.2.3+b@d",
                           "1..3",
                           "1.2.",
                           ".1.2",
                           "a.b.c",
                           "1.2.x",
                           "1.2.*",
                           "1.2.3-beta+",
                           "+1.2.3",
                           "1.2.3-Ω",
                           "1000000000.0.0",
                           "0.1000000000.0",
                           "0.0.99999999999999999999",
                           "1.2.3\n"}) {
    INFO("version text: '" << text << "'");
    CHECK_FALSE(Version::parse(text));
  }
}

TEST_CASE("precedence follows the SemVer spec example chain", "[semver]") {
  const std::vector<const char*> chain = {"1.0.0-alpha",  "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                                          "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",       "1.0.0"};
  for (std::size_t i = 0; i < chain.size(); ++i) {
    for (std::size_t j = 0; j < chain.size(); ++j) {
      INFO(chain[i] << " vs " << chain[j]);
      CHECK((v(chain[i]) < v(chain[j])) == (i < j));
      CHECK((v(chain[i]) == v(chain[j])) == (i == j));
    }
  }
}

TEST_CASE("precedence compares numbers numerically and releases after prereleases", "[semver]") {
  CHECK(v("1.0.0") < v("2.0.0"));
  CHECK(v("2.0.0") < v("2.1.0"));
  CHECK(v("2.1.0") < v("2.1.1"));
  CHECK(v("1.9.0") < v("1.10.0"));                                            // not string order
  CHECK(v("1.0.0-2") < v("1.0.0-10"));                                        // numeric identifiers compare numerically
  CHECK(v("1.0.0-99999999999999999999") < v("1.0.0-100000000000000000000"));  // even when huge
  CHECK(v("1.0.0-999") < v("1.0.0-a"));                                       // numeric before alphanumeric
  CHECK(v("1.0.0-B") < v("1.0.0-a"));                                         // alphanumeric compares in ASCII order
  CHECK(v("1.0.0-rc.1") < v("1.0.0"));
  CHECK(v("1.0.0") < v("1.0.1-alpha"));
  CHECK(v("1.0.0-0") < v("1.0.0-0.0"));
  CHECK((v("1.2.3") <=> v("1.2.3+build")) == std::strong_ordering::equal);
  CHECK(v("1.2.3") >= v("1.2.3"));
}

TEST_CASE("exact ranges match only that version", "[semver]") {
  CHECK(in("1.2.3", "1.2.3"));
  CHECK(in("=1.2.3", "1.2.3"));
  CHECK(in("= 1.2.3", "1.2.3"));
  CHECK(in("1.2.3", "1.2.3+build.7"));
  CHECK_FALSE(in("1.2.3", "1.2.4"));
  CHECK_FALSE(in("1.2.3", "1.2.2"));
  CHECK_FALSE(in("=1.2.3", "1.2.3-beta"));
  CHECK(in("1.2.3-beta.1", "1.2.3-beta.1"));
  CHECK_FALSE(in("1.2.3-beta.1", "1.2.3-beta.2"));
}

TEST_CASE("caret ranges stay within the left-most non-zero component", "[semver]") {
  SECTION("^1.2.3") {
    CHECK(in("^1.2.3", "1.2.3"));
    CHECK(in("^1.2.3", "1.9.9"));
    CHECK_FALSE(in("^1.2.3", "1.2.2"));
    CHECK_FALSE(in("^1.2.3", "2.0.0"));
  }
  SECTION("^1.2") {
    CHECK(in("^1.2", "1.2.0"));
    CHECK(in("^1.2", "1.9.9"));
    CHECK_FALSE(in("^1.2", "2.0.0"));
    CHECK_FALSE(in("^1.2", "1.1.9"));
  }
  SECTION("^1") {
    CHECK(in("^1", "1.0.0"));
    CHECK(in("^1", "1.99.99"));
    CHECK_FALSE(in("^1", "0.9.9"));
    CHECK_FALSE(in("^1", "2.0.0"));
  }
  SECTION("^0.2.3 is >=0.2.3 <0.3.0") {
    CHECK(in("^0.2.3", "0.2.3"));
    CHECK(in("^0.2.3", "0.2.99"));
    CHECK_FALSE(in("^0.2.3", "0.2.2"));
    CHECK_FALSE(in("^0.2.3", "0.3.0"));
    CHECK_FALSE(in("^0.2.3", "1.0.0"));
  }
  SECTION("^0.0.3 is >=0.0.3 <0.0.4") {
    CHECK(in("^0.0.3", "0.0.3"));
    CHECK_FALSE(in("^0.0.3", "0.0.4"));
    CHECK_FALSE(in("^0.0.3", "0.0.2"));
  }
  SECTION("partial zero carets") {
    CHECK(in("^0.2", "0.2.0"));
    CHECK_FALSE(in("^0.2", "0.3.0"));
    CHECK(in("^0.0", "0.0.9"));
    CHECK_FALSE(in("^0.0", "0.1.0"));
    CHECK(in("^0", "0.9.9"));
    CHECK_FALSE(in("^0", "1.0.0"));
  }
  SECTION("whitespace after the operator") {
    CHECK(in("^ 1.2", "1.5.0"));
  }
}

TEST_CASE("tilde ranges stay within the minor version", "[semver]") {
  CHECK(in("~1.2.3", "1.2.3"));
  CHECK(in("~1.2.3", "1.2.99"));
  CHECK_FALSE(in("~1.2.3", "1.2.2"));
  CHECK_FALSE(in("~1.2.3", "1.3.0"));
  CHECK(in("~1.2", "1.2.0"));
  CHECK(in("~1.2", "1.2.9"));
  CHECK_FALSE(in("~1.2", "1.3.0"));
  CHECK_FALSE(in("~1.2", "1.1.9"));
  CHECK(in("~1", "1.0.0"));
  CHECK(in("~1", "1.9.9"));
  CHECK_FALSE(in("~1", "2.0.0"));
  CHECK_FALSE(in("~1", "0.9.9"));
  CHECK(in("~0.2.3", "0.2.5"));
  CHECK_FALSE(in("~0.2.3", "0.3.0"));
}

TEST_CASE("comparators fill missing components as wildcards", "[semver]") {
  CHECK(in(">=1.0", "1.0.0"));
  CHECK_FALSE(in(">=1.0", "0.9.9"));
  CHECK(in(">= 1.0", "3.0.0"));
  CHECK(in(">1.2.3", "1.2.4"));
  CHECK_FALSE(in(">1.2.3", "1.2.3"));
  CHECK(in(">1.2", "1.3.0"));  // beyond every 1.2.x
  CHECK_FALSE(in(">1.2", "1.2.9"));
  CHECK(in(">1", "2.0.0"));
  CHECK_FALSE(in(">1", "1.9.9"));
  CHECK(in("<2", "1.9.9"));
  CHECK_FALSE(in("<2", "2.0.0"));
  CHECK(in("<1.2.3", "1.2.2"));
  CHECK_FALSE(in("<1.2.3", "1.2.3"));
  CHECK(in("<=1.2.3", "1.2.3"));
  CHECK_FALSE(in("<=1.2.3", "1.2.4"));
  CHECK(in("<=1.2", "1.2.99"));  // any 1.2.x
  CHECK_FALSE(in("<=1.2", "1.3.0"));
  CHECK(in("<=1", "1.99.0"));
  CHECK_FALSE(in("<=1", "2.0.0"));
}

TEST_CASE("space-separated comparators must all hold", "[semver]") {
  CHECK(in(">=1.0 <2.0", "1.0.0"));
  CHECK(in(">=1.0 <2.0", "1.99.99"));
  CHECK_FALSE(in(">=1.0 <2.0", "2.0.0"));
  CHECK_FALSE(in(">=1.0 <2.0", "0.9.9"));
  CHECK(in("  >= 1.0   <  2.0  ", "1.5.0"));
  CHECK(in(">1.0.0 <=1.0.5", "1.0.5"));
  CHECK_FALSE(in(">1.0.0 <=1.0.5", "1.0.0"));
  CHECK_FALSE(in(">=2 <1", "1.5.0"));  // contradictory sets are legal but empty
}

TEST_CASE("alternatives separated by || are ORed", "[semver]") {
  CHECK(in("^1.2 || ^2.0", "1.5.0"));
  CHECK(in("^1.2 || ^2.0", "2.3.0"));
  CHECK_FALSE(in("^1.2 || ^2.0", "3.0.0"));
  CHECK_FALSE(in("^1.2 || ^2.0", "1.1.0"));
  CHECK(in("1.2.3||>=3 <4", "3.1.0"));
  CHECK(in("1.2.3||>=3 <4", "1.2.3"));
  CHECK_FALSE(in("1.2.3||>=3 <4", "4.0.0"));
  CHECK(in("<1 || >=2 <3 || 5.x", "5.4.0"));
}

TEST_CASE("wildcards match any release in their position", "[semver]") {
  for (const char* any : {"*", "x", "X", "", "   ", "x.x.x", "*.*"}) {
    INFO("range: '" << any << "'");
    CHECK(in(any, "0.0.0"));
    CHECK(in(any, "123.45.6"));
    CHECK_FALSE(in(any, "1.0.0-beta"));
  }
  CHECK(in("1.x", "1.0.0"));
  CHECK(in("1.x", "1.9.9"));
  CHECK_FALSE(in("1.x", "2.0.0"));
  CHECK_FALSE(in("1.x", "0.9.9"));
  CHECK(in("1.2.x", "1.2.0"));
  CHECK(in("1.2.*", "1.2.7"));
  CHECK_FALSE(in("1.2.x", "1.3.0"));
  CHECK_FALSE(in("1.2.X", "1.1.9"));
  CHECK(in("1", "1.4.0"));  // a bare partial is a wildcard too
  CHECK(in("1.2", "1.2.4"));
  CHECK_FALSE(in("1.2", "1.3.0"));
  CHECK(in(">=*", "7.0.0"));
  CHECK_FALSE(in(">*", "7.0.0"));
  CHECK_FALSE(in("<*", "0.0.0"));
}

TEST_CASE("prereleases only match ranges that name a prerelease of the same version", "[semver]") {
  CHECK_FALSE(in("^1.2", "1.3.0-beta"));
  CHECK_FALSE(in(">=1.0 <2.0", "1.5.0-rc.1"));
  CHECK_FALSE(in("1.x", "1.5.0-rc.1"));
  CHECK(in(">=1.3.0-alpha <1.4", "1.3.0-beta"));
  CHECK_FALSE(in(">=1.3.0-alpha <1.4", "1.3.1-beta"));  // different patch: not opted in
  CHECK(in(">=1.3.0-alpha <1.4", "1.3.5"));             // releases still match normally
  CHECK_FALSE(in(">=1.3.0-beta", "1.3.0-alpha"));       // opted in, but still below the bound
  CHECK(in("^1.2.3-beta.2", "1.2.3-beta.3"));
  CHECK(in("^1.2.3-beta.2", "1.2.3"));
  CHECK_FALSE(in("^1.2.3-beta.2", "1.2.3-beta.1"));
  CHECK_FALSE(in("^1.2.3-beta.2", "1.2.4-beta.1"));
  CHECK(in("~1.2.3-rc.1", "1.2.3-rc.2"));
  CHECK(in("^1.0 || >=2.0.0-rc.1 <2.0.0", "2.0.0-rc.2"));  // per alternative
  // An exclusive upper bound shuts out the bound's own prereleases too.
  CHECK_FALSE(in("<2", "2.0.0-alpha"));
  CHECK_FALSE(in("^1.2", "2.0.0-alpha"));
  CHECK_FALSE(in("<=1.2", "1.3.0-0"));
  CHECK_FALSE(in(">1.2", "1.3.0-0"));
  // ...even when the set opts into that version's prereleases: a partial bound
  // excludes the whole block, a full one only the release.
  CHECK_FALSE(in(">=2.0.0-alpha <2", "2.0.0-beta"));
  CHECK_FALSE(in(">=2.0.0-alpha ^1.2", "2.0.0-beta"));
  CHECK_FALSE(in(">=1.3.0-alpha <=1.2", "1.3.0-beta"));
  CHECK(in(">=2.0.0-alpha <2.0.0", "2.0.0-beta"));
}

TEST_CASE("to_string gives back the trimmed range text", "[semver]") {
  CHECK(VersionRange::parse("  >=1.0 <2.0 \t").to_string() == ">=1.0 <2.0");
  CHECK(VersionRange::parse("^1.2 || ~3.4.5").to_string() == "^1.2 || ~3.4.5");
  CHECK(VersionRange::parse("").to_string().empty());
}

TEST_CASE("bad ranges throw errors naming the text and what was expected", "[semver]") {
  using Catch::Contains;
  CHECK_THROWS_AS(VersionRange::parse("^1.x.y"), Error);
  CHECK_THROWS_WITH(VersionRange::parse("^1.x.y"),
                    Contains("invalid version range '^1.x.y'") && Contains("expected a version like 1.2.3 after '^'"));
  CHECK_THROWS_WITH(VersionRange::parse(">="), Contains("expected a version like 1.2.3 after '>='"));
  CHECK_THROWS_WITH(VersionRange::parse(">=1.0 <"), Contains("after '<'"));
  CHECK_THROWS_WITH(VersionRange::parse(">=>=1.0"), Contains("after '>='") && Contains("found '>=1.0'"));
  CHECK_THROWS_WITH(VersionRange::parse("~v1.2"), Contains("after '~'") && Contains("'v1.2'"));
  CHECK_THROWS_WITH(VersionRange::parse("banana"),
                    Contains("invalid version range 'banana'") && Contains("'banana' is not a version or comparator"));
  CHECK_THROWS_WITH(VersionRange::parse("1.2.3.4"), Contains("'1.2.3.4' is not a version"));
  CHECK_THROWS_WITH(VersionRange::parse("01.2.3"), Contains("'01.2.3' is not a version"));
  CHECK_THROWS_WITH(VersionRange::parse("1.x.3"), Contains("'1.x.3' is not a version"));
  CHECK_THROWS_WITH(VersionRange::parse("1.2-beta"), Contains("'1.2-beta' is not a version"));
  CHECK_THROWS_WITH(VersionRange::parse(">=1.0,<2.0"), Contains("'>=1.0,<2.0'"));
  CHECK_THROWS_WITH(VersionRange::parse("1.0 - 2.0"), Contains("hyphen ranges are not supported"));
  CHECK_THROWS_WITH(VersionRange::parse("^1 ||"), Contains("on both sides of '||'"));
  CHECK_THROWS_WITH(VersionRange::parse("|| ^1"), Contains("on both sides of '||'"));
  CHECK_THROWS_WITH(VersionRange::parse("^1 |||| ^2"), Contains("on both sides of '||'"));
  CHECK_THROWS_WITH(VersionRange::parse("^1 | ^2"), Contains("'|' is not a version"));
  CHECK_THROWS_WITH(VersionRange::parse("^1.1000000000"), Contains("'1.1000000000' has a number above 999999999"));
  CHECK_THROWS_WITH(VersionRange::parse("<=99999999999999999999999"), Contains("above 999999999"));
  CHECK_THROWS_WITH(VersionRange::parse("-1.0.0"), Contains("'-1.0.0' is not a version"));
}

TEST_CASE("hostile range input is refused by length and comparator count", "[semver]") {
  using Catch::Contains;
  const std::string long_text(257, '1');
  CHECK_THROWS_WITH(VersionRange::parse(long_text), Contains("longer than 256 characters"));
  CHECK_THROWS_WITH(VersionRange::parse(std::string(300, ' ')), Contains("longer than 256 characters"));
  try {
    VersionRange::parse(long_text);
  } catch (const Error& e) {
    CHECK(std::string(e.what()).size() < 120);  // the message quotes an excerpt, not the whole input
  }

  std::string many;
  for (int i = 0; i < 32; ++i) many += ">=1 ";
  CHECK(VersionRange::parse(many).contains(v("1.0.0")));
  CHECK_THROWS_WITH(VersionRange::parse(many + ">=1"), Contains("more than 32 comparators"));

  std::string alternatives;
  for (int i = 0; i < 33; ++i) alternatives += (i ? "||" : "") + std::to_string(i);
  REQUIRE(alternatives.size() <= 256);
  CHECK_THROWS_WITH(VersionRange::parse(alternatives), Contains("more than 32 comparators"));
}

TEST_CASE("satisfies checks a version string against a range string", "[semver]") {
  using Catch::Contains;
  CHECK(satisfies("1.4.2", "^1.2"));
  CHECK_FALSE(satisfies("2.0.0", "^1.2"));
  CHECK(satisfies("1.4.2+build.9", ">=1.4.2 <1.5"));
  CHECK_THROWS_AS(satisfies("1.4", "^1.2"), Error);
  CHECK_THROWS_WITH(satisfies("v1.4.2", "^1.2"),
                    Contains("invalid version 'v1.4.2'") && Contains("expected a version like 1.2.3"));
  CHECK_THROWS_WITH(satisfies("1.4.2", "^^1"), Contains("invalid version range '^^1'"));
}

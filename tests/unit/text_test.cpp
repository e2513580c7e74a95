#include "core/text.hpp"

#include <catch2/catch.hpp>

using namespace gb;

TEST_CASE("find_invalid_utf8 accepts valid text and finds the first bad byte", "[text]") {
  CHECK_FALSE(find_invalid_utf8("plain ascii, and more than eight bytes long"));
  CHECK_FALSE(find_invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  CHECK(find_invalid_utf8("abc\xE9 def") == std::optional<std::size_t>(3));   // cp1252 e-acute
  CHECK(find_invalid_utf8("\xC0\x80") == std::optional<std::size_t>(0));      // overlong NUL
  CHECK(find_invalid_utf8("\xED\xA0\x80") == std::optional<std::size_t>(0));  // surrogate
  CHECK(find_invalid_utf8("ok\xE2\x82") == std::optional<std::size_t>(2));    // truncated
}

TEST_CASE("cp1252 and latin1 convert to UTF-8", "[text]") {
  CHECK(to_utf8("caf\xE9", Encoding::Cp1252) == "caf\xC3\xA9");
  CHECK(to_utf8("\x80 5", Encoding::Cp1252) == "\xE2\x82\xAC 5");                // euro sign
  CHECK(to_utf8("\x93q\x94", Encoding::Cp1252) == "\xE2\x80\x9Cq\xE2\x80\x9D");  // curly quotes
  CHECK(to_utf8("\x80", Encoding::Latin1) == "\xC2\x80");
  CHECK(parse_encoding("Windows-1252") == Encoding::Cp1252);
  CHECK(parse_encoding("ISO-8859-1") == Encoding::Latin1);
  CHECK_FALSE(parse_encoding("utf-16"));
}

TEST_CASE("format_double reads back exactly and stays recognisably REAL", "[text]") {
  for (double v : {0.1, 51.455989, -0.043536, 1e300, 2.0, 1.0 / 3.0}) {
    const std::string s = format_double(v);
    CHECK(std::stod(s) == v);
  }
  CHECK(format_double(2.0) == "2.0");
}

TEST_CASE("JSON strings are escaped", "[text]") {
  std::string out;
  append_json_string(out, "a\"b\\c\nd\x01");
  CHECK(out == "\"a\\\"b\\\\c\\nd\\u0001\"");
}

TEST_CASE("parse_integer_cell and parse_real_cell read plain decimals only", "[text]") {
  CHECK(parse_integer_cell("42") == std::optional<std::int64_t>(42));
  CHECK(parse_integer_cell("-7") == std::optional<std::int64_t>(-7));
  CHECK(parse_integer_cell("+7") == std::optional<std::int64_t>(7));
  CHECK_FALSE(parse_integer_cell("007"));
  CHECK_FALSE(parse_integer_cell(" 1"));
  CHECK_FALSE(parse_integer_cell("99999999999999999999"));
  CHECK(parse_real_cell("2.5") == std::optional<double>(2.5));
  CHECK(parse_real_cell("1e+300") == std::optional<double>(1e300));
  CHECK_FALSE(parse_real_cell("inf"));
  CHECK_FALSE(parse_real_cell("007.5"));
  CHECK_FALSE(parse_real_cell("2021-12-31"));
}

TEST_CASE("nonblank_lines and record_lines: one place reads one-per-line text", "[unit][text]") {
  CHECK(gb::nonblank_lines("  Chair \r\n\n\t\nSecretary\nMember") ==
        std::vector<std::string>{"Chair", "Secretary", "Member"});
  CHECK(gb::nonblank_lines("").empty());
  const auto recs = gb::record_lines("# govbench pack lock 1\n\nbase 1.0.0 abc src\r\n   # indented comment\n  x y  ");
  REQUIRE(recs.size() == 2);
  CHECK(recs[0].number == 3);
  CHECK(recs[0].text == "base 1.0.0 abc src");  // the CR of a CRLF file is gone
  CHECK(recs[1].number == 5);
  CHECK(recs[1].text == "x y");
}

TEST_CASE("terminal_safe shows control characters and keeps text and CRLF", "[unit][text]") {
  using gb::terminal_safe;
  CHECK(terminal_safe("plain text, tab\tand\nnewline: caf\xc3\xa9 \xe2\x80\x94 ok") ==
        "plain text, tab\tand\nnewline: caf\xc3\xa9 \xe2\x80\x94 ok");
  CHECK(terminal_safe("\x1b[31mred\x07") == "\\x1B[31mred\\x07");
  CHECK(terminal_safe("over\rwrite\b\x7f") == "over\\x0Dwrite\\x08\\x7F");
  CHECK(terminal_safe("a,b\r\n1,2\r\n") == "a,b\r\n1,2\r\n");
  CHECK(terminal_safe("csi \xc2\x9b"
                      "2J, nbsp \xc2\xa0 kept") == "csi \\u009B2J, nbsp \xc2\xa0 kept");
  CHECK(terminal_safe("ends with CR\r") == "ends with CR\\x0D");
  // Fed byte by byte, the same result as at once.
  const std::string all = "x\xc2\x9b\r\n\r\x1b\xc2\xa0\xc2";
  gb::TerminalEscaper e;
  std::string pieces;
  for (char c : all) pieces += e.feed(std::string_view(&c, 1));
  pieces += e.finish();
  CHECK(pieces == terminal_safe(all));
}

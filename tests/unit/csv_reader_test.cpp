#include "data/csv_reader.hpp"

#include <catch2/catch.hpp>

using namespace gb;
using namespace gb::data;

namespace {
std::vector<std::vector<std::string>> read_all(const std::string& bytes, Encoding enc = Encoding::Utf8) {
  CsvReader r("t.csv", bytes, enc);
  std::vector<std::vector<std::string>> out;
  std::vector<CsvField> f;
  while (r.next(f)) {
    std::vector<std::string> row;
    for (const auto& x : f) row.emplace_back(x.text);
    out.push_back(row);
  }
  return out;
}
using Rows = std::vector<std::vector<std::string>>;
}  // namespace

TEST_CASE("CSV: quoting, doubled quotes and embedded line breaks", "[csv]") {
  CHECK(read_all("a,b\n\"x,1\",\"say \"\"hi\"\"\"\n") == Rows{{"a", "b"}, {"x,1", "say \"hi\""}});
  CHECK(read_all("a\n\"two\nlines\"\n") == Rows{{"a"}, {"two\nlines"}});
  CHECK(read_all("a,b\n,\n") == Rows{{"a", "b"}, {"", ""}});
}

TEST_CASE("CSV: LF, CRLF and lone CR line endings, BOM, no final newline", "[csv]") {
  const Rows want{{"a", "b"}, {"1", "2"}};
  CHECK(read_all("a,b\n1,2\n") == want);
  CHECK(read_all("a,b\r\n1,2\r\n") == want);
  CHECK(read_all("a,b\r1,2\r") == want);
  CHECK(read_all("\xEF\xBB\xBF"
                 "a,b\n1,2") == want);
  CHECK(read_all("a,b\n\n1,2\n\n") == want);  // empty lines are skipped
}

TEST_CASE("CSV: an unterminated quote is located at its opening quote", "[csv]") {
  try {
    read_all("a,b\n1,2\n3,\"oops\n4,5\n");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.where().file == "t.csv");
    CHECK(e.where().line == 3);
    CHECK(e.where().column == 3);
    CHECK_THAT(e.what(), Catch::StartsWith("t.csv:3:3: unterminated quoted field"));
  }
}

TEST_CASE("CSV: text after a closing quote is an error", "[csv]") {
  CHECK_THROWS_WITH(read_all("a\n\"x\"y\n"), Catch::StartsWith("t.csv:2:4: unexpected character 'y'"));
}

TEST_CASE("CSV: invalid UTF-8 names line and column and suggests --encoding", "[csv]") {
  try {
    read_all("name,town\nJos\xE9,Leeds\n");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.where().line == 2);
    CHECK(e.where().column == 4);
    CHECK_THAT(e.what(), Catch::Contains("not valid UTF-8") && Catch::Contains("--encoding cp1252"));
  }
  CHECK(read_all("name\nJos\xE9\n", Encoding::Cp1252) == Rows{{"name"}, {"Jos\xC3\xA9"}});
}

TEST_CASE("CSV: columns are counted in characters, not bytes", "[csv]") {
  CsvReader r("t.csv", "\xC3\xA9\xC3\xA9,x\n", Encoding::Utf8);
  std::vector<CsvField> f;
  REQUIRE(r.next(f));
  CHECK(r.locate(f[1].offset).column == 4);
}

TEST_CASE("CSV: UTF-16 and UTF-32 files are named as such at 1:1", "[csv]") {
  CHECK_THROWS_WITH(read_all(std::string("\xFF\xFE"
                                         "a\0,\0b\0",
                                         8)),
                    "t.csv:1:1: the file is UTF-16; save it as CSV UTF-8 (in Excel: Save As, \"CSV UTF-8\")");
  CHECK_THROWS_WITH(read_all(std::string("\xFE\xFF\0a", 4)), Catch::StartsWith("t.csv:1:1: the file is UTF-16;"));
  CHECK_THROWS_WITH(read_all(std::string("\xFF\xFE\0\0"
                                         "a\0\0\0",
                                         8)),
                    Catch::StartsWith("t.csv:1:1: the file is UTF-32;"));
  // Whatever encoding is named.
  CHECK_THROWS_WITH(read_all(std::string("\xFF\xFE"
                                         "a\0",
                                         4),
                             Encoding::Cp1252),
                    Catch::StartsWith("t.csv:1:1: the file is UTF-16;"));
}

TEST_CASE("CSV: a NUL byte is refused with its location", "[csv]") {
  CHECK_THROWS_WITH(read_all(std::string("a,b\n1,x\0y\n", 10)),
                    Catch::StartsWith("t.csv:2:4: a NUL byte: the file may be UTF-16 or binary"));
  CHECK_THROWS_WITH(read_all(std::string("a\n\0", 3), Encoding::Latin1), Catch::StartsWith("t.csv:2:1: a NUL byte"));
}

TEST_CASE("CSV: after a byte order mark columns on line 1 count from the first character", "[csv]") {
  try {
    read_all(
        "\xEF\xBB\xBF"
        "ab\xFF,c\n");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.where().line == 1);
    CHECK(e.where().column == 3);
  }
}

TEST_CASE("CSV: in a one-column file empty lines are records", "[csv]") {
  CHECK(read_all("v\n\nx\n\n") == Rows{{"v"}, {""}, {"x"}, {""}});
  CHECK(read_all("v\r\n\r\n") == Rows{{"v"}, {""}});
  CHECK(read_all("v\nx\n") == Rows{{"v"}, {"x"}});    // the last line break ends a record, no more
  CHECK(read_all("\n\nv\nx") == Rows{{"v"}, {"x"}});  // empty lines before the first record are skipped
  CsvReader r("t.csv", "v\n\n", Encoding::Utf8);
  std::vector<CsvField> f;
  REQUIRE(r.next(f));
  REQUIRE(r.next(f));
  REQUIRE(f.size() == 1);
  CHECK_FALSE(f[0].quoted);
  CHECK_FALSE(r.next(f));
  r.rewind();  // rewinding reads the same records again
  REQUIRE(r.next(f));
  REQUIRE(r.next(f));
  CHECK(f[0].text.empty());
  CHECK_FALSE(r.next(f));
}

TEST_CASE("CSV: unquoted fields of every length up to 20 bytes split at commas and each line ending", "[csv]") {
  // The splitter reads eight bytes at a time: fields end at each position
  // of a word, and at the very end of the buffer.
  for (const char* eol : {"\n", "\r\n", "\r"}) {
    for (std::size_t len = 0; len <= 20; ++len) {
      const std::string a(len, 'a'), b(20 - len, 'b');
      const bool final_eol = len % 2 == 0;  // with and without a line end after the last record
      const std::string bytes = "h1,h2" + std::string(eol) + a + "," + b + eol + b + "," + a + eol + a + "," + b +
                                (final_eol ? std::string(eol) : std::string());
      INFO("len " << len << " eol " << (eol[0] == '\n' ? "LF" : eol[1] ? "CRLF" : "CR"));
      CHECK(read_all(bytes) == Rows{{"h1", "h2"}, {a, b}, {b, a}, {a, b}});
    }
  }
  // Text with bytes above 0x7F (UTF-8) does not confuse the byte search.
  CHECK(read_all("k,v\n\xC3\xA9t\xC3\xA9 \xE2\x80\x94 long text,\xE2\x82\xAC"
                 "12\n") == Rows{{"k", "v"},
                                 {"\xC3\xA9t\xC3\xA9 \xE2\x80\x94 long text",
                                  "\xE2\x82\xAC"
                                  "12"}});
}

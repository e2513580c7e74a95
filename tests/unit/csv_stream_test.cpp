// The CSV reader streams (issue 16, finding 9): records that cross the
// reader's chunks read as if the file were whole, errors past the first
// chunk name the right line, and input that is not CSV (NUL bytes, a cell
// or row past the limits, a pipe too long to keep) is refused early.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

#include "data/csv_import.hpp"
#include "data/csv_reader.hpp"
#include "data/migrations.hpp"
#include "support.hpp"

using namespace gb;
using namespace gb::data;

namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows read_all(CsvReader& r) {
  Rows out;
  std::vector<CsvField> f;
  while (r.next(f)) {
    std::vector<std::string> row;
    for (const auto& x : f) row.emplace_back(x.text);
    out.push_back(row);
  }
  return out;
}

Rows read_bytes(const std::string& bytes, Encoding enc = Encoding::Utf8) {
  CsvReader r("t.csv", bytes, enc);
  return read_all(r);
}

// A file whose byte at `at` starts `snippet`: a header, then rows of x's
// padding up to it, then the snippet, then a last row.
std::string placed(std::size_t at, const std::string& snippet, std::size_t* padding_rows = nullptr) {
  std::string s = "k,v\n";
  std::size_t rows = 0;
  while (s.size() + 2000 < at) {
    s += "p," + std::string(1000, 'x') + "\n";
    ++rows;
  }
  s += "p," + std::string(at - s.size() - 3, 'x') + "\n";  // "p," and "\n" around it
  ++rows;
  REQUIRE(s.size() == at);
  if (padding_rows) *padding_rows = rows;
  return s + snippet + "z,last\n";
}

Db fresh() {
  Db db = Db::open_memory();
  migrate(db);
  return db;
}

ImportOptions opts(const std::string& table) {
  ImportOptions o;
  o.table = table;
  return o;
}

}  // namespace

TEST_CASE("CSV: a record across the reader's chunks reads as in one piece", "[csv][stream]") {
  constexpr std::size_t chunk = CsvReader::kChunkBytes;
  struct Case {
    const char* what;
    std::string snippet;
    std::vector<std::string> row;
  };
  const std::vector<Case> cases = {
      {"CRLF", "a,b\r\n", {"a", "b"}},
      {"lone CR", "a,b\r", {"a", "b"}},
      {"a doubled quote", "\"say \"\"hi\"\"\",b\n", {"say \"hi\"", "b"}},
      {"a quoted CRLF", "\"one\r\ntwo\",b\n", {"one\r\ntwo", "b"}},
      {"a euro sign",
       "\xE2\x82\xAC"
       "12,\xF0\x9F\x98\x80\n",
       {"\xE2\x82\xAC"
        "12",
        "\xF0\x9F\x98\x80"}},
  };
  for (const Case& c : cases) {
    // The snippet's bytes fall on each side of the first chunk's end.
    for (std::size_t back = 0; back <= c.snippet.size(); ++back) {
      INFO(c.what << ", " << back << " bytes before the chunk's end");
      std::size_t padding = 0;
      const std::string bytes = placed(chunk - back, c.snippet, &padding);
      const Rows rows = read_bytes(bytes);
      REQUIRE(rows.size() == padding + 3);
      CHECK(rows[padding + 1] == c.row);
      CHECK(rows.back() == std::vector<std::string>{"z", "last"});
    }
  }
}

TEST_CASE("CSV: a random file reads the same streamed in chunks as whole", "[csv][stream]") {
  // About 5 MiB of records with every kind of field, line ending and
  // multi-byte character, so that chunk ends fall everywhere.
  std::uint32_t seed = 12345;
  auto rnd = [&](std::uint32_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  };
  const std::vector<std::string> pieces = {"a", "bc", " ", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "7", "x y"};
  const char* eols[] = {"\n", "\r\n", "\r"};
  std::string bytes = "h1,h2,h3\n";
  Rows want{{"h1", "h2", "h3"}};
  while (bytes.size() < 5u << 20) {
    std::vector<std::string> row;
    std::string line;
    for (int c = 0; c < 3; ++c) {
      std::string text;
      const auto len = rnd(40);
      for (std::uint32_t i = 0; i < len; ++i) text += pieces[rnd(static_cast<std::uint32_t>(pieces.size()))];
      if (rnd(3) == 0) {
        // Quoted: with quotes, commas and line breaks inside.
        if (rnd(2)) text += "\"\r\n,\"";
        std::string quoted = "\"";
        for (char ch : text) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        line += quoted + "\"";
      } else {
        line += text;
      }
      row.push_back(text);
      if (c < 2) line += ",";
    }
    bytes += line + eols[rnd(3)];
    want.push_back(row);
  }
  CHECK(read_bytes(bytes) == want);
  // And from a file, rewound and read again.
  gbtest::TempDir dir;
  gbtest::write_file(dir / "r.csv", bytes);
  CsvReader r(dir / "r.csv", Encoding::Utf8);
  CHECK(read_all(r) == want);
  r.rewind();
  CHECK(read_all(r) == want);
}

TEST_CASE("CSV: errors past the first chunk name their line and column", "[csv][stream]") {
  // 300,000 lines (about 3 MiB), with line endings of each kind.
  for (const char* eol : {"\n", "\r\n", "\r"}) {
    INFO("line ending " << (eol[0] == '\n' ? "LF" : eol[1] ? "CRLF" : "CR"));
    std::string bytes = std::string("a,b") + eol;
    for (int i = 2; i < 250000; ++i) bytes += "1," + std::to_string(i) + eol;
    const std::string ok = bytes;
    bytes += std::string("1,\xE9t\xE9") + eol + "2,3" + eol;  // line 250,000: bad UTF-8 at column 3
    CHECK_THROWS_WITH(read_bytes(bytes), Catch::StartsWith("t.csv:250000:3: the file is not valid UTF-8"));
    Db db = fresh();
    CHECK_THROWS_WITH(import_csv_bytes(db, "t.csv", ok + "1,2,3" + eol, opts("t")),
                      Catch::StartsWith("t.csv:250000:5: this row has 3 fields but the header has 2"));
    CHECK_FALSE(db.table_exists("t"));
  }
}

TEST_CASE("CSV: a cell longer than 1 MiB is refused at its line", "[csv][stream]") {
  const std::string big(CsvReader::kMaxFieldBytes + 1, 'x');
  CHECK_THROWS_WITH(read_bytes("a,b\n1,2\n3," + big + "\n"),
                    Catch::StartsWith("t.csv:3:3: this field is longer than 1 MiB, the most one cell may hold"));
  // Quoted, or a quote never closed: named at the quote.
  CHECK_THROWS_WITH(read_bytes("a,b\n1,\"" + big + "\"\n"),
                    Catch::StartsWith("t.csv:2:3: the quoted field that starts here is longer than 1 MiB") &&
                        Catch::Contains("check that its closing quote is there"));
  CHECK_THROWS_WITH(read_bytes("a,b\n1,\"oops\n" + std::string(3u << 20, 'y') + "\n"),
                    Catch::StartsWith("t.csv:2:3: the quoted field that starts here is longer than 1 MiB"));
  // Exactly 1 MiB is a cell.
  const std::string most(CsvReader::kMaxFieldBytes, 'x');
  CHECK(read_bytes("a\n" + most + "\n") == Rows{{"a"}, {most}});
}

TEST_CASE("CSV: a row longer than 16 MiB is refused at its line", "[csv][stream]") {
  std::string row;
  for (int i = 0; i < 17; ++i) row += (i ? "," : "") + std::string(1000000, 'a' + static_cast<char>(i));
  std::string header;
  for (int i = 0; i < 17; ++i) header += (i ? ",c" : "c") + std::to_string(i);
  CHECK_THROWS_WITH(read_bytes(header + "\n" + header + "\n" + row + "\n"),
                    Catch::StartsWith("t.csv:3:1: this record is longer than 16 MiB, the most one row may hold"));
}

TEST_CASE("CSV: a file that changes between the reader's passes is refused", "[csv][stream]") {
  gbtest::TempDir dir;
  gbtest::write_file(dir / "c.csv", "a,b\n1,2\n");
  CsvReader r(dir / "c.csv", Encoding::Utf8);
  CHECK(read_all(r).size() == 2);
  {
    std::ofstream more(dir / "c.csv", std::ios::app);
    more << "3,4\n";
  }
  CHECK_THROWS_WITH(r.rewind(), Catch::Contains("c.csv: changed while it was being imported"));
}

TEST_CASE("import refuses /dev/zero and /dev/urandom at once with their first bad byte", "[import][stream]") {
  Db db = fresh();
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(import_csv(db, "/dev/zero", opts("z")),
                    Catch::StartsWith("/dev/zero:1:1: a NUL byte: the file may be UTF-16 or binary, not CSV text"));
  CHECK_THROWS_WITH(import_csv(db, "/dev/urandom", opts("u")), Catch::StartsWith("/dev/urandom:"));
  ImportOptions latin = opts("u");
  latin.encoding = Encoding::Latin1;  // every byte is a character: refused at the first NUL
  CHECK_THROWS_WITH(import_csv(db, "/dev/urandom", latin), Catch::Contains(": a NUL byte"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  CHECK_THROWS_WITH(preview_csv("/dev/zero", opts("z"), 20), Catch::StartsWith("/dev/zero:1:1: a NUL byte"));
}

TEST_CASE("import reads a FIFO once and keeps it for the second pass", "[import][stream]") {
  gbtest::TempDir dir;
  const auto fifo = dir / "in.csv";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // 3,000 rows: more than the rows read for the types, so the rows are read
  // again from what was kept; a code column turns to text at row 2,500, so
  // they are read a third time.
  std::string csv = "id,code\n";
  for (int i = 1; i <= 3000; ++i)
    csv += std::to_string(i) + "," + (i == 2500 ? std::string("X1") : std::to_string(i)) + "\n";
  // Should the import stop early, the writer's next write fails (EPIPE)
  // rather than ending the test run.
  struct IgnorePipe {
    void (*old)(int) = ::signal(SIGPIPE, SIG_IGN);
    ~IgnorePipe() { ::signal(SIGPIPE, old); }
  } ignore_pipe;
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    out << csv;
  });
  Db db = fresh();
  ImportReport r;
  try {
    r = import_csv(db, fifo, opts("f"));
  } catch (...) {
    writer.join();
    throw;
  }
  writer.join();
  CHECK(r.rows == 3000);
  REQUIRE(r.columns.size() == 2);
  CHECK(r.columns[1].type == ColumnType::Text);
  Statement st = db.prepare("SELECT count(*), sum(id) FROM f");
  REQUIRE(st.step());
  CHECK(st.column_int(0) == 3000);
  CHECK(st.column_int(1) == 3000 * 3001 / 2);
}

TEST_CASE("a column mapping file that is not text or too long is refused before it is read whole", "[import][stream]") {
  CHECK_THROWS_WITH(read_column_mapping("/dev/zero"),
                    "/dev/zero:1: a NUL byte: this is not text, so not a column mapping file");
  gbtest::TempDir dir;
  gbtest::write_file(dir / "map.txt", std::string((1u << 20) + 1, '#'));
  CHECK_THROWS_WITH(
      read_column_mapping(dir / "map.txt"),
      Catch::EndsWith("map.txt: is longer than 1 MiB, too long for a column mapping file; is it the right file?"));
}

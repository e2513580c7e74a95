// The layers hold (issue 17), read from the source tree itself:
//  - workbench/ui and workbench/app include from data/ only the read-only
//    headers listed below (kReadOnlyDataHeaders), and name (data::X) only
//    what those headers declare: every write and every SQL statement comes
//    from the engine (or from data through it);
//  - workbench/ui and workbench/app hold no SQL text the program runs;
//  - workbench/export includes only core/ (and itself);
//  - ImGui (and GLFW) only in workbench/ui;
//  - no C++ source file (workbench/, tests/, fuzz/, bench/) over 800 lines.
//
// SQL text: a string literal (adjacent literals taken together) that reads
// as an SQL statement: SELECT ... FROM, INSERT INTO, REPLACE INTO,
// UPDATE x SET, DELETE FROM, CREATE/DROP TABLE, VIEW, INDEX or TRIGGER,
// ALTER TABLE, ATTACH DATABASE (these in any case), PRAGMA, or a literal
// that starts with a statement's first word in capitals (SELECT, WITH,
// INSERT, BEGIN, COMMIT, ...) or with "select ... from" in lower case.
// SQL shown to people and never run (a command's --help, the console's help,
// the window's examples) is marked so: a comment holding
// "sql: shown, not run" marks the literals from there to the end of the
// statement (the next ';'), and those on its own line.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// The data headers the window and the CLI may include, and why each writes
// nothing to a database. A header listed here that does not exist (yet) is
// simply not used.
struct ReadOnlyHeader {
  const char* header;
  const char* why;
};
const ReadOnlyHeader kReadOnlyDataHeaders[] = {
    {"data/db.hpp", "the connection and value types (Db, Statement, Value, OpenMode): it runs only SQL handed to it"},
    {"data/describe.hpp", "reads a table: its columns, counts, examples, row count and first rows"},
    {"data/real_dates.hpp", "reads the stored dates that do not exist (check --db)"},
    {"data/export.hpp", "reads the database and writes a file, never the database"},
    {"data/import_model.hpp", "a CSV import's options and report, and its preview: reads a file, writes nothing"},
    {"data/schema_inspect.hpp", "reads what the schema holds that the migrations did not make (check --db)"},
    {"data/edit_model.hpp", "the edits' types and reads (the edit path that writes them is in the engine)"},
    {"data/session_model.hpp", "review sessions' types and reads (their writes go through the engine)"},
    {"data/scenario_model.hpp", "what-if scenarios' types and reads (their writes go through the engine)"},
    {"data/team_model.hpp", "a team replica's types and reads (its writes go through workbench/team)"},
};

constexpr const char* kShownMarker = "sql: shown, not run";
constexpr std::size_t kMaxLines = 800;

const fs::path& root() {
  static const fs::path r = fs::path(GOVBENCH_SOURCE_DIR);
  return r;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool is_cpp(const fs::path& p) {
  const auto e = p.extension().string();
  return e == ".cpp" || e == ".hpp" || e == ".h" || e == ".c" || e == ".cc";
}

// Every C++ file under `dir` (relative to the root, '/'-separated), sorted.
std::vector<std::string> cpp_files(const std::string& dir) {
  std::vector<std::string> out;
  const fs::path base = root() / dir;
  if (!fs::is_directory(base)) return out;
  for (const auto& e : fs::recursive_directory_iterator(base))
    if (e.is_regular_file() && is_cpp(e.path())) out.push_back(fs::relative(e.path(), root()).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

struct Literal {
  int line = 0;        // where it starts
  std::string text;    // its contents, adjacent literals joined
  bool shown = false;  // marked as shown to people, not run
};

struct Include {
  int line = 0;
  std::string path;
  bool angled = false;
};

// A C++ file taken apart: its code with comments and literals blanked out
// (lines kept), its string literals, its includes.
struct Source {
  std::string code;
  std::vector<Literal> literals;
  std::vector<Include> includes;
};

bool ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

Source parse(const std::string& s) {
  Source out;
  out.code.reserve(s.size());
  std::set<int> marked;  // lines with a comment holding kShownMarker
  int line = 1;
  bool joinable = false;  // nothing but space and comments since the last literal
  bool shown = false;     // after a marker, until the statement ends
  auto blank = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
      out.code += s[k] == '\n' ? '\n' : ' ';
      if (s[k] == '\n') ++line;
    }
  };
  auto add_literal = [&](int at, std::string text) {
    if (joinable && !out.literals.empty()) {
      out.literals.back().text += text;
      out.literals.back().shown = out.literals.back().shown || shown;
    } else {
      out.literals.push_back({at, std::move(text), shown});
    }
    joinable = true;
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '/' && i + 1 < s.size() && (s[i + 1] == '/' || s[i + 1] == '*')) {
      const bool block = s[i + 1] == '*';
      std::size_t end = block ? s.find("*/", i + 2) : s.find('\n', i);
      end = end == std::string::npos ? s.size() : end + (block ? 2 : 0);
      const int first = line;
      const std::string comment = s.substr(i, end - i);
      blank(i, end);
      if (comment.find(kShownMarker) != std::string::npos) {
        for (int l = first; l <= line; ++l) marked.insert(l);
        shown = true;
      }
      i = end;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      blank(i, i + 1);
      ++i;
      continue;
    }
    if (ident_char(c)) {
      std::size_t j = i;
      while (j < s.size() &&
             (ident_char(s[j]) || (std::isdigit(static_cast<unsigned char>(s[i])) &&
                                   (s[j] == '\'' || s[j] == '.' ||
                                    ((s[j] == '+' || s[j] == '-') && j > i && std::strchr("eEpP", s[j - 1]))))))
        ++j;
      const std::string word = s.substr(i, j - i);
      if (j < s.size() && s[j] == '"' &&
          (word == "R" || word == "u8R" || word == "uR" || word == "UR" || word == "LR")) {
        const std::size_t open = s.find('(', j + 1);
        const std::string delim = ")" + s.substr(j + 1, open - j - 1) + "\"";
        const std::size_t close = s.find(delim, open);
        const std::size_t end = close == std::string::npos ? s.size() : close + delim.size();
        const int at = line;
        std::string text = s.substr(open + 1, (close == std::string::npos ? s.size() : close) - open - 1);
        blank(i, end);
        add_literal(at, std::move(text));
        i = end;
        continue;
      }
      if (j < s.size() && s[j] == '"' && (word == "u8" || word == "u" || word == "U" || word == "L")) {
        blank(i, j);
        i = j;
        continue;
      }
      out.code += word;
      joinable = false;
      i = j;
      continue;
    }
    if (c == '"' || c == '\'') {
      std::size_t j = i + 1;
      while (j < s.size() && s[j] != c && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
      const std::size_t end = std::min(s.size(), j + 1);
      const int at = line;
      std::string text = s.substr(i + 1, j - i - 1);
      blank(i, end);
      if (c == '"') add_literal(at, std::move(text));
      i = end;
      continue;
    }
    if (c == '#') {
      // A preprocessor line: note an include, keep the rest as code.
      const std::size_t eol = s.find('\n', i);
      const std::string directive = s.substr(i, (eol == std::string::npos ? s.size() : eol) - i);
      static const std::regex include(R"re(^#\s*include\s*([<"])([^>"]+)[>"])re");
      std::smatch m;
      if (std::regex_search(directive, m, include)) {
        out.includes.push_back({line, m[2].str(), m[1].str() == "<"});
        blank(i, i + directive.size());
        i += directive.size();
        joinable = false;
        continue;
      }
    }
    out.code += c;
    joinable = false;
    if (c == ';') shown = false;
    ++i;
  }
  for (auto& l : out.literals) l.shown = l.shown || marked.count(l.line);
  return out;
}

const Source& source(const std::string& file) {
  static std::map<std::string, Source> cache;
  auto it = cache.find(file);
  if (it == cache.end()) it = cache.emplace(file, parse(read_text(root() / file))).first;
  return it->second;
}

// The identifiers a header's code declares or mentions (comments and
// literals left out): what data::X may name when the header is allowed.
std::set<std::string> identifiers(const std::string& file) {
  std::set<std::string> out;
  const std::string& code = source(file).code;
  static const std::regex word(R"([A-Za-z_][A-Za-z0-9_]*)");
  for (auto it = std::sregex_iterator(code.begin(), code.end(), word); it != std::sregex_iterator(); ++it)
    out.insert(it->str());
  return out;
}

bool exists(const std::string& file) {
  return fs::is_regular_file(root() / "workbench" / file);
}

bool read_only_header(const std::string& header) {
  for (const auto& h : kReadOnlyDataHeaders)
    if (header == h.header) return true;
  return false;
}

int line_of(const std::string& code, std::size_t pos) {
  return 1 + static_cast<int>(std::count(code.begin(), code.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

std::vector<std::string> window_and_cli_files() {
  auto files = cpp_files("workbench/ui");
  const auto app = cpp_files("workbench/app");
  files.insert(files.end(), app.begin(), app.end());
  return files;
}

std::string listed(const std::vector<std::string>& problems) {
  std::string s;
  for (const auto& p : problems) s += "\n  " + p;
  return s;
}

// Why `text` reads as SQL the program runs, or "" when it does not.
std::string sql_in(const std::string& text) {
  struct Rule {
    const char* name;
    std::regex re;
  };
  const auto icase = std::regex::ECMAScript | std::regex::icase;
  static const std::vector<Rule> rules = {
      {"SELECT ... FROM", std::regex(R"(\bSELECT\b[\s\S]*\bFROM\b)")},
      {"a statement's first word",
       std::regex(R"(^\s*(SELECT|WITH|VALUES|EXPLAIN|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|ATTACH|)"
                  R"(DETACH|BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ANALYZE|REINDEX)\b)")},
      {"select ... from", std::regex(R"(^\s*select\b[\s\S]*\bfrom\b)")},
      {"INSERT INTO", std::regex(R"(\binsert\s+(or\s+\w+\s+)?into\b)", icase)},
      {"REPLACE INTO", std::regex(R"(\breplace\s+into\b)", icase)},
      {"UPDATE ... SET", std::regex(R"(\bupdate\s+\S+\s+set\b)", icase)},
      {"DELETE FROM", std::regex(R"(\bdelete\s+from\b)", icase)},
      {"CREATE",
       std::regex(R"(\bcreate\s+(temp\s+|temporary\s+|unique\s+|virtual\s+)?(table|view|index|trigger)\b)", icase)},
      {"DROP", std::regex(R"(\bdrop\s+(table|view|index|trigger)\b)", icase)},
      {"ALTER TABLE", std::regex(R"(\balter\s+table\b)", icase)},
      {"ATTACH DATABASE", std::regex(R"(\battach\s+(database\b|'))", icase)},
      {"PRAGMA", std::regex(R"(\bPRAGMA\b)")},
  };
  for (const auto& r : rules)
    if (std::regex_search(text, r.re)) return r.name;
  return "";
}

}  // namespace

TEST_CASE("ui and app include only read-only data headers", "[unit][layers]") {
  std::vector<std::string> problems;
  for (const auto& file : window_and_cli_files()) {
    for (const auto& inc : source(file).includes) {
      if (inc.angled || !inc.path.starts_with("data/") || read_only_header(inc.path)) continue;
      problems.push_back(file + ":" + std::to_string(inc.line) + ": includes " + inc.path +
                         ", a data header that writes: reach it through the engine (or add a read-only header to "
                         "kReadOnlyDataHeaders)");
    }
  }
  // A read-only header that includes one that writes is not read-only.
  for (const auto& h : kReadOnlyDataHeaders) {
    if (!exists(h.header)) {
      problems.push_back(std::string("kReadOnlyDataHeaders lists ") + h.header + ", which does not exist");
      continue;
    }
    const std::string file = std::string("workbench/") + h.header;
    for (const auto& inc : source(file).includes)
      if (!inc.angled && inc.path.starts_with("data/") && !read_only_header(inc.path))
        problems.push_back(file + ":" + std::to_string(inc.line) + ": a read-only header includes " + inc.path);
  }
  INFO(listed(problems));
  CHECK(problems.empty());
}

TEST_CASE("ui and app name only what read-only data headers declare", "[unit][layers]") {
  std::set<std::string> allowed;
  for (const auto& h : kReadOnlyDataHeaders)
    if (exists(h.header)) allowed.merge(identifiers(std::string("workbench/") + h.header));
  std::vector<std::string> problems;
  static const std::regex qualified(R"((^|[^A-Za-z0-9_])data\s*::\s*([A-Za-z_][A-Za-z0-9_]*))");
  static const std::regex using_data(R"(\busing\s+namespace\s+(::\s*)?(gb\s*::\s*)?data\b|)"
                                     R"(\bnamespace\s+\w+\s*=\s*(::\s*)?(gb\s*::\s*)?data\b)");
  for (const auto& file : window_and_cli_files()) {
    const std::string& code = source(file).code;
    std::smatch m;
    if (std::regex_search(code, m, using_data))
      problems.push_back(file + ":" + std::to_string(line_of(code, static_cast<std::size_t>(m.position(0)))) +
                         ": brings the data namespace in whole; name what it uses as data::X");
    for (auto it = std::sregex_iterator(code.begin(), code.end(), qualified); it != std::sregex_iterator(); ++it) {
      const std::string name = (*it)[2].str();
      if (allowed.count(name)) continue;
      problems.push_back(file + ":" + std::to_string(line_of(code, static_cast<std::size_t>(it->position(2)))) +
                         ": data::" + name +
                         " is not declared by a read-only data header: reach it through the engine");
    }
  }
  INFO(listed(problems));
  CHECK(problems.empty());
}

TEST_CASE("ui and app hold no SQL text the program runs", "[unit][layers]") {
  std::vector<std::string> problems;
  for (const auto& file : window_and_cli_files())
    for (const auto& l : source(file).literals) {
      if (l.shown) continue;
      const std::string why = sql_in(l.text);
      if (why.empty()) continue;
      problems.push_back(file + ":" + std::to_string(l.line) + ": SQL text (" + why + ") in \"" + l.text.substr(0, 60) +
                         "\": run it from the engine or data layer behind a named function (or, if it is only shown "
                         "to people, mark it // " +
                         kShownMarker + ")");
    }
  INFO(listed(problems));
  CHECK(problems.empty());
}

TEST_CASE("the SQL-text rule tells SQL from prose", "[unit][layers]") {
  CHECK(sql_in("SELECT count(*) FROM ") == "SELECT ... FROM");
  CHECK(sql_in("SELECT * FROM t LIMIT 5") == "SELECT ... FROM");
  CHECK(sql_in("INSERT INTO risk_scores (a) VALUES (?)") == "a statement's first word");
  CHECK(sql_in("then insert into risk_scores (a) VALUES (?)") == "INSERT INTO");
  CHECK(sql_in("insert or replace into settings") == "INSERT INTO");
  CHECK(sql_in("update risks set likelihood = ?") == "UPDATE ... SET");
  CHECK(sql_in("delete from audit_log") == "DELETE FROM");
  CHECK(sql_in("CREATE TEMP VIEW x AS") == "a statement's first word");
  CHECK(sql_in("BEGIN IMMEDIATE") == "a statement's first word");
  CHECK(sql_in("select name from t") == "select ... from");
  CHECK(sql_in("x PRAGMA table_info(") == "PRAGMA");
  CHECK(sql_in("Select a risk from the register").empty());
  CHECK(sql_in("read-only: writes, DDL and ATTACH are refused").empty());
  CHECK(sql_in("Delete this agenda item?").empty());
  CHECK(sql_in("drop an imported table").empty());
  const Source s = parse(
      "auto a = \"SELECT 1 \" /* c */ \"FROM t\";\n"
      "// sql: shown, not run\n"
      "help(\"a\",\n  R\"x(SELECT * FROM t)x\");\n"
      "auto c = 1'000; char q = '\"'; auto d = u8\"DELETE FROM t\";\n"
      "f(\"UPDATE t SET x\");  // sql: shown, not run\n");
  REQUIRE(s.literals.size() == 5);
  CHECK(s.literals[0].text == "SELECT 1 FROM t");
  CHECK_FALSE(s.literals[0].shown);
  CHECK(s.literals[1].shown);
  CHECK(s.literals[2].text == "SELECT * FROM t");
  CHECK(s.literals[2].line == 4);
  CHECK(s.literals[2].shown);
  CHECK(s.literals[3].line == 5);
  CHECK(s.literals[3].text == "DELETE FROM t");
  CHECK_FALSE(s.literals[3].shown);
  CHECK(s.literals[4].shown);
}

TEST_CASE("export includes core only", "[unit][layers]") {
  std::vector<std::string> problems;
  for (const auto& file : cpp_files("workbench/export"))
    for (const auto& inc : source(file).includes)
      if (!inc.angled && !inc.path.starts_with("core/") && !inc.path.starts_with("export/"))
        problems.push_back(file + ":" + std::to_string(inc.line) + ": includes " + inc.path +
                           ": export depends on core alone");
  INFO(listed(problems));
  CHECK(problems.empty());
}

TEST_CASE("ImGui only in the ui folder", "[unit][layers]") {
  std::vector<std::string> problems;
  for (const auto& file : cpp_files("workbench")) {
    if (file.starts_with("workbench/ui/")) continue;
    for (const auto& inc : source(file).includes)
      if (inc.path.find("imgui") != std::string::npos || inc.path.starts_with("GLFW/"))
        problems.push_back(file + ":" + std::to_string(inc.line) + ": includes " + inc.path + " outside workbench/ui");
  }
  INFO(listed(problems));
  CHECK(problems.empty());
}

TEST_CASE("no source file over 800 lines", "[unit][layers]") {
  std::vector<std::string> problems;
  for (const char* dir : {"workbench", "tests", "fuzz", "bench"})
    for (const auto& file : cpp_files(dir)) {
      const std::string text = read_text(root() / file);
      const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
      if (lines > kMaxLines)
        problems.push_back(file + ": " + std::to_string(lines) + " lines (at most " + std::to_string(kMaxLines) +
                           "): split it along its seams");
    }
  INFO(listed(problems));
  CHECK(problems.empty());
}

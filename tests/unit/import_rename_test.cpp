// Import with renamed columns: --rename and a mapping file (--columns).
#include <catch2/catch.hpp>

#include "data/csv_import.hpp"
#include "data/migrations.hpp"

using namespace gb;
using namespace gb::data;

namespace {
Db fresh() {
  Db db = Db::open_memory();
  migrate(db);
  return db;
}
ImportOptions renamed(const std::string& table, std::vector<ColumnRename> renames) {
  ImportOptions o;
  o.table = table;
  o.renames = std::move(renames);
  return o;
}
ColumnRename rn(const std::string& spec) {
  return parse_rename(spec);
}
std::string import_error(Db& db, const std::string& csv, const ImportOptions& o) {
  try {
    import_csv_bytes(db, "in.csv", csv, o);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("import with --rename stores a header's column under a new name", "[import][rename]") {
  Db db = fresh();
  const std::string csv = "Area Name,Officer-defined  ethnicity,n=1\nA,Black,1\nB,White,2\n";
  // Spaces in OLD are collapsed as the header's are; case is ignored when
  // no name matches exactly; the split is at the last '='.
  auto r = import_csv_bytes(db, "in.csv", csv,
                            renamed("t", {rn("area name = area"), rn("Officer-defined ethnicity=eth"), rn("n=1=b")}));
  REQUIRE(r.columns.size() == 3);
  CHECK(db.column_names("t") == std::vector<std::string>{"area", "eth", "b"});
  CHECK(r.columns[0].name == "area");
  // Two columns may swap names.
  import_csv_bytes(db, "in.csv", "x,y\n1,2\n", renamed("swap", {rn("x=y"), rn("y=x")}));
  CHECK(db.column_names("swap") == std::vector<std::string>{"y", "x"});
  // A mapping then appends next month's file to the same table.
  auto again = renamed("t", {rn("Area Name=area"), rn("Officer-defined ethnicity=eth"), rn("n=1=b")});
  again.mode = ImportMode::Append;
  import_csv_bytes(db, "next.csv", csv, again);
  Statement st = db.prepare("SELECT count(*), sum(b) FROM t");
  st.step();
  CHECK(st.column_int(0) == 4);
  CHECK(st.column_int(1) == 6);
}

TEST_CASE("a mapping file reads 'Old = new' lines with comments", "[import][rename]") {
  const auto m =
      parse_column_mapping("map.txt", "\xEF\xBB\xBF# the PAS file\n\n  Area Name = area  \n# another\na | b = ab\n");
  REQUIRE(m.size() == 2);
  CHECK(m[0].from == "Area Name");
  CHECK(m[0].to == "area");
  CHECK(m[0].where.line == 3);
  CHECK(m[1].from == "a | b");
  CHECK(m[1].where.line == 5);
  CHECK_THROWS_WITH(parse_column_mapping("map.txt", "ok = fine\nno equals sign\n"),
                    "map.txt:2: write each line as 'Old header = new_name' (no '=' in 'no equals sign')");
  CHECK_THROWS_WITH(parse_column_mapping("map.txt", " = x\n"), "map.txt:1: the old name (before '=') is empty");
  CHECK_THROWS_WITH(parse_rename("nothing"), Catch::Contains("write it OLD=NEW"));
}

TEST_CASE("a bad rename is an error naming where it came from, and nothing is imported", "[import][rename]") {
  Db db = fresh();
  const std::string csv = "neighbourhood,Black,White British\nA,1,2\n";
  auto with_map = [](const std::string& text) { return renamed("t", parse_column_mapping("pas-columns.txt", text)); };
  CHECK(import_error(db, csv, with_map("neighbourhood = nbhd\n# c\nBlak = black\n")) ==
        "pas-columns.txt:3: column 'Blak' is not in in.csv; did you mean 'Black'?; nothing was imported");
  CHECK(import_error(db, csv, with_map("zzzzzzzz = q\n")) ==
        "pas-columns.txt:1: column 'zzzzzzzz' is not in in.csv; its columns are 'neighbourhood', 'Black', "
        "'White British'; nothing was imported");
  CHECK(import_error(db, csv, renamed("t", {rn("Black=grp"), rn("White British=GRP")})) ==
        "--rename 'White British=GRP': 'GRP' would name two columns (in.csv's 'Black' and 'White British'); "
        "nothing was imported");
  CHECK(import_error(db, csv, with_map("Black = neighbourhood\n")) ==
        "pas-columns.txt:1: 'neighbourhood' would name two columns (in.csv's 'neighbourhood' and 'Black'); the file "
        "already has a column of that name; nothing was imported");
  CHECK(import_error(db, csv, with_map("Black = \n")) ==
        "pas-columns.txt:1: the new name for 'Black' is empty; nothing was imported");
  CHECK(import_error(db, csv, with_map("Black = b\nblack = c\n")) ==
        "pas-columns.txt:2: column 'Black' is renamed twice (first at pas-columns.txt:1); nothing was imported");
  CHECK_THAT(import_error(db, csv, renamed("t", {rn("Black=sqlite_x")})), Catch::Contains("reserved by SQLite"));
  CHECK_THAT(import_error(db, csv, renamed("t", {rn("Black=a\x01")})), Catch::Contains("control character"));
  CHECK_FALSE(db.table_exists("t"));
  Statement st = db.prepare("SELECT count(*) FROM imports");
  st.step();
  CHECK(st.column_int(0) == 0);
}

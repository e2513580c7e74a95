#include "data/demo.hpp"

#include <catch2/catch.hpp>

#include "data/migrations.hpp"
#include "support.hpp"

using namespace gb;
using namespace gb::data;

namespace {
using gbtest::number;
}  // namespace

TEST_CASE("the demo register holds the eleven December 2021 risks as Appendix A shows them", "[demo]") {
  gbtest::TempDir dir;
  Db db = open_governance_db(gbtest::demo_copy(dir), OpenMode::ReadOnly);
  CHECK(number(db, "SELECT count(*) FROM risks") == 11);
  Statement st = db.prepare(
      "SELECT ref, name, likelihood, impact, target_likelihood, target_impact, term FROM risk_register ORDER BY ref");
  std::vector<std::string> got;
  while (st.step())
    got.push_back(st.column_text(0) + " " + st.column_text(1) + " " + st.column_text(2) + "v" + st.column_text(3) +
                  " -> " + st.column_text(4) + "v" + st.column_text(5));
  REQUIRE(got.size() == 11);
  CHECK(got[9] == "10 LEGITIMACY VHvVH -> MvM");
  CHECK(got[1] == "2 NEW SYSTEMS HvM -> MvM");
  CHECK(got[2] == "3 STANDARDS HvH -> LvL");
  CHECK(got[3] == "4 PEOPLE HvM -> MvM");
}

TEST_CASE("every demo fact row names its source and the database is consistent", "[demo]") {
  gbtest::TempDir dir;
  Db db = open_governance_db(gbtest::demo_copy(dir), OpenMode::ReadOnly);
  CHECK(number(db, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
  Statement ic = db.prepare("PRAGMA integrity_check");
  ic.step();
  CHECK(ic.column_text(0) == "ok");
  // Every table with a source_id column has it set on every row.
  for (const auto& t : db.table_names()) {
    const auto cols = db.column_names(t);
    if (std::find(cols.begin(), cols.end(), "source_id") == cols.end()) continue;
    INFO("table " << t);
    CHECK(number(db, "SELECT count(*) FROM " + quote_identifier(t) + " WHERE source_id IS NULL") == 0);
  }
  CHECK(number(db, "SELECT count(*) FROM sources WHERE kind = 'synthetic'") >= 1);
  CHECK(number(db, "SELECT count(*) FROM survey_questions") == 12);
  CHECK(number(db, "SELECT count(*) FROM improvement_areas") >= 6);
  // At least eight quarters of register history.
  CHECK(number(db, "SELECT count(DISTINCT as_of) FROM risk_assessments") >= 8);
}

TEST_CASE("init-demo never overwrites and leaves nothing behind on failure", "[demo]") {
  gbtest::TempDir dir;
  const auto p = dir / "exists.db";
  gbtest::write_file(p, "keep me");
  CHECK_THROWS_WITH(init_demo(p), Catch::Contains("already exists"));
  CHECK(gbtest::read_file(p) == "keep me");
  CHECK_THROWS_WITH(init_demo(dir / "no-such-folder" / "x.db"), Catch::Contains("no folder"));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  CHECK(files == 1);
}

TEST_CASE("init-demo never replaces what is at the name even a link the first check misses", "[demo]") {
  gbtest::TempDir dir;
  const auto p = dir / "link.db";
  // exists() follows the link and says no; the final move must still refuse.
  std::filesystem::create_symlink(dir / "elsewhere.db", p);
  CHECK_THROWS_WITH(init_demo(p), Catch::Contains("already exists"));
  CHECK(std::filesystem::is_symlink(p));
  CHECK(std::filesystem::read_symlink(p) == dir / "elsewhere.db");
  CHECK_FALSE(std::filesystem::exists(dir / "elsewhere.db"));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  CHECK(files == 1);  // no temporary database left behind
}

// The stop-search pack on the real June 2016 police.uk records and the 2011
// census, imported as they are, checked against figures computed here
// independently with SQL (not with the pack's code).
#include <catch2/catch.hpp>

#include "data/csv_import.hpp"
#include "data/migrations.hpp"
#include "engine/evaluator.hpp"
#include "support.hpp"

using namespace gb;

namespace {

double sql_number(data::Db& db, const std::string& sql) {
  data::Statement st = db.prepare(sql);
  REQUIRE(st.step());
  return st.column_double(0);
}

const char* kPopulation[][2] = {
    {"White", "\"Ethnic Group: White; measures: Value\""},
    {"Black", "\"Ethnic Group: Black/African/Caribbean/Black British; measures: Value\""},
    {"Asian", "\"Ethnic Group: Asian/Asian British; measures: Value\""},
    {"Other",
     "\"Ethnic Group: Mixed/multiple ethnic groups; measures: Value\" + \"Ethnic Group: Other ethnic group; measures: "
     "Value\""},
};

double breakdown_value(const IndicatorResult& r, const std::string& group) {
  for (const auto& item : r.breakdown)
    if (item.group == group && item.value) return *item.value;
  FAIL("no value for group " << group << " in " << r.id);
  return 0;
}

}  // namespace

TEST_CASE("stop-search figures on the real June 2016 data match an independent computation",
          "[engine][real][stop_search]") {
  gbtest::TempDir dir;
  const auto db_path = gbtest::demo_copy(dir);
  {
    data::Db db = data::open_governance_db(db_path, data::OpenMode::ReadWrite);
    data::ImportOptions o;
    o.table = "stop_search";
    data::import_csv(db, gbtest::real_data("2016-06-metropolitan-stop-and-search.csv"), o);
    o.table = "census_ethnicity";
    data::import_csv(db, gbtest::real_data("census-2011-ethnic-groups-by-output-area.csv"), o);
  }
  data::Db db = data::Db::open(db_path, data::OpenMode::ReadOnly);

  script::PackSet packs;
  packs.add_source(std::filesystem::path(GOVBENCH_SOURCE_DIR) / "scripts" / "stop-search", "--packs");
  packs.load();
  REQUIRE(packs.problems().empty());
  script::ScriptDb sdb(db_path);
  engine::IndicatorEvaluator ev(packs, sdb);

  const auto rate = ev.evaluate("stop_search.rate_per_1000");
  const auto ratio = ev.evaluate("stop_search.disproportionality.black_white");
  const auto positive = ev.evaluate("stop_search.positive_outcome_rate");
  const auto arrest = ev.evaluate("stop_search.arrest_rate");
  for (const auto* r : {&rate, &ratio, &positive, &arrest}) {
    INFO(r->id << ": " << r->error);
    REQUIRE(r->status == IndicatorResult::Status::Ok);
  }

  const std::string eth = "\"Officer-defined ethnicity\"";
  for (const auto& [group, population] : kPopulation) {
    INFO(group);
    const std::string g = std::string("'") + group + "'";
    const double searches = sql_number(db, "SELECT count(*) FROM stop_search WHERE " + eth + " = " + g);
    const double residents = sql_number(db, std::string("SELECT sum(") + population + ") FROM census_ethnicity");
    CHECK(breakdown_value(rate, group) == Approx(searches / residents * 1000).epsilon(1e-9));
    const double with_outcome =
        sql_number(db, "SELECT count(*) FROM stop_search WHERE " + eth + " = " + g + " AND \"Outcome\" IS NOT NULL");
    const double nfa = sql_number(db, "SELECT count(*) FROM stop_search WHERE " + eth + " = " + g +
                                          " AND \"Outcome\" = 'Nothing found - no further action'");
    const double arrests = sql_number(
        db, "SELECT count(*) FROM stop_search WHERE " + eth + " = " + g + " AND \"Outcome\" = 'Suspect arrested'");
    const double pct_positive = (with_outcome - nfa) / with_outcome * 100;
    const double pct_arrest = arrests / with_outcome * 100;
    // The pack may report shares as percentages or as fractions; compare on its scale.
    const double scale = positive.unit == "%" ? 1.0 : 0.01;
    CHECK(breakdown_value(positive, group) == Approx(pct_positive * scale).epsilon(1e-9));
    CHECK(breakdown_value(arrest, group) == Approx(pct_arrest * scale).epsilon(1e-9));
  }
  const double black =
      sql_number(db,
                 "SELECT count(*) * 1000.0 / (SELECT sum(\"Ethnic Group: Black/African/Caribbean/Black "
                 "British; measures: Value\") FROM census_ethnicity) FROM stop_search WHERE " +
                     eth + " = 'Black'");
  const double white = sql_number(db,
                                  "SELECT count(*) * 1000.0 / (SELECT sum(\"Ethnic Group: White; measures: Value\") "
                                  "FROM census_ethnicity) FROM stop_search WHERE " +
                                      eth + " = 'White'");
  CHECK(*ratio.value == Approx(black / white).epsilon(1e-9));
  CHECK(*ratio.value == Approx(4.22).margin(0.01));  // June 2016 on these definitions: a regression guard
}

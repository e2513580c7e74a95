// govbench eval and score, end to end on the demo database with the bundled packs.
#include <catch2/catch.hpp>
#include <set>

#include "data/db.hpp"
#include "data/migrations.hpp"
#include "support.hpp"

using gbtest::run_govbench;

TEST_CASE("eval --format json: at least 20 bundled indicators with a value and a RAG, none failing", "[cli][eval]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  auto r = run_govbench({"eval", "--db", db, "--format", "json", "--as-of", "2022-12-31"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  std::size_t with_value_and_rag = 0, failed = 0;
  std::set<std::string> packs;
  // One result per object: count the fields we need without a JSON parser.
  for (std::size_t p = r.out.find("\"id\": "); p != std::string::npos; p = r.out.find("\"id\": ", p + 1)) {
    const auto end = r.out.find("\"provenance\"", p);
    const std::string obj = r.out.substr(p, end - p);
    if (obj.find("\"status\": \"error\"") != std::string::npos) ++failed;
    // A value: the headline number, or a breakdown's values per group.
    const bool has_value =
        obj.find("\"value\": null") == std::string::npos || obj.find("\"breakdown\": {") != std::string::npos;
    if (obj.find("\"status\": \"ok\"") != std::string::npos && has_value &&
        obj.find("\"rag\": null") == std::string::npos)
      ++with_value_and_rag;
    const auto pk = r.out.find("\"pack\": \"", end);
    packs.insert(r.out.substr(pk + 9, r.out.find('"', pk + 9) - pk - 9));
  }
  CHECK(failed == 0);
  CHECK(with_value_and_rag >= 20);
  CHECK(packs == std::set<std::string>{"met-risk", "stop-search", "trust-confidence"});
}

TEST_CASE("eval reports a failing indicator as an error, not red, and exits 1", "[cli][eval]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  gbtest::write_pack(dir.path(), "oops",
                     {{"indicators/a.lua",
                       "gov.indicator { id = 'oops.a', title = 'A', polarity = 'lower_is_better',\n"
                       "  thresholds = { green = 1, amber = 2 }, compute = function(ctx)\n"
                       "  return ctx.value('SELECT nope FROM risks') end }\n"}});
  auto r = run_govbench(
      {"eval", "--db", db, "--packs", (dir / "oops").string(), "--indicator", "oops.a", "--indicator", "risk.count"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("oops.a                                  ERROR           error"));
  CHECK_THAT(r.out, Catch::Contains("pack oops: indicators/a.lua:3: ctx.value: no such column: nope"));
  CHECK_THAT(r.out, Catch::Contains("risk.count                              11 risks"));
  CHECK_THAT(r.err, Catch::Contains("1 indicator failed"));
}

TEST_CASE("eval --store keeps each result with its provenance", "[cli][eval]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  auto r = run_govbench({"eval", "--db", db.string(), "--indicator", "risk.count", "--as-of", "2021-12-31", "--store"});
  REQUIRE(r.exit_code == 0);
  gb::data::Db d = gb::data::Db::open(db, gb::data::OpenMode::ReadOnly);
  gb::data::Statement st = d.prepare(
      "SELECT indicator_id, pack, pack_version, length(definition_hash), length(data_fingerprint), as_of, status, "
      "value "
      "FROM indicator_results");
  REQUIRE(st.step());
  CHECK(st.column_text(0) == "risk.count");
  CHECK(st.column_text(1) == "met-risk");
  CHECK(st.column_text(2) == "1.0.0");
  CHECK(st.column_int(3) == 16);
  CHECK(st.column_int(4) == 16);
  CHECK(st.column_text(5) == "2021-12-31");
  CHECK(st.column_text(6) == "ok");
  CHECK(st.column_double(7) == 11);
  CHECK_FALSE(st.step());
}

TEST_CASE("score reproduces the December 2021 register and compares rules", "[cli][score]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  auto r = run_govbench({"score", "--db", db.string(), "--as-of", "2021-12-31"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out,
             Catch::Contains("10   LEGITIMACY                  long  stable     VH v VH = 16 red    M v M = 4 green"));
  CHECK_THAT(r.out,
             Catch::Contains("2    NEW SYSTEMS                 short stable     H v M = 6 amber     M v M = 4 green"));
  CHECK_THAT(r.out, Catch::Contains("1 red, 8 amber, 2 green"));
  CHECK_THAT(r.out, Catch::Contains("As reported for progress towards target (2021-Q4): 7 green, 2 amber, 1 red"));
  r = run_govbench({"score", "--db", db.string(), "--as-of", "2021-12-31", "--compare", "met.grid5"});
  CHECK_THAT(r.out,
             Catch::Contains(
                 "3   STANDARDS                   current  H v H = 9 amber     -> H v H = 16 red  (band changes)"));
  r = run_govbench({"score", "--db", db.string(), "--rule", "no.such"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("no scoring rule 'no.such' (known: met.grid5, met.impact_weighted, met.lxi4)"));
}

TEST_CASE("score --store records the rule and pack version, history is never rewritten", "[cli][score]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  REQUIRE(run_govbench({"score", "--db", db.string(), "--as-of", "2021-12-31", "--store"}).exit_code == 0);
  REQUIRE(run_govbench({"score", "--db", db.string(), "--as-of", "2021-12-31", "--rule", "met.grid5", "--store"})
              .exit_code == 0);
  gb::data::Db d = gb::data::Db::open(db, gb::data::OpenMode::ReadOnly);
  gb::data::Statement st = d.prepare(
      "SELECT rule_id, pack, pack_version, count(*), sum(band = 'red') FROM risk_scores WHERE position = 'current' "
      "GROUP BY rule_id ORDER BY rule_id");
  REQUIRE(st.step());
  CHECK(st.column_text(0) == "met.grid5");
  CHECK(st.column_int(3) == 11);
  CHECK(st.column_int(4) == 3);
  REQUIRE(st.step());
  CHECK(st.column_text(0) == "met.lxi4");
  CHECK(st.column_text(1) == "met-risk");
  CHECK(st.column_text(2) == "1.0.0");
  CHECK(st.column_int(3) == 11);
  CHECK(st.column_int(4) == 1);
}

TEST_CASE("setting changes the active scoring rule, which score then uses", "[cli][score]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  auto r = run_govbench({"setting", "--db", db});
  // Then the parameters the loaded packs declare (pack.<pack>.<name>).
  CHECK_THAT(r.out,
             Catch::StartsWith(
                 "scoring.rule = (default)\nscript.time_budget_ms = (default)\nscript.memory_cap_mb = (default)\n"));
  r = run_govbench({"setting", "--db", db, "scoring.rule", "no.rule"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("no scoring rule 'no.rule' in the loaded packs"));
  r = run_govbench({"setting", "--db", db, "script.time_budget_ms", "nonsense"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("is not allowed"));
  REQUIRE(run_govbench({"setting", "--db", db, "scoring.rule", "met.grid5"}).exit_code == 0);
  r = run_govbench({"score", "--db", db, "--as-of", "2021-12-31"});
  CHECK_THAT(r.out, Catch::Contains("scored with met.grid5") && Catch::Contains("3 red, 8 amber, 0 green"));
  r = run_govbench({"setting", "--db", db, "bogus"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("render exports a view as JSON, CSV and HTML, --strict refuses a view with errors", "[cli][render]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  gbtest::write_pack(dir.path(), "papers", {{"views/p.lua", R"(
gov.view { id = 'papers.register', title = 'Register <paper>', board = 'Audit Panel',
  params = { term = gov.param.choice { 'all', 'short', 'long' } },
  build = function(ctx, p)
    return gov.ui.page { title = 'Corporate risks',
      gov.ui.table { title = 'Register', columns = { { key = 'ref', label = 'Ref', format = 'integer' }, { key = 'name', label = 'Risk' } },
        rows = ctx.sql('SELECT ref, name FROM risk_register WHERE ? = ? OR term = ? ORDER BY ref', p.term, 'all', p.term) },
      gov.ui.table { title = 'Counts', columns = { { key = 'n', label = 'N', format = 'integer' } }, rows = { { n = 11 } } },
      gov.ui.heatmap { rule = 'met.lxi4' } }
  end }
gov.view { id = 'papers.broken', title = 'Broken', build = function(ctx, p)
  return gov.ui.page { gov.ui.chart { kind = 'pie', series = {} } } end }
)"}});
  const std::string packs = (dir / "papers").string();
  const auto json = dir / "v.json", csv = dir / "v.csv", html = dir / "v.html";
  auto r = run_govbench({"render", "papers.register", "--db", db, "--packs", packs, "--param", "term=short", "--format",
                         "json", "-o", json.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string j = gbtest::read_file(json);
  CHECK_THAT(j, Catch::Contains("\"term\": \"short\"") && Catch::Contains("\"NEW SYSTEMS\"") &&
                    Catch::Contains("\"data_fingerprint\""));
  CHECK_THAT(j, !Catch::Contains("\"LEGITIMACY\""));  // long term, filtered out
  r = run_govbench({"render", "papers.register", "--db", db, "--packs", packs, "--format", "csv", "-o", csv.string()});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(gbtest::read_file(dir / "v-1-register.csv"), Catch::StartsWith("Ref,Risk\r\n1,VIOLENT CRIME\r\n"));
  CHECK(gbtest::read_file(dir / "v-2-counts.csv") == "N\r\n11\r\n");
  r = run_govbench(
      {"render", "papers.register", "--db", db, "--packs", packs, "--format", "html", "-o", html.string()});
  REQUIRE(r.exit_code == 0);
  const std::string h = gbtest::read_file(html);
  CHECK_THAT(
      h, Catch::StartsWith("<!DOCTYPE html>") && Catch::Contains("Register &lt;paper&gt;") && Catch::Contains("<svg"));
  CHECK_THAT(h, Catch::Contains("LEGITIMACY"));

  const auto out = dir / "broken.html";
  r = run_govbench(
      {"render", "papers.broken", "--db", db, "--packs", packs, "--format", "html", "-o", out.string(), "--strict"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("kind must be line, bar, stacked_bar or spc (views/p.lua:12)") &&
                        Catch::Contains("--strict: not exported"));
  CHECK_FALSE(std::filesystem::exists(out));
  r = run_govbench({"render", "papers.broken", "--db", db, "--packs", packs, "--format", "html", "-o", out.string()});
  CHECK(r.exit_code == 1);  // exported, with the error shown in place
  CHECK(std::filesystem::exists(out));
  // Never over the database being read.
  const std::string before = gbtest::read_file(db);
  r = run_govbench({"render", "papers.register", "--db", db, "--packs", packs, "--format", "html", "-o", db});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("will not write the export to"));
  CHECK(gbtest::read_file(db) == before);
  r = run_govbench({"render", "no.such", "--db", db, "--format", "json", "-o", json.string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("no view 'no.such'"));
}

TEST_CASE("a crafted database's out-of-range script settings are refused by name not obeyed",
          "[engine_cli][settings]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"script.memory_cap_mb", "-1"},
                                                        {"script.time_budget_ms", "99999999999"},
                                                        {"script.memory_cap_mb", "lots"}}) {
    {
      gb::data::Db h = gb::data::open_governance_db(db, gb::data::OpenMode::ReadWrite);
      h.exec("PRAGMA ignore_check_constraints = ON");
      h.exec("DELETE FROM settings WHERE key LIKE 'script.%'");
      auto st = h.prepare("INSERT INTO settings (key, value) VALUES (?, ?)");
      st.bind(1, key).bind(2, value);
      st.step();
    }
    auto r = gbtest::run_govbench({"eval", "--db", db, "--indicator", "risk.count"});
    INFO(key << " = " << value << "\n" << r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err,
               Catch::Contains("setting " + key + " is '" + value + "'") && Catch::Contains("not a whole number from"));
    CHECK_THAT(r.err, !Catch::Contains("stoll") && !Catch::Contains("bad_alloc"));
  }
}

TEST_CASE("render refuses an --as-of date that does not exist as eval and score do", "[engine_cli]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  for (const char* cmd : {"render", "eval", "score"}) {
    std::vector<std::string> args{cmd};
    if (std::string(cmd) == "render")
      args = {"render", "audit_panel.risks", "--format", "json", "-o", (dir / "v.json").string()};
    args.insert(args.end(), {"--db", db, "--as-of", "2021-02-30"});
    auto r = gbtest::run_govbench(args);
    INFO(cmd << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("2021-02-30"));
  }
  CHECK_FALSE(std::filesystem::exists(dir / "v.json"));
}

TEST_CASE("a quoted CSV field keeps its CRLF and lone CR through import and export byte for byte",
          "[engine_cli][csv]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  // Small (types from the first rows) and large (a column widened to text
  // after row 1,000, which reads the file a second time).
  std::string big = "id,note\r\n";
  for (int i = 0; i < 1100; ++i)
    big += (i < 1050 ? std::to_string(i) : "x" + std::to_string(i)) + ",\"a\r\nb\rc " + std::to_string(i) + "\"\r\n";
  const std::vector<std::pair<std::string, std::string>> files{
      {"small", "id,note\r\n1,\"line one\r\nline two\"\r\n2,\"lone\rcr\"\r\n3,\"lf\nonly\"\r\n"}, {"big", big}};
  for (const auto& [table, text] : files) {
    gbtest::write_file(dir / (table + ".csv"), text);
    REQUIRE(
        gbtest::run_govbench({"import", (dir / (table + ".csv")).string(), "--db", db, "--table", table}).exit_code ==
        0);
    INFO(table);
    // Every stored note holds CR LF and the lone CR exactly as written.
    const auto n = gbtest::run_govbench(
        {"export", "--db", db, "--format", "csv", "--sql",
         "SELECT count(*) AS n FROM " + table + " WHERE instr(note, char(13, 10)) > 0 OR instr(note, char(13)) > 0"});
    REQUIRE(n.exit_code == 0);
    CHECK(n.out == "n\r\n" + std::string(table == "big" ? "1100" : "2") + "\r\n");
    if (table == "small") {
      // The export writes them back unchanged: the same bytes as the file.
      const auto out = gbtest::run_govbench({"export", "--db", db, "--table", table, "--format", "csv"});
      REQUIRE(out.exit_code == 0);
      CHECK(out.out == text);
    }
  }
}

// The pack host's wire format (engine/wire.hpp): everything the window needs
// back from the host goes to_tree -> to_json -> parse_json -> from_tree and
// comes back equal, field for field and bit for bit; junk is refused with a
// gb::Error naming the field, never a crash.
//
// Round trips here; junk in wire_junk_test.cpp; the helpers in wire_check.hpp.
#include "engine/wire.hpp"

#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>

#include "core/error.hpp"
#include "core/json.hpp"
#include "data/db.hpp"
#include "support.hpp"
#include "wire_check.hpp"

using namespace gb;
using namespace gb::engine;
using namespace wiretest;

TEST_CASE("wire: the catalog of the bundled packs round-trips exactly", "[wire]") {
  Demo demo;
  const PackCatalog cat = PackCatalog::of(demo.packs);
  REQUIRE(cat.packs.size() == demo.packs.entries().size());
  REQUIRE(cat.packs.size() >= 4);
  // A copy of the pack set: definitions without function refs, same lookups.
  CHECK(cat.loaded_count() == demo.packs.loaded_count());
  REQUIRE(cat.indicators().size() == demo.packs.indicators().size());
  REQUIRE(cat.rules().size() == demo.packs.rules().size());
  REQUIRE(cat.views().size() == demo.packs.views().size());
  for (std::size_t i = 0; i < cat.indicators().size(); ++i) {
    const auto c = cat.indicators()[i];
    const auto s = demo.packs.indicators()[i];
    CHECK(c.def->id == s.def->id);
    CHECK(c.pack->name == s.pack->name());
    CHECK(c.def->compute_ref == 0);
    CHECK(s.def->compute_ref != 0);
    REQUIRE(cat.find_indicator(s.def->id));
    CHECK(cat.find_indicator(s.def->id)->pack->name == demo.packs.find_indicator(s.def->id)->pack->name());
  }
  for (const auto& v : demo.packs.views()) {
    const auto c = cat.find_view(v.def->id);
    REQUIRE(c);
    CHECK(c->pack->name == v.pack->name());
    CHECK(c->def->params.size() == v.def->params.size());
    CHECK(c->def->build_ref == 0);
  }
  REQUIRE(cat.find_rule(kDefaultRule));
  CHECK(cat.find_rule(kDefaultRule)->pack->name == "met-risk");
  CHECK_FALSE(cat.find_rule("no.such"));
  CHECK_FALSE(cat.find_view("no.such"));
  CHECK(cat.entry("met-boards") != nullptr);
  CHECK(cat.entry("met-boards")->manifest->requires_.count("met-risk") == 1);
  CHECK(cat.entry("nope") == nullptr);
  CHECK(cat.problems().empty());

  check_round_trip(cat);
  // The data rule's grid and the views' parameters made it across.
  const PackCatalog back = round_trip(cat);
  bool grid = false, params = false, tests = false;
  for (const auto& r : back.rules()) grid = grid || r.def->is_data();
  for (const auto& v : back.views()) params = params || !v.def->params.empty();
  for (const auto& p : back.packs) tests = tests || !p.definitions.tests.empty();
  CHECK(grid);
  CHECK(params);
  CHECK(tests);
}

TEST_CASE("wire: every bundled indicator result and the scored register and heat grid and risk 10 detail round-trip",
          "[wire]") {
  Demo demo;
  const auto results = demo.ev->evaluate_all({.as_of = kAsOf, .params = {}});
  REQUIRE(results.size() == demo.packs.indicators().size());
  bool series = false, breakdown = false, number = false;
  for (const auto& r : results) {
    INFO(r.id);
    check_round_trip(r);
    series = series || r.kind == IndicatorResult::Kind::Series;
    breakdown = breakdown || r.kind == IndicatorResult::Kind::Breakdown;
    number = number || r.kind == IndicatorResult::Kind::Number;
  }
  CHECK(series);
  CHECK(breakdown);
  CHECK(number);
  check_round_trip(results);

  const ScoredRegister reg = score_register(demo.packs, *demo.sdb, kDefaultRule, kAsOf);
  REQUIRE(reg.risks.size() >= 10);
  check_round_trip(reg);
  const HeatGrid grid = heat_grid(demo.packs, reg);
  REQUIRE_FALSE(grid.bands.empty());
  check_round_trip(grid);

  data::Db db = data::Db::open(demo.path, data::OpenMode::ReadOnly);
  const RiskDetail detail = risk_detail(db, demo.packs, kDefaultRule, data::risk_id_for_ref(db, "10"));
  CHECK(detail.ref == 10);
  CHECK_FALSE(detail.history.empty());
  CHECK_FALSE(detail.controls.empty());
  check_round_trip(detail);

  // What-if: an outcome and the difference between two.
  Outcome a{reg, results};
  Outcome b = a;
  b.reg.risks[0].current.band = Rag::Red;
  b.indicators[0].value = 42.125;
  check_round_trip(a);
  check_round_trip(diff_outcomes(a, b));

  check_round_trip(ViewRequest{.id = "boards.audit_panel", .params = {{"pillar", "All"}, {"x", ""}}, .as_of = kAsOf});
  check_round_trip(ViewRequest{});

  data::Scenario s;
  s.id = 3;
  s.name = "risk 9 up";
  s.as_of = kAsOf;
  s.session_id = 7;
  s.applied_at = "2022-01-01T00:00:00Z";
  s.changes.push_back({.id = 1,
                       .kind = "risk",
                       .target_id = 9,
                       .likelihood = "H",
                       .label = "risk 9",
                       .baseline = "M v H",
                       .proposed = "H v H"});
  s.changes.push_back({.id = 2, .kind = "action", .target_id = 4, .status = "complete", .rag = "blue"});
  check_round_trip(s);
  check_round_trip(data::Scenario{});
}

TEST_CASE("wire: doubles and 64-bit integers and strings are exact", "[wire]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  IndicatorResult r;
  r.id = "";
  r.title = "Ünïcödé — 日本語 🚓 \"quoted\" \\ back/slash";
  r.unit = std::string("nul\0inside\x01\x1f\t\r\n", 15);
  r.note = "\xff\xfe not UTF-8 \xc3";     // arbitrary bytes survive
  r.error = "\xed\xa0\x80";               // an encoded surrogate is not UTF-8 either
  r.explanation = "{\"bytes\": \"00\"}";  // text that looks like the tag is still text
  r.traceback = "nan";
  r.warning = "inf";
  r.polarity = Polarity::LowerIsBetter;
  r.status = IndicatorResult::Status::Error;
  r.kind = IndicatorResult::Kind::Breakdown;
  r.value = nan;
  r.rag = Rag::Blue;
  const std::vector<double> values = {0.0,
                                      -0.0,
                                      0.1,
                                      -0.1,
                                      1.0 / 3.0,
                                      2.0 / 3.0 * 1e-300,
                                      1e300,
                                      -1e300,
                                      std::numeric_limits<double>::max(),
                                      std::numeric_limits<double>::lowest(),
                                      std::numeric_limits<double>::min(),
                                      std::numeric_limits<double>::denorm_min(),
                                      std::numeric_limits<double>::epsilon(),
                                      9007199254740993.0,
                                      9007199254740992.0,
                                      999999999999999.0,
                                      1e15,
                                      1e15 + 0.5,
                                      123456789.123456789,
                                      inf,
                                      -inf,
                                      nan,
                                      -nan};
  for (std::size_t i = 0; i < values.size(); ++i) r.series.push_back({"p" + std::to_string(i), values[i], {}});
  r.breakdown.push_back({"a", std::nullopt, {}, Rag::None, {}});
  r.breakdown.push_back({"", -inf, {{"", nan, {}}, {"q", -0.0, {}}}, Rag::Amber, {}});
  r.breakdown.push_back({"b", 0.30000000000000004, {}, Rag::Red, {}});
  r.provenance.line = std::numeric_limits<int>::min();
  r.provenance.data_version = std::numeric_limits<std::int64_t>::max();
  r.provenance.pack = "p";
  check_round_trip(r);
  for (std::int64_t v :
       {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(), std::int64_t(1) << 53,
        (std::int64_t(1) << 53) + 1, -(std::int64_t(1) << 53) - 1, std::int64_t(0), std::int64_t(-1)}) {
    r.provenance.data_version = v;
    r.provenance.line = std::numeric_limits<int>::max();
    INFO(v);
    check_round_trip(r);
  }
  // Every double of the series kept its bits.
  const IndicatorResult back = round_trip(r);
  for (std::size_t i = 0; i < values.size(); ++i) {
    INFO(i);
    if (std::isnan(values[i]))
      CHECK(std::isnan(back.series[i].value));
    else
      CHECK(std::bit_cast<std::uint64_t>(back.series[i].value) == std::bit_cast<std::uint64_t>(values[i]));
  }
  CHECK(std::signbit(back.series[1].value));
  CHECK(back.note == r.note);
  CHECK(back.unit.size() == 15);

  // The encodings themselves, as documented.
  CHECK(wire::encode_double(nan).to_json() == "\"nan\"");
  CHECK(wire::encode_double(-inf).to_json() == "\"-inf\"");
  CHECK(wire::encode_double(-0.0).to_json() == "\"-0\"");
  CHECK(wire::encode_double(0.1).to_json() == "0.1");
  CHECK(wire::encode_int64(std::int64_t(1) << 53).to_json() ==
        "9007199254740992.0");  // Tree::to_json marks numbers of 1e15 and more as reals
  CHECK(wire::encode_int64((std::int64_t(1) << 53) + 1).to_json() == "\"9007199254740993\"");
  CHECK(wire::encode_string("\xff").to_json() == "{\"bytes\":\"ff\"}");
  CHECK(wire::decode_string(wire::encode_string("\xff"), "x") == "\xff");
}

TEST_CASE("wire: failed and disabled and stale packs and hand-made edge cases round-trip", "[wire]") {
  gbtest::TempDir dir;
  const auto good = gbtest::write_pack(
      dir.path(), "good",
      {{"indicators/a.lua", "gov.indicator { id = 'good.a', title = 'A', compute = function() return 1 end }\n"}});
  gbtest::write_pack(dir.path(), "broken", {{"indicators/a.lua", "gov.indicator { id = = 'x' }\n"}});
  gbtest::write_pack(
      dir.path(), "off",
      {{"indicators/a.lua", "gov.indicator { id = 'off.a', title = 'A', compute = function() return 1 end }\n"}},
      "2.1.0-beta.1");
  script::PackSet set;
  set.set_disabled({"off"});
  set.add_source(dir.path(), "--packs");
  set.load();
  // A broken save of a loaded pack: the previous version stays active.
  gbtest::write_file(good / "indicators" / "a.lua",
                     "gov.indicator { id = 'good.a', title = 'A', compute = function() return 2 end\n");
  CHECK_FALSE(set.reload("good"));

  const PackCatalog cat = PackCatalog::of(set);
  REQUIRE(cat.packs.size() == 3);
  const CatalogPack* broken = cat.entry("broken");
  const CatalogPack* off = cat.entry("off");
  const CatalogPack* stale = cat.entry("good");
  REQUIRE(broken);
  REQUIRE(off);
  REQUIRE(stale);
  CHECK(broken->status == script::PackEntry::Status::Failed);
  CHECK_FALSE(broken->active);
  CHECK_FALSE(broken->problems.empty());
  CHECK(broken->definitions.indicators.empty());
  CHECK(off->status == script::PackEntry::Status::Disabled);
  CHECK_FALSE(off->active);
  REQUIRE(off->manifest);
  CHECK(off->manifest->version.to_string() == "2.1.0-beta.1");
  CHECK(off->definitions.indicators.empty());
  CHECK(stale->status == script::PackEntry::Status::Stale);
  CHECK(stale->active);
  CHECK(stale->problems.size() == 1);
  CHECK(stale->definitions.indicators.size() == 1);
  CHECK(cat.loaded_count() == 1);
  CHECK(cat.problems().size() == set.problems().size());
  REQUIRE(cat.indicators().size() == 1);
  CHECK(cat.find_indicator("good.a"));
  CHECK_FALSE(cat.find_indicator("off.a"));  // only active packs' definitions count
  check_round_trip(cat);

  // By hand: every field, odd values.
  CatalogPack p;
  p.name = "ünï";
  p.dir = "/tmp/\xff odd dir";
  p.origin = "";
  p.status = script::PackEntry::Status::Stale;
  script::PackManifest m;
  m.name = "x";
  m.version = *Version::parse("1.2.3-rc.1");
  m.api = -5;
  m.authors = {"", "日本"};
  m.requires_.emplace("a", VersionRange::parse("^1.2 || >=2.0.0-beta <3"));
  m.requires_.emplace("b", VersionRange::parse("*"));
  m.data_tables = {"t"};
  m.data_columns["t"] = {"c1", "c2"};
  m.data_columns["\xfe"] = {};
  m.permissions = {"write:notes"};
  p.manifest = m;
  p.active = true;
  p.problems.push_back({script::ScriptError::Kind::Budget, "x", "indicators/a.lua", 40, "too slow", "a\nb"});
  p.problems.push_back({script::ScriptError::Kind::Memory, "", "", 0, "", ""});
  p.problems.push_back({script::ScriptError::Kind::Host, "", "", -1, "\xc3", ""});
  script::IndicatorDef ind;
  ind.id = "x.i";
  ind.thresholds = Thresholds{-0.0, std::numeric_limits<double>::infinity()};
  ind.tags = {"a", ""};
  ind.site = {"indicators/a.lua", 7};
  p.definitions.indicators.push_back(ind);
  ind.thresholds.reset();
  ind.polarity = Polarity::HigherIsBetter;
  p.definitions.indicators.push_back(ind);
  script::RuleDef rule;
  rule.id = "x.r";
  rule.likelihood_scale = {"L", "H"};
  rule.impact_scale = {"L"};
  rule.grid = {{"green"}, {"red"}};
  p.definitions.rules.push_back(rule);
  p.definitions.rules.push_back({});
  script::ViewDef view;
  view.id = "x.v";
  view.params.push_back({"n", "number", {}, "1.5", -1e9, 1e9, 0.25, "N"});
  view.params.push_back({"c", "choice", {"a", "b", ""}, "a", 0, 0, 0, ""});
  p.definitions.views.push_back(view);
  p.definitions.tests.push_back({"t", 0, {"tests/t.lua", 3}});
  PackCatalog hand{{p, CatalogPack{}}};
  check_round_trip(hand);
  check_round_trip(PackCatalog{});

  for (auto level : {script::ConsoleMessage::Level::Print, script::ConsoleMessage::Level::Info,
                     script::ConsoleMessage::Level::Error})
    check_round_trip(script::ConsoleMessage{level, "p", "f.lua", 12, "hello\n\xff"});
  for (auto kind : {script::ScriptError::Kind::Syntax, script::ScriptError::Kind::Runtime})
    check_round_trip(script::ScriptError{kind, "p", "f", 1, "m", "t"});

  ScoredRegister reg;
  ScoredRisk risk;
  risk.risk_id = std::int64_t(1) << 60;
  risk.ref = -3;
  risk.current = {"M", "H", std::nan(""), Rag::Amber, "e"};
  reg.risks.push_back(risk);
  reg.reported = ReportedRag{"2021-Q3", "src", 7, 2, 1, 0};
  reg.errors = {"", "x"};
  check_round_trip(reg);
  HeatGrid g;
  g.likelihood = {"L", "H"};
  g.impact = {"L"};
  g.bands = {{Rag::Green}, {Rag::None}};
  g.scores = {{std::numeric_limits<double>::infinity()}, {-0.0}};
  check_round_trip(g);
  check_round_trip(HeatGrid{});
  RiskDetail det;
  HistoryPoint h;
  h.band = Rag::Blue;
  det.history.push_back(h);
  h.score = 12.5;
  det.history.push_back(h);
  LinkedArea area;
  area.id = 1;
  AreaAction aa;
  aa.id = 2;
  aa.seq = -1;
  area.actions.push_back(aa);
  det.areas.push_back(area);
  LinkedAction la;
  la.id = 9;
  la.rag = "purple";  // a free-text field, not an enum
  det.actions.push_back(la);
  ControlLine cl;
  cl.id = 4;
  cl.seq = 2;
  det.controls.push_back(cl);
  check_round_trip(det);
}

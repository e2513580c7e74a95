// The pack host's wire format (engine/wire.hpp): everything the window needs
// back from the host goes to_tree -> to_json -> parse_json -> from_tree and
// comes back equal, field for field and bit for bit; junk is refused with a
// gb::Error naming the field, never a crash.
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
#include "data/scenarios.hpp"
#include "engine/catalog.hpp"
#include "engine/evaluator.hpp"
#include "engine/register_model.hpp"
#include "engine/scenario.hpp"
#include "engine/scoring.hpp"
#include "support.hpp"

using namespace gb;
using namespace gb::engine;

namespace {

// ---- field-by-field equality, naming the first differences ------------------

using Diffs = std::vector<std::string>;

template <class T>
std::string show(const T& v) {
  if constexpr (std::is_same_v<T, std::string>)
    return "'" + v + "'";
  else if constexpr (std::is_enum_v<T>)
    return std::to_string(static_cast<int>(v));
  else
    return Catch::StringMaker<T>::convert(v);
}

void eq(Diffs& d, const std::string& p, const std::string& a, const std::string& b) {
  if (a != b) d.push_back(p + ": " + show(a) + " != " + show(b));
}
void eq(Diffs& d, const std::string& p, double a, double b) {
  const bool same =
      (std::isnan(a) && std::isnan(b)) || std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
  if (!same) d.push_back(p + ": " + show(a) + " != " + show(b));
}
template <class T>
requires(std::is_integral_v<T> || std::is_enum_v<T>) void eq(Diffs& d, const std::string& p, T a, T b) {
  if (a != b) d.push_back(p + ": " + show(a) + " != " + show(b));
}
void eq(Diffs& d, const std::string& p, const std::filesystem::path& a, const std::filesystem::path& b) {
  eq(d, p, a.string(), b.string());
}
void eq(Diffs& d, const std::string& p, const Version& a, const Version& b) {
  if (!(a == b)) d.push_back(p + ": " + a.to_string() + " != " + b.to_string());
}
void eq(Diffs& d, const std::string& p, const VersionRange& a, const VersionRange& b) {
  eq(d, p, a.to_string(), b.to_string());
}

void eq(Diffs& d, const std::string& p, const Thresholds& a, const Thresholds& b);
void eq(Diffs& d, const std::string& p, const script::DefinitionSite& a, const script::DefinitionSite& b);
void eq(Diffs& d, const std::string& p, const script::IndicatorDef& a, const script::IndicatorDef& b);
void eq(Diffs& d, const std::string& p, const script::RuleDef& a, const script::RuleDef& b);
void eq(Diffs& d, const std::string& p, const script::ParamSpec& a, const script::ParamSpec& b);
void eq(Diffs& d, const std::string& p, const script::ViewDef& a, const script::ViewDef& b);
void eq(Diffs& d, const std::string& p, const script::TestDef& a, const script::TestDef& b);
void eq(Diffs& d, const std::string& p, const script::PackDefinitions& a, const script::PackDefinitions& b);
void eq(Diffs& d, const std::string& p, const script::PackManifest& a, const script::PackManifest& b);
void eq(Diffs& d, const std::string& p, const script::ScriptError& a, const script::ScriptError& b);
void eq(Diffs& d, const std::string& p, const script::ConsoleMessage& a, const script::ConsoleMessage& b);
void eq(Diffs& d, const std::string& p, const CatalogPack& a, const CatalogPack& b);
void eq(Diffs& d, const std::string& p, const PackCatalog& a, const PackCatalog& b);
void eq(Diffs& d, const std::string& p, const SeriesPoint& a, const SeriesPoint& b);
void eq(Diffs& d, const std::string& p, const BreakdownItem& a, const BreakdownItem& b);
void eq(Diffs& d, const std::string& p, const Provenance& a, const Provenance& b);
void eq(Diffs& d, const std::string& p, const IndicatorResult& a, const IndicatorResult& b);
void eq(Diffs& d, const std::string& p, const ScoredPosition& a, const ScoredPosition& b);
void eq(Diffs& d, const std::string& p, const ScoredRisk& a, const ScoredRisk& b);
void eq(Diffs& d, const std::string& p, const ReportedRag& a, const ReportedRag& b);
void eq(Diffs& d, const std::string& p, const ScoredRegister& a, const ScoredRegister& b);
void eq(Diffs& d, const std::string& p, const HeatGrid& a, const HeatGrid& b);
void eq(Diffs& d, const std::string& p, const HistoryPoint& a, const HistoryPoint& b);
void eq(Diffs& d, const std::string& p, const ControlLine& a, const ControlLine& b);
void eq(Diffs& d, const std::string& p, const LinkedAction& a, const LinkedAction& b);
void eq(Diffs& d, const std::string& p, const AreaAction& a, const AreaAction& b);
void eq(Diffs& d, const std::string& p, const LinkedArea& a, const LinkedArea& b);
void eq(Diffs& d, const std::string& p, const RiskDetail& a, const RiskDetail& b);
void eq(Diffs& d, const std::string& p, const ViewRequest& a, const ViewRequest& b);
void eq(Diffs& d, const std::string& p, const RiskMove& a, const RiskMove& b);
void eq(Diffs& d, const std::string& p, const IndicatorChange::Group& a, const IndicatorChange::Group& b);
void eq(Diffs& d, const std::string& p, const IndicatorChange& a, const IndicatorChange& b);
void eq(Diffs& d, const std::string& p, const Outcome& a, const Outcome& b);
void eq(Diffs& d, const std::string& p, const OutcomeDiff& a, const OutcomeDiff& b);
void eq(Diffs& d, const std::string& p, const data::ScenarioChange& a, const data::ScenarioChange& b);
void eq(Diffs& d, const std::string& p, const data::Scenario& a, const data::Scenario& b);

template <class T>
void eq(Diffs& d, const std::string& p, const std::optional<T>& a, const std::optional<T>& b);
template <class T>
void eq(Diffs& d, const std::string& p, const std::vector<T>& a, const std::vector<T>& b);
template <class K, class V>
void eq(Diffs& d, const std::string& p, const std::pair<K, V>& a, const std::pair<K, V>& b);
template <class K, class V>
void eq(Diffs& d, const std::string& p, const std::map<K, V>& a, const std::map<K, V>& b);

template <class T>
void eq(Diffs& d, const std::string& p, const std::optional<T>& a, const std::optional<T>& b) {
  if (a.has_value() != b.has_value())
    d.push_back(p + ": " + (a ? "set" : "none") + " != " + (b ? "set" : "none"));
  else if (a)
    eq(d, p, *a, *b);
}
template <class T>
void eq(Diffs& d, const std::string& p, const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) {
    d.push_back(p + ": size " + std::to_string(a.size()) + " != " + std::to_string(b.size()));
    return;
  }
  for (std::size_t i = 0; i < a.size(); ++i) eq(d, p + "[" + std::to_string(i) + "]", a[i], b[i]);
}
template <class K, class V>
void eq(Diffs& d, const std::string& p, const std::pair<K, V>& a, const std::pair<K, V>& b) {
  eq(d, p + ".first", a.first, b.first);
  eq(d, p + ".second", a.second, b.second);
}
template <class K, class V>
void eq(Diffs& d, const std::string& p, const std::map<K, V>& a, const std::map<K, V>& b) {
  if (a.size() != b.size()) {
    d.push_back(p + ": size " + std::to_string(a.size()) + " != " + std::to_string(b.size()));
    return;
  }
  for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
    eq(d, p + "{key}", i->first, j->first);
    eq(d, p + "[" + i->first + "]", i->second, j->second);
  }
}

#define F(x) eq(d, p + "." #x, a.x, b.x)

void eq(Diffs& d, const std::string& p, const Thresholds& a, const Thresholds& b) {
  F(green);
  F(amber);
}
void eq(Diffs& d, const std::string& p, const script::DefinitionSite& a, const script::DefinitionSite& b) {
  F(file);
  F(line);
}
void eq(Diffs& d, const std::string& p, const script::IndicatorDef& a, const script::IndicatorDef& b) {
  F(id);
  F(title);
  F(description);
  F(unit);
  F(polarity);
  F(thresholds);
  F(tags);
  F(compute_ref);
  F(rag_ref);
  F(explain_ref);
  F(site);
}
void eq(Diffs& d, const std::string& p, const script::RuleDef& a, const script::RuleDef& b) {
  F(id);
  F(title);
  F(description);
  F(score_ref);
  F(band_ref);
  F(likelihood_scale);
  F(impact_scale);
  F(grid);
  F(site);
}
void eq(Diffs& d, const std::string& p, const script::ParamSpec& a, const script::ParamSpec& b) {
  F(name);
  F(kind);
  F(options);
  F(default_value);
  F(min);
  F(max);
  F(step);
  F(label);
}
void eq(Diffs& d, const std::string& p, const script::ViewDef& a, const script::ViewDef& b) {
  F(id);
  F(title);
  F(board);
  F(description);
  F(params);
  F(build_ref);
  F(site);
}
void eq(Diffs& d, const std::string& p, const script::TestDef& a, const script::TestDef& b) {
  F(name);
  F(run_ref);
  F(site);
}
void eq(Diffs& d, const std::string& p, const script::PackDefinitions& a, const script::PackDefinitions& b) {
  F(indicators);
  F(rules);
  F(views);
  F(tests);
}
void eq(Diffs& d, const std::string& p, const script::PackManifest& a, const script::PackManifest& b) {
  F(name);
  F(version);
  F(api);
  F(title);
  F(description);
  F(authors);
  F(license);
  F(requires_);
  F(data_tables);
  F(data_columns);
  F(permissions);
}
void eq(Diffs& d, const std::string& p, const script::ScriptError& a, const script::ScriptError& b) {
  F(kind);
  F(pack);
  F(file);
  F(line);
  F(message);
  F(traceback);
}
void eq(Diffs& d, const std::string& p, const script::ConsoleMessage& a, const script::ConsoleMessage& b) {
  F(level);
  F(pack);
  F(file);
  F(line);
  F(text);
}
void eq(Diffs& d, const std::string& p, const CatalogPack& a, const CatalogPack& b) {
  F(name);
  F(dir);
  F(origin);
  F(status);
  F(manifest);
  F(active);
  F(problems);
  F(definitions);
}
void eq(Diffs& d, const std::string& p, const PackCatalog& a, const PackCatalog& b) {
  F(packs);
}
void eq(Diffs& d, const std::string& p, const SeriesPoint& a, const SeriesPoint& b) {
  F(period);
  F(value);
}
void eq(Diffs& d, const std::string& p, const BreakdownItem& a, const BreakdownItem& b) {
  F(group);
  F(value);
  F(series);
  F(rag);
}
void eq(Diffs& d, const std::string& p, const Provenance& a, const Provenance& b) {
  F(pack);
  F(pack_version);
  F(file);
  F(line);
  F(definition_hash);
  F(data_version);
  F(as_of);
  F(evaluated_at);
}
void eq(Diffs& d, const std::string& p, const IndicatorResult& a, const IndicatorResult& b) {
  F(id);
  F(title);
  F(unit);
  F(polarity);
  F(status);
  F(kind);
  F(value);
  F(rag);
  F(series);
  F(breakdown);
  F(explanation);
  F(note);
  F(error);
  F(traceback);
  F(warning);
  F(provenance);
}
void eq(Diffs& d, const std::string& p, const ScoredPosition& a, const ScoredPosition& b) {
  F(likelihood);
  F(impact);
  F(score);
  F(band);
  F(error);
}
void eq(Diffs& d, const std::string& p, const ScoredRisk& a, const ScoredRisk& b) {
  F(risk_id);
  F(ref);
  F(name);
  F(term);
  F(trend);
  F(as_of);
  F(current);
  F(target);
}
void eq(Diffs& d, const std::string& p, const ReportedRag& a, const ReportedRag& b) {
  F(period);
  F(source);
  F(red);
  F(amber);
  F(green);
  F(blue);
}
void eq(Diffs& d, const std::string& p, const ScoredRegister& a, const ScoredRegister& b) {
  F(rule_id);
  F(rule_title);
  F(pack);
  F(pack_version);
  F(as_of);
  F(risks);
  F(red);
  F(amber);
  F(green);
  F(blue);
  F(unscored);
  F(errors);
  F(reported);
}
void eq(Diffs& d, const std::string& p, const HeatGrid& a, const HeatGrid& b) {
  F(likelihood);
  F(impact);
  F(bands);
  F(scores);
  F(error);
}
void eq(Diffs& d, const std::string& p, const HistoryPoint& a, const HistoryPoint& b) {
  F(as_of);
  F(period);
  F(likelihood);
  F(impact);
  F(score);
  F(band);
  F(trend);
  F(commentary);
}
void eq(Diffs& d, const std::string& p, const ControlLine& a, const ControlLine& b) {
  F(id);
  F(seq);
  F(description);
  F(owner);
  F(target_date);
  F(period);
  F(progress);
}
void eq(Diffs& d, const std::string& p, const LinkedAction& a, const LinkedAction& b) {
  F(id);
  F(plan);
  F(title);
  F(status);
  F(due);
  F(rag);
}
void eq(Diffs& d, const std::string& p, const AreaAction& a, const AreaAction& b) {
  F(id);
  F(seq);
  F(action);
  F(lead);
  F(status);
  F(rag);
}
void eq(Diffs& d, const std::string& p, const LinkedArea& a, const LinkedArea& b) {
  F(id);
  F(year);
  F(title);
  F(actions);
}
void eq(Diffs& d, const std::string& p, const RiskDetail& a, const RiskDetail& b) {
  F(risk_id);
  F(ref);
  F(name);
  F(description);
  F(owner);
  F(term);
  F(leads);
  F(history);
  F(controls);
  F(actions);
  F(areas);
}
void eq(Diffs& d, const std::string& p, const ViewRequest& a, const ViewRequest& b) {
  F(id);
  F(params);
  F(as_of);
}
void eq(Diffs& d, const std::string& p, const RiskMove& a, const RiskMove& b) {
  F(risk_id);
  F(ref);
  F(name);
  F(from);
  F(to);
}
void eq(Diffs& d, const std::string& p, const IndicatorChange::Group& a, const IndicatorChange::Group& b) {
  F(group);
  F(from);
  F(to);
}
void eq(Diffs& d, const std::string& p, const IndicatorChange& a, const IndicatorChange& b) {
  F(id);
  F(title);
  F(unit);
  F(from);
  F(to);
  F(delta);
  F(changed);
  F(groups);
}
void eq(Diffs& d, const std::string& p, const Outcome& a, const Outcome& b) {
  F(reg);
  F(indicators);
}
void eq(Diffs& d, const std::string& p, const OutcomeDiff& a, const OutcomeDiff& b) {
  F(rule_id);
  F(risks);
  F(indicators);
  F(from_red);
  F(from_amber);
  F(from_green);
  F(to_red);
  F(to_amber);
  F(to_green);
}
void eq(Diffs& d, const std::string& p, const data::ScenarioChange& a, const data::ScenarioChange& b) {
  F(id);
  F(kind);
  F(target_id);
  F(likelihood);
  F(impact);
  F(progress);
  F(status);
  F(rag);
  F(label);
  F(baseline);
  F(proposed);
}
void eq(Diffs& d, const std::string& p, const data::Scenario& a, const data::Scenario& b) {
  F(id);
  F(name);
  F(description);
  F(as_of);
  F(session_id);
  F(created_at);
  F(created_by);
  F(applied_at);
  F(applied_by);
  F(changes);
}

#undef F

// Sends `v` the way the host does (one line of JSON text) and reads it back.
template <class T>
T round_trip(const T& v) {
  const std::string line = wire::to_tree(v).to_json();
  REQUIRE(line.find('\n') == std::string::npos);
  T back = wire::from_tree<T>(parse_json(line));
  // Writing what was read gives the same text again.
  CHECK(wire::to_tree(back).to_json() == line);
  return back;
}

template <class T>
void check_round_trip(const T& v) {
  const T back = round_trip(v);
  Diffs d;
  eq(d, "", v, back);
  std::string shown;
  for (std::size_t i = 0; i < d.size() && i < 10; ++i) shown += d[i] + "\n";
  INFO(shown);
  CHECK(d.empty());
}

// ---- the demo database with the bundled packs -------------------------------

const char* kAsOf = "2021-12-31";  // the demo register's latest assessment date

struct Demo {
  gbtest::TempDir dir;
  std::filesystem::path path;
  script::PackSet packs;
  std::unique_ptr<script::ScriptDb> sdb;
  std::unique_ptr<IndicatorEvaluator> ev;
  Demo() {
    path = gbtest::demo_copy(dir);
    packs.add_source(std::filesystem::path(GOVBENCH_SOURCE_DIR) / "scripts", "bundled");
    packs.load();
    INFO((packs.problems().empty() ? std::string() : packs.problems()[0].to_string()));
    REQUIRE(packs.problems().empty());
    sdb = std::make_unique<script::ScriptDb>(path);
    ev = std::make_unique<IndicatorEvaluator>(packs, *sdb);
  }
};

// Every node of a tree, in preorder (for mutating each in turn).
void nodes(Tree& t, std::vector<Tree*>& out) {
  out.push_back(&t);
  if (t.is_array())
    for (auto& v : t.as_array()) nodes(v, out);
  else if (t.is_object())
    for (auto& [k, v] : t.as_object()) nodes(v, out);
}

// Replaces each node of `good` in turn with each of a few junk values and
// reads the result: it must read or throw gb::Error, nothing else.
template <class T>
std::size_t mutate_all(const Tree& good, std::size_t stride = 1) {
  std::vector<Tree> junk = {Tree(),    Tree(true),  Tree(1.5),     Tree(-1),      Tree(1e300),
                            Tree("x"), Tree("nan"), Tree::array(), Tree::object()};
  Tree nested = Tree::array();
  for (int i = 0; i < 100; ++i) {
    Tree outer = Tree::array();
    outer.push(std::move(nested));
    nested = std::move(outer);
  }
  junk.push_back(nested);
  std::size_t count = 0, refused = 0;
  Tree copy = good;
  std::vector<Tree*> all;
  nodes(copy, all);
  for (std::size_t i = 0; i < all.size(); i += stride) {
    for (const auto& j : junk) {
      Tree mutated = good;
      std::vector<Tree*> m;
      nodes(mutated, m);
      *m[i] = j;
      ++count;
      try {
        (void)wire::from_tree<T>(mutated);
      } catch (const Error& e) {
        ++refused;
        REQUIRE(std::string(e.what()).find(": ") != std::string::npos);
      }
    }
  }
  CHECK(refused > count / 2);
  return count;
}

}  // namespace

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
  for (std::size_t i = 0; i < values.size(); ++i) r.series.push_back({"p" + std::to_string(i), values[i]});
  r.breakdown.push_back({"a", std::nullopt, {}, Rag::None});
  r.breakdown.push_back({"", -inf, {{"", nan}, {"q", -0.0}}, Rag::Amber});
  r.breakdown.push_back({"b", 0.30000000000000004, {}, Rag::Red});
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

TEST_CASE("wire: junk is refused with the path of the field", "[wire]") {
  IndicatorResult r;
  r.id = "x";
  r.series = {{"2021", 1}, {"2022", 2}};
  r.breakdown = {{"g", 1.0, {}, Rag::Green}};
  const std::vector<IndicatorResult> list = {r, r, r, r};
  const Tree good = wire::to_tree(list);
  REQUIRE_NOTHROW(wire::from_tree<std::vector<IndicatorResult>>(good));

  auto refused = [&](const Tree& t, const std::string& expected, const std::string& path = {}) {
    try {
      (void)wire::from_tree<std::vector<IndicatorResult>>(t, path);
    } catch (const Error& e) {
      CHECK(std::string(e.what()) == expected);
      return;
    }
    FAIL("accepted, expected: " << expected);
  };
  auto with = [&](const std::string& key_path, Tree value) {
    Tree t = good;
    Tree* node = &t.as_array()[3];
    std::string rest = key_path;
    for (;;) {
      const auto dot = rest.find('.');
      const std::string key = rest.substr(0, dot);
      if (dot == std::string::npos) {
        node->set(key, std::move(value));
        break;
      }
      node = const_cast<Tree*>(node->find(key));
      rest = rest.substr(dot + 1);
    }
    return t;
  };
  auto without = [&](const std::string& key) {
    Tree t = good;
    auto& o = t.as_array()[3].as_object();
    std::erase_if(o, [&](const auto& kv) { return kv.first == key; });
    return t;
  };

  refused(with("provenance.line", "7"), "[3].provenance.line: expected an integer (got string)");
  refused(with("provenance.line", Tree(1.5)), "[3].provenance.line: expected an integer, got 1.5");
  refused(with("provenance.line", Tree(1e10)), "[3].provenance.line: integer out of range: 1e+10");
  refused(with("provenance.data_version", Tree(1e17)),
          "[3].provenance.data_version: an integer beyond 2^53 must be written as a decimal string");
  refused(with("provenance.data_version", "12x"),
          "[3].provenance.data_version: expected a 64-bit integer, got the string \"12x\"");
  refused(with("provenance.data_version", "99999999999999999999"),
          "[3].provenance.data_version: expected a 64-bit integer, got the string \"99999999999999999999\"");
  refused(with("status", "fine"),
          "[3].status: unknown name \"fine\" for a result status (expected one of ok, no_data, error)");
  refused(with("rag", Tree(2)), "[3].rag: expected a string naming a RAG band (got number)");
  refused(with("polarity", "Neutral"),
          "[3].polarity: unknown name \"Neutral\" for a polarity (expected one of higher_is_better, lower_is_better, "
          "neutral)");
  refused(
      with("value", "NaN"),
      "[3].value: expected a number, got the string \"NaN\" (only \"nan\", \"inf\", \"-inf\" and \"-0\" are numbers)");
  refused(with("value", Tree::array()), "[3].value: expected a number (got array)");
  refused(with("id", Tree()), "[3].id: expected a string (got null)");
  refused(with("id", Tree(3)), "[3].id: expected a string (got number)");
  {
    Tree bytes = Tree::object();
    bytes.set("bytes", "zz");
    refused(with("title", bytes), "[3].title.bytes: expected an even number of lower-case hex digits");
    bytes.set("more", 1);
    refused(with("title", bytes), "[3].title: expected a string (got object)");
  }
  refused(with("series", Tree::object()), "[3].series: expected an array (got object)");
  refused(without("provenance"), "[3].provenance: missing");
  refused(without("traceback"), "[3].traceback: missing");
  refused(with("extra", 1), "[3].\"extra\": unknown field");
  {
    Tree t = good;
    auto* s = const_cast<Tree*>(t.as_array()[3].find("series"));
    s->as_array()[1].set("value", Tree("inf!"));
    refused(t,
            "[3].series[1].value: expected a number, got the string \"inf!\" (only \"nan\", \"inf\", \"-inf\" and "
            "\"-0\" are numbers)");
    auto* b = const_cast<Tree*>(t.as_array()[0].find("breakdown"));
    b->as_array()[0].set("rag", "purple");
    refused(
        t,
        "[0].breakdown[0].rag: unknown name \"purple\" for a RAG band (expected one of none, green, amber, red, blue)");
  }
  {
    Tree t = good;
    t.as_array()[2].as_object().emplace_back("id", Tree("again"));  // only a Tree built in memory can hold this
    refused(t, "[2]: duplicate fields");
  }
  refused(Tree::object(), "(top level): expected an array (got object)");
  refused(Tree::object(), "results: expected an array (got object)", "results");
  refused(Tree("x"), "(top level): expected an array (got string)");
  {
    Tree t = good;
    t.as_array()[1] = Tree::array();
    refused(t, "[1]: expected an object (got array)");
  }

  // Deeply nested junk where a field should be: refused at that field, read no deeper.
  std::string deep = "[";
  for (int i = 0; i < 250; ++i) deep += "[";
  for (int i = 0; i < 251; ++i) deep += "]";
  refused(with("provenance", parse_json(deep)), "[3].provenance: expected an object (got array)");
  refused(parse_json(deep), "[0]: expected an object (got array)");
  // (Deeper than parse_json lets through, yet shallow enough that the Tree's
  // own recursive copy and destruction fit the stack under ASan.)
  Tree nested = Tree::object();
  for (int i = 0; i < 600; ++i) {
    Tree outer = Tree::object();
    outer.set("provenance", std::move(nested));
    nested = std::move(outer);
  }
  refused(with("provenance", nested), "[3].provenance.pack: missing");

  // The other types name their paths the same way.
  ScoredRegister reg;
  reg.risks.resize(3);
  Tree rt = wire::to_tree(reg);
  const_cast<Tree*>(rt.find("risks"))->as_array()[2].set("current", Tree("H"));
  CHECK_THROWS_WITH(wire::from_tree<ScoredRegister>(rt), "risks[2].current: expected an object (got string)");
  PackCatalog cat{{CatalogPack{}, CatalogPack{}}};
  cat.packs[1].definitions.indicators.resize(2);
  Tree ct = wire::to_tree(cat);
  Tree& pack1 = const_cast<Tree*>(ct.find("packs"))->as_array()[1];
  Tree defs = *pack1.find("definitions");
  const_cast<Tree*>(defs.find("indicators"))->as_array()[1].set("polarity", "sideways");
  pack1.set("definitions", defs);
  CHECK_THROWS_WITH(
      wire::from_tree<PackCatalog>(ct),
      "packs[1].definitions.indicators[1].polarity: unknown name \"sideways\" for a polarity (expected one of "
      "higher_is_better, lower_is_better, neutral)");
  pack1.set("status", "loaded ");
  CHECK_THROWS_WITH(wire::from_tree<PackCatalog>(ct),
                    Catch::StartsWith("packs[1].status: unknown name \"loaded \" for a pack status"));
  pack1.set("status", "loaded");
  script::PackManifest m;
  Tree mt = wire::to_tree(m);
  mt.set("version", "1.0");
  CHECK_THROWS_WITH(wire::from_tree<script::PackManifest>(mt), "version: not a version: \"1.0\"");
  mt.set("version", "1.0.0");
  Tree req = Tree::array();
  Tree kv = Tree::array();
  kv.push("a");
  kv.push("1.0 - 2.0");
  req.push(kv);
  mt.set("requires", req);
  CHECK_THROWS_WITH(wire::from_tree<script::PackManifest>(mt),
                    Catch::StartsWith("requires[0][1]: not a version range: "));
  req.as_array()[0].as_array()[1] = Tree("^1");
  req.push(req.as_array()[0]);
  mt.set("requires", req);
  CHECK_THROWS_WITH(wire::from_tree<script::PackManifest>(mt), "requires[1][0]: duplicate key \"a\"");
  req.as_array()[1] = Tree::array();
  mt.set("requires", req);
  CHECK_THROWS_WITH(wire::from_tree<script::PackManifest>(mt),
                    "requires[1]: expected a [key, value] array (got array)");
  CHECK_THROWS_AS(wire::from_json<PackCatalog>("{\"packs\": [}"), Error);  // parse_json's own error
  CHECK_THROWS_WITH(wire::from_json<ViewRequest>("{\"id\":\"v\",\"params\":[[\"a\",1]],\"as_of\":\"\"}"),
                    "params[0][1]: expected a string (got number)");
  CHECK_THROWS_WITH(wire::from_json<script::ConsoleMessage>(
                        "{\"level\":\"warn\",\"pack\":\"\",\"file\":\"\",\"line\":0,\"text\":\"\"}"),
                    "level: unknown name \"warn\" for a console level (expected one of print, info, error)");
  CHECK_THROWS_WITH(
      wire::from_json<script::ScriptError>(
          "{\"kind\":\"oom\",\"pack\":\"\",\"file\":\"\",\"line\":0,\"message\":\"\",\"traceback\":\"\"}"),
      "kind: unknown name \"oom\" for an error kind (expected one of syntax, runtime, budget, memory, host)");
}

TEST_CASE("wire: any node of a real message replaced by junk reads or throws gb::Error", "[wire][fuzz]") {
  Demo demo;
  const auto results = demo.ev->evaluate_all({.as_of = kAsOf, .params = {}});
  const ScoredRegister reg = score_register(demo.packs, *demo.sdb, kDefaultRule, kAsOf);
  data::Db db = data::Db::open(demo.path, data::OpenMode::ReadOnly);
  const RiskDetail detail = risk_detail(db, demo.packs, kDefaultRule, data::risk_id_for_ref(db, "10"));
  std::size_t tried = 0;
  tried += mutate_all<ScoredRegister>(wire::to_tree(reg));
  tried += mutate_all<HeatGrid>(wire::to_tree(heat_grid(demo.packs, reg)));
  tried += mutate_all<RiskDetail>(wire::to_tree(detail));
  for (std::size_t i = 0; i < results.size(); i += 5) tried += mutate_all<IndicatorResult>(wire::to_tree(results[i]));
  tried += mutate_all<PackCatalog>(wire::to_tree(PackCatalog::of(demo.packs)), 37);
  CHECK(tried > 1000);
}

// Shared by the wire format's tests (wire_test.cpp, wire_junk_test.cpp):
// field-by-field equality of everything the wire carries, naming the first
// differences (bit for bit for doubles); a round trip through one line of
// JSON text as the host sends it; and the demo database with the bundled
// packs. The eq overloads for structs are in wire_check.cpp.
#pragma once
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/json.hpp"
#include "data/scenarios.hpp"
#include "engine/catalog.hpp"
#include "engine/evaluator.hpp"
#include "engine/register_model.hpp"
#include "engine/scenario.hpp"
#include "engine/scoring.hpp"
#include "engine/wire.hpp"
#include "support.hpp"

namespace wiretest {

using namespace gb;
using namespace gb::engine;

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

inline void eq(Diffs& d, const std::string& p, const std::string& a, const std::string& b) {
  if (a != b) d.push_back(p + ": " + show(a) + " != " + show(b));
}
inline void eq(Diffs& d, const std::string& p, double a, double b) {
  const bool same =
      (std::isnan(a) && std::isnan(b)) || std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
  if (!same) d.push_back(p + ": " + show(a) + " != " + show(b));
}
template <class T>
requires(std::is_integral_v<T> || std::is_enum_v<T>) void eq(Diffs& d, const std::string& p, T a, T b) {
  if (a != b) d.push_back(p + ": " + show(a) + " != " + show(b));
}
inline void eq(Diffs& d, const std::string& p, const std::filesystem::path& a, const std::filesystem::path& b) {
  eq(d, p, a.string(), b.string());
}
inline void eq(Diffs& d, const std::string& p, const Version& a, const Version& b) {
  if (!(a == b)) d.push_back(p + ": " + a.to_string() + " != " + b.to_string());
}
inline void eq(Diffs& d, const std::string& p, const VersionRange& a, const VersionRange& b) {
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

inline constexpr const char* kAsOf = "2021-12-31";  // the demo register's latest assessment date

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

}  // namespace wiretest

// Field-by-field equality of the wire's structs (wire_check.hpp).
#include "wire_check.hpp"

namespace wiretest {

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

}  // namespace wiretest

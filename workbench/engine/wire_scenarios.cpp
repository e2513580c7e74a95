// The wire encodings of view requests and what-if work (wire.hpp): outcomes,
// their differences and scenarios.
#include <string>

#include "engine/wire.hpp"
#include "engine/wire_codec.hpp"

namespace gb::engine::wire {

namespace detail {

Tree w(const RiskMove& v) {
  return Out()
      .add("risk_id", v.risk_id)
      .add("ref", v.ref)
      .add("name", v.name)
      .add("from", v.from)
      .add("to", v.to)
      .done();
}
void r(const Tree& t, RiskMove& v, const std::string& p) {
  In(t, p).get("risk_id", v.risk_id).get("ref", v.ref).get("name", v.name).get("from", v.from).get("to", v.to).done();
}

Tree w(const IndicatorChange::Group& v) {
  return Out().add("group", v.group).add("from", v.from).add("to", v.to).done();
}
void r(const Tree& t, IndicatorChange::Group& v, const std::string& p) {
  In(t, p).get("group", v.group).get("from", v.from).get("to", v.to).done();
}

Tree w(const IndicatorChange& v) {
  return Out()
      .add("id", v.id)
      .add("title", v.title)
      .add("unit", v.unit)
      .add("from", v.from)
      .add("to", v.to)
      .add("delta", v.delta)
      .flag("changed", v.changed)
      .add("groups", v.groups)
      .done();
}
void r(const Tree& t, IndicatorChange& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("title", v.title)
      .get("unit", v.unit)
      .get("from", v.from)
      .get("to", v.to)
      .get("delta", v.delta)
      .get("changed", v.changed)
      .get("groups", v.groups)
      .done();
}

Tree w(const data::ScenarioChange& v) {
  return Out()
      .add("id", v.id)
      .add("kind", v.kind)
      .add("target_id", v.target_id)
      .add("likelihood", v.likelihood)
      .add("impact", v.impact)
      .add("progress", v.progress)
      .add("status", v.status)
      .add("rag", v.rag)
      .add("label", v.label)
      .add("baseline", v.baseline)
      .add("proposed", v.proposed)
      .done();
}
void r(const Tree& t, data::ScenarioChange& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("kind", v.kind)
      .get("target_id", v.target_id)
      .get("likelihood", v.likelihood)
      .get("impact", v.impact)
      .get("progress", v.progress)
      .get("status", v.status)
      .get("rag", v.rag)
      .get("label", v.label)
      .get("baseline", v.baseline)
      .get("proposed", v.proposed)
      .done();
}

}  // namespace detail

using namespace detail;

Tree to_tree(const ViewRequest& v) {
  return Out().add("id", v.id).add("params", v.params).add("as_of", v.as_of).done();
}
void read(const Tree& t, ViewRequest& v, const std::string& p) {
  In(t, p).get("id", v.id).get("params", v.params).get("as_of", v.as_of).done();
}

Tree to_tree(const Outcome& v) {
  return Out().add("reg", v.reg).add("indicators", v.indicators).done();
}
void read(const Tree& t, Outcome& v, const std::string& p) {
  In(t, p).get("reg", v.reg).get("indicators", v.indicators).done();
}

Tree to_tree(const OutcomeDiff& v) {
  return Out()
      .add("rule_id", v.rule_id)
      .add("risks", v.risks)
      .add("indicators", v.indicators)
      .add("from_red", v.from_red)
      .add("from_amber", v.from_amber)
      .add("from_green", v.from_green)
      .add("to_red", v.to_red)
      .add("to_amber", v.to_amber)
      .add("to_green", v.to_green)
      .done();
}
void read(const Tree& t, OutcomeDiff& v, const std::string& p) {
  In(t, p)
      .get("rule_id", v.rule_id)
      .get("risks", v.risks)
      .get("indicators", v.indicators)
      .get("from_red", v.from_red)
      .get("from_amber", v.from_amber)
      .get("from_green", v.from_green)
      .get("to_red", v.to_red)
      .get("to_amber", v.to_amber)
      .get("to_green", v.to_green)
      .done();
}

Tree to_tree(const data::Scenario& v) {
  return Out()
      .add("id", v.id)
      .add("name", v.name)
      .add("description", v.description)
      .add("as_of", v.as_of)
      .add("session_id", v.session_id)
      .add("created_at", v.created_at)
      .add("created_by", v.created_by)
      .add("applied_at", v.applied_at)
      .add("applied_by", v.applied_by)
      .add("changes", v.changes)
      .done();
}
void read(const Tree& t, data::Scenario& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("name", v.name)
      .get("description", v.description)
      .get("as_of", v.as_of)
      .get("session_id", v.session_id)
      .get("created_at", v.created_at)
      .get("created_by", v.created_by)
      .get("applied_at", v.applied_at)
      .get("applied_by", v.applied_by)
      .get("changes", v.changes)
      .done();
}

}  // namespace gb::engine::wire

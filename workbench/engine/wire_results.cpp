// The wire encodings of results (wire.hpp): indicator results, the scored
// register and its heat grid, and a risk's detail.
#include <string>

#include "engine/wire.hpp"
#include "engine/wire_codec.hpp"

namespace gb::engine::wire {

namespace detail {

Tree w(const Uncertainty& v) {
  return Out().add("lower", v.lower).add("upper", v.upper).add("n", v.n).done();
}
void r(const Tree& t, Uncertainty& v, const std::string& p) {
  In(t, p).get("lower", v.lower).get("upper", v.upper).get("n", v.n).done();
}

Tree w(const spc::XmrPoint& v) {
  return Out()
      .add("value", v.value)
      .add("mean", v.mean)
      .add("lcl", v.lcl)
      .add("ucl", v.ucl)
      .flag("beyond", v.beyond)
      .flag("shift", v.shift)
      .flag("trend", v.trend)
      .flag("near", v.near)
      .add("direction", v.direction)
      .done();
}
void r(const Tree& t, spc::XmrPoint& v, const std::string& p) {
  In(t, p)
      .get("value", v.value)
      .get("mean", v.mean)
      .get("lcl", v.lcl)
      .get("ucl", v.ucl)
      .get("beyond", v.beyond)
      .get("shift", v.shift)
      .get("trend", v.trend)
      .get("near", v.near)
      .get("direction", v.direction)
      .done();
}

Tree w(const spc::XmrSegment& v) {
  return Out()
      .add("from", static_cast<std::int64_t>(v.from))
      .add("to", static_cast<std::int64_t>(v.to))
      .add("mean", v.mean)
      .add("moving_range", v.moving_range)
      .add("lcl", v.lcl)
      .add("ucl", v.ucl)
      .done();
}
void r(const Tree& t, spc::XmrSegment& v, const std::string& p) {
  std::int64_t from = 0, to = 0;
  In(t, p)
      .get("from", from)
      .get("to", to)
      .get("mean", v.mean)
      .get("moving_range", v.moving_range)
      .get("lcl", v.lcl)
      .get("ucl", v.ucl)
      .done();
  if (from < 0 || to < from) fail(p, "a segment's points are out of order");
  v.from = static_cast<std::size_t>(from);
  v.to = static_cast<std::size_t>(to);
}

Tree w(const spc::Xmr& v) {
  return Out()
      .add("points", v.points)
      .add("segments", v.segments)
      .add("variation", v.variation)
      .add("assurance", v.assurance)
      .add("target", v.target)
      .done();
}
void r(const Tree& t, spc::Xmr& v, const std::string& p) {
  In(t, p)
      .get("points", v.points)
      .get("segments", v.segments)
      .get("variation", v.variation)
      .get("assurance", v.assurance)
      .get("target", v.target)
      .done();
  for (const auto& s : v.segments)
    if (s.to >= v.points.size()) fail(p, "a segment ends past the last point");
  if (v.segments.empty()) fail(p, "an XmR chart has at least one segment");
}

Tree w(const SeriesPoint& v) {
  return Out().add("period", v.period).add("value", v.value).add("ci", v.ci).done();
}
void r(const Tree& t, SeriesPoint& v, const std::string& p) {
  In(t, p).get("period", v.period).get("value", v.value).get("ci", v.ci).done();
}

Tree w(const BreakdownItem& v) {
  return Out()
      .add("group", v.group)
      .add("value", v.value)
      .add("series", v.series)
      .add("rag", v.rag)
      .add("ci", v.ci)
      .done();
}
void r(const Tree& t, BreakdownItem& v, const std::string& p) {
  In(t, p).get("group", v.group).get("value", v.value).get("series", v.series).get("rag", v.rag).get("ci", v.ci).done();
}

Tree w(const Provenance& v) {
  return Out()
      .add("pack", v.pack)
      .add("pack_version", v.pack_version)
      .add("file", v.file)
      .add("line", v.line)
      .add("definition_hash", v.definition_hash)
      .add("data_version", v.data_version)
      .add("as_of", v.as_of)
      .add("evaluated_at", v.evaluated_at)
      .done();
}
void r(const Tree& t, Provenance& v, const std::string& p) {
  In(t, p)
      .get("pack", v.pack)
      .get("pack_version", v.pack_version)
      .get("file", v.file)
      .get("line", v.line)
      .get("definition_hash", v.definition_hash)
      .get("data_version", v.data_version)
      .get("as_of", v.as_of)
      .get("evaluated_at", v.evaluated_at)
      .done();
}

// ---- register ------------------------------------------------------------------

Tree w(const ScoredRisk& v) {
  return Out()
      .add("risk_id", v.risk_id)
      .add("ref", v.ref)
      .add("name", v.name)
      .add("term", v.term)
      .add("trend", v.trend)
      .add("as_of", v.as_of)
      .add("current", v.current)
      .add("target", v.target)
      .done();
}
void r(const Tree& t, ScoredRisk& v, const std::string& p) {
  In(t, p)
      .get("risk_id", v.risk_id)
      .get("ref", v.ref)
      .get("name", v.name)
      .get("term", v.term)
      .get("trend", v.trend)
      .get("as_of", v.as_of)
      .get("current", v.current)
      .get("target", v.target)
      .done();
}

Tree w(const ReportedRag& v) {
  return Out()
      .add("period", v.period)
      .add("source", v.source)
      .add("red", v.red)
      .add("amber", v.amber)
      .add("green", v.green)
      .add("blue", v.blue)
      .done();
}
void r(const Tree& t, ReportedRag& v, const std::string& p) {
  In(t, p)
      .get("period", v.period)
      .get("source", v.source)
      .get("red", v.red)
      .get("amber", v.amber)
      .get("green", v.green)
      .get("blue", v.blue)
      .done();
}

Tree w(const HistoryPoint& v) {
  return Out()
      .add("as_of", v.as_of)
      .add("period", v.period)
      .add("likelihood", v.likelihood)
      .add("impact", v.impact)
      .add("score", v.score)
      .add("band", v.band)
      .add("trend", v.trend)
      .add("commentary", v.commentary)
      .done();
}
void r(const Tree& t, HistoryPoint& v, const std::string& p) {
  In(t, p)
      .get("as_of", v.as_of)
      .get("period", v.period)
      .get("likelihood", v.likelihood)
      .get("impact", v.impact)
      .get("score", v.score)
      .get("band", v.band)
      .get("trend", v.trend)
      .get("commentary", v.commentary)
      .done();
}

Tree w(const ControlLine& v) {
  return Out()
      .add("id", v.id)
      .add("seq", v.seq)
      .add("description", v.description)
      .add("owner", v.owner)
      .add("target_date", v.target_date)
      .add("period", v.period)
      .add("progress", v.progress)
      .done();
}
void r(const Tree& t, ControlLine& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("seq", v.seq)
      .get("description", v.description)
      .get("owner", v.owner)
      .get("target_date", v.target_date)
      .get("period", v.period)
      .get("progress", v.progress)
      .done();
}

Tree w(const LinkedAction& v) {
  return Out()
      .add("id", v.id)
      .add("plan", v.plan)
      .add("title", v.title)
      .add("status", v.status)
      .add("due", v.due)
      .add("rag", v.rag)
      .done();
}
void r(const Tree& t, LinkedAction& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("plan", v.plan)
      .get("title", v.title)
      .get("status", v.status)
      .get("due", v.due)
      .get("rag", v.rag)
      .done();
}

Tree w(const AreaAction& v) {
  return Out()
      .add("id", v.id)
      .add("seq", v.seq)
      .add("action", v.action)
      .add("lead", v.lead)
      .add("status", v.status)
      .add("rag", v.rag)
      .done();
}
void r(const Tree& t, AreaAction& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("seq", v.seq)
      .get("action", v.action)
      .get("lead", v.lead)
      .get("status", v.status)
      .get("rag", v.rag)
      .done();
}

Tree w(const LinkedArea& v) {
  return Out().add("id", v.id).add("year", v.year).add("title", v.title).add("actions", v.actions).done();
}
void r(const Tree& t, LinkedArea& v, const std::string& p) {
  In(t, p).get("id", v.id).get("year", v.year).get("title", v.title).get("actions", v.actions).done();
}

}  // namespace detail

using namespace detail;

Tree to_tree(const IndicatorResult& v) {
  return Out()
      .add("id", v.id)
      .add("title", v.title)
      .add("unit", v.unit)
      .add("polarity", v.polarity)
      .add("status", v.status)
      .add("kind", v.kind)
      .add("value", v.value)
      .add("rag", v.rag)
      .add("series", v.series)
      .add("breakdown", v.breakdown)
      .add("ci", v.ci)
      .add("level", v.level)
      .add("n_label", v.n_label)
      .add("spc", v.spc)
      .add("explanation", v.explanation)
      .add("note", v.note)
      .add("error", v.error)
      .add("traceback", v.traceback)
      .add("warning", v.warning)
      .add("provenance", v.provenance)
      .done();
}
void read(const Tree& t, IndicatorResult& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("title", v.title)
      .get("unit", v.unit)
      .get("polarity", v.polarity)
      .get("status", v.status)
      .get("kind", v.kind)
      .get("value", v.value)
      .get("rag", v.rag)
      .get("series", v.series)
      .get("breakdown", v.breakdown)
      .get("ci", v.ci)
      .get("level", v.level)
      .get("n_label", v.n_label)
      .get("spc", v.spc)
      .get("explanation", v.explanation)
      .get("note", v.note)
      .get("error", v.error)
      .get("traceback", v.traceback)
      .get("warning", v.warning)
      .get("provenance", v.provenance)
      .done();
}
Tree to_tree(const std::vector<IndicatorResult>& v) {
  return w(v);
}
void read(const Tree& t, std::vector<IndicatorResult>& v, const std::string& p) {
  r(t, v, p);
}

Tree to_tree(const ScoredPosition& v) {
  return Out()
      .add("likelihood", v.likelihood)
      .add("impact", v.impact)
      .add("score", v.score)
      .add("band", v.band)
      .add("error", v.error)
      .done();
}
void read(const Tree& t, ScoredPosition& v, const std::string& p) {
  In(t, p)
      .get("likelihood", v.likelihood)
      .get("impact", v.impact)
      .get("score", v.score)
      .get("band", v.band)
      .get("error", v.error)
      .done();
}

Tree to_tree(const ScoredRegister& v) {
  return Out()
      .add("rule_id", v.rule_id)
      .add("rule_title", v.rule_title)
      .add("pack", v.pack)
      .add("pack_version", v.pack_version)
      .add("as_of", v.as_of)
      .add("risks", v.risks)
      .add("red", v.red)
      .add("amber", v.amber)
      .add("green", v.green)
      .add("blue", v.blue)
      .add("unscored", v.unscored)
      .add("errors", v.errors)
      .add("reported", v.reported)
      .done();
}
void read(const Tree& t, ScoredRegister& v, const std::string& p) {
  In(t, p)
      .get("rule_id", v.rule_id)
      .get("rule_title", v.rule_title)
      .get("pack", v.pack)
      .get("pack_version", v.pack_version)
      .get("as_of", v.as_of)
      .get("risks", v.risks)
      .get("red", v.red)
      .get("amber", v.amber)
      .get("green", v.green)
      .get("blue", v.blue)
      .get("unscored", v.unscored)
      .get("errors", v.errors)
      .get("reported", v.reported)
      .done();
}

Tree to_tree(const HeatGrid& v) {
  return Out()
      .add("likelihood", v.likelihood)
      .add("impact", v.impact)
      .add("bands", v.bands)
      .add("scores", v.scores)
      .add("error", v.error)
      .done();
}
void read(const Tree& t, HeatGrid& v, const std::string& p) {
  In(t, p)
      .get("likelihood", v.likelihood)
      .get("impact", v.impact)
      .get("bands", v.bands)
      .get("scores", v.scores)
      .get("error", v.error)
      .done();
}

Tree to_tree(const RiskDetail& v) {
  return Out()
      .add("risk_id", v.risk_id)
      .add("ref", v.ref)
      .add("name", v.name)
      .add("description", v.description)
      .add("owner", v.owner)
      .add("term", v.term)
      .add("leads", v.leads)
      .add("history", v.history)
      .add("controls", v.controls)
      .add("actions", v.actions)
      .add("areas", v.areas)
      .done();
}
void read(const Tree& t, RiskDetail& v, const std::string& p) {
  In(t, p)
      .get("risk_id", v.risk_id)
      .get("ref", v.ref)
      .get("name", v.name)
      .get("description", v.description)
      .get("owner", v.owner)
      .get("term", v.term)
      .get("leads", v.leads)
      .get("history", v.history)
      .get("controls", v.controls)
      .get("actions", v.actions)
      .get("areas", v.areas)
      .done();
}

}  // namespace gb::engine::wire

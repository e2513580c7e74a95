#include "engine/scoring.hpp"

#include <algorithm>

#include "data/db.hpp"
#include "engine/evaluator.hpp"
#include "script/invoke.hpp"

namespace gb::engine {

namespace {

std::string where(const script::DefinitionRef<script::RuleDef>& rule) {
  return "pack " + rule.pack->name() + ": " + rule.def->site.file + ":" + std::to_string(rule.def->site.line) + ": rule " +
         rule.def->id;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

ScoredPosition score_position(const script::DefinitionRef<script::RuleDef>& rule, const Tree& risk) {
  ScoredPosition p;
  const Tree* l = risk.find("likelihood");
  const Tree* i = risk.find("impact");
  if (!l || !i || !l->is_string() || !i->is_string()) return p;  // no position to score
  p.likelihood = l->as_string();
  p.impact = i->as_string();
  const script::RuleDef& def = *rule.def;
  if (def.is_data()) {
    auto li = std::find(def.likelihood_scale.begin(), def.likelihood_scale.end(), p.likelihood);
    auto ii = std::find(def.impact_scale.begin(), def.impact_scale.end(), p.impact);
    if (li == def.likelihood_scale.end() || ii == def.impact_scale.end()) {
      p.error = where(rule) + ": " +
                (li == def.likelihood_scale.end() ? "likelihood '" + p.likelihood + "' is not on its scale (" + join(def.likelihood_scale) + ")"
                                                  : "impact '" + p.impact + "' is not on its scale (" + join(def.impact_scale) + ")");
      return p;
    }
    const auto lx = static_cast<std::size_t>(li - def.likelihood_scale.begin());
    const auto ix = static_cast<std::size_t>(ii - def.impact_scale.begin());
    p.band = *parse_rag(def.grid[lx][ix]);
    if (def.score_ref) {
      script::Invocation s = script::invoke(*rule.pack, def.score_ref, nullptr, {risk});
      if (s.error) p.error = s.error->to_string();
      else if (!s.value.is_number()) p.error = where(rule) + ": score returned a " + s.value.type_name() + ", not a number";
      else p.score = s.value.as_number();
    } else {
      p.score = static_cast<double>((lx + 1) * (ix + 1));
    }
    return p;
  }
  script::Invocation s = script::invoke(*rule.pack, def.score_ref, nullptr, {risk});
  if (s.error) {
    p.error = s.error->to_string();
    return p;
  }
  if (!s.value.is_number()) {
    p.error = where(rule) + ": score returned a " + std::string(s.value.type_name()) + ", not a number";
    return p;
  }
  p.score = s.value.as_number();
  script::Invocation b = script::invoke(*rule.pack, def.band_ref, nullptr, {Tree(*p.score), risk});
  if (b.error) {
    p.error = b.error->to_string();
    return p;
  }
  const auto band = b.value.is_string() ? parse_rag(b.value.as_string()) : std::nullopt;
  if (!band) {
    p.error = where(rule) + ": band returned " + (b.value.is_string() ? "'" + b.value.as_string() + "'" : b.value.type_name()) +
              "; it must return 'red', 'amber', 'green' or 'blue'";
    return p;
  }
  p.band = *band;
  return p;
}

ScoredRegister score_register(const script::PackSet& packs, script::ScriptDb& db, const std::string& rule_id,
                              const std::string& as_of_in) {
  auto rule = packs.find_rule(rule_id);
  if (!rule) {
    std::string known;
    for (const auto& r : packs.rules()) known += (known.empty() ? "" : ", ") + r.def->id;
    throw Error("no scoring rule '" + rule_id + "'" + (known.empty() ? " (no pack defines any rule)" : " (known: " + known + ")"));
  }
  ScoredRegister out;
  out.rule_id = rule_id;
  out.rule_title = rule->def->title;
  out.pack = rule->pack->name();
  out.pack_version = rule->pack->manifest().version.to_string();
  out.as_of = as_of_in.empty() ? today_iso() : as_of_in;

  // The register as it stood at as_of: each risk's latest assessment and
  // target on or before that date.
  data::Statement st = db.db().prepare(R"(
    SELECT r.id, r.ref, r.name, r.term, a.likelihood, a.impact, a.trend, a.as_of, t.likelihood, t.impact
      FROM risks r
      LEFT JOIN risk_assessments a ON a.id = (SELECT a2.id FROM risk_assessments a2
                                               WHERE a2.risk_id = r.id AND a2.as_of <= ?1
                                               ORDER BY a2.as_of DESC LIMIT 1)
      LEFT JOIN risk_targets t ON t.id = (SELECT t2.id FROM risk_targets t2
                                           WHERE t2.risk_id = r.id AND t2.as_of <= ?1
                                           ORDER BY t2.as_of DESC LIMIT 1)
     ORDER BY r.ref)");
  st.bind(1, out.as_of);
  while (st.step()) {
    ScoredRisk r;
    r.risk_id = st.column_int(0);
    r.ref = st.column_int(1);
    r.name = st.column_text(2);
    r.term = st.column_text(3);
    r.trend = st.column_text(6);
    r.as_of = st.column_text(7);
    auto position = [&](int l, int i, const char* which) {
      Tree t = Tree::object();
      t.set("ref", r.ref);
      t.set("name", r.name);
      t.set("term", r.term);
      t.set("trend", r.trend);
      t.set("position", which);
      t.set("likelihood", st.column_is_null(l) ? Tree() : Tree(st.column_text(l)));
      t.set("impact", st.column_is_null(i) ? Tree() : Tree(st.column_text(i)));
      return t;
    };
    const Tree current = position(4, 5, "current");
    const Tree target = position(8, 9, "target");
    r.current = score_position(*rule, current);
    r.target = score_position(*rule, target);
    for (const auto* p : {&r.current, &r.target})
      if (!p->error.empty()) out.errors.push_back("risk " + std::to_string(r.ref) + ": " + p->error);
    switch (r.current.band) {
      case Rag::Red: ++out.red; break;
      case Rag::Amber: ++out.amber; break;
      case Rag::Green: ++out.green; break;
      case Rag::Blue: ++out.blue; break;
      case Rag::None: ++out.unscored; break;
    }
    out.risks.push_back(std::move(r));
  }

  data::Statement rep = db.db().prepare(R"(
    SELECT o.period, o.grp, o.value, s.document
      FROM observations o JOIN sources s ON s.id = o.source_id
     WHERE o.metric_id = 'risk.rag_count'
       AND o.period = (SELECT p.period FROM observations p
                        WHERE p.metric_id = 'risk.rag_count' AND COALESCE(p.period_end, p.period_start) <= ?1
                        ORDER BY COALESCE(p.period_end, p.period_start) DESC LIMIT 1))");
  rep.bind(1, out.as_of);
  while (rep.step()) {
    if (!out.reported) out.reported = ReportedRag{rep.column_text(0), rep.column_text(3)};
    const auto n = static_cast<int>(rep.column_double(2));
    const std::string band = rep.column_text(1);
    if (band == "red") out.reported->red = n;
    else if (band == "amber") out.reported->amber = n;
    else if (band == "green") out.reported->green = n;
    else if (band == "blue") out.reported->blue = n;
  }
  return out;
}

}  // namespace gb::engine

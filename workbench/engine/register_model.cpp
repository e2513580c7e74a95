#include "engine/register_model.hpp"

#include <algorithm>

#include "core/register_levels.hpp"

namespace gb::engine {

namespace {

int index_of(const std::vector<std::string>& v, const std::string& s) {
  auto it = std::find(v.begin(), v.end(), s);
  return it == v.end() ? -1 : static_cast<int>(it - v.begin());
}
}  // namespace

int HeatGrid::likelihood_index(const std::string& label) const {
  return index_of(likelihood, label);
}
int HeatGrid::impact_index(const std::string& label) const {
  return index_of(impact, label);
}

HeatGrid heat_grid(const script::PackSet& packs, const ScoredRegister& reg) {
  HeatGrid g;
  auto rule = packs.find_rule(reg.rule_id);
  if (!rule) {
    g.error = "no scoring rule '" + reg.rule_id + "'";
    return g;
  }
  g.likelihood = rule->def->likelihood_scale;
  g.impact = rule->def->impact_scale;
  if (g.likelihood.empty() || g.impact.empty()) {
    // An undeclared scale: the register's five levels, without VL when no
    // risk uses it (the Met's register has four).
    bool uses_vl = false;
    for (const auto& r : reg.risks)
      for (const auto* p : {&r.current, &r.target})
        uses_vl = uses_vl || p->likelihood == kRiskLevels[0] || p->impact == kRiskLevels[0];
    std::vector<std::string> levels(kRiskLevels.begin(), kRiskLevels.end());
    if (!uses_vl) levels.erase(levels.begin());
    if (g.likelihood.empty()) g.likelihood = levels;
    if (g.impact.empty()) g.impact = levels;
  }
  g.bands.assign(g.likelihood.size(), std::vector<Rag>(g.impact.size(), Rag::None));
  g.scores.assign(g.likelihood.size(), std::vector<double>(g.impact.size(), 0));
  for (std::size_t l = 0; l < g.likelihood.size(); ++l) {
    for (std::size_t i = 0; i < g.impact.size(); ++i) {
      Tree cell = Tree::object();
      cell.set("likelihood", g.likelihood[l]);
      cell.set("impact", g.impact[i]);
      cell.set("position", "current");
      const ScoredPosition p = score_position(*rule, cell);
      if (!p.error.empty() && g.error.empty()) g.error = p.error;
      g.bands[l][i] = p.band;
      g.scores[l][i] = p.score.value_or(0);
    }
  }
  return g;
}

RiskDetail risk_detail(data::Db& db, const script::PackSet& packs, const std::string& rule_id, std::int64_t risk_id) {
  RiskDetail d;
  d.risk_id = risk_id;
  {
    data::Statement st = db.prepare(R"(
      SELECT r.ref, r.name, r.description, o.title, r.term,
             (SELECT group_concat(ro.title, '; ') FROM risk_leads rl JOIN roles ro ON ro.id = rl.role_id
               WHERE rl.risk_id = r.id)
        FROM risks r JOIN roles o ON o.id = r.owner_role_id WHERE r.id = ?)");
    st.bind(1, risk_id);
    if (!st.step()) return d;
    d.ref = st.column_int(0);
    d.name = st.column_text(1);
    d.description = st.column_text(2);
    d.owner = st.column_text(3);
    d.term = st.column_text(4);
    d.leads = st.column_text(5);
  }
  auto rule = packs.find_rule(rule_id);
  {
    data::Statement st = db.prepare(
        "SELECT as_of, period, likelihood, impact, trend, commentary FROM risk_assessments WHERE risk_id = ? ORDER BY "
        "as_of");
    st.bind(1, risk_id);
    while (st.step()) {
      HistoryPoint p;
      p.as_of = st.column_text(0);
      p.period = st.column_text(1);
      p.likelihood = st.column_text(2);
      p.impact = st.column_text(3);
      p.trend = st.column_text(4);
      p.commentary = st.column_text(5);
      if (rule) {
        Tree t = Tree::object();
        t.set("ref", d.ref);
        t.set("name", d.name);
        t.set("term", d.term);
        t.set("position", "current");
        t.set("likelihood", p.likelihood);
        t.set("impact", p.impact);
        const ScoredPosition s = score_position(*rule, t);
        p.score = s.score;
        p.band = s.band;
      }
      d.history.push_back(std::move(p));
    }
  }
  {
    data::Statement st = db.prepare(R"(
      SELECT c.id, c.seq, c.description, COALESCE(c.owner, ''), COALESCE(c.target_date, ''),
             COALESCE(cp.period, ''), COALESCE(cp.progress, '')
        FROM controls c
        LEFT JOIN control_progress cp ON cp.id = (SELECT id FROM control_progress WHERE control_id = c.id
                                                   ORDER BY period DESC LIMIT 1)
       WHERE c.risk_id = ? ORDER BY c.seq)");
    st.bind(1, risk_id);
    while (st.step())
      d.controls.push_back({st.column_int(0), static_cast<int>(st.column_int(1)), st.column_text(2), st.column_text(3),
                            st.column_text(4), st.column_text(5), st.column_text(6)});
  }
  {
    data::Statement st = db.prepare(R"(
      SELECT ai.id, ap.code, ai.title, COALESCE(ai.status, ''), COALESCE(ai.due, ai.due_text, ''), COALESCE(ai.rag, '')
        FROM action_item_risks x JOIN action_items ai ON ai.id = x.item_id JOIN action_plans ap ON ap.id = ai.plan_id
       WHERE x.risk_id = ? ORDER BY ap.code, ai.seq)");
    st.bind(1, risk_id);
    while (st.step())
      d.actions.push_back({st.column_int(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
                           st.column_text(5)});
  }
  {
    data::Statement st = db.prepare(R"(
      SELECT a.id, a.year, a.title FROM improvement_area_risks x JOIN improvement_areas a ON a.id = x.area_id
       WHERE x.risk_id = ? ORDER BY a.year, a.number)");
    st.bind(1, risk_id);
    while (st.step()) d.areas.push_back({st.column_int(0), st.column_text(1), st.column_text(2), {}});
  }
  for (auto& area : d.areas) {
    data::Statement st = db.prepare(
        "SELECT id, seq, action, COALESCE(lead, ''), COALESCE(status, ''), COALESCE(rag, '') FROM improvement_actions "
        "WHERE area_id = ? ORDER BY seq");
    st.bind(1, area.id);
    while (st.step())
      area.actions.push_back({st.column_int(0), static_cast<int>(st.column_int(1)), st.column_text(2),
                              st.column_text(3), st.column_text(4), st.column_text(5)});
  }
  return d;
}

}  // namespace gb::engine

#include "engine/scoring.hpp"

#include <algorithm>
#include <optional>

#include "core/dates.hpp"
#include "data/db.hpp"
#include "engine/evaluator.hpp"
#include "script/invoke.hpp"

namespace gb::engine {

namespace {

std::string where(const script::DefinitionRef<script::RuleDef>& rule) {
  return "pack " + rule.pack->name() + ": " + rule.def->site.file + ":" + std::to_string(rule.def->site.line) +
         ": rule " + rule.def->id;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

struct RiskRow {
  std::int64_t risk_id = 0, ref = 0;
  std::string name, term, trend, as_of;
  std::optional<std::string> likelihood, impact, target_likelihood, target_impact;
  std::string owner;
};

std::optional<std::string> text_or_null(const data::Statement& st, int i) {
  if (st.column_is_null(i)) return std::nullopt;
  return st.column_text(i);
}

// Adds a scored risk's errors and its current band to the register's counts.
void tally(ScoredRegister& out, const ScoredRisk& r) {
  for (const auto* p : {&r.current, &r.target})
    if (!p->error.empty()) out.errors.push_back("risk " + std::to_string(r.ref) + ": " + p->error);
  switch (r.current.band) {
    case Rag::Red:
      ++out.red;
      break;
    case Rag::Amber:
      ++out.amber;
      break;
    case Rag::Green:
      ++out.green;
      break;
    case Rag::Blue:
      ++out.blue;
      break;
    case Rag::None:
      ++out.unscored;
      break;
  }
}

void add_scored(const script::DefinitionRef<script::RuleDef>& rule, const RiskRow& row, ScoredRegister& out) {
  ScoredRisk r;
  r.risk_id = row.risk_id;
  r.ref = row.ref;
  r.name = row.name;
  r.term = row.term;
  r.trend = row.trend;
  r.as_of = row.as_of;
  r.owner = row.owner;
  auto position = [&](const std::optional<std::string>& l, const std::optional<std::string>& i, const char* which) {
    Tree t = Tree::object();
    t.set("ref", r.ref);
    t.set("name", r.name);
    t.set("term", r.term);
    t.set("trend", r.trend);
    t.set("position", which);
    t.set("likelihood", l ? Tree(*l) : Tree());
    t.set("impact", i ? Tree(*i) : Tree());
    return t;
  };
  r.current = score_position(rule, position(row.likelihood, row.impact, "current"));
  r.target = score_position(rule, position(row.target_likelihood, row.target_impact, "target"));
  tally(out, r);
  out.risks.push_back(std::move(r));
}

// Scores every risk as the register stood at out.as_of: each risk's latest
// assessment and target on or before that date.
void score_all(const script::DefinitionRef<script::RuleDef>& rule, script::ScriptDb& db, ScoredRegister& out) {
  data::Statement st = db.db().prepare(R"(
    SELECT r.id, r.ref, r.name, r.term, a.likelihood, a.impact, a.trend, a.as_of, t.likelihood, t.impact,
           COALESCE((SELECT o.title FROM roles o WHERE o.id = r.owner_role_id), '')
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
    RiskRow row{st.column_int(0),    st.column_int(1),    st.column_text(2),   st.column_text(3),
                st.column_text(6),   st.column_text(7),   text_or_null(st, 4), text_or_null(st, 5),
                text_or_null(st, 8), text_or_null(st, 9), st.column_text(10)};
    add_scored(rule, row, out);
  }
}

// The same for the given risks only, one at a time: with the risk fixed,
// SQLite reads "its latest assessment" through an index even when
// risk_assessments is a scenario's UNION ALL view (engine/scenario.hpp),
// which the correlated form above cannot.
void score_some(const script::DefinitionRef<script::RuleDef>& rule, script::ScriptDb& db, ScoredRegister& out,
                const std::vector<std::int64_t>& ids) {
  data::Statement risk = db.db().prepare(
      "SELECT r.id, r.ref, r.name, r.term, COALESCE((SELECT o.title FROM roles o WHERE o.id = r.owner_role_id), '') "
      "FROM risks r WHERE r.id = ?");
  data::Statement current = db.db().prepare(
      "SELECT likelihood, impact, trend, as_of FROM risk_assessments WHERE risk_id = ?1 AND as_of <= ?2 "
      "ORDER BY as_of DESC LIMIT 1");
  data::Statement target = db.db().prepare(
      "SELECT likelihood, impact FROM risk_targets WHERE risk_id = ?1 AND as_of <= ?2 ORDER BY as_of DESC LIMIT 1");
  for (const std::int64_t id : ids) {
    risk.reset();
    risk.bind(1, id);
    if (!risk.step()) continue;
    RiskRow row{
        risk.column_int(0), risk.column_int(1), risk.column_text(2), risk.column_text(3), "", "", {}, {}, {}, {},
        risk.column_text(4)};
    current.reset();
    current.bind(1, id).bind(2, out.as_of);
    if (current.step()) {
      row.likelihood = text_or_null(current, 0);
      row.impact = text_or_null(current, 1);
      row.trend = current.column_text(2);
      row.as_of = current.column_text(3);
    }
    target.reset();
    target.bind(1, id).bind(2, out.as_of);
    if (target.step()) {
      row.target_likelihood = text_or_null(target, 0);
      row.target_impact = text_or_null(target, 1);
    }
    add_scored(rule, row, out);
  }
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
                (li == def.likelihood_scale.end()
                     ? "likelihood '" + p.likelihood + "' is not on its scale (" + join(def.likelihood_scale) + ")"
                     : "impact '" + p.impact + "' is not on its scale (" + join(def.impact_scale) + ")");
      return p;
    }
    const auto lx = static_cast<std::size_t>(li - def.likelihood_scale.begin());
    const auto ix = static_cast<std::size_t>(ii - def.impact_scale.begin());
    p.band = *parse_rag(def.grid[lx][ix]);
    if (def.score_ref) {
      script::Invocation s = script::invoke(*rule.pack, def.score_ref, nullptr, {risk});
      if (s.error)
        p.error = s.error->to_string();
      else if (!s.value.is_number())
        p.error = where(rule) + ": score returned a " + s.value.type_name() + ", not a number";
      else
        p.score = s.value.as_number();
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
    p.error = where(rule) + ": band returned " +
              (b.value.is_string() ? "'" + b.value.as_string() + "'" : b.value.type_name()) +
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
    throw Error("no scoring rule '" + rule_id + "'" +
                (known.empty() ? " (no pack defines any rule)" : " (known: " + known + ")"));
  }
  ScoredRegister out;
  out.rule_id = rule_id;
  out.rule_title = rule->def->title;
  out.pack = rule->pack->name();
  out.pack_version = rule->pack->manifest().version.to_string();
  out.as_of = as_of_in.empty() ? today_utc() : as_of_in;

  score_all(*rule, db, out);

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
    if (band == "red")
      out.reported->red = n;
    else if (band == "amber")
      out.reported->amber = n;
    else if (band == "green")
      out.reported->green = n;
    else if (band == "blue")
      out.reported->blue = n;
  }
  return out;
}

ScoredRegister rescore_risks(const script::PackSet& packs, script::ScriptDb& db, const ScoredRegister& reg,
                             const std::vector<std::int64_t>& risk_ids) {
  auto rule = packs.find_rule(reg.rule_id);
  if (!rule) throw Error("no scoring rule '" + reg.rule_id + "'");
  ScoredRegister fresh;
  fresh.as_of = reg.as_of;
  score_some(*rule, db, fresh, risk_ids);
  ScoredRegister out = reg;
  for (auto& r : fresh.risks) {
    auto it =
        std::find_if(out.risks.begin(), out.risks.end(), [&](const ScoredRisk& x) { return x.risk_id == r.risk_id; });
    if (it != out.risks.end()) *it = std::move(r);
  }
  // Counts and errors follow the risks.
  out.red = out.amber = out.green = out.blue = out.unscored = 0;
  out.errors.clear();
  for (const auto& r : out.risks) tally(out, r);
  return out;
}

}  // namespace gb::engine

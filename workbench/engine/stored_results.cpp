#include "engine/stored_results.hpp"

#include <string>
#include <utility>

#include "core/dates.hpp"
#include "data/audit_log.hpp"
#include "data/migrations.hpp"
#include "data/settings.hpp"

namespace gb::engine {

void store_indicator_results(const std::filesystem::path& db_path, const std::vector<IndicatorResult>& results) {
  data::Db db = data::open_governance_db(db_path, data::OpenMode::ReadWrite);
  const std::string fingerprint = data::content_fingerprint(db);
  data::Transaction tx(db);
  data::Statement st = db.prepare(R"(INSERT INTO indicator_results
      (indicator_id, pack, pack_version, definition_hash, data_fingerprint, as_of, evaluated_at, status, kind, value,
       rag, explanation, error, result_json, id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))");
  for (const auto& r : results) {
    if (r.provenance.pack.empty()) continue;  // unknown id: nothing to store
    st.bind(1, r.id)
        .bind(2, r.provenance.pack)
        .bind(3, r.provenance.pack_version)
        .bind(4, r.provenance.definition_hash);
    st.bind(5, fingerprint)
        .bind(6, r.provenance.as_of)
        .bind(7, r.provenance.evaluated_at)
        .bind(8, status_name(r.status));
    st.bind(9, kind_name(r.kind));
    if (r.value)
      st.bind(10, *r.value);
    else
      st.bind(10, nullptr);
    if (r.rag == Rag::None)
      st.bind(11, nullptr);
    else
      st.bind(11, rag_name(r.rag));
    st.bind(12, r.explanation);
    if (r.error.empty())
      st.bind(13, nullptr);
    else
      st.bind(13, r.error);
    Tree t = r.to_tree();
    t.set("data_fingerprint", fingerprint);
    st.bind(14, t.to_json());
    st.bind(15, db.new_row_id("indicator_results"));
    st.run();
    st.reset();
  }
  data::record_audit(db, data::AuditEntry{.action = "insert",
                                          .table = "indicator_results",
                                          .row_id = "",
                                          .before = "",
                                          .after = "{\"results\":" + std::to_string(results.size()) + "}"});
  tx.commit();
}

int store_risk_scores(const std::filesystem::path& db_path, const ScoredRegister& reg) {
  data::Db w = data::open_governance_db(db_path, data::OpenMode::ReadWrite);
  data::Transaction tx(w);
  data::Statement st = w.prepare(R"(INSERT INTO risk_scores (risk_id, as_of, position, likelihood, impact, rule_id,
        pack, pack_version, score, band, scored_at, id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?))");
  const std::string now = now_utc();
  int stored = 0;
  for (const auto& r : reg.risks) {
    for (const auto& [p, name] : {std::pair{&r.current, "current"}, std::pair{&r.target, "target"}}) {
      if (!p->score || p->band == Rag::None) continue;
      st.bind(1, r.risk_id).bind(2, r.as_of.empty() ? reg.as_of : r.as_of).bind(3, name).bind(4, p->likelihood);
      st.bind(5, p->impact).bind(6, reg.rule_id).bind(7, reg.pack).bind(8, reg.pack_version).bind(9, *p->score);
      st.bind(10, rag_name(p->band)).bind(11, now).bind(12, w.new_row_id("risk_scores"));
      st.run();
      st.reset();
      ++stored;
    }
  }
  data::record_audit(
      w, data::AuditEntry{.action = "insert",
                          .table = "risk_scores",
                          .row_id = "",
                          .before = "",
                          .after = "{\"rule\":\"" + reg.rule_id + "\",\"scores\":" + std::to_string(stored) + "}"});
  tx.commit();
  return stored;
}

}  // namespace gb::engine

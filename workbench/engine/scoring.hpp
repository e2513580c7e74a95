// Scoring the risk register with a rule: each risk's current and target
// position becomes a score, a band and a heat-map cell.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/rag.hpp"
#include "core/tree.hpp"
#include "script/pack_set.hpp"
#include "script/script_db.hpp"

namespace gb::engine {

inline constexpr const char* kDefaultRule = "met.lxi4";

struct ScoredPosition {
  std::string likelihood;  // empty: no such position recorded
  std::string impact;
  std::optional<double> score;
  Rag band = Rag::None;
  std::string error;
};

struct ScoredRisk {
  std::int64_t risk_id = 0;
  std::int64_t ref = 0;
  std::string name;
  std::string term;
  std::string trend;
  std::string as_of;  // date of the assessment scored
  std::string owner;  // the owning role's title ("Deputy Commissioner"), empty if none
  ScoredPosition current;
  ScoredPosition target;
};

// The register's own progress RAG, as reported (the risk report opens with
// "seven green, two amber, one red"): kept as observations of the metric
// risk.rag_count, one per band, in the latest period on or before as_of.
struct ReportedRag {
  std::string period;
  std::string source;  // the document that reports it
  int red = 0, amber = 0, green = 0, blue = 0;
};

struct ScoredRegister {
  std::string rule_id;
  std::string rule_title;
  std::string pack;
  std::string pack_version;
  std::string as_of;
  std::vector<ScoredRisk> risks;
  int red = 0, amber = 0, green = 0, blue = 0, unscored = 0;  // current positions by band
  std::vector<std::string> errors;
  std::optional<ReportedRag> reported;
};

// Scores every risk as the register stood at `as_of` (each risk's latest
// assessment and target on or before it). Throws gb::Error when the rule
// does not exist.
ScoredRegister score_register(const script::PackSet& packs, script::ScriptDb& db, const std::string& rule_id,
                              const std::string& as_of);

// `reg` (a score_register result) with the given risks (risks.id) scored
// again, as the connection reads them now, and the band counts recounted.
// A rule scores a risk from that risk's row alone (rule functions get no
// ctx and no database), so when only these risks' rows differ from what
// `reg` was scored from, the result equals a full score_register: what-if
// re-scores only the risks a scenario changes.
ScoredRegister rescore_risks(const script::PackSet& packs, script::ScriptDb& db, const ScoredRegister& reg,
                             const std::vector<std::int64_t>& risk_ids);

// Scores one position with a rule (for pack tests and what-if).
ScoredPosition score_position(const script::DefinitionRef<script::RuleDef>& rule, const Tree& risk);

}  // namespace gb::engine

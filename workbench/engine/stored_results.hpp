// Keeping results in the database (`eval --store`, `score --store`): each
// indicator result with its provenance and the data's content fingerprint
// in indicator_results, each scored position with the rule and pack
// version that produced it in risk_scores. One transaction each, with its
// audit_log row; stored rows are never rewritten.
#pragma once
#include <filesystem>
#include <vector>

#include "core/indicator_result.hpp"
#include "engine/scoring.hpp"

namespace gb::engine {

// Opens the database at `db_path` for editing and stores `results` (those
// of an unknown id, which name no pack, are skipped).
void store_indicator_results(const std::filesystem::path& db_path, const std::vector<IndicatorResult>& results);

// Opens the database at `db_path` for editing and stores every scored
// position of `reg` (current and target; unscored ones are skipped).
// Returns how many were stored.
int store_risk_scores(const std::filesystem::path& db_path, const ScoredRegister& reg);

}  // namespace gb::engine

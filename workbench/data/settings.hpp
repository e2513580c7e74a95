// Workspace settings kept in the database (table `settings`): the active
// scoring rule, the script time budget and memory cap.
#pragma once
#include <optional>
#include <string>

#include "data/db.hpp"

namespace gb::data {

inline constexpr const char* kSettingScoringRule = "scoring.rule";
inline constexpr const char* kSettingTimeBudgetMs = "script.time_budget_ms";
inline constexpr const char* kSettingMemoryCapMb = "script.memory_cap_mb";

std::optional<std::string> get_setting(Db& db, const std::string& key);
// Writes the setting and its audit_log row in one transaction; the
// schema's CHECK constraints validate the value.
void set_setting(Db& db, const std::string& key, const std::string& value);

// A hash of every row of every data table (not the engine's own output,
// the audit log or import records), for provenance: two databases with the
// same fingerprint hold the same data. Reads everything: use it when
// storing or exporting results, not on every evaluation.
std::string content_fingerprint(Db& db);

}  // namespace gb::data

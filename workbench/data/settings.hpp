// Workspace settings kept in the database (table `settings`): the active
// scoring rule, the script time budget and memory cap.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "data/db.hpp"

namespace gb::data {

inline constexpr const char* kSettingScoringRule = "scoring.rule";
inline constexpr const char* kSettingTimeBudgetMs = "script.time_budget_ms";
inline constexpr const char* kSettingMemoryCapMb = "script.memory_cap_mb";

std::optional<std::string> get_setting(Db& db, const std::string& key);

// The accepted range of each whole-number setting (the schema's CHECKs).
inline constexpr std::int64_t kTimeBudgetMsMin = 10, kTimeBudgetMsMax = 600000;
inline constexpr std::int64_t kMemoryCapMbMin = 8, kMemoryCapMbMax = 4096;

// A whole-number setting as stored, checked when read: a database made by
// another program (or edited by hand) may hold anything. Throws gb::Error
// naming the setting, the stored value and the accepted range, and how to
// change it; nullopt when the setting is not set.
std::optional<std::int64_t> int_setting(Db& db, const std::string& key, std::int64_t min, std::int64_t max);
// Writes the setting and its audit_log row in one transaction; the
// schema's CHECK constraints validate the value.
void set_setting(Db& db, const std::string& key, const std::string& value);

// A hash of every row of every data table (not the engine's own output,
// the audit log or import records), for provenance: two databases with the
// same fingerprint hold the same data. Reads everything: use it when
// storing or exporting results, not on every evaluation.
std::string content_fingerprint(Db& db);

namespace detail {
// The hash both fingerprints use (this one and data/replica.hpp's): FNV-1a
// 64 over each table's name and the typed values of the rows `select`'s
// query returns for it, tables in name order; `select` gives nullopt to
// leave a table out.
std::string fingerprint_tables(Db& db, const std::function<std::optional<std::string>(const std::string&)>& select);
}  // namespace detail

}  // namespace gb::data

// Workspace settings as the window and the command line read and change
// them (`govbench setting`): the active scoring rule, the script budgets
// and packs' parameters, kept in the database (data/settings.hpp).
#pragma once
#include <optional>
#include <string>

#include "data/db.hpp"
#include "data/settings.hpp"

namespace gb::engine {

using data::kSettingMemoryCapMb;
using data::kSettingScoringRule;
using data::kSettingTimeBudgetMs;

// The setting as stored, or nullopt when it is not set.
std::optional<std::string> setting(data::Db& db, const std::string& key);
// The workspace's active scoring rule: scoring.rule, else kDefaultRule.
std::string active_scoring_rule(data::Db& db);
// Changes a setting: written with its audit_log row in one transaction;
// the schema's CHECK constraints validate the value.
void change_setting(data::Db& db, const std::string& key, const std::string& value);

}  // namespace gb::engine

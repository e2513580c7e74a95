// --scenario NAME for commands that compute (eval, score, render): the
// scenario to compute under, read from the database.
#pragma once
#include <optional>
#include <string>

#include "app/cli.hpp"
#include "data/scenario_model.hpp"

namespace gb::app {

// The scenario --scenario names (gb::Error when there is none), or nullopt
// without the option. --store with --scenario is a usage error: stored
// results are the register's, never a scenario's.
std::optional<data::Scenario> scenario_option(const Args& a, const std::string& db_path);

}  // namespace gb::app

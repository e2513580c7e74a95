// The Lua API the host gives packs. One C++ file per Lua module:
//   api_gov.cpp   gov.indicator, gov.rule, gov.view, gov.test, gov.param.*
//   api_ctx.cpp   the context object passed to compute/score/build functions
//   api_stats.cpp gov.stats: intervals, tests, trend and control charts
// Every function is also described, for pack authors, in scripts/types/.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct lua_State;

namespace gb::script {

void install_gov_api(lua_State* L);
std::vector<std::string> context_api_names();
// Pushes the gov.stats table; its functions' names ("gov.stats.wilson", ...).
void push_stats_api(lua_State* L);
std::vector<std::string> stats_api_names();

// Ids of indicators, rules and views: dotted lower-case words of letters,
// digits and '_' ("trust.confidence_gap.black"), at most 128 bytes.
bool valid_definition_id(std::string_view id);

// Names of every function the host registers, as "gov.indicator",
// "ctx.sql", ... (the API-stub test checks each appears in scripts/types/).
std::vector<std::string> registered_api_names();

// The fields each definition function accepts, by the stub class that
// describes them ("gov.IndicatorSpec" -> id, title, ...): any other field
// is refused as a likely typo, so the stubs must list every one.
std::vector<std::pair<std::string, std::vector<std::string>>> definition_fields();

}  // namespace gb::script

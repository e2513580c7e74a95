// Building board views: run a view's build(ctx, params), check the tree it
// returns (docs/VIEWS.md), resolve what needs the engine (heat maps,
// indicator tiles) and attach provenance. The result is plain data that the
// renderers (the Views panel, HTML, CSV, JSON) draw without touching Lua.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/tree.hpp"
#include "core/view_tree.hpp"  // view_error_count
#include "engine/evaluator.hpp"
#include "script/pack_set.hpp"
#include "script/script_db.hpp"

namespace gb::engine {

struct ViewRequest {
  std::string id;
  std::vector<std::pair<std::string, std::string>> params;  // overrides of the declared defaults
  std::string as_of;                                        // empty = today
};

// Builds the resolved tree. Never throws for problems of the view itself:
// they are listed under "errors" (and unresolvable elements become error
// elements in place). Throws gb::Error only for a request that names no
// view or gives a parameter the view does not declare or accept.
Tree build_view(const script::PackSet& packs, script::ScriptDb& db, IndicatorEvaluator& evaluator,
                const ViewRequest& request, const std::string& database_label);

// Checks and resolves the tree a view's build returned, as build_view does:
// each element against docs/VIEWS.md, heat maps scored, indicator tiles
// evaluated. Problems become error elements in place and are appended to
// `errors` (an array). Never throws for anything in `tree`, which is
// untrusted pack output (the view-tree fuzzer feeds it arbitrary trees).
// `figures_as_at`, when given, receives the latest `as_at` its pages state
// (empty when none does).
Tree resolve_view_tree(const script::PackSet& packs, script::ScriptDb& db, IndicatorEvaluator& evaluator,
                       const Tree& tree, const std::string& as_of, const std::string& view_id, Tree& errors,
                       std::string* figures_as_at = nullptr);

// Every view element type ("page", "rag_summary", ...) with the fields it
// takes besides type, site and children (the catalogue, core/view_tree.hpp).
std::vector<std::pair<std::string, std::vector<std::string>>> view_element_fields();

}  // namespace gb::engine

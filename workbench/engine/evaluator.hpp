// Evaluates indicators: runs compute in the indicator's pack, reads the
// result's shape, rates it, explains it, and records where it came from.
// Indicators that use others (ctx.indicator) are evaluated depth-first; a
// cycle is an error naming every indicator in it.
//
// Results are cached. Each keeps the tables its evaluation read (the
// connection's authorizer sees every read, script_db.hpp), its
// dependencies' included, so the DAG of ctx.indicator calls needs no walk
// of its own. When the database changes, only the results that read a
// table written since (table_changes.hpp) are dropped; everything is
// dropped when a pack changes, a scenario overlay is installed or removed,
// or the change cannot be attributed to tables. A result whose reads are
// unknown (a pragma, a TEMP table, a failed statement, a table written
// without audit rows) is dropped at any change.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/indicator_result.hpp"
#include "engine/table_changes.hpp"
#include "script/pack_set.hpp"
#include "script/script_db.hpp"

namespace gb::engine {

struct EvalOptions {
  std::string as_of;  // ISO date; empty = today
  std::vector<std::pair<std::string, std::string>> params;
};

// Indicators may use others through ctx.indicator at most this deep (across
// every pack); a deeper chain is an error naming where it starts.
constexpr std::size_t kMaxIndicatorDepth = 48;

class IndicatorEvaluator {
 public:
  IndicatorEvaluator(const script::PackSet& packs, script::ScriptDb& db);

  IndicatorResult evaluate(const std::string& id, const EvalOptions& options = {});
  // Every indicator of every loaded pack, in pack load order.
  std::vector<IndicatorResult> evaluate_all(const EvalOptions& options = {});

  // What ctx.indicator does in code run with `options`: evaluates the other
  // indicator (as at the same date) and hands back its result table, or
  // its error.
  std::function<bool(const std::string&, Tree&, std::string&)> dependency_resolver(EvalOptions options);

  // An indicator that must not run again (it stalled or crashed the pack
  // host): evaluating it gives this error, and so does ctx.indicator on it.
  void block(const std::string& id, std::string error) { blocked_[id] = std::move(error); }
  void unblock_all() { blocked_.clear(); }

  std::size_t cache_hits() const { return hits_; }
  std::size_t evaluations() const { return evaluations_; }
  // What the cached result of `id` (as at `as_of`, no params) read; null
  // when none is cached.
  const script::ReadSet* reads_of(const std::string& id, const std::string& as_of) const;
  // How many results the last change of the database dropped, and whether
  // it dropped them all (the change could not be attributed to tables).
  std::size_t last_dropped() const { return last_dropped_; }
  bool last_change_unknown() const { return last_change_unknown_; }

 private:
  IndicatorResult compute(const script::DefinitionRef<script::IndicatorDef>& ref, const std::string& as_of,
                          const EvalOptions& options);
  void rate(const script::DefinitionRef<script::IndicatorDef>& ref, IndicatorResult& r);
  // For a compute that returned nothing: the warning that a `return` is
  // likely missing, or "" when it returned nothing on purpose (a bare
  // `return`). `return_line` runs compute again to find where it returned.
  std::string missing_return_warning(const script::DefinitionRef<script::IndicatorDef>& ref,
                                     const std::function<int()>& return_line);
  std::optional<Rag> call_rag(const script::DefinitionRef<script::IndicatorDef>& ref, double value, std::string& error);
  void refresh_cache_validity();

  const script::PackSet& packs_;
  script::ScriptDb& db_;
  std::vector<std::string> stack_;  // indicators being evaluated, outermost first
  std::map<std::string, std::string> blocked_;
  std::string chain_error_;  // set when a chain passed kMaxIndicatorDepth, until the outermost call
  struct Cached {
    IndicatorResult result;
    script::ReadSet reads;
  };
  // The result's reads, into the reads of the indicator that asked for it
  // (ctx.indicator), if any.
  void depends_on(const script::ReadSet& reads);
  std::map<std::string, Cached> cache_;
  std::vector<script::ReadSet*> reading_;  // parallel to stack_: what each evaluation read so far
  TableChanges changes_;
  std::size_t last_dropped_ = 0;
  bool last_change_unknown_ = false;
  std::uint64_t cache_packs_hash_ = 0;
  std::int64_t cache_data_version_ = -1;
  std::uint64_t cache_overlay_ = 0;
  std::size_t hits_ = 0;
  std::size_t evaluations_ = 0;
};

// The host's working for a result, when the indicator gives none.
std::string default_explanation(const IndicatorResult& r, const std::optional<Thresholds>& thresholds);

}  // namespace gb::engine

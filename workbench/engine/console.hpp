// The scratch console: one line (or a few) of Lua or SQL run against the
// open database with the same ctx, sandbox, time budget and memory cap a
// pack gets, its answer shaped for showing: a value, a table of rows, a
// series or breakdown as a chart, or an error with its line. The window's
// Console panel (through the pack host) and `govbench console` both use it.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/indicator_result.hpp"
#include "core/tree.hpp"
#include "script/pack_set.hpp"
#include "script/script_db.hpp"

namespace gb::engine {

class IndicatorEvaluator;

// Rows a console answer keeps (the rest are counted, not shown).
constexpr std::size_t kConsoleMaxRows = 1000;

struct ConsoleTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // cells as text ("NULL" for none)
  std::vector<bool> numeric;                   // per column: every non-null cell a number
  std::size_t total_rows = 0;                  // before the cut at kConsoleMaxRows
};

struct ConsoleOutcome {
  enum class Kind { Nothing, Value, Table, Error };
  std::string input;
  std::string language;  // "lua" or "sql"
  Kind kind = Kind::Nothing;
  std::string text;  // a value as text, or the error's message
  int line = 0;      // for an error: the input's line (1-based), 0 when none applies
  ConsoleTable table;
  // A series or a breakdown in the answer, drawn as a chart (kind None when
  // there is none): what an indicator returning it would show.
  IndicatorResult chart;
  std::vector<std::string> printed;  // print() output, in order
  double milliseconds = 0;

  Tree to_tree() const;
  // Throws gb::Error when `t` is not a console outcome.
  static ConsoleOutcome from_tree(const Tree& t);
};

// "SELECT ...", "WITH ...", "VALUES ..." and "EXPLAIN ..." are SQL;
// everything else is Lua.
bool looks_like_sql(std::string_view input);

class ConsoleSession {
 public:
  // `packs` and `db` must outlive the session; after the packs reload, call
  // reset() (their lib/ modules are what require finds).
  ConsoleSession(const script::PackSet& packs, script::ScriptDb& db, IndicatorEvaluator& evaluator);
  ~ConsoleSession();
  ConsoleSession(const ConsoleSession&) = delete;
  ConsoleSession& operator=(const ConsoleSession&) = delete;

  // Runs one input as at `as_of` (empty: today). Lua is first tried as an
  // expression (`return <input>`), then as statements; globals it sets stay
  // for the next input until reset(). Never throws.
  ConsoleOutcome run(const std::string& input, const std::string& as_of);
  // A fresh Lua state (forgets globals; sees reloaded packs' modules).
  void reset();

 private:
  ConsoleOutcome run_sql(const std::string& input);
  ConsoleOutcome run_lua(const std::string& input, const std::string& as_of);

  const script::PackSet& packs_;
  script::ScriptDb& db_;
  IndicatorEvaluator& evaluator_;
  std::shared_ptr<script::Pack> scratch_;
  std::vector<std::string> printed_;
};

// The SQL behind `govbench console`'s dot commands, run as any input is:
// .tables lists the tables and views, .columns TABLE a table's columns and
// their declared types (the name is quoted as an SQL string, never spliced).
std::string tables_query();
std::string columns_query(std::string_view table);

// A gov.indicator definition computing what `input` computes, for a pack
// file: Lua is returned from compute as it is; SQL through ctx.value (one
// value) or ctx.sql (rows, returned as a breakdown or series when they
// have two columns).
std::string indicator_skeleton(const std::string& id, const std::string& title, const std::string& input);

// Writes the skeleton as PACK_DIR/indicators/<file>.lua (named after the
// id's last part) and returns the path. Throws gb::Error when PACK_DIR is
// not a pack folder, the id is not valid, or the file exists (it is never
// overwritten).
std::filesystem::path save_as_indicator(const std::filesystem::path& pack_dir, const std::string& id,
                                        const std::string& title, const std::string& input);

}  // namespace gb::engine

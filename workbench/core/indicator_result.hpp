// The result of evaluating one indicator: its value (a number, a series or
// a breakdown), its RAG, the working that explains it, and where it came
// from. "No data" and "error" are states of their own, never a colour.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/format.hpp"  // format_number, format_value: how a result reads
#include "core/rag.hpp"
#include "core/spc.hpp"
#include "core/tree.hpp"

namespace gb {

// An interval around a value (both ends or neither) and the count behind
// it (respondents, searches, neighbourhoods), when the pack gives them.
struct Uncertainty {
  std::optional<double> lower;
  std::optional<double> upper;
  std::optional<double> n;
  bool has_interval() const { return lower.has_value() && upper.has_value(); }
};

struct SeriesPoint {
  std::string period;
  double value = 0;
  Uncertainty ci;
};

struct BreakdownItem {
  std::string group;
  std::optional<double> value;      // for a breakdown of numbers
  std::vector<SeriesPoint> series;  // for a breakdown per period
  Rag rag = Rag::None;
  Uncertainty ci;
};

struct Provenance {
  std::string pack;
  std::string pack_version;
  std::string file;  // where the indicator is defined
  int line = 0;
  std::string definition_hash;    // changes when any file of the pack changes
  std::int64_t data_version = 0;  // changes when the database changes (this process)
  std::string as_of;
  std::string evaluated_at;  // UTC ISO 8601
};

struct IndicatorResult {
  enum class Status { Ok, NoData, Error };
  enum class Kind { None, Number, Series, Breakdown };

  std::string id;
  std::string title;
  std::string unit;
  Polarity polarity = Polarity::Neutral;
  Status status = Status::NoData;
  Kind kind = Kind::None;
  std::optional<double> value;  // the headline
  Rag rag = Rag::None;
  std::vector<SeriesPoint> series;
  std::vector<BreakdownItem> breakdown;
  // The headline's interval and count; `level` is the intervals' confidence
  // (0.95 unless the pack says) and `n_label` what n counts ("respondents").
  Uncertainty ci;
  double level = 0.95;
  std::string n_label;
  // A series' XmR chart, when compute asked for one (`spc = {...}`).
  std::optional<spc::Xmr> spc;
  std::string explanation;
  std::string note;
  std::string error;      // for Status::Error: why
  std::string traceback;  // pack frames, for Status::Error
  // A likely mistake that is not an error: "compute returned nothing - is a
  // `return` missing?" (govbench check --db reports it as a problem).
  std::string warning;
  Provenance provenance;

  // The previous period's value of a series (for the change and trend arrow).
  std::optional<double> previous() const;
  // Whether the latest change of a series is beyond noise: nullopt when
  // the result cannot say (no SPC and no intervals on the last two
  // points); with SPC, whether the latest point is a special cause; with
  // intervals, whether the difference's 95% interval (from the two
  // intervals, taken as normal) leaves out zero.
  std::optional<bool> change_is_significant() const;
  // "-20.6 pp, 95% CI -24.1 to -17.2, 98 neighbourhoods"; "" without an
  // interval or n.
  std::string interval_words() const;
  // "Common cause variation (mean 12, limits 8.1 to 16); hit and miss
  // against the target 80"; "" without SPC.
  std::string spc_words() const;

  // As `govbench eval --format json` prints it; also what ctx.indicator and
  // t.eval hand to Lua.
  Tree to_tree() const;
};

// An XmR chart as the JSON output and ctx.indicator show it: the latest
// limits, the verdicts, the segments and the special-cause points.
Tree spc_tree(const spc::Xmr& x);

const char* status_name(IndicatorResult::Status s);
const char* kind_name(IndicatorResult::Kind k);

}  // namespace gb

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
#include "core/tree.hpp"

namespace gb {

struct SeriesPoint {
  std::string period;
  double value = 0;
};

struct BreakdownItem {
  std::string group;
  std::optional<double> value;      // for a breakdown of numbers
  std::vector<SeriesPoint> series;  // for a breakdown per period
  Rag rag = Rag::None;
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

  // As `govbench eval --format json` prints it; also what ctx.indicator and
  // t.eval hand to Lua.
  Tree to_tree() const;
};

const char* status_name(IndicatorResult::Status s);
const char* kind_name(IndicatorResult::Kind k);

}  // namespace gb

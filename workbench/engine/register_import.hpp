// The corporate risk register kept as a workbook, brought in as audited
// edits (`govbench import-register`, issue 21). A mapping file beside the
// workbook says which sheet and which columns hold a risk's ref,
// likelihood, impact and trend (and, to compare, its name, owner and
// target), with value maps such as "Very High" -> VH:
//
//   # register.map: the Strategy team's register workbook
//   sheet = Register
//   header-rows = 1
//   as-of = 2022-03-31
//   column ref = Ref
//   column likelihood = Likelihood
//   column impact = Impact
//   column trend = Direction of travel
//   column name = Risk
//   value * Very High = VH              (* : likelihood, impact and targets)
//   value trend Up = worsening
//
// plan_register_import reads the workbook and the register and says, per
// risk, what would change; EditPath::apply_register_import records each
// change as a new assessment through the edit path (validated, audited,
// undoable), all in one transaction. Nothing else is written: a name,
// owner or target that differs is reported, not changed, and a ref the
// register does not have is reported, not added.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "data/db.hpp"
#include "data/edit_model.hpp"

namespace gb::engine {

struct RegisterMapping {
  std::string file;  // for messages
  std::string sheet, range, as_of;
  int header_rows = 1;
  struct Column {
    std::string header;
    SourceLocation where;
  };
  std::map<std::string, Column> columns;  // field -> the header that holds it
  // field ("*" for every level field) -> workbook text (lower case) -> value
  std::map<std::string, std::map<std::string, std::string>> values;
};

// The fields a mapping may name: ref (required), likelihood, impact, trend,
// and, compared only, name, owner, target_likelihood, target_impact.
const std::vector<std::string>& register_fields();

// Reads a mapping file (see above). Errors name the file and line.
RegisterMapping read_register_mapping(const std::filesystem::path& file);

struct RiskUpdate {
  std::int64_t ref = 0;
  std::string name;                  // the register's
  std::int64_t sheet_row = 0;        // 1-based
  std::vector<std::string> changes;  // "likelihood M -> H"
  data::AssessmentEdit edit;         // what is recorded
};

struct RegisterPlan {
  std::string sheet, range;
  std::int64_t rows = 0;       // data rows read
  std::int64_t unchanged = 0;  // risks whose position is as in the register
  std::vector<RiskUpdate> updates;
  std::vector<std::string> notes;  // differences not imported, refs not in the register, blank rows
};

// Reads `workbook` as `mapping` says and compares it with the register.
// Throws gb::Error naming the mapping's line (a column the sheet does not
// have) or the sheet's cell (a value that is not a level or a trend) before
// anything is written. `as_of` overrides the mapping's date (default: today).
RegisterPlan plan_register_import(data::Db& db, const std::filesystem::path& workbook, const RegisterMapping& mapping,
                                  const std::string& as_of = "");

}  // namespace gb::engine

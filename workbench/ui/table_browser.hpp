// The Data panel's table browser: every table of the open database with
// its row count, and the selected one's rows or its columns (name, type,
// non-null and distinct counts, examples: what `govbench describe` shows).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/db.hpp"
#include "data/describe.hpp"
#include "ui/splitter.hpp"

namespace gb::ui {

// A cell as the grids show it: numbers in full precision, NULL as `null_text`.
std::string display_text(const data::Value& v, const char* null_text);

class TableBrowser {
 public:
  explicit TableBrowser(data::Db& db);
  void draw(Splits* splits = nullptr);  // splits: the remembered width of the table list
  // Selects a table; with `columns`, shows its Columns tab.
  void select(const std::string& table, bool columns = false);
  const std::string& selected() const { return selected_; }
  bool has_table(const std::string& table) const;

 private:
  void load_rows();
  void draw_rows();
  void draw_columns();
  data::Db& db_;
  struct TableInfo {
    std::string name;
    std::int64_t rows = 0;
  };
  std::vector<TableInfo> tables_;
  std::string selected_;
  std::vector<std::string> columns_;
  std::vector<std::vector<std::string>> rows_;  // display text; at most kMaxRows
  std::string error_;
  std::optional<data::TableDescription> description_;  // read when the Columns tab is first shown
  std::string description_error_;
  bool open_columns_ = false;        // select the Columns tab on the next draw
  bool scroll_to_selected_ = false;  // bring the selected table into the list's view
  static constexpr std::int64_t kMaxRows = 10000;
};

}  // namespace gb::ui

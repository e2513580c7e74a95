// The Data panel's table browser: every table of the open database with
// its row count, and the rows of the selected one.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "data/db.hpp"

namespace gb::ui {

// A cell as the grids show it: numbers in full precision, NULL as `null_text`.
std::string display_text(const data::Value& v, const char* null_text);

class TableBrowser {
 public:
  explicit TableBrowser(data::Db& db);
  void draw();
  void select(const std::string& table);

 private:
  void load_rows();
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
  static constexpr std::int64_t kMaxRows = 10000;
};

}  // namespace gb::ui

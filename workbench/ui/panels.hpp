// The panels other than Register (panel_register.hpp).
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "data/csv_import.hpp"
#include "ui/panel.hpp"
#include "ui/scenario_bar.hpp"
#include "ui/table_browser.hpp"
#include "ui/view_renderer.hpp"

namespace gb::ui {

// Indicators: a tile per indicator (value, unit, RAG, trend arrow,
// sparkline); opening one shows its chart, values, working and provenance.
class IndicatorsPanel : public Panel {
 public:
  const char* id() const override { return "indicators"; }
  const char* title() const override { return "Indicators"; }
  void draw(PanelContext& ctx) override;
  int badge(engine::Workspace& ws) override;

 private:
  void draw_detail(PanelContext& ctx, const IndicatorResult& r);
  std::array<char, 128> filter_{};
  std::string open_;  // id of the indicator shown in detail
  ScenarioBar scenario_bar_;  // what-if: tiles show the scenario, with deltas from the baseline
};

// Views: the board views packs define, with their parameters as controls,
// rendered live; drill-down links and back navigation.
class ViewsPanel : public Panel {
 public:
  const char* id() const override { return "views"; }
  const char* title() const override { return "Views"; }
  void draw(PanelContext& ctx) override;
  void open(const std::string& view_id) { open_view(view_id, {}); }

 private:
  void open_view(const std::string& id, std::vector<std::pair<std::string, std::string>> params);
  void draw_params(PanelContext& ctx, const script::ViewDef& def);
  std::string current_;
  std::vector<std::pair<std::string, std::string>> params_;
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> back_;
  std::optional<Tree> built_;
  std::string build_error_;
  std::uint64_t built_generation_ = 0;
  double dirty_since_ = -1;  // a parameter changed at this time; rebuild once it settles
  ViewRenderer renderer_;
};

// Data: browse any table, a read-only SQL console, and CSV import.
class DataPanel : public Panel {
 public:
  const char* id() const override { return "data"; }
  const char* title() const override { return "Data"; }
  void draw(PanelContext& ctx) override;

 private:
  void draw_sql(PanelContext& ctx);
  void draw_import(PanelContext& ctx);
  std::optional<TableBrowser> browser_;
  std::uint64_t browser_generation_ = 0;
  std::array<char, 4096> sql_{};
  std::vector<std::string> sql_columns_;
  std::vector<std::vector<std::string>> sql_rows_;
  std::string sql_message_;
  bool sql_error_ = false;
  std::array<char, 1024> import_path_{};
  std::array<char, 128> import_table_{};
  int import_header_rows_ = 1;
  int import_mode_ = 0;      // create, append, replace
  int import_encoding_ = 0;  // utf-8, cp1252, latin1
  std::optional<data::CsvPreview> preview_;
  std::string import_message_;
  bool import_error_ = false;
};

// Packs: loaded packs, versions, status and problems; reload.
class PacksPanel : public Panel {
 public:
  const char* id() const override { return "packs"; }
  const char* title() const override { return "Packs"; }
  void draw(PanelContext& ctx) override;
  int badge(engine::Workspace& ws) override { return static_cast<int>(ws.error_count()); }
};

// Console: pack print() output, problems with pack, file and line, reloads, edits.
class ConsolePanel : public Panel {
 public:
  const char* id() const override { return "console"; }
  const char* title() const override { return "Console"; }
  void draw(PanelContext& ctx) override;

 private:
  std::array<char, 128> filter_{};
  bool errors_only_ = false;
  std::size_t seen_ = 0;
};

}  // namespace gb::ui

// The panels other than Register (panel_register.hpp).
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "data/import_model.hpp"
#include "data/session_model.hpp"
#include "data/team_model.hpp"
#include "script/install.hpp"
#include "ui/export_dialog.hpp"
#include "ui/file_picker.hpp"
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
  std::string open_;          // id of the indicator shown in detail
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
  // The errors the panel shows for the open view (a failed build, or the
  // errors listed in the built tree), for tests and the status bar.
  std::vector<std::string> errors() const;
  // A table of the open view is wider than the panel and scrolls sideways.
  bool scrolls_sideways() const { return renderer_.wider_than_panel(); }
  // As pressing Export... for the open view (then, if given, choosing the
  // format and the path, and pressing Export in the dialog) on the next draw.
  void export_on_next_draw(std::optional<exporter::PaperFormat> format = {}, std::string path = {},
                           bool press = false) {
    export_request_ = ExportRequest{format, std::move(path), press};
  }
  ExportDialog& export_dialog() { return export_; }
  bool busy() const { return export_.busy(); }

 private:
  void open_view(const std::string& id, std::vector<std::pair<std::string, std::string>> params);
  void draw_params(PanelContext& ctx, const script::ViewDef& def);
  std::string current_;
  std::vector<std::pair<std::string, std::string>> params_;
  // The views drilled down from, for Back: each with its parameters, title
  // (the breadcrumb) and where it was scrolled to (restored on Back).
  struct Crumb {
    std::string id;
    std::vector<std::pair<std::string, std::string>> params;
    std::string title;
    float scroll = 0;
  };
  std::vector<Crumb> back_;
  std::optional<float> scroll_to_;                                 // applied to the view's area on the next frame
  std::vector<std::pair<std::string, std::string>> asked_params_;  // params_ once settled
  // The host's answer for the open view, as of the last draw (valid until
  // the workspace's next poll(), which comes before the next draw).
  const engine::ViewOutcome* shown_ = nullptr;
  double dirty_since_ = -1;  // a parameter changed at this time; rebuild once it settles
  ViewRenderer renderer_;
  struct ExportRequest {
    std::optional<exporter::PaperFormat> format;
    std::string path;
    bool press = false;
  };
  std::optional<ExportRequest> export_request_;
  ExportDialog export_;
};

// Sessions: review sessions (data/session_model.hpp; written through the edit path). The list, a session's
// details and agenda, and per agenda item the notes, decisions and actions
// recorded in the meeting (each keystroke batch saved at once). In
// presentation mode (F11) it shows the current agenda item's view only,
// with a small agenda strip; Left/Right and Page Up/Down move through the
// agenda, and a drill-down returns to its agenda item.
class SessionsPanel : public Panel {
 public:
  const char* id() const override { return "sessions"; }
  const char* title() const override { return "Sessions"; }
  void draw(PanelContext& ctx) override;
  // Selects a session and an agenda item (1-based position).
  void open(std::int64_t session_id, int position);
  std::int64_t session() const { return session_; }
  int position() const { return position_; }

 private:
  void refresh(PanelContext& ctx);
  void draw_list(PanelContext& ctx);
  void draw_session(PanelContext& ctx);
  void draw_details(PanelContext& ctx);
  void draw_agenda(PanelContext& ctx);
  void draw_item(PanelContext& ctx);
  void draw_presentation(PanelContext& ctx);
  void go_to(int position);
  void report(const std::exception& e, PanelContext& ctx);
  std::optional<data::AgendaItem> item_at(int position) const;

  std::int64_t session_ = 0;
  int position_ = 1;               // the selected / presented agenda item
  bool select_last_ = false;       // an item was added: select it once the agenda is read again
  std::int64_t edit_session_ = 0;  // the session the details form was filled from
  std::vector<data::Session> sessions_;
  std::vector<data::AgendaItem> agenda_;
  std::vector<data::SessionRecord> records_;
  std::map<std::int64_t, std::string> texts_;  // what is typed in each note/decision
  std::uint64_t loaded_generation_ = 0;
  std::uint64_t loaded_edits_ = 0;  // the workspace's edit_generation() when read
  std::int64_t typing_record_ = 0;  // the note or decision whose box has the keyboard
  bool dirty_ = true;
  // Forms.
  std::string new_title_, new_board_, new_date_, new_attendees_;
  std::string edit_title_, edit_board_, edit_date_, edit_attendees_;
  int add_view_ = 0;
  std::string add_note_;
  std::string action_title_, action_owner_, action_due_, action_risks_;
  // Presentation.
  std::optional<Tree> shown_;
  std::int64_t shown_item_ = 0;
  std::uint64_t shown_generation_ = 0;
  std::optional<LinkRequest> drill_;
  std::string present_error_;
  // Where the presented view is scrolled to: a new item and a drill-down
  // open at the top; Back returns to where the item was left.
  std::optional<float> scroll_to_;
  float item_scroll_ = 0;  // the item's scroll when a drill-down was opened
  void drill(const LinkRequest& link);
  ViewRenderer renderer_;
  // Team mode: a workbench presenting a session announces its agenda item;
  // one that follows the presenter moves to the item announced.
  void follow(PanelContext& ctx);
  void draw_follow(PanelContext& ctx);
  bool follow_ = false;
  std::uint64_t followed_ = 0;  // the last announcement acted on
  bool announcing_ = false;
};

// Data: browse any table, a read-only SQL console, and CSV import.
class DataPanel : public Panel {
 public:
  const char* id() const override { return "data"; }
  const char* title() const override { return "Data"; }
  void draw(PanelContext& ctx) override;
  // Shows `table`'s columns (the Columns tab) when the browser opens.
  void open_table(const std::string& table) { open_table_ = table; }
  // What the SQL console said of its last query ("2 rows", or the error).
  const std::string& sql_message() const { return sql_message_; }
  // The Import tab's File box.
  const std::string& import_path() const { return import_path_; }

 private:
  void draw_sql(PanelContext& ctx);
  void draw_import(PanelContext& ctx);
  std::optional<TableBrowser> browser_;
  std::uint64_t browser_generation_ = 0;
  std::string open_table_;
  std::array<char, 4096> sql_{};
  std::vector<std::string> sql_columns_;
  std::vector<std::vector<std::string>> sql_rows_;
  std::string sql_message_;
  bool sql_error_ = false;
  bool refocus_sql_ = false;  // Ctrl+Enter ran the query: the editor keeps the keyboard
  std::string import_path_;
  FilePicker import_picker_;
  std::array<char, 128> import_table_{};
  std::array<char, 128> import_sheet_{};  // a workbook's sheet (name or number; blank: the first)
  int import_header_rows_ = 1;
  int import_mode_ = 0;      // create, append, replace
  int import_encoding_ = 0;  // utf-8, cp1252, latin1
  std::optional<data::CsvPreview> preview_;
  std::string import_message_;
  bool import_error_ = false;
};

// Packs: loaded packs, versions, status, signature and problems; reload;
// install from a file (previewed first: manifest, signature, permissions,
// dependencies); per pack: manifest, signature, permissions and their
// remembered answers, dependencies, data needs; enable, disable, remove.
class PacksPanel : public Panel {
 public:
  const char* id() const override { return "packs"; }
  const char* title() const override { return "Packs"; }
  void draw(PanelContext& ctx) override;
  int badge(engine::Workspace& ws) override { return static_cast<int>(ws.error_count()); }
  // For tests and the screenshot command: what the install box holds.
  void set_install_path(const std::string& path);
  void select(const std::string& pack) { selected_ = pack; }
  // Fills the install box and presses Check (or, with install, Check then
  // Install) when the panel is next drawn.
  void check_on_next_draw(const std::string& path, bool install = false) {
    set_install_path(path);
    check_pending_ = true;
    install_pending_ = install;
  }
  void set_allow_unsigned(bool allow) { allow_unsigned_ = allow; }
  void set_allow_downgrade(bool allow) { allow_downgrade_ = allow; }
  const std::string& message() const { return message_; }
  // For tests and the screenshot command: install (or update to) the latest
  // version of `pack` on the team's hub when the panel is next drawn, as its
  // Install/Update button does.
  void install_from_hub_on_next_draw(const std::string& pack) { hub_install_pending_ = pack; }

 private:
  void draw_install(PanelContext& ctx);
  // "Team packs" when the workspace is a team replica (panel_packs_team.cpp).
  void draw_team_packs(PanelContext& ctx);
  void load_team_packs(PanelContext& ctx);
  void install_from_hub(PanelContext& ctx, const std::string& name, const std::string& version);
  // The one install path of the panel, for a bundle or folder read and
  // checked (script::read_pack_source) or a release fetched from the hub.
  void install_source(PanelContext& ctx, const script::PackSource& src, bool commit);
  struct TeamPackRow {
    std::string name, latest, publisher, published_at, versions;
  };
  bool team_loaded_ = false;
  bool is_replica_ = false;
  std::vector<TeamPackRow> team_packs_;
  std::string team_error_;
  std::string hub_install_pending_;
  void draw_details(PanelContext& ctx, const engine::CatalogPack& e);
  std::map<std::string, std::string> content_ids_;  // pack name -> content id of its folder
  std::string content_ids_reload_;                  // the reload they were read at
  void run_install(PanelContext& ctx, bool commit);
  std::string install_path_;
  FilePicker install_picker_;
  bool allow_unsigned_ = false;
  bool allow_downgrade_ = false;
  bool allow_breaking_ = false;
  bool check_pending_ = false;
  bool install_pending_ = false;
  std::string message_;
  bool message_error_ = false;
  struct Preview {
    std::string path;
    std::string summary;                 // name, version, signature
    std::vector<std::string> requires_;  // "met-risk ^1.0"
    std::vector<std::string> permissions;
    std::string description;
  };
  std::optional<Preview> preview_;
  std::string selected_;
};

// Console: pack print() output, problems with pack, file and line, reloads, edits.
// The Console panel: the scratch console (Lua with the packs' ctx, or SQL,
// answered as a value, a table or a chart) and the log of messages (pack
// print() output, load errors, reloads, edits).
class ConsolePanel : public Panel {
 public:
  const char* id() const override { return "console"; }
  const char* title() const override { return "Console"; }
  void draw(PanelContext& ctx) override;
  // Runs `input` in the scratch console at the next draw (screenshots, tests).
  void run_on_next_draw(const std::string& input) { queued_.push_back(input); }

 private:
  void draw_scratch(PanelContext& ctx);
  void draw_messages(PanelContext& ctx);
  void draw_answer(const engine::ConsoleEntry& e, std::size_t index);
  void draw_save(PanelContext& ctx);
  void submit(PanelContext& ctx, const std::string& input);

  std::array<char, 128> filter_{};
  bool errors_only_ = false;
  std::size_t seen_ = 0;
  // The scratch console.
  std::array<char, 4096> input_{};
  std::vector<std::string> history_;  // inputs, oldest first (Up and Down walk it)
  int history_pos_ = -1;              // -1: not walking
  std::vector<std::string> queued_;
  std::uint64_t last_answer_id_ = 0;
  bool focus_input_ = true;
  // Save as indicator.
  bool save_open_ = false;
  std::string save_input_;
  std::array<char, 128> save_id_{};
  std::array<char, 256> save_title_{};
  int save_pack_ = 0;
  std::string save_message_;
  bool save_error_ = false;
};

// Conflicts (team mode, issue 18): this replica's changes that met a
// different change from the hub on the same row and column. For each: the
// row, every column's value before, mine and theirs, who made each and
// when; "Keep mine" and "Keep theirs" resolve it (team::resolve, an edit
// sent to the hub like any other). Reached from the team indicator in the
// status bar.
class ConflictsPanel : public Panel {
 public:
  const char* id() const override { return "conflicts"; }
  const char* title() const override { return "Conflicts"; }
  void draw(PanelContext& ctx) override;
  int badge(engine::Workspace&) override { return open_; }

 private:
  void refresh(PanelContext& ctx);
  void draw_conflict(PanelContext& ctx, const data::Conflict& c);
  void resolve(PanelContext& ctx, std::int64_t id, const char* keep);

  std::vector<data::Conflict> list_;
  int open_ = 0;
  bool show_resolved_ = false;
  bool loaded_resolved_ = false;
  std::uint64_t loaded_edits_ = 0;
  std::int64_t loaded_head_ = -1;
  int loaded_conflicts_ = -1;
  bool dirty_ = true;
  std::string message_;
  bool message_error_ = false;
  std::int64_t selected_ = 0;                                    // the open conflict the keys act on
  std::optional<std::pair<std::int64_t, const char*>> pending_;  // a button pressed: resolved after drawing
};

}  // namespace gb::ui

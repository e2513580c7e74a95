// Data panel: browse tables, a read-only SQL console, CSV import with preview.
#include <imgui.h>

#include "core/text.hpp"
#include "data/import_model.hpp"
#include "engine/edit_path.hpp"
#include "engine/query.hpp"
#include "ui/panels.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/theme.hpp"
#include "ui/wording.hpp"

namespace gb::ui {

void DataPanel::draw(PanelContext& ctx) {
  if (!ImGui::BeginTabBar("data_tabs")) return;
  if (ImGui::BeginTabItem("Browse and query")) {
    if (!browser_ || browser_generation_ != ctx.workspace.generation()) {
      // The table shown stays shown across a reload (or comes from
      // open_table), when the database still has it.
      const bool columns = !open_table_.empty();
      const std::string keep = columns ? open_table_ : browser_ ? browser_->selected() : std::string();
      browser_.emplace(ctx.workspace.script_db().db());
      browser_generation_ = ctx.workspace.generation();
      if (!keep.empty() && browser_->has_table(keep) && (columns || keep != browser_->selected()))
        browser_->select(keep, columns);
      open_table_.clear();
    }
    ImGui::BeginChild("browse", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.55f), false);
    browser_->draw(ctx.splits);
    ImGui::EndChild();
    ImGui::Separator();
    ImGui::BeginChild("sql", ImVec2(0, 0), false);
    draw_sql(ctx);
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("Import CSV")) {
    draw_import(ctx);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

void DataPanel::draw_sql(PanelContext& ctx) {
  ImGui::TextUnformatted("SQL console");
  ImGui::SameLine();
  ImGui::TextDisabled("read-only: the same guarded connection packs use (writes, DDL and ATTACH are refused)");
  // The first time, an example query, run at once so the grid shows what the console does.
  const bool first = sql_[0] == '\0';
  if (first) std::snprintf(sql_.data(), sql_.size(), "%s", engine::kExampleQuery);
  // Ctrl+Enter in the editor runs the query (ImGui ends the edit on
  // Ctrl+Enter and, with EnterReturnsTrue, says so); the editor keeps the
  // keyboard so the next query can be typed straight away. Enter alone
  // starts a new line.
  if (refocus_sql_) ImGui::SetKeyboardFocusHere();
  refocus_sql_ = false;
  const bool ctrl_enter = ImGui::InputTextMultiline(
      "##sql", sql_.data(), sql_.size(), ImVec2(-1, ImGui::GetFontSize() * 3.5f), ImGuiInputTextFlags_EnterReturnsTrue);
  refocus_sql_ = ctrl_enter;  // the editor again in the next frame
  const bool run = ImGui::Button("Run (Ctrl+Enter)") || first || ctrl_enter;
  if (run) {
    engine::QueryRows answer = engine::run_read_only_query(ctx.workspace.script_db(), sql_.data(), 10000);
    sql_columns_ = std::move(answer.columns);
    sql_rows_.clear();
    for (const auto& values : answer.rows) {
      std::vector<std::string> row;
      row.reserve(values.size());
      for (const auto& v : values) row.push_back(display_text(v, "NULL"));
      sql_rows_.push_back(std::move(row));
    }
    sql_error_ = !answer.error.empty();
    if (sql_error_)
      sql_message_ = answer.error;
    else
      sql_message_ =
          std::to_string(sql_rows_.size()) + (sql_rows_.size() == 10000 ? "+ rows (first 10,000 shown)" : " rows");
  }
  if (!sql_message_.empty()) {
    if (sql_error_)
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(Rag::Red)), "%s", sql_message_.c_str());
    else
      ImGui::TextDisabled("%s", sql_message_.c_str());
  }
  if (sql_columns_.empty()) return;
  const int n = static_cast<int>(std::min<std::size_t>(sql_columns_.size(), 64));
  if (ImGui::BeginTable("sql_results", n,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX |
                            ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (int c = 0; c < n; ++c) ImGui::TableSetupColumn(sql_columns_[static_cast<std::size_t>(c)].c_str());
    table_headers();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(sql_rows_.size()));
    while (clipper.Step())
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        ImGui::TableNextRow();
        for (int c = 0; c < n; ++c) {
          ImGui::TableSetColumnIndex(c);
          ImGui::TextUnformatted(sql_rows_[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)].c_str());
        }
      }
    ImGui::EndTable();
  }
}

void DataPanel::draw_import(PanelContext& ctx) {
  ImGui::TextWrapped(
      "Imports a CSV file into a table in one transaction: on any error nothing is written, and the "
      "message names the file, line and column.");
  path_box("##file", "/path/to/file.csv or .xlsx", import_path_, import_picker_, "Import a CSV file or workbook",
           {".csv", ".txt", ".xlsx"}, FilePicker::Mode::OpenFile);
  ImGui::SameLine();
  ImGui::TextUnformatted("File");
  ImGui::InputTextWithHint("Table", "table name", import_table_.data(), import_table_.size());
  ImGui::InputTextWithHint("Sheet", "a workbook's sheet: name or number (blank: the first)", import_sheet_.data(),
                           import_sheet_.size());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputInt("Header rows", &import_header_rows_);
  import_header_rows_ = std::clamp(import_header_rows_, 0, 20);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::Combo("Mode", &import_mode_, "new table\0append\0replace\0");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  ImGui::Combo("Encoding", &import_encoding_, "UTF-8\0cp1252\0latin1\0");
  data::ImportOptions o;
  o.table = import_table_.data();
  o.sheet = import_sheet_.data();
  o.header_rows = import_header_rows_;
  o.mode = import_mode_ == 1   ? data::ImportMode::Append
           : import_mode_ == 2 ? data::ImportMode::Replace
                               : data::ImportMode::Create;
  o.encoding = import_encoding_ == 1 ? Encoding::Cp1252 : import_encoding_ == 2 ? Encoding::Latin1 : Encoding::Utf8;
  if (ImGui::Button("Preview")) {
    try {
      preview_ = data::preview_csv(import_path_, o, 20);
      import_message_ =
          std::to_string(preview_->total_rows) + " data rows, " + std::to_string(preview_->columns.size()) + " columns";
      import_error_ = false;
    } catch (const std::exception& e) {
      preview_.reset();
      import_message_ = for_the_window(e.what());
      import_error_ = true;
    }
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(!preview_ || import_table_[0] == '\0');
  if (ImGui::Button("Import")) {
    try {
      const data::ImportReport r = ctx.workspace.edits().import_csv(import_path_, o);
      import_message_ = "imported " + std::to_string(r.rows) + " rows into " + r.table;
      import_error_ = false;
      ctx.workspace.log(script::ConsoleMessage::Level::Info, import_message_ + " from " + import_path_);
    } catch (const std::exception& e) {
      import_message_ = for_the_window(e.what());
      import_error_ = true;
    }
  }
  ImGui::EndDisabled();
  if (!import_message_.empty()) {
    if (import_error_)
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(Rag::Red)), "%s", import_message_.c_str());
    else
      ImGui::TextDisabled("%s", import_message_.c_str());
  }
  if (!preview_) return;
  const int n = static_cast<int>(std::min<std::size_t>(preview_->columns.size(), 64));
  if (n == 0) return;
  if (ImGui::BeginTable("preview", n,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX |
                            ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable)) {
    ImGui::TableSetupScrollFreeze(0, 2);
    for (int c = 0; c < n; ++c)
      ImGui::TableSetupColumn(preview_->columns[static_cast<std::size_t>(c)].name.c_str(),
                              ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9);
    table_headers();
    ImGui::TableNextRow();
    for (int c = 0; c < n; ++c) {
      ImGui::TableSetColumnIndex(c);
      const auto& col = preview_->columns[static_cast<std::size_t>(c)];
      ImGui::TextDisabled("%s, %lld empty", data::column_type_name(col.type), static_cast<long long>(col.nulls));
    }
    for (const auto& row : preview_->rows) {
      ImGui::TableNextRow();
      for (int c = 0; c < n && c < static_cast<int>(row.size()); ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::TextUnformatted(row[static_cast<std::size_t>(c)].c_str());
      }
    }
    ImGui::EndTable();
  }
}

}  // namespace gb::ui

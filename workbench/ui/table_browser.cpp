#include "ui/table_browser.hpp"

#include <imgui.h>

#include "core/text.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/theme.hpp"

namespace gb::ui {

std::string display_text(const data::Value& v, const char* null_text) {
  if (std::holds_alternative<std::monostate>(v)) return null_text;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) return format_double(*d);
  return std::get<std::string>(v);
}

TableBrowser::TableBrowser(data::Db& db) : db_(db) {
  for (const auto& name : db_.table_names()) tables_.push_back({name, data::row_count(db_, name)});
  if (!tables_.empty()) select(tables_.front().name);
}

bool TableBrowser::has_table(const std::string& table) const {
  for (const auto& t : tables_)
    if (t.name == table) return true;
  return false;
}

void TableBrowser::select(const std::string& table, bool columns) {
  selected_ = table;
  description_.reset();
  description_error_.clear();
  open_columns_ = columns;
  scroll_to_selected_ = columns;
  load_rows();
}

void TableBrowser::draw_columns() {
  if (!description_ && description_error_.empty()) {
    try {
      description_ = data::describe_table(db_, selected_);
    } catch (const std::exception& e) {
      description_error_ = e.what();
    }
  }
  if (!description_error_.empty()) {
    ImGui::TextWrapped("Cannot describe this table: %s", description_error_.c_str());
    return;
  }
  const auto& d = *description_;
  const std::string table = data::printable(d.table, 60);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled(
      "%lld rows, %zu columns. In SQL, double-quote a name with spaces; 'govbench describe %s' "
      "prints the same.",
      static_cast<long long>(d.rows), d.columns.size(), table.c_str());
  ImGui::PopTextWrapPos();
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("columns", 6, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 2);
  ImGui::TableSetupColumn("column", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("type", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
  ImGui::TableSetupColumn("non-null", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4);
  ImGui::TableSetupColumn("distinct", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4);
  ImGui::TableSetupColumn("examples", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  table_headers();
  for (std::size_t i = 0; i < d.columns.size(); ++i) {
    const auto& c = d.columns[i];
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled("%zu", i + 1);
    ImGui::TableSetColumnIndex(1);
    const std::string name = data::printable(c.name);
    ImGui::TextWrapped("%s", name.c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::TextUnformatted(c.declared_type.empty() ? "(none)" : data::printable(c.declared_type, 20).c_str());
    ImGui::TableSetColumnIndex(3);
    ImGui::Text("%lld", static_cast<long long>(c.non_null));
    ImGui::TableSetColumnIndex(4);
    ImGui::Text("%lld", static_cast<long long>(c.distinct));
    ImGui::TableSetColumnIndex(5);
    const std::string examples = data::format_examples(c);
    ImGui::TextWrapped("%s", examples.c_str());
  }
  ImGui::EndTable();
}

void TableBrowser::load_rows() {
  columns_.clear();
  rows_.clear();
  error_.clear();
  try {
    data::TableRows table = data::first_rows(db_, selected_, kMaxRows);
    columns_ = std::move(table.columns);
    for (const auto& values : table.rows) {
      std::vector<std::string> row;
      row.reserve(values.size());
      for (const auto& v : values) row.push_back(display_text(v, ""));
      rows_.push_back(std::move(row));
    }
  } catch (const std::exception& e) {
    error_ = e.what();
  }
}

void TableBrowser::draw(Splits* splits) {
  ImGui::BeginChild("tables", ImVec2(split_width(splits, "data.tables", 16, 8, 0.5f), 0), true);
  ImGui::TextDisabled("TABLES");
  if (ImGui::BeginTable("table_list", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("rows", ImGuiTableColumnFlags_WidthFixed);
    for (const auto& t : tables_) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      const std::string shown = fit_text(t.name, ImGui::GetContentRegionAvail().x);
      if (ImGui::Selectable((shown + "##" + t.name).c_str(), t.name == selected_, ImGuiSelectableFlags_SpanAllColumns))
        select(t.name);
      if (shown != t.name && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", t.name.c_str());
      if (scroll_to_selected_ && t.name == selected_) {
        ImGui::SetScrollHereY(0.3f);
        scroll_to_selected_ = false;
      }
      ImGui::TableSetColumnIndex(1);
      ImGui::TextDisabled("%lld", static_cast<long long>(t.rows));
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine(0, 0);
  splitter(splits, "data.tables", 16, 8, 0.5f);
  ImGui::SameLine(0, 0);
  ImGui::BeginChild("rows", ImVec2(0, 0), false);
  ImGui::Text("%s", selected_.c_str());
  if (!ImGui::BeginTabBar("table_tabs")) {
    ImGui::EndChild();
    return;
  }
  if (ImGui::BeginTabItem("Rows")) {
    draw_rows();
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("Columns", nullptr, open_columns_ ? ImGuiTabItemFlags_SetSelected : 0)) {
    draw_columns();
    ImGui::EndTabItem();
  }
  open_columns_ = false;
  ImGui::EndTabBar();
  ImGui::EndChild();
}

void TableBrowser::draw_rows() {
  if (!error_.empty()) {
    ImGui::TextWrapped("Cannot read this table: %s", error_.c_str());
  } else if (!columns_.empty()) {
    const int ncols = static_cast<int>(std::min<std::size_t>(columns_.size(), 64));
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
    if (ImGui::BeginTable("grid", ncols, flags)) {
      ImGui::TableSetupScrollFreeze(0, 1);
      for (int c = 0; c < ncols; ++c)
        ImGui::TableSetupColumn(columns_[static_cast<std::size_t>(c)].c_str(), ImGuiTableColumnFlags_WidthFixed,
                                ImGui::GetFontSize() * 9);
      table_headers();
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(rows_.size()));
      while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
          ImGui::TableNextRow();
          const auto& row = rows_[static_cast<std::size_t>(r)];
          for (int c = 0; c < ncols; ++c) {
            ImGui::TableSetColumnIndex(c);
            ImGui::TextUnformatted(row[static_cast<std::size_t>(c)].c_str());
          }
        }
      }
      ImGui::EndTable();
    }
  }
}

}  // namespace gb::ui

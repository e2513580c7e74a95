// The smaller panels: Views, Packs, Console.
#include <imgui.h>

#include "core/text.hpp"
#include "ui/panels.hpp"
#include "ui/theme.hpp"

namespace gb::ui {

void ViewsPanel::draw(PanelContext& ctx) {
  const auto views = ctx.workspace.packs().views();
  ImGui::TextDisabled("Board views defined by the loaded packs (%zu). The view renderer and paper export come with "
                      "the board-views work.",
                      views.size());
  if (views.empty()) {
    ImGui::TextWrapped("No pack defines a view yet. A view is gov.view { id = ..., title = ..., build = function(ctx, p) ... end } "
                       "in a pack's views/ folder.");
    return;
  }
  if (!ImGui::BeginTable("views", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                         ImGuiTableFlags_Resizable))
    return;
  ImGui::TableSetupColumn("View");
  ImGui::TableSetupColumn("Title");
  ImGui::TableSetupColumn("Board");
  ImGui::TableSetupColumn("Parameters");
  ImGui::TableSetupColumn("Defined in");
  ImGui::TableHeadersRow();
  for (const auto& v : views) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(v.def->id.c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted(v.def->title.c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::TextUnformatted(v.def->board.c_str());
    ImGui::TableSetColumnIndex(3);
    std::string params;
    for (const auto& p : v.def->params)
      params += (params.empty() ? "" : ", ") + p.name + " (" + p.kind + (p.default_value.empty() ? "" : " = " + p.default_value) + ")";
    ImGui::TextWrapped("%s", params.empty() ? "-" : params.c_str());
    ImGui::TableSetColumnIndex(4);
    ImGui::TextDisabled("%s %s:%d", v.pack->name().c_str(), v.def->site.file.c_str(), v.def->site.line);
  }
  ImGui::EndTable();
}

void PacksPanel::draw(PanelContext& ctx) {
  auto& ws = ctx.workspace;
  if (ImGui::Button("Reload all packs (Ctrl+R)")) ws.reload_all();
  ImGui::SameLine();
  ImGui::TextDisabled("Saving a file in a pack folder reloads that pack. Last reload %s.", ws.last_reload().c_str());
  const auto& entries = ws.packs().entries();
  if (!ImGui::BeginTable("packs", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                         ImGuiTableFlags_Resizable))
    return;
  ImGui::TableSetupColumn("Pack", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 10);
  ImGui::TableSetupColumn("Version", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4);
  ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9);
  ImGui::TableSetupColumn("Defines", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Folder", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  for (const auto& e : entries) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(e.name().c_str());
    if (e.active && !e.active->manifest().title.empty()) ImGui::TextDisabled("%s", e.active->manifest().title.c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::TextUnformatted(e.active ? e.active->manifest().version.to_string().c_str() : "-");
    ImGui::TableSetColumnIndex(2);
    const Rag tone = e.status == script::PackEntry::Status::Loaded ? Rag::Green
                     : e.status == script::PackEntry::Status::Stale ? Rag::Amber
                                                                     : Rag::Red;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_colour(tone)), "%s %s", rag_symbol(tone),
                       e.status == script::PackEntry::Status::Loaded  ? "loaded"
                       : e.status == script::PackEntry::Status::Stale ? "reload failed"
                                                                       : "failed");
    ImGui::TextDisabled("%s", e.origin.c_str());
    ImGui::TableSetColumnIndex(3);
    if (e.active) {
      const auto& d = e.active->definitions();
      ImGui::Text("%zu indicators, %zu rules, %zu views, %zu tests", d.indicators.size(), d.rules.size(), d.views.size(),
                  d.tests.size());
    }
    for (const auto& p : e.problems) {
      ImGui::PushStyleColor(ImGuiCol_Text, rag_colour(Rag::Red));
      ImGui::TextWrapped("%s", p.to_string().c_str());
      ImGui::PopStyleColor();
    }
    ImGui::TableSetColumnIndex(4);
    ImGui::TextWrapped("%s", e.dir.string().c_str());
  }
  ImGui::EndTable();
}

void ConsolePanel::draw(PanelContext& ctx) {
  const auto& lines = ctx.workspace.console();
  if (ctx.focus_filter) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  ImGui::InputTextWithHint("##filter", "Filter (Ctrl+F)", filter_.data(), filter_.size());
  ImGui::SameLine();
  ImGui::Checkbox("Errors only", &errors_only_);
  ImGui::SameLine();
  ImGui::TextDisabled("%zu lines", lines.size());
  ImGui::BeginChild("console_lines", ImVec2(0, 0), true);
  const std::string filter = to_lower_ascii(filter_.data());
  for (const auto& m : lines) {
    if (errors_only_ && m.level != script::ConsoleMessage::Level::Error) continue;
    std::string text;
    if (!m.pack.empty()) text += "pack " + m.pack + ": ";
    if (!m.file.empty()) text += m.file + (m.line ? ":" + std::to_string(m.line) : "") + ": ";
    text += m.text;
    if (!filter.empty() && to_lower_ascii(text).find(filter) == std::string::npos) continue;
    switch (m.level) {
      case script::ConsoleMessage::Level::Error:
        ImGui::PushStyleColor(ImGuiCol_Text, rag_colour(Rag::Red));
        ImGui::TextWrapped("%s %s", rag_symbol(Rag::Red), text.c_str());
        ImGui::PopStyleColor();
        break;
      case script::ConsoleMessage::Level::Info: ImGui::TextDisabled("%s", text.c_str()); break;
      case script::ConsoleMessage::Level::Print: ImGui::TextWrapped("%s", text.c_str()); break;
    }
  }
  // Follow new output while the view is at the bottom.
  if (lines.size() != seen_ && ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4) ImGui::SetScrollHereY(1.0f);
  seen_ = lines.size();
  ImGui::EndChild();
}

}  // namespace gb::ui

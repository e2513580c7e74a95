// The Conflicts panel (panels.hpp): team mode's held changes, and the
// choice between mine and theirs.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "team/sync.hpp"
#include "ui/panels.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/team_link.hpp"
#include "ui/theme.hpp"

namespace gb::ui {

namespace {

std::string shown(const data::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "(empty)";
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", *d);
    return buf;
  }
  return std::get<std::string>(v);
}

// "2024-05-01T10:00:00.000Z" -> "2024-05-01 10:00:00 UTC"
std::string when(const std::string& iso) {
  if (iso.size() < 19) return iso;
  return iso.substr(0, 10) + " " + iso.substr(11, 8) + " UTC";
}

void heading(const char* text) {
  if (heading_font()) ImGui::PushFont(heading_font());
  ImGui::TextUnformatted(text);
  if (heading_font()) ImGui::PopFont();
}

}  // namespace

void ConflictsPanel::refresh(PanelContext& ctx) {
  const team::LiveStatus* s = ctx.team ? &ctx.team->status() : nullptr;
  const std::int64_t head = s ? s->head : 0;
  const int conflicts = s ? s->conflicts : 0;
  if (!dirty_ && loaded_edits_ == ctx.workspace.edit_generation() && loaded_head_ == head &&
      loaded_conflicts_ == conflicts && loaded_resolved_ == show_resolved_)
    return;
  try {
    list_ = data::conflicts(ctx.workspace.db(), !show_resolved_);
    open_ = 0;
    for (const auto& c : list_)
      if (c.kept.empty()) ++open_;
  } catch (const std::exception& e) {
    message_ = e.what();
    message_error_ = true;
  }
  loaded_edits_ = ctx.workspace.edit_generation();
  loaded_head_ = head;
  loaded_conflicts_ = conflicts;
  loaded_resolved_ = show_resolved_;
  dirty_ = false;
}

void ConflictsPanel::resolve(PanelContext& ctx, std::int64_t id, const char* keep) {
  try {
    // The team library's write (an edit of kind 'conflict', recorded and
    // sent to the hub like any other); the window reads everything again.
    message_ = team::resolve(ctx.workspace.db(), id, keep);
    message_error_ = false;
    ctx.workspace.changed_elsewhere();
    ctx.workspace.log(script::ConsoleMessage::Level::Info, "Team: " + message_);
    if (ctx.team) ctx.team->nudge();
  } catch (const std::exception& e) {
    message_ = e.what();
    message_error_ = true;
    ctx.workspace.log(script::ConsoleMessage::Level::Error, std::string("conflicts: ") + e.what());
  }
  dirty_ = true;
}

void ConflictsPanel::draw(PanelContext& ctx) {
  heading("Conflicts");
  if (!ctx.team) {
    ImGui::TextWrapped(
        "This database is not a team replica: nothing to resolve. 'govbench team join' makes a replica of a "
        "team's hub; opened here, its changes are sent and taken in as they are made.");
    return;
  }
  refresh(ctx);
  ImGui::TextWrapped(
      "A change made here met a different change from the hub on the same value. The hub's value is shown until "
      "you choose; nothing is resolved silently and nothing is lost. Your choice is an edit, sent to the team.");
  ImGui::TextDisabled("Keys: Up/Down choose a conflict, M keeps mine, T keeps theirs");
  if (ImGui::Checkbox("Show resolved ones too", &show_resolved_)) dirty_ = true;
  if (!message_.empty()) {
    if (message_error_) {
      ImGui::PushStyleColor(ImGuiCol_Text, rag_ink_colour(Rag::Red));
      ImGui::TextWrapped("%s %s", rag_symbol(Rag::Red), message_.c_str());
      ImGui::PopStyleColor();
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      ImGui::TextWrapped("%s", message_.c_str());
      ImGui::PopStyleColor();
    }
  }
  ImGui::Separator();
  if (list_.empty()) {
    ImGui::TextDisabled(show_resolved_ ? "No conflicts, ever." : "No open conflicts.");
    return;
  }
  // Keyboard: the selected open conflict.
  std::vector<std::int64_t> open_ids;
  for (const auto& c : list_)
    if (c.kept.empty()) open_ids.push_back(c.id);
  auto at = std::find(open_ids.begin(), open_ids.end(), selected_);
  if (at == open_ids.end()) {
    selected_ = open_ids.empty() ? 0 : open_ids.front();
    at = open_ids.begin();
  }
  std::optional<std::pair<std::int64_t, const char*>> chosen;
  if (!ImGui::GetIO().WantTextInput && !open_ids.empty()) {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow)) && at + 1 != open_ids.end()) selected_ = *(at + 1);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow)) && at != open_ids.begin()) selected_ = *(at - 1);
    if (ImGui::IsKeyPressed('M', false)) chosen = std::pair{selected_, "mine"};
    if (ImGui::IsKeyPressed('T', false)) chosen = std::pair{selected_, "theirs"};
  }
  ImGui::BeginChild("conflict_list", ImVec2(0, 0), false);
  for (const auto& c : list_) {
    ImGui::PushID(static_cast<int>(c.id));
    draw_conflict(ctx, c);
    ImGui::PopID();
  }
  ImGui::EndChild();
  if (chosen) resolve(ctx, chosen->first, chosen->second);
  if (pending_) {
    const auto [id, keep] = *pending_;
    pending_.reset();
    resolve(ctx, id, keep);
  }
}

void ConflictsPanel::draw_conflict(PanelContext&, const data::Conflict& c) {
  const bool open = c.kept.empty();
  const bool selected = open && c.id == selected_;
  ImGui::Spacing();
  if (selected) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_PlotHistogram));
  ImGui::Text("%s  %s", selected ? ">" : " ", c.label.c_str());
  if (selected) ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::TextDisabled("(%s, conflict %lld, found %s)", c.op.c_str(), static_cast<long long>(c.id),
                      when(c.found_at).c_str());
  ImGui::TextWrapped("Mine: %s, by %s at %s", c.mine_summary.c_str(), c.mine_by.c_str(), when(c.mine_at).c_str());
  ImGui::TextWrapped("Theirs: %s, by %s at %s (hub change %lld)", c.theirs_summary.c_str(),
                     c.theirs_by.empty() ? "the hub" : c.theirs_by.c_str(), when(c.theirs_at).c_str(),
                     static_cast<long long>(c.theirs_seq));
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("columns", 4, flags)) {
    ImGui::TableSetupColumn("Column");
    ImGui::TableSetupColumn("Before");
    ImGui::TableSetupColumn("Mine");
    ImGui::TableSetupColumn("Theirs");
    table_headers();
    for (const auto& col : c.columns) {
      ImGui::TableNextRow();
      if (col.clash) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, rag_colour(Rag::Amber) & 0x60FFFFFFu);
      ImGui::TableNextColumn();
      ImGui::Text("%s%s", col.name.c_str(), col.clash ? "  (differ)" : "");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(shown(col.was).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(shown(col.mine).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(shown(col.theirs).c_str());
    }
    ImGui::EndTable();
  }
  if (open) {
    const std::string id = std::to_string(c.id);
    if (ImGui::Button(("Keep mine##" + id).c_str())) pending_ = std::pair{c.id, "mine"};
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Write your values over the hub's (sent to the team)");
    ImGui::SameLine();
    if (ImGui::Button(("Keep theirs##" + id).c_str())) pending_ = std::pair{c.id, "theirs"};
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Keep the hub's values; the parts of your change that did not clash are applied");
  } else {
    ImGui::TextDisabled("Kept %s by %s at %s", c.kept.c_str(), c.resolved_by.c_str(), when(c.resolved_at).c_str());
  }
  ImGui::Separator();
}

}  // namespace gb::ui

// What-if bar: scenario picker, create, summary of moves, apply/discard with confirmation.
#include "ui/scenario_bar.hpp"

#include <imgui.h>

#include "core/dates.hpp"
#include "core/format.hpp"
#include "engine/evaluator.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/theme.hpp"

namespace gb::ui {

const engine::OutcomeDiff& ScenarioBar::diff(engine::Workspace& ws, bool indicators) {
  if (!ws.scenario()) {
    diff_ = {};
    return diff_;
  }
  if (diff_generation_ != ws.generation() || (indicators && !diff_indicators_)) {
    engine::Outcome base{ws.baseline_register(), {}};
    engine::Outcome under{ws.scored_register(), {}};
    if (indicators) {
      base.indicators = ws.baseline_indicators();
      under.indicators = ws.indicators();
    }
    diff_ = engine::diff_outcomes(base, under);
    diff_generation_ = ws.generation();
    diff_indicators_ = indicators;
  }
  return diff_;
}

void ScenarioBar::draw(PanelContext& ctx, bool indicators) {
  auto& ws = ctx.workspace;
  if (list_generation_ != ws.generation()) {
    list_.clear();
    for (auto& s : data::list_scenarios(ws.db()))
      if (!s.applied()) list_.push_back(std::move(s));
    list_generation_ = ws.generation();
  }
  const data::Scenario* active = ws.scenario();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("What-if");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  const std::string preview = active ? active->name : "none: the register as stored";
  if (ImGui::BeginCombo("##scenario", preview.c_str())) {
    if (ImGui::Selectable("none: the register as stored", !active)) ws.set_scenario(std::nullopt);
    for (const auto& s : list_) {
      const std::string label =
          s.name + "  (" + format_count(static_cast<long long>(s.changes.size()), "changes") + ")";
      if (ImGui::Selectable(label.c_str(), active && active->id == s.id)) {
        try {
          ws.set_scenario(s.id);
          message_.clear();
        } catch (const std::exception& e) {
          message_ = e.what();
          error_ = true;
        }
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  ImGui::InputTextWithHint("##new_scenario", "new scenario name", new_name_.data(), new_name_.size());
  ImGui::SameLine();
  ImGui::BeginDisabled(new_name_[0] == '\0');
  if (ImGui::Button("Create")) {
    try {
      const std::string as_of = ws.as_of().empty() ? today_utc() : ws.as_of();
      const auto id = ws.edits().create_scenario({.name = new_name_.data(), .as_of = as_of}).row_id;
      ws.set_scenario(id);
      message_ = "Scenario '" + std::string(new_name_.data()) + "' created: edits now go into it, not the register";
      error_ = false;
      new_name_[0] = '\0';
    } catch (const std::exception& e) {
      message_ = e.what();
      error_ = true;
    }
  }
  ImGui::EndDisabled();
  active = ws.scenario();
  if (active) {
    ImGui::SameLine();
    ImGui::BeginDisabled(active->changes.empty());
    if (ImGui::Button("Apply...")) ImGui::OpenPopup("Apply scenario?");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Discard...")) ImGui::OpenPopup("Discard scenario?");

    if (ImGui::BeginPopupModal("Apply scenario?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
      ImGui::Text("Apply the %zu changes of '%s' to the register?", active->changes.size(), active->name.c_str());
      for (const auto& c : active->changes)
        ImGui::BulletText("%s: %s -> %s", c.label.c_str(), c.baseline.c_str(), c.proposed.c_str());
      ImGui::TextDisabled("Each is recorded as an edit with its audit-log rows (Ctrl+Z undoes them one by one).");
      if (ImGui::Button("Apply")) {
        try {
          const auto edits = ws.edits().apply_scenario(active->id);
          message_ = "Applied '" + active->name + "': " + std::to_string(edits.size()) + " edits";
          error_ = false;
          for (const auto& e : edits) ws.log(script::ConsoleMessage::Level::Info, "edit: " + e.description);
          ws.set_scenario(std::nullopt);
        } catch (const std::exception& e) {
          message_ = e.what();
          error_ = true;
        }
        ImGui::CloseCurrentPopup();
      }
      ImGui::SameLine();
      if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
      ImGui::EndPopup();
    }
    if (ImGui::BeginPopupModal("Discard scenario?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
      ImGui::Text("Discard '%s' and its %zu proposed changes? The register is not touched.", active->name.c_str(),
                  active->changes.size());
      if (ImGui::Button("Discard")) {
        try {
          const std::string name = active->name;
          ws.edits().discard_scenario(active->id);
          ws.set_scenario(std::nullopt);
          message_ = "Discarded '" + name + "'";
          error_ = false;
        } catch (const std::exception& e) {
          message_ = e.what();
          error_ = true;
        }
        ImGui::CloseCurrentPopup();
      }
      ImGui::SameLine();
      if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
      ImGui::EndPopup();
    }
  }
  active = ws.scenario();
  if (active) {
    const engine::OutcomeDiff& d = diff(ws, indicators);
    const ImVec4 tone = ImGui::ColorConvertU32ToFloat4(rag_ink_colour(Rag::Blue));
    std::string summary = "Scenario '" + active->name + "' (" +
                          format_count(static_cast<long long>(active->changes.size()), "changes") + ", as of " +
                          active->as_of + "): " + format_count(d.moved_count(), "risks") +
                          (d.moved_count() == 1 ? " moves" : " move");
    if (indicators)
      summary += ", " + format_count(d.changed_indicator_count(), "indicators") +
                 (d.changed_indicator_count() == 1 ? " changes" : " change");
    summary += ". Edits go into the scenario, not the register.";
    ImGui::TextColored(tone, "%s", summary.c_str());
    if (!active->changes.empty() && ImGui::IsItemHovered()) {
      std::string tip;
      for (const auto& c : active->changes) tip += c.label + ": " + c.baseline + " -> " + c.proposed + "\n";
      ImGui::SetTooltip("%s", tip.c_str());
    }
  }
  if (!message_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, error_ ? rag_ink_colour(Rag::Red) : ImGui::GetColorU32(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", message_.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace gb::ui

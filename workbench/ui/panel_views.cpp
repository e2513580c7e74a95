// The Views panel: the board views packs define, rendered live with their
// parameters as controls above them (its Export dialog is export_dialog.cpp).
#include <imgui.h>

#include <cmath>
#include <cstdio>

#include "core/text.hpp"
#include "ui/panels.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/splitter.hpp"
#include "ui/theme.hpp"

namespace gb::ui {

void ViewsPanel::open_view(const std::string& id, std::vector<std::pair<std::string, std::string>> params) {
  current_ = id;
  params_ = std::move(params);
  asked_params_ = params_;
  shown_ = nullptr;
  dirty_since_ = -1;
}

std::vector<std::string> ViewsPanel::errors() const {
  if (shown_ && !shown_->error.empty()) return {shown_->error};
  std::vector<std::string> out;
  if (const Tree* list = shown_ ? shown_->tree.find("errors") : nullptr; list && list->is_array())
    for (const Tree& e : list->as_array())
      if (const Tree* m = e.find("message"); m && m->is_string()) out.push_back(m->as_string());
  return out;
}

void ViewsPanel::draw_params(PanelContext&, const script::ViewDef& def) {
  auto value_of = [&](const script::ParamSpec& p) -> std::string {
    for (const auto& [k, v] : params_)
      if (k == p.name) return v;
    return p.default_value;
  };
  auto set = [&](const std::string& k, const std::string& v) {
    for (auto& [name, value] : params_)
      if (name == k) {
        value = v;
        dirty_since_ = ImGui::GetTime();
        return;
      }
    params_.emplace_back(k, v);
    dirty_since_ = ImGui::GetTime();
  };
  for (const auto& p : def.params) {
    ImGui::PushID(p.name.c_str());
    const std::string label = p.label.empty() ? p.name : p.label;
    const std::string v = value_of(p);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    if (p.kind == "choice") {
      if (ImGui::BeginCombo(label.c_str(), v.c_str())) {
        for (const auto& o : p.options)
          if (ImGui::Selectable(o.c_str(), o == v)) set(p.name, o);
        ImGui::EndCombo();
      }
    } else if (p.kind == "toggle") {
      bool on = v == "true";
      if (ImGui::Checkbox(label.c_str(), &on)) set(p.name, on ? "true" : "false");
    } else if (p.kind == "number") {
      float f = v.empty() ? static_cast<float>(p.min) : std::strtof(v.c_str(), nullptr);
      if (ImGui::SliderFloat(label.c_str(), &f, static_cast<float>(p.min), static_cast<float>(p.max), "%.0f"))
        set(p.name, format_number(p.step > 0 ? std::round(f / p.step) * p.step : f, 2));
    } else {
      char buf[128];
      std::snprintf(buf, sizeof buf, "%s", v.c_str());
      if (ImGui::InputText(label.c_str(), buf, sizeof buf)) set(p.name, buf);
    }
    ImGui::SameLine();
    ImGui::PopID();
  }
  ImGui::NewLine();
}

void ViewsPanel::draw(PanelContext& ctx) {
  const auto views = ctx.workspace.packs().views();
  if (views.empty()) {
    ImGui::TextWrapped(
        "No pack defines a view yet. A view is gov.view { id = ..., title = ..., build = function(ctx, p) "
        "return gov.ui.page { ... } end } in a pack's views/ folder (docs/VIEWS.md).");
    return;
  }
  if (current_.empty()) open_view(views.front().def->id, {});
  if (export_request_) {
    export_.open(ctx.workspace, current_, params_);
    if (export_request_->format) export_.set_format(*export_request_->format);
    if (!export_request_->path.empty()) export_.set_path(export_request_->path);
    if (export_request_->press) export_.press_export();
    export_request_.reset();
  }
  export_.draw(ctx.workspace);
  if (!ctx.presentation) {
    ImGui::BeginChild("view_list", ImVec2(split_width(ctx.splits, "views.list", 14, 8, 0.5f), 0), true);
    std::string board;
    for (const auto& v : views) {
      if (v.def->board != board) {
        board = v.def->board;
        ImGui::TextDisabled("%s", board.empty() ? "Other" : board.c_str());
      }
      // A title too long for the list ends in an ellipsis; the tooltip has it whole.
      const std::string shown = fit_text(v.def->title, ImGui::GetContentRegionAvail().x);
      if (ImGui::Selectable((shown + "##" + v.def->id).c_str(), v.def->id == current_)) {
        back_.clear();
        open_view(v.def->id, {});
      }
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s\n%s\n%s %s:%d", v.def->title.c_str(), v.def->id.c_str(), v.pack->name.c_str(),
                          v.def->site.file.c_str(), v.def->site.line);
    }
    ImGui::EndChild();
    ImGui::SameLine(0, 0);
    splitter(ctx.splits, "views.list", 14, 8, 0.5f);
    ImGui::SameLine(0, 0);
  }
  ImGui::BeginChild("view_body", ImVec2(0, 0), false);
  // A drill-down opens at its top; Back returns to where the view was left.
  // Presenting, the keyboard scrolls: Up/Down, Space (Shift+Space back), Home/End.
  if (scroll_to_) {
    ImGui::SetScrollY(*scroll_to_);
    scroll_to_.reset();
  } else if (ctx.presentation && !ImGui::GetIO().WantTextInput) {
    auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); };
    const float line = ImGui::GetTextLineHeightWithSpacing(), page = ImGui::GetWindowHeight() * 0.9f;
    float y = ImGui::GetScrollY();
    if (pressed(ImGuiKey_DownArrow)) y += line * 3;
    if (pressed(ImGuiKey_UpArrow)) y -= line * 3;
    if (pressed(ImGuiKey_Space)) y += ImGui::GetIO().KeyShift ? -page : page;
    if (pressed(ImGuiKey_PageDown)) y += page;
    if (pressed(ImGuiKey_PageUp)) y -= page;
    if (pressed(ImGuiKey_Home)) y = 0;
    if (pressed(ImGuiKey_End)) y = ImGui::GetScrollMaxY();
    if (y != ImGui::GetScrollY()) ImGui::SetScrollY(std::clamp(y, 0.0f, ImGui::GetScrollMaxY()));
  }
  auto ref = ctx.workspace.packs().find_view(current_);
  if (!ref) {
    ImGui::TextDisabled("The view %s is no longer defined.", current_.c_str());
    ImGui::EndChild();
    return;
  }
  if (!back_.empty()) {
    const bool back = ImGui::SmallButton("< Back") ||
                      (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)));
    if (back) {
      Crumb c = back_.back();
      back_.pop_back();
      open_view(c.id, c.params);
      scroll_to_ = c.scroll;
      ImGui::EndChild();
      return;
    }
    ImGui::SameLine();
    // The breadcrumb: every view drilled down from, then this one.
    std::string trail;
    for (const auto& c : back_) trail += c.title + "  \u203A  ";
    trail += ref->def->title;
    text_fitted(trail, ImGui::GetContentRegionAvail().x, 1, true);
  }
  if (!ctx.presentation) {
    if (ImGui::Button("Export...")) export_on_next_draw();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Save this view, as it stands, as a paper (HTML, PDF), CSV or JSON");
    if (export_.state() == ExportDialog::State::Closed && !export_.message().empty()) {
      ImGui::SameLine();
      if (export_.message_is_error())
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(Rag::Red)), "%s", export_.message().c_str());
      else
        ImGui::TextDisabled("%s", export_.message().c_str());
    }
  }
  draw_params(ctx, *ref->def);
  // The pack host builds the view; a parameter being dragged is asked for
  // once it settles, not every frame.
  if (dirty_since_ < 0 || ImGui::GetTime() - dirty_since_ > 0.3) {
    asked_params_ = params_;
    dirty_since_ = -1;
  }
  shown_ = ctx.workspace.view({current_, asked_params_, ""});
  ImGui::Separator();
  if (!shown_) {
    ImGui::TextDisabled("Building the view... (%s)", ctx.workspace.activity().c_str());
  } else if (!shown_->error.empty()) {
    ImGui::TextWrapped("Error: %s", shown_->error.c_str());
  } else {
    if (!shown_->current) {
      ImGui::TextDisabled("Updating...");
      ImGui::SameLine();
    }
    if (auto link = renderer_.draw(shown_->tree)) {
      back_.push_back({current_, params_, ref->def->title, ImGui::GetScrollY()});
      open_view(link->view, link->params);
      scroll_to_ = 0.0f;
    }
  }
  ImGui::EndChild();
}

}  // namespace gb::ui

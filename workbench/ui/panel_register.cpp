// Register panel. Sections: toolbar, table, heat map, detail, edit form.
#include "ui/panel_register.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/dates.hpp"
#include "core/format.hpp"
#include "core/register_levels.hpp"
#include "core/text.hpp"
#include "ui/charts.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/theme.hpp"

namespace gb::ui {

namespace {

// The register's vocabulary (core/register_levels.hpp); the combos that
// may be left blank start with "(not stated)".
constexpr const auto& kLevels = kRiskLevels;
const char* const kTrends[] = {"(not stated)", "improving", "stable", "worsening"};
const char* const kProgress[] = {"(not stated)", "on_track", "limited", "slipped", "no_progress"};
constexpr const auto& kStatuses = kActionStatuses;

// The calendar quarter of an ISO date: "2022-03-31" -> "2022-Q1".
std::string quarter_of(const std::string& date) {
  if (date.size() < 7) return "";
  const int month = std::atoi(date.substr(5, 2).c_str());
  return date.substr(0, 4) + "-Q" + std::to_string((month - 1) / 3 + 1);
}

const char* trend_arrow(const std::string& trend) {
  if (trend == "improving") return "\xE2\x86\x93 improving";  // down: the risk is falling
  if (trend == "worsening") return "\xE2\x86\x91 worsening";
  if (trend == "stable") return "\xE2\x86\x92 stable";
  return "";
}

std::string position(const engine::ScoredPosition& p) {
  if (p.likelihood.empty()) return "-";
  std::string s = p.likelihood + " v " + p.impact;
  if (p.score) s += "  " + format_number(*p.score);
  return s;
}

int level_index(const std::string& s) {
  const int ordinal = risk_level_ordinal(s);
  return ordinal ? ordinal - 1 : 2;
}

bool contains_ci(const std::string& hay, const char* needle) {
  if (!*needle) return true;
  return to_lower_ascii(hay).find(to_lower_ascii(needle)) != std::string::npos;
}

}  // namespace

bool RegisterPanel::visible(const engine::ScoredRisk& r, const engine::HeatGrid& grid) const {
  if (term_ == 1 && r.term != "short") return false;
  if (term_ == 2 && r.term != "long") return false;
  if (cell_) {
    const bool current = grid.likelihood_index(r.current.likelihood) == cell_->first &&
                         grid.impact_index(r.current.impact) == cell_->second;
    const bool target = grid.likelihood_index(r.target.likelihood) == cell_->first &&
                        grid.impact_index(r.target.impact) == cell_->second;
    if (!(show_current_ && current) && !(show_target_ && target)) return false;
  }
  const char* f = filter_.data();
  return !*f || contains_ci(r.name, f) || contains_ci(std::to_string(r.ref), f) || contains_ci(r.term, f) ||
         contains_ci(r.trend, f) || contains_ci(rag_name(r.current.band), f) || contains_ci(r.owner, f);
}

void RegisterPanel::draw(PanelContext& ctx) {
  auto& ws = ctx.workspace;
  // The what-if bar first: what it chooses or creates applies at the end of
  // the frame (Workspace::end_frame), so the results below stay valid while
  // this frame draws them.
  scenario_bar_.draw(ctx, false);
  const engine::ScoredRegister& reg = ws.scored_register();
  const engine::HeatGrid& grid = ws.heat_grid();
  if (pending_ref_ && !reg.risks.empty()) {  // once the pack host has scored the register
    for (const auto& r : reg.risks)
      if (r.ref == *pending_ref_) selected_ = r.risk_id;
    pending_ref_.reset();
  }
  draw_toolbar(ctx, reg);
  // The first scores are on their way (later updates show in the status bar).
  if (ws.register_pending() && reg.risks.empty())
    ImGui::TextDisabled("Scoring the register... %s", ws.activity().c_str());
  if (!reg.errors.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, rag_ink_colour(Rag::Red));
    ImGui::TextWrapped("%s", reg.errors.front().c_str());
    ImGui::PopStyleColor();
  }
  const float detail_h = selected_ ? ImGui::GetContentRegionAvail().y * 0.45f : 0.0f;
  const float top_h = ImGui::GetContentRegionAvail().y - detail_h;
  const float map_w = std::min(ImGui::GetContentRegionAvail().x * 0.42f, top_h * 1.15f);
  ImGui::BeginChild("register_table", ImVec2(ImGui::GetContentRegionAvail().x - map_w - 8, top_h), false);
  draw_table(ctx, reg, grid);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("register_map", ImVec2(map_w, top_h), false);
  draw_heat_map(ctx, reg, grid);
  ImGui::EndChild();
  if (selected_) {
    ImGui::Separator();
    ImGui::BeginChild("register_detail", ImVec2(0, 0), false);
    draw_detail(ctx);
    ImGui::EndChild();
  }
}

void RegisterPanel::draw_toolbar(PanelContext& ctx, const engine::ScoredRegister& reg) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  if (ctx.focus_filter) ImGui::SetKeyboardFocusHere();
  ImGui::InputTextWithHint("##filter", "Filter: name, ref, owner, band (Ctrl+F)", filter_.data(), filter_.size());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::Combo("##term", &term_, "All terms\0Short term\0Long term\0");
  ImGui::SameLine();
  ImGui::Checkbox("Current", &show_current_);
  ImGui::SameLine();
  ImGui::Checkbox("Target", &show_target_);
  if (cell_) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Clear cell filter")) cell_.reset();
  }
  ImGui::SameLine();
  ImGui::TextDisabled("|  %s, as at %s  |", reg.rule_id.c_str(), reg.as_of.c_str());
  for (auto [band, n] :
       {std::pair{Rag::Red, reg.red}, std::pair{Rag::Amber, reg.amber}, std::pair{Rag::Green, reg.green}}) {
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(band)), "%s %d %s", rag_symbol(band), n,
                       rag_name(band));
  }
  if (reg.reported)
    ImGui::TextDisabled("Progress towards target as reported for %s: %d green, %d amber, %d red (%s)",
                        reg.reported->period.c_str(), reg.reported->green, reg.reported->amber, reg.reported->red,
                        reg.reported->source.c_str());
}

void RegisterPanel::draw_table(PanelContext& ctx, const engine::ScoredRegister& reg, const engine::HeatGrid& grid) {
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  // Under a scenario a seventh column says where each moved risk stands in
  // the register as stored.
  const bool what_if = ctx.workspace.scenario() != nullptr;
  if (!ImGui::BeginTable(what_if ? "risks_whatif" : "risks", what_if ? 7 : 6, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Ref", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthFixed,
                          ImGui::GetFontSize() * 3);
  ImGui::TableSetupColumn("Risk", ImGuiTableColumnFlags_WidthStretch, 4.0f);
  ImGui::TableSetupColumn("Term", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3.5f);
  ImGui::TableSetupColumn("Trend", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6.0f);
  ImGui::TableSetupColumn("Current", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9.5f);
  ImGui::TableSetupColumn("Target", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 4.5f);
  if (what_if)
    ImGui::TableSetupColumn("As stored", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort,
                            ImGui::GetFontSize() * 5.5f);
  table_headers();

  // Sort once per change of data or sort order, not every frame.
  bool resort = order_generation_ != ctx.workspace.generation() || order_.size() != reg.risks.size();
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && (specs->SpecsDirty || resort)) {
    if (specs->SpecsCount > 0) {
      sort_column_ = specs->Specs[0].ColumnIndex;
      sort_ascending_ = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    }
    specs->SpecsDirty = false;
    resort = true;
  }
  if (resort) {
    order_.resize(reg.risks.size());
    for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    auto key = [&](const engine::ScoredRisk& r) -> std::pair<double, std::string> {
      switch (sort_column_) {
        case 1:
          return {0, r.name};
        case 2:
          return {0, r.term};
        case 3:
          return {0, r.trend};
        case 4:
          return {r.current.score.value_or(-1), ""};
        case 5:
          return {r.target.score.value_or(-1), ""};
        default:
          return {static_cast<double>(r.ref), ""};
      }
    };
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
      const auto ka = key(reg.risks[a]), kb = key(reg.risks[b]);
      return sort_ascending_ ? ka < kb : kb < ka;
    });
    order_generation_ = ctx.workspace.generation();
  }
  // Filtering 10,000 risks every frame is most of the frame: do it only
  // when the data, the order or a filter changed.
  const std::string key = std::to_string(order_generation_) + '|' + std::to_string(sort_column_) +
                          (sort_ascending_ ? "a" : "d") + '|' + filter_.data() + '|' + std::to_string(term_) +
                          (show_current_ ? "c" : "") + (show_target_ ? "t" : "") + '|' +
                          (cell_ ? std::to_string(cell_->first) + "," + std::to_string(cell_->second) : "");
  if (resort || key != rows_key_) {
    rows_.clear();
    for (std::size_t i : order_)
      if (visible(reg.risks[i], grid)) rows_.push_back(i);
    rows_key_ = key;
  }
  const std::vector<std::size_t>& rows = rows_;

  // Under a scenario, the risks it moves (by ref) say where they stand.
  const std::vector<engine::RiskMove>* moves =
      ctx.workspace.scenario() ? &scenario_bar_.diff(ctx.workspace, false).risks : nullptr;
  auto find_move = [](const std::vector<engine::RiskMove>& all, std::int64_t ref) -> const engine::RiskMove* {
    auto it = std::lower_bound(all.begin(), all.end(), ref,
                               [](const engine::RiskMove& m, std::int64_t x) { return m.ref < x; });
    return it != all.end() && it->ref == ref && it->moved() ? &*it : nullptr;
  };
  // The keyboard moves through the rows: Up/Down a risk, Page Up/Down a
  // screen, Home/End the first and last (while no box is being typed in).
  int go_to_row = -1;
  if (!rows.empty() && !ImGui::GetIO().WantTextInput && ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows)) {
    int at = -1;
    for (std::size_t k = 0; selected_ && k < rows.size(); ++k)
      if (reg.risks[rows[k]].risk_id == *selected_) at = static_cast<int>(k);
    const int page = std::max(1, static_cast<int>(ImGui::GetWindowHeight() / ImGui::GetFrameHeightWithSpacing()) - 2);
    const int last = static_cast<int>(rows.size()) - 1;
    auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); };
    if (pressed(ImGuiKey_DownArrow)) go_to_row = at < 0 ? 0 : std::min(at + 1, last);
    if (pressed(ImGuiKey_UpArrow)) go_to_row = at < 0 ? 0 : std::max(at - 1, 0);
    if (pressed(ImGuiKey_PageDown)) go_to_row = std::min(std::max(at, 0) + page, last);
    if (pressed(ImGuiKey_PageUp)) go_to_row = std::max(at - page, 0);
    if (pressed(ImGuiKey_Home)) go_to_row = 0;
    if (pressed(ImGuiKey_End)) go_to_row = last;
    if (go_to_row >= 0) selected_ = reg.risks[rows[static_cast<std::size_t>(go_to_row)]].risk_id;
  }
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  if (go_to_row >= 0) clipper.ForceDisplayRangeByIndices(go_to_row, go_to_row + 1);
  while (clipper.Step()) {
    for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
      const engine::ScoredRisk& r = reg.risks[rows[static_cast<std::size_t>(k)]];
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      if (k == go_to_row) ImGui::SetScrollHereY();  // the row the keyboard moved to, in sight
      char label[32];
      std::snprintf(label, sizeof label, "%lld##risk", static_cast<long long>(r.ref));
      ImGui::PushID(static_cast<int>(r.risk_id));
      if (ImGui::Selectable(label, selected_ && *selected_ == r.risk_id, ImGuiSelectableFlags_SpanAllColumns))
        selected_ = r.risk_id;
      ImGui::PopID();
      ImGui::TableSetColumnIndex(1);
      text_fitted(r.name, ImGui::GetContentRegionAvail().x);  // cut: an ellipsis, the whole name on hover
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(r.term.c_str());
      ImGui::TableSetColumnIndex(3);
      ImGui::TextUnformatted(trend_arrow(r.trend));
      ImGui::TableSetColumnIndex(4);
      ImGui::TextUnformatted(position(r.current).c_str());
      if (r.current.band != Rag::None) {
        ImGui::SameLine();
        rag_badge(r.current.band);
      }
      ImGui::TableSetColumnIndex(5);
      ImGui::TextUnformatted(position(r.target).c_str());
      if (const engine::RiskMove* m = moves ? find_move(*moves, r.ref) : nullptr) {
        ImGui::TableSetColumnIndex(6);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(Rag::Blue)), "%s", position(m->from).c_str());
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("As stored: %s; under the scenario: %s", position(m->from).c_str(),
                            position(m->to).c_str());
      }
    }
  }
  ImGui::EndTable();
}

// Under a scenario: each risk that moves, ghosted where the register puts
// it, with an arrow to where the scenario puts it.
void RegisterPanel::draw_scenario_moves(PanelContext& ctx, const charts::HeatMapInput& in, ImVec2 origin, ImVec2 size,
                                        const engine::HeatGrid& grid) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 ghost = ImGui::GetColorU32(ImGuiCol_Text, 0.35f);
  const ImU32 arrow = ImGui::GetColorU32(ImGuiCol_Text, 0.9f);
  const float r = ImGui::GetFontSize() * 0.55f;
  for (const auto& m : scenario_bar_.diff(ctx.workspace, false).risks) {
    if (!m.moved()) continue;
    const int fl = grid.likelihood_index(m.from.likelihood), fi = grid.impact_index(m.from.impact);
    const int tl = grid.likelihood_index(m.to.likelihood), ti = grid.impact_index(m.to.impact);
    if (fl < 0 || fi < 0 || tl < 0 || ti < 0) continue;
    const charts::CellRect a = charts::heat_map_cell_rect(in, origin, size, fl, fi);
    const charts::CellRect b = charts::heat_map_cell_rect(in, origin, size, tl, ti);
    // Ghost in the lower right of the baseline cell, clear of the cell's own discs.
    const ImVec2 from(a.max.x - r * 1.6f, a.max.y - r * 1.6f);
    const ImVec2 to((b.min.x + b.max.x) / 2, (b.min.y + b.max.y) / 2);
    dl->AddCircleFilled(from, r, ghost);
    const std::string ref = std::to_string(m.ref);
    const ImVec2 ts = ImGui::CalcTextSize(ref.c_str());
    dl->AddText(ImVec2(from.x - ts.x / 2, from.y - ts.y / 2), ImGui::GetColorU32(ImGuiCol_WindowBg), ref.c_str());
    const float dx = to.x - from.x, dy = to.y - from.y, len = std::sqrt(dx * dx + dy * dy);
    if (len < r * 2) continue;
    const ImVec2 u(dx / len, dy / len);
    // The head stops a little inside the scenario's cell, short of its
    // centre, where the cell's discs and refs are drawn.
    float enter = 0.0f;
    {
      const float p[4] = {-dx, dx, -dy, dy};
      const float q[4] = {from.x - b.min.x, b.max.x - from.x, from.y - b.min.y, b.max.y - from.y};
      for (int k = 0; k < 4; ++k)
        if (p[k] < 0) enter = std::max(enter, q[k] / p[k]);
    }
    const float depth = std::min(b.max.x - b.min.x, b.max.y - b.min.y) * 0.18f;
    const float stop = std::clamp(enter * len + depth, r * 3.0f, len - r * 1.3f);
    const ImVec2 start(from.x + u.x * r, from.y + u.y * r), end(from.x + u.x * stop, from.y + u.y * stop);
    dl->AddLine(start, end, arrow, 2.0f);
    const float h = r * 0.9f;
    dl->AddTriangleFilled(end, ImVec2(end.x - u.x * h - u.y * h * 0.6f, end.y - u.y * h + u.x * h * 0.6f),
                          ImVec2(end.x - u.x * h + u.y * h * 0.6f, end.y - u.y * h - u.x * h * 0.6f), arrow);
  }
}

void RegisterPanel::draw_heat_map(PanelContext& ctx, const engine::ScoredRegister& reg, const engine::HeatGrid& grid) {
  if (ImGui::GetFont() != heading_font() && heading_font())
    ImGui::PushFont(heading_font());
  else
    ImGui::PushFont(ImGui::GetFont());
  ImGui::TextUnformatted("Heat map");
  ImGui::PopFont();
  if (!grid.error.empty()) ImGui::TextDisabled("%s", grid.error.c_str());
  charts::HeatMapInput in;
  in.likelihood = grid.likelihood;
  in.impact = grid.impact;
  in.bands = grid.bands;
  in.current.assign(grid.likelihood.size(), std::vector<std::vector<long long>>(grid.impact.size()));
  in.target = in.current;
  for (const auto& r : reg.risks) {
    if (term_ == 1 && r.term != "short") continue;
    if (term_ == 2 && r.term != "long") continue;
    const int cl = grid.likelihood_index(r.current.likelihood), ci = grid.impact_index(r.current.impact);
    const int tl = grid.likelihood_index(r.target.likelihood), ti = grid.impact_index(r.target.impact);
    if (show_current_ && cl >= 0 && ci >= 0)
      in.current[static_cast<std::size_t>(cl)][static_cast<std::size_t>(ci)].push_back(r.ref);
    if (show_target_ && tl >= 0 && ti >= 0)
      in.target[static_cast<std::size_t>(tl)][static_cast<std::size_t>(ti)].push_back(r.ref);
  }
  const float side =
      std::min(ImGui::GetContentRegionAvail().x, ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeight());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  if (auto click = charts::heat_map("heat", in, ImVec2(side, side))) {
    const std::pair<int, int> c{click->likelihood, click->impact};
    if (cell_ && *cell_ == c)
      cell_.reset();
    else
      cell_ = c;
  }
  const bool scenario = ctx.workspace.scenario() != nullptr;
  if (scenario && show_current_) draw_scenario_moves(ctx, in, origin, ImVec2(side, side), grid);
  ImGui::TextDisabled(scenario ? "filled: under the scenario  ghost: as stored  ring: target"
                               : "filled: current  ring: target  click a cell to list its risks");
}

void RegisterPanel::draw_detail(PanelContext& ctx) {
  auto& ws = ctx.workspace;
  // The detail is worked out in the pack host (the rule scores its
  // history); the panel keeps its own copy of the last answer.
  const engine::DetailOutcome* out = ws.risk_detail(*selected_);
  if (out && (!detail_ || detail_->risk_id != *selected_ || detail_generation_ != ws.generation())) {
    if (out->error.empty()) detail_ = out->detail;
    detail_error_ = out->error;
    detail_generation_ = ws.generation();
  }
  if (!detail_error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, rag_ink_colour(Rag::Red));
    ImGui::TextWrapped("%s The detail of this risk could not be worked out: %s", rag_symbol(Rag::Red),
                       detail_error_.c_str());
    ImGui::PopStyleColor();
    if (ImGui::SmallButton("Close")) selected_.reset();
    return;
  }
  if (!detail_ || detail_->risk_id != *selected_) {
    ImGui::TextDisabled("Working out the risk's detail...");
    return;
  }
  const engine::RiskDetail& d = *detail_;
  if (heading_font()) ImGui::PushFont(heading_font());
  ImGui::Text("%lld  %s", static_cast<long long>(d.ref), d.name.c_str());
  if (heading_font()) ImGui::PopFont();
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 3);
  if (ImGui::SmallButton("Close")) {
    selected_.reset();
    return;
  }
  ImGui::TextWrapped("%s", d.description.c_str());
  ImGui::TextDisabled("Owner: %s   Working leads: %s   Term: %s", d.owner.c_str(), d.leads.c_str(), d.term.c_str());

  const float col_w = ImGui::GetContentRegionAvail().x / 2 - 6;
  ImGui::BeginChild("history", ImVec2(col_w, 0), false);
  ImGui::TextUnformatted("Assessment history");
  charts::Series s;
  s.name = ws.active_rule() + " score";
  for (const auto& p : d.history)
    if (p.score) s.points.push_back({p.period.empty() ? p.as_of : p.period, *p.score});
  charts::line_chart("history_chart", {s}, ImVec2(-1, ImGui::GetFontSize() * 9));
  // Messages say what the last save did; an edit made since (an undo, a
  // redo, another panel's) leaves them saying something untrue.
  if (message_edits_ != ctx.workspace.edit_generation()) {
    form_message_.clear();
    link_message_.clear();
    choices_.clear();  // the combos start again from what is stored now
    message_edits_ = ctx.workspace.edit_generation();
  }
  draw_edit_form(ctx, d);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("links", ImVec2(0, 0), false);
  draw_links(ctx, d);
  ImGui::EndChild();
}

void RegisterPanel::draw_edit_form(PanelContext& ctx, const engine::RiskDetail& d) {
  if (form_risk_ != d.risk_id) {
    // Start from the latest assessment.
    form_risk_ = d.risk_id;
    form_message_.clear();
    const engine::HistoryPoint* last = d.history.empty() ? nullptr : &d.history.back();
    std::snprintf(form_date_.data(), form_date_.size(), "%s",
                  ctx.workspace.as_of().empty() ? today_utc().c_str() : ctx.workspace.as_of().c_str());
    form_likelihood_ = last ? level_index(last->likelihood) : 2;
    form_impact_ = last ? level_index(last->impact) : 2;
    form_trend_ = 0;
    form_progress_ = 0;
    if (last) {
      for (int i = 1; i < 4; ++i)
        if (last->trend == kTrends[i]) form_trend_ = i;
    }
    form_commentary_[0] = '\0';
  }
  if (!ImGui::CollapsingHeader("Record an assessment")) return;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  ImGui::InputText("As of (YYYY-MM-DD)", form_date_.data(), form_date_.size());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
  ImGui::Combo("Likelihood", &form_likelihood_, kLevels.data(), static_cast<int>(kLevels.size()));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
  ImGui::Combo("Impact", &form_impact_, kLevels.data(), static_cast<int>(kLevels.size()));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  ImGui::Combo("Trend", &form_trend_, kTrends, 4);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  ImGui::Combo("Progress", &form_progress_, kProgress, 5);
  ImGui::InputTextMultiline("Commentary", form_commentary_.data(), form_commentary_.size(),
                            ImVec2(-1, ImGui::GetFontSize() * 3));
  // The edit path decides: under a scenario, likelihood and impact go into
  // it; otherwise the whole form goes into the register.
  const data::Scenario* scenario = ctx.workspace.scenario();
  if (scenario)
    ImGui::TextDisabled("Scenario '%s': likelihood and impact go into the scenario", scenario->name.c_str());
  if (ImGui::Button(scenario ? "Add to scenario" : "Save assessment")) {
    data::AssessmentEdit e;
    e.risk_id = d.risk_id;
    e.as_of = form_date_.data();
    e.likelihood = kLevels[form_likelihood_];
    e.impact = kLevels[form_impact_];
    // The form shows every field, so it sends every field: "(not stated)"
    // and an empty box clear the stored value rather than keep it.
    e.trend = form_trend_ > 0 ? std::string(kTrends[form_trend_]) : std::string();
    e.progress = form_progress_ > 0 ? std::string(kProgress[form_progress_]) : std::string();
    e.commentary = std::string(form_commentary_.data());
    try {
      const engine::EditOutcome r = ctx.workspace.edits().assess(e);
      form_message_ = r.into_scenario ? r.message
                      : r.changed     ? "Saved: " + r.message + "  (Ctrl+Z undoes it)"
                                      : "Nothing changed: the assessment already says that";
      form_error_ = false;
      if (r.changed && !r.into_scenario) ctx.workspace.log(script::ConsoleMessage::Level::Info, "edit: " + r.message);
    } catch (const std::exception& ex) {
      form_message_ = ex.what();
      form_error_ = true;
    }
    message_edits_ = ctx.workspace.edit_generation();
  }
  if (!form_message_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, form_error_ ? rag_ink_colour(Rag::Red) : ImGui::GetColorU32(ImGuiCol_Text));
    ImGui::TextWrapped("%s", form_message_.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace gb::ui

namespace gb::ui {

// A status as a combo and its Save button. When nothing is stored (a
// control with no progress reported for the quarter) the combo says so and
// Save stays off until a status is chosen: a click on Save never records a
// value the analyst did not pick.
std::optional<int> RegisterPanel::status_editor(const std::string& key, const char* const* options, int count,
                                                const std::string& current) {
  // The pending choice, started again from what is stored whenever that
  // changes (a save, an undo, a reload).
  constexpr int kNone = -1;
  auto [it, added] = choices_.try_emplace(key);
  Choice& pending = it->second;
  if (added || pending.stored != current) {
    pending.stored = current;
    pending.choice = kNone;
    for (int i = 0; i < count; ++i)
      if (current == options[i]) pending.choice = i;
  }
  int& choice = pending.choice;
  ImGui::PushID(key.c_str());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.5f);
  if (ImGui::BeginCombo("##status", choice >= 0 ? options[choice] : "not reported")) {
    for (int i = 0; i < count; ++i)
      if (ImGui::Selectable(options[i], i == choice)) choice = i;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  const bool changed = choice >= 0 && current != options[choice];
  ImGui::BeginDisabled(!changed);
  const bool save = ImGui::SmallButton("Save");
  ImGui::EndDisabled();
  ImGui::PopID();
  if (!save) return std::nullopt;
  return choice;
}

void RegisterPanel::report(PanelContext& ctx, const std::string& what,
                           const std::function<engine::EditOutcome(engine::EditPath&)>& edit) {
  try {
    const engine::EditOutcome r = edit(ctx.workspace.edits());
    link_error_ = false;
    if (r.into_scenario)
      link_message_ = r.message;
    else
      link_message_ = r.changed ? "Saved: " + r.message + "  (Ctrl+Z undoes it)" : "Nothing changed";
    if (r.changed && !r.into_scenario) ctx.workspace.log(script::ConsoleMessage::Level::Info, "edit: " + r.message);
  } catch (const std::exception& e) {
    link_message_ = what + ": " + e.what();
    link_error_ = true;
  }
  message_edits_ = ctx.workspace.edit_generation();
}

namespace {

// The active scenario's change to this control or action, if it has one.
const data::ScenarioChange* proposed_change(const data::Scenario* s, const char* kind, std::int64_t id) {
  if (!s) return nullptr;
  for (const auto& c : s->changes)
    if (c.kind == kind && c.target_id == id) return &c;
  return nullptr;
}

}  // namespace

void RegisterPanel::draw_links(PanelContext& ctx, const engine::RiskDetail& d) {
  // Under a scenario, a control's progress is proposed for the scenario's quarter.
  const data::Scenario* scenario = ctx.workspace.scenario();
  const std::string quarter = quarter_of(scenario                        ? scenario->as_of
                                         : ctx.workspace.as_of().empty() ? today_utc()
                                                                         : ctx.workspace.as_of());
  if (!link_message_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text,
                          link_error_ ? rag_ink_colour(Rag::Red) : ImGui::GetColorU32(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", link_message_.c_str());
    ImGui::PopStyleColor();
  }
  // The quarter an edit records is the view date's; the data may be older,
  // and the heading says so rather than let one pass for the other.
  std::string latest_reported;
  for (const auto& c : d.controls)
    if (!c.progress.empty() && c.period > latest_reported) latest_reported = c.period;
  if (latest_reported.empty())
    ImGui::Text("Key controls (%zu): progress for %s; none reported yet", d.controls.size(), quarter.c_str());
  else if (latest_reported == quarter)
    ImGui::Text("Key controls (%zu): progress for %s", d.controls.size(), quarter.c_str());
  else
    ImGui::Text("Key controls (%zu): progress for %s; the latest reported is %s", d.controls.size(), quarter.c_str(),
                latest_reported.c_str());
  if (ImGui::BeginTable("controls", 3,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 1.5f);
    ImGui::TableSetupColumn("Control", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Progress", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 12);
    table_headers();
    for (const auto& c : d.controls) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::Text("%d", c.seq);
      ImGui::TableSetColumnIndex(1);
      ImGui::TextWrapped("%s", c.description.c_str());
      if (!c.progress.empty()) ImGui::TextDisabled("last reported %s: %s", c.period.c_str(), c.progress.c_str());
      ImGui::TableSetColumnIndex(2);
      std::string current = c.period == quarter ? c.progress : "";
      if (const auto* proposed = proposed_change(scenario, "control", c.id))
        current = proposed->progress.value_or(current);
      if (auto pick = status_editor("c" + std::to_string(c.id), kControlProgress.data(),
                                    static_cast<int>(kControlProgress.size()), current)) {
        report(ctx, "control " + std::to_string(c.seq), [&](engine::EditPath& edits) {
          return edits.control_progress(
              {.control_id = c.id, .period = quarter, .progress = std::string(kControlProgress[*pick]), .note = {}});
        });
      }
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::Text("Linked plan actions (%zu)", d.actions.size());
  for (const auto& a : d.actions) {
    ImGui::PushID(static_cast<int>(a.id));
    ImGui::TextWrapped("%s: %s%s%s", a.plan.c_str(), a.title.c_str(), a.due.empty() ? "" : "  (due ",
                       a.due.empty() ? "" : (a.due + ")").c_str());
    ImGui::Indent();
    std::string status = a.status;
    if (const auto* proposed = proposed_change(scenario, "action", a.id)) status = proposed->status.value_or(status);
    if (auto pick =
            status_editor("a" + std::to_string(a.id), kStatuses.data(), static_cast<int>(kStatuses.size()), status)) {
      report(ctx, "plan action", [&](engine::EditPath& edits) {
        data::ActionStatusEdit e;
        e.item_id = a.id;
        e.status = std::string(kStatuses[*pick]);
        return edits.action_status(e);
      });
    }
    ImGui::Unindent();
    ImGui::PopID();
  }
  ImGui::Spacing();
  ImGui::Text("Improvement areas (%zu)", d.areas.size());
  for (const auto& area : d.areas) {
    ImGui::PushID(static_cast<int>(area.id));
    if (ImGui::TreeNode("area", "%s: %s (%s)", area.year.c_str(), area.title.c_str(),
                        format_count(static_cast<long long>(area.actions.size()), "actions").c_str())) {
      for (const auto& act : area.actions) {
        ImGui::TextWrapped("%d. %s%s%s", act.seq, act.action.c_str(),
                           act.lead.empty() ? "" : "  Lead: ", act.lead.c_str());
        if (auto pick = status_editor("i" + std::to_string(act.id), kStatuses.data(),
                                      static_cast<int>(kStatuses.size()), act.status)) {
          report(ctx, "improvement action", [&](engine::EditPath& edits) {
            data::ImprovementActionEdit e;
            e.action_id = act.id;
            e.status = std::string(kStatuses[*pick]);
            return edits.improvement_action(e);
          });
        }
      }
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
}

}  // namespace gb::ui

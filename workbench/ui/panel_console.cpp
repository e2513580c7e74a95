// Console panel: the scratch console (an input line; each answer as a
// value, a table or a chart, or an error with its line) and the messages
// log (pack print() output, load errors, reloads, edits).
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "core/text.hpp"
#include "engine/console.hpp"
#include "ui/charts.hpp"
#include "ui/panels.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/theme.hpp"

namespace gb::ui {

namespace {

constexpr std::size_t kShownRows = 200;

int history_callback(ImGuiInputTextCallbackData* data) {
  auto* self = static_cast<std::pair<std::vector<std::string>*, int*>*>(data->UserData);
  auto& history = *self->first;
  int& pos = *self->second;
  if (history.empty() || data->EventFlag != ImGuiInputTextFlags_CallbackHistory) return 0;
  const int before = pos;
  if (data->EventKey == ImGuiKey_UpArrow)
    pos = pos < 0 ? static_cast<int>(history.size()) - 1 : std::max(0, pos - 1);
  else if (data->EventKey == ImGuiKey_DownArrow && pos >= 0)
    pos = pos + 1 >= static_cast<int>(history.size()) ? -1 : pos + 1;
  if (pos == before) return 0;
  data->DeleteChars(0, data->BufTextLen);
  if (pos >= 0) data->InsertChars(0, history[static_cast<std::size_t>(pos)].c_str());
  return 0;
}

}  // namespace

void ConsolePanel::draw(PanelContext& ctx) {
  for (const auto& in : queued_) submit(ctx, in);
  queued_.clear();
  if (!ImGui::BeginTabBar("console_tabs")) return;
  if (ImGui::BeginTabItem("Try it")) {
    draw_scratch(ctx);
    ImGui::EndTabItem();
  }
  const std::size_t errors = ctx.workspace.error_count();
  const std::string messages =
      errors ? "Messages (" + std::to_string(errors) + " errors)###messages" : "Messages###messages";
  if (ImGui::BeginTabItem(messages.c_str())) {
    draw_messages(ctx);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

void ConsolePanel::submit(PanelContext& ctx, const std::string& input) {
  std::string s = input;
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  if (s.empty()) return;
  if (history_.empty() || history_.back() != s) history_.push_back(s);
  history_pos_ = -1;
  ctx.workspace.console_submit(s);
}

void ConsolePanel::draw_scratch(PanelContext& ctx) {
  auto& ws = ctx.workspace;
  const auto& entries = ws.console_entries();
  const float input_h =
      ImGui::GetFrameHeightWithSpacing() * 2.2f + (save_message_.empty() ? 0 : ImGui::GetTextLineHeightWithSpacing());
  ImGui::BeginChild("scratch_answers", ImVec2(0, -input_h), true);
  if (entries.empty()) {
    ImGui::TextDisabled(
        "Type Lua with the same ctx a pack's compute gets, or a SQL query, and press Enter. For example:");
    // Examples to type (sql: shown, not run).
    ImGui::BulletText("ctx.value(\"SELECT count(*) FROM risk_register\")");
    // sql: shown, not run
    ImGui::BulletText("SELECT lower(current_band) AS band, count(*) AS risks FROM risk_scores GROUP BY 1");
    ImGui::BulletText("ctx.indicator(\"risk.band_count\")");
    ImGui::TextDisabled(
        "The database is only read; the time budget and memory cap are the packs'. Globals you set stay until "
        "the packs reload. Up and Down recall earlier inputs.");
  }
  for (std::size_t i = 0; i < entries.size(); ++i) draw_answer(entries[i], i);
  // Follow new answers.
  const std::uint64_t newest =
      entries.empty() ? 0 : static_cast<std::uint64_t>(entries.back().id) * 2 + (entries.back().pending ? 0 : 1);
  if (newest != last_answer_id_) {
    ImGui::SetScrollHereY(1.0f);
    last_answer_id_ = newest;
  }
  ImGui::EndChild();

  // The input line: Enter runs, Up and Down walk the history.
  std::pair<std::vector<std::string>*, int*> hist{&history_, &history_pos_};
  if (focus_input_) {
    ImGui::SetKeyboardFocusHere();
    focus_input_ = false;
  }
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 17);
  const bool entered = ImGui::InputTextWithHint(
      "##scratch_input", "Lua (ctx.value(\"SELECT ...\")) or SQL (SELECT ...); Enter runs", input_.data(),
      input_.size(), ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackHistory, history_callback,
      &hist);
  ImGui::SameLine();
  const bool run = ImGui::Button("Run");
  if (entered || run) {
    submit(ctx, input_.data());
    input_[0] = '\0';
    focus_input_ = true;
  }
  ImGui::SameLine();
  if (ImGui::Button("Clear")) ws.console_clear();
  ImGui::SameLine();
  // The last input that worked, as a pack's indicator.
  const engine::ConsoleEntry* last_ok = nullptr;
  for (auto it = entries.rbegin(); it != entries.rend() && !last_ok; ++it)
    if (!it->pending && it->outcome.kind != engine::ConsoleOutcome::Kind::Error) last_ok = &*it;
  ImGui::BeginDisabled(!last_ok);
  if (ImGui::Button("Save as indicator...") && last_ok) {
    save_open_ = true;
    save_input_ = last_ok->input;
    save_message_.clear();
    ImGui::OpenPopup("Save as indicator");
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip(last_ok ? "Write the last input that worked into a pack as a gov.indicator"
                              : "Run an input that works first");
  if (!ws.as_of().empty() || ws.scenario()) {
    ImGui::TextDisabled("as at %s%s%s", ws.as_of().empty() ? "today" : ws.as_of().c_str(),
                        ws.scenario() ? ", under scenario " : "", ws.scenario() ? ws.scenario()->name.c_str() : "");
  }
  if (!save_message_.empty()) {
    if (save_error_)
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(Rag::Red)), "%s", save_message_.c_str());
    else
      ImGui::TextDisabled("%s", save_message_.c_str());
  }
  draw_save(ctx);
}

void ConsolePanel::draw_answer(const engine::ConsoleEntry& e, std::size_t index) {
  ImGui::PushID(static_cast<int>(index));
  ImGui::PushStyleColor(ImGuiCol_Text, palette(0));
  ImGui::TextWrapped("> %s", e.input.c_str());
  ImGui::PopStyleColor();
  if (e.pending) {
    ImGui::TextDisabled("running...");
    ImGui::PopID();
    return;
  }
  const auto& o = e.outcome;
  for (const auto& p : o.printed) ImGui::TextWrapped("%s", p.c_str());
  using Kind = engine::ConsoleOutcome::Kind;
  switch (o.kind) {
    case Kind::Error: {
      ImGui::PushStyleColor(ImGuiCol_Text, rag_ink_colour(Rag::Red));
      const std::string where = o.line > 0 ? "error at line " + std::to_string(o.line) + ": " : "error: ";
      ImGui::TextWrapped("%s %s%s", rag_symbol(Rag::Red), where.c_str(), o.text.c_str());
      ImGui::PopStyleColor();
      break;
    }
    case Kind::Nothing:
      if (o.printed.empty()) ImGui::TextDisabled("nil");
      break;
    case Kind::Value:
      ImGui::TextWrapped("%s", o.text.c_str());
      break;
    case Kind::Table: {
      if (!o.text.empty()) ImGui::TextWrapped("%s", o.text.c_str());
      const auto& t = o.table;
      const int ncols = static_cast<int>(std::min<std::size_t>(t.columns.size(), 64));
      const std::size_t nrows = std::min(kShownRows, t.rows.size());
      const float row_h = ImGui::GetTextLineHeightWithSpacing();
      const float h = std::min(row_h * static_cast<float>(nrows + 1) + 8, row_h * 12);
      if (ncols > 0 &&
          ImGui::BeginTable("answer_table", ncols,
                            ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit,
                            ImVec2(0, h))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        for (int c = 0; c < ncols; ++c) ImGui::TableSetupColumn(t.columns[static_cast<std::size_t>(c)].c_str());
        table_headers();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(nrows));
        while (clipper.Step())
          for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            ImGui::TableNextRow();
            for (int c = 0; c < ncols; ++c) {
              ImGui::TableSetColumnIndex(c);
              const std::string& cell = t.rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
              if (cell == "NULL")
                ImGui::TextDisabled("NULL");
              else
                ImGui::TextUnformatted(cell.c_str());
              if (ImGui::IsItemHovered() && cell.size() > 40) ImGui::SetTooltip("%s", cell.c_str());
            }
          }
        ImGui::EndTable();
      }
      if (o.chart.kind == IndicatorResult::Kind::Series) {
        charts::Series s;
        s.name = o.chart.title;
        for (const auto& p : o.chart.series) s.points.push_back({p.period, p.value});
        charts::line_chart("answer_series", {s}, ImVec2(-1, ImGui::GetFontSize() * 12));
      } else if (o.chart.kind == IndicatorResult::Kind::Breakdown) {
        std::vector<charts::Bar> bars;
        for (const auto& b : o.chart.breakdown)
          if (b.value) bars.push_back({b.group, *b.value, b.rag});
        const float bar_h = std::min(ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(bars.size() + 1),
                                     ImGui::GetFontSize() * 16);
        charts::bar_chart("answer_bars", bars, ImVec2(-1, bar_h));
      }
      ImGui::TextDisabled("%s %s, %s ms", format_number(static_cast<double>(t.total_rows), 0).c_str(),
                          t.total_rows == 1 ? "row" : "rows", format_number(o.milliseconds, 1).c_str());
      if (t.total_rows > nrows) {
        ImGui::SameLine();
        ImGui::TextDisabled("(the first %zu shown)", nrows);
      }
      break;
    }
  }
  ImGui::Separator();
  ImGui::PopID();
}

void ConsolePanel::draw_save(PanelContext& ctx) {
  if (!ImGui::BeginPopupModal("Save as indicator", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  // The packs one may write to: folders given with --packs (installed and
  // bundled packs are managed copies, never edited in place).
  std::vector<const engine::CatalogPack*> writable;
  for (const auto& p : ctx.workspace.packs().packs)
    if (p.origin == "--packs" || p.origin == "workspace") writable.push_back(&p);
  ImGui::TextWrapped("Writes a gov.indicator computing:");
  ImGui::TextDisabled("%s", save_input_.c_str());
  if (writable.empty()) {
    ImGui::TextWrapped(
        "No pack folder to write to: open the workbench with --packs DIR (make one with "
        "'govbench pack new NAME').");
  } else {
    save_pack_ = std::clamp(save_pack_, 0, static_cast<int>(writable.size()) - 1);
    const auto* chosen = writable[static_cast<std::size_t>(save_pack_)];
    if (ImGui::BeginCombo("Pack", chosen->name.c_str())) {
      for (std::size_t i = 0; i < writable.size(); ++i)
        if (ImGui::Selectable(writable[i]->name.c_str(), static_cast<int>(i) == save_pack_))
          save_pack_ = static_cast<int>(i);
      ImGui::EndCombo();
    }
    if (save_id_[0] == '\0') {
      // Ids are dotted lower-case words: a pack's dashes become underscores.
      std::string prefix = chosen->name;
      std::replace(prefix.begin(), prefix.end(), '-', '_');
      std::snprintf(save_id_.data(), save_id_.size(), "%s.new_indicator", prefix.c_str());
    }
    ImGui::InputText("Id", save_id_.data(), save_id_.size());
    ImGui::InputTextWithHint("Title", "what a board member reads on the tile", save_title_.data(), save_title_.size());
  }
  ImGui::BeginDisabled(writable.empty());
  if (ImGui::Button("Save")) {
    try {
      const auto* chosen = writable[static_cast<std::size_t>(save_pack_)];
      const auto file = engine::save_as_indicator(chosen->dir, save_id_.data(), save_title_.data(), save_input_);
      save_message_ = "Wrote " + file.string() + " (the pack reloads on its own; edit the unit and thresholds there)";
      save_error_ = false;
      ctx.workspace.log(script::ConsoleMessage::Level::Info, "console: " + save_message_);
      save_id_[0] = '\0';
      save_title_[0] = '\0';
      ImGui::CloseCurrentPopup();
    } catch (const std::exception& e) {
      save_message_ = e.what();
      save_error_ = true;
    }
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
  if (save_error_ && !save_message_.empty())
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(Rag::Red)), "%s", save_message_.c_str());
  ImGui::EndPopup();
}

void ConsolePanel::draw_messages(PanelContext& ctx) {
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
        ImGui::PushStyleColor(ImGuiCol_Text, rag_ink_colour(Rag::Red));
        ImGui::TextWrapped("%s %s", rag_symbol(Rag::Red), text.c_str());
        ImGui::PopStyleColor();
        break;
      case script::ConsoleMessage::Level::Info:
        ImGui::TextDisabled("%s", text.c_str());
        break;
      case script::ConsoleMessage::Level::Print:
        ImGui::TextWrapped("%s", text.c_str());
        break;
    }
  }
  // Follow new output while the view is at the bottom.
  if (lines.size() != seen_ && ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4) ImGui::SetScrollHereY(1.0f);
  seen_ = lines.size();
  ImGui::EndChild();
}

}  // namespace gb::ui

// Indicators panel: tiles, then the detail of the one opened.
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "core/format.hpp"
#include "core/text.hpp"
#include "ui/charts.hpp"
#include "ui/panels.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/theme.hpp"

namespace gb::ui {

namespace {

std::string value_text(const IndicatorResult& r) {
  if (r.status == IndicatorResult::Status::Error) return "error";
  if (r.status == IndicatorResult::Status::NoData) return "no data";
  if (r.value) {
    return format_value(*r.value, r.unit);  // core/format.hpp: as the papers and the CLI print it
  }
  if (r.kind == IndicatorResult::Kind::Breakdown)
    return format_count(static_cast<long long>(r.breakdown.size()), "groups");
  return "-";
}

// The arrow says which way the latest change went; its colour whether that
// is better or worse given the polarity.
void trend_arrow(const IndicatorResult& r) {
  const auto prev = r.previous();
  if (!prev || !r.value) return;
  const double change = *r.value - *prev;
  if (r.change_is_significant() == false) {  // within noise: no arrow to read as news
    ImGui::SameLine();
    ImGui::TextDisabled("no significant change");
    return;
  }
  const char* arrow = change > 0 ? "\xE2\x86\x91" : change < 0 ? "\xE2\x86\x93" : "\xE2\x86\x92";
  Rag tone = Rag::None;
  if (change != 0 && r.polarity != Polarity::Neutral) {
    const bool better = (change > 0) == (r.polarity == Polarity::HigherIsBetter);
    tone = better ? Rag::Green : Rag::Red;
  }
  ImGui::SameLine();
  if (tone == Rag::None)
    ImGui::TextDisabled("%s %s", arrow, format_number(change, 1).c_str());
  else
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(tone)), "%s %s%s", arrow, change > 0 ? "+" : "",
                       format_number(change, 1).c_str());
}

}  // namespace

int IndicatorsPanel::badge(engine::Workspace& ws) {
  int n = 0;
  for (const auto& r : ws.indicators()) n += r.status == IndicatorResult::Status::Error;
  return n;
}

namespace {

// Under a scenario: the change from the register as stored ("was 1.8").
void scenario_delta(const engine::IndicatorChange& c) {
  if (!c.changed) return;
  const ImVec4 tone = ImGui::ColorConvertU32ToFloat4(rag_ink_colour(Rag::Blue));
  if (c.delta) {
    ImGui::TextColored(tone, "what-if %s%s (was %s)", *c.delta > 0 ? "+" : "", format_number(*c.delta, 2).c_str(),
                       value_text(c.from).c_str());
  } else if (!c.groups.empty()) {
    std::string text = "what-if:";
    for (std::size_t i = 0; i < c.groups.size() && i < 3; ++i) {
      const auto& g = c.groups[i];
      text += " " + g.group + " " + (g.from ? format_number(*g.from, 1) : "-") + "\xE2\x86\x92" +
              (g.to ? format_number(*g.to, 1) : "-");
    }
    if (c.groups.size() > 3) text += " ...";
    ImGui::TextColored(tone, "%s", text.c_str());
  } else {
    ImGui::TextColored(tone, "what-if: was %s", value_text(c.from).c_str());
  }
}

const engine::IndicatorChange* change_of(const engine::OutcomeDiff& d, const std::string& id) {
  for (const auto& c : d.indicators)
    if (c.id == id) return &c;
  return nullptr;
}

}  // namespace

void IndicatorsPanel::draw(PanelContext& ctx) {
  scenario_bar_.draw(ctx, true);
  const engine::OutcomeDiff& what_if = scenario_bar_.diff(ctx.workspace, true);
  const auto& results = ctx.workspace.indicators();
  if (ctx.focus_filter) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  ImGui::InputTextWithHint("##filter", "Filter: title, id or tag (Ctrl+F)", filter_.data(), filter_.size());
  const std::string filter = to_lower_ascii(filter_.data());

  // Tiles are grouped under their first tag (a pack's "risk", "pas", ...),
  // groups in the order the packs first use them; untagged ones last.
  std::map<std::string, std::vector<std::string>> tags_of;
  for (const auto& ref : ctx.workspace.packs().indicators()) tags_of[ref.def->id] = ref.def->tags;
  auto matches = [&](const std::string& id, const std::string& title) {
    if (filter.empty()) return true;
    std::string hay = id + " " + title;
    if (auto t = tags_of.find(id); t != tags_of.end())
      for (const auto& tag : t->second) hay += " " + tag;
    return to_lower_ascii(hay).find(filter) != std::string::npos;
  };
  std::vector<std::string> groups;
  std::map<std::string, std::vector<const IndicatorResult*>> by_group;
  std::size_t matching = 0;
  for (const auto& r : results) {
    if (!matches(r.id, r.title)) continue;
    ++matching;
    const auto t = tags_of.find(r.id);
    const std::string group = t != tags_of.end() && !t->second.empty() ? t->second.front() : std::string();
    if (!by_group.count(group)) groups.push_back(group);
    by_group[group].push_back(&r);
  }
  std::stable_partition(groups.begin(), groups.end(), [](const std::string& g) { return !g.empty(); });

  ImGui::SameLine();
  const std::string as_at = ctx.workspace.as_of().empty() ? "today" : ctx.workspace.as_of();
  if (filter.empty())
    ImGui::TextDisabled("%zu indicators, as at %s", results.size(), as_at.c_str());
  else
    ImGui::TextDisabled("%zu of %zu indicators match, as at %s", matching, results.size(), as_at.c_str());
  // The pack host works on them while the window goes on: say so.
  if (ctx.workspace.indicators_pending()) {
    ImGui::SameLine();
    ImGui::TextDisabled("|  %s", ctx.workspace.activity().c_str());
  }

  const IndicatorResult* opened = nullptr;
  for (const auto& r : results)
    if (r.id == open_) opened = &r;
  const float detail_w = opened ? ImGui::GetContentRegionAvail().x * 0.48f : 0.0f;
  ImGui::BeginChild("tiles", ImVec2(ImGui::GetContentRegionAvail().x - detail_w, 0), false);
  const float tile_w = ImGui::GetFontSize() * (ctx.presentation ? 22.0f : 16.0f);
  const float title_w = tile_w - ImGui::GetStyle().WindowPadding.x * 2 - 6;
  const float tile_h = ImGui::GetFontSize() * 7.2f + ImGui::GetTextLineHeightWithSpacing();
  const int per_row = std::max(1, static_cast<int>((ImGui::GetContentRegionAvail().x + 8) / (tile_w + 8)));
  int shown = 0;
  for (const auto& group : groups) {
    if (heading_font()) ImGui::PushFont(heading_font());
    std::string heading = group.empty() ? std::string("Other") : group;
    heading[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(heading[0])));
    ImGui::TextUnformatted(heading.c_str());
    if (heading_font()) ImGui::PopFont();
    int in_row = 0;
    for (const IndicatorResult* rp : by_group[group]) {
      const IndicatorResult& r = *rp;
      if (in_row % per_row != 0) ImGui::SameLine(0, 8);
      ++in_row;
      ++shown;
      ImGui::PushID(r.id.c_str());
      const bool is_open = r.id == open_;
      ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetColorU32(is_open ? ImGuiCol_Header : ImGuiCol_FrameBg));
      const ImVec2 area_min = ImGui::GetWindowDrawList()->GetClipRectMin();
      const ImVec2 area_max = ImGui::GetWindowDrawList()->GetClipRectMax();
      ImGui::BeginChild("tile", ImVec2(tile_w, tile_h), true, ImGuiWindowFlags_NoScrollbar);
      // The band as a strip down the tile's left edge. It sits in the tile's
      // padding, outside the tile's own clip, so clip it to the tiles area.
      if (r.status == IndicatorResult::Status::Ok && r.rag != Rag::None) {
        const ImVec2 a = ImGui::GetWindowPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->PushClipRect(ImVec2(std::max(a.x, area_min.x), std::max(a.y, area_min.y)),
                         ImVec2(std::min(a.x + tile_w, area_max.x), std::min(a.y + tile_h, area_max.y)), false);
        dl->AddRectFilled(a, ImVec2(a.x + 5, a.y + tile_h), rag_colour(r.rag), ImGui::GetStyle().ChildRounding,
                          ImDrawFlags_RoundCornersLeft);
        dl->PopClipRect();
      }
      // The title on two lines at most; longer, an ellipsis and the whole in a tooltip.
      const float title_top = ImGui::GetCursorPosY();
      text_fitted(r.title, title_w, 2, true);
      ImGui::SetCursorPosY(title_top + ImGui::GetTextLineHeightWithSpacing() * 2);
      if (large_font()) ImGui::PushFont(large_font());
      ImGui::TextUnformatted(value_text(r).c_str());
      if (large_font()) ImGui::PopFont();
      trend_arrow(r);
      if (r.status == IndicatorResult::Status::Error)
        ImGui::TextDisabled("failed: open for why");
      else if (r.status == IndicatorResult::Status::NoData && !r.explanation.empty())
        // What is missing, on the tile: "import ... as pas_neighbourhood_groups (govbench import ...)".
        text_fitted(r.explanation, ImGui::GetContentRegionAvail().x, 2, true);
      else
        rag_badge(r.rag);
      if (r.kind == IndicatorResult::Kind::Series && r.series.size() > 1) {
        std::vector<double> values;
        for (const auto& pt : r.series) values.push_back(pt.value);
        ImGui::SameLine(0, ImGui::GetFontSize());
        charts::sparkline("spark", values, ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 1.4f),
                          r.rag == Rag::None ? palette(0) : rag_colour(r.rag));
      }
      if (r.status == IndicatorResult::Status::Ok) {
        // The interval and n, and the SPC and assurance verdicts, in words (cut: a tooltip has them whole).
        const float w = ImGui::GetContentRegionAvail().x;
        if (const std::string words = r.interval_words(); !words.empty()) text_fitted(words, w, 1, true);
        if (const std::string words = r.spc_words(); !words.empty()) text_fitted(words, w, 1, true);
      }
      if (ctx.workspace.indicator_pending(r.id)) {
        ImGui::SameLine();
        ImGui::TextDisabled("  updating...");
      }
      if (const auto* c = change_of(what_if, r.id)) scenario_delta(*c);
      ImGui::EndChild();
      ImGui::PopStyleColor();
      if (ImGui::IsItemClicked()) open_ = is_open ? std::string() : r.id;
      if (ImGui::IsItemHovered() && !r.explanation.empty())
        ImGui::SetTooltip("%s\n%s", r.id.c_str(), r.explanation.c_str());
      ImGui::PopID();
    }
  }
  // The indicators still being computed for the first time: a tile that says so.
  if (ctx.workspace.indicators_pending()) {
    for (const auto& ref : ctx.workspace.packs().indicators()) {
      const std::string& id = ref.def->id;
      if (std::any_of(results.begin(), results.end(), [&](const IndicatorResult& x) { return x.id == id; })) continue;
      if (!matches(id, ref.def->title)) continue;
      if (shown % per_row != 0) ImGui::SameLine(0, 8);
      ++shown;
      ImGui::PushID(id.c_str());
      ImGui::BeginChild("pending_tile", ImVec2(tile_w, tile_h), true, ImGuiWindowFlags_NoScrollbar);
      ImGui::TextDisabled("%s", ref.def->title.c_str());
      ImGui::TextDisabled("computing...");
      ImGui::EndChild();
      ImGui::PopID();
    }
  }
  if (shown == 0 && !ctx.workspace.packs_loaded())
    ImGui::TextDisabled("Loading the packs...");
  else if (shown == 0 && !filter.empty())
    ImGui::TextWrapped("No indicator's title, id or tag contains \"%s\". Clear the filter to see all %zu.",
                       filter_.data(), results.size());
  else if (shown == 0)
    ImGui::TextDisabled("No pack defines an indicator yet: see the Packs panel.");
  ImGui::EndChild();
  if (opened) {
    ImGui::SameLine();
    ImGui::BeginChild("indicator_detail", ImVec2(0, 0), true);
    draw_detail(ctx, *opened);
    ImGui::EndChild();
  }
}

void IndicatorsPanel::draw_detail(PanelContext&, const IndicatorResult& r) {
  if (heading_font()) ImGui::PushFont(heading_font());
  ImGui::TextWrapped("%s", r.title.c_str());
  if (heading_font()) ImGui::PopFont();
  ImGui::TextDisabled("%s", r.id.c_str());
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 2.5f);
  if (ImGui::SmallButton("Close")) open_.clear();
  if (r.status == IndicatorResult::Status::Error) {
    ImGui::TextUnformatted("This indicator failed; its value is not shown (a failure is never red).");
    ImGui::TextWrapped("%s", r.error.c_str());
    if (!r.traceback.empty()) ImGui::TextDisabled("%s", r.traceback.c_str());
  } else {
    ImGui::Text("%s", value_text(r).c_str());
    ImGui::SameLine();
    rag_badge(r.rag);
    if (!r.explanation.empty()) ImGui::TextWrapped("%s", r.explanation.c_str());
    if (!r.note.empty()) ImGui::TextDisabled("%s", r.note.c_str());
  }
  const float chart_h = ImGui::GetFontSize() * 12;
  if (r.kind == IndicatorResult::Kind::Series) {
    charts::Series s;
    s.name = r.title;
    for (const auto& p : r.series) s.points.push_back({p.period, p.value, p.ci.lower, p.ci.upper});
    charts::line_chart("series", {s}, ImVec2(-1, chart_h), std::nullopt, r.unit.c_str(), r.level);
  } else if (r.kind == IndicatorResult::Kind::Breakdown) {
    const bool per_period =
        std::any_of(r.breakdown.begin(), r.breakdown.end(), [](const auto& b) { return !b.series.empty(); });
    if (per_period) {
      std::vector<charts::Series> all;
      for (const auto& b : r.breakdown) {
        charts::Series s;
        s.name = b.group;
        for (const auto& p : b.series) s.points.push_back({p.period, p.value, p.ci.lower, p.ci.upper});
        all.push_back(std::move(s));
      }
      charts::line_chart("groups", all, ImVec2(-1, chart_h), std::nullopt, r.unit.c_str(), r.level);
    } else {
      std::vector<charts::Bar> bars;
      for (const auto& b : r.breakdown)
        if (b.value) bars.push_back({b.group, *b.value, b.rag, b.ci.lower, b.ci.upper});  // with its whisker
      const float h = std::min(chart_h * 1.6f, ImGui::GetFontSize() * 1.6f * static_cast<float>(bars.size() + 1));
      charts::bar_chart("bars", bars, ImVec2(-1, h), r.unit.c_str(), r.level);
    }
  }
  if (ImGui::CollapsingHeader("Values")) {
    if (ImGui::BeginTable("values", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                          ImVec2(0, ImGui::GetFontSize() * 12))) {
      ImGui::TableSetupColumn(r.kind == IndicatorResult::Kind::Series ? "Period" : "Group");
      ImGui::TableSetupColumn("Value");
      ImGui::TableSetupColumn("Band");
      table_headers();
      auto row = [](const std::string& a, const std::string& b, Rag band) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(a.c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(b.c_str());
        ImGui::TableSetColumnIndex(2);
        if (band != Rag::None) rag_badge(band);
      };
      for (const auto& p : r.series) row(p.period, format_number(p.value), Rag::None);
      for (const auto& b : r.breakdown)
        row(b.group,
            b.value ? format_number(*b.value)
                    : (b.series.empty() ? "no data" : "latest " + format_number(b.series.back().value)),
            b.rag);
      ImGui::EndTable();
    }
  }
  ImGui::Separator();
  const auto& p = r.provenance;
  ImGui::TextDisabled("Defined in pack %s %s, %s:%d", p.pack.c_str(), p.pack_version.c_str(), p.file.c_str(), p.line);
  ImGui::TextDisabled("Evaluated as at %s at %s; definition %s, data version %lld", p.as_of.c_str(),
                      p.evaluated_at.c_str(), p.definition_hash.c_str(), static_cast<long long>(p.data_version));
}

}  // namespace gb::ui

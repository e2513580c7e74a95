// The Views panel's renderer: one function per element type.
#include "ui/view_renderer.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/column_fit.hpp"
#include "core/format.hpp"
#include "core/indicator_result.hpp"
#include "core/table_order.hpp"
#include "ui/charts.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/spc_chart.hpp"
#include "ui/theme.hpp"

namespace gb::ui {

namespace {

std::string str(const Tree* t) {
  return t && t->is_string() ? t->as_string() : std::string();
}
std::optional<double> num(const Tree* t) {
  if (!t || !t->is_number() || !std::isfinite(t->as_number())) return std::nullopt;
  return t->as_number();
}

// A cell as the papers print it (core/format.hpp).
std::string cell_text(const Tree* v, const std::string& format) {
  return format_cell(v, format);
}

// Breaks text into lines no wider than `width` between words, for table
// headers: ImGui draws a header on one line and cuts it short ("Targ...")
// but lays out the lines of a name that has them.
std::string wrap_words(const std::string& text, float width) {
  std::string out, line;
  std::size_t a = 0;
  while (a <= text.size()) {
    std::size_t b = text.find(' ', a);
    if (b == std::string::npos) b = text.size();
    const std::string word = text.substr(a, b - a);
    const std::string joined = line.empty() ? word : line + " " + word;
    if (!line.empty() && ImGui::CalcTextSize(joined.c_str()).x > width) {
      out += line + "\n";
      line = word;
    } else {
      line = joined;
    }
    a = b + 1;
  }
  return out + line;
}

Rag rag_of(const Tree* t) {
  return t && t->is_string() ? parse_rag(t->as_string()).value_or(Rag::None) : Rag::None;
}

void heading(const std::string& s, bool big) {
  ImFont* f = big ? (large_font() ? large_font() : heading_font()) : heading_font();
  if (f) ImGui::PushFont(f);
  prose(s);
  if (f) ImGui::PopFont();
}

}  // namespace

std::optional<LinkRequest> ViewRenderer::draw(const Tree& view) {
  clicked_.reset();
  tables_ = 0;
  wider_than_panel_ = false;
  if (const Tree* errors = view.find("errors"); errors && errors->size() > 0)
    for (const auto& e : errors->as_array()) error(str(e.find("message")));
  if (const Tree* children = view.find("children"); children && children->is_array())
    for (const auto& c : children->as_array()) element(c, 0);
  if (const Tree* prov = view.find("provenance")) {
    ImGui::Separator();
    std::string packs;
    if (const Tree* p = prov->find("packs"); p && p->is_array())
      for (const auto& x : p->as_array())
        packs += (packs.empty() ? "" : ", ") + str(x.find("name")) + " " + str(x.find("version"));
    const std::string at = figures_as_at_text(str(prov->find("figures_as_at")), str(view.find("as_of")));
    // Wrapped, never cut: the provenance is the paper's small print.
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    prose("Figures as at " + at + ". " + str(prov->find("database")) + ", data " + str(prov->find("data_fingerprint")) +
          "; packs " + packs + "; built " + str(prov->find("generated_at")) + ".");
    ImGui::PopStyleColor();
  }
  return clicked_;
}

void ViewRenderer::error(const std::string& message) {
  // An error is grey and boxed: never red, never a blank.
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetColorU32(ImGuiCol_FrameBg));
  const float h = ImGui::GetTextLineHeightWithSpacing() * (1.6f + static_cast<float>(message.size()) / 140.0f);
  ImGui::BeginChild(ImGui::GetID(message.c_str()), ImVec2(0, h), true);
  prose("Error: " + message);
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void ViewRenderer::element(const Tree& node, int depth) {
  const std::string type = str(node.find("type"));
  ImGui::PushID(&node);
  if (type == "page" || type == "section") {
    const std::string title = str(node.find("title"));
    if (!title.empty()) heading(title, type == "page");
    if (const std::string sub = str(node.find("subtitle")); !sub.empty()) ImGui::TextDisabled("%s", sub.c_str());
    if (const Tree* c = node.find("children"); c && c->is_array())
      for (const auto& child : c->as_array()) element(child, depth + 1);
    ImGui::Spacing();
  } else if (type == "columns") {
    const Tree* c = node.find("children");
    const int n = c && c->is_array() ? static_cast<int>(c->size()) : 0;
    if (n > 0 && ImGui::BeginTable("columns", std::min(n, 8), ImGuiTableFlags_SizingStretchSame)) {
      ImGui::TableNextRow();
      for (int i = 0; i < std::min(n, 8); ++i) {
        ImGui::TableSetColumnIndex(i);
        element(c->as_array()[static_cast<std::size_t>(i)], depth + 1);
      }
      ImGui::EndTable();
    }
  } else if (type == "text") {
    text(node);
  } else if (type == "tiles") {
    tiles(node);
  } else if (type == "table") {
    table(node, tables_++);
  } else if (type == "heatmap") {
    heatmap(node);
  } else if (type == "chart") {
    chart(node);
  } else if (type == "rag_summary") {
    rag_summary(node);
  } else if (type == "link") {
    const std::string label =
        str(node.find("text")).empty() ? "Open " + str(node.find("view")) : str(node.find("text"));
    if (ImGui::SmallButton(label.c_str())) {
      LinkRequest l;
      l.view = str(node.find("view"));
      if (const Tree* p = node.find("params"); p && p->is_object())
        for (const auto& [k, v] : p->as_object()) l.params.emplace_back(k, v.is_string() ? v.as_string() : v.to_json());
      clicked_ = l;
    }
  } else if (type == "error") {
    error(str(node.find("message")));
  }
  ImGui::PopID();
}

void ViewRenderer::text(const Tree& node) {
  // Markup: "- " bullets, **bold** lines as headings' weight; inline
  // emphasis markers are dropped rather than shown as asterisks.
  std::string t = str(node.find("text"));
  std::size_t start = 0;
  while (start <= t.size()) {
    const auto end = t.find('\n', start);
    std::string line = t.substr(start, end == std::string::npos ? std::string::npos : end - start);
    line.erase(std::remove(line.begin(), line.end(), '*'), line.end());
    if (line.rfind("- ", 0) == 0)
      ImGui::BulletText("%s", line.substr(2).c_str());
    else if (line.empty())
      ImGui::Spacing();
    else
      prose(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

void ViewRenderer::tiles(const Tree& node) {
  const Tree* items = node.find("items");
  if (!items || !items->is_array()) return;
  const float w = ImGui::GetFontSize() * 14;
  const float label_w = w - ImGui::GetStyle().WindowPadding.x * 2;
  // A label wraps onto up to three lines (every tile of the row as tall as
  // the tallest); a longer one ends in an ellipsis with the whole in a tooltip.
  float label_h = ImGui::GetTextLineHeight();
  for (const auto& it : items->as_array())
    label_h = std::max(label_h, text_fitted_height(str(it.find("label")), label_w, 3));
  // Taller tiles when any carries its uncertainty in words: each wraps onto
  // up to two lines ("4.22 x, 95% CI 4.05 to 4.40, 8,679 searches").
  float uncertainty_h = 0;
  for (const auto& it : items->as_array()) {
    float tile_h = 0;
    for (const std::string& words : tile_uncertainty_lines(it))
      tile_h += text_fitted_height(words, label_w, 2) + ImGui::GetStyle().ItemSpacing.y;
    uncertainty_h = std::max(uncertainty_h, tile_h);
  }
  std::size_t extra = 0;
  // The change beside the value where both fit, else on a line of its own
  // under it (every tile of the row a line taller).
  const auto value_text = [](const Tree& it) {
    const auto v = num(it.find("value"));
    const std::string text_value = str(it.find("value"));  // e.g. "12 groups" for a breakdown
    return v ? format_value(*v, str(it.find("unit"))) : !text_value.empty() ? text_value : std::string("no data");
  };
  const auto change_beside = [&](const Tree& it, const std::string& change) {
    if (large_font()) ImGui::PushFont(large_font());
    const float value_w = ImGui::CalcTextSize(value_text(it).c_str()).x;
    if (large_font()) ImGui::PopFont();
    return value_w + ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize(change.c_str()).x <= label_w;
  };
  bool change_below = false;
  for (const auto& it : items->as_array())
    if (const std::string change = tile_change_text(it); !change.empty() && !change_beside(it, change))
      change_below = true;
  if (change_below) ++extra;
  const float h = ImGui::GetFontSize() * (4.5f + 1.25f * static_cast<float>(extra)) + label_h + uncertainty_h;
  const int per_row = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / (w + 8)));
  int i = 0;
  for (const auto& it : items->as_array()) {
    if (i++ % per_row) ImGui::SameLine(0, 8);
    ImGui::PushID(i);
    ImGui::BeginChild("tile", ImVec2(w, h), true, ImGuiWindowFlags_NoScrollbar);
    text_fitted(str(it.find("label")), label_w, 3, true);
    if (const std::string err = str(it.find("error")); !err.empty()) {
      ImGui::TextUnformatted("error");
      ImGui::TextDisabled("failed: see the errors above");
    } else {
      if (large_font()) ImGui::PushFont(large_font());
      ImGui::TextUnformatted(value_text(it).c_str());
      if (large_font()) ImGui::PopFont();
      if (const std::string change = tile_change_text(it); !change.empty()) {
        if (change_beside(it, change)) {
          ImGui::SameLine();
          ImGui::TextDisabled("%s", change.c_str());
        } else {
          text_fitted(change, label_w, 1, true);
        }
      }
      rag_badge(rag_of(it.find("rag")));
      for (const std::string& words : tile_uncertainty_lines(it)) text_fitted(words, label_w, 2);
    }
    ImGui::EndChild();
    if (ImGui::IsItemHovered() && !str(it.find("note")).empty()) ImGui::SetTooltip("%s", str(it.find("note")).c_str());
    ImGui::PopID();
  }
}

void ViewRenderer::table(const Tree& node, int index) {
  const Tree* cols = node.find("columns");
  const Tree* rows = node.find("rows");
  if (!cols || !cols->is_array() || !rows || !rows->is_array()) return;
  if (const std::string title = str(node.find("title")); !title.empty()) ImGui::TextUnformatted(title.c_str());
  const int n = static_cast<int>(std::min<std::size_t>(cols->size(), 32));
  std::vector<std::string> keys, formats;
  for (const auto& c : cols->as_array()) {
    keys.push_back(str(c.find("key")));
    formats.push_back(str(c.find("format")).empty() ? "text" : str(c.find("format")));
  }
  // Order: the user's sort, else the view's initial sort.
  auto& [sort_key, ascending] = sort_[index];
  if (sort_key.empty()) {
    std::string s = str(node.find("sort"));
    ascending = !(s.size() > 1 && s[0] == '-');
    sort_key = ascending ? s : s.substr(1);
  }
  std::vector<const Tree*> order;
  for (const auto& r : rows->as_array()) order.push_back(&r);
  if (!sort_key.empty()) {
    std::string format = "text";
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == sort_key) format = formats[i];
    sort_table_rows(order, sort_key, format, !ascending);
  }
  const bool totals = node.find("totals") && node.find("totals")->is_bool() && node.find("totals")->as_bool();
  // A paper's tables are read whole: up to a few hundred rows they take
  // the height they need (rows may wrap); longer ones scroll, one line a row.
  const bool long_table = order.size() > 300;
  ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable |
                          ImGuiTableFlags_Sortable | ImGuiTableFlags_SizingStretchProp;
  if (long_table) flags |= ImGuiTableFlags_ScrollY;
  // Widths from the content of the first rows, fitted to the panel by the
  // same rule as the PDF paper (core/column_fit): short values (refs,
  // scores, bands) keep to one line, long text wraps. Set as stretch
  // weights, so the proportions hold when the window is resized.
  const float pad = ImGui::GetFontSize() * 0.4f;  // slack: a value that only just fits still wraps
  std::vector<double> natural(static_cast<std::size_t>(n), 0), minimum(static_cast<std::size_t>(n), 0);
  std::vector<std::string> labels;
  for (int c = 0; c < n; ++c) {
    const std::size_t k = static_cast<std::size_t>(c);
    const Tree& col = cols->as_array()[k];
    labels.push_back(str(col.find("label")).empty() ? keys[k] : str(col.find("label")));
    // Short values keep to one line; headers wrap between words.
    auto measure = [&](const std::string& text, bool header = false) {
      const double one_line = ImGui::CalcTextSize(text.c_str()).x + pad;
      natural[k] = std::max(natural[k], std::min(one_line, 900.0));
      if (text.size() <= 14 && !header) return void(minimum[k] = std::max(minimum[k], one_line));
      std::size_t a = 0;
      while (a < text.size()) {  // the longest word
        std::size_t b = text.find(' ', a);
        if (b == std::string::npos) b = text.size();
        const std::string word = text.substr(a, std::min<std::size_t>(b - a, 30));
        // A header word also leaves room for the sort arrow beside it.
        minimum[k] = std::max(minimum[k], static_cast<double>(ImGui::CalcTextSize(word.c_str()).x + pad +
                                                              (header ? ImGui::GetFontSize() : 0.0f)));
        a = b + 1;
      }
    };
    measure(labels.back(), true);
    if (formats[k] == "rag") measure("\xE2\x96\xB2 not stated");
    std::size_t seen = 0;
    for (const Tree* row : order) {
      if (++seen > 50) break;
      if (formats[k] != "rag") measure(cell_text(row->find(keys[k]), formats[k]));
    }
  }
  // Stretch weights share what is left after each cell's padding and border.
  // When even the columns' minimums do not fit (a ten-column register in a
  // narrow window), the table keeps them, wider than the panel, in a strip
  // of its own that scrolls sideways, rather than breaking "Improving" into
  // "Impro/ving"; the rest of the view still wraps to the panel.
  const float chrome = (ImGui::GetStyle().CellPadding.x * 2 + 1) * static_cast<float>(n);
  const float avail = std::max(ImGui::GetContentRegionAvail().x - chrome, 1.0f);
  double min_sum = 0;
  for (double m : minimum) min_sum += m;
  const bool wide = min_sum > avail;
  const float table_width = wide ? static_cast<float>(min_sum) : avail;
  const std::vector<double> widths = fit_columns(natural, minimum, table_width);
  wider_than_panel_ = wider_than_panel_ || wide;
  float& strip_height = strip_heights_[index];  // the table's height when last drawn
  if (wide) {
    // The strip is as tall as the table was last frame (the first frame
    // guesses), plus its scroll bar. It never scrolls up and down, so the
    // mouse wheel scrolls the page; Shift+wheel scrolls the table sideways.
    const float guess = ImGui::GetFontSize() * 20;
    ImGui::BeginChild("wide_table",
                      ImVec2(0, (strip_height > 0 ? strip_height : guess) + ImGui::GetStyle().ScrollbarSize), false,
                      ImGuiWindowFlags_HorizontalScrollbar);
  }
  if (!ImGui::BeginTable("table", n, flags,
                         ImVec2(wide ? table_width + chrome : 0, long_table ? ImGui::GetFontSize() * 22 : 0))) {
    if (wide) ImGui::EndChild();
    return;
  }
  ImGui::TableSetupScrollFreeze(0, 1);
  for (int c = 0; c < n; ++c)
    ImGui::TableSetupColumn(wrap_words(labels[static_cast<std::size_t>(c)],
                                       static_cast<float>(widths[static_cast<std::size_t>(c)]) - ImGui::GetFontSize())
                                .c_str(),
                            ImGuiTableColumnFlags_WidthStretch,
                            static_cast<float>(widths[static_cast<std::size_t>(c)]));
  table_headers();
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
    if (specs->SpecsCount > 0) {
      sort_key = keys[static_cast<std::size_t>(specs->Specs[0].ColumnIndex)];
      ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    }
    specs->SpecsDirty = false;
  }
  std::vector<double> sums(static_cast<std::size_t>(n), 0);
  auto draw_row = [&](const Tree& row) {
    ImGui::TableNextRow();
    for (int c = 0; c < n; ++c) {
      ImGui::TableSetColumnIndex(c);
      const Tree* v = row.find(keys[static_cast<std::size_t>(c)]);
      if (formats[static_cast<std::size_t>(c)] == "rag") {
        const Rag band = rag_of(v);
        if (band == Rag::None)
          ImGui::TextDisabled("not stated");
        else
          rag_badge(band);
      } else if (long_table) {
        ImGui::TextUnformatted(
            cell_text(v, formats[static_cast<std::size_t>(c)]).c_str());  // one line: the clipper needs even rows
      } else {
        prose(cell_text(v, formats[static_cast<std::size_t>(c)]));
      }
    }
  };
  if (long_table) {
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(order.size()));
    while (clipper.Step())
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) draw_row(*order[static_cast<std::size_t>(r)]);
  } else {
    for (const Tree* row : order) draw_row(*row);
  }
  if (totals) {
    for (const Tree* r : order)
      for (int c = 0; c < n; ++c)
        if (auto v = num(r->find(keys[static_cast<std::size_t>(c)]))) sums[static_cast<std::size_t>(c)] += *v;
    ImGui::TableNextRow();
    for (int c = 0; c < n; ++c) {
      ImGui::TableSetColumnIndex(c);
      const std::string& f = formats[static_cast<std::size_t>(c)];
      if (c == 0)
        ImGui::TextUnformatted("Total");
      else if (f == "number" || f == "integer")
        ImGui::TextUnformatted(format_number(sums[static_cast<std::size_t>(c)]).c_str());
    }
  }
  ImGui::EndTable();
  if (wide) {
    strip_height = ImGui::GetItemRectSize().y;
    ImGui::EndChild();
  }
}

void ViewRenderer::heatmap(const Tree& node) {
  charts::HeatMapInput in;
  auto labels = [](const Tree* t, std::vector<std::string>& out) {
    if (t && t->is_array())
      for (const auto& x : t->as_array()) out.push_back(x.is_string() ? x.as_string() : "");
  };
  labels(node.find("likelihood"), in.likelihood);
  labels(node.find("impact"), in.impact);
  const Tree* bands = node.find("bands");
  const Tree* current = node.find("current");
  const Tree* target = node.find("target");
  const std::size_t L = in.likelihood.size(), I = in.impact.size();
  in.bands.assign(L, std::vector<Rag>(I, Rag::None));
  in.current.assign(L, std::vector<std::vector<long long>>(I));
  in.target = in.current;
  auto at = [](const Tree* grid, std::size_t l, std::size_t i) -> const Tree* {
    if (!grid || !grid->is_array() || l >= grid->size()) return nullptr;
    const Tree& row = grid->as_array()[l];
    if (!row.is_array() || i >= row.size()) return nullptr;
    return &row.as_array()[i];
  };
  for (std::size_t l = 0; l < L; ++l)
    for (std::size_t i = 0; i < I; ++i) {
      in.bands[l][i] = rag_of(at(bands, l, i));
      for (auto [grid, dest] : {std::pair{current, &in.current}, std::pair{target, &in.target}})
        if (const Tree* refs = at(grid, l, i); refs && refs->is_array())
          for (const auto& r : refs->as_array())
            if (r.is_number()) (*dest)[l][i].push_back(static_cast<long long>(r.as_number()));
    }
  const std::string title = str(node.find("title"));
  ImGui::TextUnformatted((title.empty() ? "Heat map" : title).c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("(%s)", str(node.find("rule_title")).c_str());
  // The heat map grows with the panel: as wide as there is room, as tall as
  // most of the window (a projector at 1920x1080 shows it whole and large).
  const float room_h = std::max(ImGui::GetFontSize() * 22, ImGui::GetMainViewport()->WorkSize.y * 0.62f);
  const float side = std::min(ImGui::GetContentRegionAvail().x, room_h / 0.9f);
  charts::heat_map("heat", in, ImVec2(side, side * 0.9f));
}

namespace {

// A point's interval ends, from { lower = ..., upper = ... } or the
// positional { label, value, lower, upper } (export/svg_charts.cpp reads the
// same).
std::pair<std::optional<double>, std::optional<double>> point_interval(const Tree& p) {
  if (p.is_array())
    return {p.size() > 2 ? num(&p.as_array()[2]) : std::nullopt, p.size() > 3 ? num(&p.as_array()[3]) : std::nullopt};
  return {num(p.find("lower")), num(p.find("upper"))};
}

// A chart's series over the union of their labels, in order of first
// appearance, as the papers read them (export/svg_charts.cpp): a series without a
// point at a label has no value there.
std::vector<charts::Series> aligned_series(const Tree& series) {
  std::vector<std::string> labels;
  std::map<std::string, std::size_t> index;
  std::vector<std::vector<std::pair<std::size_t, charts::Point>>> values;
  for (const auto& s : series.as_array()) {
    values.emplace_back();
    const Tree* pts = s.find("points");
    if (!pts || !pts->is_array()) continue;
    for (const auto& p : pts->as_array()) {
      const bool positional = p.is_array();
      const std::string label = positional ? (p.size() > 0 ? str(&p.as_array()[0]) : "") : str(p.find("label"));
      const auto v = positional ? (p.size() > 1 ? num(&p.as_array()[1]) : std::nullopt) : num(p.find("value"));
      auto [it, added] = index.emplace(label, labels.size());
      if (added) labels.push_back(label);
      const auto [lower, upper] = point_interval(p);
      values.back().emplace_back(it->second,
                                 charts::Point{label, v ? *v : std::numeric_limits<double>::quiet_NaN(), lower, upper});
    }
  }
  std::vector<charts::Series> out;
  std::size_t k = 0;
  for (const auto& s : series.as_array()) {
    charts::Series cs;
    cs.name = str(s.find("name"));
    for (const auto& l : labels) cs.points.push_back({l, std::numeric_limits<double>::quiet_NaN()});
    for (const auto& [i, p] : values[k]) cs.points[i] = p;
    out.push_back(std::move(cs));
    ++k;
  }
  return out;
}

}  // namespace

// The same charts as the paper (export/svg_charts.cpp), drawn by the window: a line
// per series, a stacked column per label with a segment per series, one
// labelled bar per point, in the papers' series colours and on their axes
// (core/chart_axis.hpp).
void ViewRenderer::chart(const Tree& node) {
  const std::string kind = str(node.find("kind"));
  if (const std::string title = str(node.find("title")); !title.empty()) prose(title);
  const Tree* series = node.find("series");
  if (!series || !series->is_array()) return;
  const std::string unit = str(node.find("unit"));
  const float h = ImGui::GetFontSize() * 14;
  const auto level_given = num(node.find("level"));  // the intervals' confidence
  const double level = level_given && *level_given > 0 && *level_given < 1 ? *level_given : 0.95;
  if (kind == "spc") {
    charts::spc_chart("spc", node, ImVec2(-1, h));
    return;
  }
  if (kind == "line" || kind == "stacked_bar") {
    const std::vector<charts::Series> all = aligned_series(*series);
    if (kind == "line")
      charts::line_chart("line", all, ImVec2(-1, h), num(node.find("target")), unit.c_str(), level);
    else
      charts::stacked_bar_chart("stacked", all, ImVec2(-1, h), num(node.find("target")), unit.c_str());
    return;
  }
  // Bars: one per point of the first series, each with its label and
  // value on a row of its own, however many (the 32 boroughs included).
  // Labels may repeat in a bar chart, so its points are read as they are.
  std::vector<charts::Bar> bars;
  if (series->size() > 0)
    if (const Tree* pts = series->as_array().front().find("points"); pts && pts->is_array())
      for (const auto& p : pts->as_array()) {
        const bool positional = p.is_array();
        const std::string label = positional ? (p.size() > 0 ? str(&p.as_array()[0]) : "") : str(p.find("label"));
        const auto v = positional ? (p.size() > 1 ? num(&p.as_array()[1]) : std::nullopt) : num(p.find("value"));
        const auto [lower, upper] = point_interval(p);
        bars.push_back({label, v ? *v : std::numeric_limits<double>::quiet_NaN(), Rag::None, lower, upper});
      }
  charts::bar_chart("bars", bars, ImVec2(-1, 0), unit.c_str(), level);
}

void ViewRenderer::rag_summary(const Tree& node) {
  if (const std::string title = str(node.find("title")); !title.empty()) ImGui::TextUnformatted(title.c_str());
  const Tree* counts = node.find("counts");
  if (!counts || !counts->is_object()) return;
  bool first = true;
  for (Rag band : {Rag::Red, Rag::Amber, Rag::Green, Rag::Blue}) {
    const auto n = num(counts->find(rag_name(band)));
    if (!n) continue;
    if (!first) ImGui::SameLine(0, ImGui::GetFontSize());
    first = false;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(band)), "%s %s %s", rag_symbol(band),
                       format_number(*n, 0).c_str(), rag_name(band));
  }
}

}  // namespace gb::ui

// Charts and theme, headless: an ImGui context with a CPU-built font atlas
// and no renderer. Frames are run and rendered into draw lists that nobody
// draws, which is enough to check that every chart draws, survives odd input,
// stays inside 16-bit index buffers, shows tooltips and reports clicks.
#include "ui/charts.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cfloat>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "core/chart_axis.hpp"
#include "ui/spc_chart.hpp"
#include "ui/theme.hpp"

using namespace gb;
using namespace gb::ui;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One ImGui context for the test's lifetime. With dejavu = false the atlas
// gets ImGui's built-in font, as when fonts-dejavu-core is missing.
class HeadlessImGui {
 public:
  explicit HeadlessImGui(bool dejavu = true) : ctx_(ImGui::CreateContext()) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    if (dejavu) load_fonts(1.0f);
    apply_theme(Theme::Light);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  ~HeadlessImGui() { ImGui::DestroyContext(ctx_); }
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;
  HeadlessImGui(HeadlessImGui&&) = delete;
  HeadlessImGui& operator=(HeadlessImGui&&) = delete;

  // Runs one frame with body inside a full-screen window.
  void frame(const std::function<void()>& body) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("charts", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    body();
    ImGui::End();
    ImGui::Render();
  }

  static int vertices() { return ImGui::GetDrawData()->TotalVtxCount; }
  static int draw_lists() { return ImGui::GetDrawData()->CmdListsCount; }  // the window, plus one per tooltip
  static int largest_list() {
    int most = 0;
    const ImDrawData* d = ImGui::GetDrawData();
    for (int i = 0; i < d->CmdListsCount; ++i) most = std::max(most, d->CmdLists[i]->VtxBuffer.Size);
    return most;
  }

 private:
  ImGuiContext* ctx_;
};

// Runs body in a frame and checks it drew something (more vertices than an
// empty window) within what one 16-bit draw list holds (64K vertices, since
// there is no ImGuiBackendFlags_RendererHasVtxOffset). Returns the vertices
// body added.
int check_draws(HeadlessImGui& ui, const std::function<void()>& body) {
  ui.frame([] {});
  const int empty = HeadlessImGui::vertices();
  ui.frame(body);
  CHECK(HeadlessImGui::vertices() > empty);
  CHECK(HeadlessImGui::largest_list() < 65536);
  return HeadlessImGui::vertices() - empty;
}

charts::Series quarterly(const std::string& name, int n, double base, double slope) {
  charts::Series s{name, {}, 0};
  for (int i = 0; i < n; ++i)
    s.points.push_back({std::to_string(2021 + i / 4) + "-Q" + std::to_string(i % 4 + 1), base + slope * i});
  return s;
}

// A 5 x 5 likelihood-by-impact register: red top right, green bottom left.
charts::HeatMapInput register_5x5() {
  charts::HeatMapInput in;
  in.likelihood = {"Very low", "Low", "Medium", "High", "Very high"};
  in.impact = {"Minimal", "Minor", "Moderate", "Major", "Critical"};
  in.bands.assign(5, std::vector<Rag>(5, Rag::Green));
  in.current.assign(5, std::vector<std::vector<long long>>(5));
  in.target.assign(5, std::vector<std::vector<long long>>(5));
  for (int l = 0; l < 5; ++l)
    for (int i = 0; i < 5; ++i) {
      const int score = (l + 1) * (i + 1);
      in.bands[l][i] = score >= 15 ? Rag::Red : score >= 6 ? Rag::Amber : Rag::Green;
    }
  in.current[3][4] = {1, 4};
  in.current[2][3] = {2, 3, 5, 6, 7, 8, 9, 10, 11};
  in.target[1][2] = {1, 2, 4};
  for (long long r = 100; r < 160; ++r) in.current[4][4].push_back(r);  // far more than fit: "+N"
  return in;
}

ImVec2 centre(const charts::CellRect& r) {
  return {(r.min.x + r.max.x) * 0.5f, (r.min.y + r.max.y) * 0.5f};
}

double contrast(ImU32 a, ImU32 b) {
  auto lum = [](ImU32 c) {
    const ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
    auto lin = [](double x) { return x <= 0.03928 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(v.x) + 0.7152 * lin(v.y) + 0.0722 * lin(v.z);
  };
  const double la = lum(a), lb = lum(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

const Rag kBands[] = {Rag::None, Rag::Green, Rag::Amber, Rag::Red, Rag::Blue};

// fonts-dejavu-core is a build dependency; without it the Unicode checks are
// skipped (the ASCII fallback is still tested).
bool have_dejavu() {
  return std::filesystem::exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
}

}  // namespace

TEST_CASE("line chart draws typical, empty, single-point, NaN and huge input", "[ui]") {
  HeadlessImGui ui;
  const std::vector<charts::Series> two = {quarterly("Black", 12, 62, 0.5), quarterly("White British", 12, 74, -0.2)};
  check_draws(ui, [&] { charts::line_chart("typical", two, ImVec2(600, 300), 70.0, "%"); });
  check_draws(ui, [&] { charts::line_chart("empty", {}, ImVec2(600, 300)); });
  check_draws(ui, [&] { charts::line_chart("no points", {charts::Series{"x", {}, 0}}, ImVec2(600, 300)); });
  check_draws(ui, [&] { charts::line_chart("single", {quarterly("one", 1, 5, 0)}, ImVec2(600, 300), 5.0); });

  charts::Series gaps = quarterly("gaps", 10, 1, 1);
  gaps.points[0].value = kNaN;
  gaps.points[4].value = kNaN;
  gaps.points[6].value = std::numeric_limits<double>::infinity();
  check_draws(ui, [&] { charts::line_chart("nan", {gaps}, ImVec2(600, 300), kNaN); });
  charts::Series all_nan = quarterly("nan", 5, kNaN, 0);
  check_draws(ui, [&] { charts::line_chart("all nan", {all_nan}, ImVec2(600, 300)); });
  check_draws(ui, [&] {
    charts::line_chart("extreme", {charts::Series{"e", {{"a", -1e300}, {"b", 1e300}}, 0}}, ImVec2(0, 0));
  });

  check_draws(ui, [&] { charts::line_chart("thousand", {quarterly("big", 1000, 0, 0.1)}, ImVec2(600, 300)); });
  // Far more points than pixels still fits one 16-bit draw list.
  charts::Series noisy{"noisy", {}, 0};
  for (int i = 0; i < 100000; ++i) noisy.points.push_back({"", std::sin(i * 0.01) * 100 + (i % 7)});
  CHECK(check_draws(ui, [&] { charts::line_chart("100k", {noisy, noisy}, ImVec2(600, 300)); }) < 30000);
}

TEST_CASE("charts with zero, negative or NaN sizes use the available width", "[ui]") {
  HeadlessImGui ui;
  const std::vector<charts::Series> s = {quarterly("a", 8, 1, 1)};
  const std::vector<charts::Bar> bars = {{"a", 1, Rag::Red}, {"b", 2, Rag::Green}};
  ImVec2 line_size, bar_size;
  check_draws(ui, [&] {
    charts::line_chart("zero", s, ImVec2(0, 0));
    line_size = ImGui::GetItemRectSize();
    charts::bar_chart("negative", bars, ImVec2(-1, -5));
    bar_size = ImGui::GetItemRectSize();
    charts::sparkline("nan", {1, 2, 3}, ImVec2(std::nanf(""), std::nanf("")), 0);
    charts::heat_map("heat", register_5x5(), ImVec2(-100, 0));
  });
  const float avail = 1280 - 2 * ImGui::GetStyle().WindowPadding.x;
  CHECK(line_size.x == Approx(avail));
  CHECK(line_size.y > 100);
  CHECK(bar_size.x == Approx(avail));
  CHECK(bar_size.y > 2 * ImGui::GetTextLineHeight());
}

TEST_CASE("line chart shows a tooltip at the hovered x", "[ui]") {
  HeadlessImGui ui;
  const std::vector<charts::Series> two = {quarterly("a", 8, 1, 1), quarterly("b", 8, 3, -0.1)};
  ImVec2 origin;
  auto body = [&] {
    origin = ImGui::GetCursorScreenPos();
    charts::line_chart("hover", two, ImVec2(600, 300), 4.0, "pp");
  };
  ui.frame(body);
  CHECK(HeadlessImGui::draw_lists() == 1);
  ImGui::GetIO().MousePos = ImVec2(origin.x + 300, origin.y + 150);
  ui.frame(body);  // hover is decided from the previous frame's windows
  ui.frame(body);
  CHECK(HeadlessImGui::draw_lists() == 2);
}

TEST_CASE("bar chart draws typical, empty, single, NaN and 10,000 bars", "[ui]") {
  HeadlessImGui ui;
  const std::vector<charts::Bar> typical = {
      {"Professional Standards: misconduct hearings concluded within the target time", 42, Rag::Red},
      {"Met Detention", 87.5, Rag::Amber},
      {"Frontline Policing", 99.2, Rag::Green},
      {"Rebuilding Trust priority 3 (delivered)", 100, Rag::Blue},
      {"Unbanded", -12.25, Rag::None}};
  check_draws(ui, [&] { charts::bar_chart("typical", typical, ImVec2(600, 200), "%"); });
  check_draws(ui, [&] { charts::bar_chart("auto height", typical, ImVec2(0, 0)); });
  check_draws(ui, [&] { charts::bar_chart("empty", {}, ImVec2(600, 200)); });
  check_draws(ui, [&] { charts::bar_chart("single", {{"only", 3, Rag::Amber}}, ImVec2(600, 200)); });
  check_draws(ui, [&] { charts::bar_chart("zeros", {{"a", 0, Rag::None}, {"b", 0, Rag::None}}, ImVec2(600, 200)); });
  check_draws(ui, [&] {
    charts::bar_chart("nan", {{"a", kNaN, Rag::Red}, {"b", 4, Rag::Green}, {"c", -kNaN, Rag::None}}, ImVec2(600, 200));
  });
  check_draws(ui, [&] { charts::bar_chart("all nan", {{"a", kNaN, Rag::Red}}, ImVec2(600, 200)); });

  std::vector<charts::Bar> many;
  many.reserve(10000);
  for (int i = 0; i < 10000; ++i)
    many.push_back({"group " + std::to_string(i), (i * 37) % 1000 - 100.0, static_cast<Rag>(i % 5)});
  // Thinner than text: at most one rectangle per pixel row, not 10,000.
  CHECK(check_draws(ui, [&] { charts::bar_chart("thin", many, ImVec2(600, 400)); }) < 4 * 400 + 200);
  check_draws(ui, [&] { charts::bar_chart("one row each", many, ImVec2(600, 0)); });  // taller than the screen
}

TEST_CASE("bar chart shows a tooltip over a bar", "[ui]") {
  HeadlessImGui ui;
  const std::vector<charts::Bar> bars = {{"first", 1, Rag::Red}, {"second", 2, Rag::Green}};
  ImVec2 origin;
  auto body = [&] {
    origin = ImGui::GetCursorScreenPos();
    charts::bar_chart("hover", bars, ImVec2(400, 100));
  };
  ui.frame(body);
  ImGui::GetIO().MousePos = ImVec2(origin.x + 200, origin.y + 25);
  ui.frame(body);
  ui.frame(body);
  CHECK(HeadlessImGui::draw_lists() == 2);
}

namespace {

// Vertices of exactly this colour in the last frame.
int vertices_of(ImU32 colour) {
  int n = 0;
  const ImDrawData* d = ImGui::GetDrawData();
  for (int l = 0; l < d->CmdListsCount; ++l)
    for (const ImDrawVert& v : d->CmdLists[l]->VtxBuffer) n += v.col == colour;
  return n;
}

// The text ImGui::Text and friends drew in one frame of body (not the draw
// list's own AddText), as ImGui's logging captures it (to its clipboard,
// which without a backend is ImGui's own): enough to read a tooltip.
std::string logged_text(HeadlessImGui& ui, const std::function<void()>& body) {
  std::string text;
  ui.frame([&] {
    ImGui::SetClipboardText("");
    ImGui::LogToClipboard();
    body();
    ImGui::LogFinish();
    text = ImGui::GetClipboardText();
  });
  return text;
}

}  // namespace

TEST_CASE("bar chart draws a whisker over a bar with an interval, and its tooltip says it", "[ui]") {
  HeadlessImGui ui;
  const std::vector<charts::Bar> plain = {{"Black", 4.22, Rag::None}, {"White", 1, Rag::None}};
  std::vector<charts::Bar> with_ci = plain;
  with_ci[0].lower = 4.05, with_ci[0].upper = 4.4;
  const int bare = check_draws(ui, [&] { charts::bar_chart("ci", plain, ImVec2(600, 100)); });
  const int whiskered = check_draws(ui, [&] { charts::bar_chart("ci", with_ci, ImVec2(600, 100)); });
  CHECK(whiskered >= bare + 3 * 4);  // a line and two end caps
  // One end only is no interval: nothing more is drawn.
  std::vector<charts::Bar> half = plain;
  half[0].lower = 4.05;
  CHECK(check_draws(ui, [&] { charts::bar_chart("ci", half, ImVec2(600, 100)); }) == bare);

  ImVec2 origin;
  auto body = [&] {
    origin = ImGui::GetCursorScreenPos();
    charts::bar_chart("ci", with_ci, ImVec2(400, 100));
  };
  ui.frame(body);
  ImGui::GetIO().MousePos = ImVec2(origin.x + 200, origin.y + 20);  // over the first bar
  ui.frame(body);
  ui.frame(body);  // a tooltip's first frame is hidden while it sizes itself
  CHECK_THAT(logged_text(ui, body), Catch::Contains("4.22, 95% CI 4.05 to 4.40"));
  ImGui::GetIO().MousePos = ImVec2(-1, -1);
}

TEST_CASE("line chart draws a translucent band in the series colour under points with intervals", "[ui]") {
  HeadlessImGui ui;
  charts::Series s = quarterly("PAS", 8, 60, 0.5);
  const ImU32 band = (palette(0) & ~IM_COL32_A_MASK) | (51u << IM_COL32_A_SHIFT);
  check_draws(ui, [&] { charts::line_chart("band", {s}, ImVec2(600, 300), {}, "%"); });
  CHECK(vertices_of(band) == 0);
  for (auto& p : s.points) p.lower = p.value - 3, p.upper = p.value + 3;
  check_draws(ui, [&] { charts::line_chart("band", {s}, ImVec2(600, 300), {}, "%"); });
  CHECK(vertices_of(band) >= 4 * 7);  // a quad between each two neighbours
  // A lone point's interval still shows; a gap breaks the band.
  s.points[3].lower.reset();
  check_draws(ui, [&] { charts::line_chart("band", {s}, ImVec2(600, 300), {}, "%"); });
  CHECK(vertices_of(band) >= 4 * 5);
  // Far more points than pixels: the band stays within one draw list.
  charts::Series many{"many", {}, 0};
  for (int i = 0; i < 100000; ++i) many.points.push_back({"", std::sin(i * 0.01) * 10, -20.0, 20.0});
  CHECK(check_draws(ui, [&] { charts::line_chart("many", {many}, ImVec2(600, 300)); }) < 30000);

  ImVec2 origin;
  charts::Series one = quarterly("PAS", 3, 60, 2);
  one.points[1].lower = 59.5, one.points[1].upper = 64.5;
  auto body = [&] {
    origin = ImGui::GetCursorScreenPos();
    charts::line_chart("hover", {one}, ImVec2(600, 300), {}, "%", 0.9);
  };
  ui.frame(body);
  ImGui::GetIO().MousePos = ImVec2(origin.x + 300, origin.y + 150);  // the middle point
  ui.frame(body);
  ui.frame(body);
  CHECK_THAT(logged_text(ui, body), Catch::Contains("62%, 90% CI 59.5 to 64.5"));
  ImGui::GetIO().MousePos = ImVec2(-1, -1);
}

TEST_CASE("the SPC chart's value axis is the papers': value_axis for limits, a gridline per tick", "[ui]") {
  HeadlessImGui ui;
  Tree el = Tree::object();
  el.set("kind", "spc");
  el.set("unit", "%");
  Tree points = Tree::array();
  for (int i = 0; i < 12; ++i) {
    Tree p = Tree::object();
    p.set("label", "2021-" + std::to_string(i + 1));
    p.set("value", 72.0 + (i % 3) - 1);
    p.set("mean", 72.0);
    p.set("lcl", 68.4);
    p.set("ucl", 75.6);
    points.push(std::move(p));
  }
  Tree one = Tree::object();
  one.set("points", std::move(points));
  Tree series = Tree::array();
  series.push(std::move(one));
  el.set("series", std::move(series));
  const auto axis = chart::value_axis(68.4, 75.6, chart::AxisFor::Limits, "%");
  REQUIRE(axis);
  check_draws(ui, [&] { charts::spc_chart("spc", el, ImVec2(600, 260)); });
  // Gridlines in the grid colour, one per tick, as the papers draw them.
  const ImU32 grid = ImGui::GetColorU32(ImGuiCol_Text, 0.12f);
  std::vector<float> ys;
  const ImDrawData* d = ImGui::GetDrawData();
  for (int l = 0; l < d->CmdListsCount; ++l)
    for (const ImDrawVert& v : d->CmdLists[l]->VtxBuffer)
      if (v.col == grid) ys.push_back(std::round(v.pos.y));
  std::sort(ys.begin(), ys.end());
  std::size_t lines = 0;
  for (std::size_t i = 0; i < ys.size(); ++i) lines += i == 0 || ys[i] - ys[i - 1] > 6;  // a line's edges: ~3 px
  CHECK(lines == axis->ticks.size());
}

TEST_CASE("stacked bar chart draws a segment per series in the papers' colours", "[ui]") {
  HeadlessImGui ui;
  // Risk 9 and risk 8 of the risk board: slipped, limited, on track, not reported.
  const std::vector<charts::Series> series = {{"Slipped", {{"9 PUBLIC", 1}, {"8 CRIME", 0}}, 0},
                                              {"Limited", {{"9 PUBLIC", 3}, {"8 CRIME", 3}}, 0},
                                              {"On track", {{"9 PUBLIC", 0}, {"8 CRIME", 6}}, 0},
                                              {"Not reported", {{"9 PUBLIC", 1}, {"8 CRIME", kNaN}}, 0}};
  // Each series' colour fills at least one rectangle: the segments, not one grey total.
  auto filled_with = [](ImU32 colour) {
    int n = 0;
    const ImDrawData* d = ImGui::GetDrawData();
    for (int l = 0; l < d->CmdListsCount; ++l)
      for (const ImDrawVert& v : d->CmdLists[l]->VtxBuffer) n += v.col == colour;
    return n;
  };
  check_draws(ui, [&] { charts::stacked_bar_chart("stacked", series, ImVec2(600, 260), {}, "controls"); });
  for (int s = 0; s < 4; ++s) {
    INFO(s);
    CHECK(filled_with(palette(s)) >= 4);
  }
  check_draws(ui, [&] { charts::stacked_bar_chart("empty", {}, ImVec2(600, 200)); });
  check_draws(ui, [&] { charts::stacked_bar_chart("nan", {{"a", {{"x", kNaN}}, 0}}, ImVec2(600, 200)); });
  check_draws(ui, [&] {
    charts::stacked_bar_chart("negative", {{"a", {{"x", -3}, {"y", 2}}, 0}, {"b", {{"x", 1}, {"y", -4}}, 0}},
                              ImVec2(600, 200), 1.0, "%");
  });
  check_draws(ui, [&] { charts::stacked_bar_chart("tiny", series, ImVec2(20, 10)); });
}

TEST_CASE("sparkline draws typical, empty, single, NaN and long input", "[ui]") {
  HeadlessImGui ui;
  check_draws(ui, [&] { charts::sparkline("typical", {3, 4, 2, 6, 5}, ImVec2(120, 24), IM_COL32(0, 114, 178, 255)); });
  check_draws(ui, [&] { charts::sparkline("empty", {}, ImVec2(120, 24), 0); });
  check_draws(ui, [&] { charts::sparkline("single", {7}, ImVec2(120, 24), 0); });
  check_draws(ui, [&] { charts::sparkline("nan", {1, kNaN, 3, kNaN, kNaN, 2}, ImVec2(120, 24), 0); });
  check_draws(ui, [&] { charts::sparkline("flat", {2, 2, 2}, ImVec2(120, 24), 0); });
  std::vector<double> long_series;
  long_series.reserve(100000);
  for (int i = 0; i < 100000; ++i) long_series.push_back(std::cos(i * 0.001));
  check_draws(ui, [&] { charts::sparkline("long", long_series, ImVec2(120, 24), 0); });
}

TEST_CASE("heat map draws typical, crowded, empty and ragged input", "[ui]") {
  HeadlessImGui ui;
  check_draws(ui, [&] { charts::heat_map("typical", register_5x5(), ImVec2(700, 450)); });
  check_draws(ui, [&] { charts::heat_map("small", register_5x5(), ImVec2(120, 90)); });
  check_draws(ui, [&] { charts::heat_map("empty", charts::HeatMapInput{}, ImVec2(700, 450)); });
  charts::HeatMapInput ragged = register_5x5();
  ragged.bands.resize(2);
  ragged.bands[1].resize(1);
  ragged.current.resize(4);
  ragged.target.clear();
  check_draws(ui, [&] { charts::heat_map("ragged", ragged, ImVec2(700, 450)); });
  apply_theme(Theme::Dark);
  check_draws(ui, [&] { charts::heat_map("dark", register_5x5(), ImVec2(0, 0)); });
}

TEST_CASE("heat map puts low likelihood at the bottom and low impact on the left", "[ui]") {
  HeadlessImGui ui;
  const charts::HeatMapInput in = register_5x5();
  charts::CellRect low, higher_l, higher_i, outside;
  ui.frame([&] {
    const ImVec2 o = ImGui::GetCursorScreenPos();
    low = charts::heat_map_cell_rect(in, o, ImVec2(700, 450), 0, 0);
    higher_l = charts::heat_map_cell_rect(in, o, ImVec2(700, 450), 1, 0);
    higher_i = charts::heat_map_cell_rect(in, o, ImVec2(700, 450), 0, 1);
    outside = charts::heat_map_cell_rect(in, o, ImVec2(700, 450), 5, 0);
  });
  CHECK(higher_l.max.y <= low.min.y);
  CHECK(higher_i.min.x >= low.max.x);
  CHECK(outside.max.x == 0);
}

TEST_CASE("heat map reports the cell the mouse is pressed and released over", "[ui]") {
  HeadlessImGui ui;
  const charts::HeatMapInput in = register_5x5();
  std::optional<charts::HeatMapClick> clicked;
  charts::CellRect target{}, other{};
  int clicks = 0;
  auto body = [&] {
    const ImVec2 o = ImGui::GetCursorScreenPos();
    target = charts::heat_map_cell_rect(in, o, ImVec2(700, 450), 3, 1);
    other = charts::heat_map_cell_rect(in, o, ImVec2(700, 450), 0, 4);
    if (auto c = charts::heat_map("click", in, ImVec2(700, 450))) clicked = c, ++clicks;
  };
  ImGuiIO& io = ImGui::GetIO();
  ui.frame(body);  // the window exists, so the next frames can hover it
  io.MousePos = centre(target);
  ui.frame(body);  // hover is decided from the previous frame's windows
  ui.frame(body);
  CHECK(HeadlessImGui::draw_lists() == 2);  // the cell's tooltip
  io.MouseDown[0] = true;
  ui.frame(body);
  CHECK(clicks == 0);  // a press alone is not a click
  io.MouseDown[0] = false;
  ui.frame(body);
  REQUIRE(clicks == 1);
  CHECK(clicked->likelihood == 3);
  CHECK(clicked->impact == 1);

  // Pressed in one cell, released in another: the cell under the release.
  io.MouseDown[0] = true;
  ui.frame(body);
  io.MousePos = centre(other);
  ui.frame(body);
  io.MouseDown[0] = false;
  ui.frame(body);
  REQUIRE(clicks == 2);
  CHECK(clicked->likelihood == 0);
  CHECK(clicked->impact == 4);

  // Released off the map: no click.
  io.MouseDown[0] = true;
  ui.frame(body);
  io.MousePos = ImVec2(1200, 780);
  ui.frame(body);
  io.MouseDown[0] = false;
  ui.frame(body);
  ui.frame(body);
  CHECK(clicks == 2);
}

TEST_CASE("every RAG band has a shape and a word", "[ui]") {
  if (have_dejavu()) {
    HeadlessImGui ui;  // DejaVu: the Unicode shapes
    CHECK(symbols_available());
    CHECK(std::string(rag_symbol(Rag::Red)) == "\u25B2");
    CHECK(std::string(rag_symbol(Rag::Amber)) == "\u25CF");
    CHECK(std::string(rag_symbol(Rag::Green)) == "\u25A0");
    CHECK(std::string(rag_symbol(Rag::Blue)) == "\u25C6");
    CHECK(std::string(rag_symbol(Rag::None)) == "\u2013");
    check_draws(ui, [] {
      for (Rag r : kBands) rag_badge(r);
    });
  }
  {
    HeadlessImGui ui(false);  // ImGui's own font has none of them: ASCII
    CHECK_FALSE(symbols_available());
    CHECK(std::string(rag_symbol(Rag::Red)) == "^");
    CHECK(std::string(rag_symbol(Rag::Amber)) == "o");
    CHECK(std::string(rag_symbol(Rag::Green)) == "#");
    CHECK(std::string(rag_symbol(Rag::Blue)) == "<>");
    CHECK(std::string(rag_symbol(Rag::None)) == "-");
    check_draws(ui, [] { charts::heat_map("ascii", register_5x5(), ImVec2(500, 300)); });
  }
  CHECK(std::string(rag_label(Rag::Red)) == "red");
  CHECK(std::string(rag_label(Rag::Amber)) == "amber");
  CHECK(std::string(rag_label(Rag::Green)) == "green");
  CHECK(std::string(rag_label(Rag::Blue)) == "blue (complete)");
  CHECK(std::string(rag_label(Rag::None)) == "no band");
}

TEST_CASE("RAG colours differ from each other and from their text", "[ui]") {
  for (Rag a : kBands) {
    CHECK(rag_colour(a) != rag_text_colour(a));
    CHECK(contrast(rag_colour(a), rag_text_colour(a)) >= 4.5);  // WCAG AA for text on the fill
    for (Rag b : kBands)
      if (a != b) CHECK(rag_colour(a) != rag_colour(b));
  }
  CHECK(rag_colour(Rag::Red) == IM_COL32(0xD5, 0x5E, 0x00, 0xFF));
  for (int i = 0; i < 8; ++i)
    for (int j = i + 1; j < 8; ++j) CHECK(palette(i) != palette(j));
  CHECK(palette(8) == palette(0));
  CHECK(palette(-1) == palette(7));
  // The papers' series colours (core/chart_axis.hpp), in the theme in use.
  const gb::Rgb first =
      gb::chart::series_colour(0, current_theme() == Theme::Dark ? gb::PaletteTheme::Dark : gb::PaletteTheme::Light);
  CHECK(palette(0) == IM_COL32(first.r, first.g, first.b, 0xFF));
}

TEST_CASE("fonts and themes load", "[ui]") {
  HeadlessImGui ui;
  REQUIRE(heading_font() != nullptr);
  REQUIRE(large_font() != nullptr);
  CHECK(ImGui::GetIO().Fonts->Fonts[0]->FontSize == Approx(have_dejavu() ? 16 : 13));
  CHECK(heading_font()->FontSize == Approx(20));
  CHECK(large_font()->FontSize == Approx(28));
  const float unscaled_padding = ImGui::GetStyle().WindowPadding.x;
  load_fonts(2.0f);  // a high-DPI screen: fonts and sizes double
  ImGui::GetIO().Fonts->Build();
  apply_theme(Theme::Light);
  CHECK(large_font()->FontSize == Approx(56));
  CHECK(ImGui::GetStyle().WindowPadding.x == Approx(2 * unscaled_padding));
  apply_theme(Theme::Dark);
  CHECK(current_theme() == Theme::Dark);
  const float padding = ImGui::GetStyle().WindowPadding.x;
  apply_theme(Theme::Dark);  // applying again does not compound anything
  CHECK(ImGui::GetStyle().WindowPadding.x == padding);
  apply_theme(Theme::Light);
  CHECK(current_theme() == Theme::Light);
  CHECK(ImGui::GetStyle().Colors[ImGuiCol_WindowBg].x > 0.5f);
}

TEST_CASE("a table header too narrow for its label shows it whole on hover", "[ui]") {
  HeadlessImGui ui;
  ImVec2 header_min;
  auto body = [&] {
    if (ImGui::BeginTable("t", 2, ImGuiTableFlags_SizingFixedFit)) {
      ImGui::TableSetupColumn("Cl##narrow", ImGuiTableColumnFlags_WidthFixed, 12.0f);
      ImGui::TableSetupColumn("Controls slipped or with no progress", ImGuiTableColumnFlags_WidthFixed, 40.0f);
      table_headers();
      ImGui::TableSetColumnIndex(1);
      header_min = ImGui::GetItemRectMin();
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted("1");
      ImGui::EndTable();
    }
  };
  ui.frame(body);
  ImGui::GetIO().MousePos = ImVec2(header_min.x + 5, header_min.y + 5);  // over the narrow long header
  ui.frame(body);
  ui.frame(body);
  CHECK(HeadlessImGui::draw_lists() == 2);  // the window and the tooltip
  ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ui.frame(body);
  ui.frame(body);
  CHECK(HeadlessImGui::draw_lists() == 1);
}

TEST_CASE("wrapped text never breaks inside a number", "[ui]") {
  HeadlessImGui ui;
  ui.frame([] {
    // ImGui itself would break after the '.' of "-34.0" at this width.
    const std::string text = "Sutton - North (-34.0 pp)";
    const float width = ImGui::CalcTextSize("Sutton - North (-34.").x + 1;
    CHECK(wrap_lines(text, width) == std::vector<std::string>{"Sutton - North", "(-34.0 pp)"});
    const float comma = ImGui::CalcTextSize("rate per 1,").x + 1;
    const auto rate = wrap_lines("rate per 1,000 residents", comma);
    REQUIRE(rate.size() >= 2);
    CHECK(rate[0] == "rate per");
    CHECK(rate[1] == "1,000");
    // A number with no space before it in the line still breaks as ImGui would.
    CHECK(wrap_lines("123456.789", ImGui::CalcTextSize("123456.").x + 1).size() == 2);
    // Punctuation that is not inside a number still allows a break there.
    CHECK(wrap_lines("first.second", ImGui::CalcTextSize("first.").x + 1).front() == "first.");
  });
}

// The workbench's panels and the model behind them, headless: a Workspace
// on a copy of the demo database and an ImGui context without a renderer.
#include "ui/panels.hpp"

#include <imgui.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <regex>
#include <thread>

#include "data/edits.hpp"
#include "data/migrations.hpp"
#include "data/scenarios.hpp"
#include "data/sessions.hpp"
#include "data/xlsx_reader.hpp"
#include "engine/workspace.hpp"
#include "support.hpp"
#include "ui/panel_register.hpp"
#include "ui/probe.hpp"
#include "ui/theme.hpp"
#include "ui/ui_settings.hpp"
#include "ui/wording.hpp"

using namespace gb;

namespace {

struct ImGuiContextScope {
  ImGuiContextScope() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1400, 900);
    io.DeltaTime = 1.0f / 60.0f;
    ui::load_fonts(1.0f);
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
  }
  ~ImGuiContextScope() { ImGui::DestroyContext(); }
  ImGuiContextScope(const ImGuiContextScope&) = delete;
  ImGuiContextScope& operator=(const ImGuiContextScope&) = delete;
};

constexpr std::chrono::seconds kHostWait{60};

// The workspace's results once the pack host has answered (as the window
// shows them a few frames after asking).
const engine::ScoredRegister& reg_of(engine::Workspace& ws) {
  ws.scored_register();
  ws.wait_idle(kHostWait);
  return ws.scored_register();
}
const engine::ScoredRegister& baseline_of(engine::Workspace& ws) {
  ws.baseline_register();
  ws.wait_idle(kHostWait);
  return ws.baseline_register();
}
const engine::HeatGrid& grid_of(engine::Workspace& ws) {
  ws.heat_grid();
  ws.wait_idle(kHostWait);
  return ws.heat_grid();
}
const std::vector<IndicatorResult>& indicators_of(engine::Workspace& ws) {
  ws.indicators();
  ws.wait_idle(kHostWait);
  return ws.indicators();
}
engine::RiskDetail detail_of(engine::Workspace& ws, std::int64_t risk) {
  ws.risk_detail(risk);
  ws.wait_idle(kHostWait);
  const auto* d = ws.risk_detail(risk);
  REQUIRE(d);
  REQUIRE(d->error.empty());
  return d->detail;
}

// Draws a panel for a few frames, as the window does (the workspace takes
// in the pack host's answers before each), waiting for the host to answer
// what the panel asked for; returns the vertices drawn in the last.
int draw_frames(ui::Panel& panel, engine::Workspace& ws, int frames = 3) {
  int vertices = 0;
  for (int f = 0, waits = 0; f < frames; ++f) {
    if (ws.busy() && waits++ < 50) {
      ws.wait_idle(kHostWait);
      --f;  // draw again once it has answered
    }
    ws.poll();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration);
    ui::PanelContext ctx{ws};
    panel.draw(ctx);
    ImGui::End();
    ImGui::Render();
    vertices = ImGui::GetDrawData()->TotalVtxCount;
  }
  return vertices;
}

engine::WorkspaceOptions options(const std::filesystem::path& db) {
  engine::WorkspaceOptions o;
  o.database = db.string();
  o.as_of = "2021-12-31";
  return o;
}

}  // namespace

TEST_CASE("every panel draws the demo workspace", "[ui][panels]") {
  gbtest::TempDir dir;
  engine::Workspace ws(options(gbtest::demo_copy(dir)));
  ImGuiContextScope imgui;
  ui::RegisterPanel reg;
  ui::IndicatorsPanel ind;
  ui::ViewsPanel views;
  ui::DataPanel data;
  ui::PacksPanel packs;
  ui::ConsolePanel console;
  reg.select_risk(10);
  for (ui::Panel* p : std::initializer_list<ui::Panel*>{&reg, &ind, &views, &data, &packs, &console}) {
    INFO(p->id());
    CHECK(draw_frames(*p, ws) > 100);
  }
}

TEST_CASE("the register model: risk 10 sits in the red VH v VH cell of met.lxi4", "[ui][register]") {
  gbtest::TempDir dir;
  engine::Workspace ws(options(gbtest::demo_copy(dir)));
  const auto& reg = reg_of(ws);
  const auto& grid = grid_of(ws);
  REQUIRE(grid.error.empty());
  CHECK(grid.likelihood == std::vector<std::string>{"L", "M", "H", "VH"});
  const auto& legitimacy = reg.risks[9];
  CHECK(legitimacy.name == "LEGITIMACY");
  const int l = grid.likelihood_index(legitimacy.current.likelihood), i = grid.impact_index(legitimacy.current.impact);
  CHECK(l == 3);
  CHECK(i == 3);
  CHECK(grid.bands[3][3] == Rag::Red);
  CHECK(grid.bands[0][0] == Rag::Green);
  const auto d = detail_of(ws, legitimacy.risk_id);
  CHECK(d.ref == 10);
  CHECK(d.history.size() >= 8);
  CHECK(*d.history.back().score == 16);
  CHECK(d.history.back().band == Rag::Red);
  CHECK_FALSE(d.actions.empty());
}

TEST_CASE("an edit made through the workspace shows at once, survives a restart, and undo restores it", "[ui][edits]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  std::int64_t risk_id = 0;
  {
    engine::Workspace ws(options(db));
    risk_id = reg_of(ws).risks[9].risk_id;
    data::AssessmentEdit e;
    e.risk_id = risk_id;
    e.as_of = "2021-12-31";
    e.likelihood = "H";
    e.impact = "VH";
    const auto r = data::record_assessment(ws.db(), e);
    REQUIRE(r.changed());
    ws.data_changed();
    CHECK(*reg_of(ws).risks[9].current.score == 12);  // H v VH = 3 x 4
  }
  {
    engine::Workspace ws(options(db));  // a restart
    CHECK(*reg_of(ws).risks[9].current.score == 12);
    data::Statement log =
        ws.db().prepare("SELECT count(*) FROM audit_log WHERE tbl = 'risk_assessments' AND action = 'update'");
    log.step();
    CHECK(log.column_int(0) >= 1);
    const auto undone = data::undo_last_edit(ws.db());
    REQUIRE(undone);
    ws.data_changed();
    CHECK(*reg_of(ws).risks[9].current.score == 16);  // VH v VH again
  }
}

TEST_CASE("saving a pack file updates the workspace, a broken save keeps the last good result", "[ui][reload]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  const auto pack = gbtest::write_pack(
      dir.path(), "live",
      {{"indicators/a.lua", "gov.indicator { id = 'live.a', title = 'A', compute = function() return 1 end }\n"}});
  auto o = options(db);
  o.pack_dirs = {pack.string()};
  engine::Workspace ws(o);
  auto value = [&] {
    for (const auto& r : indicators_of(ws))
      if (r.id == "live.a") return r.value.value_or(-1);
    return -2.0;
  };
  CHECK(value() == 1);
  // The pack host sees the save, reloads the pack and sends its new catalog.
  auto wait_reload = [&] {
    const auto before = ws.catalog_version();
    for (int i = 0; i < 250; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      ws.poll();
      if (ws.catalog_version() != before) return true;
    }
    return false;
  };
  gbtest::write_file(pack / "indicators" / "a.lua",
                     "gov.indicator { id = 'live.a', title = 'A', compute = function() return 2 end }\n");
  REQUIRE(wait_reload());
  CHECK(value() == 2);
  gbtest::write_file(pack / "indicators" / "a.lua",
                     "gov.indicator { id = 'live.a', title = 'A', compute = function() return 3 end\n");
  REQUIRE(wait_reload());
  CHECK(value() == 2);  // the last good version stays on screen
  CHECK(ws.packs().entry("live")->status == script::PackEntry::Status::Stale);
  CHECK(ws.error_count() == 1);
}

TEST_CASE("window state is remembered, a damaged settings file never stops the workbench", "[ui][settings]") {
  gbtest::TempDir dir;
  const auto path = dir / "govbench" / "workbench.ini";
  ui::UiSettings s;
  s.width = 1600;
  s.height = 1000;
  s.panel = "indicators";
  s.dark = true;
  s.zoom = 1.5f;
  for (int i = 0; i < 10; ++i) s.add_recent("/data/db" + std::to_string(i) + ".db");
  s.add_recent("/data/db3.db");  // moves to the front, no duplicate
  s.splits["sessions.list"] = 22.5f;
  REQUIRE(ui::save_ui_settings(s, path));
  const ui::UiSettings back = ui::load_ui_settings(path);
  CHECK(back.width == 1600);
  CHECK(back.height == 1000);
  CHECK(back.panel == "indicators");
  CHECK(back.dark);
  CHECK(back.zoom == Approx(1.5f));
  REQUIRE(back.recent.size() == 8);
  CHECK(back.recent[0] == "/data/db3.db");
  CHECK(std::count(back.recent.begin(), back.recent.end(), "/data/db3.db") == 1);
  CHECK(back.splits == std::map<std::string, float>{{"sessions.list", 22.5f}});
  gbtest::write_file(path,
                     "width = lots\nheight = 99999999\n\x01\x02 garbage\npanel = data\nzoom = 40\n"
                     "split.views.list = nan\nsplit.data.tables = 1e9\nsplit. = 3\nzoom = nan\n");
  const ui::UiSettings damaged = ui::load_ui_settings(path);
  CHECK(damaged.width == ui::UiSettings{}.width);
  CHECK(damaged.height == 4320);
  CHECK(damaged.panel == "data");
  CHECK(damaged.zoom == Approx(ui::UiSettings::kMaxZoom));
  CHECK(damaged.splits == std::map<std::string, float>{{"data.tables", 400.0f}});
  CHECK(ui::load_ui_settings(dir / "missing.ini").panel == "register");
}

namespace {

int draw_presenting(ui::Panel& panel, engine::Workspace& ws, int frames, int key_down = -1) {
  int vertices = 0;
  ImGuiIO& io = ImGui::GetIO();
  for (int f = 0, waits = 0; f < frames; ++f) {
    if (key_down >= 0) io.KeysDown[key_down] = f == 0;  // pressed in the first frame only
    if (f > 0 && ws.busy() && waits++ < 50) {
      ws.wait_idle(kHostWait);  // the pack host builds the view the panel asked for
      --f;
    }
    ws.poll();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration);
    ui::PanelContext ctx{ws};
    ctx.presentation = true;
    panel.draw(ctx);
    ImGui::End();
    ImGui::Render();
    vertices = ImGui::GetDrawData()->TotalVtxCount;
  }
  return vertices;
}

}  // namespace

TEST_CASE("the Sessions panel presents agenda items, keeps each as presented, and the keys move through the agenda",
          "[ui][sessions]") {
  gbtest::TempDir dir;
  engine::Workspace ws(options(gbtest::demo_copy(dir)));
  auto& db = ws.db();
  const auto s = data::create_session(
      db, {.title = "Audit Panel", .board = "Audit Panel", .held_on = "2022-01-17", .attendees = {"Chair"}});
  const auto first =
      data::add_agenda_item(db, s, {.view_id = "audit_panel.risks", .params = {}, .note = "", .position = 0});
  const auto second = data::add_agenda_item(db, s, {.view_id = "ags.survey", .params = {}, .note = "", .position = 0});
  data::add_record(db, first, data::RecordKind::Note, "asked about risk 10");
  ImGuiContextScope imgui;
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_RightArrow] = 301;
  io.KeyMap[ImGuiKey_LeftArrow] = 302;
  io.KeyMap[ImGuiKey_PageDown] = 303;
  io.KeyMap[ImGuiKey_PageUp] = 304;

  ui::SessionsPanel panel;
  panel.open(s, 1);
  CHECK(draw_frames(panel, ws) > 100);  // the editing view: list, agenda, notes
  CHECK_FALSE(data::snapshot(db, first));

  CHECK(draw_presenting(panel, ws, 3) > 100);
  REQUIRE(data::snapshot(db, first));
  CHECK_THAT(data::snapshot(db, first)->tree_json, Catch::Contains("\"id\":\"audit_panel.risks\""));
  CHECK_FALSE(data::get_session(db, s).started_at.empty());
  CHECK_FALSE(data::get_session(db, s).data_fingerprint.empty());
  CHECK_FALSE(data::snapshot(db, second));

  draw_presenting(panel, ws, 3, 301);  // Right: the next item is presented (and kept)
  REQUIRE(data::snapshot(db, second));
  CHECK_THAT(data::snapshot(db, second)->tree_json, Catch::Contains("\"id\":\"ags.survey\""));
  const std::string kept = data::snapshot(db, second)->presented_at;

  draw_presenting(panel, ws, 3, 301);  // Right at the last item: stays there
  draw_presenting(panel, ws, 3, 304);  // Page Up: back to the first
  draw_presenting(panel, ws, 3, 303);  // Page Down: the second again, presented anew
  CHECK(data::snapshot(db, second)->presented_at >= kept);
}

TEST_CASE("a view that raises, is malformed or runs too long shows its error, and the workbench carries on",
          "[ui][views]") {
  gbtest::TempDir dir;
  const auto pack = gbtest::write_pack(dir.path(), "broken-views", {{"views/v.lua", R"(
gov.view { id = 'v.raises', title = 'Raises', build = function(ctx, p)
  local x = nil
  return x.field
end }
gov.view { id = 'v.malformed', title = 'Malformed', build = function(ctx, p)
  return gov.ui.page { gov.ui.table { columns = { { label = 'no key' } }, rows = {} } }
end }
gov.view { id = 'v.loops', title = 'Loops', build = function(ctx, p)
  while true do end
end }
gov.view { id = 'v.fine', title = 'Fine', build = function(ctx, p) return gov.ui.page { gov.ui.text 'ok' } end }
)"}});
  auto o = options(gbtest::demo_copy(dir));
  o.pack_dirs.push_back(pack.string());
  o.watch = false;
  engine::Workspace ws(o);
  ImGuiContextScope imgui;
  ui::ViewsPanel views;
  ui::RegisterPanel reg;
  const std::vector<std::pair<std::string, std::string>> cases{
      {"v.raises", "views/v.lua:4: attempt to index a nil value"},
      {"v.malformed", "views/v.lua:7"},
      {"v.loops", "views/v.lua:10: exceeded the"}};
  for (const auto& [id, where] : cases) {
    INFO(id);
    views.open(id);
    CHECK(draw_frames(views, ws) > 0);
    const auto errors = views.errors();
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0], Catch::Contains(where));
    CHECK(draw_frames(reg, ws) > 100);  // the rest of the workbench keeps working
  }
  views.open("v.fine");
  draw_frames(views, ws);
  CHECK(views.errors().empty());
  views.open("audit_panel.risks");
  CHECK(draw_frames(views, ws) > 1000);
  CHECK(views.errors().empty());
}

TEST_CASE("a view's wide table keeps its columns readable and scrolls sideways in a narrow window",
          "[ui][panels][views]") {
  gbtest::TempDir dir;
  engine::Workspace ws(options(gbtest::demo_copy(dir)));
  ImGuiContextScope imgui;
  ui::ViewsPanel views;
  views.open("audit_panel.risks");
  draw_frames(views, ws);
  REQUIRE(views.errors().empty());
  CHECK_FALSE(views.scrolls_sideways());  // 1400 px: the register fits
  ImGui::GetIO().DisplaySize = ImVec2(700, 900);
  draw_frames(views, ws);
  CHECK(views.scrolls_sideways());  // 700 px: ten columns at their minimum do not
  ImGui::GetIO().DisplaySize = ImVec2(1400, 900);
  draw_frames(views, ws);
  CHECK_FALSE(views.scrolls_sideways());
}

TEST_CASE("the Packs panel checks a pack before installing it, then installs it", "[ui][panels][packshare]") {
  gbtest::TempDir home;
  setenv("XDG_DATA_HOME", (home / "data").c_str(), 1);
  setenv("XDG_CONFIG_HOME", (home / "config").c_str(), 1);
  const auto dir = gbtest::write_pack(home.path(), "panel-pack", {{"pack.lua", R"(return { name = "panel-pack",
    version = "1.0.0", api = 1, title = "From the panel", permissions = { "write:notes" },
    data = { tables = { "risks" } } })"}});
  engine::Workspace ws(options(gbtest::demo_copy(home)));
  ImGuiContextScope imgui;
  ui::PacksPanel packs;
  const auto installed = home / "data" / "govbench" / "packs" / "panel-pack";

  packs.check_on_next_draw(dir.string());
  draw_frames(packs, ws, 1);
  CHECK(packs.message().find("not a signed bundle") != std::string::npos);
  packs.set_allow_unsigned(true);
  packs.check_on_next_draw(dir.string());
  draw_frames(packs, ws, 1);
  CHECK(packs.message().find("nothing is installed until you press Install") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(installed));

  packs.check_on_next_draw(dir.string(), true);
  draw_frames(packs, ws, 2);
  INFO(packs.message());
  CHECK(packs.message() == "installed panel-pack 1.0.0");
  CHECK(std::filesystem::exists(installed / "pack.lua"));
  REQUIRE(ws.packs().entry("panel-pack"));
  CHECK(ws.packs().entry("panel-pack")->origin == "installed");
  packs.select("panel-pack");
  CHECK(draw_frames(packs, ws) > 100);

  // An older version is refused unless "Allow downgrade" is ticked.
  const auto older = gbtest::write_pack(home / "older", "panel-pack", {{"pack.lua", R"(return { name = "panel-pack",
    version = "0.9.0", api = 1, title = "Older", data = { tables = { "risks" } } })"}});
  packs.check_on_next_draw(older.string(), true);
  draw_frames(packs, ws, 2);
  CHECK_THAT(packs.message(), Catch::Contains("holds the older 0.9.0; allow a downgrade"));
  CHECK(ws.packs().entry("panel-pack")->manifest->version.to_string() == "1.0.0");
  packs.set_allow_downgrade(true);
  packs.check_on_next_draw(older.string(), true);
  draw_frames(packs, ws, 2);
  CHECK(packs.message() == "updated panel-pack 0.9.0");
  unsetenv("XDG_DATA_HOME");
  unsetenv("XDG_CONFIG_HOME");
}

TEST_CASE("what-if in the workspace: computed under the scenario, baseline kept, the heat map draws the move",
          "[ui][scenario]") {
  gbtest::TempDir dir;
  engine::Workspace ws(options(gbtest::demo_copy(dir)));
  ImGuiContextScope imgui;
  ui::RegisterPanel reg;
  ui::IndicatorsPanel ind;
  const int plain_reg = draw_frames(reg, ws);
  const int plain_ind = draw_frames(ind, ws);
  auto position = [](const engine::ScoredRegister& r, long long ref) {
    for (const auto& x : r.risks)
      if (x.ref == ref) return x.current.likelihood + " v " + x.current.impact;
    return std::string("none");
  };
  REQUIRE(position(reg_of(ws), 9) == "M v H");

  const auto id = data::create_scenario(ws.db(), {.name = "up", .as_of = "2021-12-31"});
  ws.set_scenario(id);
  data::set_risk_change(ws.db(), id, {.risk_id = 9, .likelihood = "H"});
  ws.scenario_changed();
  REQUIRE(ws.scenario());
  CHECK(ws.scenario()->changes.size() == 1);
  CHECK(position(reg_of(ws), 9) == "H v H");
  CHECK(position(baseline_of(ws), 9) == "M v H");
  // Nothing written to the register: the history has the scenario's own edits only.
  for (const auto& e : data::recent_edits(ws.db())) CHECK((e.kind == "scenario" || e.kind == "scenario_change"));

  // The ghost, the arrow and the summary line are drawn; indicator tiles gain deltas.
  CHECK(draw_frames(reg, ws) > plain_reg + 20);
  CHECK(draw_frames(ind, ws) > plain_ind + 20);
  ui::ScenarioBar bar;
  const auto& d = bar.diff(ws, true);
  CHECK(d.moved_count() == 1);
  CHECK(d.changed_indicator_count() >= 2);

  ws.set_scenario(std::nullopt);
  CHECK(position(reg_of(ws), 9) == "M v H");
}

// ---- The Views panel's Export dialog ------------------------------------------

namespace {

// Draws frames until the panel's export (rendering off the UI thread) is done.
void export_frames(ui::ViewsPanel& views, engine::Workspace& ws) {
  draw_frames(views, ws, 2);
  for (int i = 0; i < 100000 && views.busy(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    draw_frames(views, ws, 1);
  }
  REQUIRE_FALSE(views.busy());
}

// The generation time is the only thing two exports of one view may differ in.
std::string without_timestamps(const std::string& s) {
  static const std::regex stamp(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ?)");
  return std::regex_replace(s, stamp, "<time>");
}

}  // namespace

TEST_CASE("the Views panel exports audit_panel.risks to HTML and PDF as render does", "[ui][views][export]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  engine::Workspace ws(options(db));
  ImGuiContextScope imgui;
  ui::ViewsPanel views;
  views.open("audit_panel.risks");
  draw_frames(views, ws);

  for (const char* format : {"html", "pdf"}) {
    INFO(format);
    const auto gui = dir / (std::string("panel.") + format);
    const auto cli = dir / (std::string("cli.") + format);
    views.export_on_next_draw(exporter::paper_format(format), gui.string(), true);
    export_frames(views, ws);
    REQUIRE(views.export_dialog().state() == ui::ExportDialog::State::Done);
    CHECK_THAT(views.export_dialog().message(), Catch::StartsWith("Exported " + gui.string() + " ("));
    REQUIRE(views.export_dialog().written().size() == 1);
    CHECK(views.export_dialog().written()[0].bytes == std::filesystem::file_size(gui));
    const auto r = gbtest::run_govbench({"render", "audit_panel.risks", "--db", db.string(), "--as-of", "2021-12-31",
                                         "--format", format, "-o", cli.string()});
    REQUIRE(r.exit_code == 0);
    if (std::string(format) == "html") {
      const std::string html = gbtest::read_file(gui);
      CHECK(html.find("<table") != std::string::npos);
      CHECK(without_timestamps(html) == without_timestamps(gbtest::read_file(cli)));
    } else {
      CHECK(gbtest::read_file(gui).rfind("%PDF-", 0) == 0);
      const auto gui_text = gbtest::run_program({"pdftotext", "-layout", gui.string(), "-"});
      const auto cli_text = gbtest::run_program({"pdftotext", "-layout", cli.string(), "-"});
      REQUIRE(gui_text.exit_code == 0);
      CHECK_THAT(gui_text.out, Catch::Contains("Page 1 of"));
      CHECK(without_timestamps(gui_text.out) == without_timestamps(cli_text.out));
    }
  }
}

TEST_CASE("exporting a view with an error: refused and nothing written, or written with the error when allowed",
          "[ui][views][export]") {
  gbtest::TempDir dir;
  const auto pack = gbtest::write_pack(dir.path(), "broken-views", {{"views/v.lua", R"(
gov.view { id = 'v.raises', title = 'Raises', build = function(ctx, p)
  local x = nil
  return x.field
end }
)"}});
  auto o = options(gbtest::demo_copy(dir));
  o.pack_dirs.push_back(pack.string());
  o.watch = false;
  engine::Workspace ws(o);
  ImGuiContextScope imgui;
  ui::ViewsPanel views;
  views.open("v.raises");
  draw_frames(views, ws);
  const auto out = dir / "out" / "raises.html";
  std::filesystem::create_directories(out.parent_path());

  views.export_on_next_draw(exporter::PaperFormat::Html, out.string(), true);  // "Refuse if ..." is on by default
  export_frames(views, ws);
  CHECK(views.export_dialog().state() == ui::ExportDialog::State::Failed);
  CHECK(views.export_dialog().message_is_error());
  CHECK_THAT(views.export_dialog().message(), Catch::StartsWith("Not exported: the view has 1 error"));
  CHECK_THAT(views.export_dialog().message(), Catch::Contains("views/v.lua:4: attempt to index a nil value"));
  CHECK(std::filesystem::is_empty(out.parent_path()));

  views.export_on_next_draw(exporter::PaperFormat::Html, out.string(), false);
  views.export_dialog().set_refuse_errors(false);
  draw_frames(views, ws, 1);
  views.export_dialog().press_export();
  export_frames(views, ws);
  REQUIRE(views.export_dialog().state() == ui::ExportDialog::State::Done);
  CHECK_THAT(views.export_dialog().message(), Catch::Contains("the view has 1 error, shown in place"));
  CHECK_THAT(gbtest::read_file(out), Catch::Contains("attempt to index a nil value"));
}

TEST_CASE("exporting over an existing file asks first, and writes only when told to", "[ui][views][export]") {
  gbtest::TempDir dir;
  engine::Workspace ws(options(gbtest::demo_copy(dir)));
  ImGuiContextScope imgui;
  ui::ViewsPanel views;
  views.open("audit_panel.risks");
  draw_frames(views, ws);
  const auto out = dir / "paper.json";
  gbtest::write_file(out, "the paper from last month");

  views.export_on_next_draw(exporter::PaperFormat::Json, out.string(), true);
  export_frames(views, ws);
  REQUIRE(views.export_dialog().state() == ui::ExportDialog::State::ConfirmOverwrite);
  CHECK(views.export_dialog().message() == out.string() + " already exists. Replace it?");
  draw_frames(views, ws, 3);  // the question waits for an answer
  CHECK(gbtest::read_file(out) == "the paper from last month");

  views.export_dialog().press_overwrite();
  export_frames(views, ws);
  REQUIRE(views.export_dialog().state() == ui::ExportDialog::State::Done);
  CHECK_THAT(gbtest::read_file(out), Catch::Contains("\"id\": \"audit_panel.risks\""));
}

TEST_CASE("the Views panel exports a workbook with About first and a sheet per table", "[ui][views][export][xlsx]") {
  gbtest::TempDir dir;
  engine::Workspace ws(options(gbtest::demo_copy(dir)));
  ImGuiContextScope imgui;
  ui::ViewsPanel views;
  views.open("audit_panel.risks");
  draw_frames(views, ws);
  const auto out = dir / "paper.xlsx";
  views.export_on_next_draw(exporter::PaperFormat::Xlsx, out.string(), true);
  export_frames(views, ws);
  REQUIRE(views.export_dialog().state() == ui::ExportDialog::State::Done);
  const data::XlsxBook book = data::XlsxBook::open(out);
  REQUIRE(book.sheets().size() >= 3);
  CHECK(book.sheets()[0].name == "About");
  CHECK(book.sheets()[1].name == "Short-term risks");
  CHECK(book.read_sheet(2).used.rows() == 9);  // the eight long-term risks under their header
}

TEST_CASE("an export under a what-if scenario says so, as render --scenario does", "[ui][views][export][scenario]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir);
  engine::Workspace ws(options(db));
  const auto id = data::create_scenario(ws.db(), {.name = "up", .as_of = "2021-12-31"});
  data::set_risk_change(ws.db(), id, {.risk_id = 9, .likelihood = "H"});
  ws.set_scenario(id);
  ImGuiContextScope imgui;
  ui::ViewsPanel views;
  views.open("audit_panel.risks");
  draw_frames(views, ws);
  const auto gui = dir / "panel.json", cli = dir / "cli.json";
  views.export_on_next_draw(exporter::PaperFormat::Json, gui.string(), true);
  export_frames(views, ws);
  REQUIRE(views.export_dialog().state() == ui::ExportDialog::State::Done);
  const std::string json = gbtest::read_file(gui);
  CHECK_THAT(json, Catch::Contains("'up': proposed changes (1), not the register as stored"));
  const auto r = gbtest::run_govbench(
      {"render", "audit_panel.risks", "--db", db.string(), "--scenario", "up", "--format", "json", "-o", cli.string()});
  REQUIRE(r.exit_code == 0);
  CHECK(without_timestamps(json) == without_timestamps(gbtest::read_file(cli)));
}

TEST_CASE("the Data panel opens a table's Columns tab, hostile names and values included", "[ui][panels][describe]") {
  gbtest::TempDir dir;
  const auto db_path = gbtest::demo_copy(dir);
  const std::string odd = "zz odd \"name\" ]`;";
  {
    data::Db db = data::open_governance_db(db_path, data::OpenMode::ReadWrite);
    db.exec(R"(CREATE TABLE "zz odd ""name"" ]`;" ("a b" TEXT, "x""y" INTEGER, "" BLOB))");
    data::Statement st = db.prepare(R"(INSERT INTO "zz odd ""name"" ]`;" VALUES (?, 1, x'00'))");
    st.bind(1, std::string("line\nbreak \x1b[2J ") + std::string(100000, 'v'));
    st.run();
  }
  engine::Workspace ws(options(db_path));
  ImGuiContextScope imgui;
  ui::probe::Recorder rec;
  ui::DataPanel data;
  data.open_table(odd);
  int vertices = 0;
  for (int f = 0; f < 4; ++f) {
    ws.poll();
    ImGui::NewFrame();
    rec.begin_frame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration);
    ui::PanelContext ctx{ws};
    data.draw(ctx);
    ImGui::End();
    rec.end_frame();
    ImGui::Render();
    vertices = ImGui::GetDrawData()->TotalVtxCount;
  }
  CHECK(vertices > 100);
  bool tab = false, row = false;
  for (const auto& item : rec.items()) {
    if (item.kind == ui::probe::Kind::Tab && item.text() == "Columns") tab = true;
    // The table opened is selected and scrolled into the list's view (its
    // name fitted to the list, the whole name its ID).
    if (item.kind == ui::probe::Kind::Selectable && item.label.ends_with("##" + odd)) row = item.visible();
  }
  CHECK(tab);
  CHECK(row);
}

TEST_CASE("messages from below are worded for the window's controls, not the command line", "[ui]") {
  using gb::ui::for_the_window;
  CHECK(for_the_window("table 'visits' already exists; pass --append to add rows or --replace to overwrite it") ==
        "table 'visits' already exists; choose Mode: append to add rows, or Mode: replace to overwrite it");
  CHECK(for_the_window("pack x is unsigned; install it with --allow-unsigned, or trust the signer's key") ==
        "pack x is unsigned; tick Allow unsigned to install it, or trust the signer's key");
  CHECK(for_the_window("nothing to change") == "nothing to change");
  CHECK(for_the_window("").empty());
}

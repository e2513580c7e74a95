// The window driven as a person drives it: the real Shell and panels,
// headless, through ImGui's input only (tests/ui/driver.hpp). The review
// flows a chair and a secretariat go through, including the two that closed
// the workbench in issue 14 (a what-if scenario chosen or created in a
// scenario bar; a 2nd or 3rd agenda item added to a session).
#include <imgui_internal.h>

#include <catch2/catch.hpp>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "data/csv_import.hpp"
#include "data/scenarios.hpp"
#include "data/sessions.hpp"
#include "support.hpp"
#include "ui/drive_bench.hpp"
#include "ui/driver.hpp"
#include "ui/panel.hpp"
#include "ui/panels.hpp"

using namespace gb;
using gbtest::gui::agenda_size;
using gbtest::gui::Bench;
using gbtest::gui::create_session_by_hand;
using gbtest::gui::Find;
using gbtest::gui::item;
using gbtest::gui::session_with_agenda;
using gbtest::gui::starting;

namespace {

std::string active_scenario(engine::Workspace& ws) {
  return ws.scenario() ? ws.scenario()->name : "none";
}

// Chooses a scenario (or none) in the scenario bar's combo, by the start of its entry.
void choose_scenario(Bench& b, const std::string& entry) {
  b.drive->click(item("##scenario"));
  b.drive->click(starting(entry));

  b.drive->frame(2);
}

void scenario_flow(Bench& b) {
  // Create one from the bar: it becomes the active one.
  b.drive->fill(item("##new_scenario"), "higher legitimacy risk");
  b.drive->click(item("Create"));
  b.drive->frame(2);
  REQUIRE(active_scenario(b.ws()) == "higher legitimacy risk");
  CHECK(b.drive->has(starting("Apply...")));
  // Switch between it, none and another one, back and forth.
  const auto other = data::create_scenario(b.dbh(), {.name = "fewer controls", .as_of = "2021-12-31"});
  data::set_risk_change(b.dbh(), other, {.risk_id = 9, .likelihood = "H"});
  b.ws().data_changed();
  b.drive->frame(2);
  for (int round = 0; round < 3; ++round) {
    choose_scenario(b, "none: the register as stored");
    CHECK(active_scenario(b.ws()) == "none");
    choose_scenario(b, "fewer controls  (");
    CHECK(active_scenario(b.ws()) == "fewer controls");
    choose_scenario(b, "higher legitimacy risk  (");
    CHECK(active_scenario(b.ws()) == "higher legitimacy risk");
  }
  choose_scenario(b, "fewer controls  (");
  // Create a second one while another is active.
  b.drive->fill(item("##new_scenario"), "second thoughts");
  b.drive->click(item("Create"));
  b.drive->frame(2);
  CHECK(active_scenario(b.ws()) == "second thoughts");
  for (int i = 0; i < 4; ++i) {
    choose_scenario(b, "none: the register as stored");
    b.drive->click(item("##new_scenario"));
    b.drive->type("round " + std::to_string(i));
    b.drive->click(item("Create"));
    b.drive->frame(2);
    CHECK(active_scenario(b.ws()) == "round " + std::to_string(i));
  }
  b.no_frame_errors();
}

}  // namespace

TEST_CASE("drive: choose and create what-if scenarios from the Register panel's bar", "[gui][drive][scenario]") {
  Bench b("register");
  scenario_flow(b);
  // The register shows the scenario's moves: the "As stored" column is there for risk 9.
  choose_scenario(b, "fewer controls  (");
  CHECK(b.drive->has(item("9##risk")));
  b.no_frame_errors();
}

TEST_CASE("drive: choose and create what-if scenarios from the Indicators panel's bar", "[gui][drive][scenario]") {
  Bench b("indicators");
  scenario_flow(b);
  b.no_frame_errors();
}

namespace {}  // namespace

TEST_CASE("drive: add and remove a 1st, 2nd, 3rd and 4th agenda item", "[gui][drive][sessions]") {
  Bench b("register");
  const auto s = create_session_by_hand(b);
  for (int n = 1; n <= 4; ++n) {
    INFO("adding item " << n);
    b.drive->click(item("##add_view"));  // a different board view each time
    b.drive->click(Find{"", "##Combo", "", n - 1, true});
    b.drive->fill(item("##add_note"), "item " + std::to_string(n));
    b.drive->click(item("Add to agenda"));
    b.drive->frame(2);
    REQUIRE(agenda_size(b, s) == n);
    // The new item is the one selected, and its heading is drawn.
    CHECK(b.drive->has(starting(std::to_string(n) + ". ", "/agenda_")));
    CHECK(b.drive->has(item("Add note", "/item_")));
  }
  for (int n = 4; n >= 1; --n) {
    INFO("removing, " << n << " left");
    b.drive->click(item("x", "/agenda_", "", n == 4 ? 1 : 0));  // the 2nd item first, then the 1st each time
    b.drive->frame(2);
    REQUIRE(agenda_size(b, s) == n - 1);
  }
  CHECK(b.drive->has(item("Add to agenda")));
  b.no_frame_errors();
}

namespace {}  // namespace

TEST_CASE("drive: present a session and move through its agenda with F11, Page Down and Escape",
          "[gui][drive][sessions]") {
  Bench b("register");
  const auto s = session_with_agenda(b);
  const auto agenda = data::agenda(b.dbh(), s);
  b.drive->click(starting("1. ", "/agenda_"));
  b.drive->key(GLFW_KEY_F11);
  b.drive->frame(2);
  REQUIRE(b.shell->presenting());
  CHECK(data::snapshot(b.dbh(), agenda[0].id));  // presented, and kept as presented
  CHECK_FALSE(data::snapshot(b.dbh(), agenda[1].id));
  b.drive->key(GLFW_KEY_PAGE_DOWN);
  b.drive->frame(2);
  CHECK(data::snapshot(b.dbh(), agenda[1].id));
  b.drive->key(GLFW_KEY_PAGE_DOWN);
  b.drive->key(GLFW_KEY_PAGE_DOWN);  // past the last: stays on it
  b.drive->frame(2);
  CHECK(data::snapshot(b.dbh(), agenda[2].id));
  // The agenda strip: a click goes to any item.
  b.drive->click(starting("1. ", "/strip_"));
  b.drive->key(GLFW_KEY_PAGE_UP);
  b.drive->key(GLFW_KEY_ESCAPE);
  CHECK_FALSE(b.shell->presenting());
  CHECK_FALSE(data::get_session(b.dbh(), s).started_at.empty());
  // And the button that presents from the selected item.
  b.drive->click(starting("3. ", "/agenda_"));
  b.drive->click(item("Present from this item (F11)"));
  CHECK(b.shell->presenting());
  b.drive->key(GLFW_KEY_F11);
  CHECK_FALSE(b.shell->presenting());
  b.no_frame_errors();
}

TEST_CASE("drive: present a session with the keyboard alone: items, scrolling, first and last, Escape",
          "[gui][drive][sessions]") {
  Bench b("register");
  b.drive->resize(1280, 720);
  const auto s = session_with_agenda(b);
  const auto agenda = data::agenda(b.dbh(), s);
  b.drive->click(starting("1. ", "/agenda_"));
  b.drive->key(GLFW_KEY_F11);
  b.drive->frame(3);
  REQUIRE(b.shell->presenting());
  // Right and Left move between items, End and Home to the last and first.
  b.drive->key(GLFW_KEY_RIGHT);
  b.drive->frame(2);
  CHECK(data::snapshot(b.dbh(), agenda[1].id));
  b.drive->key(GLFW_KEY_END);
  b.drive->frame(2);
  CHECK(data::snapshot(b.dbh(), agenda[2].id));
  b.drive->key(GLFW_KEY_HOME);
  b.drive->frame(3);
  // Down and Space scroll the item's view; Shift+Space goes back up.
  // Where the view's first element is drawn (scrolled away or not).
  const auto first_y = [&] {
    const auto it = b.drive->find(Find{"", "/presented", "", 0, true});
    REQUIRE(it);
    return it->min.y;
  };
  const float top = first_y();
  b.drive->key(GLFW_KEY_DOWN);
  b.drive->frame(2);
  const float after_down = first_y();
  CHECK(after_down < top);
  b.drive->key(GLFW_KEY_SPACE);
  b.drive->frame(2);
  const float after_space = first_y();
  CHECK(after_space < after_down - 200);  // about a screen, not a line
  b.drive->key(GLFW_KEY_SPACE, false, true);
  b.drive->key(GLFW_KEY_UP);
  b.drive->frame(2);
  CHECK(first_y() == Approx(top).margin(1));
  // The next item opens at its top, wherever the last was scrolled to.
  b.drive->key(GLFW_KEY_SPACE);
  b.drive->key(GLFW_KEY_RIGHT);
  b.drive->frame(3);
  b.drive->key(GLFW_KEY_LEFT);
  b.drive->frame(3);
  CHECK(first_y() == Approx(top).margin(1));
  b.drive->key(GLFW_KEY_ESCAPE);
  CHECK_FALSE(b.shell->presenting());
  b.no_frame_errors();
}

TEST_CASE("drive: record notes, decisions and actions in a meeting, and undo with Ctrl+Z", "[gui][drive][sessions]") {
  Bench b("register");
  const auto s = session_with_agenda(b, 2);
  const auto agenda = data::agenda(b.dbh(), s);
  b.drive->click(starting("2. ", "/agenda_"));
  b.drive->click(item("Add note", "/item_"));
  b.drive->click(item("##t", "/item_"));
  b.drive->type("Asked about risk 10");
  b.drive->type(" and the STRIDE plan.");
  b.drive->click(item("Add decision", "/item_"));
  b.drive->click(item("##t", "/item_", "", 1));
  b.drive->type("Report back in April");
  b.drive->frame(2);
  auto records = data::item_records(b.dbh(), agenda[1].id);
  REQUIRE(records.size() == 2);
  CHECK(records[0].text == "Asked about risk 10 and the STRIDE plan.");
  CHECK(records[1].kind == data::RecordKind::Decision);
  CHECK(records[1].text == "Report back in April");

  b.drive->fill(item("##a_title", "/item_"), "Review the legitimacy controls");
  b.drive->fill(item("##a_owner", "/item_"), "Director of Audit");
  b.drive->fill(item("##a_due", "/item_"), "2022-04-30");
  b.drive->fill(item("##a_risks", "/item_"), "10, 4");
  b.drive->click(item("Record action", "/item_"));
  b.drive->frame(2);
  records = data::item_records(b.dbh(), agenda[1].id);
  REQUIRE(records.size() == 3);
  CHECK(records[2].kind == data::RecordKind::Action);
  CHECK(records[2].owner == "Director of Audit");
  CHECK(records[2].risks == "4, 10");  // in register order

  // Ctrl+Z undoes the action (the last edit), with no box being typed in.
  b.drive->key(GLFW_KEY_Z, true);
  b.drive->frame(2);
  CHECK(data::item_records(b.dbh(), agenda[1].id).size() == 2);
  // A note's "x" removes it.
  b.drive->click(item("x", "/item_"));
  b.drive->frame(2);
  CHECK(data::item_records(b.dbh(), agenda[1].id).size() == 1);
  // Removed by mistake: Ctrl+Z brings the note back, Ctrl+Y removes it again.
  b.drive->key(GLFW_KEY_Z, true);
  b.drive->frame(2);
  CHECK(data::item_records(b.dbh(), agenda[1].id).size() == 2);
  CHECK(b.drive->has(item("##t", "/item_", "", 1)));
  b.drive->key(GLFW_KEY_Y, true);
  b.drive->frame(2);
  CHECK(data::item_records(b.dbh(), agenda[1].id).size() == 1);
  // An agenda item's "x" removes it, saying so in the status bar: nothing
  // in the panel moves while you work. Ctrl+Z puts it back in its place,
  // and the message, no longer true, gives way to the undo's.
  const auto present_y = [&] { return b.drive->find(item("Present from this item (F11)"))->min.y; };
  b.drive->frame(2);
  const float y_quiet = present_y();
  b.drive->click(item("x", "/agenda_"));
  b.drive->frame(2);
  CHECK(data::agenda(b.dbh(), s).size() == 1);
  CHECK(present_y() == y_quiet);
  CHECK(b.shell->status().text.rfind("Removed ", 0) == 0);
  CHECK(b.shell->status().text.find("Ctrl+Z puts it back") != std::string::npos);
  b.drive->click(item("Undo##status"));  // the status bar's Undo, as Ctrl+Z
  b.drive->frame(2);
  CHECK(present_y() == y_quiet);
  CHECK(b.shell->status().text.rfind("Removed ", 0) == std::string::npos);
  // Another panel: the Sessions panel's news is not its news.
  b.go("Register");
  CHECK(b.shell->status().text.empty());
  b.go("Sessions");
  const auto back = data::agenda(b.dbh(), s);
  REQUIRE(back.size() == 2);
  CHECK(back[0].id == agenda[0].id);
  CHECK(back[1].id == agenda[1].id);
  b.no_frame_errors();
}

TEST_CASE("drive: export a view through the Views panel's Export dialog", "[gui][drive][views]") {
  Bench b("views");
  b.drive->click(item("Export..."));
  b.drive->frame();
  b.drive->click(item("JSON", "Export view"));
  const auto out = b.dir / "papers" / "board.json";
  std::filesystem::create_directories(out.parent_path());
  b.drive->fill(item("##export_path", "Export view"), out.string());
  b.drive->click(item("Export", "Export view"));
  REQUIRE(b.drive->frames_until([&] { return !b.shell->busy() && b.drive->has(item("Close", "Export view")); }));
  CHECK(std::filesystem::file_size(out) > 100);
  CHECK_THAT(gbtest::read_file(out), Catch::Contains("\"id\":"));
  b.drive->click(item("Close", "Export view"));
  CHECK_FALSE(b.drive->has(item("Close", "Export view")));
  b.no_frame_errors();
}

TEST_CASE("drive: install a pack from a folder in the Packs panel's install box", "[gui][drive][packs]") {
  Bench b("packs");
  const auto pack =
      gbtest::write_pack(b.dir / "incoming", "driven-pack",
                         {{"pack.lua", R"(return { name = "driven-pack",
    version = "1.2.0", api = 1, title = "Installed by hand", data = { tables = { "risks" } } })"},
                          {"indicators/one.lua",
                           "gov.indicator { id = 'driven.one', title = 'One', compute = function() return 1 end }\n"}});
  b.drive->fill(item("##bundle"), pack.string());
  b.drive->click(item("Allow unsigned"));
  b.drive->click(item("Check"));
  b.drive->frame();
  b.drive->click(item("Install"));
  b.drive->frame(2);
  const auto installed = b.dir / "data" / "govbench" / "packs" / "driven-pack";
  CHECK(std::filesystem::exists(installed / "pack.lua"));
  REQUIRE(b.ws().packs().entry("driven-pack"));
  CHECK(b.ws().packs().entry("driven-pack")->status == script::PackEntry::Status::Loaded);
  CHECK(b.drive->has(item("driven-pack")));  // listed, and selected
  // Removing deletes files Ctrl+Z cannot bring back: it asks first, and Cancel keeps the pack.
  b.drive->click(item("Remove..."));
  b.drive->click(item("Cancel", "Remove pack?"));
  b.drive->frame(2);
  CHECK(std::filesystem::exists(installed / "pack.lua"));
  REQUIRE(b.ws().packs().entry("driven-pack"));
  b.drive->click(item("Remove..."));
  b.drive->click(item("Remove", "Remove pack?"));
  b.drive->frame(2);
  CHECK_FALSE(b.ws().packs().entry("driven-pack"));
  CHECK_FALSE(std::filesystem::exists(installed));
  b.no_frame_errors();
}

TEST_CASE("drive: Browse... picks a file by double-click or by keyboard and writes it in the box",
          "[gui][drive][data][picker]") {
  Bench b("data");
  std::filesystem::create_directories(b.dir / "inbox" / "2022");
  gbtest::write_file(b.dir / "inbox" / "2022" / "visits.csv", "borough,visits\nCamden,12\n");
  gbtest::write_file(b.dir / "inbox" / "2022" / "notes.txt", "not a table");
  gbtest::write_file(b.dir / "inbox" / "readme.md", "x");
  b.drive->click(item("Import CSV"));
  // The picker opens where the box points; folders come first.
  b.drive->fill(item("##file"), (b.dir / "inbox" / "readme.md").string());
  b.drive->click(item("Browse..."));
  b.drive->frame(2);
  const auto folder = b.drive->require(starting("[folder]  2022/"));
  b.drive->double_click_at(ImVec2((folder.min.x + folder.max.x) / 2, (folder.min.y + folder.max.y) / 2));
  b.drive->frame(2);
  // Only what the box takes is listed (notes.txt is a .txt: listed; readme is not in this folder).
  const auto csv = b.drive->require(starting("visits.csv"));
  CHECK(b.drive->has(starting("notes.txt")));
  b.drive->double_click_at(ImVec2((csv.min.x + csv.max.x) / 2, (csv.min.y + csv.max.y) / 2));
  b.drive->frame(2);
  CHECK_FALSE(b.drive->has(starting("visits.csv")));  // the picker closed
  auto* data = dynamic_cast<ui::DataPanel*>(b.shell->panel("data"));
  REQUIRE(data);
  CHECK(data->import_path() == (b.dir / "inbox" / "2022" / "visits.csv").string());

  // By keyboard: Backspace goes up a folder, Down and Enter open and choose.
  b.drive->click(item("Browse..."));
  b.drive->frame(2);
  b.drive->key(GLFW_KEY_BACKSPACE);
  b.drive->frame(2);
  CHECK(b.drive->has(starting("[folder]  2022/")));
  b.drive->key(GLFW_KEY_ENTER);  // the first entry, selected: the folder 2022
  b.drive->frame(2);
  b.drive->key(GLFW_KEY_DOWN);  // notes.txt, then visits.csv
  b.drive->key(GLFW_KEY_ENTER);
  b.drive->frame(2);
  CHECK(data->import_path() == (b.dir / "inbox" / "2022" / "visits.csv").string());
  b.no_frame_errors();
}

TEST_CASE("drive: dragging the bar beside the sessions list widens it and the width is remembered",
          "[gui][drive][sessions][splitter]") {
  Bench b("sessions");
  const auto list_before = b.drive->require(item("session_list"));
  const auto bar = b.drive->require(item("##split_sessions.list"));
  const ImVec2 grip((bar.min.x + bar.max.x) / 2, (bar.min.y + bar.max.y) / 2);
  b.drive->drag(grip, ImVec2(grip.x + 120, grip.y), 6);
  b.drive->frame(2);
  const auto list_after = b.drive->require(item("session_list"));
  CHECK(list_after.max.x - list_after.min.x == Approx(list_before.max.x - list_before.min.x + 120).margin(2));
  REQUIRE(b.settings.splits.count("sessions.list") == 1);
  CHECK(b.settings.splits["sessions.list"] * ImGui::GetFontSize() ==
        Approx(list_after.max.x - list_after.min.x).margin(2));
  // A double-click puts it back.
  const auto moved = b.drive->require(item("##split_sessions.list"));
  b.drive->double_click_at(ImVec2((moved.min.x + moved.max.x) / 2, (moved.min.y + moved.max.y) / 2));
  b.drive->frame(2);
  CHECK(b.settings.splits.count("sessions.list") == 0);
  const auto list_back = b.drive->require(item("session_list"));
  CHECK(list_back.max.x - list_back.min.x == Approx(list_before.max.x - list_before.min.x).margin(1));
  b.no_frame_errors();
}

TEST_CASE("drive: import a CSV in the Data panel", "[gui][drive][data]") {
  Bench b("data");
  const auto csv = b.dir / "visits.csv";
  gbtest::write_file(csv, "borough,visits,date\nCamden,12,2022-01-03\nHackney,7,2022-01-04\nBrent,,2022-01-05\n");
  b.drive->click(item("Import CSV"));
  b.drive->fill(item("##file"), csv.string());
  b.drive->fill(item("Table"), "visits");
  b.drive->click(item("Preview"));
  b.drive->frame();
  CHECK(b.drive->has(item("Import")));
  b.drive->click(item("Import"));
  b.drive->frame(2);
  REQUIRE(b.dbh().table_exists("visits"));
  auto st = b.dbh().prepare("SELECT count(*), sum(visits) FROM visits");
  REQUIRE(st.step());
  CHECK(st.column_int(0) == 3);
  CHECK(st.column_int(1) == 19);
  // The browser lists the new table.
  b.drive->click(item("Browse and query"));
  CHECK(b.drive->has(item("visits")));
  b.no_frame_errors();
}

TEST_CASE("drive: open an indicator, read its detail and close it", "[gui][drive][indicators]") {
  Bench b("indicators");
  const auto first = b.drive->require(item("tile"));  // the first tile
  REQUIRE_FALSE(first.scope.empty());                 // its indicator id
  b.drive->click(item("tile"));
  b.drive->frame();
  REQUIRE(b.drive->has(item("Close", "/indicator_detail")));
  b.drive->click(item("Values", "/indicator_detail"));
  b.drive->wheel(-3, 0, ImVec2(1200, 600));
  b.drive->click(item("Close", "/indicator_detail"));
  CHECK_FALSE(b.drive->has(item("Close", "/indicator_detail")));
  b.no_frame_errors();
}

TEST_CASE("drive: Ctrl+F filters the Register panel, a risk opens, the window is resized", "[gui][drive][register]") {
  Bench b("register");
  b.drive->key(GLFW_KEY_F, true);
  b.drive->type("legit");
  b.drive->frame(2);
  CHECK(b.drive->has(item("10##risk")));
  CHECK_FALSE(b.drive->has(item("1##risk")));
  // A heat-map cell lists its risks; the filter on it is cleared again.
  b.drive->click(item("heat"));
  CHECK(b.drive->has(item("Clear cell filter")));
  b.drive->click(item("Clear cell filter"));
  CHECK_FALSE(b.drive->has(item("Clear cell filter")));
  b.drive->click(item("10##risk"));
  CHECK(b.drive->has(item("Record an assessment")));
  b.drive->resize(900, 640);
  b.drive->resize(1600, 1000);
  b.drive->click(item("Close"));
  b.no_frame_errors();
}

namespace {

// A panel that throws when F5 is pressed, in the middle of its drawing: a
// table, a child window, IDs, colours, a font and a disabled block are
// open at the time. Its box keeps what is typed.
class FaultyPanel : public ui::Panel {
 public:
  const char* id() const override { return "faulty"; }
  const char* title() const override { return "Faulty"; }
  void draw(ui::PanelContext&) override {
    ui::ImGui::InputText("##typing", text.data(), text.size());  // noted by the probe, as the panels' items are
    ::ImGui::BeginChild("deep", ImVec2(0, 200), true);
    ::ImGui::PushID("row");
    ::ImGui::PushStyleColor(ImGuiCol_Text, 0xFF0000FF);
    ::ImGui::PushFont(::ImGui::GetIO().Fonts->Fonts[0]);
    ::ImGui::BeginDisabled(true);
    if (::ImGui::BeginTable("t", 2)) {
      ::ImGui::TableNextRow();
      ::ImGui::TableSetColumnIndex(0);
      if (::ImGui::IsKeyPressed(GLFW_KEY_F5, false)) throw std::runtime_error("the injected failure");
      ::ImGui::TextUnformatted("cell");
      ::ImGui::EndTable();
    }
    ::ImGui::EndDisabled();
    ::ImGui::PopFont();
    ::ImGui::PopStyleColor();
    ::ImGui::PopID();
    ::ImGui::EndChild();
  }
  std::array<char, 64> text{};
};

}  // namespace

TEST_CASE("drive: an exception in a frame shows a banner, is logged, and the window carries on with what was typed",
          "[gui][drive][recovery]") {
  Bench b("register");
  auto faulty = std::make_unique<FaultyPanel>();
  FaultyPanel* panel = faulty.get();
  b.shell->add_panel(std::move(faulty));
  b.drive->frame();
  b.go("Faulty");
  // Typing in the panel's box, an exception in the same frame, typing on.
  b.drive->click(item("##typing"));
  b.drive->type("abc");
  b.drive->key(GLFW_KEY_F5);
  REQUIRE(b.shell->frame_error());
  CHECK(b.shell->frame_error()->where == "drawing the Faulty panel");
  CHECK(b.shell->frame_error()->message == "the injected failure");
  b.drive->type("def");
  b.drive->frame(3);
  CHECK(std::string(panel->text.data()) == "abcdef");
  // ImGui's stacks were unwound: a frame draws from the top as usual.
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  CHECK(g.FontStack.Size == 0);
  CHECK(g.ColorStack.Size == 0);
  CHECK(g.CurrentWindowStack.Size == 0);
  // The banner names what was being done, and the log has it with the time.
  CHECK(b.drive->has(item("Dismiss##frame_error")));
  const auto log = b.dir / "data" / "govbench" / "errors.log";
  REQUIRE(std::filesystem::exists(log));
  const std::string text = gbtest::read_file(log);
  CHECK_THAT(text, Catch::Contains("drawing the Faulty panel: the injected failure"));
  CHECK_THAT(text.substr(0, 4), Catch::Matches("20[0-9][0-9]"));
  // Again: the same failure in a row is logged once, the banner counts it.
  b.drive->key(GLFW_KEY_F5);
  CHECK(b.shell->frame_error()->repeats == 2);
  CHECK(gbtest::read_file(log) == text);
  b.drive->click(item("Dismiss##frame_error"));
  CHECK_FALSE(b.shell->frame_error());
  // The other panels work, and so does the one that failed.
  b.go("Register");
  CHECK(b.drive->has(item("10##risk")));
  b.go("Faulty");
  CHECK(b.drive->has(item("##typing")));
  CHECK(b.shell->errors_caught() == 2);
}

TEST_CASE("drive: Ctrl+R after a --packs folder was removed says why in a banner, and the packs in use stay",
          "[gui][drive][recovery]") {
  gbtest::TempDir extra;
  const auto pack = gbtest::write_pack(
      extra.path(), "extra-pack",
      {{"indicators/e.lua", "gov.indicator { id = 'extra.e', title = 'Extra', compute = function() return 5 end }\n"}});
  Bench b("indicators", {pack.string()});
  REQUIRE(b.drive->has(item("tile", "", "extra.e")));
  std::filesystem::remove_all(pack);
  b.drive->key(GLFW_KEY_R, true);
  b.drive->frame(3);
  // The pack host could not reload: a banner says why, the packs in use stay.
  CHECK_THAT(b.shell->workspace().reload_error(), Catch::Contains(pack.string()));
  CHECK(b.drive->has(item("banner_reload")));
  CHECK(b.drive->has(item("tile", "", "extra.e")));  // the last good packs, still evaluated
  b.go("Register");
  CHECK(b.drive->has(item("10##risk")));
  CHECK(b.shell->errors_caught() == 0);  // nothing escaped a frame
}

TEST_CASE("drive: Open database... switches to another database, and the Data panel browses the new one",
          "[gui][drive][data]") {
  Bench b("data");
  const auto other = gbtest::demo_copy(b.dir, "other.db");
  {
    data::Db d = data::Db::open(other, data::OpenMode::ReadWrite);
    d.exec("CREATE TABLE only_in_other (x INTEGER); INSERT INTO only_in_other VALUES (42)");
  }
  const Find first_table{"", "/browse_", "", 0, true};
  b.drive->click(first_table);  // the browser of the first database
  b.drive->key(GLFW_KEY_O, true);
  b.drive->fill(item("##path", "Open database"), other.string());
  b.drive->key(GLFW_KEY_ENTER);
  b.drive->frame(2);
  CHECK(b.ws().database() == other.string());
  // Each panel kept results of the first database by generation; none of it is shown or used now.
  CHECK(b.drive->has(item("only_in_other")));  // listed (maybe below the fold)
  b.drive->click(first_table);                 // reads rows from the database now open
  b.go("Register");
  CHECK(b.drive->has(item("10##risk")));
  b.no_frame_errors();
}

TEST_CASE("drive: Open database never creates a file for a mistyped name without asking", "[gui][drive][data]") {
  Bench b("data");
  const auto typo = b.dir / "demoo.db";
  const std::string before = b.ws().database();
  b.drive->key(GLFW_KEY_O, true);
  b.drive->fill(item("##path", "Open database"), typo.string());
  b.drive->key(GLFW_KEY_ENTER);
  b.drive->frame(2);
  CHECK_FALSE(std::filesystem::exists(typo));  // asked, not made
  CHECK(b.ws().database() == before);
  b.drive->click(item("Don't create", "Open database"));
  b.drive->frame(2);
  CHECK_FALSE(std::filesystem::exists(typo));
  // Said yes: made and opened.
  b.drive->click(item("Open", "Open database"));
  b.drive->click(item("Create it", "Open database"));
  b.drive->frame(2);
  INFO(b.drive->describe());
  CHECK(std::filesystem::exists(typo));
  CHECK(b.ws().database() == typo.string());
  b.no_frame_errors();
}

TEST_CASE("drive: Ctrl+= and Ctrl+- zoom the window and Ctrl+0 resets it, remembered in the settings", "[gui][drive]") {
  Bench b("register");
  b.drive->key(GLFW_KEY_EQUAL, true);
  b.drive->key(GLFW_KEY_EQUAL, true);
  CHECK(b.settings.zoom == Approx(1.2f));
  CHECK(b.shell->take_fonts_dirty());  // the window's loop rebuilds the fonts at the new size
  CHECK(b.shell->status().text == "Zoom 120% (Ctrl+0 resets it)");
  b.drive->key(GLFW_KEY_MINUS, true);
  CHECK(b.settings.zoom == Approx(1.1f));
  for (int i = 0; i < 30; ++i) b.drive->key(GLFW_KEY_EQUAL, true);
  CHECK(b.settings.zoom == Approx(ui::UiSettings::kMaxZoom));
  b.drive->key(GLFW_KEY_0, true);
  CHECK(b.settings.zoom == Approx(1.0f));
  b.no_frame_errors();
}

TEST_CASE("drive: F1 opens the shortcut sheet and F1 or Escape closes it", "[gui][drive]") {
  Bench b("register");
  b.drive->key(GLFW_KEY_F1);
  b.drive->frame(2);
  CHECK(b.drive->has(item("Close", "Keyboard shortcuts")));
  b.drive->key(GLFW_KEY_F1);
  b.drive->frame(2);
  CHECK_FALSE(b.drive->has(item("Close", "Keyboard shortcuts")));
  b.drive->key(GLFW_KEY_F1);
  b.drive->frame(2);
  b.drive->key(GLFW_KEY_ESCAPE);
  b.drive->frame(2);
  CHECK_FALSE(b.drive->has(item("Close", "Keyboard shortcuts")));
  b.no_frame_errors();
}

TEST_CASE("drive: the Console panel's scratch console answers Lua and SQL and saves an indicator",
          "[gui][drive][console]") {
  gbtest::TempDir packs;
  const auto pack = gbtest::write_pack(packs.path(), "scratch", {});
  Bench b("console", {pack.string()});
  auto answered = [&](std::size_t n) {
    return b.drive->frames_until([&] {
      const auto& e = b.ws().console_entries();
      return e.size() >= n && !e[n - 1].pending;
    });
  };
  b.drive->fill(item("##scratch_input"), "ctx.value(\"SELECT count(*) FROM risk_register\")");
  b.drive->key(GLFW_KEY_ENTER);
  REQUIRE(answered(1));
  CHECK(b.ws().console_entries()[0].outcome.text == "11");

  b.drive->fill(item("##scratch_input"),
                "SELECT name, likelihood_ordinal * impact_ordinal AS score FROM risk_register");
  b.drive->click(item("Run"));
  REQUIRE(answered(2));
  const auto& table = b.ws().console_entries()[1].outcome;
  CHECK(table.kind == engine::ConsoleOutcome::Kind::Table);
  CHECK(table.chart.kind == IndicatorResult::Kind::Breakdown);
  b.drive->frame(2);  // the table and its chart drawn (no_frame_errors below)

  // Up recalls the last input; an error is shown with its line.
  b.drive->click(item("##scratch_input"));
  b.drive->key(GLFW_KEY_UP);
  b.drive->key(GLFW_KEY_ENTER);
  REQUIRE(answered(3));
  CHECK(b.ws().console_entries()[2].input == b.ws().console_entries()[1].input);
  b.drive->fill(item("##scratch_input"), "local x = nil return x.y");
  b.drive->key(GLFW_KEY_ENTER);
  REQUIRE(answered(4));
  CHECK(b.ws().console_entries()[3].outcome.kind == engine::ConsoleOutcome::Kind::Error);

  // Save as indicator writes the last input that worked into the pack.
  b.drive->click(item("Save as indicator..."));
  b.drive->fill(item("Id"), "scratch.risk_scores");
  b.drive->click(item("Save"));
  b.drive->frame(2);
  CHECK(std::filesystem::exists(pack / "indicators" / "risk_scores.lua"));
  CHECK_THAT(gbtest::read_file(pack / "indicators" / "risk_scores.lua"),
             Catch::Contains("likelihood_ordinal * impact_ordinal"));
  b.no_frame_errors();
}

TEST_CASE("drive: a control with nothing reported saves nothing until chosen and its message goes with Ctrl+Z",
          "[gui][drive][register]") {
  Bench b("register");
  b.drive->click(item("10##risk"));
  b.drive->frame(2);
  const auto combo_y = [&] { return b.drive->find(item("##status"))->min.y; };
  const float y_quiet = combo_y();
  // Nothing reported for the quarter: nothing to save until a status is chosen.
  const auto save_enabled = [&] { return b.drive->find(item("Save"))->enabled; };
  CHECK_FALSE(save_enabled());
  // A key control's progress set to "slipped" and saved: the message above
  // the controls moves them down a line.
  b.drive->click(item("##status"));
  b.drive->click(Find{"", "##Combo", "", 2, true});
  b.drive->click(item("Save"));
  REQUIRE(b.drive->frames_until([&] { return !b.shell->busy(); }));
  REQUIRE(b.ws().edits().next_undo());
  CHECK(b.ws().edits().next_undo()->kind == "control_progress");
  CHECK(combo_y() > y_quiet);
  // Ctrl+Z takes it back; the message, no longer true, goes with it.
  b.drive->key(GLFW_KEY_Z, true);
  CHECK_FALSE(b.ws().edits().next_undo());
  // (the risk's detail is fetched again from the pack host meanwhile)
  CHECK(b.drive->frames_until([&] { return !b.shell->busy() && combo_y() == y_quiet; }));
  CHECK_FALSE(save_enabled());  // the combo is back to what is stored
  b.no_frame_errors();
}

TEST_CASE("drive: Ctrl+Enter in the SQL console runs the query typed there", "[gui][drive][data]") {
  Bench b("data");
  b.drive->frame(2);
  auto* panel = dynamic_cast<gb::ui::DataPanel*>(b.shell->panel("data"));
  REQUIRE(panel);
  b.drive->click(item("##sql"));
  b.drive->key(GLFW_KEY_A, true);  // select all: the example query goes
  b.drive->type("SELECT 1 UNION SELECT 2 UNION SELECT 3");
  CHECK(panel->sql_message() != "3 rows");  // typing alone runs nothing
  b.drive->key(GLFW_KEY_ENTER, true);
  b.drive->frame(2);
  CHECK(panel->sql_message() == "3 rows");
  // The editor still has the keyboard: another query, another Ctrl+Enter.
  b.drive->key(GLFW_KEY_A, true);
  b.drive->type("SELECT 1");
  b.drive->key(GLFW_KEY_ENTER);  // Enter alone is a new line in the query, and runs nothing
  b.drive->type("UNION SELECT 5");
  CHECK(panel->sql_message() == "3 rows");
  b.drive->key(GLFW_KEY_ENTER, true);
  b.drive->frame(2);
  CHECK(panel->sql_message() == "2 rows");
  b.no_frame_errors();
}

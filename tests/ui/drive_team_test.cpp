// Team mode in the window, driven as a person drives it (tests/ui/driver.hpp)
// against a real hub (support/pg_server.hpp) with two replicas: the other
// replica's edit arrives in the open window with a notice; a conflict is
// resolved by clicking Keep mine; a follower moves with the presenter.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <optional>

#include "data/edits.hpp"
#include "data/migrations.hpp"
#include "data/sessions.hpp"
#include "support/team_pair.hpp"
#include "team/live.hpp"
#include "team/sync.hpp"
#include "ui/drive_bench.hpp"
#include "ui/driver.hpp"
#include "ui/panels.hpp"
#include "ui/team_link.hpp"

using namespace gb;
using gbtest::gui::Find;
using gbtest::gui::HomeScope;
using gbtest::gui::item;
using gbtest::gui::starting;
using Clock = std::chrono::steady_clock;

namespace {

data::Db open_rw(const std::filesystem::path& p) {
  return data::open_governance_db(p, data::OpenMode::ReadWrite);
}

// The window on one replica of the pair.
struct TeamBench {
  gbtest::TeamPair& team;
  HomeScope home;
  gbtest::gui::HeadlessImGui imgui;
  ui::UiSettings settings;
  std::unique_ptr<ui::Shell> shell;
  std::unique_ptr<gbtest::gui::Driver> drive;

  TeamBench(gbtest::TeamPair& t, const std::filesystem::path& db, const std::string& panel)
      : team(t), home(t.dir.path() / ("home_" + db.stem().string())) {
    engine::WorkspaceOptions o;
    o.database = db.string();
    o.as_of = "2021-12-31";
    o.watch = false;
    settings.panel = panel;
    shell = std::make_unique<ui::Shell>(std::make_unique<engine::Workspace>(o), settings, ui::ShellOptions{});
    drive = std::make_unique<gbtest::gui::Driver>(*shell);
    REQUIRE(shell->team() != nullptr);
    // Frames until the link's first sync has answered.
    REQUIRE(drive->frames_until([&] { return shell->team()->status().syncs > 0; }, 20000));
    drive->frame(2);
  }
  ui::TeamLink& link() { return *shell->team(); }
  bool wait_for(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(10)) {
    const auto end = Clock::now() + limit;
    return drive->frames_until([&] { return done() || Clock::now() > end; }, 1000000) && done();
  }
  void no_frame_errors() {
    INFO((shell->frame_error() ? shell->frame_error()->where + ": " + shell->frame_error()->message : ""));
    CHECK(shell->errors_caught() == 0);
  }
};

std::string progress_of(data::Db& db) {
  return gbtest::text(db, "SELECT progress FROM control_progress WHERE control_id = 1 AND period = '2022-Q1'");
}

}  // namespace

TEST_CASE("drive: a colleague's new session appears in the open window with a notice", "[gui][drive][team]") {
  gbtest::TeamPair t;
  TeamBench b(t, t.b, "sessions");
  CHECK(b.drive->has(starting("Team: online")));
  CHECK_FALSE(b.drive->has(starting("Quarterly trust review")));
  const auto started = Clock::now();
  {
    data::Db a = open_rw(t.a);
    data::create_session(a, {.title = "Quarterly trust review", .board = "Audit Panel", .held_on = "2022-03-31"});
    team::sync(a);
  }
  REQUIRE(b.wait_for([&] { return b.drive->has(starting("2022-03-31  Quarterly trust review")); }));
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  std::printf("drive: a colleague's session visible in the window %.0f ms after their sync\n", ms);
  CHECK(ms < 2000);
  // The notice says what came and from whom, in the navigation column.
  CHECK(b.link().notice() == "1 change from A. Analyst");
  CHECK(b.drive->has(item("team_notice")));
  CHECK(b.drive->has(starting("Team: online")));
  // An edit made in this window (its edit path) goes the other way at once.
  const std::int64_t head = b.link().status().head;
  b.shell->workspace().edits().create_session({.title = "Bob's follow-up", .board = "", .held_on = "2022-04-01"});
  REQUIRE(b.wait_for([&] { return b.link().status().head > head && b.link().status().pending == 0; },
                     std::chrono::seconds(3)));
  data::Db a = open_rw(t.a);
  team::sync(a);
  CHECK(gbtest::number(a, "SELECT count(*) FROM sessions WHERE title = 'Bob''s follow-up'") == 1);
  b.no_frame_errors();
}

TEST_CASE("drive: a conflict is resolved by clicking Keep mine in the Conflicts panel", "[gui][drive][team]") {
  gbtest::TeamPair t;
  {
    data::Db b = open_rw(t.b);
    data::set_control_progress(b, {.control_id = 1, .period = "2022-Q1", .progress = "limited"});
    data::Db a = open_rw(t.a);
    data::set_control_progress(a, {.control_id = 1, .period = "2022-Q1", .progress = "slipped"});
    team::sync(a);  // a's value reaches the hub first
  }
  TeamBench b(t, t.b, "register");
  REQUIRE(b.wait_for([&] { return b.link().status().conflicts == 1; }));
  b.drive->frame(2);
  // The indicator says so; clicking it opens the Conflicts panel.
  const auto indicator = b.drive->require(starting("Team: online"));
  CHECK(indicator.text().find("1 conflict") != std::string::npos);
  b.drive->click(starting("Team: online"));
  CHECK(std::string(b.shell->current_panel()) == "conflicts");
  b.drive->frame(2);
  // The row, mine and theirs, who made each.
  CHECK(b.drive->has(starting("Keep mine")));
  CHECK(b.drive->has(starting("Keep theirs")));
  b.drive->click(starting("Keep mine"));
  REQUIRE(b.wait_for([&] { return b.link().status().conflicts == 0 && b.link().status().pending == 0; }));
  CHECK(progress_of(b.shell->workspace().db()) == "limited");
  b.drive->frame(2);
  CHECK_FALSE(b.drive->has(starting("Keep mine")));
  // The choice reached the hub: the other replica takes it in.
  data::Db a = open_rw(t.a);
  team::sync(a);
  CHECK(progress_of(a) == "limited");
  b.no_frame_errors();
}

TEST_CASE("drive: a workbench that follows the presenter moves to the announced item", "[gui][drive][team]") {
  gbtest::TeamPair t;
  std::int64_t session = 0;
  {
    data::Db a = open_rw(t.a);
    data::create_session(a, {.title = "Board meeting", .board = "Audit Panel", .held_on = "2022-01-17"});
    session = data::create_session(a, {.title = "Trust review", .board = "Audit Panel", .held_on = "2022-03-31"});
    for (const char* v : {"audit_panel.risks", "gip.tracker", "ags.survey"})
      data::add_agenda_item(a, session, {.view_id = v});
    team::sync(a);
  }
  TeamBench b(t, t.b, "sessions");
  b.drive->click(item("Follow the presenter"));
  // The presenter (a's workbench, here its link alone) presents item 2.
  team::Live presenter(t.a);
  presenter.announce(session, 2);
  REQUIRE(b.wait_for([&] { return b.link().presenter().has_value(); }));
  CHECK(b.link().presenter()->display == "A. Analyst");
  auto* sessions = dynamic_cast<ui::SessionsPanel*>(b.shell->panel("sessions"));
  REQUIRE(sessions);
  REQUIRE(b.wait_for([&] { return sessions->session() == session && sessions->position() == 2; }));
  presenter.announce(session, 3);
  REQUIRE(b.wait_for([&] { return sessions->position() == 3; }));
  // Unticked: the presenter's moves are shown, not followed.
  b.drive->click(item("Follow the presenter"));
  presenter.announce(session, 1);
  REQUIRE(b.wait_for([&] { return b.link().presenter() && b.link().presenter()->position == 1; }));
  b.drive->frame(3);
  CHECK(sessions->position() == 3);
  b.no_frame_errors();
}

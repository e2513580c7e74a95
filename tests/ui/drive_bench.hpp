// What the tests that drive the window share: a temporary home, the window
// on a copy of the demo database, and finding items by label.
#pragma once
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "data/session_model.hpp"
#include "engine/workspace.hpp"
#include "support.hpp"
#include "ui/driver.hpp"
#include "ui/shell_chrome.hpp"
#include "ui/ui_settings.hpp"

namespace gbtest::gui {

// HOME and the XDG folders in a temporary folder for the test's length: the
// packs installed, the error log and any export stay there.
class HomeScope {
 public:
  explicit HomeScope(const std::filesystem::path& home) {
    for (const char* v : {"HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"}) {
      const char* old = std::getenv(v);
      saved_.emplace_back(v, old ? std::optional<std::string>(old) : std::nullopt);
    }
    std::filesystem::create_directories(home / "data");
    std::filesystem::create_directories(home / "config");
    setenv("HOME", home.c_str(), 1);
    setenv("XDG_DATA_HOME", (home / "data").c_str(), 1);
    setenv("XDG_CONFIG_HOME", (home / "config").c_str(), 1);
  }
  ~HomeScope() {
    for (const auto& [name, value] : saved_) {
      if (value)
        setenv(name.c_str(), value->c_str(), 1);
      else
        unsetenv(name.c_str());
    }
  }
  HomeScope(const HomeScope&) = delete;
  HomeScope& operator=(const HomeScope&) = delete;

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

// The workbench on a copy of the demo database, in a temporary home.
struct Bench {
  gbtest::TempDir dir;
  HomeScope home{dir.path()};
  std::filesystem::path db = gbtest::demo_copy(dir);
  HeadlessImGui imgui;
  gb::ui::UiSettings settings;
  std::unique_ptr<gb::ui::Shell> shell;
  std::unique_ptr<Driver> drive;

  explicit Bench(const std::string& panel = "register", std::vector<std::string> pack_dirs = {}) {
    gb::engine::WorkspaceOptions o;
    o.database = db.string();
    o.as_of = "2021-12-31";
    o.watch = false;
    o.pack_dirs = std::move(pack_dirs);
    settings.panel = panel;
    shell =
        std::make_unique<gb::ui::Shell>(std::make_unique<gb::engine::Workspace>(o), settings, gb::ui::ShellOptions{});
    drive = std::make_unique<Driver>(*shell);
    drive->frame(3);  // layout settles
  }
  gb::engine::Workspace& ws() { return shell->workspace(); }
  gb::data::Db& dbh() { return shell->workspace().db(); }
  void go(const std::string& title) { drive->click({title + "##nav", "", "", 0, false}); }
  // No frame let an exception out, and none was caught at a frame either.
  void no_frame_errors() {
    INFO((shell->frame_error() ? shell->frame_error()->where + ": " + shell->frame_error()->message : ""));
    CHECK(shell->errors_caught() == 0);
  }
};

inline Find item(std::string label, std::string window = "", std::string scope = "", int nth = 0) {
  return Find{std::move(label), std::move(window), std::move(scope), nth, false};
}
inline Find starting(std::string label, std::string window = "") {
  return Find{std::move(label), std::move(window), "", 0, true};
}

inline int agenda_size(Bench& b, std::int64_t session) {
  return static_cast<int>(gb::data::agenda(b.dbh(), session).size());
}

inline std::int64_t create_session_by_hand(Bench& b) {
  b.go("Sessions");
  b.drive->fill(item("##new_title"), "Audit Panel, January");
  b.drive->fill(item("##new_board"), "Audit Panel");
  b.drive->fill(item("##new_date"), "2022-01-17");
  b.drive->click(item("##new_att"));
  b.drive->type("Chair\nVice-chair\n");
  b.drive->click(item("Create session"));
  b.drive->frame(2);
  const auto sessions = gb::data::list_sessions(b.dbh());
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].title == "Audit Panel, January");
  CHECK(sessions[0].attendees == std::vector<std::string>{"Chair", "Vice-chair"});
  return sessions[0].id;
}

// A session of three agenda items made through the window.
inline std::int64_t session_with_agenda(Bench& b, int items = 3) {
  const auto s = create_session_by_hand(b);
  for (int n = 1; n <= items; ++n) {
    b.drive->click(item("##add_view"));
    b.drive->click(Find{"", "##Combo", "", n - 1, true});
    b.drive->click(item("Add to agenda"));
    b.drive->frame(2);
  }
  REQUIRE(agenda_size(b, s) == items);
  return s;
}

}  // namespace gbtest::gui

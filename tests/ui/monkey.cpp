// The GUI monkey: seeded, reproducible random input to the real window,
// headless (tests/ui/driver.hpp), on a copy of the demo database with the
// real stop-and-search data imported, a session with an agenda and a what-if
// scenario. Clicks (mostly on items drawn in the last frame), drags, the
// wheel, keys with Ctrl and Shift, typing, panel switches and window
// resizes, for a number of frames on each panel. A memory error (under
// ASan), an ImGui assertion, or an exception that reaches the shell's frame
// fails the run: it prints the seed and the last 50 events, and keeps the
// whole event stream in a file that --replay plays again (keep it in
// tests/gui_monkey/regressions/ once fixed). docs/RELIABILITY.md.
//
//   govbench_gui_monkey [--seed N] [--frames N] [--panel ID|all] [--save FILE]
//   govbench_gui_monkey --replay FILE
// GOVBENCH_MONKEY_SEED and GOVBENCH_MONKEY_FRAMES stand in for --seed and --frames.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/sanitizer.hpp"
#include "data/csv_import.hpp"
#include "data/db.hpp"
#include "data/migrations.hpp"
#include "data/scenarios.hpp"
#include "data/sessions.hpp"
#include "support.hpp"
#include "ui/driver.hpp"

#if defined(GB_ADDRESS_SANITIZER) && __has_include(<sanitizer/common_interface_defs.h>)
#include <sanitizer/common_interface_defs.h>
#define GB_HAVE_SANITIZER_CALLBACK 1
#endif

using namespace gb;

namespace {

// ---- events: what a run did, as text a replay reads -----------------------------------

const std::map<std::string, int>& key_codes() {
  static const std::map<std::string, int> k = {{"tab", GLFW_KEY_TAB},
                                               {"enter", GLFW_KEY_ENTER},
                                               {"escape", GLFW_KEY_ESCAPE},
                                               {"left", GLFW_KEY_LEFT},
                                               {"right", GLFW_KEY_RIGHT},
                                               {"up", GLFW_KEY_UP},
                                               {"down", GLFW_KEY_DOWN},
                                               {"pageup", GLFW_KEY_PAGE_UP},
                                               {"pagedown", GLFW_KEY_PAGE_DOWN},
                                               {"home", GLFW_KEY_HOME},
                                               {"end", GLFW_KEY_END},
                                               {"backspace", GLFW_KEY_BACKSPACE},
                                               {"delete", GLFW_KEY_DELETE},
                                               {"space", GLFW_KEY_SPACE},
                                               {"f11", GLFW_KEY_F11},
                                               {"a", GLFW_KEY_A},
                                               {"c", GLFW_KEY_C},
                                               {"v", GLFW_KEY_V},
                                               {"x", GLFW_KEY_X},
                                               {"y", GLFW_KEY_Y},
                                               {"z", GLFW_KEY_Z},
                                               {"f", GLFW_KEY_F},
                                               {"r", GLFW_KEY_R},
                                               {"kpenter", GLFW_KEY_KP_ENTER}};
  return k;
}

std::string hex(const std::string& s) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}

std::string unhex(const std::string& h) {
  std::string out;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2) out += static_cast<char>(std::stoi(h.substr(i, 2), nullptr, 16));
  return out;
}

// The run's record: every event, flushed to a file as it happens (a crash
// leaves the whole stream behind), and the last ones in memory.
struct Journal {
  std::string path;
  std::ofstream file;
  std::deque<std::string> last;
  std::uint64_t seed = 0;
  int frames = 0;

  void open(const std::string& p, const std::string& header) {
    path = p;
    file.open(p, std::ios::trunc);
    file << header << "\n" << std::flush;
  }
  void add(const std::string& event, int frame) {
    file << event << "\n" << std::flush;
    last.push_back("frame " + std::to_string(frame) + ": " + event);
    if (last.size() > 50) last.pop_front();
  }
  void print_failure(const char* what) const {
    std::fprintf(stderr, "\ngui monkey: FAILED (%s) with seed %llu after %d frames; the last %zu events:\n", what,
                 static_cast<unsigned long long>(seed), frames, last.size());
    for (const auto& e : last) std::fprintf(stderr, "  %s\n", e.c_str());
    std::fprintf(stderr,
                 "the whole event stream is in %s: replay it with govbench_gui_monkey --replay %s, and once fixed keep "
                 "it in tests/gui_monkey/regressions/\n",
                 path.c_str(), path.c_str());
  }
};

Journal* g_journal = nullptr;

#ifdef GB_HAVE_SANITIZER_CALLBACK
void on_death() {
  if (g_journal) g_journal->print_failure("the process is being stopped: see the report above");
}
#endif

void on_signal(int sig) {
  if (g_journal) g_journal->print_failure(sig == SIGABRT ? "abort: an assertion" : "a fatal signal");
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

// ---- the workbench under test -----------------------------------------------------------------

struct Setup {
  gbtest::TempDir dir;
  std::filesystem::path db;
  ui::UiSettings settings;
  std::unique_ptr<ui::Shell> shell;

  explicit Setup(const std::string& panel) {
    // A home of its own: installed packs, settings, the error log and any
    // export stay in the temporary folder, and so do relative paths typed.
    const auto home = dir.path();
    std::filesystem::create_directories(home / "data");
    std::filesystem::create_directories(home / "config");
    setenv("HOME", home.c_str(), 1);
    setenv("XDG_DATA_HOME", (home / "data").c_str(), 1);
    setenv("XDG_CONFIG_HOME", (home / "config").c_str(), 1);
    std::filesystem::current_path(home);
    db = gbtest::demo_copy(dir);
    {
      data::Db d = data::open_governance_db(db, data::OpenMode::ReadWrite);
      data::ImportOptions o;
      o.table = "stop_search";
      data::import_csv(d, gbtest::real_data("2016-06-metropolitan-stop-and-search.csv"), o);
      const auto s = data::create_session(d, {.title = "Audit Panel",
                                              .board = "Audit Panel",
                                              .held_on = "2022-01-17",
                                              .attendees = {"Chair", "Secretary"}});
      const auto first =
          data::add_agenda_item(d, s, {.view_id = "audit_panel.risks", .params = {}, .note = "risks", .position = 0});
      data::add_agenda_item(d, s, {.view_id = "ags.survey", .params = {}, .note = "", .position = 0});
      data::add_agenda_item(d, s, {.view_id = "audit_panel.risks", .params = {}, .note = "again", .position = 0});
      data::add_record(d, first, data::RecordKind::Note, "asked about risk 10");
      const auto sc = data::create_scenario(d, {.name = "what if", .as_of = "2021-12-31"});
      data::set_risk_change(d, sc, {.risk_id = 9, .likelihood = "H"});
    }
    engine::WorkspaceOptions o;
    o.database = db.string();
    o.as_of = "2021-12-31";
    o.watch = false;
    settings.panel = panel;
    shell = std::make_unique<ui::Shell>(std::make_unique<engine::Workspace>(o), settings, ui::ShellOptions{});
  }
};

// Items the monkey leaves alone: they open or write files outside its folder.
bool forbidden(const ui::probe::Item& it) {
  // A file picker's choice may point outside the monkey's folder.
  return it.label == "Open database..." || it.window.find("Open database") != std::string::npos ||
         it.label == "Browse..." || it.window.find("##file_picker") != std::string::npos;
}
// Boxes whose text is a path that is written to: nothing is typed in them.
bool writes_to_path(const ui::probe::Item& it) {
  return it.label == "##export_path" || it.label == "##path";
}

class Monkey {
 public:
  explicit Monkey(Setup& s) : setup_(s), drive_(*s.shell) {}

  gbtest::gui::Driver& drive() { return drive_; }

  // Runs one event, given as text; returns false for a line that is not one.
  bool play(const std::string& line) {
    std::istringstream in(line);
    std::string op;
    in >> op;
    if (op.empty() || op[0] == '#') return true;
    if (op == "click" || op == "rclick" || op == "dclick") {
      float x = 0, y = 0;
      in >> x >> y;
      if (op == "dclick")
        drive_.double_click_at(ImVec2(x, y));
      else
        drive_.click_at(ImVec2(x, y), op == "rclick" ? 1 : 0);
    } else if (op == "drag") {
      float a = 0, b = 0, c = 0, d = 0;
      in >> a >> b >> c >> d;
      drive_.drag(ImVec2(a, b), ImVec2(c, d));
    } else if (op == "wheel") {
      float dy = 0, dx = 0, x = 0, y = 0;
      in >> dy >> dx >> x >> y;
      drive_.wheel(dy, dx, ImVec2(x, y));
    } else if (op == "key") {
      std::string name, mod;
      in >> name;
      bool ctrl = false, shift = false;
      while (in >> mod) {
        ctrl = ctrl || mod == "ctrl";
        shift = shift || mod == "shift";
      }
      const auto k = key_codes().find(name);
      if (k == key_codes().end()) return false;
      drive_.key(k->second, ctrl, shift);
    } else if (op == "text") {
      std::string h;
      in >> h;
      drive_.type(unhex(h));
    } else if (op == "resize") {
      float w = 0, h = 0;
      in >> w >> h;
      drive_.resize(w, h);
    } else if (op == "idle") {
      int n = 1;
      in >> n;
      drive_.frame(std::clamp(n, 1, 100));
    } else {
      return false;
    }
    // An export renders on a worker thread: wait for it, advancing no time,
    // so that what follows does not depend on how fast the worker was.
    if (setup_.shell->busy()) {
      ImGuiIO& io = ImGui::GetIO();
      drive_.frames_until([&] {
        io.DeltaTime = 1e-6f;
        return !setup_.shell->busy();
      });
    }
    return true;
  }

  // The next event, chosen at random from what the last frame drew.
  std::string next(std::mt19937_64& rng, const std::string& home_panel) {
    auto pick = [&](int n) { return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
    auto real = [&](float a, float b) { return std::uniform_real_distribution<float>(a, b)(rng); };
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    std::vector<const ui::probe::Item*> targets, nav;
    bool typing_a_path = false;
    const ImGuiID active = ImGui::GetCurrentContext()->ActiveId;
    for (const auto& it : drive_.items()) {
      if (writes_to_path(it) && it.id == active && active != 0) typing_a_path = true;
      if (!it.visible() || forbidden(it)) continue;
      if (it.label.ends_with("##nav"))
        nav.push_back(&it);
      else
        targets.push_back(&it);
    }
    auto at = [&](const ui::probe::Item& it) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.0f %.0f",
                    real(it.visible_min.x + 1, std::max(it.visible_min.x + 1.5f, it.visible_max.x - 1)),
                    real(it.visible_min.y + 1, std::max(it.visible_min.y + 1.5f, it.visible_max.y - 1)));
      return std::string(buf);
    };
    // Back to the panel under test now and then.
    if (++since_home_ > 40 && setup_.shell->current_panel() != home_panel && !setup_.shell->presenting()) {
      since_home_ = 0;
      for (const auto* n : nav)
        if (n->text() == title_of(home_panel) || n->label.rfind(title_of(home_panel) + " ", 0) == 0 ||
            n->label.rfind(title_of(home_panel) + "##", 0) == 0)
          return "click " + at(*n);
    }
    const int roll = pick(100);
    char buf[128];
    if (roll < 46 && !targets.empty()) {
      const auto& t = *targets[static_cast<std::size_t>(pick(static_cast<int>(targets.size())))];
      clicked_.insert(t.window.substr(0, t.window.find('_')) + " " + t.label);
      return "click " + at(t);
    }
    if (roll < 49 && !targets.empty())
      return "dclick " + at(*targets[static_cast<std::size_t>(pick(static_cast<int>(targets.size())))]);
    if (roll < 52) {
      std::snprintf(buf, sizeof buf, "%s %.0f %.0f", pick(3) == 0 ? "rclick" : "click", real(0, size.x),
                    real(0, size.y));
      return buf;
    }
    if (roll < 56) {
      ImVec2 from(real(0, size.x), real(0, size.y));
      if (!targets.empty()) {
        const auto& t = *targets[static_cast<std::size_t>(pick(static_cast<int>(targets.size())))];
        from = ImVec2((t.visible_min.x + t.visible_max.x) / 2, (t.visible_min.y + t.visible_max.y) / 2);
      }
      std::snprintf(buf, sizeof buf, "drag %.0f %.0f %.0f %.0f", from.x, from.y, from.x + real(-300, 300),
                    from.y + real(-200, 200));
      return buf;
    }
    if (roll < 64) {
      std::snprintf(buf, sizeof buf, "wheel %.0f %.0f %.0f %.0f", real(-4, 4), pick(4) == 0 ? real(-3, 3) : 0.0f,
                    real(0, size.x), real(0, size.y));
      return buf;
    }
    if (roll < 77) {
      if (typing_a_path) return "key escape";
      static const char* keys[] = {"tab",      "enter", "escape", "left",      "right",  "up",    "down", "pageup",
                                   "pagedown", "home",  "end",    "backspace", "delete", "space", "f11",  "a",
                                   "c",        "v",     "x",      "y",         "z",      "f",     "r",    "kpenter"};
      std::string e = std::string("key ") + keys[pick(static_cast<int>(std::size(keys)))];
      if (pick(4) == 0) e += " ctrl";
      if (pick(6) == 0) e += " shift";
      return e;
    }
    if (roll < 87) {
      if (typing_a_path) return "key escape";
      static const std::vector<std::string> pieces = {
          "a",  "Z",    "7", "0", " ",  "-",        ",",  "10, 4",        "2022-01-17", "\xC3\xA9",
          "\n", "risk", "x", "'", "%s", "SELECT 1", "..", "\xE2\x86\x92", "H"};
      std::string t;
      for (int i = pick(4) + 1; i > 0; --i)
        t += pieces[static_cast<std::size_t>(pick(static_cast<int>(pieces.size())))];
      return "text " + hex(t);
    }
    if (roll < 91 && !nav.empty())
      return "click " + at(*nav[static_cast<std::size_t>(pick(static_cast<int>(nav.size())))]);
    if (roll < 93) {
      std::snprintf(buf, sizeof buf, "resize %d %d", 640 + pick(1200), 480 + pick(640));
      return buf;
    }
    return "idle " + std::to_string(1 + pick(3));
  }

  std::size_t distinct_items_clicked() const { return clicked_.size(); }

  static std::string title_of(const std::string& panel) {
    std::string t = panel;
    if (!t.empty()) t[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
    return t;
  }

 private:
  Setup& setup_;
  gbtest::gui::Driver drive_;
  int since_home_ = 0;
  std::set<std::string> clicked_;
};

struct Options {
  std::uint64_t seed = 1;
  int frames = 3000;
  std::string panel = "all";
  std::string save;
  std::string replay;
};

int fail(Journal& j, const std::string& what) {
  j.print_failure(what.c_str());
  return 1;
}

// A caught error means a panel let an exception out: a bug the monkey is there to find.
bool check(ui::Shell& shell, Journal& j, std::string& why) {
  if (shell.errors_caught() == 0) return true;
  const auto& e = shell.frame_error();
  why = "the shell caught an exception" + (e ? " while " + e->where + ": " + e->message : std::string());
  (void)j;
  return false;
}

int run(const Options& o) {
  const std::vector<std::string> panels = o.panel == "all" ? ui::panel_ids() : std::vector<std::string>{o.panel};
  Journal journal;
  journal.seed = o.seed;
  g_journal = &journal;
  const std::string save =
      !o.save.empty()
          ? o.save
          : (std::filesystem::current_path() / ("gui_monkey_" + std::to_string(o.seed) + ".events")).string();
  gbtest::gui::HeadlessImGui imgui(ImVec2(1600, 1000));
  Setup setup(panels.front());
  Monkey monkey(setup);
  journal.open(save, "# gui monkey seed " + std::to_string(o.seed) + " frames " + std::to_string(o.frames) + " panel " +
                         o.panel);
  monkey.drive().frame(2);
  std::string why;

  if (!o.replay.empty()) {
    std::ifstream in(o.replay);
    if (!in) {
      std::fprintf(stderr, "gui monkey: cannot read %s\n", o.replay.c_str());
      return 2;
    }
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      if (line.rfind("panel ", 0) == 0) {  // "panel ID": start the next part on that panel, as the run did
        setup.shell->select(line.substr(6));
        continue;
      }
      journal.add(line, monkey.drive().frames());
      journal.frames = monkey.drive().frames();
      if (!monkey.play(line)) {
        std::fprintf(stderr, "gui monkey: %s: not an event: %s\n", o.replay.c_str(), line.c_str());
        return 2;
      }
      ++n;
      if (!check(*setup.shell, journal, why)) return fail(journal, why);
    }
    std::printf("gui monkey: replayed %d events of %s (%d frames): no failure\n", n, o.replay.c_str(),
                monkey.drive().frames());
    std::filesystem::remove(save);
    return 0;
  }

  std::mt19937_64 rng(o.seed);
  const int per_panel = std::max(1, o.frames / static_cast<int>(panels.size()));
  for (const auto& panel : panels) {
    journal.add("panel " + panel, monkey.drive().frames());
    journal.file.flush();
    // Each part starts on its panel, not presenting, as a person returns to it.
    if (setup.shell->presenting()) monkey.play("key f11");
    setup.shell->select(panel);
    const int until = monkey.drive().frames() + per_panel;
    while (monkey.drive().frames() < until) {
      const std::string e = monkey.next(rng, panel);
      journal.add(e, monkey.drive().frames());
      journal.frames = monkey.drive().frames();
      monkey.play(e);
      if (!check(*setup.shell, journal, why)) return fail(journal, why);
    }
  }
  std::printf("gui monkey: seed %llu, %d frames over %zu panel(s), %zu distinct items clicked: no failure\n",
              static_cast<unsigned long long>(o.seed), monkey.drive().frames(), panels.size(),
              monkey.distinct_items_clicked());
  journal.file.close();
  std::filesystem::remove(save);
  g_journal = nullptr;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // The workspace runs packs in "govbench pack-host".
  setenv("GOVBENCH_PACK_HOST", GOVBENCH_BINARY, 0);
  Options o;
  if (const char* s = std::getenv("GOVBENCH_MONKEY_SEED"); s && *s) o.seed = std::stoull(s);
  if (const char* f = std::getenv("GOVBENCH_MONKEY_FRAMES"); f && *f) o.frames = std::stoi(f);
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--seed" && has_value)
      o.seed = std::stoull(argv[++i]);
    else if (a == "--frames" && has_value)
      o.frames = std::stoi(argv[++i]);
    else if (a == "--panel" && has_value)
      o.panel = argv[++i];
    else if (a == "--save" && has_value)
      o.save = argv[++i];
    else if (a == "--replay" && has_value)
      o.replay = argv[++i];
    else {
      std::fprintf(
          stderr,
          "usage: govbench_gui_monkey [--seed N] [--frames N] [--panel ID|all] [--save FILE] | --replay FILE\n");
      return 2;
    }
  }
  // The stream is written beside where the run starts (the build folder
  // under CTest); the run itself works in a temporary folder.
  if (!o.replay.empty()) o.replay = std::filesystem::absolute(o.replay).string();
  if (o.save.empty())
    o.save = (std::filesystem::current_path() / ("gui_monkey_" + std::to_string(o.seed) + ".events")).string();
#ifdef GB_HAVE_SANITIZER_CALLBACK
  __sanitizer_set_death_callback(on_death);
#endif
  std::signal(SIGABRT, on_signal);
  std::signal(SIGSEGV, on_signal);
  try {
    return run(o);
  } catch (const std::exception& e) {
    if (g_journal)
      g_journal->print_failure(("an exception left the frame: " + std::string(e.what())).c_str());
    else
      std::fprintf(stderr, "gui monkey: %s\n", e.what());
    return 1;
  }
}

// The window chrome (shell_chrome.hpp). Sections: the frame and its error
// recovery; shortcuts; navigation, banners, status bar; the open dialog.
#include "ui/shell_chrome.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>  // the key codes the GLFW backend puts in io.KeysDown
#include <imgui.h>
#include <imgui_internal.h>  // ErrorCheckEndFrameRecover, the font stack

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "engine/database.hpp"
#include "ui/panel_register.hpp"
#include "ui/panels.hpp"
#include "ui/probe.hpp"  // ImGui:: items noted for tests (probe.hpp)
#include "ui/team_link.hpp"
#include "ui/theme.hpp"

namespace gb::ui {

namespace {

bool key_pressed(int glfw_key) {
  return ImGui::IsKeyPressed(glfw_key, false);
}

std::string local_time_iso() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

// One line of the log: no line breaks inside an entry.
std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

// After an exception: ends what the frame began, window by window, back to
// the depth it started at, so that ImGui's stacks match as if the frame had
// ended normally (ImGui checks them at each End, and asserts). Dear ImGui
// 1.86's ErrorCheckEndWindowRecover ends a window's tables, tab bars, trees,
// groups, IDs, colours, style and item flags; the disabled blocks and fonts
// it leaves are ended here first.
void end_what_the_frame_began(int windows, int fonts) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  while (g.CurrentWindowStack.Size > std::max(windows, 1)) {
    const ImGuiStackSizes sizes = g.CurrentWindowStack.back().StackSizesOnBegin;
    while (g.DisabledStackSize > sizes.SizeOfDisabledStack && g.ItemFlagsStack.Size > sizes.SizeOfItemFlagsStack)
      ImGui::EndDisabled();
    while (g.FontStack.Size > sizes.SizeOfFontStack) ImGui::PopFont();
    ImGui::ErrorCheckEndWindowRecover(nullptr);
    if (g.CurrentWindowStack.Size <= std::max(windows, 1)) break;  // a table's own window ended with it
    if (g.CurrentWindow->Flags & ImGuiWindowFlags_ChildWindow)
      ImGui::EndChild();
    else
      ImGui::End();
  }
  while (g.DisabledStackSize > 0 && g.ItemFlagsStack.Size > 1) ImGui::EndDisabled();
  while (g.FontStack.Size > fonts) ImGui::PopFont();
}

}  // namespace

std::filesystem::path frame_error_log_path() {
  std::filesystem::path base;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x)
    base = x;
  else if (const char* h = std::getenv("HOME"); h && *h)
    base = std::filesystem::path(h) / ".local" / "share";
  else
    base = ".";
  return base / "govbench" / "errors.log";
}

Shell::Shell(std::unique_ptr<engine::Workspace> ws, UiSettings& settings, const ShellOptions& o)
    : ws_(std::move(ws)), settings_(settings), error_log_(frame_error_log_path()), wake_(o.wake) {
  auto reg = std::make_unique<RegisterPanel>();
  if (o.risk > 0) reg->select_ref(o.risk);
  panels_.push_back(std::move(reg));
  panels_.push_back(std::make_unique<IndicatorsPanel>());
  auto views = std::make_unique<ViewsPanel>();
  if (!o.view.empty()) views->open(o.view);
  if (!o.export_format.empty())
    views->export_on_next_draw(exporter::paper_format(o.export_format), o.export_path, !o.export_path.empty());
  views_ = views.get();
  panels_.push_back(std::move(views));
  auto sessions = std::make_unique<SessionsPanel>();
  if (o.session > 0) sessions->open(o.session, o.item);
  panels_.push_back(std::move(sessions));
  auto data = std::make_unique<DataPanel>();
  if (!o.table.empty()) data->open_table(o.table);
  panels_.push_back(std::move(data));
  auto packs = std::make_unique<PacksPanel>();
  if (!o.pack.empty()) packs->select(o.pack);
  if (!o.install.empty()) packs->check_on_next_draw(o.install);
  panels_.push_back(std::move(packs));
  auto console = std::make_unique<ConsolePanel>();
  for (const auto& in : o.console_inputs) console->run_on_next_draw(in);
  panels_.push_back(std::move(console));
  panels_.push_back(std::make_unique<ConflictsPanel>());
  select(settings_.panel);
  presentation_ = o.present;
  start_team();
}

Shell::~Shell() = default;

void Shell::start_team() {
  team_.reset();  // the old link stops before the new one starts
  try {
    team_ = TeamLink::start_if_replica(*ws_, wake_);
  } catch (const std::exception& e) {
    say(std::string("Team mode could not start: ") + e.what(), true);
    ws_->log(script::ConsoleMessage::Level::Error, status_.text);
  }
}

bool Shell::busy() const {
  return views_->busy() || ws_->busy() || (team_ && !team_->settled());
}

std::string Shell::activity() const {
  return ws_->activity();
}

Panel* Shell::panel(std::string_view id) {
  for (auto& p : panels_)
    if (id == p->id()) return p.get();
  return nullptr;
}

void Shell::select(const std::string& id) {
  const std::size_t was = current_;
  for (std::size_t i = 0; i < panels_.size(); ++i)
    if (id == panels_[i]->id()) current_ = i;
  settings_.panel = panels_[current_]->id();
  if (current_ != was) status_ = {};  // what the last panel did is not this one's news
}

void Shell::say(std::string text, bool error) {
  status_ = StatusNote{std::move(text), error, ws_->edit_generation(), false};
}

// ---- the frame and its error recovery ----------------------------------------------

void Shell::frame(bool interactive) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const int fonts = g.FontStack.Size;
  const int windows = g.CurrentWindowStack.Size;
  doing_ = "taking in the pack host's answers";
  (void)interactive;  // every frame: a screenshot waits for the answers too
  try {
    poll();
  } catch (const std::exception& e) {
    caught(doing_, e.what());
  }
  // Until end_frame(), what the panels read from the workspace stays put.
  ws_->begin_frame();
  try {
    PanelContext ctx{*ws_};
    ctx.status = &status_;
    ctx.team = team_.get();
    ctx.splits = &settings_.splits;
    draw(ctx);
  } catch (const std::exception& e) {
    end_what_the_frame_began(windows, fonts);
    caught(doing_, e.what());
  }
  const std::string drew = doing_;
  // The keyboard reaches every button, box and list (arrows move, Space
  // presses, Enter types, Tab goes to the next box), except while
  // presenting, where the arrows and Space move through the agenda and
  // scroll the view. Read by ImGui from the next frame.
  ImGuiIO& io = ImGui::GetIO();
  if (presentation_)
    io.ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;
  else
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  try {
    ws_->end_frame();
  } catch (const std::exception& e) {
    caught("applying what was done while " + drew, e.what());
  }
  if (next_ws_) {  // Open database: in use from the next frame
    team_.reset();
    ws_ = std::move(next_ws_);
    start_team();
  }
}

void Shell::caught(const std::string& where, const std::string& message) {
  ++errors_caught_;
  if (error_ && error_->where == where && error_->message == message) {
    ++error_->repeats;  // the same failure every frame: said once in the log
    return;
  }
  error_ = FrameError{where, message, local_time_iso(), 1};
  say("Error while " + where + ": " + message, true);
  try {
    ws_->log(script::ConsoleMessage::Level::Error, one_line(status_.text));
    std::error_code ec;
    std::filesystem::create_directories(error_log_.parent_path(), ec);
    std::ofstream log(error_log_, std::ios::app);
    log << error_->time << "  " << one_line(where) << ": " << one_line(message) << "\n";
  } catch (...) {
    // The banner still says it; a log that cannot be written must not close the window.
  }
}

void Shell::draw(PanelContext& ctx) {
  doing_ = "handling a shortcut";
  handle_shortcuts(ctx);
  ctx.presentation = presentation_;

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  // Saved settings stay on: tables inherit the root window's, and theirs
  // (column widths, order, sort) are what layout.ini remembers; the
  // window's own place is set every frame.
  ImGui::Begin("Governance Workbench", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus);
  const float status_h = ImGui::GetFrameHeightWithSpacing() + 2;
  if (!presentation_) {
    doing_ = "drawing the navigation";
    ImGui::BeginChild("nav", ImVec2(ImGui::GetFontSize() * 11, -status_h), true);
    draw_navigation();
    ImGui::EndChild();
    ImGui::SameLine();
  }
  // Presenting a session shows the agenda item's view only: no status bar.
  Panel& panel = *panels_[current_];
  const bool session_show = presentation_ && std::string_view(panel.id()) == "sessions";
  // A panel chosen by keyboard takes the keyboard: Tab goes to its first box.
  if (std::exchange(focus_content_, false)) ImGui::SetNextWindowFocus();
  ImGui::BeginChild("content", ImVec2(0, session_show ? 0 : -status_h), false);
  doing_ = "drawing the banners";
  draw_error_banner();
  draw_banners();
  doing_ = std::string("drawing the ") + panel.title() + " panel";
  // Presenting: type for the back of the room, the larger the screen the
  // larger (the 28 px face from 1080 lines, the 20 px one below).
  ImFont* present_font = vp->WorkSize.y >= 1000 && large_font() ? large_font() : heading_font();
  if (presentation_ && present_font) ImGui::PushFont(present_font);
  panel.draw(ctx);
  if (presentation_ && present_font) ImGui::PopFont();
  ImGui::EndChild();
  if (ctx.request_presentation) presentation_ = true;
  doing_ = "drawing the status bar";
  if (!session_show) draw_status_bar();
  doing_ = "drawing the Open database dialog";
  draw_open_dialog();
  doing_ = "drawing the shortcut sheet";
  draw_shortcut_sheet();
  ImGui::End();
  doing_ = std::string("drawing the ") + panel.title() + " panel";  // what end_frame() applies came from there
}

// ---- shortcuts ----------------------------------------------------------------------------

void Shell::poll() {
  // The pack host's answers come in here, before anything is drawn: the
  // only point in a frame where results change. Reading them does not wait.
  ws_->poll();
  // The team's changes, likewise: taken in (and the workspace told) here.
  if (team_) team_->poll(*ws_);
}

void Shell::handle_shortcuts(PanelContext& ctx) {
  const ImGuiIO& io = ImGui::GetIO();
  if (key_pressed(GLFW_KEY_F1)) shortcuts_ = true;
  if (key_pressed(GLFW_KEY_F11)) presentation_ = !presentation_;
  if (presentation_ && key_pressed(GLFW_KEY_ESCAPE)) presentation_ = false;
  if (!io.KeyCtrl) return;
  // Ctrl+1 ... Ctrl+8: the panels in the order of the navigation column.
  for (int n = 0; n < 9; ++n) {
    if (!key_pressed(GLFW_KEY_1 + n)) continue;
    int shown = 0;
    for (const auto& p : panels_) {
      if (!team_ && std::string_view(p->id()) == "conflicts") continue;
      if (shown++ == n) {
        select(p->id());
        focus_content_ = true;
      }
    }
  }
  // Zoom: type and spacing together, remembered (a projector at the back of
  // a room wants 150% or more).
  const float zoom = settings_.zoom;
  if (key_pressed(GLFW_KEY_EQUAL) || key_pressed(GLFW_KEY_KP_ADD))
    settings_.zoom = std::min(UiSettings::kMaxZoom, std::round(zoom * 11.0f) / 10.0f);
  if (key_pressed(GLFW_KEY_MINUS) || key_pressed(GLFW_KEY_KP_SUBTRACT))
    settings_.zoom = std::max(UiSettings::kMinZoom, std::round(zoom / 1.1f * 10.0f) / 10.0f);
  if (key_pressed(GLFW_KEY_0) || key_pressed(GLFW_KEY_KP_0)) settings_.zoom = 1.0f;
  if (settings_.zoom != zoom) {
    fonts_dirty_ = true;
    say("Zoom " + std::to_string(static_cast<int>(std::lround(settings_.zoom * 100))) + "% (Ctrl+0 resets it)");
  }
  if (key_pressed(GLFW_KEY_O)) open_dialog_ = true;
  if (key_pressed(GLFW_KEY_R)) ws_->reload_all();
  if (key_pressed(GLFW_KEY_F)) ctx.focus_filter = true;
  // Outside a text box: the edit history (a box keeps its own undo).
  if (io.WantTextInput) return;
  if (key_pressed(GLFW_KEY_Y) || (io.KeyShift && key_pressed(GLFW_KEY_Z)))
    undo_or_redo(false);
  else if (key_pressed(GLFW_KEY_Z))
    undo_or_redo(true);
}

void Shell::undo_or_redo(bool undo) {
  try {
    const engine::EditOutcome r = undo ? ws_->edits().undo() : ws_->edits().redo();
    say(r.message);
    if (r.changed) ws_->log(script::ConsoleMessage::Level::Info, status_.text);
  } catch (const std::exception& e) {
    say(e.what(), true);
    ws_->log(script::ConsoleMessage::Level::Error, e.what());
  }
}

// ---- navigation, banners, status bar ------------------------------------------------------

void Shell::draw_navigation() {
  if (heading_font()) ImGui::PushFont(heading_font());
  ImGui::TextUnformatted("Workbench");
  if (heading_font()) ImGui::PopFont();
  ImGui::Spacing();
  for (std::size_t i = 0; i < panels_.size(); ++i) {
    if (!team_ && std::string_view(panels_[i]->id()) == "conflicts") continue;  // team mode only
    const int badge = panels_[i]->badge(*ws_);
    std::string label = panels_[i]->title();
    if (badge > 0) label += "  (" + std::to_string(badge) + ")";
    label += "##nav";
    const int shown = static_cast<int>(i) + 1;  // Ctrl+N, as the conflicts panel comes last
    if (ImGui::Selectable(label.c_str(), i == current_, 0, ImVec2(0, ImGui::GetFrameHeight())))
      select(panels_[i]->id());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ctrl+%d", shown);
  }
  if (team_) {
    ImGui::Spacing();
    team_->draw_notice();
  }
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - ImGui::GetFrameHeightWithSpacing() * 2.2f -
                       ImGui::GetTextLineHeightWithSpacing() * 8.3f);
  ImGui::Separator();
  if (ImGui::SmallButton(settings_.dark ? "Light theme" : "Dark theme")) {
    settings_.dark = !settings_.dark;
    apply_theme(settings_.dark ? Theme::Dark : Theme::Light);
  }
  if (ImGui::SmallButton("Open database...")) open_dialog_ = true;
  for (const char* hint : {"Ctrl+O  open", "Ctrl+R  reload packs", "Ctrl+F  filter", "Ctrl+Z  undo", "Ctrl+Y  redo",
                           "F11  present", "Ctrl+= Ctrl+-  zoom", "F1  all shortcuts"})
    ImGui::TextDisabled("%s", hint);
}

// An error caught at a frame: what was being done and why, until dismissed.
void Shell::draw_error_banner() {
  if (!error_) return;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, rag_colour(Rag::Red));
  ImGui::PushStyleColor(ImGuiCol_Text, rag_text_colour(Rag::Red));
  ImGui::BeginChild("banner_frame_error", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 2.3f), true,
                    ImGuiWindowFlags_NoScrollbar);
  ImGui::TextWrapped("%s Error while %s: %s", rag_symbol(Rag::Red), error_->where.c_str(), error_->message.c_str());
  const std::string log = error_log_.string();
  ImGui::Text("%s%s. The workbench carried on; logged in %s", error_->time.c_str(),
              error_->repeats > 1 ? (" (" + std::to_string(error_->repeats) + " frames)").c_str() : "", log.c_str());
  ImGui::SameLine();
  const bool dismiss = ImGui::SmallButton("Dismiss##frame_error");
  ImGui::EndChild();
  ImGui::PopStyleColor(2);
  if (dismiss) error_.reset();
}

// A reload that failed keeps the last good version on screen; say so.
void Shell::draw_banners() {
  if (ws_->read_only()) {
    // Amber, not red: nothing is wrong with the data, it just cannot be changed here.
    ImGui::PushStyleColor(ImGuiCol_ChildBg, rag_colour(Rag::Amber));
    ImGui::PushStyleColor(ImGuiCol_Text, rag_text_colour(Rag::Amber));
    ImGui::BeginChild("banner_read_only", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 1.2f), true,
                      ImGuiWindowFlags_NoScrollbar);
    ImGui::Text("%s READ-ONLY  %s", rag_symbol(Rag::Amber), ws_->read_only_reason().c_str());
    ImGui::EndChild();
    ImGui::PopStyleColor(2);
  }
  if (const auto& warnings = ws_->schema_warnings(); !warnings.empty()) {
    // Amber: the data may be fine, but someone changed the file's schema.
    ImGui::PushStyleColor(ImGuiCol_ChildBg, rag_colour(Rag::Amber));
    ImGui::PushStyleColor(ImGuiCol_Text, rag_text_colour(Rag::Amber));
    ImGui::BeginChild("banner_schema", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 2.3f), true,
                      ImGuiWindowFlags_NoScrollbar);
    const std::size_t n = warnings.size();
    const std::string more = n > 1 ? " (and " + std::to_string(n - 1) + " more; hover to see them all)" : "";
    ImGui::TextWrapped(
        "%s SCHEMA  %s%s. Writes that would run a trigger govbench did not make are refused; "
        "'govbench check --db' lists these and 'govbench drop NAME --db' removes one.",
        rag_symbol(Rag::Amber), warnings.front().c_str(), more.c_str());
    if (ImGui::IsWindowHovered()) {
      std::string all;
      for (const auto& w : warnings) all += w + "\n";
      ImGui::SetTooltip("%s", all.c_str());
    }
    ImGui::EndChild();
    ImGui::PopStyleColor(2);
  }
  if (!ws_->reload_error().empty()) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, rag_colour(Rag::Red));
    ImGui::PushStyleColor(ImGuiCol_Text, rag_text_colour(Rag::Red));
    ImGui::BeginChild("banner_reload", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 1.2f), true,
                      ImGuiWindowFlags_NoScrollbar);
    ImGui::Text("%s %s", rag_symbol(Rag::Red), ws_->reload_error().c_str());
    if (ImGui::IsWindowHovered()) ImGui::SetTooltip("%s", ws_->reload_error().c_str());
    ImGui::EndChild();
    ImGui::PopStyleColor(2);
  }
  for (const auto& e : ws_->packs().packs) {
    if (e.status != script::PackEntry::Status::Stale || e.problems.empty()) continue;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, rag_colour(Rag::Red));
    ImGui::PushStyleColor(ImGuiCol_Text, rag_text_colour(Rag::Red));
    ImGui::BeginChild(("banner_" + e.name).c_str(), ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 1.2f), true,
                      ImGuiWindowFlags_NoScrollbar);
    ImGui::Text("%s %s  (showing the last good version of pack %s)", rag_symbol(Rag::Red),
                e.problems.front().to_string().c_str(), e.name.c_str());
    ImGui::EndChild();
    ImGui::PopStyleColor(2);
  }
}

void Shell::draw_status_bar() {
  ImGui::Separator();
  if (team_) {
    if (team_->draw_indicator()) select("conflicts");
    ImGui::SameLine();
  }
  const std::size_t errors = ws_->error_count();
  ImGui::TextDisabled("%s%s", ws_->database().c_str(), ws_->read_only() ? "  (read-only)" : "");
  ImGui::SameLine();
  ImGui::TextDisabled("|  %zu packs loaded  |  last reload %s  |", ws_->packs().loaded_count(),
                      ws_->last_reload().c_str());
  ImGui::SameLine();
  if (errors)
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(Rag::Red)), "%s %zu pack problem%s",
                       rag_symbol(Rag::Red), errors, errors == 1 ? "" : "s");
  else
    ImGui::TextDisabled("no pack problems");
  if (const std::string doing = ws_->activity(); !doing.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("|  %s", doing.c_str());
  }
  // The message: one line in the space left, never wrapping (the bar's
  // height is fixed); cut, it ends in an ellipsis with the whole as a tooltip.
  if (!status_.text.empty() && status_.edits != ws_->edit_generation()) status_ = {};  // no longer true
  if (!status_.text.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    bool undo = false;
    if (status_.undoable) {
      undo = ImGui::SmallButton("Undo##status");
      ImGui::SameLine();
    }
    if (status_.error) ImGui::PushStyleColor(ImGuiCol_Text, rag_ink_colour(Rag::Red));
    text_fitted(status_.text, ImGui::GetContentRegionAvail().x, 1, !status_.error);
    if (status_.error) ImGui::PopStyleColor();
    if (undo) undo_or_redo(true);
  }
}

// ---- the open dialog --------------------------------------------------------------------------

void Shell::draw_open_dialog() {
  if (open_dialog_) {
    ImGui::OpenPopup("Open database");
    open_dialog_ = false;
    open_path_ = ws_->database();
    open_error_.clear();
  }
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 36, 0));
  if (!ImGui::BeginPopupModal("Open database", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted("A governance database (SQLite). A name that does not exist is created only if you say so.");
  ImGui::SetNextItemWidth(-1);
  bool enter = false;
  path_box("##path", "a governance database (.db, .sqlite)", open_path_, open_picker_, "Open database", {},
           FilePicker::Mode::OpenFile, &enter);
  if (!settings_.recent.empty()) ImGui::TextDisabled("Recent");
  for (const auto& r : settings_.recent)
    if (ImGui::Selectable(r.c_str())) open_path_ = r;
  if (!open_error_.empty())
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(Rag::Red)), "%s", open_error_.c_str());
  // A typo must not quietly make an empty database: a path that does not
  // exist is created only after asking.
  bool open = ImGui::Button("Open") || enter;
  bool create = false;
  if (open && open_create_ != open_path_) {
    std::error_code ec;
    const std::string path = open_path_;
    if (!path.empty() && !std::filesystem::exists(path, ec)) {
      open_create_ = path;
      open = false;
    }
  }
  if (!open_create_.empty() && open_create_ == open_path_) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_ink_colour(Rag::Amber)),
                       "%s does not exist. Create a new, empty governance database there?", open_create_.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button("Create it")) open = create = true;
    ImGui::SameLine();
    if (ImGui::Button("Don't create")) open_create_.clear();
  } else {
    open_create_.clear();  // the path was changed: ask again for the new one
  }
  if (open) {
    try {
      open_create_.clear();
      if (create) (void)engine::open_or_create(open_path_);  // an empty governance database, schema and all
      engine::WorkspaceOptions o = ws_->options();
      o.database = open_path_;
      // The panels drew this frame from the open workspace: the new one is
      // used from the next frame (Shell::frame).
      next_ws_ = std::make_unique<engine::Workspace>(o);
      settings_.add_recent(next_ws_->database());
      say("Opened " + next_ws_->database());
      status_.edits = 0;  // the new workspace counts its edits from zero
      ImGui::CloseCurrentPopup();
    } catch (const std::exception& e) {
      open_error_ = e.what();  // the workspace that was open stays open
    }
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || key_pressed(GLFW_KEY_ESCAPE)) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

// ---- the shortcut sheet (F1) -------------------------------------------------------------------

void Shell::draw_shortcut_sheet() {
  bool toggled_off = false;  // F1 again closes it (the F1 that opened it must not)
  if (shortcuts_) {
    if (ImGui::IsPopupOpen("Keyboard shortcuts"))
      toggled_off = true;
    else
      ImGui::OpenPopup("Keyboard shortcuts");
    shortcuts_ = false;
  }
  // A fixed size that fits a 1280x720 window; the list scrolls if it must.
  const ImVec2 room = ImGui::GetMainViewport()->WorkSize;
  ImGui::SetNextWindowSize(ImVec2(std::min(ImGui::GetFontSize() * 36, room.x * 0.9f), room.y * 0.85f));
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Keyboard shortcuts", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  struct Row {
    const char* keys;
    const char* what;
  };
  auto section = [](const char* title, std::initializer_list<Row> rows) {
    if (heading_font()) ImGui::PushFont(heading_font());
    ImGui::TextUnformatted(title);
    if (heading_font()) ImGui::PopFont();
    if (ImGui::BeginTable(title, 2, ImGuiTableFlags_RowBg)) {
      ImGui::TableSetupColumn("keys", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 11);
      ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch);
      for (const Row& r : rows) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(r.keys);
        ImGui::TableSetColumnIndex(1);
        ImGui::TextWrapped("%s", r.what);
      }
      ImGui::EndTable();
    }
    ImGui::Spacing();
  };
  section("Everywhere", {{"F1", "this sheet"},
                         {"Ctrl+1 ... Ctrl+7", "Register, Indicators, Views, Sessions, Data, Packs, Console"},
                         {"Tab, Shift+Tab", "the next, the previous box"},
                         {"Arrows, Space", "move to a button or list entry, press it"},
                         {"Enter", "type in the box moved to"},
                         {"Ctrl+O", "open a database"},
                         {"Ctrl+R", "reload the packs"},
                         {"Ctrl+F", "filter the panel's list"},
                         {"Ctrl+Z", "undo the latest edit (outside a text box)"},
                         {"Ctrl+Y, Ctrl+Shift+Z", "redo"},
                         {"F11", "present: the view alone, in large type; again to leave"},
                         {"Ctrl+=, Ctrl+-, Ctrl+0", "zoom in, out, back to 100% (remembered)"},
                         {"Esc", "leave presentation, close a dialog"}});
  section("Presenting a session or a view", {{"Right, Page Down", "the next agenda item"},
                                             {"Left, Page Up", "the previous agenda item"},
                                             {"Home, End", "the first, the last agenda item"},
                                             {"Down, Up", "scroll the view"},
                                             {"Space, Shift+Space", "scroll a screen down, up"},
                                             {"Backspace", "back from a drill-down to where the item was"}});
  section("Panels", {{"Up, Down, Page Up, Page Down, Home, End", "Register panel: move through the risks"},
                     {"Ctrl+Enter", "Data panel: run the SQL typed in the editor"},
                     {"M, T", "Conflicts panel: keep mine, keep theirs"},
                     {"Up, Down", "Conflicts panel: the previous, the next conflict"}});
  if (ImGui::Button("Close") || key_pressed(GLFW_KEY_ESCAPE) || toggled_off) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace gb::ui

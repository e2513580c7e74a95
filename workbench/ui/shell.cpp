// The workbench main loop (GLFW, OpenGL 3.3, Dear ImGui) and the window
// chrome: navigation column, status bar, banners, shortcuts, the open
// dialog and presentation mode. Panels draw the content (panel.hpp).
//
// Sections: GL and session helpers; Shell (chrome); run_shell (the loop).
#include "ui/shell.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "data/edits.hpp"
#include "engine/workspace.hpp"
#include "ui/panel_register.hpp"
#include "ui/panels.hpp"
#include "ui/theme.hpp"
#include "ui/ui_settings.hpp"

namespace gb::ui {

namespace {

// ---- GL and session helpers -------------------------------------------------

// The few GL entry points the shell calls itself, looked up through GLFW.
struct Gl {
  using Viewport = void (*)(int, int, int, int);
  using ClearColor = void (*)(float, float, float, float);
  using Clear = void (*)(unsigned);
  using PixelStorei = void (*)(unsigned, int);
  using ReadPixels = void (*)(int, int, int, int, unsigned, unsigned, void*);
  using Finish = void (*)();
  Viewport viewport = nullptr;
  ClearColor clear_color = nullptr;
  Clear clear = nullptr;
  PixelStorei pixel_storei = nullptr;
  ReadPixels read_pixels = nullptr;
  Finish finish = nullptr;

  bool load() {
    viewport = reinterpret_cast<Viewport>(glfwGetProcAddress("glViewport"));
    clear_color = reinterpret_cast<ClearColor>(glfwGetProcAddress("glClearColor"));
    clear = reinterpret_cast<Clear>(glfwGetProcAddress("glClear"));
    pixel_storei = reinterpret_cast<PixelStorei>(glfwGetProcAddress("glPixelStorei"));
    read_pixels = reinterpret_cast<ReadPixels>(glfwGetProcAddress("glReadPixels"));
    finish = reinterpret_cast<Finish>(glfwGetProcAddress("glFinish"));
    return viewport && clear_color && clear && pixel_storei && read_pixels && finish;
  }
};
constexpr unsigned kColorBufferBit = 0x4000, kPackAlignment = 0x0D05, kRgba = 0x1908, kUnsignedByte = 0x1401;

struct GlfwSession {
  GlfwSession() { ok = glfwInit() == GLFW_TRUE; }
  ~GlfwSession() {
    if (ok) glfwTerminate();
  }
  GlfwSession(const GlfwSession&) = delete;
  GlfwSession& operator=(const GlfwSession&) = delete;
  bool ok = false;
};

struct WindowDeleter {
  void operator()(GLFWwindow* w) const { glfwDestroyWindow(w); }
};

struct ImGuiSession {
  explicit ImGuiSession(GLFWwindow* w) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // layout is ours (ui_settings), not imgui.ini
    ImGui_ImplGlfw_InitForOpenGL(w, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
  }
  ~ImGuiSession() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
  }
  ImGuiSession(const ImGuiSession&) = delete;
  ImGuiSession& operator=(const ImGuiSession&) = delete;
};

bool write_png(const Gl& gl, int w, int h, const std::string& path) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  gl.pixel_storei(kPackAlignment, 1);
  gl.finish();
  gl.read_pixels(0, 0, w, h, kRgba, kUnsignedByte, pixels.data());
  std::vector<unsigned char> flipped(pixels.size());  // GL rows run bottom-up
  const std::size_t stride = static_cast<std::size_t>(w) * 4;
  for (int y = 0; y < h; ++y)
    std::copy_n(pixels.data() + static_cast<std::size_t>(h - 1 - y) * stride, stride,
                flipped.data() + static_cast<std::size_t>(y) * stride);
  return stbi_write_png(path.c_str(), w, h, 4, flipped.data(), static_cast<int>(stride)) != 0;
}

bool key_pressed(int glfw_key) { return ImGui::IsKeyPressed(glfw_key, false); }

// ---- Shell: the window chrome ---------------------------------------------------

class Shell {
 public:
  Shell(std::unique_ptr<engine::Workspace> ws, UiSettings& settings, const ShellOptions& o)
      : ws_(std::move(ws)), settings_(settings) {
    const long long risk_ref = o.risk;
    const std::string& view = o.view;
    auto reg = std::make_unique<RegisterPanel>();
    if (risk_ref > 0) reg->select_ref(risk_ref);
    panels_.push_back(std::move(reg));
    panels_.push_back(std::make_unique<IndicatorsPanel>());
    auto views = std::make_unique<ViewsPanel>();
    if (!view.empty()) views->open(view);
    if (!o.export_format.empty())
      views->export_on_next_draw(exporter::paper_format(o.export_format), o.export_path, !o.export_path.empty());
    views_ = views.get();
    panels_.push_back(std::move(views));
    auto sessions = std::make_unique<SessionsPanel>();
    if (o.session > 0) sessions->open(o.session, o.item);
    panels_.push_back(std::move(sessions));
    panels_.push_back(std::make_unique<DataPanel>());
    auto packs = std::make_unique<PacksPanel>();
    if (!o.pack.empty()) packs->select(o.pack);
    if (!o.install.empty()) packs->check_on_next_draw(o.install);
    panels_.push_back(std::move(packs));
    panels_.push_back(std::make_unique<ConsolePanel>());
    select(settings_.panel);
    presentation_ = o.present;
  }

  bool presenting() const { return presentation_; }
  // An export under way, or the pack host still working on what is shown.
  bool busy() const { return views_->busy() || ws_->busy(); }
  std::string activity() const { return ws_->activity(); }

  void select(const std::string& id) {
    for (std::size_t i = 0; i < panels_.size(); ++i)
      if (id == panels_[i]->id()) current_ = i;
    settings_.panel = panels_[current_]->id();
  }

  // One frame of the chrome and the current panel.
  void frame(bool /*interactive*/) {
    // The pack host's answers come in here, before anything is drawn: the
    // only point in a frame where results change.
    ws_->poll();
    ws_->begin_frame();
    struct EndFrame {
      engine::Workspace& ws;
      ~EndFrame() { ws.end_frame(); }
    } end_frame{*ws_};
    PanelContext ctx{*ws_};
    handle_shortcuts(ctx);
    ctx.presentation = presentation_;

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("Governance Workbench", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    const float status_h = ImGui::GetFrameHeightWithSpacing() + 2;
    if (!presentation_) {
      ImGui::BeginChild("nav", ImVec2(ImGui::GetFontSize() * 11, -status_h), true);
      draw_navigation();
      ImGui::EndChild();
      ImGui::SameLine();
    }
    // Presenting a session shows the agenda item's view only: no status bar.
    const bool session_show = presentation_ && std::string_view(panels_[current_]->id()) == "sessions";
    ImGui::BeginChild("content", ImVec2(0, session_show ? 0 : -status_h), false);
    draw_banners();
    if (presentation_ && large_font()) ImGui::PushFont(heading_font() ? heading_font() : large_font());
    panels_[current_]->draw(ctx);
    if (presentation_ && large_font()) ImGui::PopFont();
    ImGui::EndChild();
    if (ctx.request_presentation) presentation_ = true;
    if (!session_show) draw_status_bar();
    draw_open_dialog();
    ImGui::End();
  }

 private:
  void handle_shortcuts(PanelContext& ctx) {
    const ImGuiIO& io = ImGui::GetIO();
    if (key_pressed(GLFW_KEY_F11)) presentation_ = !presentation_;
    if (presentation_ && key_pressed(GLFW_KEY_ESCAPE)) presentation_ = false;
    if (!io.KeyCtrl) return;
    if (key_pressed(GLFW_KEY_O)) open_dialog_ = true;
    if (key_pressed(GLFW_KEY_R)) ws_->reload_all();
    if (key_pressed(GLFW_KEY_F)) ctx.focus_filter = true;
    if (key_pressed(GLFW_KEY_Z) && !io.WantTextInput) undo();
  }

  void undo() {
    try {
      if (auto r = data::undo_last_edit(ws_->db())) {
        status_message_ = "Undone: " + r->description;
        ws_->log(script::ConsoleMessage::Level::Info, status_message_);
        ws_->data_changed();
      } else {
        status_message_ = "Nothing to undo";
      }
    } catch (const std::exception& e) {
      status_message_ = e.what();
      ws_->log(script::ConsoleMessage::Level::Error, e.what());
    }
  }

  void draw_navigation() {
    if (heading_font()) ImGui::PushFont(heading_font());
    ImGui::TextUnformatted("Workbench");
    if (heading_font()) ImGui::PopFont();
    ImGui::Spacing();
    for (std::size_t i = 0; i < panels_.size(); ++i) {
      const int badge = panels_[i]->badge(*ws_);
      std::string label = panels_[i]->title();
      if (badge > 0) label += "  (" + std::to_string(badge) + ")";
      label += "##nav";
      if (ImGui::Selectable(label.c_str(), i == current_, 0, ImVec2(0, ImGui::GetFrameHeight()))) select(panels_[i]->id());
    }
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - ImGui::GetFrameHeightWithSpacing() * 2.2f -
                         ImGui::GetTextLineHeightWithSpacing() * 5.3f);
    ImGui::Separator();
    if (ImGui::SmallButton(settings_.dark ? "Light theme" : "Dark theme")) {
      settings_.dark = !settings_.dark;
      apply_theme(settings_.dark ? Theme::Dark : Theme::Light);
    }
    if (ImGui::SmallButton("Open database...")) open_dialog_ = true;
    for (const char* hint : {"Ctrl+O  open", "Ctrl+R  reload packs", "Ctrl+F  filter", "Ctrl+Z  undo", "F11  present"})
      ImGui::TextDisabled("%s", hint);
  }

  // A reload that failed keeps the last good version on screen; say so.
  void draw_banners() {
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

  void draw_status_bar() {
    ImGui::Separator();
    const std::size_t errors = ws_->error_count();
    ImGui::TextDisabled("%s%s", ws_->database().c_str(), ws_->read_only() ? "  (read-only)" : "");
    ImGui::SameLine();
    ImGui::TextDisabled("|  %zu packs loaded  |  last reload %s  |", ws_->packs().loaded_count(), ws_->last_reload().c_str());
    ImGui::SameLine();
    if (errors) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_colour(Rag::Red)), "%s %zu pack problem%s", rag_symbol(Rag::Red), errors, errors == 1 ? "" : "s");
    else ImGui::TextDisabled("no pack problems");
    if (const std::string doing = ws_->activity(); !doing.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("|  %s", doing.c_str());
    }
    if (!status_message_.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("|  %s", status_message_.c_str());
    }
  }

  void draw_open_dialog() {
    if (open_dialog_) {
      ImGui::OpenPopup("Open database");
      open_dialog_ = false;
      std::snprintf(open_path_.data(), open_path_.size(), "%s", ws_->database().c_str());
      open_error_.clear();
    }
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 36, 0));
    if (!ImGui::BeginPopupModal("Open database", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted("A governance database (SQLite). A new file name creates an empty one.");
    ImGui::SetNextItemWidth(-1);
    const bool enter = ImGui::InputText("##path", open_path_.data(), open_path_.size(), ImGuiInputTextFlags_EnterReturnsTrue);
    if (!settings_.recent.empty()) ImGui::TextDisabled("Recent");
    for (const auto& r : settings_.recent)
      if (ImGui::Selectable(r.c_str())) std::snprintf(open_path_.data(), open_path_.size(), "%s", r.c_str());
    if (!open_error_.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(rag_colour(Rag::Red)), "%s", open_error_.c_str());
    if (ImGui::Button("Open") || enter) {
      try {
        engine::WorkspaceOptions o = ws_->options();
        o.database = open_path_.data();
        auto next = std::make_unique<engine::Workspace>(o);
        ws_ = std::move(next);
        settings_.add_recent(ws_->database());
        status_message_ = "Opened " + ws_->database();
        ImGui::CloseCurrentPopup();
      } catch (const std::exception& e) {
        open_error_ = e.what();  // the workspace that was open stays open
      }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || key_pressed(GLFW_KEY_ESCAPE)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }

  std::unique_ptr<engine::Workspace> ws_;
  UiSettings& settings_;
  std::vector<std::unique_ptr<Panel>> panels_;
  ViewsPanel* views_ = nullptr;  // owned by panels_
  std::size_t current_ = 0;
  bool presentation_ = false;
  bool open_dialog_ = false;
  std::array<char, 1024> open_path_{};
  std::string open_error_;
  std::string status_message_;
};

}  // namespace

const std::vector<std::string>& panel_ids() {
  static const std::vector<std::string> ids = {"register", "indicators", "views", "sessions", "data", "packs", "console"};
  return ids;
}

int run_shell(const ShellOptions& options) {
  // Open the workspace first: a bad database is reported before any window appears.
  engine::WorkspaceOptions wo;
  wo.database = options.database;
  wo.pack_dirs = options.pack_dirs;
  wo.watch = options.screenshot.empty() && !options.first_frame_exit;
  auto workspace = std::make_unique<engine::Workspace>(wo);
  if (!options.scenario.empty()) workspace->set_scenario(data::require_scenario(workspace->db(), options.scenario).id);

  const auto settings_path = ui_settings_path();
  UiSettings settings = options.screenshot.empty() ? load_ui_settings(settings_path) : UiSettings{};
  settings.add_recent(options.database);
  if (!options.panel.empty()) settings.panel = options.panel;
  if (options.dark) settings.dark = true;
  const int width = options.width ? options.width : settings.width;
  const int height = options.height ? options.height : settings.height;

  GlfwSession glfw;
  if (!glfw.ok) {
    std::fprintf(stderr,
                 "govbench: cannot start the window system (no display?); run under xvfb-run or use the "
                 "command-line subcommands (govbench --help)\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  if (!options.screenshot.empty()) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
  std::unique_ptr<GLFWwindow, WindowDeleter> window(
      glfwCreateWindow(width, height, "Governance Workbench", nullptr, nullptr));
  if (!window) {
    std::fprintf(stderr, "govbench: cannot open a window with OpenGL 3.3\n");
    return 1;
  }
  glfwMakeContextCurrent(window.get());
  glfwSwapInterval(options.screenshot.empty() ? 1 : 0);
  Gl gl;
  if (!gl.load()) {
    std::fprintf(stderr, "govbench: the OpenGL driver lacks basic functions\n");
    return 1;
  }

  float xscale = 1.0f, yscale = 1.0f;
  glfwGetWindowContentScale(window.get(), &xscale, &yscale);
  ImGuiSession imgui(window.get());
  load_fonts(xscale > 0 ? xscale : 1.0f);
  apply_theme(settings.dark ? Theme::Dark : Theme::Light);

  if (!options.view.empty() && options.panel.empty()) settings.panel = "views";
  if (options.session > 0 && options.panel.empty()) settings.panel = "sessions";
  Shell shell(std::move(workspace), settings, options);
  int frames = 0;
  // Presentation mode fills the screen; leaving it puts the window back.
  bool full_screen = false;
  int windowed[4] = {0, 0, width, height};
  // GOVBENCH_FRAME_LOG=FILE: one line a frame (time since start, the frame's
  // own time, what the pack host is doing), to show that the window keeps
  // drawing whatever a pack does.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> frame_log(nullptr, &std::fclose);
  if (const char* path = std::getenv("GOVBENCH_FRAME_LOG"); path && *path) frame_log.reset(std::fopen(path, "w"));
  const auto loop_started = std::chrono::steady_clock::now();
  while (!glfwWindowShouldClose(window.get())) {

    if (options.screenshot.empty() && shell.presenting() != full_screen) {
      GLFWmonitor* monitor = glfwGetPrimaryMonitor();
      const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
      if (!full_screen && mode) {
        glfwGetWindowPos(window.get(), &windowed[0], &windowed[1]);
        glfwGetWindowSize(window.get(), &windowed[2], &windowed[3]);
        glfwSetWindowMonitor(window.get(), monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
        full_screen = true;
      } else if (full_screen) {
        glfwSetWindowMonitor(window.get(), nullptr, windowed[0], windowed[1], windowed[2], windowed[3], 0);
        full_screen = false;
      }
    }
    if (!options.screenshot.empty()) glfwPollEvents();
    else if (glfwGetWindowAttrib(window.get(), GLFW_ICONIFIED)) glfwWaitEvents();  // sleep while minimised
    else glfwWaitEventsTimeout(shell.busy() ? 0.03 : 0.25);  // wake for the pack host's answers and file saves
    const auto frame_started = std::chrono::steady_clock::now();  // the frame's own work starts (after the wait for events)
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    shell.frame(options.screenshot.empty());
    ImGui::Render();
    int w = 0, h = 0;
    glfwGetFramebufferSize(window.get(), &w, &h);
    gl.viewport(0, 0, w, h);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    gl.clear_color(bg.x, bg.y, bg.z, 1.0f);
    gl.clear(kColorBufferBit);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    // Layout settles over the first frames (fonts, auto-sized columns); an
    // export started for the picture is waited for.
    // (A picture is taken anyway after a minute: it shows what is wrong.)
    const bool waited_enough = std::chrono::steady_clock::now() - options.started > std::chrono::seconds(60);
    if (!options.screenshot.empty() && shell.busy() && !waited_enough)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    else if (!options.screenshot.empty() && ++frames == 4) {
      if (!write_png(gl, w, h, options.screenshot)) {
        std::fprintf(stderr, "govbench: screenshot: cannot write %s\n", options.screenshot.c_str());
        return 1;
      }
      std::fprintf(stderr, "wrote %s (%dx%d)\n", options.screenshot.c_str(), w, h);
      return 0;
    }
    glfwSwapBuffers(window.get());
    if (frame_log) {
      const auto now = std::chrono::steady_clock::now();
      std::fprintf(frame_log.get(), "%.1f\t%.2f\t%s\n",
                   std::chrono::duration<double, std::milli>(now - loop_started).count(),
                   std::chrono::duration<double, std::milli>(now - frame_started).count(), shell.activity().c_str());
      std::fflush(frame_log.get());
    }
    if (options.first_frame_exit) {
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - options.started).count();
      std::printf("first frame: %.1f ms after start\n", ms);
      std::fflush(stdout);
      return 0;  // the window state of a benchmark run is not the user's: not saved
    }
  }
  if (full_screen) {
    settings.width = windowed[2];
    settings.height = windowed[3];
  } else {
    glfwGetWindowSize(window.get(), &settings.width, &settings.height);
  }
  if (!save_ui_settings(settings, settings_path))
    std::fprintf(stderr, "govbench: could not save the window state to %s\n", settings_path.c_str());
  return 0;
}

}  // namespace gb::ui

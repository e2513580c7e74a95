// The workbench main loop (GLFW, OpenGL 3.3, Dear ImGui). The window chrome
// and the frame are the Shell (shell_chrome.hpp); panels draw the content
// (panel.hpp).
//
// Sections: GL and session helpers; run_shell (the loop).
#include "ui/shell.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <array>
#include <cfloat>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "engine/workspace.hpp"
#include "ui/shell_chrome.hpp"
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
  // `layout`: where ImGui keeps the tables' column widths, order and sort
  // between runs (the window's own state is ours, in workbench.ini); empty
  // for a screenshot, which draws the defaults whatever the user has done.
  ImGuiSession(GLFWwindow* w, std::string layout) : layout_(std::move(layout)) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = layout_.empty() ? nullptr : layout_.c_str();
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

 private:
  std::string layout_;
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
  std::string png;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
  };
  if (stbi_write_png_to_func(append, &png, w, h, 4, flipped.data(), static_cast<int>(stride)) == 0) {
    std::fprintf(stderr, "govbench: screenshot: cannot encode the PNG for %s\n", path.c_str());
    return false;
  }
  try {
    write_file_atomically(path, png);  // the output rule of every -o (core/atomic_file.hpp)
  } catch (const Error& e) {
    std::fprintf(stderr, "govbench: screenshot: %s\n", e.what());
    return false;
  }
  return true;
}

}  // namespace

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
  // A screenshot or a benchmark run neither reads nor writes the user's layout.
  const bool users_session = options.screenshot.empty() && !options.first_frame_exit;
  if (users_session) {
    std::error_code ec;
    std::filesystem::create_directories(settings_path.parent_path(), ec);  // for ImGui's layout.ini
  }
  ImGuiSession imgui(window.get(),
                     users_session ? (settings_path.parent_path() / "layout.ini").string() : std::string());
  const float dpi = xscale > 0 ? xscale : 1.0f;
  load_fonts(dpi * settings.zoom);
  apply_theme(settings.dark ? Theme::Dark : Theme::Light);

  if (!options.view.empty() && options.panel.empty()) settings.panel = "views";
  if (options.session > 0 && options.panel.empty()) settings.panel = "sessions";
  ShellOptions shell_options = options;
  shell_options.wake = [] { glfwPostEmptyEvent(); };  // the team link's reports wake the loop at once
  Shell shell(std::move(workspace), settings, shell_options);
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
    if (!options.screenshot.empty())
      glfwPollEvents();
    else if (glfwGetWindowAttrib(window.get(), GLFW_ICONIFIED))
      glfwWaitEvents();  // sleep while minimised
    else
      glfwWaitEventsTimeout(shell.busy() ? 0.03 : 0.25);  // wake for the pack host's answers and file saves
    const auto frame_started =
        std::chrono::steady_clock::now();  // the frame's own work starts (after the wait for events)
    if (shell.take_fonts_dirty()) {        // Ctrl +/-: the fonts again at the new size, sharp
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      load_fonts(dpi * shell.zoom());
      apply_theme(current_theme());
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // A screenshot is the window as drawn, not as hovered: wherever the
    // display's pointer happens to be, no tooltip or hover highlight.
    if (!options.screenshot.empty()) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
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
      if (!write_png(gl, w, h, options.screenshot)) return 1;
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
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - options.started).count();
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

// The workbench main loop: GLFW window, OpenGL 3.3 context, Dear ImGui.
#include "ui/shell.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include "data/migrations.hpp"
#include "ui/table_browser.hpp"

namespace gb::ui {

namespace {

// The few GL entry points the shell calls itself, looked up through GLFW
// so the shell needs no GL loader of its own.
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
    ImGui::GetIO().IniFilename = nullptr;
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

void load_fonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  const char* dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  if (std::filesystem::exists(dejavu)) io.Fonts->AddFontFromFileTTF(dejavu, 16.0f * scale);
  else io.Fonts->AddFontDefault();
}

void apply_light_theme() {
  ImGui::StyleColorsLight();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 0;
  s.FrameRounding = 3;
  s.CellPadding = ImVec2(6, 3);
}

bool write_png(const Gl& gl, int w, int h, const std::string& path) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  gl.pixel_storei(kPackAlignment, 1);
  gl.finish();
  gl.read_pixels(0, 0, w, h, kRgba, kUnsignedByte, pixels.data());
  // OpenGL's rows run bottom-up; PNG's top-down.
  std::vector<unsigned char> flipped(pixels.size());
  const std::size_t stride = static_cast<std::size_t>(w) * 4;
  for (int y = 0; y < h; ++y)
    std::copy_n(pixels.data() + static_cast<std::size_t>(h - 1 - y) * stride, stride,
                flipped.data() + static_cast<std::size_t>(y) * stride);
  return stbi_write_png(path.c_str(), w, h, 4, flipped.data(), static_cast<int>(stride)) != 0;
}

}  // namespace

int run_shell(const ShellOptions& options) {
  // Open the database first: a bad file is reported before any window appears.
  data::Db db = data::open_governance_db(options.database, data::OpenMode::ReadWrite);
  const auto version = db.user_version();

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
      glfwCreateWindow(options.width, options.height, "Governance Workbench", nullptr, nullptr));
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
  apply_light_theme();

  TableBrowser browser(db);
  if (!options.view.empty()) browser.select(options.view);
  const std::string status = options.database + "  |  schema version " + std::to_string(version);

  int frames = 0;
  while (!glfwWindowShouldClose(window.get())) {
    if (options.screenshot.empty()) glfwWaitEventsTimeout(0.25);
    else glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("Governance Workbench", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    const float status_h = ImGui::GetFrameHeightWithSpacing();
    ImGui::BeginChild("content", ImVec2(0, -status_h));
    browser.draw();
    ImGui::EndChild();
    ImGui::Separator();
    ImGui::TextDisabled("%s", status.c_str());
    ImGui::End();

    ImGui::Render();
    int w = 0, h = 0;
    glfwGetFramebufferSize(window.get(), &w, &h);
    gl.viewport(0, 0, w, h);
    gl.clear_color(0.94f, 0.94f, 0.94f, 1.0f);
    gl.clear(kColorBufferBit);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    // Layout settles over the first frames (fonts, auto-sized columns).
    if (!options.screenshot.empty() && ++frames == 4) {
      if (!write_png(gl, w, h, options.screenshot)) {
        std::fprintf(stderr, "govbench: screenshot: cannot write %s\n", options.screenshot.c_str());
        return 1;
      }
      std::fprintf(stderr, "wrote %s (%dx%d)\n", options.screenshot.c_str(), w, h);
      return 0;
    }
    glfwSwapBuffers(window.get());
  }
  return 0;
}

}  // namespace gb::ui

// What a user sees: every panel rendered under Xvfb to a PNG, checked to be
// a real picture, and the register's heat map checked to carry the bands of
// the demo register (December 2021: 1 red, 8 amber, 2 green risks, on a
// grid whose cells are red, amber and green).
#include <stb_image.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

namespace fs = std::filesystem;

namespace {

struct Image {
  int w = 0, h = 0;
  std::unique_ptr<unsigned char, void (*)(void*)> px{nullptr, stbi_image_free};
};

Image load(const fs::path& p) {
  Image img;
  int n = 0;
  img.px.reset(stbi_load(p.c_str(), &img.w, &img.h, &n, 3));
  return img;
}

// Hue (degrees) and saturation of an RGB pixel.
void hue_sat(const unsigned char* p, double& hue, double& sat) {
  const double r = p[0] / 255.0, g = p[1] / 255.0, b = p[2] / 255.0;
  const double mx = std::max({r, g, b}), mn = std::min({r, g, b}), d = mx - mn;
  sat = mx == 0 ? 0 : d / mx;
  if (d == 0) {
    hue = 0;
    return;
  }
  if (mx == r)
    hue = 60 * std::fmod((g - b) / d, 6.0);
  else if (mx == g)
    hue = 60 * ((b - r) / d + 2);
  else
    hue = 60 * ((r - g) / d + 4);
  if (hue < 0) hue += 360;
}

const fs::path kOut = fs::path(GOVBENCH_TEST_OUT);

fs::path shoot(const std::string& panel) {
  static bool made = false;
  if (!made) {
    fs::remove_all(kOut);
    fs::create_directories(kOut);
    REQUIRE(std::system(
                ("\"" GOVBENCH_BINARY "\" init-demo \"" + (kOut / "demo.db").string() + "\" >/dev/null").c_str()) == 0);
    made = true;
  }
  const fs::path png = kOut / (panel + ".png");
  const std::string cmd = "xvfb-run -a -s \"-screen 0 1600x1000x24\" \"" GOVBENCH_BINARY "\" screenshot --db \"" +
                          (kOut / "demo.db").string() + "\" --panel " + panel + " --size 1400x900 -o \"" +
                          png.string() + "\" 2>/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  return png;
}

}  // namespace

TEST_CASE("every panel renders to a PNG that is not blank", "[gui]") {
  for (const char* panel : {"register", "indicators", "views", "sessions", "data", "packs", "console"}) {
    INFO(panel);
    const Image img = load(shoot(panel));
    REQUIRE(img.px);
    CHECK(img.w == 1400);
    CHECK(img.h == 900);
    // Count pixels that differ from the most common (background) colour.
    const unsigned char* bg = img.px.get() + (static_cast<std::size_t>(img.h / 2) * img.w + img.w - 5) * 3;
    std::size_t differ = 0;
    const std::size_t n = static_cast<std::size_t>(img.w) * static_cast<std::size_t>(img.h);
    for (std::size_t i = 0; i < n; ++i) {
      const unsigned char* p = img.px.get() + i * 3;
      if (std::abs(p[0] - bg[0]) + std::abs(p[1] - bg[1]) + std::abs(p[2] - bg[2]) > 30) ++differ;
    }
    CHECK(differ > n / 50);  // text, tables and charts: well over 2% of the frame
  }
}

TEST_CASE("the register's heat map carries red, amber and green cells", "[gui]") {
  const Image img = load(shoot("register"));
  REQUIRE(img.px);
  std::size_t red = 0, amber = 0, green = 0;
  // The heat map is on the right half of the window.
  for (int y = 0; y < img.h; ++y)
    for (int x = img.w / 2; x < img.w; ++x) {
      double hue = 0, sat = 0;
      hue_sat(img.px.get() + (static_cast<std::size_t>(y) * img.w + x) * 3, hue, sat);
      if (sat < 0.15) continue;
      if (hue >= 10 && hue < 32)
        ++red;  // vermilion, blended with the background
      else if (hue >= 32 && hue < 55)
        ++amber;  // orange
      else if (hue >= 140 && hue < 190)
        ++green;  // bluish green
    }
  INFO("red " << red << ", amber " << amber << ", green " << green);
  // The 4x4 met.lxi4 grid has 3 red, 5 amber and 8 green cells of about
  // 110 x 100 pixels each at this size.
  CHECK(red > 3 * 6000);
  CHECK(amber > 5 * 6000);
  CHECK(green > 8 * 6000);
  CHECK(green > amber);
  CHECK(amber > red);
}

TEST_CASE("presentation mode shows a session's agenda item and keeps it as presented", "[gui][sessions]") {
  shoot("register");  // makes the demo database
  const std::string db = (kOut / "demo.db").string();
  const std::string gb = "\"" GOVBENCH_BINARY "\"";
  REQUIRE(std::system(
              (gb + " session new --db \"" + db + "\" --title Panel --date 2022-01-17 --attendee Chair >/dev/null 2>&1")
                  .c_str()) == 0);
  REQUIRE(std::system((gb + " session agenda add 1 audit_panel.risks --db \"" + db + "\" >/dev/null 2>&1").c_str()) ==
          0);
  REQUIRE(std::system((gb + " session agenda add 1 ags.survey --db \"" + db + "\" >/dev/null 2>&1").c_str()) == 0);
  const fs::path png = kOut / "present.png";
  REQUIRE(std::system(("xvfb-run -a -s \"-screen 0 1600x1000x24\" " + gb + " screenshot --db \"" + db +
                       "\" --session 1 --item 2 --present --size 1400x900 -o \"" + png.string() + "\" 2>/dev/null")
                          .c_str()) == 0);
  const Image img = load(png);
  REQUIRE(img.px);
  CHECK(img.w == 1400);
  // Presented: the second item's view was built and kept, the first not yet.
  const fs::path shown = kOut / "present.txt";
  REQUIRE(std::system((gb + " session show 1 --db \"" + db + "\" > \"" + shown.string() + "\"").c_str()) == 0);
  std::string text;
  {
    std::FILE* f = std::fopen(shown.c_str(), "rb");
    REQUIRE(f);
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    std::fclose(f);
  }
  CHECK(text.find("1. audit_panel.risks  [not presented]") != std::string::npos);
  CHECK(text.find("2. ags.survey  [presented") != std::string::npos);
}

TEST_CASE("--first-frame-exit prints the time to the first frame and leaves the settings alone", "[gui]") {
  shoot("register");  // makes the demo database
  const fs::path config = kOut / "config";
  fs::remove_all(config);
  const fs::path out = kOut / "first-frame.txt";
  const std::string cmd = "XDG_CONFIG_HOME=\"" + config.string() +
                          "\" xvfb-run -a -s \"-screen 0 1600x1000x24\" \"" GOVBENCH_BINARY "\" --db \"" +
                          (kOut / "demo.db").string() + "\" --first-frame-exit >\"" + out.string() + "\" 2>/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::FILE* f = std::fopen(out.c_str(), "r");
  REQUIRE(f);
  double ms = -1;
  const int got = std::fscanf(f, "first frame: %lf ms after start", &ms);
  std::fclose(f);
  CHECK(got == 1);
  CHECK(ms > 0);
  CHECK(ms < 600000);
  // A benchmark run is not the user's session: no window state is saved.
  CHECK_FALSE(fs::exists(config / "govbench" / "workbench.ini"));
  CHECK_FALSE(fs::exists(config / "govbench" / "layout.ini"));
}

TEST_CASE("the Views panel's Export dialog, open and after an export, under Xvfb", "[gui][export]") {
  shoot("register");  // makes the demo database
  const std::string db = (kOut / "demo.db").string();
  const std::string gb = "\"" GOVBENCH_BINARY "\"";
  const std::string xvfb = "xvfb-run -a -s \"-screen 0 1600x1000x24\" ";
  const fs::path modal = kOut / "export-modal.png", done = kOut / "export-done.png", pdf = kOut / "exported.pdf";
  REQUIRE(
      std::system((xvfb + gb + " screenshot --db \"" + db +
                   "\" --view audit_panel.risks --export pdf --size 1400x900 -o \"" + modal.string() + "\" 2>/dev/null")
                      .c_str()) == 0);
  CHECK(load(modal).px);
  CHECK_FALSE(fs::exists(pdf));
  REQUIRE(
      std::system((xvfb + gb + " screenshot --db \"" + db + "\" --view audit_panel.risks --export pdf --export-to \"" +
                   pdf.string() + "\" --size 1400x900 -o \"" + done.string() + "\" 2>/dev/null")
                      .c_str()) == 0);
  CHECK(load(done).px);
  // The picture is taken once the export is done: the paper is there.
  REQUIRE(fs::exists(pdf));
  std::FILE* f = std::fopen(pdf.c_str(), "rb");
  REQUIRE(f);
  char head[5] = {};
  CHECK(std::fread(head, 1, 5, f) == 5);
  std::fclose(f);
  CHECK(std::string(head, 5) == "%PDF-");
  // --export-to without --export, or --export without --view, is a usage error.
  CHECK(std::system((gb + " screenshot --db \"" + db + "\" --export-to x.pdf -o x.png 2>/dev/null").c_str()) != 0);
  CHECK(std::system((gb + " screenshot --db \"" + db + "\" --export pdf -o x.png 2>/dev/null").c_str()) != 0);
}

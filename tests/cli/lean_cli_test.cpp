// The lean command line (issue 20): the govbench executable links no
// drawing library; the commands that draw nothing load none, and the ones
// that draw load the drawing module (PDF) or the window's module on first
// use (core/module.hpp), found beside the executable or in ../lib/govbench.
// What the dynamic loader loads is read from its own report (LD_DEBUG=files;
// which object it says loaded a module is left out: under ASan, the
// sanitizer's runtime, which intercepts dlopen).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/module.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace {

fs::path binary() {
  return GOVBENCH_BINARY;
}
fs::path draw_module() {
  return binary().parent_path() / "libgovbench_draw.so";
}
fs::path gui_module() {
  return binary().parent_path() / "libgovbench_gui.so";
}

// Libraries that only drawing needs: the window's (GLFW, OpenGL, X) and the
// PDF's (cairo, pango, librsvg and what they bring), and our two modules.
const char* const kDrawingLibraries[] = {
    "libglfw", "libGL",       "libGLX",      "libEGL",        "libX11",        "libcairo",         "libpango",
    "librsvg", "libharfbuzz", "libfreetype", "libfontconfig", "libgdk_pixbuf", "libgovbench_draw", "libgovbench_gui"};

// The drawing libraries named in `text`.
std::vector<std::string> drawing_libraries_in(const std::string& text) {
  std::vector<std::string> found;
  for (const auto& lib : kDrawingLibraries)
    if (text.find(lib) != std::string::npos) found.push_back(lib);
  return found;
}

// govbench (or `binary`) with the dynamic loader reporting every file it
// loads on stderr.
gbtest::RunResult run_traced(const std::vector<std::string>& args, const fs::path& program = binary()) {
  std::vector<std::string> argv = {"env", "LD_DEBUG=files", program.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return gbtest::run_program(argv, 120);
}

// eval's JSON without its lines "evaluated_at": the clock's second may turn
// between two runs.
std::string without_evaluated_at(const std::string& json) {
  std::string out;
  std::size_t start = 0;
  while (start < json.size()) {
    std::size_t end = json.find('\n', start);
    end = end == std::string::npos ? json.size() : end + 1;
    const std::string_view line(json.data() + start, end - start);
    if (line.find("\"evaluated_at\"") == std::string_view::npos) out += line;
    start = end;
  }
  return out;
}

// The executable alone in DIR/bin, as if installed without its modules.
fs::path copy_binary_alone(const gbtest::TempDir& dir) {
  fs::create_directories(dir / "bin");
  fs::path copy = dir / "bin" / "govbench";
  fs::copy_file(binary(), copy);
  return copy;
}

}  // namespace

TEST_CASE("the govbench executable links no drawing library", "[cli][lean]") {
  const auto exe = gbtest::run_program({"ldd", binary().string()});
  REQUIRE(exe.exit_code == 0);
  INFO(exe.out);
  CHECK(drawing_libraries_in(exe.out).empty());
  CHECK_THAT(exe.out, !Catch::Contains("libpq"));  // team mode loads it (team/libpq.cpp)
  // Bundles and workbooks load these (core/lazy_library.hpp), and with them libcrypto.
  CHECK_THAT(exe.out, !Catch::Contains("libzip") && !Catch::Contains("libxlsxwriter") && !Catch::Contains("libcrypto"));
  CHECK_THAT(exe.out, !Catch::Contains("libedit"));  // the console loads it
  CHECK_THAT(exe.out, Catch::Contains("libsqlite3") && Catch::Contains("liblua5.4"));
  // The words above are the right ones: the drawing module needs them.
  const auto draw = gbtest::run_program({"ldd", draw_module().string()});
  REQUIRE(draw.exit_code == 0);
  CHECK_THAT(draw.out, Catch::Contains("libcairo") && Catch::Contains("libpangocairo") && Catch::Contains("librsvg"));
  if (fs::exists(gui_module())) {
    const auto gui = gbtest::run_program({"ldd", gui_module().string()});
    CHECK_THAT(gui.out, Catch::Contains("libglfw"));
    CHECK_THAT(gui.out, !Catch::Contains("libcairo"));  // PDF export loads the drawing module in turn
  }
}

TEST_CASE("commands that draw nothing load no drawing library and no libpq", "[cli][lean]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const auto csv = (dir / "rows.csv").string();
  gbtest::write_file(csv, "area,count\nNorth,3\nSouth,4\n");
  const std::vector<std::vector<std::string>> commands = {
      {"--version"},
      {"init-demo", (dir / "new.db").string()},
      {"import", csv, "--db", db, "--table", "rows"},
      {"eval", "--db", db},
      {"export", "--table", "rows", "--db", db, "--format", "json"},
      {"render", "audit_panel.risks", "--db", db, "--format", "html", "-o", (dir / "paper.html").string()},
  };
  for (const auto& args : commands) {
    INFO(args.front());
    const auto r = run_traced(args);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.err, Catch::Contains("file=libsqlite3"));  // the loader's report is there
    CHECK(drawing_libraries_in(r.err).empty());
    CHECK_THAT(r.err, !Catch::Contains("libpq"));
    CHECK_THAT(r.err, !Catch::Contains("libzip") && !Catch::Contains("libxlsxwriter"));
  }
}

TEST_CASE("workbooks and pack bundles load libxlsxwriter and libzip on first use", "[cli][lean][xlsx]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const auto book = (dir / "register.xlsx").string();
  const auto out = run_traced({"export", "--table", "risk_register", "--db", db, "--format", "xlsx", "-o", book});
  INFO(out.err.substr(0, 4000));
  CHECK(out.exit_code == 0);
  CHECK_THAT(out.err, Catch::Contains("file=libxlsxwriter.so.4 [0];  dynamically loaded by "));
  const auto in = run_traced({"sheets", book});
  INFO(in.err.substr(0, 4000));
  CHECK(in.exit_code == 0);
  CHECK_THAT(in.err, Catch::Contains("file=libzip.so.4 [0];  dynamically loaded by "));
  CHECK_THAT(in.out, Catch::Contains("risk_register"));
}

TEST_CASE("team mode loads libpq on first use", "[cli][lean][team]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  // Nothing listens on port 1: libpq is loaded, tries and says why.
  const auto r = run_traced({"team", "init", "--db", db, "--hub", "postgresql://127.0.0.1:1/hub?connect_timeout=5"});
  INFO(r.err.substr(0, 4000));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("file=libpq.so.5 [0];  dynamically loaded by "));
  CHECK_THAT(r.err, Catch::Contains("govbench: team init: ") && Catch::Contains("127.0.0.1"));
  CHECK(drawing_libraries_in(r.err).empty());
}

TEST_CASE("render as PDF loads the drawing module on first use and no window library", "[cli][lean][pdf]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const auto pdf = dir / "paper.pdf";
  const auto r = run_traced({"render", "audit_panel.risks", "--db", db, "--format", "pdf", "-o", pdf.string()});
  INFO(r.err.substr(0, 4000));
  REQUIRE(r.exit_code == 0);
  CHECK(gbtest::read_file(pdf).rfind("%PDF-", 0) == 0);
  CHECK_THAT(r.err, Catch::Contains("file=" + draw_module().string() + " [0];  dynamically loaded by "));
  CHECK_THAT(r.err, Catch::Contains("file=libcairo.so.2 [0];  needed by " + draw_module().string()));
  const auto found = drawing_libraries_in(r.err);
  CHECK(std::find(found.begin(), found.end(), "libglfw") == found.end());
  CHECK(std::find(found.begin(), found.end(), "libgovbench_gui") == found.end());
}

TEST_CASE("govbench without its modules runs every command that does not draw and names the missing module",
          "[cli][lean]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const fs::path alone = copy_binary_alone(dir);
  const auto eval = gbtest::run_program({alone.string(), "eval", "--db", db, "--format", "json"});
  CHECK(eval.exit_code == 0);
  CHECK(without_evaluated_at(eval.out) ==
        without_evaluated_at(gbtest::run_govbench({"eval", "--db", db, "--format", "json"}).out));

  const auto pdf = dir / "paper.pdf";
  const auto r = gbtest::run_program(
      {alone.string(), "render", "audit_panel.risks", "--db", db, "--format", "pdf", "-o", pdf.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err ==
        "govbench: render: the drawing module (PDF papers) libgovbench_draw.so is missing: it was looked for in " +
            (dir / "bin").string() + " and " + (dir / "lib" / "govbench").string() +
            " (it is built and installed with govbench)\n");
  CHECK_FALSE(fs::exists(pdf));

  if (fs::exists(gui_module())) {  // built with the window
    const auto shot =
        gbtest::run_program({alone.string(), "screenshot", "--db", db, "-o", (dir / "shot.png").string()});
    CHECK(shot.exit_code == 1);
    CHECK_THAT(shot.err, Catch::Contains("the window's module (ImGui, GLFW, OpenGL) libgovbench_gui.so is missing"));
  }
}

TEST_CASE("an installed govbench finds its modules in lib/govbench beside bin", "[cli][lean][pdf]") {
  gbtest::TempDir dir;
  const auto db = gbtest::demo_copy(dir).string();
  const fs::path exe = copy_binary_alone(dir);
  fs::create_directories(dir / "lib" / "govbench");
  fs::copy_file(draw_module(), dir / "lib" / "govbench" / "libgovbench_draw.so");
  const auto pdf = dir / "paper.pdf";
  const auto r = run_traced({"render", "audit_panel.risks", "--db", db, "--format", "pdf", "-o", pdf.string()}, exe);
  INFO(r.err.substr(0, 4000));
  REQUIRE(r.exit_code == 0);
  CHECK(gbtest::read_file(pdf).rfind("%PDF-", 0) == 0);
  CHECK_THAT(r.err, Catch::Contains("file=" + (dir / "lib" / "govbench" / "libgovbench_draw.so").string() +
                                    " [0];  dynamically loaded by "));
}

TEST_CASE("a module is looked for beside the program then in lib/govbench and a missing one is named",
          "[cli][lean][module]") {
  const fs::path self = fs::read_symlink("/proc/self/exe");
  CHECK(gb::module_dirs() ==
        std::vector<fs::path>{self.parent_path(), self.parent_path().parent_path() / "lib" / "govbench"});
  try {
    gb::module_symbol("libgovbench_nothing.so", "entry", "the test's module");
    FAIL("no error");
  } catch (const gb::Error& e) {
    CHECK(std::string(e.what()) == "the test's module libgovbench_nothing.so is missing: it was looked for in " +
                                       self.parent_path().string() + " and " +
                                       (self.parent_path().parent_path() / "lib" / "govbench").string() +
                                       " (it is built and installed with govbench)");
  }
  // There, but lacking the symbol: the loader's reason, naming the file.
  CHECK_THROWS_WITH(gb::module_symbol(draw_module().string(), "govbench_no_such_entry", "the drawing module"),
                    Catch::StartsWith("cannot use the drawing module " + draw_module().string() + ": ") &&
                        Catch::Contains("govbench_no_such_entry"));
}

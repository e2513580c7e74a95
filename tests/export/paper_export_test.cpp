// export/paper_export.hpp: what the Export dialog and `render` share that
// is not covered through them: the suggested file name and the format names.
#include "export/paper_export.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "support.hpp"

namespace fs = std::filesystem;
using gb::exporter::PaperFormat;

namespace {

// Sets an environment variable for the scope, restoring it after.
class EnvScope {
 public:
  EnvScope(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~EnvScope() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  EnvScope(const EnvScope&) = delete;
  EnvScope& operator=(const EnvScope&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("an export is suggested beside the database, or in Documents for the default workspace",
          "[export][paper_export]") {
  gbtest::TempDir dir;
  fs::create_directories(dir / "home" / "Documents");
  fs::create_directories(dir / "data" / "govbench");
  fs::create_directories(dir / "board");
  EnvScope home("HOME", (dir / "home").string());
  EnvScope data("XDG_DATA_HOME", (dir / "data").string());
  CHECK(gb::exporter::default_paper_path((dir / "board" / "gov.db").string(), "audit_panel.risks", "2026-11-25",
                                         PaperFormat::Pdf) ==
        (dir / "board" / "audit_panel.risks-2026-11-25.pdf").string());
  CHECK(gb::exporter::default_paper_path((dir / "data" / "govbench" / "demo.db").string(), "audit_panel.risks",
                                         "2026-11-25", PaperFormat::Html) ==
        (dir / "home" / "Documents" / "audit_panel.risks-2026-11-25.html").string());
  fs::remove(dir / "home" / "Documents");
  CHECK(gb::exporter::default_paper_path((dir / "data" / "govbench" / "demo.db").string(), "v", "2026-11-25",
                                         PaperFormat::Csv) == (dir / "home" / "v-2026-11-25.csv").string());
}

TEST_CASE("paper formats are named as render's --format takes them", "[export][paper_export]") {
  for (auto f : {PaperFormat::Html, PaperFormat::Pdf, PaperFormat::Csv, PaperFormat::Json})
    CHECK(gb::exporter::paper_format(gb::exporter::paper_format_name(f)) == f);
  CHECK_FALSE(gb::exporter::paper_format("docx"));
  CHECK_FALSE(gb::exporter::paper_format("HTML"));
}

// ---- The render's time budget (issue 16, finding 9) ----

namespace {
gb::Tree long_text_view() {
  std::string text;
  for (int i = 0; text.size() < 400000; ++i) text += "Paragraph " + std::to_string(i) + " of the long paper.\n\n";
  gb::Tree t = gb::Tree::object();
  t.set("type", "text");
  t.set("text", text);
  gb::Tree kids = gb::Tree::array();
  kids.push(std::move(t));
  gb::Tree v = gb::Tree::object();
  v.set("type", "view");
  v.set("id", "long.paper");
  v.set("title", "Long");
  v.set("children", std::move(kids));
  return v;
}
}  // namespace

TEST_CASE("a render past its time budget stops naming the view and the budget", "[export][paper_export][bounded]") {
  const gb::Tree view = long_text_view();
  gb::exporter::RenderOptions o;
  o.time_budget = std::chrono::milliseconds(0);  // spent at the first look at the clock
  std::vector<std::string> progress;
  o.progress = [&](const std::string& what) { progress.push_back(what); };
  for (PaperFormat f : {PaperFormat::Pdf, PaperFormat::Html}) {
    INFO(gb::exporter::paper_format_name(f));
    CHECK_THROWS_WITH(
        gb::exporter::render_paper(view, f, "out." + std::string(gb::exporter::paper_format_name(f)), o),
        Catch::StartsWith(std::string("render of view long.paper as ") + gb::exporter::paper_format_name(f) +
                          " stopped: it took longer than its 0 s time budget") &&
            Catch::Contains("nothing was written"));
  }
  REQUIRE_FALSE(progress.empty());
  CHECK_THAT(progress.front(), Catch::StartsWith("pdf, counting pages"));
  // Within its budget (the default, 60 s) it renders, and no clock is left
  // behind on the thread for the next render.
  CHECK(gb::exporter::render_paper(view, PaperFormat::Html, "out.html").at(0).bytes.size() > 400000);
}

// One catalogue of view element kinds (core/view_tree.hpp, issue 17): a new
// kind is one entry there plus one function per renderer. This test is what
// makes "plus one function per renderer" hold for the papers: an element of
// every kind in the catalogue goes through HTML, PDF and Markdown, and none
// may answer "cannot show an element of type".
#include <catch2/catch.hpp>
#include <string>

#include "core/view_tree.hpp"
#include "export/html.hpp"
#include "export/markdown.hpp"
#include "export/pdf.hpp"
#include "support.hpp"

namespace {

gb::Tree every_kind() {
  gb::Tree view = gb::Tree::object();
  view.set("type", "view");
  view.set("id", "kinds.all");
  view.set("title", "Every kind");
  gb::Tree children = gb::Tree::array();
  for (const auto& kind : gb::view_element_kinds()) {
    gb::Tree e = gb::Tree::object();
    e.set("type", kind.name);
    e.set("site", "views/kinds.lua:1");
    if (kind.children) e.set("children", gb::Tree::array());
    children.push(std::move(e));
  }
  view.set("children", std::move(children));
  return view;
}

}  // namespace

TEST_CASE("every element kind in the catalogue has a renderer on every paper", "[export][element_kinds]") {
  const gb::Tree view = every_kind();
  REQUIRE(gb::view_element_kinds().size() >= 10);
  const char* const kUnknown = "cannot show an element of type";
  CHECK_THAT(gb::exporter::render_html(view), !Catch::Contains(kUnknown));
  CHECK_THAT(gb::exporter::render_markdown(view), !Catch::Contains(kUnknown));
  gbtest::TempDir dir;
  gbtest::write_file(dir / "k.pdf", gb::exporter::render_pdf(view));
  const auto text = gbtest::run_program({"pdftotext", (dir / "k.pdf").string(), "-"});
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, !Catch::Contains(kUnknown));
  // And a kind that is not in the catalogue is said to be one, not dropped.
  gb::Tree odd = gb::Tree::object();
  odd.set("type", "view");
  gb::Tree kids = gb::Tree::array();
  gb::Tree e = gb::Tree::object();
  e.set("type", "sparkline");
  kids.push(std::move(e));
  odd.set("children", std::move(kids));
  CHECK_THAT(gb::exporter::render_html(odd), Catch::Contains(kUnknown));
  CHECK_THAT(gb::exporter::render_markdown(odd), Catch::Contains(kUnknown));
  CHECK(gb::find_view_element_kind("sparkline") == nullptr);
  CHECK(gb::find_view_element_kind("rag_summary") != nullptr);
}

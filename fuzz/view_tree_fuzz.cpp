// Fuzz target: the view-tree validator (engine/views.cpp,
// resolve_view_tree), which checks what a pack's view build returns, and
// the renderers that draw its result (HTML board paper, CSV tables, JSON).
// Input: the returned tree as JSON (see json_tree.hpp), resolved against the
// bundled packs and a demo database.
//
// Invariants: resolving never throws or crashes, whatever the tree; the
// result holds only documented element types (or "error" elements, each
// listed in the errors); rendering the result never throws or crashes.
#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include "core/error.hpp"
#include "engine/evaluator.hpp"
#include "engine/views.hpp"
#include "export/csv_tables.hpp"
#include "export/html.hpp"
#include "fuzz_support.hpp"
#include "json_tree.hpp"
#include "script/pack_set.hpp"
#include "script/script_db.hpp"

namespace {
constexpr const char* kTarget = "view_tree";

struct Fixture {
  std::unique_ptr<gb::script::ScriptDb> db;
  std::unique_ptr<gb::script::PackSet> packs;
  std::unique_ptr<gb::engine::IndicatorEvaluator> evaluator;
};

Fixture& fixture() {
  static Fixture f = [] {
    Fixture x;
    x.db = std::make_unique<gb::script::ScriptDb>(gbfuzz::demo_database());
    x.packs = std::make_unique<gb::script::PackSet>();
    x.packs->add_source(gb::script::bundled_packs_dir(), "bundled");
    x.packs->load();
    if (x.packs->loaded_count() == 0) gbfuzz::violated(kTarget, "no bundled pack loaded");
    x.evaluator = std::make_unique<gb::engine::IndicatorEvaluator>(*x.packs, *x.db);
    return x;
  }();
  return f;
}

void count_elements(const gb::Tree& node, std::size_t& errors_seen, int depth) {
  static const std::set<std::string> kTypes = {"page",    "section", "columns",     "text", "tiles", "table",
                                               "heatmap", "chart",   "rag_summary", "link", "error"};
  GBFUZZ_CHECK(kTarget, node.is_object(), "a resolved element is a " + std::string(node.type_name()));
  const gb::Tree* type = node.find("type");
  GBFUZZ_CHECK(kTarget, type && type->is_string() && kTypes.count(type->as_string()),
               "a resolved element has type " + (type ? type->to_json() : std::string("(none)")));
  if (type->as_string() == "error") ++errors_seen;
  if (const gb::Tree* kids = node.find("children"); kids && type->as_string() != "error") {
    GBFUZZ_CHECK(kTarget, kids->is_array(), "resolved children are not a list");
    GBFUZZ_CHECK(kTarget, depth < 40, "the resolved tree is deeper than the validator allows");
    for (const auto& k : kids->as_array()) count_elements(k, errors_seen, depth + 1);
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 32 * 1024) return 0;
  auto tree = gbfuzz::JsonReader(gbfuzz::as_view(data, size)).read();
  if (!tree) return 0;
  Fixture& f = fixture();
  gb::Tree errors = gb::Tree::array();
  gb::Tree resolved;
  try {
    resolved = gb::engine::resolve_view_tree(*f.packs, *f.db, *f.evaluator, *tree, "2021-12-31", "fuzz.view", errors);
  } catch (const std::exception& e) {
    gbfuzz::violated(kTarget, std::string("resolving threw: ") + e.what());
  }
  std::size_t error_elements = 0;
  count_elements(resolved, error_elements, 0);
  GBFUZZ_CHECK(kTarget, errors.is_array() && errors.size() >= error_elements,
               "an error element is not listed in the view's errors");

  // What build_view hands the renderers.
  gb::Tree view = gb::Tree::object();
  view.set("type", "view");
  view.set("id", "fuzz.view");
  view.set("title", "Fuzzed view");
  view.set("board", "Fuzz board");
  view.set("as_of", "2021-12-31");
  view.set("params", gb::Tree::object());
  gb::Tree children = gb::Tree::array();
  children.push(std::move(resolved));
  view.set("children", std::move(children));
  view.set("errors", std::move(errors));
  gb::Tree prov = gb::Tree::object();
  prov.set("database", "demo.db");
  view.set("provenance", std::move(prov));
  try {
    (void)gb::exporter::render_html(view);
    (void)gb::exporter::csv_tables(view);
    (void)view.to_json(true);
  } catch (const std::exception& e) {
    gbfuzz::violated(kTarget, std::string("rendering a resolved view threw: ") + e.what());
  }
  return 0;
}

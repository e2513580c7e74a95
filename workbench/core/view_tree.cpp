#include "core/view_tree.hpp"

namespace gb {

const std::vector<ViewElementKind>& view_element_kinds() {
  static const std::vector<ViewElementKind> kinds = {
      {"page", {"title", "subtitle", "as_at"}, true, false},
      {"section", {"title"}, true, false},
      {"columns", {"widths"}, true, false},
      {"text", {"text"}, false, true},
      {"tiles", {"items", "title"}, false, true},
      {"table", {"columns", "rows", "totals", "sort", "title"}, false, false},
      {"heatmap", {"rule", "term", "show", "title"}, false, true},
      {"chart", {"kind", "series", "target", "unit", "title", "indicator", "level"}, false, true},
      {"rag_summary", {"counts", "title"}, false, true},
      {"link", {"text", "view", "params"}, false, true},
  };
  return kinds;
}

const ViewElementKind* find_view_element_kind(std::string_view name) {
  for (const auto& k : view_element_kinds())
    if (name == k.name) return &k;
  return nullptr;
}

std::size_t view_error_count(const Tree& view) {
  const Tree* e = view.find("errors");
  return e ? e->size() : 0;
}

}  // namespace gb

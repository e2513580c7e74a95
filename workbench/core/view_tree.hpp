// What every reader of a resolved view tree agrees on, whichever layer it
// sits in: the engine builds the tree, export and the window render it, the
// CLI reports on it. Kept in core so that export needs nothing from the
// engine to read a view.
//
// The catalogue of element kinds is the one list a new kind is added to:
// the validator (engine/views.cpp) checks elements and their fields
// against it, gov.ui (script/api_gov.cpp) makes one constructor a kind,
// the stubs test checks scripts/types describes each, and the renderers
// (HTML, PDF, Markdown, the window) each give one function a kind, which
// tests/export/element_kinds_test.cpp checks for the papers.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/tree.hpp"

namespace gb {

struct ViewElementKind {
  const char* name;                 // "table": gov.ui.table, and the element's type
  std::vector<const char*> fields;  // the fields it takes besides type, site and children
  bool children = false;            // takes child elements (page, section, columns)
  bool small = false;               // short and never split: a paper keeps it with the heading before it
};
// Every kind, in the order docs/VIEWS.md lists them.
const std::vector<ViewElementKind>& view_element_kinds();
// The kind called `name`, or nullptr ("error" is not a kind a pack makes:
// the host puts error elements in place of what it could not resolve).
const ViewElementKind* find_view_element_kind(std::string_view name);

// Number of problems in a resolved tree (its "errors" list).
std::size_t view_error_count(const Tree& view);

}  // namespace gb

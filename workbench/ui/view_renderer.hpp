// Draws a resolved view tree (docs/VIEWS.md) with ImGui: the interactive
// renderer of the Views panel, with tooltips, sortable tables and links.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/tree.hpp"

namespace gb::ui {

struct LinkRequest {
  std::string view;
  std::vector<std::pair<std::string, std::string>> params;
};

class ViewRenderer {
 public:
  // Draws the tree; returns a drill-down the user clicked, if any.
  std::optional<LinkRequest> draw(const Tree& view);
  // The last draw had a table wider than the panel (its columns' minimum
  // widths did not fit), drawn in a strip that scrolls sideways.
  bool wider_than_panel() const { return wider_than_panel_; }

 private:
  void element(const Tree& node, int depth);
  void text(const Tree& node);
  void tiles(const Tree& node);
  void table(const Tree& node, int index);
  void heatmap(const Tree& node);
  void chart(const Tree& node);
  void rag_summary(const Tree& node);
  void error(const std::string& message);
  std::optional<LinkRequest> clicked_;
  int tables_ = 0;
  bool wider_than_panel_ = false;
  std::map<int, float> strip_heights_;  // by table position: last height of a wide table
  // Per-table sort order, by the table's position in the tree.
  std::map<int, std::pair<std::string, bool>> sort_;
};

}  // namespace gb::ui

// Column widths for a table that must fit a given width: one rule for the
// PDF paper and the workbench's Views panel, so a table reads the same in
// both.
#pragma once
#include <vector>

namespace gb {

// Each column has a natural width (its content on one line) and a minimum
// (its longest word, or all of a short value that should not wrap).
// - When every natural width fits, columns get it, and the spare width is
//   shared in proportion to it (the table fills the width).
// - Otherwise columns shrink from natural towards minimum in proportion to
//   how much each can give, as browsers lay out tables: long text columns
//   give most, short values keep to one line.
// - When even the minimums do not fit, they are scaled down together.
// Non-positive or non-finite inputs are treated as 1; the result always has
// one positive width per column and sums to `available` (when positive).
std::vector<double> fit_columns(std::vector<double> natural, std::vector<double> minimum, double available);

}  // namespace gb

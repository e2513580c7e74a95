// How a view's table is ordered by one column, the same way in the Views
// panel (click a header) and in a paper (the view's initial `sort`):
//   - numbers (and booleans) before text; a column formatted "rag" orders its
//     bands by severity: red, amber, green, blue (descending: red first);
//   - text in natural order, so "Q2" comes before "Q10" and "R9" before
//     "R10"; letters compare without regard to case, ties keep their order;
//   - missing, null and non-finite cells last, whichever the direction.
// The sort is stable: rows that compare equal keep the view's order.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/tree.hpp"

namespace gb {

// <0, 0, >0 like strcmp: runs of digits compare by value ("007" == "7",
// then the shorter run first), everything else byte-wise after ASCII
// case-folding. Total and consistent, so it is safe for std::sort.
int natural_compare(std::string_view a, std::string_view b);

// Sorts `rows` (object rows of a table) by the cell at `key`.
void sort_table_rows(std::vector<const Tree*>& rows, const std::string& key, const std::string& format,
                     bool descending);

}  // namespace gb

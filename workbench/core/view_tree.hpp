// What every reader of a resolved view tree agrees on, whichever layer it
// sits in: the engine builds the tree, export and the window render it, the
// CLI reports on it. Kept in core so that export needs nothing from the
// engine to read a view.
#pragma once
#include <cstddef>

#include "core/tree.hpp"

namespace gb {

// Number of problems in a resolved tree (its "errors" list).
std::size_t view_error_count(const Tree& view);

}  // namespace gb

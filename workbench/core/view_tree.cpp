#include "core/view_tree.hpp"

namespace gb {

std::size_t view_error_count(const Tree& view) {
  const Tree* e = view.find("errors");
  return e ? e->size() : 0;
}

}  // namespace gb

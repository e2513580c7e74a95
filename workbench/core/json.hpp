// Reading JSON text back into a Tree (tree.hpp writes it with to_json).
#pragma once
#include <string_view>

#include "core/tree.hpp"

namespace gb {

// Parses JSON text (RFC 8259), keeping object key order, so that
// parse_json(t.to_json()) == t. Throws gb::Error naming the byte offset of
// the first problem; nesting deeper than 256 levels, duplicate keys, lone
// surrogates and strings that are not UTF-8 are refused.
Tree parse_json(std::string_view text);

}  // namespace gb

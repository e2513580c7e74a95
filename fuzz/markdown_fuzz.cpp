// Fuzz target: the Markdown writer (export/markdown.cpp) behind `session
// export --format md`, minutes "for an email or a wiki". Input: a view tree
// as JSON (see json_tree.hpp), given to render_markdown as it is: any shape,
// any strings.
//
// Invariants: never throws; whatever the strings hold, the Markdown has no
// raw HTML (no '<' at all: the writer's own text has none and every '<'
// from the tree is an entity), no link or image ("](" never appears, nor an
// unescaped '[' or '!['), no "javascript:" link scheme; each pipe table's
// rows have as many cells as its header (a '|' or a line break in a cell
// cannot add a column or end the table).
#include <cctype>
#include <cstdint>
#include <string>

#include "export/markdown.hpp"
#include "fuzz_support.hpp"
#include "json_tree.hpp"

namespace {
constexpr const char* kTarget = "markdown";

// Pipes not escaped by a backslash (a backslash escaped by one does not).
std::size_t unescaped_pipes(const std::string& line) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
      continue;
    }
    if (line[i] == '|') ++n;
  }
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 32 * 1024) return 0;
  auto tree = gbfuzz::JsonReader(gbfuzz::as_view(data, size)).read();
  if (!tree) return 0;
  std::string md;
  try {
    md = gb::exporter::render_markdown(*tree);
  } catch (const std::exception& e) {
    gbfuzz::violated(kTarget, std::string("render_markdown threw: ") + e.what());
  }
  GBFUZZ_CHECK(kTarget, md.find('<') == std::string::npos, "a raw '<' (an HTML tag) in the Markdown");
  GBFUZZ_CHECK(kTarget, md.find("](") == std::string::npos, "a link or image \"](\" in the Markdown");
  std::string lower = md;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  GBFUZZ_CHECK(kTarget, lower.find("javascript:") == std::string::npos, "a javascript: scheme in the Markdown");
  std::size_t header_pipes = 0;
  bool in_table = false;
  std::size_t from = 0;
  while (from < md.size()) {
    std::size_t nl = md.find('\n', from);
    if (nl == std::string::npos) nl = md.size();
    const std::string line = md.substr(from, nl - from);
    from = nl + 1;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\') {
        ++i;
        continue;
      }
      GBFUZZ_CHECK(kTarget, line[i] != '[', "an unescaped '[' (a link's start): " + line);
    }
    if (!line.empty() && line.front() == '|') {
      const std::size_t pipes = unescaped_pipes(line);
      if (!in_table) header_pipes = pipes;
      GBFUZZ_CHECK(kTarget, pipes == header_pipes, "a table row with a different number of cells: " + line);
      in_table = true;
    } else {
      in_table = false;
    }
  }
  return 0;
}

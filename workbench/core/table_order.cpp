#include "core/table_order.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/rag.hpp"

namespace gb {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
char fold(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// 0 number, 1 text, 2 missing
struct Key {
  int cls = 2;
  double num = 0;
  const std::string* text = nullptr;
};

// Severity rank for sorting: red 3, amber 2, green 1, blue 0.
double rag_rank(Rag r) {
  switch (r) {
    case Rag::Red:
      return 3;
    case Rag::Amber:
      return 2;
    case Rag::Green:
      return 1;
    case Rag::Blue:
      return 0;
    case Rag::None:
      break;
  }
  return -1;
}

Key key_of(const Tree* v, const std::string& format) {
  if (!v) return {};
  if (v->is_number()) return std::isfinite(v->as_number()) ? Key{0, v->as_number(), nullptr} : Key{};
  if (v->is_bool()) return {0, v->as_bool() ? 1.0 : 0.0, nullptr};
  if (v->is_string()) {
    if (format == "rag" && v->as_string().size() <= 5) {
      std::string band = v->as_string();  // "Red" and "RED" are red too, as papers draw them
      for (char& c : band) c = fold(c);
      if (auto r = parse_rag(band); r && *r != Rag::None) return {0, rag_rank(*r), nullptr};
    }
    return {1, 0, &v->as_string()};
  }
  return {};
}

}  // namespace

int natural_compare(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      std::size_t i0 = i, j0 = j;
      while (i0 < a.size() && a[i0] == '0') ++i0;  // leading zeros do not count
      while (j0 < b.size() && b[j0] == '0') ++j0;
      std::size_t i1 = i0, j1 = j0;
      while (i1 < a.size() && is_digit(a[i1])) ++i1;
      while (j1 < b.size() && is_digit(b[j1])) ++j1;
      if (i1 - i0 != j1 - j0) return i1 - i0 < j1 - j0 ? -1 : 1;  // more digits, larger
      for (std::size_t k = 0; k < i1 - i0; ++k)
        if (a[i0 + k] != b[j0 + k]) return a[i0 + k] < b[j0 + k] ? -1 : 1;
      // Same value: the run with fewer leading zeros first, so the order is total.
      if (i1 - i != j1 - j) return i1 - i < j1 - j ? -1 : 1;
      i = i1;
      j = j1;
      continue;
    }
    const char x = fold(a[i]), y = fold(b[j]);
    if (x != y) return static_cast<unsigned char>(x) < static_cast<unsigned char>(y) ? -1 : 1;
    ++i;
    ++j;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  // Equal ignoring case: fall back to bytes so that "a" and "A" still differ.
  return a.compare(b) < 0 ? -1 : (a.compare(b) > 0 ? 1 : 0);
}

void sort_table_rows(std::vector<const Tree*>& rows, const std::string& key, const std::string& format,
                     bool descending) {
  std::vector<std::pair<Key, const Tree*>> keyed;
  keyed.reserve(rows.size());
  for (const Tree* row : rows) keyed.emplace_back(key_of(row ? row->find(key) : nullptr, format), row);
  std::stable_sort(keyed.begin(), keyed.end(), [descending](const auto& a, const auto& b) {
    const Key &x = a.first, &y = b.first;
    if (x.cls != y.cls) return x.cls < y.cls;  // missing last in both directions
    if (x.cls == 0) return descending ? x.num > y.num : x.num < y.num;
    if (x.cls == 1) {
      const int c = natural_compare(*x.text, *y.text);
      return descending ? c > 0 : c < 0;
    }
    return false;
  });
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = keyed[i].second;
}

}  // namespace gb

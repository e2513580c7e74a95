#include "core/tree.hpp"

#include <cmath>

#include "core/text.hpp"

namespace gb {

const Tree* Tree::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const auto& [k, v] : as_object())
    if (k == key) return &v;
  return nullptr;
}

Tree& Tree::set(std::string key, Tree value) {
  auto& o = as_object();
  for (auto& [k, v] : o)
    if (k == key) return v = std::move(value);
  o.emplace_back(std::move(key), std::move(value));
  return o.back().second;
}

Tree& Tree::push(Tree value) {
  auto& a = as_array();
  a.push_back(std::move(value));
  return a.back();
}

std::size_t Tree::size() const {
  if (is_array()) return as_array().size();
  if (is_object()) return as_object().size();
  return 0;
}

const char* Tree::type_name() const {
  switch (v_.index()) {
    case 0:
      return "null";
    case 1:
      return "boolean";
    case 2:
      return "number";
    case 3:
      return "string";
    case 4:
      return "array";
    default:
      return "object";
  }
}

namespace {
void write(const Tree& t, std::string& out, bool pretty, int depth) {
  auto newline = [&](int d) {
    if (!pretty) return;
    out.push_back('\n');
    out.append(static_cast<std::size_t>(d) * 2, ' ');
  };
  if (t.is_null())
    out += "null";
  else if (t.is_bool())
    out += t.as_bool() ? "true" : "false";
  else if (t.is_number()) {
    const double d = t.as_number();
    if (!std::isfinite(d))
      out += "null";
    else if (d == std::floor(d) && std::fabs(d) < 1e15)
      out += std::to_string(static_cast<long long>(d));
    else
      out += format_double(d);
  } else if (t.is_string())
    append_json_string(out, t.as_string());
  else if (t.is_array()) {
    out.push_back('[');
    bool first = true;
    for (const auto& v : t.as_array()) {
      if (!first) out.push_back(',');
      first = false;
      newline(depth + 1);
      write(v, out, pretty, depth + 1);
    }
    if (!first) newline(depth);
    out.push_back(']');
  } else {
    out.push_back('{');
    bool first = true;
    for (const auto& [k, v] : t.as_object()) {
      if (!first) out.push_back(',');
      first = false;
      newline(depth + 1);
      append_json_string(out, k);
      out += pretty ? ": " : ":";
      write(v, out, pretty, depth + 1);
    }
    if (!first) newline(depth);
    out.push_back('}');
  }
}
}  // namespace

std::string Tree::to_json(bool pretty) const {
  std::string out;
  write(*this, out, pretty, 0);
  return out;
}

}  // namespace gb

#include "engine/result_shape.hpp"

#include <algorithm>
#include <cmath>

namespace gb::engine {

namespace {

bool digits(const std::string& s, std::size_t from, std::size_t n) {
  if (s.size() < from + n) return false;
  for (std::size_t i = from; i < from + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool number_of(const Tree& t, double& out) {
  if (!t.is_number() || !std::isfinite(t.as_number())) return false;
  out = t.as_number();
  return true;
}

// A series: { period = value } or { { period = ..., value = ... }, ... }.
bool read_series(const Tree& t, std::vector<SeriesPoint>& out, std::string& why, const std::string& where) {
  out.clear();
  if (t.is_object()) {
    for (const auto& [k, v] : t.as_object()) {
      if (v.is_null()) continue;  // a period without data
      double d;
      if (!number_of(v, d)) {
        why = where + " period '" + k + "' is a " + v.type_name() + ", not a number";
        return false;
      }
      out.push_back({k, d});
    }
  } else if (t.is_array()) {
    for (const auto& item : t.as_array()) {
      const Tree* p = item.find("period");
      const Tree* v = item.find("value");
      if (!p || !p->is_string() || !v) {
        why = where + " items must be { period = \"2021-Q1\", value = 1.5 }";
        return false;
      }
      if (v->is_null()) continue;
      double d;
      if (!number_of(*v, d)) {
        why = where + " period '" + p->as_string() + "' is a " + v->type_name() + ", not a number";
        return false;
      }
      out.push_back({p->as_string(), d});
    }
  } else {
    why = where + " must be a table of period = value";
    return false;
  }
  std::sort(out.begin(), out.end(), [](const SeriesPoint& a, const SeriesPoint& b) { return a.period < b.period; });
  for (std::size_t i = 1; i < out.size(); ++i)
    if (out[i].period == out[i - 1].period) {
      why = where + " has period '" + out[i].period + "' twice";
      return false;
    }
  return true;
}

bool read_breakdown(const Tree& t, std::vector<BreakdownItem>& out, std::string& why) {
  out.clear();
  if (!t.is_object()) {
    why = "breakdown must be a table of group = value";
    return false;
  }
  for (const auto& [group, v] : t.as_object()) {
    BreakdownItem item;
    item.group = group;
    double d;
    if (v.is_null()) {
      // the group has no data
    } else if (number_of(v, d)) {
      item.value = d;
    } else if (v.is_object() || v.is_array()) {
      if (!read_series(v, item.series, why, "breakdown group '" + group + "'")) return false;
    } else {
      why = "breakdown group '" + group + "' is a " + std::string(v.type_name()) + ", not a number";
      return false;
    }
    out.push_back(std::move(item));
  }
  return true;
}

bool all_period_keys(const Tree& t) {
  if (!t.is_object() || t.size() == 0) return false;
  for (const auto& [k, v] : t.as_object())
    if (!is_period_label(k) || !(v.is_number() || v.is_null())) return false;
  return true;
}

}  // namespace

bool is_period_label(const std::string& s) {
  if (!digits(s, 0, 4)) return false;
  if (s.size() == 4) return true;
  if (s.size() == 7 && s[4] == '-' && s[5] == 'Q' && s[6] >= '1' && s[6] <= '4') return true;  // 2021-Q1
  if (s.size() == 7 && s[4] == '-' && digits(s, 5, 2)) return true;                            // 2021-03
  if (s.size() == 10 && s[4] == '-' && digits(s, 5, 2) && s[7] == '-' && digits(s, 8, 2)) return true;
  if (s.size() >= 7 && s[4] == '/' && digits(s, 5, 2)) {  // 2021/22, 2021/22-Q3
    if (s.size() == 7) return true;
    return s.size() == 10 && s[7] == '-' && s[8] == 'Q' && s[9] >= '1' && s[9] <= '4';
  }
  return false;
}

bool read_result_shape(const Tree& r, IndicatorResult& out, std::string& why) {
  out.kind = IndicatorResult::Kind::None;
  out.value.reset();
  out.series.clear();
  out.breakdown.clear();
  double d;
  if (r.is_null()) return true;
  if (r.is_number()) {
    if (!number_of(r, d)) {
      why = "compute returned a number that is not finite (a division by zero?)";
      return false;
    }
    out.kind = IndicatorResult::Kind::Number;
    out.value = d;
    return true;
  }
  if (!r.is_object() && !r.is_array()) {
    why = std::string("compute returned a ") + r.type_name() +
          "; return a number, nil (no data), a series or a breakdown (see docs/INDICATORS.md)";
    return false;
  }
  const bool explicit_form = r.find("value") || r.find("series") || r.find("breakdown") || r.find("explain");
  if (explicit_form) {
    for (const auto& [k, v] : r.as_object()) {
      if (k != "value" && k != "series" && k != "breakdown" && k != "explain" && k != "note") {
        why = "compute returned an unknown field '" + k + "' (known: value, series, breakdown, explain, note)";
        return false;
      }
    }
    if (r.find("series") && r.find("breakdown")) {
      why = "compute returned both a series and a breakdown; return one (a breakdown may hold a series per group)";
      return false;
    }
    if (const Tree* e = r.find("explain")) {
      if (!e->is_string()) {
        why = "field 'explain' must be a string";
        return false;
      }
      out.explanation = e->as_string();
    }
    if (const Tree* n = r.find("note"); n && n->is_string()) out.note = n->as_string();
    if (const Tree* s = r.find("series")) {
      if (!read_series(*s, out.series, why, "series")) return false;
      out.kind = IndicatorResult::Kind::Series;
      if (!out.series.empty()) out.value = out.series.back().value;
    } else if (const Tree* b = r.find("breakdown")) {
      if (!read_breakdown(*b, out.breakdown, why)) return false;
      out.kind = IndicatorResult::Kind::Breakdown;
    }
    if (const Tree* v = r.find("value"); v && !v->is_null()) {
      if (!number_of(*v, d)) {
        why = std::string("field 'value' must be a number, not a ") + v->type_name();
        return false;
      }
      out.value = d;
      if (out.kind == IndicatorResult::Kind::None) out.kind = IndicatorResult::Kind::Number;
    }
    return true;
  }
  if (r.is_array()) {
    if (r.size() == 0) return true;  // an empty list: no data
    if (!read_series(r, out.series, why, "series")) {
      why = "compute returned a list; return a number, a series or a breakdown (see docs/INDICATORS.md)";
      return false;
    }
    out.kind = IndicatorResult::Kind::Series;
    if (!out.series.empty()) out.value = out.series.back().value;
    return true;
  }
  if (all_period_keys(r)) {
    if (!read_series(r, out.series, why, "series")) return false;
    out.kind = IndicatorResult::Kind::Series;
    if (!out.series.empty()) out.value = out.series.back().value;
    return true;
  }
  if (!read_breakdown(r, out.breakdown, why)) return false;
  out.kind = IndicatorResult::Kind::Breakdown;
  return true;
}

}  // namespace gb::engine

#include "engine/result_shape.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

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

// The interval fields of `t` (lower, upper, n) into `out`; `where` names
// the table in messages.
bool read_uncertainty(const Tree& t, Uncertainty& out, std::string& why, const std::string& where) {
  for (const char* key : {"lower", "upper", "n"}) {
    const Tree* f = t.find(key);
    if (!f || f->is_null()) continue;
    double d;
    if (!number_of(*f, d)) {
      why = where + "field '" + key + "' must be a number, not a " + f->type_name();
      return false;
    }
    (key[0] == 'l' ? out.lower : key[0] == 'u' ? out.upper : out.n) = d;
  }
  if (out.lower.has_value() != out.upper.has_value()) {
    why = where + "give both 'lower' and 'upper' (an interval has two ends)";
    return false;
  }
  if (out.has_interval() && *out.lower > *out.upper) {
    why = where + "'lower' (" + std::to_string(*out.lower) + ") is above 'upper' (" + std::to_string(*out.upper) + ")";
    return false;
  }
  if (out.n && *out.n < 0) {
    why = where + "'n' must not be negative";
    return false;
  }
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
      out.push_back({k, d, {}});
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
      SeriesPoint point{p->as_string(), d, {}};
      if (!read_uncertainty(item, point.ci, why, where + " period '" + p->as_string() + "': ")) return false;
      out.push_back(std::move(point));
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
  out.reserve(t.as_object().size());
  for (const auto& [group, v] : t.as_object()) {
    BreakdownItem item;
    item.group = group;
    double d;
    if (v.is_null()) {
      // the group has no data
    } else if (number_of(v, d)) {
      item.value = d;
    } else if (v.is_object() && v.find("value")) {
      // { value = 12.3, lower = 10.1, upper = 14.6, n = 250 }
      const Tree& val = *v.find("value");
      for (const auto& [k, unused] : v.as_object())
        if (k != "value" && k != "lower" && k != "upper" && k != "n") {
          why = "breakdown group '" + group + "' has an unknown field '" + k + "' (known: value, lower, upper, n)";
          return false;
        }
      if (!val.is_null()) {
        if (!number_of(val, d)) {
          why = "breakdown group '" + group + "': field 'value' must be a number, not a " + val.type_name();
          return false;
        }
        item.value = d;
      }
      if (!read_uncertainty(v, item.ci, why, "breakdown group '" + group + "': ")) return false;
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

// spc = true or { target = n, baseline = k, recalculate = { "2022-Q1", ... } }:
// the XmR chart of the series, with the indicator's polarity.
bool read_spc(const Tree& t, IndicatorResult& out, std::string& why) {
  if (out.kind != IndicatorResult::Kind::Series || out.series.size() < 2) {
    why = "field 'spc' needs a series of at least two periods to chart";
    return false;
  }
  spc::XmrOptions options;
  options.polarity = out.polarity;
  if (t.is_object()) {
    for (const auto& [k, v] : t.as_object()) {
      if (k == "target") {
        if (!v.is_number()) {
          why = "spc.target must be a number";
          return false;
        }
        options.target = v.as_number();
      } else if (k == "baseline") {
        if (!v.is_number() || v.as_number() < 2 || v.as_number() != std::floor(v.as_number())) {
          why = "spc.baseline must be a whole number of periods, at least 2";
          return false;
        }
        options.baseline = static_cast<std::size_t>(v.as_number());
      } else if (k == "recalculate") {
        if (!v.is_array()) {
          why = "spc.recalculate must be a list of periods, such as { \"2022-Q1\" }";
          return false;
        }
        for (const auto& p : v.as_array()) {
          const auto it = std::find_if(out.series.begin(), out.series.end(), [&](const SeriesPoint& s) {
            return p.is_string() && s.period == p.as_string();
          });
          if (it == out.series.end()) {
            why = "spc.recalculate: " + (p.is_string() ? "no period '" + p.as_string() + "' in the series"
                                                       : std::string("items must be period names"));
            return false;
          }
          options.recalculate.push_back(static_cast<std::size_t>(it - out.series.begin()));
        }
      } else {
        why = "spc has an unknown field '" + k + "' (known: target, baseline, recalculate)";
        return false;
      }
    }
  } else if (!t.is_bool()) {
    why = "field 'spc' must be true or a table { target = ..., baseline = ..., recalculate = { ... } }";
    return false;
  }
  std::vector<double> values;
  for (const auto& p : out.series) values.push_back(p.value);
  try {
    out.spc = spc::xmr(values, options);
  } catch (const std::invalid_argument& e) {
    why = std::string("spc: ") + e.what();
    return false;
  }
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
  out.ci = {};
  out.level = 0.95;
  out.n_label.clear();
  out.spc.reset();
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
  static const char* const kFields[] = {"value", "series", "breakdown", "explain", "note", "lower",
                                        "upper", "n",      "n_label",   "level",   "spc"};
  const bool explicit_form = r.find("value") || r.find("series") || r.find("breakdown") || r.find("explain");
  if (explicit_form) {
    for (const auto& entry : r.as_object()) {
      const std::string& k = entry.first;
      if (std::find_if(std::begin(kFields), std::end(kFields), [&](const char* f) { return k == f; }) ==
          std::end(kFields)) {
        why = "compute returned an unknown field '" + k +
              "' (known: value, series, breakdown, explain, note, lower, upper, n, n_label, level, spc)";
        return false;
      }
    }
    if (!read_uncertainty(r, out.ci, why, "")) return false;
    if (const Tree* l = r.find("level"); l && !l->is_null()) {
      if (!l->is_number() || !(l->as_number() > 0 && l->as_number() < 1)) {
        why = "field 'level' must be the intervals' confidence between 0 and 1, such as 0.95";
        return false;
      }
      out.level = l->as_number();
    }
    if (const Tree* nl = r.find("n_label"); nl && nl->is_string()) out.n_label = nl->as_string();
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
    if (const Tree* spc = r.find("spc"); spc && !spc->is_null() && !(spc->is_bool() && !spc->as_bool()))
      return read_spc(*spc, out, why);
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

#include "core/indicator_result.hpp"

#include <cmath>

#include "core/stats.hpp"

namespace gb {

Tree spc_tree(const spc::Xmr& x) {
  Tree t = Tree::object();
  if (!x.segments.empty()) {
    t.set("mean", x.segments.back().mean);
    t.set("lcl", x.segments.back().lcl);
    t.set("ucl", x.segments.back().ucl);
  }
  t.set("variation", spc::variation_name(x.variation));
  t.set("variation_words", spc::variation_words(x.variation));
  if (x.assurance != spc::Assurance::None) {
    t.set("assurance", spc::assurance_name(x.assurance));
    t.set("assurance_words", spc::assurance_words(x.assurance));
  }
  if (x.target) t.set("target", *x.target);
  Tree segs = Tree::array();
  for (const auto& s : x.segments) {
    Tree seg = Tree::object();
    seg.set("from", static_cast<double>(s.from + 1));
    seg.set("to", static_cast<double>(s.to + 1));
    seg.set("mean", s.mean);
    seg.set("moving_range", s.moving_range);
    seg.set("lcl", s.lcl);
    seg.set("ucl", s.ucl);
    segs.push(std::move(seg));
  }
  t.set("segments", std::move(segs));
  Tree special = Tree::array();
  for (std::size_t i = 0; i < x.points.size(); ++i) {
    const auto& p = x.points[i];
    if (!p.special()) continue;
    Tree pt = Tree::object();
    pt.set("point", static_cast<double>(i + 1));
    Tree rules = Tree::array();
    if (p.beyond) rules.push(Tree("beyond"));
    if (p.shift) rules.push(Tree("shift"));
    if (p.trend) rules.push(Tree("trend"));
    if (p.near) rules.push(Tree("near"));
    pt.set("rules", std::move(rules));
    pt.set("direction", spc::direction_name(p.direction));
    special.push(std::move(pt));
  }
  t.set("special", std::move(special));
  return t;
}

const char* status_name(IndicatorResult::Status s) {
  switch (s) {
    case IndicatorResult::Status::Ok:
      return "ok";
    case IndicatorResult::Status::NoData:
      return "no_data";
    case IndicatorResult::Status::Error:
      return "error";
  }
  return "error";
}

const char* kind_name(IndicatorResult::Kind k) {
  switch (k) {
    case IndicatorResult::Kind::None:
      return "none";
    case IndicatorResult::Kind::Number:
      return "number";
    case IndicatorResult::Kind::Series:
      return "series";
    case IndicatorResult::Kind::Breakdown:
      return "breakdown";
  }
  return "none";
}

std::optional<double> IndicatorResult::previous() const {
  if (kind != Kind::Series || series.size() < 2) return std::nullopt;
  return series[series.size() - 2].value;
}

std::optional<bool> IndicatorResult::change_is_significant() const {
  if (kind != Kind::Series || series.size() < 2) return std::nullopt;
  if (spc && spc->points.size() == series.size()) return spc->points.back().special();
  const SeriesPoint& a = series[series.size() - 2];
  const SeriesPoint& b = series.back();
  if (!a.ci.has_interval() || !b.ci.has_interval()) return std::nullopt;
  // Each interval's half-width as z x se at its level; the difference's
  // se from both, and the 95% test of no change.
  const double z = stats::normal_quantile(0.5 + level / 2);
  const double se_a = (*a.ci.upper - *a.ci.lower) / (2 * z);
  const double se_b = (*b.ci.upper - *b.ci.lower) / (2 * z);
  const double se = std::sqrt(se_a * se_a + se_b * se_b);
  if (!(se > 0)) return b.value != a.value;
  return std::fabs(b.value - a.value) > 1.959963984540054 * se;
}

std::string IndicatorResult::interval_words() const {
  std::string out;
  if (value && ci.has_interval()) out = format_interval(*value, *ci.lower, *ci.upper, unit, level);
  if (ci.n) {
    const std::string count = n_label.empty() ? "n = " + format_number(*ci.n, 0)
                                              : format_count(static_cast<long long>(std::llround(*ci.n)), n_label);
    out += (out.empty() ? "" : ", ") + count;
  }
  return out;
}

std::string IndicatorResult::spc_words() const {
  if (!spc || spc->segments.empty()) return {};
  const spc::XmrSegment& seg = spc->segments.back();
  std::string out = std::string(spc::variation_words(spc->variation)) + " (mean " + format_number(seg.mean, 1) +
                    ", limits " + format_number(seg.lcl, 1) + " to " + format_number(seg.ucl, 1) + ")";
  if (spc->assurance != spc::Assurance::None && spc->target)
    out += "; " + std::string(spc::assurance_words(spc->assurance)) + " (" + format_value(*spc->target, unit, 1) + ")";
  return out;
}

Tree IndicatorResult::to_tree() const {
  Tree t = Tree::object();
  t.set("id", id);
  t.set("title", title);
  t.set("unit", unit);
  t.set("status", status_name(status));
  t.set("kind", kind_name(kind));
  t.set("value", value ? Tree(*value) : Tree());
  t.set("rag", rag == Rag::None ? Tree() : Tree(rag_name(rag)));
  t.set("polarity", polarity_name(polarity));
  if (kind == Kind::Series) {
    Tree s = Tree::object();
    for (const auto& p : series) s.set(p.period, p.value);
    t.set("series", std::move(s));
  }
  if (kind == Kind::Breakdown) {
    Tree b = Tree::object();
    Tree rags = Tree::object();
    for (const auto& item : breakdown) {
      if (!item.series.empty()) {
        Tree s = Tree::object();
        for (const auto& p : item.series) s.set(p.period, p.value);
        b.set(item.group, std::move(s));
      } else {
        b.set(item.group, item.value ? Tree(*item.value) : Tree());
      }
      if (item.rag != Rag::None) rags.set(item.group, rag_name(item.rag));
    }
    t.set("breakdown", std::move(b));
    if (rags.size()) t.set("breakdown_rag", std::move(rags));
  }
  if (ci.lower) t.set("lower", *ci.lower);
  if (ci.upper) t.set("upper", *ci.upper);
  if (ci.n) t.set("n", *ci.n);
  if (!n_label.empty()) t.set("n_label", n_label);
  // Intervals of series points and breakdown groups, by period or group.
  Tree intervals = Tree::object();
  auto add_interval = [&](const std::string& key, const Uncertainty& u) {
    if (!u.has_interval() && !u.n) return;
    Tree i = Tree::object();
    if (u.lower) i.set("lower", *u.lower);
    if (u.upper) i.set("upper", *u.upper);
    if (u.n) i.set("n", *u.n);
    intervals.set(key, std::move(i));
  };
  for (const auto& p : series) add_interval(p.period, p.ci);
  for (const auto& item : breakdown) add_interval(item.group, item.ci);
  if (intervals.size() || ci.has_interval()) t.set("level", level);
  if (intervals.size()) t.set("intervals", std::move(intervals));
  if (spc) t.set("spc", spc_tree(*spc));
  if (auto sig = change_is_significant()) t.set("change_significant", *sig);
  if (!explanation.empty()) t.set("explain", explanation);
  if (!note.empty()) t.set("note", note);
  if (!error.empty()) t.set("error", error);
  if (!warning.empty()) t.set("warning", warning);
  Tree p = Tree::object();
  p.set("pack", provenance.pack);
  p.set("pack_version", provenance.pack_version);
  p.set("file", provenance.file);
  p.set("line", provenance.line);
  p.set("definition_hash", provenance.definition_hash);
  p.set("data_version", provenance.data_version);
  p.set("as_of", provenance.as_of);
  p.set("evaluated_at", provenance.evaluated_at);
  t.set("provenance", std::move(p));
  return t;
}

}  // namespace gb

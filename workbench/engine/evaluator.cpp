#include "engine/evaluator.hpp"

#include <algorithm>
#include <ctime>

#include "core/dates.hpp"
#include "core/format.hpp"
#include "engine/result_shape.hpp"
#include "script/invoke.hpp"
#include "script/source_scan.hpp"

namespace gb::engine {

using script::DefinitionRef;
using script::IndicatorDef;

namespace {

std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// A value with its unit, as every output prints it (core/format.hpp).
std::string with_unit(double v, const std::string& unit) {
  return format_value(v, unit);
}

std::string threshold_text(const Thresholds& t, Polarity p) {
  const char* op = p == Polarity::HigherIsBetter ? ">=" : "<=";
  return std::string("green ") + op + " " + format_number(t.green) + ", amber " + op + " " + format_number(t.amber);
}

// The interval, SPC and noise-aware band in words, each on a line of its
// own under the pack's working, unless the working already says it.
void append_uncertainty(IndicatorResult& r, const std::optional<Thresholds>& th) {
  auto add = [&](const std::string& line) {
    if (line.empty() || r.explanation.find(line) != std::string::npos) return;
    r.explanation += (r.explanation.empty() ? "" : "\n") + line;
  };
  add(r.interval_words());
  add(r.spc_words());
  if (th && th->mode == RagMode::Significant && r.value && r.rag != Rag::None) {
    const Rag plain = rag_from_thresholds(*r.value, *th, r.polarity);
    if (plain != r.rag)
      add(std::string("RAG ") + rag_name(r.rag) + ", not " + rag_name(plain) +
          (r.rag == Rag::Red ? ": SPC shows special cause concerning"
                             : ": the value is beyond the amber line but within noise (its interval or SPC limits "
                               "reach back over it)"));
  }
}

}  // namespace

std::string default_explanation(const IndicatorResult& r, const std::optional<Thresholds>& th) {
  using K = IndicatorResult::Kind;
  if (r.status == IndicatorResult::Status::Error) return r.error;
  if (r.status == IndicatorResult::Status::NoData) return "no data";
  std::string out;
  if (r.kind == K::Series && !r.series.empty()) {
    const auto& last = r.series.back();
    out = "latest " + last.period + ": " + with_unit(last.value, r.unit);
    if (r.series.size() >= 2) {
      const auto& prev = r.series[r.series.size() - 2];
      const double change = last.value - prev.value;
      out += " (" + prev.period + ": " + with_unit(prev.value, r.unit) + ", change " + (change >= 0 ? "+" : "") +
             format_number(change) + ")";
    }
  } else if (r.kind == K::Breakdown && !r.breakdown.empty()) {
    const BreakdownItem* hi = nullptr;
    const BreakdownItem* lo = nullptr;
    int counts[5] = {0, 0, 0, 0, 0};
    for (const auto& item : r.breakdown) {
      counts[static_cast<int>(item.rag)]++;
      if (!item.value) continue;
      if (!hi || *item.value > *hi->value) hi = &item;
      if (!lo || *item.value < *lo->value) lo = &item;
    }
    out = format_count(static_cast<long long>(r.breakdown.size()), "groups");
    if (hi && lo && hi != lo)
      out += "; highest " + hi->group + " " + with_unit(*hi->value, r.unit) + ", lowest " + lo->group + " " +
             with_unit(*lo->value, r.unit);
    if (r.value) out += "; overall " + with_unit(*r.value, r.unit);
    if (counts[static_cast<int>(Rag::Red)] + counts[static_cast<int>(Rag::Amber)] +
            counts[static_cast<int>(Rag::Green)] >
        0)
      out += "; " + std::to_string(counts[static_cast<int>(Rag::Red)]) + " red, " +
             std::to_string(counts[static_cast<int>(Rag::Amber)]) + " amber, " +
             std::to_string(counts[static_cast<int>(Rag::Green)]) + " green";
  } else if (r.value) {
    out = with_unit(*r.value, r.unit);
  }
  if (th && r.rag != Rag::None && r.value)
    out += " -> " + std::string(rag_name(r.rag)) + " (" + threshold_text(*th, r.polarity) + ")";
  else if (r.rag != Rag::None && r.kind == K::Breakdown)
    out += " -> " + std::string(rag_name(r.rag)) + " (the worst group)";
  else if (r.rag != Rag::None)
    out += " -> " + std::string(rag_name(r.rag));
  return out;
}

IndicatorEvaluator::IndicatorEvaluator(const script::PackSet& packs, script::ScriptDb& db) : packs_(packs), db_(db) {}

void IndicatorEvaluator::refresh_cache_validity() {
  std::uint64_t h = 1469598103934665603ULL;
  for (const auto& e : packs_.entries()) {
    h ^= e.active ? e.active->content_hash() : 0;
    h *= 1099511628211ULL;
  }
  // Host queries: not under the budget of the last pack call.
  db_.set_deadline(std::chrono::steady_clock::time_point::max());
  data::Statement st = db_.db().prepare("PRAGMA data_version");
  st.step();
  const std::int64_t dv = st.column_int(0);
  // A scenario overlay changes what the connection reads without changing
  // the file (engine/scenario.hpp), so it keys the cache too.
  const std::uint64_t overlay = db_.overlay_generation();
  if (h != cache_packs_hash_ || overlay != cache_overlay_ || cache_data_version_ < 0) {
    last_dropped_ = cache_.size();
    last_change_unknown_ = true;
    cache_.clear();
    changes_.mark(db_.db());
  } else if (dv != cache_data_version_) {
    const auto changed = changes_.since_last(db_.db());
    last_change_unknown_ = !changed;
    last_dropped_ = 0;
    for (auto it = cache_.begin(); it != cache_.end();) {
      if (!changed || it->second.reads.affected_by(*changed)) {
        it = cache_.erase(it);
        ++last_dropped_;
      } else {
        ++it;
      }
    }
  }
  cache_packs_hash_ = h;
  cache_data_version_ = dv;
  cache_overlay_ = overlay;
}

const script::ReadSet* IndicatorEvaluator::reads_of(const std::string& id, const std::string& as_of) const {
  auto it = cache_.find(id + '\x1f' + as_of);
  return it == cache_.end() ? nullptr : &it->second.reads;
}

void IndicatorEvaluator::depends_on(const script::ReadSet& reads) {
  if (!reading_.empty()) reading_.back()->merge(reads);
}

std::function<bool(const std::string&, Tree&, std::string&)> IndicatorEvaluator::dependency_resolver(
    EvalOptions options) {
  return [this, options = std::move(options)](const std::string& other, Tree& out, std::string& error) {
    IndicatorResult dep = evaluate(other, options);
    if (dep.status == IndicatorResult::Status::Error) {
      // A chain that hit the depth limit fails at every level: say why once,
      // not wrapped in every level's location.
      error = chain_error_.empty() ? dep.error : chain_error_;
      return false;
    }
    out = dep.to_tree();
    return true;
  };
}

std::vector<IndicatorResult> IndicatorEvaluator::evaluate_all(const EvalOptions& options) {
  std::vector<IndicatorResult> out;
  for (const auto& ref : packs_.indicators()) out.push_back(evaluate(ref.def->id, options));
  return out;
}

IndicatorResult IndicatorEvaluator::evaluate(const std::string& id, const EvalOptions& options) {
  const std::string as_of = options.as_of.empty() ? today_utc() : options.as_of;
  if (stack_.empty()) {
    refresh_cache_validity();
    chain_error_.clear();
  }
  std::string key = id + '\x1f' + as_of;
  for (const auto& [k, v] : options.params) key += '\x1f' + k + '=' + v;
  if (auto it = cache_.find(key); it != cache_.end()) {
    ++hits_;
    depends_on(it->second.reads);
    return it->second.result;
  }
  // An answer that is not computed (blocked, unknown, a cycle, too deep)
  // is not cached either; an indicator that asked for it recomputes at any
  // change.
  script::ReadSet unknown;
  unknown.unknown = true;
  IndicatorResult r;
  r.id = id;
  auto ref = packs_.find_indicator(id);
  if (auto b = blocked_.find(id); b != blocked_.end()) {
    r.status = IndicatorResult::Status::Error;
    r.error = b->second;
    r.explanation = r.error;
    if (ref) {
      r.title = ref->def->title;
      r.unit = ref->def->unit;
      r.polarity = ref->def->polarity;
      r.provenance.pack = ref->pack->name();
      r.provenance.file = ref->def->site.file;
      r.provenance.line = ref->def->site.line;
      r.provenance.as_of = as_of;
    }
    depends_on(unknown);
    return r;
  }
  if (!ref) {
    r.status = IndicatorResult::Status::Error;
    r.error = "no indicator '" + id + "' (is its pack loaded? see 'govbench pack list')";
    depends_on(unknown);
    return r;
  }
  if (!is_real_date(as_of)) {
    r.status = IndicatorResult::Status::Error;
    r.error = "the as-of date '" + as_of + "' is not a real date written YYYY-MM-DD, like 2021-12-31";
    depends_on(unknown);
    return r;
  }
  if (auto pos = std::find(stack_.begin(), stack_.end(), id); pos != stack_.end()) {
    std::string cycle;
    for (auto it = pos; it != stack_.end(); ++it) cycle += *it + " -> ";
    r.status = IndicatorResult::Status::Error;
    r.error = "dependency cycle: " + cycle + id;
    depends_on(unknown);
    return r;
  }
  if (stack_.size() >= kMaxIndicatorDepth) {
    // A chain this deep is a mistake (or an attack): say where it starts.
    std::string chain;
    for (std::size_t i = 0; i < 4 && i < stack_.size(); ++i) chain += stack_[i] + " -> ";
    r.status = IndicatorResult::Status::Error;
    r.error = "ctx.indicator calls are nested more than " + std::to_string(kMaxIndicatorDepth) + " deep: " + chain +
              "... -> " + stack_.back() + " -> " + id;
    chain_error_ = r.error;
    depends_on(unknown);
    return r;
  }
  stack_.push_back(id);
  script::ReadSet reads;
  reading_.push_back(&reads);
  r = compute(*ref, as_of, options);
  reading_.pop_back();
  stack_.pop_back();
  // A failure may come from a table not there yet, or from anything else.
  if (r.status == IndicatorResult::Status::Error) reads.unknown = true;
  for (const auto& t : reads.tables)
    if (unaudited_table(t)) reads.unknown = true;
  depends_on(reads);
  cache_[key] = Cached{r, std::move(reads)};
  return r;
}

IndicatorResult IndicatorEvaluator::compute(const DefinitionRef<IndicatorDef>& ref, const std::string& as_of,
                                            const EvalOptions& options) {
  ++evaluations_;
  const IndicatorDef& def = *ref.def;
  IndicatorResult r;
  r.id = def.id;
  r.title = def.title;
  r.unit = def.unit;
  r.polarity = def.polarity;
  r.provenance.pack = ref.pack->name();
  r.provenance.pack_version = ref.pack->manifest().version.to_string();
  r.provenance.file = def.site.file;
  r.provenance.line = def.site.line;
  r.provenance.definition_hash = hex64(ref.pack->content_hash());
  r.provenance.data_version = cache_data_version_;
  r.provenance.as_of = as_of;
  r.provenance.evaluated_at = now_utc();

  script::EvalContext ctx;
  ctx.db = &db_;
  ctx.as_of = as_of;
  ctx.params = options.params;
  EvalOptions dependency_options = options;
  dependency_options.as_of = as_of;
  ctx.indicator = dependency_resolver(std::move(dependency_options));
  // The pack's state is shared by its indicators: a shared_ptr keeps it
  // alive through a reload that happens meanwhile.
  std::shared_ptr<script::Pack> pack = ref.pack;
  // What compute reads (and, through ctx.indicator, what the indicators it
  // uses read: depends_on) is what this result depends on.
  script::ScriptDb::ReadScope reading(db_, *reading_.back());
  script::Invocation inv = script::invoke(*pack, def.compute_ref, &ctx, {});
  if (inv.error) {
    r.status = IndicatorResult::Status::Error;
    r.error = inv.error->to_string();
    r.traceback = inv.error->traceback;
    r.explanation = r.error;
    return r;
  }
  // Which `return` gave what compute returned: asked only when that was
  // wrong, by calling compute once more with the return probe on (compute
  // only reads, so the second call sees what the first saw).
  auto return_line = [&] {
    script::EvalContext again;
    again.db = &db_;
    again.as_of = as_of;
    again.params = options.params;
    EvalOptions again_options = options;
    again_options.as_of = as_of;
    again.indicator = dependency_resolver(std::move(again_options));
    const script::Invocation probe = script::invoke(*pack, def.compute_ref, &again, {}, true);
    return probe.error ? 0 : probe.return_line;
  };
  if (inv.nresults == 0) {
    r.warning = missing_return_warning(ref, return_line);
    r.status = IndicatorResult::Status::NoData;
    r.explanation = r.warning.empty() ? "no data" : "no data (" + r.warning + ")";
    return r;
  }
  std::string why;
  if (!read_result_shape(inv.value, r, why)) {
    const int line = return_line();
    const script::FunctionSite site = script::function_site(*pack, def.compute_ref);
    r.status = IndicatorResult::Status::Error;
    if (line > 0 && !site.file.empty())
      r.error = "pack " + pack->name() + ": " + site.file + ":" + std::to_string(line) + ": " + def.id + ": " + why +
                " (the `return` on line " + std::to_string(line) + ")";
    else
      r.error = "pack " + pack->name() + ": " + def.site.file + ":" + std::to_string(def.site.line) + ": " + def.id +
                ": " + why;
    r.explanation = r.error;
    return r;
  }
  const bool has_data = r.value.has_value() || !r.series.empty() ||
                        std::any_of(r.breakdown.begin(), r.breakdown.end(),
                                    [](const BreakdownItem& b) { return b.value || !b.series.empty(); });
  r.status = has_data ? IndicatorResult::Status::Ok : IndicatorResult::Status::NoData;
  if (r.status == IndicatorResult::Status::Ok) rate(ref, r);
  if (r.status == IndicatorResult::Status::Ok && r.explanation.empty() && def.explain_ref) {
    script::Invocation e = script::invoke(*pack, def.explain_ref, nullptr, {inv.value});
    if (e.error)
      r.explanation = "(explain failed: " + e.error->to_string() + ")";
    else if (e.value.is_string())
      r.explanation = e.value.as_string();
  }
  if (r.explanation.empty()) r.explanation = default_explanation(r, def.thresholds);
  if (r.status == IndicatorResult::Status::Ok) append_uncertainty(r, def.thresholds);
  return r;
}

std::string IndicatorEvaluator::missing_return_warning(const DefinitionRef<IndicatorDef>& ref,
                                                       const std::function<int()>& return_line) {
  const script::FunctionSite site = script::function_site(*ref.pack, ref.def->compute_ref);
  if (site.file.empty()) return {};
  // Named at the compute function's own line.
  const std::string where = "pack " + ref.pack->name() + ": " + site.file + ":" + std::to_string(site.line_defined) +
                            ": " + ref.def->id + ": ";
  std::optional<script::FunctionReturns> returns;
  if (auto it = ref.pack->files().find(site.file); it != ref.pack->files().end() && it->second)
    returns = script::function_returns(*it->second, site.line_defined);
  if (returns && returns->with_values.empty())
    return where +
           "compute returned nothing — is a `return` missing? It has no `return` that gives a value, so it returns "
           "nothing on every path";
  // It can return values: a bare `return` is how it says "no data", but
  // running off its end is more likely a path that forgot to return.
  const int line = return_line();
  const bool bare = returns && std::find(returns->bare.begin(), returns->bare.end(), line) != returns->bare.end();
  if (line > 0 && line == site.last_line && !bare)
    return where + "compute returned nothing — is a `return` missing? It ran off its end (line " +
           std::to_string(line) + ") without returning";
  return {};
}

std::optional<Rag> IndicatorEvaluator::call_rag(const DefinitionRef<IndicatorDef>& ref, double value,
                                                std::string& error) {
  script::Invocation inv = script::invoke(*ref.pack, ref.def->rag_ref, nullptr, {Tree(value)});
  if (inv.error) {
    error = inv.error->to_string();
    return std::nullopt;
  }
  if (inv.value.is_null()) return Rag::None;
  if (inv.value.is_string())
    if (auto band = parse_rag(inv.value.as_string())) return band;
  error = "pack " + ref.pack->name() + ": " + ref.def->site.file + ":" + std::to_string(ref.def->site.line) + ": " +
          ref.def->id + ": rag returned " +
          (inv.value.is_string() ? "'" + inv.value.as_string() + "'" : inv.value.type_name()) +
          "; it must return 'red', 'amber', 'green', 'blue' or nil";
  return std::nullopt;
}

void IndicatorEvaluator::rate(const DefinitionRef<IndicatorDef>& ref, IndicatorResult& r) {
  const IndicatorDef& def = *ref.def;
  // The headline's SPC verdict, for the noise-aware mode.
  std::optional<bool> concerning;
  if (r.spc) concerning = r.spc->variation == spc::Variation::Concerning;
  auto band_with = [&](double v, const Uncertainty& ci, std::optional<bool> spc,
                       std::string& error) -> std::optional<Rag> {
    if (def.rag_ref) return call_rag(ref, v, error);
    if (def.thresholds) return rag_with_noise(v, ci.lower, ci.upper, spc, *def.thresholds, def.polarity);
    return Rag::None;
  };
  std::string error;
  if (r.kind == IndicatorResult::Kind::Breakdown) {
    Rag worst = Rag::None;
    for (auto& item : r.breakdown) {
      std::optional<double> v = item.value;
      Uncertainty ci = item.ci;
      if (!v && !item.series.empty()) {
        v = item.series.back().value;
        ci = item.series.back().ci;
      }
      if (!v) continue;
      auto band = band_with(*v, ci, std::nullopt, error);
      if (!band) break;
      item.rag = *band;
      worst = worse(worst, *band);
    }
    if (error.empty()) {
      if (r.value) {
        auto band = band_with(*r.value, r.ci, std::nullopt, error);
        if (band) r.rag = *band;
      } else {
        r.rag = worst;
      }
    }
  } else if (r.value) {
    Uncertainty ci = r.ci;
    if (!ci.has_interval() && r.kind == IndicatorResult::Kind::Series && !r.series.empty()) ci = r.series.back().ci;
    auto band = band_with(*r.value, ci, concerning, error);
    if (band) r.rag = *band;
  }
  if (!error.empty()) {
    r.status = IndicatorResult::Status::Error;
    r.rag = Rag::None;
    r.error = error;
  }
}

}  // namespace gb::engine

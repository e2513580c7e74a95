#include "engine/views.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/dates.hpp"
#include "core/format.hpp"
#include "data/settings.hpp"
#include "engine/register_model.hpp"
#include "engine/scoring.hpp"
#include "script/invoke.hpp"

namespace gb::engine {

namespace {

// `working`'s lines but those in `shown`, joined again by newlines.
std::string working_without(const std::string& working, const std::vector<std::string>& shown) {
  std::string out;
  std::size_t start = 0;
  while (start <= working.size()) {
    std::size_t end = working.find('\n', start);
    if (end == std::string::npos) end = working.size();
    const std::string line = working.substr(start, end - start);
    if (!line.empty() && std::find(shown.begin(), shown.end(), line) == shown.end())
      out += (out.empty() ? "" : "\n") + line;
    start = end + 1;
  }
  return out;
}

constexpr int kMaxDepth = 32;
constexpr std::size_t kMaxElements = 100000;

class Resolver {
 public:
  Resolver(const script::PackSet& packs, script::ScriptDb& db, IndicatorEvaluator& ev, const std::string& as_of,
           const std::string& view_id)
      : packs_(packs), db_(db), ev_(ev), as_of_(as_of), view_id_(view_id) {}

  Tree resolve(const Tree& node, int depth) {
    if (++elements_ > kMaxElements) return problem("the view has more than 100,000 elements", "");
    if (depth > kMaxDepth) return problem("the view is nested more than 32 levels deep", "");
    if (!node.is_object())
      return problem(std::string("an element is a ") + node.type_name() + ", not a gov.ui element", "");
    const std::string site = string_field(node, "site");
    const Tree* type = node.find("type");
    if (!type || !type->is_string()) return problem("an element has no type (make elements with gov.ui.*)", site);
    const std::string t = type->as_string();
    const ViewElementKind* spec = find_view_element_kind(t);  // the catalogue (core/view_tree.hpp)
    if (!spec) return problem("unknown element type '" + t + "'", site);
    for (const auto& field : node.as_object()) {
      // (Not a structured binding: clang 14, which builds the fuzzers, cannot capture one.)
      const std::string& k = field.first;
      if (k == "type" || k == "site" || k == "children") continue;
      if (std::none_of(spec->fields.begin(), spec->fields.end(), [&](const char* f) { return k == f; }))
        return problem("gov.ui." + t + ": unknown field '" + k + "'", site);
    }
    const Tree* children = node.find("children");
    if (!spec->children && children && children->size() > 0)
      return problem("gov.ui." + t + " takes no child elements (give its data in named fields)", site);

    Tree out = Tree::object();
    out.set("type", t);
    out.set("site", site);
    for (const auto& [k, v] : node.as_object())
      if (k != "type" && k != "site" && k != "children") out.set(k, v);
    std::string why;
    if (t == "page") {
      // The date the page's figures are as at: the latest data on or before the
      // view's date, which a paper states apart from the date it was produced.
      if (const Tree* at = node.find("as_at")) {
        if (!at->is_string() || !is_real_date(at->as_string()))
          return problem("gov.ui.page: as_at must be a date written YYYY-MM-DD (the date the figures are as at)", site);
        if (at->as_string() > as_of_)
          return problem("gov.ui.page: as_at " + at->as_string() + " is after the view's date " + as_of_ +
                             " (figures cannot be as at a later date than the view is drawn)",
                         site);
        if (figures_as_at.empty() || at->as_string() > figures_as_at) figures_as_at = at->as_string();
      }
    }
    if (t == "text") {
      if (!node.find("text") || !node.find("text")->is_string()) return problem("gov.ui.text needs text", site);
    } else if (t == "table") {
      if (!check_table(out, why)) return problem("gov.ui.table: " + why, site);
    } else if (t == "chart") {
      if (!check_chart(out, why)) return problem("gov.ui.chart: " + why, site);
    } else if (t == "heatmap") {
      if (!resolve_heatmap(out, why)) return problem("gov.ui.heatmap: " + why, site);
    } else if (t == "tiles") {
      if (!resolve_tiles(out, why)) return problem("gov.ui.tiles: " + why, site);
    } else if (t == "link") {
      const std::string target = string_field(out, "view");
      if (target.empty() || !packs_.find_view(target)) return problem("gov.ui.link: no view '" + target + "'", site);
    } else if (t == "rag_summary") {
      const Tree* counts = out.find("counts");
      if (!counts || !counts->is_object()) return problem("gov.ui.rag_summary needs counts = { red = n, ... }", site);
    }
    if (spec->children) {
      Tree kids = Tree::array();
      if (children && children->is_array())
        for (const auto& c : children->as_array()) kids.push(resolve(c, depth + 1));
      out.set("children", std::move(kids));
    }
    return out;
  }

  Tree errors = Tree::array();
  std::string figures_as_at;  // the latest page as_at, if any page gave one

 private:
  static std::string string_field(const Tree& t, const char* k) {
    const Tree* v = t.find(k);
    return v && v->is_string() ? v->as_string() : std::string();
  }

  Tree problem(const std::string& message, const std::string& site) {
    Tree e = Tree::object();
    e.set("type", "error");
    e.set("message", "view " + view_id_ + ": " + message + (site.empty() ? "" : " (" + site + ")"));
    e.set("site", site);
    Tree listed = Tree::object();
    listed.set("message", e.find("message")->as_string());
    listed.set("site", site);
    errors.push(std::move(listed));
    return e;
  }

  bool check_table(Tree& t, std::string& why) {
    const Tree* cols = t.find("columns");
    const Tree* rows = t.find("rows");
    if (!cols || !cols->is_array() || cols->size() == 0)
      return why = "columns must be a list of { key, label, format }", false;
    static const std::set<std::string> formats = {"text", "number", "integer", "percent", "date", "rag"};
    for (const auto& c : cols->as_array()) {
      const Tree* key = c.find("key");
      if (!key || !key->is_string()) return why = "every column needs a key", false;
      if (const Tree* f = c.find("format"); f && (!f->is_string() || !formats.count(f->as_string())))
        return why = "column '" + key->as_string() + "': format must be text, number, integer, percent, date or rag",
               false;
    }
    if (rows && !rows->is_array()) return why = "rows must be a list of tables", false;
    if (!rows)
      t.set("rows", Tree::array());
    else
      for (const auto& r : rows->as_array())
        if (!r.is_object() && !(r.is_array() && r.size() == 0))
          return why = "rows must be a list of tables keyed by column", false;
    return true;
  }

  // kind = "spc", indicator = "id": the indicator's XmR chart (its result
  // must carry one: `spc = ...` in compute), resolved here so the window
  // and the papers draw the same points, limits and marks.
  bool resolve_spc_chart(Tree& t, std::string& why) {
    const std::string id = string_field(t, "indicator");
    if (id.empty()) return why = "kind spc needs indicator = \"id\" (an indicator whose compute returns spc)", false;
    const IndicatorResult r = ev_.evaluate(id, {as_of_, {}});
    if (r.status == IndicatorResult::Status::Error) return why = "indicator " + id + ": " + r.error, false;
    if (!t.find("title")) t.set("title", r.title);
    if (!t.find("unit")) t.set("unit", r.unit);
    Tree points = Tree::array();
    if (r.spc && r.spc->points.size() == r.series.size()) {
      for (std::size_t i = 0; i < r.series.size(); ++i) {
        const spc::XmrPoint& p = r.spc->points[i];
        Tree pt = Tree::object();
        pt.set("label", r.series[i].period);
        pt.set("value", p.value);
        pt.set("mean", p.mean);
        pt.set("lcl", p.lcl);
        pt.set("ucl", p.ucl);
        if (p.special()) {
          const bool high = p.direction == spc::Direction::High;
          const char* mark = r.polarity == Polarity::Neutral                      ? (high ? "high" : "low")
                             : (high == (r.polarity == Polarity::HigherIsBetter)) ? "improving"
                                                                                  : "concerning";
          pt.set("special", mark);
        }
        points.push(std::move(pt));
      }
      if (r.spc->target && !t.find("target")) t.set("target", *r.spc->target);
      t.set("variation_words", spc::variation_words(r.spc->variation));
      if (r.spc->assurance != spc::Assurance::None) t.set("assurance_words", spc::assurance_words(r.spc->assurance));
    } else if (r.status == IndicatorResult::Status::Ok) {
      return why = "indicator " + id + " has no SPC chart (its compute must return a series with spc = ...)", false;
    }
    Tree series = Tree::array();
    Tree one = Tree::object();
    one.set("name", r.title);
    one.set("points", std::move(points));
    series.push(std::move(one));
    t.set("series", std::move(series));
    return true;
  }

  bool check_chart(Tree& t, std::string& why) {
    const std::string kind = string_field(t, "kind");
    if (kind == "spc" && t.find("indicator") && !resolve_spc_chart(t, why)) return false;
    if (kind != "line" && kind != "bar" && kind != "stacked_bar" && kind != "spc")
      return why = "kind must be line, bar, stacked_bar or spc", false;
    if (const Tree* level = t.find("level");
        level && !(level->is_number() && level->as_number() > 0 && level->as_number() < 1))
      return why = "level must be the intervals' confidence between 0 and 1, such as 0.95", false;
    const Tree* series = t.find("series");
    if (!series || !series->is_array()) return why = "series must be a list of { name, points }", false;
    for (const auto& s : series->as_array()) {
      const Tree* pts = s.find("points");
      if (!pts || !(pts->is_array())) return why = "each series needs points = { { label, value }, ... }", false;
    }
    return true;
  }

  bool resolve_heatmap(Tree& t, std::string& why) {
    std::string rule = string_field(t, "rule");
    if (rule.empty()) rule = data::get_setting(db_.db(), data::kSettingScoringRule).value_or(kDefaultRule);
    if (!packs_.find_rule(rule)) return why = "no scoring rule '" + rule + "'", false;
    const std::string term = string_field(t, "term");
    if (!term.empty() && term != "short" && term != "long") return why = "term must be short or long", false;
    std::string show = string_field(t, "show");
    if (show.empty()) show = "both";
    if (show != "both" && show != "current" && show != "target")
      return why = "show must be both, current or target", false;
    const ScoredRegister reg = score_register(packs_, db_, rule, as_of_);
    const HeatGrid grid = heat_grid(packs_, reg);
    if (!grid.error.empty()) return why = grid.error, false;
    auto labels = [](const std::vector<std::string>& v) {
      Tree a = Tree::array();
      for (const auto& s : v) a.push(s);
      return a;
    };
    Tree bands = Tree::array(), current = Tree::array(), target = Tree::array();
    for (std::size_t l = 0; l < grid.likelihood.size(); ++l) {
      Tree brow = Tree::array(), crow = Tree::array(), trow = Tree::array();
      for (std::size_t i = 0; i < grid.impact.size(); ++i) {
        brow.push(grid.bands[l][i] == Rag::None ? Tree() : Tree(rag_name(grid.bands[l][i])));
        Tree c = Tree::array(), g = Tree::array();
        for (const auto& r : reg.risks) {
          if (!term.empty() && r.term != term) continue;
          if (show != "target" && grid.likelihood_index(r.current.likelihood) == static_cast<int>(l) &&
              grid.impact_index(r.current.impact) == static_cast<int>(i))
            c.push(r.ref);
          if (show != "current" && grid.likelihood_index(r.target.likelihood) == static_cast<int>(l) &&
              grid.impact_index(r.target.impact) == static_cast<int>(i))
            g.push(r.ref);
        }
        crow.push(std::move(c));
        trow.push(std::move(g));
      }
      bands.push(std::move(brow));
      current.push(std::move(crow));
      target.push(std::move(trow));
    }
    t.set("rule", rule);
    t.set("rule_title", reg.rule_title);
    t.set("likelihood", labels(grid.likelihood));
    t.set("impact", labels(grid.impact));
    t.set("bands", std::move(bands));
    t.set("current", std::move(current));
    t.set("target", std::move(target));
    t.set("show", show);
    return true;
  }

  bool resolve_tiles(Tree& t, std::string& why) {
    const Tree* items = t.find("items");
    if (!items || !items->is_array()) return why = "items must be a list of tiles", false;
    Tree out = Tree::array();
    for (const auto& item : items->as_array()) {
      if (!item.is_object()) return why = "each tile must be a table", false;
      const Tree* id = item.find("indicator");
      if (!id) {
        out.push(item);
        continue;
      }
      if (!id->is_string()) return why = "indicator must be an indicator id", false;
      const IndicatorResult r = ev_.evaluate(id->as_string(), {as_of_, {}});
      Tree tile = Tree::object();
      tile.set("indicator", id->as_string());
      tile.set("label", r.title.empty() ? id->as_string() : r.title);
      tile.set("unit", r.unit);
      // A breakdown without a headline reads as its size ("12 groups"), not
      // as missing data; its band and note still apply.
      if (r.value)
        tile.set("value", *r.value);
      else if (r.kind == IndicatorResult::Kind::Breakdown && !r.breakdown.empty())
        tile.set("value", format_count(static_cast<long long>(r.breakdown.size()), "groups"));
      else
        tile.set("value", Tree());
      tile.set("status", status_name(r.status));
      if (r.rag != Rag::None) tile.set("rag", rag_name(r.rag));
      if (auto prev = r.previous(); prev && r.value) tile.set("change", *r.value - *prev);
      // Uncertainty (issue 22): the interval and n in words, whether the
      // change is beyond noise, and the SPC and assurance verdicts.
      if (r.ci.has_interval()) {
        tile.set("lower", *r.ci.lower);
        tile.set("upper", *r.ci.upper);
      }
      if (r.ci.n) tile.set("n", *r.ci.n);
      if (const std::string words = r.interval_words(); !words.empty()) tile.set("interval", words);
      if (auto sig = r.change_is_significant()) tile.set("change_significant", *sig);
      if (r.spc) {
        tile.set("spc", spc::variation_name(r.spc->variation));
        tile.set("spc_words", spc::variation_words(r.spc->variation));
        if (r.spc->assurance != spc::Assurance::None) {
          tile.set("assurance", spc::assurance_name(r.spc->assurance));
          tile.set("assurance_words", spc::assurance_words(r.spc->assurance));
        }
      }
      if (r.status == IndicatorResult::Status::Error) {
        tile.set("error", r.error);
        Tree listed = Tree::object();
        listed.set("message", "view " + view_id_ + ": tile " + id->as_string() + ": " + r.error);
        listed.set("site", string_field(t, "site"));
        errors.push(std::move(listed));
      }
      // The working, less the lines the tile shows already (its interval and
      // verdicts, which append_uncertainty put at the working's end).
      if (std::string note = working_without(r.explanation, tile_uncertainty_lines(tile)); !note.empty())
        tile.set("note", std::move(note));
      out.push(std::move(tile));
    }
    t.set("items", std::move(out));
    return true;
  }

  const script::PackSet& packs_;
  script::ScriptDb& db_;
  IndicatorEvaluator& ev_;
  std::string as_of_;
  std::string view_id_;
  std::size_t elements_ = 0;
};

// The parameters the build receives: each declared default, overridden by
// the request, checked against its declaration.
std::vector<std::pair<std::string, std::string>> effective_params(const script::ViewDef& def, const ViewRequest& req) {
  std::vector<std::pair<std::string, std::string>> out;
  // A parameter with no default is absent (nil in Lua) until it is given.
  for (const auto& p : def.params)
    if (!p.default_value.empty()) out.emplace_back(p.name, p.default_value);
  for (const auto& param : req.params) {
    const std::string& k = param.first;  // not a structured binding: clang 14 cannot capture one
    const std::string& v = param.second;
    auto spec =
        std::find_if(def.params.begin(), def.params.end(), [&](const script::ParamSpec& p) { return p.name == k; });
    if (spec == def.params.end()) {
      std::string known;
      for (const auto& p : def.params) known += (known.empty() ? "" : ", ") + p.name;
      throw Error("view " + def.id + " has no parameter '" + k + "'" +
                  (known.empty() ? "" : " (it has: " + known + ")"));
    }
    if (spec->kind == "choice" && std::find(spec->options.begin(), spec->options.end(), v) == spec->options.end())
      throw Error("view " + def.id + ": parameter " + k + " must be one of its options (got '" + v + "')");
    if (spec->kind == "toggle" && v != "true" && v != "false")
      throw Error("view " + def.id + ": parameter " + k + " must be true or false (got '" + v + "')");
    if (spec->kind == "number") {
      char* end = nullptr;
      const double d = std::strtod(v.c_str(), &end);
      if (v.empty() || *end || d < spec->min || d > spec->max)
        throw Error("view " + def.id + ": parameter " + k + " must be a number from " + std::to_string(spec->min) +
                    " to " + std::to_string(spec->max) + " (got '" + v + "')");
    }
    bool set = false;
    for (auto& [name, value] : out)
      if (name == k) value = v, set = true;
    if (!set) out.emplace_back(k, v);
  }
  return out;
}

}  // namespace

Tree resolve_view_tree(const script::PackSet& packs, script::ScriptDb& db, IndicatorEvaluator& evaluator,
                       const Tree& tree, const std::string& as_of, const std::string& view_id, Tree& errors,
                       std::string* figures_as_at) {
  Resolver resolver(packs, db, evaluator, as_of, view_id);
  Tree out = resolver.resolve(tree, 0);
  for (auto& e : resolver.errors.as_array()) errors.push(std::move(e));
  if (figures_as_at) *figures_as_at = resolver.figures_as_at;
  return out;
}

Tree build_view(const script::PackSet& packs, script::ScriptDb& db, IndicatorEvaluator& evaluator,
                const ViewRequest& request, const std::string& database_label) {
  auto ref = packs.find_view(request.id);
  if (!ref) {
    std::string known;
    for (const auto& v : packs.views()) known += (known.empty() ? "" : ", ") + v.def->id;
    throw Error("no view '" + request.id + "'" +
                (known.empty() ? " (no loaded pack defines a view)" : " (known: " + known + ")"));
  }
  const auto params = effective_params(*ref->def, request);
  const std::string as_of = request.as_of.empty() ? today_utc() : request.as_of;

  Tree view = Tree::object();
  view.set("type", "view");
  view.set("id", ref->def->id);
  view.set("title", ref->def->title);
  view.set("board", ref->def->board);
  view.set("as_of", as_of);
  Tree ptree = Tree::object();
  for (const auto& [k, v] : params) ptree.set(k, v);
  view.set("params", ptree);
  view.set("site", ref->def->site.file + ":" + std::to_string(ref->def->site.line));

  script::EvalContext ctx;
  ctx.db = &db;
  ctx.as_of = as_of;
  ctx.params = params;
  ctx.indicator = evaluator.dependency_resolver({as_of, {}});
  std::shared_ptr<script::Pack> pack = ref->pack;
  const script::Invocation inv = script::invoke(*pack, ref->def->build_ref, &ctx, {ptree});
  Tree errors = Tree::array();
  Tree children = Tree::array();
  std::string figures_as_at;
  if (inv.error) {
    Tree e = Tree::object();
    e.set("type", "error");
    e.set("message", inv.error->to_string());
    e.set("site", inv.error->file + (inv.error->line ? ":" + std::to_string(inv.error->line) : ""));
    Tree listed = Tree::object();
    listed.set("message", inv.error->to_string());
    listed.set("site", e.find("site")->as_string());
    errors.push(std::move(listed));
    children.push(std::move(e));
  } else {
    children.push(resolve_view_tree(packs, db, evaluator, inv.value, as_of, ref->def->id, errors, &figures_as_at));
  }
  view.set("children", std::move(children));
  view.set("errors", std::move(errors));

  Tree prov = Tree::object();
  prov.set("database", database_label);
  prov.set("data_fingerprint", data::content_fingerprint(db.db()));
  Tree pk = Tree::array();
  for (const auto& e : packs.entries()) {
    if (!e.active) continue;
    Tree p = Tree::object();
    p.set("name", e.active->name());
    p.set("version", e.active->manifest().version.to_string());
    pk.push(std::move(p));
  }
  prov.set("packs", std::move(pk));
  prov.set("view_defined_in",
           ref->pack->name() + " " + ref->def->site.file + ":" + std::to_string(ref->def->site.line));
  // The date the figures are as at (the latest data on or before as_of, when
  // the view's pages say it), kept apart from when the paper was produced.
  prov.set("figures_as_at", figures_as_at.empty() ? as_of : figures_as_at);
  prov.set("generated_at", now_utc());
  view.set("provenance", std::move(prov));
  return view;
}

std::vector<std::pair<std::string, std::vector<std::string>>> view_element_fields() {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (const auto& kind : view_element_kinds())
    out.emplace_back(kind.name, std::vector<std::string>(kind.fields.begin(), kind.fields.end()));
  return out;
}

}  // namespace gb::engine

// gov: registration of indicators, rules, views and tests, and parameter
// specifications for views. Each function checks its table strictly (an
// unknown field is a mistake, usually a typo) and reports problems as
//   gov.indicator: field 'thresholds.green' must be a number (indicators/gap.lua:12)
//
// Nothing here keeps a C++ object with a destructor on the C stack across
// a Lua call: a Lua error longjmps. Work-in-progress records live in the
// Pack (pending_*).
#include <algorithm>
#include <cstdarg>
#include <cstring>
#include <lua.hpp>

#include "core/view_tree.hpp"
#include "script/api.hpp"
#include "script/lua_state.hpp"
#include "script/pack.hpp"
#include "script/source_scan.hpp"

namespace gb::script {

namespace {

Pack& pack_of(lua_State* L) {
  return *static_cast<Pack*>(LuaState::owner(L));
}

// The line to name for a problem with field `field` (and `sub` within it)
// of the table passed to the gov function `fn` called at `ar`: the field's
// own line when the source shows it for certain, else the call's line.
int field_line_of(lua_State* L, const lua_Debug& ar, const char* fn, const char* field, const char* sub) noexcept {
  if (!field) return ar.currentline;
  try {
    const auto* pack = static_cast<const Pack*>(LuaState::owner(L));
    if (!pack) return ar.currentline;
    const auto it = pack->files().find(ar.source + 1);
    if (it == pack->files().end() || !it->second) return ar.currentline;
    std::string_view name = fn;
    name = name.substr(0, name.find(':'));
    name = name.substr(name.rfind('.') + 1);
    std::vector<std::string> path{field};
    if (sub) path.emplace_back(sub);
    const int line = field_line(*it->second, ar.currentline, name, path);
    return line > 0 ? line : ar.currentline;
  } catch (...) {
    return ar.currentline;
  }
}

// Raises "<fn>: <message> (<file>:<line>)" where file:line is the pack code
// that called the gov function or, for a problem with one field (`field`,
// and `sub` within it), that field's line.
[[noreturn]] int raise_with_site(lua_State* L, const char* fn, const char* field, const char* sub) {
  const char* msg = lua_tostring(L, -1);  // the message, just pushed
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.source[0] == '@' && ar.currentline > 0)
    lua_pushfstring(L, "%s: %s (%s:%d)", fn, msg, ar.source + 1, field_line_of(L, ar, fn, field, sub));
  else
    lua_pushfstring(L, "%s: %s", fn, msg);
  lua_error(L);
  __builtin_unreachable();
}

[[noreturn]] int fail(lua_State* L, const char* fn, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  lua_pushvfstring(L, fmt, args);
  va_end(args);
  raise_with_site(L, fn, nullptr, nullptr);
}

// A problem with one field of the definition: named at the field's line.
[[noreturn]] int fail_field(lua_State* L, const char* fn, const char* field, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  lua_pushvfstring(L, fmt, args);
  va_end(args);
  raise_with_site(L, fn, field, nullptr);
}

// A problem with `sub` of field `field` (thresholds.green).
[[noreturn]] int fail_subfield(lua_State* L, const char* fn, const char* field, const char* sub, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  lua_pushvfstring(L, fmt, args);
  va_end(args);
  raise_with_site(L, fn, field, sub);
}

void site_of_caller(lua_State* L, DefinitionSite& site) {
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.source[0] == '@') {
    site.file = ar.source + 1;
    site.line = ar.currentline;
  } else {
    site.file.clear();
    site.line = 0;
  }
}

// Checks that every key of the table at `t` is in `allowed` (nullptr-ended).
// `parent`: the field holding this table, if it is not the definition itself.
void check_fields(lua_State* L, int t, const char* fn, const char* const* allowed, const char* parent = nullptr) {
  lua_pushnil(L);
  while (lua_next(L, t)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      fail(L, fn, "the table must have only named fields (found a %s key)", luaL_typename(L, -1));
    const char* key = lua_tostring(L, -1);
    bool ok = false;
    for (const char* const* a = allowed; *a; ++a)
      if (std::strcmp(*a, key) == 0) ok = true;
    if (!ok) {
      lua_pushstring(L, "");
      for (const char* const* a = allowed; *a; ++a) {
        lua_pushfstring(L, "%s%s%s", lua_tostring(L, -1), a == allowed ? "" : ", ", *a);
        lua_remove(L, -2);
      }
      const char* known = lua_tostring(L, -1);
      if (parent) fail_subfield(L, fn, parent, key, "unknown field '%s' (known fields: %s)", key, known);
      fail_field(L, fn, key, "unknown field '%s' (known fields: %s)", key, known);
    }
  }
}

// Field readers: push nothing, leave the stack as they found it.
const char* get_string(lua_State* L, int t, const char* fn, const char* field, bool required) {
  lua_getfield(L, t, field);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    if (required) fail(L, fn, "field '%s' is required", field);
    return nullptr;
  }
  if (lua_type(L, -1) != LUA_TSTRING)
    fail_field(L, fn, field, "field '%s' must be a string, not a %s", field, luaL_typename(L, -1));
  const char* s = lua_tostring(L, -1);
  lua_pop(L, 1);  // still referenced by the table
  return s;
}

bool get_number(lua_State* L, int t, const char* fn, const char* field, const char* shown, double& out) {
  lua_getfield(L, t, field);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return false;
  }
  if (lua_type(L, -1) != LUA_TNUMBER) {
    // "thresholds.green": the field within its parent.
    char parent[64] = {0};
    const char* dot = std::strchr(shown, '.');
    if (dot && static_cast<std::size_t>(dot - shown) < sizeof parent) {
      std::memcpy(parent, shown, static_cast<std::size_t>(dot - shown));
      fail_subfield(L, fn, parent, dot + 1, "field '%s' must be a number, not a %s", shown, luaL_typename(L, -1));
    }
    fail_field(L, fn, field, "field '%s' must be a number, not a %s", shown, luaL_typename(L, -1));
  }
  out = lua_tonumber(L, -1);
  lua_pop(L, 1);
  return true;
}

// Stores the function in field `field` in the registry; 0 when absent.
int get_function_ref(lua_State* L, int t, const char* fn, const char* field, bool required) {
  lua_getfield(L, t, field);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    if (required) fail(L, fn, "field '%s' is required (a function)", field);
    return 0;
  }
  if (!lua_isfunction(L, -1))
    fail_field(L, fn, field, "field '%s' must be a function, not a %s", field, luaL_typename(L, -1));
  return luaL_ref(L, LUA_REGISTRYINDEX);
}

void get_string_list(lua_State* L, int t, const char* fn, const char* field, std::vector<std::string>& out) {
  out.clear();
  lua_getfield(L, t, field);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return;
  }
  if (!lua_istable(L, -1)) fail_field(L, fn, field, "field '%s' must be a list of strings", field);
  const lua_Integer n = luaL_len(L, -1);
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_geti(L, -1, i);
    if (lua_type(L, -1) != LUA_TSTRING)
      fail_field(L, fn, field, "field '%s' must be a list of strings (item %d is a %s)", field, static_cast<int>(i),
                 luaL_typename(L, -1));
    out.emplace_back(lua_tostring(L, -1));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

const char* check_id(lua_State* L, int t, const char* fn) {
  const char* id = get_string(L, t, fn, "id", true);
  if (!valid_definition_id(id))
    fail_field(L, fn, "id", "field 'id' must be dotted lower-case words such as 'trust.confidence_gap' (got '%s')", id);
  return id;
}

template <class Def>
void check_unique(lua_State* L, const char* fn, const std::vector<Def>& defs, const char* id) {
  for (const auto& d : defs)
    if (d.id == id)
      fail_field(L, fn, "id", "id '%s' is already defined at %s:%d", id, d.site.file.c_str(), d.site.line);
}

const char* const kIndicatorFields[] = {"id",  "title",   "description", "unit", "polarity", "thresholds",
                                        "rag", "compute", "explain",     "tags", nullptr};

int gov_indicator(lua_State* L) {
  const char* fn = "gov.indicator";
  if (!lua_istable(L, 1))
    fail(L, fn, "expects a table, e.g. gov.indicator { id = ..., compute = function(ctx) ... end }");
  lua_settop(L, 1);
  Pack& pack = pack_of(L);
  IndicatorDef& d = pack.pending_indicator;
  d = IndicatorDef{};
  check_fields(L, 1, fn, kIndicatorFields);
  d.id = check_id(L, 1, fn);
  check_unique(L, fn, pack.definitions().indicators, d.id.c_str());
  d.title = get_string(L, 1, fn, "title", true);
  if (const char* s = get_string(L, 1, fn, "description", false)) d.description = s;
  if (const char* s = get_string(L, 1, fn, "unit", false)) d.unit = s;
  if (const char* s = get_string(L, 1, fn, "polarity", false)) {
    if (std::strcmp(s, "higher_is_better") == 0)
      d.polarity = Polarity::HigherIsBetter;
    else if (std::strcmp(s, "lower_is_better") == 0)
      d.polarity = Polarity::LowerIsBetter;
    else if (std::strcmp(s, "neutral") == 0)
      d.polarity = Polarity::Neutral;
    else
      fail_field(L, fn, "polarity",
                 "field 'polarity' must be 'higher_is_better', 'lower_is_better' or 'neutral' (got '%s')", s);
  }
  lua_getfield(L, 1, "thresholds");
  if (!lua_isnil(L, -1)) {
    if (!lua_istable(L, -1))
      fail_field(L, fn, "thresholds", "field 'thresholds' must be a table such as { green = 5, amber = 10 }");
    const int th = lua_gettop(L);
    static const char* const kThresholdFields[] = {"green", "amber", "mode", nullptr};
    check_fields(L, th, fn, kThresholdFields, "thresholds");
    Thresholds t;
    if (!get_number(L, th, fn, "green", "thresholds.green", t.green))
      fail_field(L, fn, "thresholds", "field 'thresholds.green' is required");
    if (!get_number(L, th, fn, "amber", "thresholds.amber", t.amber))
      fail_field(L, fn, "thresholds", "field 'thresholds.amber' is required");
    lua_getfield(L, th, "mode");
    if (!lua_isnil(L, -1)) {
      const char* m = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
      if (std::strcmp(m, "significant") == 0)
        t.mode = RagMode::Significant;
      else if (std::strcmp(m, "plain") != 0)
        fail_subfield(L, fn, "thresholds", "mode",
                      "field 'thresholds.mode' must be 'plain' (the value decides) or 'significant' (red only when "
                      "the interval lies beyond the amber line, or SPC says concerning)");
    }
    lua_pop(L, 1);
    if (d.polarity == Polarity::Neutral)
      fail_field(L, fn, "thresholds",
                 "thresholds need a 'polarity' ('higher_is_better' or 'lower_is_better') to say which side is green");
    if (d.polarity == Polarity::HigherIsBetter && t.green < t.amber)
      fail_field(L, fn, "thresholds",
                 "with polarity 'higher_is_better', thresholds.green (%f) must be at least thresholds.amber (%f)",
                 t.green, t.amber);
    if (d.polarity == Polarity::LowerIsBetter && t.green > t.amber)
      fail_field(L, fn, "thresholds",
                 "with polarity 'lower_is_better', thresholds.green (%f) must be at most thresholds.amber (%f)",
                 t.green, t.amber);
    d.thresholds = t;
  }
  lua_pop(L, 1);
  get_string_list(L, 1, fn, "tags", d.tags);
  d.compute_ref = get_function_ref(L, 1, fn, "compute", true);
  d.rag_ref = get_function_ref(L, 1, fn, "rag", false);
  d.explain_ref = get_function_ref(L, 1, fn, "explain", false);
  if (d.rag_ref && d.thresholds) fail_field(L, fn, "rag", "give either 'thresholds' or a 'rag' function, not both");
  site_of_caller(L, d.site);
  pack.mutable_definitions().indicators.push_back(d);
  return 0;
}

const char* const kBands[] = {"red", "amber", "green", "blue", nullptr};

bool is_band(const char* s) {
  for (const char* const* b = kBands; *b; ++b)
    if (std::strcmp(*b, s) == 0) return true;
  return false;
}

const char* const kRuleFields[] = {"id",         "title",  "description", "score", "band",
                                   "likelihood", "impact", "grid",        nullptr};

int gov_rule(lua_State* L) {
  const char* fn = "gov.rule";
  if (!lua_istable(L, 1))
    fail(L, fn, "expects a table, e.g. gov.rule { id = ..., score = function(r) ... end, band = ... }");
  lua_settop(L, 1);
  Pack& pack = pack_of(L);
  RuleDef& d = pack.pending_rule;
  d = RuleDef{};
  check_fields(L, 1, fn, kRuleFields);
  d.id = check_id(L, 1, fn);
  check_unique(L, fn, pack.definitions().rules, d.id.c_str());
  d.title = get_string(L, 1, fn, "title", true);
  if (const char* s = get_string(L, 1, fn, "description", false)) d.description = s;
  lua_getfield(L, 1, "grid");
  const bool has_grid = !lua_isnil(L, -1);
  lua_pop(L, 1);
  if (has_grid) {
    // A rule given as data: scale labels and a grid of bands.
    get_string_list(L, 1, fn, "likelihood", d.likelihood_scale);
    get_string_list(L, 1, fn, "impact", d.impact_scale);
    if (d.likelihood_scale.size() < 2 || d.impact_scale.size() < 2)
      fail_field(L, fn, "grid",
                 "a grid rule needs 'likelihood' and 'impact' scales of at least two labels each, low to high");
    lua_getfield(L, 1, "grid");
    if (!lua_istable(L, -1))
      fail_field(L, fn, "grid", "field 'grid' must be a table of rows, one per likelihood level");
    const int g = lua_gettop(L);
    const lua_Integer rows = luaL_len(L, g);
    if (rows != static_cast<lua_Integer>(d.likelihood_scale.size()))
      fail_field(L, fn, "grid", "field 'grid' has %d rows but the likelihood scale has %d levels",
                 static_cast<int>(rows), static_cast<int>(d.likelihood_scale.size()));
    for (lua_Integer r = 1; r <= rows; ++r) {
      lua_geti(L, g, r);
      if (!lua_istable(L, -1)) fail_field(L, fn, "grid", "grid row %d must be a list of bands", static_cast<int>(r));
      const lua_Integer cols = luaL_len(L, -1);
      if (cols != static_cast<lua_Integer>(d.impact_scale.size()))
        fail_field(L, fn, "grid", "grid row %d has %d bands but the impact scale has %d levels", static_cast<int>(r),
                   static_cast<int>(cols), static_cast<int>(d.impact_scale.size()));
      d.grid.emplace_back();
      for (lua_Integer c = 1; c <= cols; ++c) {
        lua_geti(L, -1, c);
        const char* band = lua_tostring(L, -1);
        if (lua_type(L, -1) != LUA_TSTRING || !is_band(band))
          fail_field(L, fn, "grid", "grid[%d][%d] must be one of 'red', 'amber', 'green', 'blue'", static_cast<int>(r),
                     static_cast<int>(c));
        d.grid.back().emplace_back(band);
        lua_pop(L, 1);
      }
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
    lua_getfield(L, 1, "score");
    const bool has_score = !lua_isnil(L, -1);
    lua_pop(L, 1);
    if (has_score) d.score_ref = get_function_ref(L, 1, fn, "score", false);
  } else {
    // A code rule may name its scale too, for the heat map's axes.
    get_string_list(L, 1, fn, "likelihood", d.likelihood_scale);
    get_string_list(L, 1, fn, "impact", d.impact_scale);
    if (d.likelihood_scale.size() == 1 || d.impact_scale.size() == 1)
      fail_field(L, fn, d.likelihood_scale.size() == 1 ? "likelihood" : "impact",
                 "'likelihood' and 'impact' scales need at least two labels each, low to high");
    d.score_ref = get_function_ref(L, 1, fn, "score", true);
    d.band_ref = get_function_ref(L, 1, fn, "band", true);
  }
  site_of_caller(L, d.site);
  pack.mutable_definitions().rules.push_back(d);
  return 0;
}

// ---- gov.param.* -------------------------------------------------------
// Each returns a plain table { kind = ..., ... } marked with a private
// metatable, which gov.view accepts in its 'params'.
const char kParamMeta = 0;

int make_param(lua_State* L, const char* kind) {
  const char* fn = lua_pushfstring(L, "gov.param.%s", kind);
  lua_pop(L, 1);
  if (!lua_istable(L, 1)) fail(L, fn, "expects a table, e.g. gov.param.%s { ... }", kind);
  lua_settop(L, 1);
  lua_createtable(L, 0, 6);
  const int out = 2;
  lua_pushstring(L, kind);
  lua_setfield(L, out, "kind");
  // Copy the author's fields; the view validates them as it reads them.
  lua_pushnil(L);
  while (lua_next(L, 1)) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_settable(L, out);
  }
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kParamMeta);
  lua_setmetatable(L, out);
  return 1;
}

int param_choice(lua_State* L) {
  return make_param(L, "choice");
}
int param_date(lua_State* L) {
  return make_param(L, "date");
}
int param_number(lua_State* L) {
  return make_param(L, "number");
}
int param_toggle(lua_State* L) {
  return make_param(L, "toggle");
}
int param_multi(lua_State* L) {
  return make_param(L, "multi");
}

// Reads one param spec (at stack top) into pack.pending_param.
void read_param(lua_State* L, const char* name, ParamSpec& p) {
  const char* fn = "gov.view";
  const int t = lua_gettop(L);
  if (!lua_istable(L, t) || !lua_getmetatable(L, t))
    fail_subfield(L, fn, "params", name,
                  "params.%s must be made with gov.param.choice, .date, .number, .toggle or .multi", name);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kParamMeta);
  const bool marked = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  if (!marked)
    fail_subfield(L, fn, "params", name,
                  "params.%s must be made with gov.param.choice, .date, .number, .toggle or .multi", name);
  p = ParamSpec{};
  p.name = name;
  p.kind = get_string(L, t, fn, "kind", true);
  if (const char* s = get_string(L, t, fn, "label", false)) p.label = s;
  if (p.kind == "choice" || p.kind == "multi") {
    const lua_Integer n = luaL_len(L, t);
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_geti(L, t, i);
      if (lua_type(L, -1) != LUA_TSTRING)
        fail_subfield(L, fn, "params", name, "params.%s: option %d must be a string", name, static_cast<int>(i));
      p.options.emplace_back(lua_tostring(L, -1));
      lua_pop(L, 1);
    }
    if (p.options.empty())
      fail_subfield(L, fn, "params", name, "params.%s: a %s needs at least one option", name, p.kind.c_str());
  }
  lua_getfield(L, t, "default");
  if (!lua_isnil(L, -1)) {
    if (p.kind == "toggle") {
      if (!lua_isboolean(L, -1))
        fail_subfield(L, fn, "params", name, "params.%s: the default of a toggle must be true or false", name);
      p.default_value = lua_toboolean(L, -1) ? "true" : "false";
    } else if (lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER) {
      p.default_value = lua_tostring(L, -1);
    } else {
      fail_subfield(L, fn, "params", name, "params.%s: field 'default' must be a string or number", name);
    }
  } else if (p.kind == "choice") {
    p.default_value = p.options.front();
  } else if (p.kind == "toggle") {
    p.default_value = "false";
  }
  lua_pop(L, 1);
  if (p.kind == "number") {
    const bool has_min = get_number(L, t, fn, "min", "min", p.min);
    const bool has_max = get_number(L, t, fn, "max", "max", p.max);
    if (!has_min || !has_max) fail_subfield(L, fn, "params", name, "params.%s: a number needs 'min' and 'max'", name);
    if (p.min > p.max) fail_subfield(L, fn, "params", name, "params.%s: 'min' is above 'max'", name);
    if (!get_number(L, t, fn, "step", "step", p.step)) p.step = 0;
  }
  if (p.kind == "choice" && !p.default_value.empty()) {
    bool found = false;
    for (const auto& o : p.options) found = found || o == p.default_value;
    if (!found)
      fail_subfield(L, fn, "params", name, "params.%s: the default '%s' is not one of the options", name,
                    p.default_value.c_str());
  }
}

const char* const kViewFields[] = {"id", "title", "board", "description", "params", "build", nullptr};

int gov_view(lua_State* L) {
  const char* fn = "gov.view";
  if (!lua_istable(L, 1)) fail(L, fn, "expects a table, e.g. gov.view { id = ..., build = function(ctx, p) ... end }");
  lua_settop(L, 1);
  Pack& pack = pack_of(L);
  ViewDef& d = pack.pending_view;
  d = ViewDef{};
  check_fields(L, 1, fn, kViewFields);
  d.id = check_id(L, 1, fn);
  check_unique(L, fn, pack.definitions().views, d.id.c_str());
  d.title = get_string(L, 1, fn, "title", true);
  if (const char* s = get_string(L, 1, fn, "board", false)) d.board = s;
  if (const char* s = get_string(L, 1, fn, "description", false)) d.description = s;
  lua_getfield(L, 1, "params");
  if (!lua_isnil(L, -1)) {
    if (!lua_istable(L, -1)) fail_field(L, fn, "params", "field 'params' must be a table of name = gov.param.*{...}");
    const int ps = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, ps)) {
      if (lua_type(L, -2) != LUA_TSTRING) fail(L, fn, "params must be keyed by name");
      read_param(L, lua_tostring(L, -2), pack.pending_param);
      d.params.push_back(pack.pending_param);
      lua_pop(L, 1);
    }
    std::sort(d.params.begin(), d.params.end(), [](const ParamSpec& a, const ParamSpec& b) { return a.name < b.name; });
  }
  lua_pop(L, 1);
  d.build_ref = get_function_ref(L, 1, fn, "build", true);
  site_of_caller(L, d.site);
  pack.mutable_definitions().views.push_back(d);
  return 0;
}

const char* const kTestFields[] = {"name", "run", nullptr};

int gov_test(lua_State* L) {
  const char* fn = "gov.test";
  if (!lua_istable(L, 1)) fail(L, fn, "expects a table, e.g. gov.test { name = ..., run = function(t) ... end }");
  lua_settop(L, 1);
  Pack& pack = pack_of(L);
  TestDef& d = pack.pending_test;
  d = TestDef{};
  check_fields(L, 1, fn, kTestFields);
  d.name = get_string(L, 1, fn, "name", true);
  for (const auto& t : pack.definitions().tests)
    if (t.name == d.name)
      fail_field(L, fn, "name", "a test named '%s' is already defined at %s:%d", d.name.c_str(), t.site.file.c_str(),
                 t.site.line);
  d.run_ref = get_function_ref(L, 1, fn, "run", true);
  site_of_caller(L, d.site);
  pack.mutable_definitions().tests.push_back(d);
  return 0;
}

// ---- gov.ui.* -------------------------------------------------------------
// Element constructors for view trees (docs/VIEWS.md). Each returns a new
// table { type = ..., site = "file:line", <named fields>, children = {...} }
// where the children are the argument's positional entries. The host checks
// the fields when it builds the view, so a mistake names this site.
int make_element(lua_State* L, const char* type) {
  lua_settop(L, 1);
  if (lua_type(L, 1) == LUA_TSTRING && std::strcmp(type, "text") == 0) {
    lua_createtable(L, 0, 1);
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, "text");
    lua_replace(L, 1);
  }
  if (!lua_istable(L, 1))
    fail(L, lua_pushfstring(L, "gov.ui.%s", type), "expects a table, e.g. gov.ui.%s { ... }", type);
  lua_createtable(L, 0, 4);
  const int out = 2;
  lua_createtable(L, static_cast<int>(lua_rawlen(L, 1)), 0);
  const int children = 3;
  lua_pushnil(L);
  while (lua_next(L, 1)) {
    if (lua_type(L, -2) == LUA_TNUMBER && lua_isinteger(L, -2)) {
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_settable(L, children);
    } else {
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_settable(L, out);
    }
  }
  lua_pushvalue(L, children);
  lua_setfield(L, out, "children");
  lua_pushstring(L, type);
  lua_setfield(L, out, "type");
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.source[0] == '@')
    lua_pushfstring(L, "%s:%d", ar.source + 1, ar.currentline);
  else
    lua_pushstring(L, "");
  lua_setfield(L, out, "site");
  lua_pushvalue(L, out);
  return 1;
}

// gov.ui.<kind>: one closure a kind in the catalogue (core/view_tree.hpp),
// its name as the upvalue, so a new kind needs no code here.
int ui_element(lua_State* L) {
  return make_element(L, lua_tostring(L, lua_upvalueindex(1)));
}

void push_ui_table(lua_State* L) {
  const auto& kinds = view_element_kinds();
  lua_createtable(L, 0, static_cast<int>(kinds.size()));
  for (const auto& kind : kinds) {
    lua_pushstring(L, kind.name);
    lua_pushcclosure(L, ui_element, 1);
    lua_setfield(L, -2, kind.name);
  }
}

const luaL_Reg kGov[] = {
    {"indicator", gov_indicator}, {"rule", gov_rule}, {"view", gov_view}, {"test", gov_test}, {nullptr, nullptr}};
const luaL_Reg kParam[] = {{"choice", param_choice}, {"date", param_date},   {"number", param_number},
                           {"toggle", param_toggle}, {"multi", param_multi}, {nullptr, nullptr}};

}  // namespace

void install_gov_api(lua_State* L) {
  lua_newtable(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kParamMeta);
  luaL_newlib(L, kGov);
  luaL_newlib(L, kParam);
  lua_setfield(L, -2, "param");
  push_ui_table(L);
  lua_setfield(L, -2, "ui");
  push_stats_api(L);
  lua_setfield(L, -2, "stats");
  lua_pushinteger(L, kApiLevel);
  lua_setfield(L, -2, "api");
  lua_pushstring(L, GOVBENCH_VERSION);
  lua_setfield(L, -2, "version");
  lua_setglobal(L, "gov");
}

bool valid_definition_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  bool word_start = true;
  for (const char c : id) {
    if (c == '.') {
      if (word_start) return false;
      word_start = true;
      continue;
    }
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
    word_start = false;
  }
  return !word_start;
}

std::vector<std::pair<std::string, std::vector<std::string>>> definition_fields() {
  auto list = [](const char* const* fields) {
    std::vector<std::string> v;
    for (const char* const* f = fields; *f; ++f) v.emplace_back(*f);
    return v;
  };
  return {{"gov.IndicatorSpec", list(kIndicatorFields)},
          {"gov.RuleSpec", list(kRuleFields)},
          {"gov.ViewSpec", list(kViewFields)},
          {"gov.TestSpec", list(kTestFields)}};
}

std::vector<std::string> registered_api_names() {
  std::vector<std::string> out;
  for (const luaL_Reg* r = kGov; r->name; ++r) out.push_back(std::string("gov.") + r->name);
  for (const luaL_Reg* r = kParam; r->name; ++r) out.push_back(std::string("gov.param.") + r->name);
  for (const auto& kind : view_element_kinds()) out.push_back(std::string("gov.ui.") + kind.name);
  out.emplace_back("gov.api");
  out.emplace_back("gov.version");
  for (const auto& n : stats_api_names()) out.push_back(n);
  for (const auto& n : context_api_names()) out.push_back(n);
  for (const char* f : {"t.eval", "t.score", "t.eq", "t.near", "t.ok"}) out.emplace_back(f);
  return out;
}

}  // namespace gb::script

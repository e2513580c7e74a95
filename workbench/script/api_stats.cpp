// gov.stats: intervals, tests, trend and control charts for packs, on the
// pure C++ of core/stats.hpp and core/spc.hpp. Each function checks its
// arguments first and reports a bad one as a Lua error naming the call and
// the pack line:
//   gov.stats.wilson: x must be between 0 and n (10), not 12 (indicators/gap.lua:7)
//
// No C++ exception crosses into Lua, and no C++ object with a destructor
// is on the C stack when Lua may raise: values are read into Lua-owned
// buffers, results are computed into boxes (userdata with a __gc that runs
// the destructor) inside a try, and the error is raised after the catch.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <lua.hpp>
#include <new>

#include "core/spc.hpp"
#include "core/stats.hpp"
#include "script/api.hpp"

namespace gb::script {

namespace {

[[noreturn]] void raise(lua_State* L, const char* fn, const char* why) {
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.source[0] == '@' && ar.currentline > 0)
    lua_pushfstring(L, "%s: %s (%s:%d)", fn, why, ar.source + 1, ar.currentline);
  else
    lua_pushfstring(L, "%s: %s", fn, why);
  lua_error(L);
  __builtin_unreachable();
}

// A C++ value owned by Lua: destroyed by the garbage collector.
template <class T>
int box_gc(lua_State* L) {
  static_cast<T*>(lua_touserdata(L, 1))->~T();
  return 0;
}
template <class T>
T* push_box(lua_State* L) {
  void* mem = lua_newuserdatauv(L, sizeof(T), 0);
  T* obj = new (mem) T();
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, box_gc<T>);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, -2);
  return obj;
}

// Runs `body` (which may throw); on an exception raises its message as a
// Lua error from outside the catch.
template <class F>
void run(lua_State* L, const char* fn, F&& body) {
  char why[512];
  why[0] = '\0';
  try {
    body();
    return;
  } catch (const std::exception& e) {
    std::snprintf(why, sizeof why, "%s", e.what());
  } catch (...) {
    std::snprintf(why, sizeof why, "%s", "unexpected failure");
  }
  raise(L, fn, why);
}

double check_number(lua_State* L, const char* fn, int arg, const char* name) {
  if (lua_type(L, arg) != LUA_TNUMBER)
    raise(L, fn, lua_pushfstring(L, "%s (argument %d) must be a number, not %s", name, arg, luaL_typename(L, arg)));
  return lua_tonumber(L, arg);
}

double opt_level(lua_State* L, const char* fn, int arg) {
  if (lua_isnoneornil(L, arg)) return 0.95;
  return check_number(L, fn, arg, "level");
}

void set_number(lua_State* L, const char* key, double v) {
  lua_pushnumber(L, v);
  lua_setfield(L, -2, key);
}

struct Values {
  double* data = nullptr;
  std::size_t n = 0;
  int periods = 0;  // stack index of an array of the periods, or 0
};

// Reads the values at `arg`: an array of numbers, or a series
// { ["2021-Q1"] = 1.5, ... } taken in period order. Pushes the buffer
// (and, for a series, the array of its periods).
Values check_values(lua_State* L, const char* fn, int arg) {
  if (!lua_istable(L, arg))
    raise(L, fn,
          lua_pushfstring(L, "values must be a list of numbers or a series { [period] = value }, not %s",
                          luaL_typename(L, arg)));
  Values v;
  const lua_Integer len = static_cast<lua_Integer>(lua_rawlen(L, arg));
  if (len > 0) {
    v.n = static_cast<std::size_t>(len);
    v.data = static_cast<double*>(lua_newuserdatauv(L, v.n * sizeof(double), 0));
    for (lua_Integer i = 1; i <= len; ++i) {
      lua_rawgeti(L, arg, i);
      if (lua_type(L, -1) != LUA_TNUMBER)
        raise(L, fn,
              lua_pushfstring(L, "values[%d] must be a number, not %s", static_cast<int>(i), luaL_typename(L, -1)));
      v.data[i - 1] = lua_tonumber(L, -1);
      lua_pop(L, 1);
    }
    return v;
  }
  // A series: count, collect the period names, sort them.
  std::size_t count = 0;
  lua_pushnil(L);
  while (lua_next(L, arg)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      raise(L, fn, "values must be a list of numbers or a series keyed by period names");
    ++count;
  }
  v.n = count;
  v.data = static_cast<double*>(lua_newuserdatauv(L, std::max<std::size_t>(count, 1) * sizeof(double), 0));
  auto* keys =
      static_cast<const char**>(lua_newuserdatauv(L, std::max<std::size_t>(count, 1) * sizeof(const char*), 0));
  std::size_t k = 0;
  lua_pushnil(L);
  while (lua_next(L, arg)) {
    if (lua_type(L, -1) != LUA_TNUMBER)
      raise(L, fn,
            lua_pushfstring(L, "values[\"%s\"] must be a number, not %s", lua_tostring(L, -2), luaL_typename(L, -1)));
    lua_pop(L, 1);
    keys[k++] = lua_tostring(L, -1);  // kept alive by the table at `arg`
  }
  std::sort(keys, keys + count, [](const char* a, const char* b) { return std::strcmp(a, b) < 0; });
  lua_createtable(L, static_cast<int>(count), 0);
  for (std::size_t i = 0; i < count; ++i) {
    lua_getfield(L, arg, keys[i]);
    v.data[i] = lua_tonumber(L, -1);
    lua_pop(L, 1);
    lua_pushstring(L, keys[i]);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  v.periods = lua_gettop(L);
  return v;
}

void push_interval(lua_State* L, const stats::Interval& i, double level) {
  lua_createtable(L, 0, 8);
  set_number(L, "estimate", i.estimate);
  set_number(L, "lower", i.lower);
  set_number(L, "upper", i.upper);
  set_number(L, "level", level);
}

// ---- proportions --------------------------------------------------------------

template <stats::Interval (*Method)(double, double, double)>
int proportion(lua_State* L, const char* fn) {
  const double x = check_number(L, fn, 1, "x");
  const double n = check_number(L, fn, 2, "n");
  const double level = opt_level(L, fn, 3);
  stats::Interval out;
  run(L, fn, [&] { out = Method(x, n, level); });
  push_interval(L, out, level);
  set_number(L, "n", n);
  return 1;
}

int stats_wilson(lua_State* L) {
  return proportion<stats::wilson>(L, "gov.stats.wilson");
}
int stats_clopper_pearson(lua_State* L) {
  return proportion<stats::clopper_pearson>(L, "gov.stats.clopper_pearson");
}

int stats_proportion_diff(lua_State* L) {
  const char* fn = "gov.stats.proportion_diff";
  const double x1 = check_number(L, fn, 1, "x1"), n1 = check_number(L, fn, 2, "n1");
  const double x2 = check_number(L, fn, 3, "x2"), n2 = check_number(L, fn, 4, "n2");
  double level = 0.95;
  stats::DiffMethod method = stats::DiffMethod::Newcombe;
  if (!lua_isnoneornil(L, 5)) {
    if (!lua_istable(L, 5))
      raise(L, fn, "options (argument 5) must be a table { level = 0.95, method = \"newcombe\" }");
    lua_pushnil(L);
    while (lua_next(L, 5)) {
      lua_pop(L, 1);
      const char* key = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
      if (std::strcmp(key, "level") && std::strcmp(key, "method"))
        raise(L, fn, lua_pushfstring(L, "unknown option '%s' (known: level, method)", key));
    }
    lua_getfield(L, 5, "level");
    if (!lua_isnil(L, -1)) level = check_number(L, fn, lua_gettop(L), "options.level");
    lua_getfield(L, 5, "method");
    if (!lua_isnil(L, -1)) {
      const char* m = lua_tostring(L, -1);
      if (m && std::strcmp(m, "newcombe") == 0)
        method = stats::DiffMethod::Newcombe;
      else if (m && std::strcmp(m, "wald") == 0)
        method = stats::DiffMethod::Wald;
      else
        raise(L, fn, "options.method must be \"newcombe\" or \"wald\"");
    }
    lua_pop(L, 2);
  }
  stats::Difference out;
  run(L, fn, [&] { out = stats::proportion_difference(x1, n1, x2, n2, level, method); });
  push_interval(L, out.interval, level);
  set_number(L, "p1", x1 / n1);
  set_number(L, "p2", x2 / n2);
  set_number(L, "z", out.z);
  set_number(L, "p_value", out.p_value);
  return 1;
}

int stats_rate_ratio(lua_State* L) {
  const char* fn = "gov.stats.rate_ratio";
  const double x1 = check_number(L, fn, 1, "x1"), e1 = check_number(L, fn, 2, "e1");
  const double x2 = check_number(L, fn, 3, "x2"), e2 = check_number(L, fn, 4, "e2");
  const double level = opt_level(L, fn, 5);
  stats::RateRatio out;
  run(L, fn, [&] { out = stats::rate_ratio(x1, e1, x2, e2, level); });
  push_interval(L, out.interval, level);
  set_number(L, "rate1", out.rate1);
  set_number(L, "rate2", out.rate2);
  set_number(L, "z", out.z);
  set_number(L, "p_value", out.p_value);
  return 1;
}

// ---- values ---------------------------------------------------------------------

int stats_mean(lua_State* L) {
  const char* fn = "gov.stats.mean";
  const double level = opt_level(L, fn, 2);
  const Values v = check_values(L, fn, 1);
  stats::MeanInterval out;
  run(L, fn, [&] { out = stats::mean_interval({v.data, v.n}, level); });
  push_interval(L, out.interval, level);
  set_number(L, "sd", out.sd);
  lua_pushinteger(L, static_cast<lua_Integer>(out.n));
  lua_setfield(L, -2, "n");
  return 1;
}

int stats_median(lua_State* L) {
  const char* fn = "gov.stats.median";
  const double level = opt_level(L, fn, 2);
  const Values v = check_values(L, fn, 1);
  stats::MedianInterval out;
  run(L, fn, [&] { out = stats::median_interval({v.data, v.n}, level); });
  push_interval(L, out.interval, level);
  set_number(L, "coverage", out.coverage);
  lua_pushinteger(L, static_cast<lua_Integer>(out.n));
  lua_setfield(L, -2, "n");
  return 1;
}

int stats_mann_kendall(lua_State* L) {
  const char* fn = "gov.stats.mann_kendall";
  double alpha = 0.05;
  if (!lua_isnoneornil(L, 2)) alpha = check_number(L, fn, 2, "alpha");
  const Values v = check_values(L, fn, 1);
  auto* out = push_box<stats::MannKendall>(L);
  run(L, fn, [&] { *out = stats::mann_kendall({v.data, v.n}, alpha); });
  lua_createtable(L, 0, 10);
  set_number(L, "s", out->s);
  set_number(L, "variance", out->variance);
  set_number(L, "z", out->z);
  set_number(L, "p_value", out->p_value);
  set_number(L, "tau", out->tau);
  set_number(L, "slope", out->slope);
  set_number(L, "intercept", out->intercept);
  lua_pushstring(L, out->trend.c_str());
  lua_setfield(L, -2, "trend");
  lua_pushinteger(L, static_cast<lua_Integer>(out->n));
  lua_setfield(L, -2, "n");
  return 1;
}

// opts: baseline, recalculate (1-based indices or period names), polarity, target.
int stats_xmr(lua_State* L) {
  const char* fn = "gov.stats.xmr";
  const bool has_opts = !lua_isnoneornil(L, 2);
  if (has_opts && !lua_istable(L, 2))
    raise(L, fn, "options (argument 2) must be a table { baseline, recalculate, polarity, target }");
  const Values v = check_values(L, fn, 1);
  auto* opts = push_box<spc::XmrOptions>(L);
  if (has_opts) {
    lua_pushnil(L);
    while (lua_next(L, 2)) {
      lua_pop(L, 1);
      const char* key = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
      if (std::strcmp(key, "baseline") && std::strcmp(key, "recalculate") && std::strcmp(key, "polarity") &&
          std::strcmp(key, "target"))
        raise(L, fn, lua_pushfstring(L, "unknown option '%s' (known: baseline, recalculate, polarity, target)", key));
    }
    lua_getfield(L, 2, "baseline");
    if (!lua_isnil(L, -1)) {
      if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 2)
        raise(L, fn, "options.baseline must be a whole number of points, at least 2");
      opts->baseline = static_cast<std::size_t>(lua_tointeger(L, -1));
    }
    lua_pop(L, 1);
    lua_getfield(L, 2, "target");
    if (!lua_isnil(L, -1)) opts->target = check_number(L, fn, lua_gettop(L), "options.target");
    lua_pop(L, 1);
    lua_getfield(L, 2, "polarity");
    if (!lua_isnil(L, -1)) {
      const char* p = lua_tostring(L, -1);
      if (p && std::strcmp(p, "higher_is_better") == 0)
        opts->polarity = Polarity::HigherIsBetter;
      else if (p && std::strcmp(p, "lower_is_better") == 0)
        opts->polarity = Polarity::LowerIsBetter;
      else if (p && std::strcmp(p, "neutral") == 0)
        opts->polarity = Polarity::Neutral;
      else
        raise(L, fn, "options.polarity must be \"higher_is_better\", \"lower_is_better\" or \"neutral\"");
    }
    lua_pop(L, 1);
    lua_getfield(L, 2, "recalculate");
    if (!lua_isnil(L, -1)) {
      const int rt = lua_gettop(L);
      if (!lua_istable(L, rt)) raise(L, fn, "options.recalculate must be a list of point numbers or period names");
      const lua_Integer len = static_cast<lua_Integer>(lua_rawlen(L, rt));
      for (lua_Integer i = 1; i <= len; ++i) {
        lua_rawgeti(L, rt, i);
        std::size_t at = 0;
        if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1 &&
            static_cast<std::size_t>(lua_tointeger(L, -1)) <= v.n) {
          at = static_cast<std::size_t>(lua_tointeger(L, -1)) - 1;
        } else if (lua_type(L, -1) == LUA_TSTRING && v.periods) {
          bool found = false;
          for (std::size_t k = 0; k < v.n && !found; ++k) {
            lua_rawgeti(L, v.periods, static_cast<lua_Integer>(k) + 1);
            found = lua_rawequal(L, -1, -2);
            lua_pop(L, 1);
            if (found) at = k;
          }
          if (!found)
            raise(L, fn, lua_pushfstring(L, "options.recalculate: no period '%s' in the series", lua_tostring(L, -1)));
        } else {
          raise(L, fn,
                lua_pushfstring(L, "options.recalculate[%d] must be a point number from 1 to %d%s", static_cast<int>(i),
                                static_cast<int>(v.n), v.periods ? " or a period name" : ""));
        }
        lua_pop(L, 1);
        run(L, fn, [&] { opts->recalculate.push_back(at); });
      }
    }
    lua_pop(L, 1);
  }
  auto* out = push_box<spc::Xmr>(L);
  run(L, fn, [&] { *out = spc::xmr({v.data, v.n}, *opts); });
  lua_createtable(L, 0, 12);
  lua_createtable(L, static_cast<int>(v.n), 0);
  for (std::size_t i = 0; i < out->points.size(); ++i) {
    const spc::XmrPoint& p = out->points[i];
    lua_createtable(L, 0, 9);
    set_number(L, "value", p.value);
    set_number(L, "mean", p.mean);
    set_number(L, "lcl", p.lcl);
    set_number(L, "ucl", p.ucl);
    lua_pushboolean(L, p.special());
    lua_setfield(L, -2, "special");
    lua_createtable(L, 4, 0);
    int r = 0;
    for (const auto& [on, name] : {std::pair{p.beyond, "beyond"}, std::pair{p.shift, "shift"},
                                   std::pair{p.trend, "trend"}, std::pair{p.near, "near"}})
      if (on) {
        lua_pushstring(L, name);
        lua_rawseti(L, -2, ++r);
      }
    lua_setfield(L, -2, "rules");
    if (p.direction != spc::Direction::None) {
      lua_pushstring(L, spc::direction_name(p.direction));
      lua_setfield(L, -2, "direction");
    }
    if (v.periods) {
      lua_rawgeti(L, v.periods, static_cast<lua_Integer>(i) + 1);
      lua_setfield(L, -2, "period");
    }
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_setfield(L, -2, "points");
  lua_createtable(L, static_cast<int>(out->segments.size()), 0);
  for (std::size_t i = 0; i < out->segments.size(); ++i) {
    const spc::XmrSegment& s = out->segments[i];
    lua_createtable(L, 0, 6);
    lua_pushinteger(L, static_cast<lua_Integer>(s.from) + 1);
    lua_setfield(L, -2, "from");
    lua_pushinteger(L, static_cast<lua_Integer>(s.to) + 1);
    lua_setfield(L, -2, "to");
    set_number(L, "mean", s.mean);
    set_number(L, "moving_range", s.moving_range);
    set_number(L, "lcl", s.lcl);
    set_number(L, "ucl", s.ucl);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  lua_setfield(L, -2, "segments");
  const spc::XmrSegment& last = out->segments.back();
  set_number(L, "mean", last.mean);
  set_number(L, "lcl", last.lcl);
  set_number(L, "ucl", last.ucl);
  lua_pushstring(L, spc::variation_name(out->variation));
  lua_setfield(L, -2, "variation");
  lua_pushstring(L, spc::variation_words(out->variation));
  lua_setfield(L, -2, "variation_words");
  if (out->assurance != spc::Assurance::None) {
    lua_pushstring(L, spc::assurance_name(out->assurance));
    lua_setfield(L, -2, "assurance");
    lua_pushstring(L, spc::assurance_words(out->assurance));
    lua_setfield(L, -2, "assurance_words");
  }
  if (out->target) set_number(L, "target", *out->target);
  return 1;
}

const luaL_Reg kStats[] = {{"wilson", stats_wilson},
                           {"clopper_pearson", stats_clopper_pearson},
                           {"proportion_diff", stats_proportion_diff},
                           {"rate_ratio", stats_rate_ratio},
                           {"mean", stats_mean},
                           {"median", stats_median},
                           {"mann_kendall", stats_mann_kendall},
                           {"xmr", stats_xmr},
                           {nullptr, nullptr}};

}  // namespace

void push_stats_api(lua_State* L) {
  luaL_newlib(L, kStats);
}

std::vector<std::string> stats_api_names() {
  std::vector<std::string> out;
  for (const luaL_Reg* r = kStats; r->name; ++r) out.push_back(std::string("gov.stats.") + r->name);
  return out;
}

}  // namespace gb::script

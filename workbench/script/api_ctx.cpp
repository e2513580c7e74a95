// ctx: ctx.sql, ctx.value, ctx.rows, ctx.tuples, ctx.columns_of,
// ctx.indicator, ctx.columns, ctx.pack_param, ctx.shared (shared_values.cpp), ctx.as_of, ctx.period,
// ctx.params. Queries run on the read-only, authorizer-guarded connection
// (script_db.cpp) with every parameter bound, never spliced.
//
// Statements live in userdata with a __gc (and __close) metamethod, so a
// Lua error raised mid-query (out of memory, a spent budget) finalizes them
// without any C++ destructor being skipped.
#include <sqlite3.h>

#include <cstring>
#include <lua.hpp>
#include <optional>

#include "data/describe.hpp"
#include "script/api.hpp"
#include "script/context.hpp"
#include "script/invoke.hpp"
#include "script/lua_state.hpp"
#include "script/pack.hpp"
#include "script/script_db.hpp"
#include "script/shared_values.hpp"
#include "script/test_hooks.hpp"

namespace gb::script {

EvalContext* check_ctx(lua_State* L, const char* fn) {
  auto* ctx = static_cast<EvalContext*>(lua_touserdata(L, lua_upvalueindex(1)));
  if (!ctx || LuaState::from(L)->current_context != ctx)
    luaL_error(L, "%s: this ctx belongs to a call that has finished; use the ctx passed to the current function", fn);
  return ctx;
}

namespace {

const char* const kStmtMeta = "gb.stmt";

struct StmtBox {
  sqlite3_stmt* stmt;
  lua_Integer row;  // rows ctx.tuples has given so far
};

int stmt_gc(lua_State* L) {
  auto* box = static_cast<StmtBox*>(luaL_checkudata(L, 1, kStmtMeta));
  if (box->stmt) sqlite3_finalize(box->stmt);
  box->stmt = nullptr;
  return 0;
}

[[noreturn]] void raise_budget(lua_State* L) {
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kBudgetSentinelKey);
  lua_pushstring(L, "time");
  lua_setfield(L, -2, "which");
  lua_error(L);
  __builtin_unreachable();
}

// Prepares the query at index 1 with the values at 2..top bound to its
// parameters; pushes the statement box.
StmtBox* prepare(lua_State* L, EvalContext* ctx, const char* fn) {
  std::size_t len = 0;
  const char* sql = luaL_checklstring(L, 1, &len);
  const int nvalues = lua_gettop(L) - 1;
  if (!ctx->db) {
    luaL_error(L, "%s: no database is open", fn);
    __builtin_unreachable();  // luaL_error raises; it is not declared noreturn
  }
  auto* box = static_cast<StmtBox*>(lua_newuserdatauv(L, sizeof(StmtBox), 0));
  box->stmt = nullptr;
  box->row = 0;
  luaL_setmetatable(L, kStmtMeta);
  ctx->db->clear_denial();
  ctx->db->set_deadline(LuaState::from(L)->deadline());
  sqlite3* db = ctx->db->handle();
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql, static_cast<int>(len), &box->stmt, &tail);
  if (rc != SQLITE_OK) {
    ctx->db->note_unknown_read();  // it may name a table an import is yet to make
    if (!ctx->db->denial().empty()) luaL_error(L, "%s: %s", fn, ctx->db->denial().c_str());
    if (ctx->db->deadline_passed()) raise_budget(L);
    // The explanation lives in the ScriptDb: nothing with a destructor is
    // left on this stack when luaL_error jumps.
    const char* why = ctx->db->explain_error(std::string_view(sql, len), sqlite3_errmsg(db)).c_str();
    luaL_error(L, "%s: %s", fn, why);
  }
  if (!box->stmt) luaL_error(L, "%s: the query is empty", fn);
  for (const char* t = tail; t && *t; ++t)
    if (*t != ' ' && *t != '\n' && *t != '\t' && *t != '\r' && *t != ';')
      luaL_error(L, "%s: give one statement at a time", fn);
  if (!sqlite3_stmt_readonly(box->stmt)) luaL_error(L, "%s: packs read the database read-only", fn);
  const int nparams = sqlite3_bind_parameter_count(box->stmt);
  if (nparams != nvalues)
    luaL_error(L, "%s: the query has %d parameter%s but %d value%s given", fn, nparams, nparams == 1 ? "" : "s",
               nvalues, nvalues == 1 ? " was" : "s were");
  for (int i = 1; i <= nvalues; ++i) {
    const int arg = i + 1;
    int brc = SQLITE_OK;
    switch (lua_type(L, arg)) {
      case LUA_TNIL:
        brc = sqlite3_bind_null(box->stmt, i);
        break;
      case LUA_TBOOLEAN:
        brc = sqlite3_bind_int(box->stmt, i, lua_toboolean(L, arg));
        break;
      case LUA_TNUMBER:
        brc = lua_isinteger(L, arg) ? sqlite3_bind_int64(box->stmt, i, lua_tointeger(L, arg))
                                    : sqlite3_bind_double(box->stmt, i, lua_tonumber(L, arg));
        break;
      case LUA_TSTRING: {
        std::size_t n = 0;
        const char* s = lua_tolstring(L, arg, &n);
        brc = sqlite3_bind_text64(box->stmt, i, s, n, SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
      }
      default:
        luaL_error(L, "%s: value %d is a %s; only nil, booleans, numbers and strings can be bound", fn, i,
                   luaL_typename(L, arg));
    }
    if (brc != SQLITE_OK) luaL_error(L, "%s: cannot bind value %d: %s", fn, i, sqlite3_errmsg(db));
  }
  return box;
}

// A statement failed while it ran. A table-valued pragma (pragma_xxx(...))
// reaches the authorizer only now, so a refusal can come from here too.
[[noreturn]] void step_failed(lua_State* L, EvalContext* ctx, StmtBox* box, const char* fn) {
  if (ctx->db->deadline_passed()) raise_budget(L);
  if (!ctx->db->denial().empty()) luaL_error(L, "%s: %s", fn, ctx->db->denial().c_str());
  luaL_error(L, "%s: %s", fn, sqlite3_errmsg(sqlite3_db_handle(box->stmt)));
  __builtin_unreachable();
}

// Pushes the value of column c.
void push_column(lua_State* L, sqlite3_stmt* stmt, int c) {
  switch (sqlite3_column_type(stmt, c)) {
    case SQLITE_INTEGER:
      lua_pushinteger(L, sqlite3_column_int64(stmt, c));
      break;
    case SQLITE_FLOAT:
      lua_pushnumber(L, sqlite3_column_double(stmt, c));
      break;
    default:
      lua_pushlstring(L, reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                      static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
  }
}

// Steps; pushes a row table and returns true, or returns false at the end.
bool step_row(lua_State* L, EvalContext* ctx, StmtBox* box, const char* fn) {
  const int rc = sqlite3_step(box->stmt);
  if (rc == SQLITE_DONE) return false;
  if (rc != SQLITE_ROW) step_failed(L, ctx, box, fn);
  const int n = sqlite3_column_count(box->stmt);
  lua_createtable(L, 0, n);
  for (int c = 0; c < n; ++c) {
    if (sqlite3_column_type(box->stmt, c) == SQLITE_NULL) continue;  // NULL columns are absent
    push_column(L, box->stmt, c);
    lua_setfield(L, -2, sqlite3_column_name(box->stmt, c));
  }
  return true;
}

// The texts a query's columns last gave, kept so that a repeated text is
// pushed again rather than hashed and interned anew: a register's levels,
// terms, trends and dates take a handful of values over thousands of rows.
// Each column keeps its last kWays distinct texts, anchored in stack slots
// (a Lua string does not move while it is referenced, so its bytes are
// compared in place); the bookkeeping lives in a userdata on the stack, so
// a Lua error raised mid-query frees it with the rest. One way per column
// (the previous row's text) missed most of a register's levels, which
// change from one row to the next; four catch them.
class TextCache {
 public:
  static constexpr int kWays = 4;

  // Pushes the userdata and kWays * columns empty slots.
  TextCache(lua_State* L, int columns) : L_(L) {
    luaL_checkstack(L, kWays * columns + 8, "too many columns");
    const std::size_t ways = static_cast<std::size_t>(kWays) * static_cast<std::size_t>(columns);
    void* mem = lua_newuserdatauv(L, sizeof(Way) * ways + static_cast<std::size_t>(columns), 0);
    ways_ = static_cast<Way*>(mem);
    next_ = reinterpret_cast<unsigned char*>(ways_ + ways);
    for (std::size_t i = 0; i < ways; ++i) ways_[i] = Way{};
    for (int c = 0; c < columns; ++c) next_[c] = 0;
    base_ = lua_gettop(L) + 1;
    for (std::size_t i = 0; i < ways; ++i) lua_pushnil(L);
  }

  // Pushes the text (or blob) of column c of the current row.
  void push(sqlite3_stmt* stmt, int c) {
    const auto* raw = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
    const char* text = raw ? raw : "";
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
    Way* way = ways_ + static_cast<std::ptrdiff_t>(c) * kWays;
    const int slot = base_ + c * kWays;
    for (int j = 0; j < kWays; ++j)
      if (way[j].text && way[j].size == size && std::memcmp(way[j].text, text, size) == 0) {
        lua_pushvalue(L_, slot + j);
        return;
      }
    const char* kept = lua_pushlstring(L_, text, size);
    const int j = next_[c];
    next_[c] = static_cast<unsigned char>((j + 1) % kWays);
    lua_copy(L_, -1, slot + j);
    way[j] = Way{kept, size};
  }

 private:
  struct Way {
    const char* text = nullptr;  // the bytes of the string in its slot
    std::size_t size = 0;
  };
  lua_State* L_;
  Way* ways_ = nullptr;
  unsigned char* next_ = nullptr;  // per column: the way the next new text replaces
  int base_ = 0;
};

// ctx.sql's row reader. It keeps on the Lua stack each column's name and
// the texts it last pushed for that column (TextCache), so that every row
// reuses the same name strings and, where a text column repeats a recent
// value (levels, dates, terms, groups: most columns of a register), the
// same string too, instead of hashing and interning it again. A 10,000-row
// result has 130,000 fields; building them was most of ctx.sql's own time.
class RowReader {
 public:
  RowReader(lua_State* L, sqlite3_stmt* stmt) : L_(L), stmt_(stmt), n_(sqlite3_column_count(stmt)) {
    luaL_checkstack(L, n_ + 8, "too many columns");
    names_ = lua_gettop(L) + 1;
    for (int c = 0; c < n_; ++c) {
      const char* name = sqlite3_column_name(stmt, c);
      if (!name) luaL_error(L, "out of memory reading a column name");
      lua_pushstring(L, name);
    }
    texts_.emplace(L, n_);
  }

  // Pushes the current row as a table (NULL columns absent).
  void push_row() {
    lua_createtable(L_, 0, n_);
    for (int c = 0; c < n_; ++c) {
      const int type = sqlite3_column_type(stmt_, c);
      if (type == SQLITE_NULL) continue;
      lua_pushvalue(L_, names_ + c);
      if (type == SQLITE_TEXT || type == SQLITE_BLOB)
        texts_->push(stmt_, c);
      else
        push_column(L_, stmt_, c);
      lua_rawset(L_, -3);  // a fresh table has no metatable: rawset is what setfield would do
    }
  }

 private:
  lua_State* L_;
  sqlite3_stmt* stmt_;
  int n_;
  int names_ = 0;
  std::optional<TextCache> texts_;
};

void finish(StmtBox* box) {
  sqlite3_finalize(box->stmt);
  box->stmt = nullptr;
}

// ctx.sql(query, ...) -> array of row tables (column name -> value; NULL
// columns are absent).
int ctx_sql(lua_State* L) {
  EvalContext* ctx = check_ctx(L, "ctx.sql");
  StmtBox* box = prepare(L, ctx, "ctx.sql");
  RowReader reader(L, box->stmt);
  lua_newtable(L);
  lua_Integer n = 0;
  for (;;) {
    const int rc = sqlite3_step(box->stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) step_failed(L, ctx, box, "ctx.sql");
    reader.push_row();
    lua_rawseti(L, -2, ++n);
  }
  finish(box);
  return 1;  // the result table, on top
}

// ctx.value(query, ...) -> the first column of the first row, or nil.
int ctx_value(lua_State* L) {
  EvalContext* ctx = check_ctx(L, "ctx.value");
  StmtBox* box = prepare(L, ctx, "ctx.value");
  const int rc = sqlite3_step(box->stmt);
  if (rc == SQLITE_ROW) {
    switch (sqlite3_column_type(box->stmt, 0)) {
      case SQLITE_NULL:
        lua_pushnil(L);
        break;
      case SQLITE_INTEGER:
        lua_pushinteger(L, sqlite3_column_int64(box->stmt, 0));
        break;
      case SQLITE_FLOAT:
        lua_pushnumber(L, sqlite3_column_double(box->stmt, 0));
        break;
      default:
        lua_pushlstring(L, reinterpret_cast<const char*>(sqlite3_column_text(box->stmt, 0)),
                        static_cast<std::size_t>(sqlite3_column_bytes(box->stmt, 0)));
    }
  } else if (rc == SQLITE_DONE) {
    lua_pushnil(L);
  } else {
    step_failed(L, ctx, box, "ctx.value");
  }
  finish(box);
  return 1;
}

// An iterator's statement and context (its upvalues), checked: a call that
// has finished raises its error (luaL_error does not return); a statement
// already finished gives null. The deadline is the running call's.
StmtBox* iterator_box(lua_State* L, EvalContext*& ctx, const char* fn) {
  auto* box = static_cast<StmtBox*>(lua_touserdata(L, lua_upvalueindex(1)));
  ctx = static_cast<EvalContext*>(lua_touserdata(L, lua_upvalueindex(2)));
  if (!box->stmt) return nullptr;
  if (LuaState::from(L)->current_context != ctx)
    luaL_error(L, "%s: this iterator belongs to a call that has finished", fn);
  ctx->db->set_deadline(LuaState::from(L)->deadline());
  return box;
}

int rows_next(lua_State* L) {
  EvalContext* ctx = nullptr;
  StmtBox* box = iterator_box(L, ctx, "ctx.rows");
  if (!box) return 0;
  if (step_row(L, ctx, box, "ctx.rows")) return 1;
  finish(box);
  return 0;
}

// for row in ctx.rows(query, ...) do ... end  (the statement is closed when
// the loop ends, even by break or error)
int ctx_rows(lua_State* L) {
  EvalContext* ctx = check_ctx(L, "ctx.rows");
  prepare(L, ctx, "ctx.rows");
  lua_pushvalue(L, -1);
  lua_pushlightuserdata(L, ctx);
  lua_pushcclosure(L, rows_next, 2);
  lua_pushnil(L);
  lua_pushnil(L);
  lua_pushvalue(L, -4);  // the box, as the to-be-closed value
  return 4;
}

// ctx.columns_of(query, ...) -> { name = { v1, ..., vn }, ... }, n
// One Lua array per column, built without a table per row: a NULL is a
// hole (nil) at its row, so loop `for i = 1, n`, never with ipairs or #.
int ctx_columns_of(lua_State* L) {
  EvalContext* ctx = check_ctx(L, "ctx.columns_of");
  StmtBox* box = prepare(L, ctx, "ctx.columns_of");
  const int ncol = sqlite3_column_count(box->stmt);
  luaL_checkstack(L, ncol + 8, "ctx.columns_of: too many columns");
  lua_createtable(L, 0, ncol);
  const int result = lua_gettop(L);
  const int arrays = result + 1;
  for (int c = 0; c < ncol; ++c) {
    const char* name = sqlite3_column_name(box->stmt, c);
    if (!name) return luaL_error(L, "ctx.columns_of: out of memory reading a column name");
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setfield(L, result, name);  // a later column of the same name wins, as in ctx.sql's rows
  }
  TextCache texts(L, ncol);
  lua_Integer n = 0;
  for (;;) {
    const int rc = sqlite3_step(box->stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) step_failed(L, ctx, box, "ctx.columns_of");
    ++n;
    for (int c = 0; c < ncol; ++c) {
      const int type = sqlite3_column_type(box->stmt, c);
      if (type == SQLITE_NULL) continue;
      if (type == SQLITE_TEXT || type == SQLITE_BLOB)
        texts.push(box->stmt, c);
      else
        push_column(L, box->stmt, c);
      lua_rawseti(L, arrays + c, n);
    }
  }
  finish(box);
  lua_settop(L, result);
  lua_pushinteger(L, n);
  return 2;
}

int tuples_next(lua_State* L) {
  EvalContext* ctx = nullptr;
  StmtBox* box = iterator_box(L, ctx, "ctx.tuples");
  if (!box) return 0;
  const int rc = sqlite3_step(box->stmt);
  if (rc == SQLITE_DONE) {
    finish(box);
    return 0;
  }
  if (rc != SQLITE_ROW) step_failed(L, ctx, box, "ctx.tuples");
  const int ncol = sqlite3_column_count(box->stmt);
  luaL_checkstack(L, ncol + 2, "ctx.tuples: too many columns");
  lua_pushinteger(L, ++box->row);
  for (int c = 0; c < ncol; ++c) {
    if (sqlite3_column_type(box->stmt, c) == SQLITE_NULL)
      lua_pushnil(L);
    else
      push_column(L, box->stmt, c);
  }
  return ncol + 1;
}

// for i, a, b, c in ctx.tuples(query, ...) do ... end: each row's values as
// the loop's variables after its row number (so a NULL first column does
// not end the loop), no table per row; the statement is closed when the
// loop ends, even by break or error.
int ctx_tuples(lua_State* L) {
  EvalContext* ctx = check_ctx(L, "ctx.tuples");
  prepare(L, ctx, "ctx.tuples");
  lua_pushvalue(L, -1);
  lua_pushlightuserdata(L, ctx);
  lua_pushcclosure(L, tuples_next, 2);
  lua_pushnil(L);
  lua_pushnil(L);
  lua_pushvalue(L, -4);  // the box, as the to-be-closed value
  return 4;
}

bool call_indicator_callback(EvalContext* ctx, const char* id) {
  try {
    ctx->indicator_error.clear();
    return ctx->indicator(id, ctx->indicator_result, ctx->indicator_error);
  } catch (const std::exception& e) {
    ctx->indicator_error = e.what();
  } catch (...) {
    ctx->indicator_error = "unknown error";
  }
  return false;
}

int ctx_indicator(lua_State* L) {
  EvalContext* ctx = check_ctx(L, "ctx.indicator");
  const char* id = luaL_checkstring(L, 1);
  if (!ctx->indicator) return luaL_error(L, "ctx.indicator: other indicators are not available here");
  if (!call_indicator_callback(ctx, id))
    return luaL_error(L, "ctx.indicator('%s'): %s", id, ctx->indicator_error.c_str());
  push_tree(L, ctx->indicator_result);
  return 1;
}

// Reads the column names of `table` into ctx->column_names, or sets
// ctx->column_error. Never throws; runs with no Lua frame of its own.
void read_column_names(EvalContext* ctx, const char* table, std::size_t len) {
  ctx->column_names.clear();
  ctx->column_error.clear();
  try {
    const std::string name(table, len);
    // PRAGMA table_info sees what the pack's queries see, scenario overlays
    // (TEMP views over the main tables) included.
    data::Statement st = ctx->db->db().prepare("PRAGMA table_info(" + data::quote_identifier(name) + ")");
    while (st.step()) ctx->column_names.push_back(st.column_text(1));
    if (ctx->column_names.empty()) ctx->column_error = data::missing_table_message(ctx->db->db(), name);
  } catch (const std::exception& e) {
    ctx->column_error = e.what();
  } catch (...) {
    ctx->column_error = "unknown error";
  }
}

// ctx.columns(table) -> array of the table's (or view's) column names, in
// order. An unknown table is an error naming it and the nearest tables.
int ctx_columns(lua_State* L) {
  EvalContext* ctx = check_ctx(L, "ctx.columns");
  std::size_t len = 0;
  const char* table = luaL_checklstring(L, 1, &len);
  if (!ctx->db) return luaL_error(L, "ctx.columns: no database is open");
  ctx->db->clear_denial();
  ctx->db->set_deadline(LuaState::from(L)->deadline());
  read_column_names(ctx, table, len);
  if (!ctx->column_error.empty()) {
    if (ctx->db->deadline_passed()) raise_budget(L);
    return luaL_error(L, "ctx.columns: %s", ctx->column_error.c_str());
  }
  lua_createtable(L, static_cast<int>(ctx->column_names.size()), 0);
  for (std::size_t i = 0; i < ctx->column_names.size(); ++i) {
    const std::string& c = ctx->column_names[i];
    lua_pushlstring(L, c.data(), c.size());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
  }
  return 1;
}

// The value a database gives pack parameter `key` (settings table), into
// ctx->param_value; false when it gives none. Sets ctx->column_error on a
// failure. Never throws.
bool read_parameter_setting(EvalContext* ctx, const std::string& key) {
  ctx->column_error.clear();
  try {
    data::Db& db = ctx->db->db();
    // What the value depends on is the settings table, there or not: the
    // schema lookup is the host's (a read of sqlite_schema would make the
    // result's reads unknown, recomputed after every edit). The table
    // appears only by a migration or an import, which change it as a whole.
    ReadSet settings;
    settings.tables.insert("settings");
    ctx->db->note_reads(settings);
    ReadSet* outer = ctx->db->redirect_reads(nullptr);
    bool exists = false;
    try {
      exists = db.table_exists("settings");
    } catch (...) {
      ctx->db->redirect_reads(outer);
      throw;
    }
    ctx->db->redirect_reads(outer);
    if (!exists) return false;
    data::Statement st = db.prepare("SELECT value FROM settings WHERE key = ?");
    st.bind(1, key);
    if (!st.step()) return false;
    ctx->param_value = st.column_text(0);
    return true;
  } catch (const std::exception& e) {
    ctx->column_error = e.what();
  } catch (...) {
    ctx->column_error = "unknown error";
  }
  return false;
}

// Fills ctx->param_value with parameter `name` of `pack` (the setting
// pack.<pack>.<name>, else the manifest's default), or sets
// ctx->column_error. Never throws.
void resolve_parameter(EvalContext* ctx, const Pack* self, const char* pack_name, const char* name) {
  ctx->column_error.clear();
  try {
    const std::vector<PackParameter>* params = self->parameters_of(pack_name);
    if (!params) {
      ctx->column_error = std::string("pack '") + pack_name + "' is neither this pack (" + self->name() +
                          ") nor one it requires, so its parameters are not readable here";
      return;
    }
    const PackParameter* found = nullptr;
    std::string declared;
    for (const auto& p : *params) {
      if (p.name == name) found = &p;
      declared += (declared.empty() ? "" : ", ") + p.name;
    }
    if (!found) {
      ctx->column_error = std::string("pack ") + pack_name + " declares no parameter '" + name + "' (" +
                          (declared.empty() ? std::string("it declares none; add it to pack.lua's parameters")
                                            : "declared: " + declared) +
                          ")";
      return;
    }
    if (read_parameter_setting(ctx, pack_parameter_key(pack_name, name))) return;
    if (ctx->column_error.empty()) ctx->param_value = found->default_value;
  } catch (const std::exception& e) {
    ctx->column_error = e.what();
  } catch (...) {
    ctx->column_error = "unknown error";
  }
}

// ctx.pack_param(name [, pack]) -> string: a parameter pack.lua declares
// (`parameters`), as the database sets it (setting pack.<pack>.<name>) or
// else its default. `pack` defaults to the pack whose state runs the code;
// it may name a pack this one requires.
int ctx_pack_param(lua_State* L) {
  EvalContext* ctx = check_ctx(L, "ctx.pack_param");
  const char* name = luaL_checkstring(L, 1);
  const auto* self = static_cast<const Pack*>(LuaState::owner(L));
  if (!self) return luaL_error(L, "ctx.pack_param: no pack is running");
  const char* pack_name = lua_isnoneornil(L, 2) ? self->name().c_str() : luaL_checkstring(L, 2);
  if (!ctx->db) return luaL_error(L, "ctx.pack_param: no database is open");
  resolve_parameter(ctx, self, pack_name, name);
  if (!ctx->column_error.empty()) return luaL_error(L, "ctx.pack_param: %s", ctx->column_error.c_str());
  lua_pushlstring(L, ctx->param_value.data(), ctx->param_value.size());
  return 1;
}

const luaL_Reg kCtx[] = {{"sql", ctx_sql},         {"value", ctx_value},           {"rows", ctx_rows},
                         {"tuples", ctx_tuples},   {"columns_of", ctx_columns_of}, {"indicator", ctx_indicator},
                         {"columns", ctx_columns}, {"pack_param", ctx_pack_param}, {"shared", ctx_shared},
                         {nullptr, nullptr}};

void ensure_metatable(lua_State* L) {
  if (luaL_newmetatable(L, kStmtMeta)) {
    lua_pushcfunction(L, stmt_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, stmt_gc);
    lua_setfield(L, -2, "__close");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
  }
  lua_pop(L, 1);
}

// Builds the ctx table; runs inside lua_pcall because it allocates.
int make_context(lua_State* L) {
  auto* ctx = static_cast<EvalContext*>(lua_touserdata(L, 1));
  ensure_metatable(L);
  lua_createtable(L, 0, 12);
  for (const luaL_Reg* r = kCtx; r->name; ++r) {
    lua_pushlightuserdata(L, ctx);
    lua_pushcclosure(L, r->func, 1);
    lua_setfield(L, -2, r->name);
  }
  lua_pushstring(L, ctx->as_of.c_str());
  lua_setfield(L, -2, "as_of");
  if (!ctx->period.empty()) {
    lua_pushstring(L, ctx->period.c_str());
    lua_setfield(L, -2, "period");
  }
  lua_createtable(L, 0, static_cast<int>(ctx->params.size()));
  for (const auto& [k, v] : ctx->params) {
    lua_pushlstring(L, v.data(), v.size());
    lua_setfield(L, -2, k.c_str());
  }
  lua_setfield(L, -2, "params");
  if (ctx->test) add_test_functions(L, -1, ctx->test);
  return 1;
}

}  // namespace

bool push_context(lua_State* L, EvalContext* ctx) {
  lua_pushcfunction(L, make_context);
  lua_pushlightuserdata(L, ctx);
  if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
    lua_pop(L, 1);
    return false;
  }
  LuaState::from(L)->current_context = ctx;
  return true;
}

void end_context(lua_State* L) {
  LuaState::from(L)->current_context = nullptr;
}

std::vector<std::string> context_api_names() {
  std::vector<std::string> out;
  for (const luaL_Reg* r = kCtx; r->name; ++r) out.push_back(std::string("ctx.") + r->name);
  for (const char* f : {"ctx.as_of", "ctx.period", "ctx.params"}) out.emplace_back(f);
  return out;
}

}  // namespace gb::script

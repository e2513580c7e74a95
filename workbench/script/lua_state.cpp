#include "script/lua_state.hpp"

#include <cstdlib>
#include <lua.hpp>
#include <new>

#include "script/shared_values.hpp"
#include "script/watchdog.hpp"

namespace gb::script {

const char kBudgetSentinelKey = 0;

namespace {
// The count hook fires every kHookInterval VM instructions.
constexpr int kHookInterval = 10000;

// What a state's extra space (lua_getextraspace) holds.
struct Extra {
  LuaState* self;
};
}  // namespace

LuaState::LuaState(const Limits& limits) : limits_(limits), shared_(std::make_unique<SharedValues>()) {
  L_ = lua_newstate(&LuaState::allocate, this);
  if (!L_) throw std::bad_alloc();
  static_assert(LUA_EXTRASPACE >= sizeof(Extra));
  static_cast<Extra*>(lua_getextraspace(L_))->self = this;
  // The budget sentinel: a unique table, the value the hook raises.
  lua_newtable(L_);
  lua_pushstring(L_, "budget");
  lua_setfield(L_, -2, "kind");
  lua_rawsetp(L_, LUA_REGISTRYINDEX, &kBudgetSentinelKey);
}

LuaState::~LuaState() {
  if (L_) lua_close(L_);
}

LuaState* LuaState::from(lua_State* L) {
  return static_cast<Extra*>(lua_getextraspace(L))->self;
}

void LuaState::set_owner(void* owner) {
  owner_ = owner;
}
void* LuaState::owner(lua_State* L) {
  return from(L)->owner_;
}

void* LuaState::allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
  auto* self = static_cast<LuaState*>(ud);
  // When ptr is null, osize encodes the kind of object, not a size.
  const std::size_t old_size = ptr ? osize : 0;
  if (nsize == 0) {
    std::free(ptr);
    self->used_ -= old_size;
    return nullptr;
  }
  if (nsize > old_size && self->used_ - old_size + nsize > self->limits_.memory_cap) {
    if (!self->exceeded_ && self->L_) {
      // Reading the call stack does not allocate, so it is safe here.
      lua_Debug ar;
      self->cap_file_.clear();
      self->cap_line_ = 0;
      for (int level = 0; lua_getstack(self->L_, level, &ar); ++level) {
        if (lua_getinfo(self->L_, "Sl", &ar) && ar.source && ar.source[0] == '@' && ar.currentline > 0) {
          self->cap_file_ = ar.source + 1;
          self->cap_line_ = ar.currentline;
          break;
        }
      }
    }
    self->exceeded_ = true;
    return nullptr;  // Lua raises "not enough memory"
  }
  void* p = std::realloc(ptr, nsize);
  if (!p) return nullptr;
  self->used_ = self->used_ - old_size + nsize;
  if (self->used_ > self->peak_) self->peak_ = self->used_;
  return p;
}

void LuaState::start_budget(std::chrono::steady_clock::time_point deadline) {
  // A call made while another is running (ctx.indicator of an indicator in
  // the same pack) spends the outer call's budget; it does not get a new one.
  if (budget_depth_++ > 0) return;
  budget_running_ = true;
  exceeded_ = false;
  cap_file_.clear();
  cap_line_ = 0;
  instructions_ = 0;
  deadline_ = deadline;
  lua_sethook(L_, &LuaState::hook, LUA_MASKCOUNT | (probe_line_defined_ > 0 ? LUA_MASKRET : 0), kHookInterval);
}

void LuaState::set_return_probe(std::string source, int line_defined) {
  probe_source_ = std::move(source);
  probe_line_defined_ = line_defined;
  probe_return_line_ = 0;
}

void LuaState::clear_return_probe() {
  probe_source_.clear();
  probe_line_defined_ = 0;
}

void LuaState::stop_budget() {
  if (budget_depth_ > 0 && --budget_depth_ > 0) return;
  budget_running_ = false;
  lua_sethook(L_, nullptr, 0, 0);
}

void LuaState::hook(lua_State* L, lua_Debug* ar) {
  LuaState* self = from(L);
  if (!self->budget_running_) return;
  if (ar->event == LUA_HOOKRET) {
    // Only set with a return probe: note where the probed function returns.
    if (lua_getinfo(L, "Sl", ar) && ar->linedefined == self->probe_line_defined_ && ar->source &&
        self->probe_source_ == ar->source)
      self->probe_return_line_ = ar->currentline;
    return;
  }
  self->instructions_ += kHookInterval;
  // Tell the watchdog where the call is, in case the next thing it does is
  // a library function that never returns.
  lua_Debug frame;
  for (int level = 0; lua_getstack(L, level, &frame); ++level) {
    if (lua_getinfo(L, "Sl", &frame) && frame.source && frame.source[0] == '@' && frame.currentline > 0) {
      CallWatch::seen_at(frame.source + 1, frame.currentline);
      break;
    }
  }
  const bool out_of_time = std::chrono::steady_clock::now() > self->deadline_;
  const bool out_of_steps = self->instructions_ > self->limits_.instruction_budget;
  if (!out_of_time && !out_of_steps) return;
  self->exceeded_ = true;
  // Raise the sentinel: the protected-call helper turns it into a message,
  // and the sandbox's pcall refuses to catch it.
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kBudgetSentinelKey);
  lua_pushstring(L, out_of_time ? "time" : "instructions");
  lua_setfield(L, -2, "which");
  lua_error(L);
}

}  // namespace gb::script

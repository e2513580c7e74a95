#include "engine/workspace.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <thread>

#include "core/error.hpp"
#include "core/json.hpp"
#include "data/migrations.hpp"
#include "data/schema_check.hpp"
#include "data/settings.hpp"
#include "engine/pack_host.hpp"
#include "engine/wire.hpp"

extern char** environ;

namespace gb::engine {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kConsoleLines = 2000;
constexpr std::size_t kMaxMessage = std::size_t(512) << 20;  // a view or result list larger than this is refused
constexpr std::size_t kKeptViews = 48;

// Generations are unique in the process: a value a panel kept from one
// workspace never matches another opened later (Open database...).
std::uint64_t next_generation() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

std::string signal_text(int sig) {
  const char* name = sigabbrev_np(sig);
  return name ? "SIG" + std::string(name) : "signal " + std::to_string(sig);
}

}  // namespace

Workspace::Workspace(WorkspaceOptions options)
    : options_(std::move(options)), as_of_(options_.as_of), generation_(next_generation()) {
  read_only_ = !data::is_writable(options_.database);
  db_ = std::make_unique<data::Db>(
      data::open_governance_db(options_.database, read_only_ ? data::OpenMode::ReadOnly : data::OpenMode::ReadWrite));
  script_db_ = std::make_unique<script::ScriptDb>(options_.database);
  if (read_only_) {
    read_only_reason_ = options_.database + " may not be written by you: opened read-only; edits and imports are off";
    log(script::ConsoleMessage::Level::Info, read_only_reason_);
  }
  limits_ = workspace_limits(*db_);
  read_schema_warnings();
  start_host();
}

void Workspace::read_schema_warnings() {
  schema_warnings_.clear();
  try {
    for (const auto& f : data::inspect_schema(*db_)) schema_warnings_.push_back(f.message());
  } catch (const Error& e) {
    schema_warnings_.push_back("the schema could not be checked: " + e.message());
  }
  for (const auto& w : schema_warnings_) log(script::ConsoleMessage::Level::Error, w);
}

Workspace::~Workspace() {
  stop_host();
}

void Workspace::log(script::ConsoleMessage::Level level, const std::string& text) {
  console_.push_back({level, "", "", 0, text});
  while (console_.size() > kConsoleLines) console_.pop_front();
}

// ---- the host process -------------------------------------------------------------

void Workspace::start_host() {
  std::string program = options_.host_program;
  if (program.empty())
    if (const char* env = std::getenv("GOVBENCH_PACK_HOST"); env && *env) program = env;
  if (program.empty()) program = "/proc/self/exe";
  std::vector<std::string> args{program, "pack-host", "--db", options_.database};
  for (const auto& d : options_.pack_dirs) {
    args.push_back("--packs");
    args.push_back(d);
  }
  if (!options_.include_bundled) args.push_back("--no-bundled");
  if (!options_.watch) args.push_back("--no-watch");
  for (const auto& p : excluded_packs_) {
    args.push_back("--exclude");
    args.push_back(p);
  }
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    throw Error(std::string("cannot start the pack host: socketpair: ") + std::strerror(errno));
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, sv[1], 0);
  posix_spawn_file_actions_adddup2(&fa, sv[1], 1);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, program.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(sv[1]);
  if (rc != 0) {
    ::close(sv[0]);
    throw Error("cannot start the pack host (" + program + "): " + std::strerror(rc));
  }
  host_pid_ = pid;
  host_fd_ = sv[0];
  ::fcntl(host_fd_, F_SETFL, ::fcntl(host_fd_, F_GETFL) | O_NONBLOCK);
  reader_ = std::make_unique<LineReader>(host_fd_);
  ++host_starts_;
  started_at_ = last_heard_ = Clock::now();
  catalog_known_ = false;
  out_.clear();
  for (const auto& r : inflight_) out_ += r.body.to_json() + "\n";
  flush_out();
}

// Closes the pipe (the host sees the end of its input and exits), waits up
// to `patience` for the host to go, then kills it; returns its wait status
// (0 when none ran).
int Workspace::end_host(std::chrono::milliseconds patience) {
  if (host_fd_ >= 0) ::close(host_fd_);
  host_fd_ = -1;
  reader_.reset();
  int status = 0;
  if (host_pid_ > 0) {
    const auto until = Clock::now() + patience;
    bool gone = false;
    while (!(gone = ::waitpid(host_pid_, &status, WNOHANG) == host_pid_) && Clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(4));
    if (!gone) {
      ::kill(host_pid_, SIGKILL);
      ::waitpid(host_pid_, &status, 0);
    }
  }
  host_pid_ = -1;
  return status;
}

void Workspace::stop_host() {
  end_host(std::chrono::milliseconds(200));
}

std::string Workspace::describe_current_call() const {
  if (!current_indicator_.empty()) {
    std::string s = " while evaluating indicator " + current_indicator_;
    if (auto ref = catalog_.find_indicator(current_indicator_))
      s += " (pack " + ref->pack->name + ", " + ref->def->site.file + ":" + std::to_string(ref->def->site.line) + ")";
    return s;
  }
  if (inflight_.empty()) return catalog_known_ ? "" : " while loading the packs";
  switch (inflight_.front().kind) {
    case Kind::Register:
      return " while scoring the register with rule " + active_rule_cache_;
    case Kind::View:
      return " while building a view";
    case Kind::Detail:
      return " while working out a risk's detail";
    case Kind::Reload:
      return " while loading the packs";
    case Kind::Console:
      return " while running the console's input";
    default:
      return "";
  }
}

std::chrono::milliseconds Workspace::answer_limit() const {
  // The host's own watchdog ends a stalled call at budget + grace and says
  // where; this is the backstop for a host that cannot even do that.
  const auto budget = limits_.time_budget;
  if (!catalog_known_) return std::max(std::chrono::milliseconds(60000), 4 * budget);
  return 2 * (budget + script::stall_grace(budget)) + std::chrono::milliseconds(5000);
}

void Workspace::host_stopped(const std::string& why_if_unknown) {
  const int status = end_host(std::chrono::milliseconds(1000));

  std::string what;
  if (stall_)
    what = stall_->message();
  else if (!why_if_unknown.empty())
    what = why_if_unknown + describe_current_call();
  else if (WIFSIGNALED(status))
    what = "the pack host stopped with " + signal_text(WTERMSIG(status)) + describe_current_call();
  else
    what = "the pack host ended unexpectedly (exit status " +
           std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")" + describe_current_call();
  last_host_failure_ = what;
  log(script::ConsoleMessage::Level::Error, what + "; it was started again");

  if (!catalog_known_) {
    // It died while loading the packs: leave out the pack that stalled, if
    // the watchdog said which; otherwise try a few times, then give up.
    if (stall_ && !stall_->pack.empty()) {
      excluded_packs_.push_back(stall_->pack);
      exclusion_reasons_[stall_->pack] = what;
      quick_failures_ = 0;
    } else if (++quick_failures_ >= 3) {
      host_failed_ = true;
      log(script::ConsoleMessage::Level::Error,
          "the pack host could not load the packs three times in a row; "
          "packs are off until you reload them (Ctrl+R)");
      while (!inflight_.empty()) {
        const Request r = inflight_.front();
        inflight_.pop_front();
        fail_request(r, what);
      }
      stall_.reset();
      current_indicator_.clear();
      return;
    }
  } else if (!inflight_.empty()) {
    Request& head = inflight_.front();
    const bool indicators = head.kind == Kind::Indicators || head.kind == Kind::BaselineIndicators;
    if (indicators && !current_indicator_.empty()) {
      // Leave that indicator out (with this error) and ask again for the rest.
      blocked_indicators_[current_indicator_] = what;
      for (auto& r : inflight_)
        if (r.kind == Kind::Indicators || r.kind == Kind::BaselineIndicators) r.body.set("blocked", blocked_tree());
    } else {
      const Request r = head;
      inflight_.pop_front();
      if (r.kind == Kind::Register) blocked_register_ = what;
      if (r.kind == Kind::View) blocked_views_[r.key] = what;
      fail_request(r, what);
    }
  }
  stall_.reset();
  current_indicator_.clear();
  start_host();
}

Tree Workspace::blocked_tree() const {
  Tree b = Tree::array();
  for (const auto& [id, why] : blocked_indicators_) {
    Tree pair = Tree::array();
    pair.push(id);
    pair.push(why);
    b.push(std::move(pair));
  }
  return b;
}

std::int64_t Workspace::send(Kind kind, Tree body, const std::string& key) {
  Request r;
  r.id = next_id_++;
  r.kind = kind;
  r.key = key;
  r.state = state_;
  body.set("id", r.id);
  r.body = std::move(body);
  if (host_fd_ >= 0) out_ += r.body.to_json() + "\n";
  inflight_.push_back(std::move(r));
  if (inflight_.size() == 1) last_heard_ = Clock::now();  // the clock for an answer starts now
  flush_out();
  return inflight_.back().id;
}

void Workspace::flush_out() {
  while (host_fd_ >= 0 && !out_.empty()) {
    const ssize_t n = ::send(host_fd_, out_.data(), out_.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      out_.erase(0, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;  // full (try again next frame) or gone (the reader sees the end)
  }
}

Tree Workspace::state_fields() const {
  Tree t = Tree::object();
  t.set("as_of", as_of_);
  t.set("scenario", scenario_ ? wire::encode_int64(scenario_->id) : Tree());
  return t;
}

// ---- taking in what the host sends --------------------------------------------------

// A slot's answer for the request has come (a result or an error).
template <class T>
void Workspace::answered(Slot<T>& slot, const Request& req) {
  slot.has = true;
  slot.state = req.state;
  slot.in_flight = 0;
}

bool Workspace::poll() {
  bool changed = false;
  if (host_failed_) return false;
  flush_out();
  std::vector<std::string> lines;
  const bool open = reader_ && reader_->read_available(lines, kMaxMessage);
  for (const auto& line : lines) {
    last_heard_ = Clock::now();
    changed = true;
    try {
      handle(parse_json(line));
    } catch (const std::exception& e) {
      log(script::ConsoleMessage::Level::Error,
          std::string("the pack host sent a message that is not understood: ") + e.what());
    }
  }
  if (!open) {
    host_stopped("");
    changed = true;
  } else if (busy() && Clock::now() - last_heard_ > answer_limit()) {
    ::kill(host_pid_, SIGKILL);
    host_stopped("the pack host did not answer within " +
                 std::to_string(std::chrono::duration_cast<std::chrono::seconds>(answer_limit()).count()) +
                 " s and was stopped");
    changed = true;
  }
  prune();
  if (changed) generation_ = next_generation();
  return changed;
}

void Workspace::handle(const Tree& m) {
  const Tree* type = m.find("type");
  if (!type || !type->is_string()) throw Error("a message without \"type\"");
  const std::string& t = type->as_string();
  if (t == "catalog") {
    const Tree* c = m.find("catalog");
    if (!c) throw Error("catalog: no \"catalog\"");
    PackCatalog next = wire::from_tree<PackCatalog>(*c, "catalog");
    for (auto& p : next.packs)
      if (auto why = exclusion_reasons_.find(p.name); why != exclusion_reasons_.end()) {
        p.status = script::PackEntry::Status::Failed;
        script::ScriptError e;
        e.pack = p.name;
        e.kind = script::ScriptError::Kind::Budget;
        e.message = "not loaded: " + why->second;
        p.problems.push_back(e);
      }
    const bool reload = catalog_known_;  // a reload after a save, not the catalog of a (re)started host
    catalog_ = std::move(next);
    catalog_known_ = true;
    ++catalog_version_;
    quick_failures_ = 0;
    if (const Tree* lr = m.find("last_reload"); lr && lr->is_string()) last_reload_ = lr->as_string();
    if (reload) {
      blocked_indicators_.clear();
      blocked_views_.clear();
      blocked_register_.clear();
      state_changed();
    }
  } else if (t == "console") {
    if (const Tree* list = m.find("messages"); list && list->is_array())
      for (const Tree& item : list->as_array()) {
        console_.push_back(wire::from_tree<script::ConsoleMessage>(item, "messages[]"));
        while (console_.size() > kConsoleLines) console_.pop_front();
      }
  } else if (t == "at") {
    if (const Tree* i = m.find("indicator"); i && i->is_string()) current_indicator_ = i->as_string();
  } else if (t == "partial") {
    const Tree* idt = m.find("id");
    const Tree* res = m.find("result");
    if (!idt || !res) throw Error("partial: needs \"id\" and \"result\"");
    const std::int64_t id = wire::decode_int64(*idt, "id");
    for (const auto& r : inflight_) {
      if (r.id != id || (r.kind != Kind::Indicators && r.kind != Kind::BaselineIndicators)) continue;
      auto& slot = r.kind == Kind::Indicators ? indicators_ : baseline_indicators_;
      IndicatorResult one = wire::from_tree<IndicatorResult>(*res, "result");
      // Shown at once, in place of the result for an earlier state.
      auto same =
          std::find_if(slot.value.begin(), slot.value.end(), [&](const IndicatorResult& x) { return x.id == one.id; });
      fresh_.insert(one.id);
      if (same != slot.value.end())
        *same = std::move(one);
      else
        slot.value.push_back(std::move(one));
      break;
    }
  } else if (t == "changed") {
    state_changed();
  } else if (t == "stall") {
    if (const Tree* r = m.find("report")) stall_ = stall_from_tree(*r);
  } else if (t == "fatal") {
    const Tree* e = m.find("error");
    host_failed_ = true;
    last_host_failure_ = e && e->is_string() ? e->as_string() : "the pack host could not start";
    log(script::ConsoleMessage::Level::Error, "pack host: " + last_host_failure_);
    while (!inflight_.empty()) {
      const Request r = inflight_.front();
      inflight_.pop_front();
      fail_request(r, last_host_failure_);
    }
  } else if (t == "result") {
    const Tree* idt = m.find("id");
    const std::int64_t id = idt ? wire::decode_int64(*idt, "id") : 0;
    current_indicator_.clear();
    for (auto it = inflight_.begin(); it != inflight_.end(); ++it) {
      if (it->id != id) continue;
      const Request r = *it;
      inflight_.erase(it);
      if (const Tree* err = m.find("error"); err && err->is_string())
        fail_request(r, err->as_string());
      else
        apply_result(r, m);
      return;
    }
  }
}

void Workspace::apply_result(const Request& req, const Tree& m) {
  auto field = [&](const char* name) -> const Tree& {
    const Tree* f = m.find(name);
    if (!f) throw Error(std::string("result: no \"") + name + "\"");
    return *f;
  };
  switch (req.kind) {
    case Kind::Indicators:
    case Kind::BaselineIndicators: {
      auto& slot = req.kind == Kind::Indicators ? indicators_ : baseline_indicators_;
      slot.value = wire::from_tree<std::vector<IndicatorResult>>(field("indicators"), "indicators");
      answered(slot, req);
      break;
    }
    case Kind::Register:
      register_.value = wire::from_tree<ScoredRegister>(field("register"), "register");
      heat_grid_ = wire::from_tree<HeatGrid>(field("heat_grid"), "heat_grid");
      baseline_register_ = wire::from_tree<ScoredRegister>(field("baseline"), "baseline");
      answered(register_, req);
      break;
    case Kind::View: {
      auto& slot = views_[req.key];
      ViewOutcome o;
      if (const Tree* t = m.find("tree"))
        o.tree = *t;
      else if (const Tree* e = m.find("view_error"); e && e->is_string())
        o.error = e->as_string();
      slot.value = std::move(o);
      answered(slot, req);
      break;
    }
    case Kind::Detail: {
      auto& slot = details_[std::stoll(req.key)];
      slot.value.detail = wire::from_tree<RiskDetail>(field("detail"), "detail");
      slot.value.error.clear();
      answered(slot, req);
      break;
    }
    case Kind::Reload:
      reload_error_.clear();
      break;
    case Kind::Console:
      for (auto& e : console_entries_)
        if (e.id == req.id) {
          e.outcome = ConsoleOutcome::from_tree(field("console"));
          e.pending = false;
        }
      ++generation_;
      break;
  }
}

void Workspace::fail_request(const Request& req, const std::string& error) {
  switch (req.kind) {
    case Kind::Indicators:
    case Kind::BaselineIndicators: {
      auto& slot = req.kind == Kind::Indicators ? indicators_ : baseline_indicators_;
      answered(slot, req);
      log(script::ConsoleMessage::Level::Error, "indicators: " + error);
      break;
    }
    case Kind::Register: {
      ScoredRegister empty;
      empty.rule_id = active_rule_cache_;
      empty.errors.push_back(error);
      register_.value = empty;
      baseline_register_ = empty;
      heat_grid_ = HeatGrid{};
      heat_grid_.error = error;
      answered(register_, req);
      break;
    }
    case Kind::View: {
      auto& slot = views_[req.key];
      slot.value = ViewOutcome{Tree(), error, false};
      answered(slot, req);
      break;
    }
    case Kind::Detail: {
      auto& slot = details_[std::stoll(req.key)];
      slot.value.error = error;
      answered(slot, req);
      break;
    }
    case Kind::Reload:
      reload_error_ = "the packs could not be reloaded: " + error + " (the packs in use stay)";
      log(script::ConsoleMessage::Level::Error, reload_error_);
      break;
    case Kind::Console:
      for (auto& e : console_entries_)
        if (e.id == req.id) {
          e.outcome = ConsoleOutcome{};
          e.outcome.input = e.input;
          e.outcome.language = looks_like_sql(e.input) ? "sql" : "lua";
          e.outcome.kind = ConsoleOutcome::Kind::Error;
          e.outcome.text = error;
          e.pending = false;
        }
      ++generation_;
      break;
  }
}

void Workspace::console_submit(const std::string& input) {
  ConsoleEntry e;
  e.input = input;
  if (host_failed_) {
    e.pending = false;
    e.outcome.input = input;
    e.outcome.kind = ConsoleOutcome::Kind::Error;
    e.outcome.text = "packs are off: " + last_host_failure_ + " (reload them with Ctrl+R)";
    console_entries_.push_back(std::move(e));
  } else {
    Tree body = state_fields();
    body.set("op", "console");
    body.set("input", input);
    e.id = send(Kind::Console, std::move(body));
    console_entries_.push_back(std::move(e));
  }
  while (console_entries_.size() > 100) console_entries_.pop_front();
}

void Workspace::console_clear() {
  // Answers still on their way are kept, so they have somewhere to land.
  std::deque<ConsoleEntry> keep;
  for (auto& e : console_entries_)
    if (e.pending) keep.push_back(std::move(e));
  console_entries_ = std::move(keep);
}

void Workspace::prune() {
  if (views_.size() <= kKeptViews) return;
  std::vector<std::pair<std::uint64_t, std::string>> by_use;
  for (const auto& [k, s] : views_)
    if (!s.in_flight) by_use.emplace_back(s.used, k);
  std::sort(by_use.begin(), by_use.end());
  for (std::size_t i = 0; i < by_use.size() && views_.size() > kKeptViews; ++i) views_.erase(by_use[i].second);
}

// ---- state ------------------------------------------------------------------------------

void Workspace::state_changed() {
  ++state_;
  generation_ = next_generation();
}

void Workspace::reload_all() {
  host_failed_ = false;
  quick_failures_ = 0;
  excluded_packs_.clear();
  exclusion_reasons_.clear();
  blocked_indicators_.clear();
  blocked_views_.clear();
  blocked_register_.clear();
  if (host_fd_ < 0) start_host();
  Tree body = Tree::object();
  body.set("op", "reload");
  send(Kind::Reload, std::move(body));
  state_changed();
}

void Workspace::data_changed() {
  limits_ = workspace_limits(*db_);
  read_schema_warnings();
  state_changed();
}

void Workspace::set_as_of(const std::string& date) {
  if (date == as_of_) return;
  as_of_ = date;
  state_changed();
}

std::string Workspace::active_rule() {
  active_rule_cache_ = data::get_setting(*db_, data::kSettingScoringRule).value_or(kDefaultRule);
  return active_rule_cache_;
}

// ---- results ----------------------------------------------------------------------------

const std::vector<IndicatorResult>& Workspace::baseline_indicators() {
  auto& slot = scenario_ ? baseline_indicators_ : indicators_;
  if (slot.state != state_ && !slot.in_flight && !host_failed_) {
    Tree body = state_fields();
    body.set("op", "indicators");
    body.set("baseline", true);
    body.set("blocked", blocked_tree());
    slot.in_flight = send(scenario_ ? Kind::BaselineIndicators : Kind::Indicators, std::move(body));
    fresh_.clear();
  }
  return slot.value;
}

const std::vector<IndicatorResult>& Workspace::indicators() {
  if (!scenario_) return baseline_indicators();
  if (indicators_.state != state_ && !indicators_.in_flight && !host_failed_) {
    Tree body = state_fields();
    body.set("op", "indicators");
    body.set("baseline", false);
    body.set("blocked", blocked_tree());
    indicators_.in_flight = send(Kind::Indicators, std::move(body));
    fresh_.clear();
  }
  return indicators_.value;
}

bool Workspace::indicator_pending(const std::string& id) const {
  return indicators_pending() && !fresh_.count(id);
}

bool Workspace::indicators_pending() const {
  return !host_failed_ && (indicators_.state != state_ || (scenario_ && baseline_indicators_.state != state_));
}

void Workspace::want_register() {
  if (register_.state == state_ || register_.in_flight || host_failed_) return;
  if (!blocked_register_.empty()) {
    Request r;
    r.kind = Kind::Register;
    r.state = state_;
    fail_request(r, blocked_register_);
    return;
  }
  Tree body = state_fields();
  body.set("op", "register");
  register_.in_flight = send(Kind::Register, std::move(body));
}

const ScoredRegister& Workspace::scored_register() {
  want_register();
  return register_.value;
}

const ScoredRegister& Workspace::baseline_register() {
  want_register();
  return scenario_ ? baseline_register_ : register_.value;
}

const HeatGrid& Workspace::heat_grid() {
  want_register();
  return heat_grid_;
}

bool Workspace::register_pending() const {
  return !host_failed_ && register_.state != state_;
}

const ViewOutcome* Workspace::view(ViewRequest request) {
  if (request.as_of.empty()) request.as_of = as_of_;
  std::string key = wire::to_json(request);
  key += '\x1f';
  key += scenario_ ? std::to_string(scenario_->id) : "-";
  auto& slot = views_[key];
  slot.used = ++uses_;
  if (slot.state != state_ && !slot.in_flight && !host_failed_) {
    if (auto b = blocked_views_.find(key); b != blocked_views_.end()) {
      slot.value = ViewOutcome{Tree(), b->second, true};
      slot.has = true;
      slot.state = state_;
    } else {
      Tree body = state_fields();
      body.set("op", "view");
      body.set("request", wire::to_tree(request));
      slot.in_flight = send(Kind::View, std::move(body), key);
    }
  }
  if (!slot.has) return nullptr;
  slot.value.current = slot.state == state_;
  return &slot.value;
}

const DetailOutcome* Workspace::risk_detail(std::int64_t risk_id) {
  auto& slot = details_[risk_id];
  if (slot.state != state_ && !slot.in_flight && !host_failed_) {
    Tree body = state_fields();
    body.set("op", "risk_detail");
    body.set("risk", wire::encode_int64(risk_id));
    slot.in_flight = send(Kind::Detail, std::move(body), std::to_string(risk_id));
  }
  if (!slot.has) return nullptr;
  slot.value.current = slot.state == state_;
  return &slot.value;
}

std::string Workspace::activity() const {
  if (host_failed_) return "packs are off: " + last_host_failure_;
  if (!catalog_known_) return "loading packs...";
  if (inflight_.empty()) return "";
  switch (inflight_.front().kind) {
    case Kind::Indicators:
    case Kind::BaselineIndicators:
      return current_indicator_.empty() ? "evaluating indicators..." : "evaluating " + current_indicator_ + "...";
    case Kind::Register:
      return "scoring the register...";
    case Kind::View:
      return "building the view...";
    case Kind::Detail:
      return "working out the risk's detail...";
    case Kind::Reload:
      return "reloading packs...";
    case Kind::Console:
      return "running the console's input...";
  }
  return "";
}

bool Workspace::wait_idle(std::chrono::milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  while (busy() && Clock::now() < until) {
    if (!poll()) {
      pollfd pfd{host_fd_, POLLIN, 0};
      if (host_fd_ >= 0)
        ::poll(&pfd, 1, 20);
      else
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  return !busy();
}

std::size_t Workspace::error_count() const {
  return catalog_.problems().size();
}

}  // namespace gb::engine

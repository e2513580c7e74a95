#include "engine/pack_host.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/sanitizer.hpp"
#include "engine/catalog.hpp"
#include "engine/register_model.hpp"
#include "engine/wire.hpp"

namespace gb::engine {

namespace {

constexpr bool kSanitized = kAddressSanitizer;

// The OS's cap on the host's memory, besides each pack's Lua cap: a pack
// that makes SQLite or the host allocate without bound ends the host (which
// the window restarts), not the machine. Not under AddressSanitizer, which
// reserves terabytes of address space.
void cap_address_space(std::size_t bytes) {
  if (kSanitized) return;
  rlimit r{};
  r.rlim_cur = r.rlim_max = bytes;
  setrlimit(RLIMIT_AS, &r);
}

int g_out_fd = -1;

// The watchdog's action in the host: tell the window where the call was,
// then end at once (the stuck thread cannot be stopped).
void report_stall_and_exit(const script::StallReport& r) {
  Tree m = Tree::object();
  m.set("type", "stall");
  m.set("report", stall_to_tree(r));
  // A newline first: the main thread may have stopped mid-line.
  write_line(g_out_fd, "\n" + m.to_json());
  ::_exit(kHostStalled);
}

class Host {
 public:
  Host(WorkspaceOptions o, int out_fd) : out_(out_fd) {
    o.open_read_only = true;
    ws_ = std::make_unique<LocalWorkspace>(std::move(o));
    send_catalog();
  }

  // Handles one request line; false when the window asked to stop.
  void handle(const std::string& line) {
    Tree req;
    std::int64_t id = 0;
    try {
      req = parse_json(line);
      if (!req.is_object()) throw Error("a request must be a JSON object");
      const Tree* op = req.find("op");
      if (!op || !op->is_string()) throw Error("a request needs \"op\"");
      if (const Tree* i = req.find("id")) id = wire::decode_int64(*i, "id");
      refresh();
      Tree reply = Tree::object();
      reply.set("type", "result");
      reply.set("id", wire::encode_int64(id));
      const std::string& what = op->as_string();
      if (what == "indicators")
        indicators(req, id, reply);
      else if (what == "register")
        register_(req, reply);
      else if (what == "view")
        view(req, reply);
      else if (what == "risk_detail")
        risk_detail(req, reply);
      else if (what == "console")
        console(req, reply);
      else if (what == "reload") {
        ws_->reload_all();
        send_catalog();
      } else {
        throw Error("no such request '" + what + "'");
      }
      flush_console();
      send(reply);
    } catch (const std::exception& e) {
      flush_console();
      Tree reply = Tree::object();
      reply.set("type", "result");
      reply.set("id", wire::encode_int64(id));
      reply.set("error", std::string(e.what()));
      send(reply);
    }
  }

  // Between requests: packs saved, the database written by another program.
  void idle() {
    if (refresh()) {
      Tree m = Tree::object();
      m.set("type", "changed");
      send(m);
    }
    flush_console();
  }

 private:
  // Re-reads the watcher and the database's version; returns true when
  // anything may have changed. Sends the catalog again after a reload.
  bool refresh() {
    const std::uint64_t before = ws_->reloads();
    const bool changed = ws_->poll();
    if (ws_->reloads() != before) send_catalog();
    return changed;
  }

  void apply_state(const Tree& req) {
    if (const Tree* a = req.find("as_of"); a && a->is_string()) ws_->set_as_of(a->as_string());
    std::optional<std::int64_t> scenario;
    if (const Tree* s = req.find("scenario"); s && !s->is_null()) scenario = wire::decode_int64(*s, "scenario");
    const auto* current = ws_->scenario();
    const bool same = (!scenario && !current) || (scenario && current && current->id == *scenario);
    if (!same) ws_->set_scenario(scenario);
  }

  void indicators(const Tree& req, std::int64_t id, Tree& reply) {
    apply_state(req);
    const bool baseline = req.find("baseline") && req.find("baseline")->is_bool() && req.find("baseline")->as_bool();
    ws_->evaluator().unblock_all();
    if (const Tree* b = req.find("blocked"); b && b->is_array())
      for (const Tree& pair : b->as_array())
        if (pair.is_array() && pair.size() == 2 && pair.as_array()[0].is_string() && pair.as_array()[1].is_string())
          ws_->evaluator().block(pair.as_array()[0].as_string(), pair.as_array()[1].as_string());
    std::vector<IndicatorResult> out;
    for (const auto& ref : ws_->packs().indicators()) {
      Tree at = Tree::object();
      at.set("type", "at");
      at.set("id", wire::encode_int64(id));
      at.set("indicator", ref.def->id);
      send(at);
      out.push_back(ws_->evaluate_indicator(ref.def->id, baseline));
      // Each result as it comes: the window shows the tiles done so far.
      Tree partial = Tree::object();
      partial.set("type", "partial");
      partial.set("id", wire::encode_int64(id));
      partial.set("result", wire::to_tree(out.back()));
      send(partial);
    }
    reply.set("indicators", wire::to_tree(out));
  }

  void register_(const Tree& req, Tree& reply) {
    apply_state(req);
    reply.set("register", wire::to_tree(ws_->scored_register()));
    reply.set("heat_grid", wire::to_tree(ws_->heat_grid()));
    reply.set("baseline", wire::to_tree(ws_->baseline_register()));
    reply.set("rule", ws_->active_rule());
  }

  void view(const Tree& req, Tree& reply) {
    apply_state(req);
    const Tree* r = req.find("request");
    if (!r) throw Error("a view request needs \"request\"");
    ViewRequest vr = wire::from_tree<ViewRequest>(*r, "request");
    try {
      reply.set("tree", ws_->build_view(vr));
    } catch (const Error& e) {
      reply.set("view_error", std::string(e.what()));
    }
  }

  void risk_detail(const Tree& req, Tree& reply) {
    apply_state(req);
    const Tree* r = req.find("risk");
    if (!r) throw Error("a risk_detail request needs \"risk\"");
    const std::int64_t risk = wire::decode_int64(*r, "risk");
    reply.set("detail", wire::to_tree(engine::risk_detail(ws_->db(), ws_->packs(), ws_->active_rule(), risk)));
  }

  void console(const Tree& req, Tree& reply) {
    apply_state(req);
    const Tree* in = req.find("input");
    if (!in || !in->is_string()) throw Error("a console request needs \"input\" (text)");
    reply.set("console", ws_->run_console(in->as_string()).to_tree());
  }

  void send_catalog() {
    Tree m = Tree::object();
    m.set("type", "catalog");
    m.set("catalog", wire::to_tree(PackCatalog::of(ws_->packs())));
    m.set("last_reload", ws_->last_reload());
    flush_console();
    send(m);
  }

  void flush_console() {
    const std::uint64_t seq = ws_->console_seq();
    if (seq == console_sent_) return;
    const auto& c = ws_->console();
    const std::uint64_t fresh = std::min<std::uint64_t>(seq - console_sent_, c.size());
    Tree list = Tree::array();
    for (std::size_t i = c.size() - static_cast<std::size_t>(fresh); i < c.size(); ++i) list.push(wire::to_tree(c[i]));
    console_sent_ = seq;
    Tree m = Tree::object();
    m.set("type", "console");
    m.set("messages", std::move(list));
    send(m);
  }

  void send(const Tree& m) {
    if (!write_line(out_, m.to_json())) ::_exit(0);  // the window is gone
  }

  int out_;
  std::unique_ptr<LocalWorkspace> ws_;
  std::uint64_t console_sent_ = 0;
};

}  // namespace

Tree stall_to_tree(const script::StallReport& r) {
  Tree t = Tree::object();
  t.set("pack", r.pack);
  t.set("file", r.file);
  t.set("line", r.line);
  t.set("outer_pack", r.outer_pack);
  t.set("budget_ms", static_cast<std::int64_t>(r.budget.count()));
  t.set("grace_ms", static_cast<std::int64_t>(r.grace.count()));
  t.set("depth", r.depth);
  t.set("message", r.message());
  return t;
}

script::StallReport stall_from_tree(const Tree& t) {
  script::StallReport r;
  auto str = [&](const char* k) {
    const Tree* v = t.find(k);
    return v && v->is_string() ? v->as_string() : std::string();
  };
  auto num = [&](const char* k) {
    const Tree* v = t.find(k);
    return v && v->is_number() ? static_cast<std::int64_t>(v->as_number()) : 0;
  };
  r.pack = str("pack");
  r.file = str("file");
  r.line = static_cast<int>(num("line"));
  r.outer_pack = str("outer_pack");
  r.budget = std::chrono::milliseconds(num("budget_ms"));
  r.grace = std::chrono::milliseconds(num("grace_ms"));
  r.depth = static_cast<int>(num("depth"));
  return r;
}

bool LineReader::read_available(std::vector<std::string>& lines, std::size_t max_line) {
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n > 0) {
      std::size_t start = 0;
      for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i) {
        if (buf[i] != '\n') continue;
        buffer_.append(buf + start, i - start);
        if (!buffer_.empty()) lines.push_back(std::move(buffer_));
        buffer_.clear();
        start = i + 1;
      }
      buffer_.append(buf + start, static_cast<std::size_t>(n) - start);
      if (buffer_.size() > max_line) return false;
      continue;
    }
    if (n == 0) return false;  // end of file
    if (errno == EINTR) continue;
    return errno == EAGAIN || errno == EWOULDBLOCK;
  }
}

bool write_line(int fd, const std::string& text) {
  std::string line = text;
  line += '\n';
  const char* p = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd pfd{fd, POLLOUT, 0};
      ::poll(&pfd, 1, 1000);
      continue;
    }
    if (n <= 0) return false;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

int run_pack_host(WorkspaceOptions options, int in_fd, int out_fd) {
  g_out_fd = out_fd;
  cap_address_space(std::size_t(8) << 30);
  script::arm_watchdog(report_stall_and_exit);
  std::unique_ptr<Host> host;
  try {
    host = std::make_unique<Host>(std::move(options), out_fd);
  } catch (const std::exception& e) {
    Tree m = Tree::object();
    m.set("type", "fatal");
    m.set("error", std::string(e.what()));
    write_line(out_fd, m.to_json());
    return 1;
  }
  ::fcntl(in_fd, F_SETFL, ::fcntl(in_fd, F_GETFL) | O_NONBLOCK);
  LineReader in(in_fd);
  for (;;) {
    pollfd pfd{in_fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, 200);
    if (ready < 0 && errno != EINTR) return 1;
    if (ready <= 0) {
      host->idle();
      continue;
    }
    std::vector<std::string> lines;
    const bool open = in.read_available(lines);
    for (const auto& l : lines) host->handle(l);
    if (!open) return 0;  // the window closed our stdin: it is done with us
  }
}

}  // namespace gb::engine

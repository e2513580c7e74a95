// The pack host: the process in which the window's pack code runs.
//
// The window (workspace.hpp) starts `govbench pack-host` as a child, writes
// requests to its stdin and reads messages from its stdout, one JSON object
// a line (wire.hpp encodes the data). The host opens the database read-only
// itself, loads and watches the packs, builds scenario overlays itself and
// answers from a LocalWorkspace. Whatever a pack does, the window only ever
// waits on a pipe it polls: a host that stalls is killed from outside once
// its call passes the budget plus grace (the host's own watchdog usually
// says where first), a host that crashes is restarted, and the call it was
// in ends as an error naming the pack, file and line.
//
// Requests (window -> host), each with "id" (a number the reply repeats):
//   {"op":"indicators", "as_of", "scenario": id|null, "baseline": bool,
//    "blocked": [[indicator id, error], ...]}
//   {"op":"register", "as_of", "scenario"}     scored register, heat grid, baseline register
//   {"op":"view", "as_of", "scenario", "request": ViewRequest}
//   {"op":"risk_detail", "as_of", "scenario", "risk": id}
//   {"op":"reload"}                            reload every pack
// Messages (host -> window):
//   {"type":"catalog", "catalog", "last_reload"}   at start and after any (re)load
//   {"type":"console", "messages": [...]}          pack output since the last
//   {"type":"at", "id", "indicator"}               about to evaluate this indicator
//   {"type":"partial", "id", "result"}             one indicator's result, as soon as it is known
//   {"type":"changed"}                             the database or packs changed
//   {"type":"result", "id", ...}                   the answer to a request
//   {"type":"stall", "report": {...}}              the host's watchdog fired; it exits
#pragma once
#include <chrono>
#include <string>

#include "engine/local_workspace.hpp"
#include "script/watchdog.hpp"

namespace gb::engine {

// Runs the host on the given pipe ends until `in_fd` closes. Returns the
// process exit status.
int run_pack_host(WorkspaceOptions options, int in_fd, int out_fd);

// Exit status of a host whose watchdog stopped a stalled call.
inline constexpr int kHostStalled = 3;

// A stall report as the host sends it, and back.
Tree stall_to_tree(const script::StallReport& r);
script::StallReport stall_from_tree(const Tree& t);

// Reads whole lines from a file descriptor without blocking longer than
// asked; keeps what follows the last newline for the next call.
class LineReader {
 public:
  explicit LineReader(int fd) : fd_(fd) {}
  // Appends complete lines read so far to `lines`. Returns false at end of
  // file or on a read error (lines already complete are still given).
  // A line longer than `max_line` bytes is an error (returns false).
  bool read_available(std::vector<std::string>& lines, std::size_t max_line = std::size_t(1) << 30);
  int fd() const { return fd_; }

 private:
  int fd_;
  std::string buffer_;
};

// Writes all of `text` and a newline; false if the other end is gone.
bool write_line(int fd, const std::string& text);

}  // namespace gb::engine

#include "support/pg_server.hpp"

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <random>
#include <stdexcept>

#include "support.hpp"

namespace gbtest {

namespace {

const std::string kBin = "/usr/lib/postgresql/15/bin/";

bool is_root() {
  return ::geteuid() == 0;
}

// A port nothing listens on over TCP (the server listens on its own Unix
// socket only, but a free number keeps the URL unambiguous).
bool port_free(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return true;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

int pick_port() {
  static std::mt19937 rng{std::random_device{}()};
  std::uniform_int_distribution<int> d(20000, 59999);
  for (int i = 0; i < 50; ++i) {
    const int p = d(rng);
    if (port_free(p)) return p;
  }
  throw std::runtime_error("PgServer: no free port found");
}

void check(const RunResult& r, const std::string& what, const std::string& log = "") {
  if (r.exit_code != 0 || r.timed_out)
    throw std::runtime_error("PgServer: " + what + " failed (exit " + std::to_string(r.exit_code) + "): " + r.out +
                             r.err + (log.empty() ? "" : "\nserver log:\n" + log));
}

}  // namespace

std::vector<std::string> PgServer::as_server_user(std::vector<std::string> argv) const {
  if (!is_root()) return argv;
  std::vector<std::string> out = {"runuser", "-u", "postgres", "--"};
  out.insert(out.end(), argv.begin(), argv.end());
  return out;
}

std::string PgServer::log() const {
  std::error_code ec;
  if (!std::filesystem::exists(dir_ / "log", ec)) return "";
  return read_file(dir_ / "log");
}

PgServer::PgServer() {
  // Under /tmp when root: the folder must be reachable by the postgres user.
  const std::filesystem::path base = is_root() ? std::filesystem::path("/tmp") : std::filesystem::temp_directory_path();
  std::string templ = (base / "govbench-pg-XXXXXX").string();
  if (!::mkdtemp(templ.data())) throw std::runtime_error("PgServer: cannot create a temporary folder");
  dir_ = templ;
  ::chmod(dir_.c_str(), 0755);
  if (is_root()) {
    const passwd* pw = ::getpwnam("postgres");
    if (!pw) throw std::runtime_error("PgServer: running as root but there is no 'postgres' user (postgresql-15)");
    if (::chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0)
      throw std::runtime_error("PgServer: cannot give " + dir_.string() + " to the postgres user");
  }
  try {
    check(run_program(as_server_user({kBin + "initdb", "-D", (dir_ / "data").string(), "-A", "trust", "-U", "govbench",
                                      "--no-sync", "-E", "UTF8", "--locale=C"}),
                      60),
          "initdb");
    bool started = false;
    for (int attempt = 0; attempt < 5 && !started; ++attempt) {
      port_ = pick_port();
      started = try_start();
    }
    if (!started) throw std::runtime_error("PgServer: the server did not start:\n" + log());
    check(run_program({kBin + "createdb", "-h", dir_.string(), "-p", std::to_string(port_), "-U", "govbench", "team"},
                      30),
          "createdb", log());
  } catch (...) {
    stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    throw;
  }
}

bool PgServer::try_start() {
  const std::string options = "-p " + std::to_string(port_) + " -k " + dir_.string() +
                              " -c listen_addresses='' -c fsync=off -c full_page_writes=off";
  const RunResult r = run_program(as_server_user({kBin + "pg_ctl", "-D", (dir_ / "data").string(), "-o", options, "-l",
                                                  (dir_ / "log").string(), "-w", "-t", "30", "start"}),
                                  60);
  running_ = r.exit_code == 0 && !r.timed_out;
  return running_;
}

void PgServer::start() {
  if (running_) return;
  if (!try_start()) throw std::runtime_error("PgServer: the server did not start again:\n" + log());
}

void PgServer::stop() {
  if (!running_) return;
  run_program(as_server_user({kBin + "pg_ctl", "-D", (dir_ / "data").string(), "-m", "fast", "-w", "stop"}), 60);
  running_ = false;
}

void PgServer::crash() {
  if (!running_) return;
  // Immediate shutdown: every server process ends at once without a
  // checkpoint, as in a crash; the next start recovers from the WAL.
  run_program(as_server_user({kBin + "pg_ctl", "-D", (dir_ / "data").string(), "-m", "immediate", "-w", "stop"}), 60);
  running_ = false;
}

PgServer::~PgServer() {
  try {
    if (running_)
      run_program(as_server_user({kBin + "pg_ctl", "-D", (dir_ / "data").string(), "-m", "immediate", "-w", "stop"}),
                  30);
  } catch (...) {
    // nothing more to do: the folder goes anyway
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string PgServer::url(const std::string& user) const {
  return "postgresql:///team?host=" + dir_.string() + "&port=" + std::to_string(port_) + "&user=" + user;
}

}  // namespace gbtest

// A real, throw-away PostgreSQL 15 server for the team hub's tests: its own
// data folder and Unix socket in a fresh temporary folder, a free port, a
// database named `team`, the bootstrap superuser `govbench` (trust
// authentication over the socket only: no TCP). Run as root (CI), the
// server runs as the `postgres` user (runuser), which owns the folder.
//
//   gbtest::PgServer pg;                       // about a second
//   auto hub = gb::team::Hub::connect(pg.url());          // as govbench
//   auto alice = gb::team::Hub::connect(pg.url("alice")); // as a member
//   pg.stop(); ... pg.start();                 // the same data again
//
// The destructor stops it (immediate) and removes the folder.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace gbtest {

class PgServer {
 public:
  PgServer();  // throws std::runtime_error with the server's log on failure
  ~PgServer();
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

  // postgresql:///team?host=DIR&port=PORT&user=USER
  std::string url(const std::string& user = "govbench") const;
  void stop();   // pg_ctl stop -m fast: clients see their connection dropped
  void start();  // again, on the same data folder and port
  void crash();  // pg_ctl stop -m immediate: the server dies as in a crash (recovery at the next start)
  bool running() const { return running_; }
  const std::filesystem::path& dir() const { return dir_; }  // also the socket folder
  int port() const { return port_; }

 private:
  bool try_start();
  std::vector<std::string> as_server_user(std::vector<std::string> argv) const;
  std::string log() const;

  std::filesystem::path dir_;
  int port_ = 0;
  bool running_ = false;
};

}  // namespace gbtest

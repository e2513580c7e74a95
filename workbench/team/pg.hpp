// libpq, wrapped (private to the team library; the tests use it to act as a
// client that does not play by the rules). RAII owners for the connection
// and results, parameterised queries (text parameters, bytea parameters sent
// as binary), bytea results decoded to raw bytes, and every failure mapped
// to the hub's errors (team/hub.hpp):
//   23505 on the change log's seq or parent   -> PushRaced
//   42501 insufficient_privilege              -> NotAllowed, in words
//   connection refused or dropped (class 08, 57P01..57P03) -> Unreachable
//   anything else                             -> ServerError (a gb::Error)
// No message ever holds a password. libpq-fe.h stays out of this header.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "team/hub.hpp"

struct pg_conn;
struct pg_result;

namespace gb::team::pg {

// Any other refusal by the server, with its SQLSTATE and the constraint
// it names (if any), for the callers that put it in better words.
class ServerError : public Error {
 public:
  ServerError(std::string message, std::string sqlstate, std::string constraint)
      : Error(std::move(message)), sqlstate_(std::move(sqlstate)), constraint_(std::move(constraint)) {}
  const std::string& sqlstate() const noexcept { return sqlstate_; }
  const std::string& constraint() const noexcept { return constraint_; }

 private:
  std::string sqlstate_;
  std::string constraint_;
};

// A query parameter: text, raw bytes (sent as binary bytea) or NULL.
struct Param {
  std::string value;
  bool binary = false;
  bool null = false;
};
Param text(std::string v);
Param bytes(std::string v);
Param number(std::int64_t v);
Param null();

// A query's rows, all in text format except that bytea columns read with
// bytes() come back as the raw bytes.
class Result {
 public:
  explicit Result(pg_result* r) noexcept : r_(r) {}
  Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  Result& operator=(Result&& o) noexcept;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  ~Result();

  int rows() const;
  bool is_null(int row, int col) const;
  std::string text(int row, int col) const;     // "" for NULL
  std::int64_t number(int row, int col) const;  // 0 for NULL
  std::string bytes(int row, int col) const;    // a bytea column's raw bytes ("" for NULL)
  bool boolean(int row, int col) const;         // "t"
  pg_result* get() const { return r_; }

 private:
  pg_result* r_ = nullptr;
};

class Conn {
 public:
  // Connects (a libpq connection string or postgresql:// URL). Unreachable
  // when the server cannot be reached; NotAllowed when it refuses the role
  // (no such role, no CONNECT on the database, a wrong password).
  static Conn open(const std::string& url);
  Conn(Conn&& o) noexcept;
  Conn& operator=(Conn&& o) noexcept;
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  ~Conn();

  // Runs one statement with parameters ($1, $2, ...). `what` says, in
  // words, what the statement does for the error messages: "push changes".
  Result exec(std::string_view sql, const std::vector<Param>& params = {}, std::string_view what = "");
  // Runs statements with no parameters (a migration file: several
  // statements, DO blocks); the last one's result is returned.
  Result exec_script(std::string_view sql, std::string_view what = "");

  // A quoted identifier (PQescapeIdentifier): "alice", "Odd""Name".
  std::string identifier(std::string_view name);
  // "host=/tmp/pg port=5499 database=team user=alice" (no password).
  const std::string& where() const { return where_; }
  const std::string& user() const { return user_; }
  bool in_transaction() const;
  // Ends an open transaction with ROLLBACK, ignoring any failure (noexcept:
  // used by destructors).
  void rollback_quietly() noexcept;
  pg_conn* raw() const { return c_; }
  int socket() const;

  // Reads what has arrived on the socket and returns the notifications
  // received so far: (channel, payload). Unreachable when the connection
  // is gone.
  std::vector<std::pair<std::string, std::string>> notifications();

 private:
  Conn(pg_conn* c, std::string where, std::string user, std::string password) noexcept;
  [[noreturn]] void fail(const pg_result* r, std::string_view what);
  std::string refusal(std::string_view what, const std::string& server_message);
  std::string scrub(std::string message) const;

  pg_conn* c_ = nullptr;
  std::string where_;
  std::string user_;
  std::string password_;  // only to take it out of messages
};

// BEGIN on construction; ROLLBACK on destruction unless commit() ran.
class Transaction {
 public:
  explicit Transaction(Conn& c, std::string_view what = "");
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Conn& c_;
  std::string what_;
  bool done_ = false;
};

// Connection-string helpers (no libpq needed): the password in `url`, if
// any (URL user:password@, ?password=, or key=value password=...).
std::optional<std::string> password_in(const std::string& url);
std::string redact(const std::string& url);

}  // namespace gb::team::pg

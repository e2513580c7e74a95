#include "team/pg.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>
#include <memory>

namespace gb::team::pg {

namespace {

// SQLSTATEs (PostgreSQL appendix A).
constexpr std::string_view kUniqueViolation = "23505";
constexpr std::string_view kInsufficientPrivilege = "42501";

bool connection_lost_state(std::string_view state) {
  // class 08: connection exception; 57P01 admin shutdown, 57P02 crash
  // shutdown, 57P03 cannot connect now.
  return state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03";
}

// libpq's messages on one line: "FATAL:  terminating ... server closed the
// connection unexpectedly This probably means ..." (runs of white space as one).
std::string trim(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct FreeConninfo {
  void operator()(PQconninfoOption* o) const { PQconninfoFree(o); }
};

// host=... port=... database=... user=... from what libpq made of the
// connection (never the password).
std::string describe(PGconn* c) {
  auto field = [&](const char* name, const char* v) { return std::string(name) + "=" + (v && *v ? v : "(default)"); };
  return field("host", PQhost(c)) + " " + field("port", PQport(c)) + " " + field("database", PQdb(c)) + " " +
         field("user", PQuser(c));
}

}  // namespace

Param text(std::string v) {
  return {std::move(v), false, false};
}
Param bytes(std::string v) {
  return {std::move(v), true, false};
}
Param number(std::int64_t v) {
  return {std::to_string(v), false, false};
}
Param null() {
  return {"", false, true};
}

// --- Result -----------------------------------------------------------------

Result& Result::operator=(Result&& o) noexcept {
  if (this != &o) {
    if (r_) PQclear(r_);
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}

Result::~Result() {
  if (r_) PQclear(r_);
}

int Result::rows() const {
  return r_ ? PQntuples(r_) : 0;
}

bool Result::is_null(int row, int col) const {
  return !r_ || row >= PQntuples(r_) || col >= PQnfields(r_) || PQgetisnull(r_, row, col);
}

std::string Result::text(int row, int col) const {
  if (is_null(row, col)) return {};
  return std::string(PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col)));
}

std::int64_t Result::number(int row, int col) const {
  if (is_null(row, col)) return 0;
  return std::stoll(text(row, col));
}

bool Result::boolean(int row, int col) const {
  return text(row, col) == "t";
}

std::string Result::bytes(int row, int col) const {
  if (is_null(row, col)) return {};
  const char* v = PQgetvalue(r_, row, col);
  const auto n = static_cast<std::size_t>(PQgetlength(r_, row, col));
  if (PQfformat(r_, col) == 1) return std::string(v, n);  // binary: the bytes themselves
  if (n >= 2 && v[0] == '\\' && v[1] == 'x') {            // bytea_output = hex (set on connect)
    std::string out;
    out.reserve((n - 2) / 2);
    for (std::size_t i = 2; i + 1 < n; i += 2) {
      const int hi = hex_value(v[i]), lo = hex_value(v[i + 1]);
      if (hi < 0 || lo < 0) throw Error("the hub sent a bytea value that is not hex");
      out.push_back(static_cast<char>((hi << 4) | lo));
    }
    return out;
  }
  std::size_t len = 0;  // bytea_output = escape
  unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &len);
  if (!raw) throw Error("the hub sent a bytea value that cannot be decoded");
  std::string out(reinterpret_cast<const char*>(raw), len);
  PQfreemem(raw);
  return out;
}

// --- Conn -------------------------------------------------------------------

Conn::Conn(pg_conn* c, std::string where, std::string user, std::string password) noexcept
    : c_(c), where_(std::move(where)), user_(std::move(user)), password_(std::move(password)) {}

Conn::Conn(Conn&& o) noexcept
    : c_(o.c_), where_(std::move(o.where_)), user_(std::move(o.user_)), password_(std::move(o.password_)) {
  o.c_ = nullptr;
}

Conn& Conn::operator=(Conn&& o) noexcept {
  if (this != &o) {
    if (c_) PQfinish(c_);
    c_ = o.c_;
    o.c_ = nullptr;
    where_ = std::move(o.where_);
    user_ = std::move(o.user_);
    password_ = std::move(o.password_);
  }
  return *this;
}

Conn::~Conn() {
  if (c_) PQfinish(c_);
}

std::string Conn::scrub(std::string message) const {
  if (!password_.empty())
    for (std::size_t at = message.find(password_); at != std::string::npos; at = message.find(password_, at))
      message.replace(at, password_.size(), "***");
  return message;
}

Conn Conn::open(const std::string& url) {
  const std::optional<std::string> password = password_in(url);
  auto scrub = [&](std::string m) { return Conn(nullptr, "", "", password.value_or("")).scrub(std::move(m)); };
  {
    char* err = nullptr;
    std::unique_ptr<PQconninfoOption, FreeConninfo> opts(PQconninfoParse(url.c_str(), &err));
    if (!opts) {
      std::string why = err ? trim(err) : "out of memory";
      if (err) PQfreemem(err);
      throw Error("not a hub address (" + redact(url) + "): " + scrub(why));
    }
  }
  // A hub that does not answer is given 10 s, not the operating system's
  // minutes, unless the address (or PGCONNECT_TIMEOUT) says otherwise: the
  // keywords before dbname are defaults its expansion overrides.
  const char* timeout = std::getenv("PGCONNECT_TIMEOUT");
  const char* keys[] = {"connect_timeout", "dbname", "fallback_application_name", "client_encoding", nullptr};
  const char* values[] = {timeout && *timeout ? timeout : "10", url.c_str(), "govbench", "UTF8", nullptr};
  PGconn* c = PQconnectdbParams(keys, values, 1);
  if (!c) throw Unreachable("cannot reach the hub (" + redact(url) + "): out of memory");
  Conn conn(c, describe(c), PQuser(c) ? PQuser(c) : "", password.value_or(""));
  PQsetNoticeProcessor(
      c, [](void*, const char*) {}, nullptr);  // NOTICEs and WARNINGs are not for people
  if (PQstatus(c) != CONNECTION_OK) {
    const std::string why = scrub(trim(PQerrorMessage(c)));
    const std::string who = "'" + conn.user_ + "'";
    if (why.find("permission denied for database") != std::string::npos ||
        why.find("not have CONNECT privilege") != std::string::npos)
      throw NotAllowed("the hub refused: " + who + " is not a member of this hub and may not connect (" + conn.where_ +
                       ")");
    if (why.find("role \"") != std::string::npos && why.find("does not exist") != std::string::npos)
      throw NotAllowed("the hub refused: there is no role " + who + " on the hub's server (" + conn.where_ +
                       "); ask the hub's owner to add you");
    if (why.find("password authentication failed") != std::string::npos ||
        why.find("no password supplied") != std::string::npos || why.find("pg_hba.conf") != std::string::npos)
      throw NotAllowed("the hub refused to let " + who + " sign in (" + conn.where_ + "): " + why);
    if (why.find("database \"") != std::string::npos && why.find("does not exist") != std::string::npos)
      throw Error("no such database on the hub's server (" + conn.where_ + "): " + why);
    throw Unreachable("cannot reach the hub (" + conn.where_ + "): " + why);
  }
  conn.exec_script("SET bytea_output = 'hex'; SET TIME ZONE 'UTC'", "set up the connection");
  return conn;
}

bool Conn::in_transaction() const {
  const auto s = c_ ? PQtransactionStatus(c_) : PQTRANS_UNKNOWN;
  return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

void Conn::rollback_quietly() noexcept {
  if (!c_ || PQstatus(c_) != CONNECTION_OK || !in_transaction()) return;
  if (PGresult* r = PQexec(c_, "ROLLBACK")) PQclear(r);
}

int Conn::socket() const {
  return c_ && PQstatus(c_) == CONNECTION_OK ? PQsocket(c_) : -1;
}

std::string Conn::identifier(std::string_view name) {
  char* q = PQescapeIdentifier(c_, name.data(), name.size());
  if (!q) throw Error("cannot quote the name '" + std::string(name) + "': " + trim(PQerrorMessage(c_)));
  std::string out(q);
  PQfreemem(q);
  return out;
}

Result Conn::exec(std::string_view sql, const std::vector<Param>& params, std::string_view what) {
  if (!c_ || PQstatus(c_) != CONNECTION_OK)
    throw Unreachable("the connection to the hub (" + where_ + ") is closed; connect again");
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  for (const auto& p : params) {
    values.push_back(p.null ? nullptr : p.value.data());
    lengths.push_back(static_cast<int>(p.value.size()));
    formats.push_back(p.binary ? 1 : 0);
  }
  const std::string query(sql);
  Result r(PQexecParams(c_, query.c_str(), static_cast<int>(params.size()), nullptr, values.data(), lengths.data(),
                        formats.data(), 0));
  const ExecStatusType st = r.get() ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(r.get(), what);
  return r;
}

Result Conn::exec_script(std::string_view sql, std::string_view what) {
  if (!c_ || PQstatus(c_) != CONNECTION_OK)
    throw Unreachable("the connection to the hub (" + where_ + ") is closed; connect again");
  const std::string query(sql);
  // PQexec returns the last statement's result; an error stops the script.
  Result r(PQexec(c_, query.c_str()));
  const ExecStatusType st = r.get() ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(r.get(), what);
  return r;
}

void Conn::fail(const pg_result* r, std::string_view what) {
  const char* state_c = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const std::string state = state_c ? state_c : "";
  const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string message = scrub(trim(primary ? primary : PQerrorMessage(c_)));
  const std::string doing = what.empty() ? std::string("talking to it") : "trying to " + std::string(what);
  if (PQstatus(c_) == CONNECTION_BAD || connection_lost_state(state) || (state.empty() && !primary))
    throw Unreachable("lost the connection to the hub (" + where_ + ") while " + doing + ": " +
                      (message.empty() ? std::string("no reply") : message));
  const char* constraint = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME);
  const std::string name = constraint ? constraint : "";
  if (state == kUniqueViolation) {
    if (name == "changes_pkey" || name == "changes_parent_key")
      throw PushRaced("another push took the head this push was built on; pull, rebase and push again");
  }
  if (state == kInsufficientPrivilege) throw NotAllowed(refusal(what, message));
  const char* detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL);
  if (detail) message += " (" + scrub(trim(detail)) + ")";
  if (what.empty()) throw ServerError("the hub refused: " + message, state, name);
  throw ServerError("the hub refused to " + std::string(what) + ": " + message, state, name);
}

std::string Conn::refusal(std::string_view what, const std::string& server_message) {
  // The statement failed inside a transaction: end it so that the member
  // can be looked up (the caller's Transaction finds nothing left to undo).
  rollback_quietly();
  std::string is = "is not a member of this hub";
  if (PGresult* r = PQexec(c_, "SELECT role, removed_at IS NOT NULL FROM members WHERE name = session_user")) {
    Result owner(r);
    if (PQresultStatus(r) == PGRES_TUPLES_OK && owner.rows() == 1) {
      if (owner.boolean(0, 1))
        is = "is no longer a member of this hub";
      else if (owner.text(0, 0) == "analyst")
        is = "is an analyst";
      else
        is = "is a " + owner.text(0, 0);
    }
  }
  rollback_quietly();
  return "the hub refused: '" + user_ + "' " + is + " and may not " +
         (what.empty() ? std::string("do that") : std::string(what)) + " (" + server_message + ")";
}

std::vector<std::pair<std::string, std::string>> Conn::notifications() {
  if (!c_ || PQstatus(c_) != CONNECTION_OK || !PQconsumeInput(c_) || PQstatus(c_) != CONNECTION_OK)
    throw Unreachable("lost the connection to the hub (" + where_ +
                      ") while waiting for changes: " + scrub(trim(c_ ? PQerrorMessage(c_) : "closed")));
  std::vector<std::pair<std::string, std::string>> out;
  while (PGnotify* n = PQnotifies(c_)) {
    out.emplace_back(n->relname ? n->relname : "", n->extra ? n->extra : "");
    PQfreemem(n);
  }
  return out;
}

// --- Transaction --------------------------------------------------------------

Transaction::Transaction(Conn& c, std::string_view what) : c_(c), what_(what) {
  c_.exec("BEGIN", {}, what_);
}

Transaction::~Transaction() {
  if (!done_) c_.rollback_quietly();
}

void Transaction::commit() {
  done_ = true;
  c_.exec("COMMIT", {}, what_);
}

}  // namespace gb::team::pg

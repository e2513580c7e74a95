#include "engine/console.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>

#include "core/dates.hpp"
#include "core/error.hpp"
#include "core/format.hpp"
#include "core/text.hpp"
#include "engine/evaluator.hpp"
#include "engine/result_shape.hpp"
#include "script/api.hpp"
#include "script/invoke.hpp"
#include "script/manifest.hpp"

namespace gb::engine {

namespace fs = std::filesystem;

namespace {

constexpr const char* kConsolePack = "console";
constexpr const char* kConsoleFile = "console.lua";  // ".lua": messages split into file, line and text

std::string lower_word(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  // Leading SQL comments ("-- what this does") belong to the query.
  while (i + 1 < s.size() && s[i] == '-' && s[i + 1] == '-') {
    while (i < s.size() && s[i] != '\n') ++i;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  }
  std::string w;
  while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i])))
    w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[i++]))));
  // "select" followed by '=', '.', '[' or ':' (or '(' at once, but for
  // VALUES) is Lua using a name spelled so.
  if (i < s.size() && s[i] == '(' && w != "values") return {};
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (i < s.size() && (s[i] == '=' || s[i] == '.' || s[i] == '[' || s[i] == ':')) return {};
  return w;
}

std::string cell_text(const Tree& v) {
  if (v.is_null()) return "NULL";
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  if (v.is_number()) {
    const double d = v.as_number();
    if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", d);
    return buf;
  }
  if (v.is_string()) return v.as_string();
  return v.to_json();
}

std::string value_text(const Tree& v) {
  if (v.is_number()) return format_number(v.as_number(), 6);
  if (v.is_string()) return "\"" + v.as_string() + "\"";
  return cell_text(v);
}

// Rows as ctx.sql gives them: a list of tables with the same kind of keys.
bool as_row_table(const Tree& v, ConsoleTable& out) {
  if (!v.is_array() || v.size() == 0) return false;
  std::vector<std::string> columns;
  std::set<std::string> seen;
  for (const Tree& row : v.as_array()) {
    if (!row.is_object()) return false;
    for (const auto& [k, x] : row.as_object()) {
      if (x.is_array() || x.is_object()) return false;
      if (seen.insert(k).second) columns.push_back(k);
    }
  }
  out.columns = columns;
  out.numeric.assign(columns.size(), true);
  out.total_rows = v.size();
  for (const Tree& row : v.as_array()) {
    if (out.rows.size() >= kConsoleMaxRows) break;
    std::vector<std::string> cells;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const Tree* x = row.find(columns[c]);
      if (x && !x->is_null() && !x->is_number()) out.numeric[c] = false;
      cells.push_back(x ? cell_text(*x) : "NULL");
    }
    out.rows.push_back(std::move(cells));
  }
  return true;
}

// Two columns, the first labels and the second numbers: a series when the
// labels are periods, else a breakdown.
void chart_from_table(const ConsoleTable& t, IndicatorResult& chart) {
  if (t.columns.size() != 2 || t.rows.size() < 2 || !t.numeric[1] || t.numeric[0]) return;
  bool periods = true;
  for (const auto& r : t.rows)
    if (!is_period_label(r[0])) periods = false;
  IndicatorResult c;
  c.status = IndicatorResult::Status::Ok;
  c.title = t.columns[1];
  for (const auto& r : t.rows) {
    if (r[1] == "NULL") continue;
    const double v = std::strtod(r[1].c_str(), nullptr);
    if (periods)
      c.series.push_back({r[0], v, {}});
    else
      c.breakdown.push_back({r[0], v, {}, Rag::None, {}});
  }
  if (c.series.empty() && c.breakdown.empty()) return;
  c.kind = periods ? IndicatorResult::Kind::Series : IndicatorResult::Kind::Breakdown;
  chart = std::move(c);
}

void shape(const Tree& v, ConsoleOutcome& o) {
  if (v.is_null()) {
    o.kind = ConsoleOutcome::Kind::Nothing;
    o.text = "nil";
    return;
  }
  if (!v.is_array() && !v.is_object()) {
    o.kind = ConsoleOutcome::Kind::Value;
    o.text = value_text(v);
    return;
  }
  if (as_row_table(v, o.table)) {
    o.kind = ConsoleOutcome::Kind::Table;
    chart_from_table(o.table, o.chart);
    return;
  }
  // An indicator's result shape (a series, a breakdown, {value=...}): as
  // the indicator would show it. ctx.indicator's answer carries its shape
  // beside its provenance: the headline goes above the table.
  IndicatorResult r;
  std::string why;
  const Tree* status = v.is_object() ? v.find("status") : nullptr;
  const bool indicator = status && status->is_string() && v.find("provenance") && v.find("kind");
  Tree shape_of = v;
  if (indicator) {
    const Tree* title = v.find("title");
    const Tree* value = v.find("value");
    const Tree* unit = v.find("unit");
    const Tree* error = v.find("error");
    std::string head = title && title->is_string() ? title->as_string() : "";
    if (status->as_string() == "error")
      head += ": error: " + (error && error->is_string() ? error->as_string() : "");
    else if (status->as_string() == "no_data")
      head += ": no data";
    else if (value && value->is_number()) {
      const std::string u = unit && unit->is_string() ? unit->as_string() : "";
      head += ": " + format_value(value->as_number(), u);
    }
    o.text = head;
    shape_of = Tree::object();
    for (const char* k : {"series", "breakdown"})
      if (const Tree* f = v.find(k); f && !f->is_null()) shape_of.set(k, *f);
  }
  if (shape_of.is_object() && shape_of.size() > 0 && read_result_shape(shape_of, r, why) &&
      (r.kind == IndicatorResult::Kind::Series || r.kind == IndicatorResult::Kind::Breakdown)) {
    r.status = IndicatorResult::Status::Ok;
    if (const Tree* title = indicator ? v.find("title") : nullptr; title && title->is_string())
      r.title = title->as_string();
    o.chart = r;
    o.kind = ConsoleOutcome::Kind::Table;
    if (r.kind == IndicatorResult::Kind::Series) {
      o.table.columns = {"period", "value"};
      for (const auto& p : r.series) o.table.rows.push_back({p.period, cell_text(Tree(p.value))});
    } else {
      o.table.columns = {"group", "value"};
      for (const auto& b : r.breakdown) o.table.rows.push_back({b.group, b.value ? cell_text(Tree(*b.value)) : "NULL"});
    }
    o.table.numeric = {false, true};
    o.table.total_rows = o.table.rows.size();
    return;
  }
  o.kind = ConsoleOutcome::Kind::Value;
  if (indicator) {
    const Tree* explain = v.find("explain");
    if (explain && explain->is_string() && !explain->as_string().empty()) o.text += "\n" + explain->as_string();
    return;
  }
  o.text = v.to_json(true);
}

// The error's line within the input ("console:3: ..." from Lua; the input
// is given to Lua on the lines it was typed on).
void set_error(ConsoleOutcome& o, const script::ScriptError& e) {
  o.kind = ConsoleOutcome::Kind::Error;
  o.line = e.file == kConsoleFile ? e.line : 0;
  std::string message = e.message;
  // A message raised from C (ctx.sql) carries the location again.
  std::string file;
  int line = 0;
  std::string rest;
  script::split_location(message, file, line, rest);
  if (file == kConsoleFile) {
    if (o.line == 0) o.line = line;
    message = rest;
  }
  o.text = message;
  if (!e.file.empty() && e.file != kConsoleFile) o.text = e.file + ":" + std::to_string(e.line) + ": " + message;
  // Frames in the packs' own files help; the console's single line does not.
  std::string trace;
  std::size_t start = 0;
  while (start < e.traceback.size()) {
    std::size_t nl = e.traceback.find('\n', start);
    if (nl == std::string::npos) nl = e.traceback.size();
    std::string frame = e.traceback.substr(start, nl - start);
    const std::size_t lead = frame.find_first_not_of(' ');
    if (lead != std::string::npos &&
        frame.compare(lead, std::strlen(kConsoleFile) + 1, std::string(kConsoleFile) + ":") != 0)
      trace += frame + "\n";
    start = nl + 1;
  }
  if (!trace.empty()) o.text += "\n" + trace.substr(0, trace.size() - 1);
}

}  // namespace

bool looks_like_sql(std::string_view input) {
  const std::string w = lower_word(input);
  return w == "select" || w == "with" || w == "values" || w == "explain";
}

ConsoleSession::ConsoleSession(const script::PackSet& packs, script::ScriptDb& db, IndicatorEvaluator& evaluator)
    : packs_(packs), db_(db), evaluator_(evaluator) {
  reset();
}

ConsoleSession::~ConsoleSession() = default;

void ConsoleSession::reset() {
  std::vector<std::shared_ptr<const script::Pack>> deps;
  for (const auto& e : packs_.entries())
    if (e.active) deps.push_back(e.active);
  scratch_ = script::Pack::make_scratch(
      kConsolePack, packs_.limits(), [this](const script::ConsoleMessage& m) { printed_.push_back(m.text); }, deps);
}

ConsoleOutcome ConsoleSession::run(const std::string& input, const std::string& as_of) {
  const auto start = std::chrono::steady_clock::now();
  ConsoleOutcome o;
  try {
    o = looks_like_sql(input) ? run_sql(input) : run_lua(input, as_of);
  } catch (const std::exception& e) {
    o.kind = ConsoleOutcome::Kind::Error;
    o.text = e.what();
  }
  o.input = input;
  o.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return o;
}

ConsoleOutcome ConsoleSession::run_sql(const std::string& input) {
  ConsoleOutcome o;
  o.language = "sql";
  // The same guards as ctx.sql: the read-only, authorizer-checked
  // connection and the packs' time budget.
  db_.clear_denial();
  db_.set_deadline(std::chrono::steady_clock::now() + packs_.limits().time_budget);
  struct Disarm {
    script::ScriptDb& db;
    explicit Disarm(script::ScriptDb& armed) : db(armed) {}
    Disarm(const Disarm&) = delete;
    Disarm& operator=(const Disarm&) = delete;
    ~Disarm() { db.set_deadline(std::chrono::steady_clock::time_point::max()); }
  } disarm{db_};
  try {
    data::Statement st = db_.db().prepare(input);
    const int n = st.column_count();
    for (int i = 0; i < n; ++i) o.table.columns.push_back(st.column_name(i));
    o.table.numeric.assign(static_cast<std::size_t>(n), true);
    while (st.step()) {
      ++o.table.total_rows;
      if (o.table.rows.size() >= kConsoleMaxRows) continue;
      std::vector<std::string> row;
      for (int i = 0; i < n; ++i) {
        const data::Value v = st.column_value(i);
        Tree t;
        if (std::holds_alternative<std::int64_t>(v))
          t = Tree(std::get<std::int64_t>(v));
        else if (std::holds_alternative<double>(v))
          t = Tree(std::get<double>(v));
        else if (std::holds_alternative<std::string>(v)) {
          t = Tree(std::get<std::string>(v));
          o.table.numeric[static_cast<std::size_t>(i)] = false;
        }
        row.push_back(cell_text(t));
      }
      o.table.rows.push_back(std::move(row));
    }
  } catch (const std::exception& e) {
    o.kind = ConsoleOutcome::Kind::Error;
    if (!db_.denial().empty())
      o.text = "packs read the database read-only: " + db_.denial();
    else if (db_.deadline_passed())
      o.text = "the query did not finish within the " + format_number(packs_.limits().time_budget.count() / 1000.0, 3) +
               " s time budget (setting script.time_budget_ms)";
    else {
      // "no such column: X" gets the nearest real name, as in ctx.sql.
      std::string message = e.what();
      if (message.rfind("SQL error: ", 0) == 0) message.erase(0, 11);
      o.text = db_.explain_error(input, message.c_str());
    }
    o.table = {};
    return o;
  }
  // One value: shown as a value.
  if (o.table.columns.size() == 1 && o.table.total_rows == 1) {
    o.kind = ConsoleOutcome::Kind::Value;
    const std::string& c = o.table.rows[0][0];
    o.text = o.table.numeric[0] && c != "NULL" ? format_number(std::strtod(c.c_str(), nullptr), 6) : c;
    return o;
  }
  o.kind = ConsoleOutcome::Kind::Table;
  chart_from_table(o.table, o.chart);
  return o;
}

ConsoleOutcome ConsoleSession::run_lua(const std::string& input, const std::string& as_of) {
  ConsoleOutcome o;
  o.language = "lua";
  printed_.clear();
  // `ctx` on the input's own first line, so Lua's line numbers are the input's.
  int ref = 0;
  auto err = script::compile_function(*scratch_, kConsoleFile, "local ctx = ...; return " + input, ref);
  if (err && err->kind == script::ScriptError::Kind::Syntax)
    err = script::compile_function(*scratch_, kConsoleFile, "local ctx = ...; " + input, ref);
  if (err) {
    set_error(o, *err);
    return o;
  }
  struct Release {
    script::Pack& pack;
    int ref;
    Release(script::Pack& holder, int function) : pack(holder), ref(function) {}
    Release(const Release&) = delete;
    Release& operator=(const Release&) = delete;
    ~Release() { script::release_function(pack, ref); }
  } release{*scratch_, ref};
  script::EvalContext ctx;
  ctx.db = &db_;
  ctx.as_of = as_of.empty() ? today_utc() : as_of;
  ctx.indicator = evaluator_.dependency_resolver({ctx.as_of, {}});
  script::Invocation inv = script::invoke(*scratch_, ref, &ctx, {});
  o.printed = printed_;
  if (inv.error) {
    set_error(o, *inv.error);
    return o;
  }
  shape(inv.value, o);
  return o;
}

// ---- to and from the wire (the window's console runs in the pack host) ----

Tree ConsoleOutcome::to_tree() const {
  Tree t = Tree::object();
  t.set("input", input);
  t.set("language", language);
  t.set("kind", kind == Kind::Nothing ? "nothing"
                : kind == Kind::Value ? "value"
                : kind == Kind::Table ? "table"
                                      : "error");
  t.set("text", text);
  t.set("line", line);
  Tree cols = Tree::array();
  for (const auto& c : table.columns) cols.push(c);
  Tree numeric = Tree::array();
  for (bool b : table.numeric) numeric.push(b);
  Tree rows = Tree::array();
  for (const auto& r : table.rows) {
    Tree row = Tree::array();
    for (const auto& c : r) row.push(c);
    rows.push(std::move(row));
  }
  Tree tab = Tree::object();
  tab.set("columns", std::move(cols));
  tab.set("numeric", std::move(numeric));
  tab.set("rows", std::move(rows));
  tab.set("total_rows", static_cast<std::int64_t>(table.total_rows));
  t.set("table", std::move(tab));
  t.set("chart", chart.kind == IndicatorResult::Kind::None ? Tree() : chart.to_tree());
  Tree printed_list = Tree::array();
  for (const auto& p : printed) printed_list.push(p);
  t.set("printed", std::move(printed_list));
  t.set("milliseconds", milliseconds);
  return t;
}

namespace {
const Tree& field(const Tree& t, const char* name) {
  const Tree* f = t.find(name);
  if (!f) throw Error(std::string("console answer: missing '") + name + "'");
  return *f;
}
std::string str(const Tree& t, const char* name) {
  const Tree& f = field(t, name);
  if (!f.is_string()) throw Error(std::string("console answer: '") + name + "' must be text");
  return f.as_string();
}
const Tree::Array& arr(const Tree& t, const char* name) {
  const Tree& f = field(t, name);
  if (!f.is_array()) throw Error(std::string("console answer: '") + name + "' must be a list");
  return f.as_array();
}
}  // namespace

ConsoleOutcome ConsoleOutcome::from_tree(const Tree& t) {
  if (!t.is_object()) throw Error("console answer: not an object");
  ConsoleOutcome o;
  o.input = str(t, "input");
  o.language = str(t, "language");
  const std::string k = str(t, "kind");
  o.kind = k == "nothing" ? Kind::Nothing : k == "value" ? Kind::Value : k == "table" ? Kind::Table : Kind::Error;
  o.text = str(t, "text");
  if (field(t, "line").is_number()) o.line = static_cast<int>(field(t, "line").as_number());
  const Tree& tab = field(t, "table");
  for (const Tree& c : arr(tab, "columns")) o.table.columns.push_back(c.is_string() ? c.as_string() : "");
  for (const Tree& b : arr(tab, "numeric")) o.table.numeric.push_back(b.is_bool() && b.as_bool());
  o.table.numeric.resize(o.table.columns.size(), false);
  for (const Tree& r : arr(tab, "rows")) {
    if (!r.is_array()) throw Error("console answer: a row must be a list");
    std::vector<std::string> row;
    for (const Tree& c : r.as_array()) row.push_back(c.is_string() ? c.as_string() : "");
    row.resize(o.table.columns.size());
    o.table.rows.push_back(std::move(row));
  }
  if (field(tab, "total_rows").is_number())
    o.table.total_rows = static_cast<std::size_t>(field(tab, "total_rows").as_number());
  const Tree& chart = field(t, "chart");
  if (!chart.is_null()) {
    // The chart travels as an indicator's result table: read back its shape.
    std::string why;
    Tree shape_only = Tree::object();
    if (const Tree* s = chart.find("series")) shape_only.set("series", *s);
    if (const Tree* b = chart.find("breakdown")) shape_only.set("breakdown", *b);
    IndicatorResult r;
    if (read_result_shape(shape_only, r, why)) {
      r.status = IndicatorResult::Status::Ok;
      if (const Tree* title = chart.find("title"); title && title->is_string()) r.title = title->as_string();
      o.chart = std::move(r);
    }
  }
  for (const Tree& p : arr(t, "printed")) o.printed.push_back(p.is_string() ? p.as_string() : "");
  if (field(t, "milliseconds").is_number()) o.milliseconds = field(t, "milliseconds").as_number();
  return o;
}

// ---- Save as indicator ----------------------------------------------------

namespace {

// A Lua long string that the text cannot close early.
std::string long_string(const std::string& text) {
  std::string eq;
  while (text.find("]" + eq + "]") != std::string::npos) eq += "=";
  return "[" + eq + "[" + text + "]" + eq + "]";
}

std::string lua_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out + "\"";
}

std::string indent(const std::string& text, const std::string& pad) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    out += line.empty() ? "\n" : pad + line + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

// The input without surrounding blanks and trailing semicolons.
std::string trimmed(std::string_view s) {
  std::string out(trim(s));
  while (!out.empty() && out.back() == ';') out.pop_back();
  return out;
}

}  // namespace

std::string indicator_skeleton(const std::string& id, const std::string& title, const std::string& raw_input) {
  const std::string input = trimmed(raw_input);
  std::string body;
  if (looks_like_sql(input)) {
    body =
        "-- One value: ctx.value. For rows of (label, number), return a breakdown:\n"
        "--   local out = {}\n"
        "--   for _, r in ipairs(ctx.sql(QUERY)) do out[r.label] = r.value end\n"
        "--   return { breakdown = out }\n"
        "return ctx.value(" +
        long_string(input) + ")\n";
  } else if (input.find('\n') == std::string::npos && input.rfind("return", 0) != 0 && input.rfind("local", 0) != 0) {
    body = "return " + input + "\n";
  } else {
    body = input + "\n";
  }
  std::string out;
  out += "-- " + (title.empty() ? id : title) + "\n";
  out += "-- Saved from the console; see docs/INDICATORS.md for units, thresholds and polarity.\n";
  out += "gov.indicator {\n";
  out += "  id = " + lua_quote(id) + ",\n";
  out += "  title = " + lua_quote(title.empty() ? id : title) + ",\n";
  out += "  unit = \"\",\n";
  out += "  compute = function(ctx)\n";
  while (!body.empty() && body.back() == '\n') body.pop_back();
  out += indent(body, "    ");
  out += "  end,\n";
  out += "}\n";
  return out;
}

fs::path save_as_indicator(const fs::path& pack_dir, const std::string& id, const std::string& title,
                           const std::string& input) {
  std::error_code ec;
  if (!fs::is_regular_file(pack_dir / "pack.lua", ec))
    throw Error(pack_dir.string() + " is not a pack folder (it has no pack.lua); 'govbench pack new NAME' makes one");
  if (!script::valid_definition_id(id))
    throw Error("'" + id +
                "' is not a valid indicator id: dotted lower-case words of letters, digits and '_' "
                "(like my_pack.confidence_gap)");
  if (trimmed(input).empty()) throw Error("there is nothing to save: the input is empty");
  std::string stem = id.substr(id.rfind('.') == std::string::npos ? 0 : id.rfind('.') + 1);
  const fs::path dir = pack_dir / "indicators";
  fs::path file = dir / (stem + ".lua");
  // symlink_status: a link planted at the name (even a dangling one) counts as taken.
  if (fs::symlink_status(file, ec).type() != fs::file_type::not_found)
    throw Error(file.string() + " already exists; choose another id (nothing was written)");
  if (fs::is_symlink(dir, ec))
    throw Error(dir.string() + " is a symbolic link; packs may not hold links (nothing was written)");
  fs::create_directories(dir, ec);
  if (ec) throw Error("cannot create " + dir.string() + ": " + ec.message());
  const std::string text = indicator_skeleton(id, title, input);
  // Created here and only here: never through a link, never over a file.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) throw Error("cannot create " + file.string() + ": " + std::strerror(errno) + " (nothing was written)");
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      fs::remove(file, ec);
      throw Error("cannot write " + file.string() + ": " + std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    fs::remove(file, ec);
    throw Error("cannot write " + file.string() + ": " + std::strerror(errno));
  }
  return file;
}

std::string tables_query() {
  return "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name";
}

std::string columns_query(std::string_view table) {
  std::string quoted;
  for (char c : table) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return "SELECT name, type FROM pragma_table_info('" + quoted + "')";
}

}  // namespace gb::engine

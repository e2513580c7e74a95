#include "engine/wire.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>
#include <utility>

#include "core/error.hpp"
#include "core/semver.hpp"
#include "core/text.hpp"

namespace gb::engine::wire {

namespace {

constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

std::string field(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}
std::string item(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}
std::string got(const Tree& t) {
  return std::string(" (got ") + t.type_name() + ")";
}

// A short, printable quote of untrusted text for messages.
std::string quote(const std::string& s) {
  std::string shown = s.size() > 40 ? s.substr(0, 40) + "..." : s;
  if (find_invalid_utf8(shown)) shown = "<not UTF-8>";
  std::string out;
  append_json_string(out, shown);
  return out;
}

// ---- enums, by name -------------------------------------------------------

template <class E>
struct EnumNames;
template <>
struct EnumNames<Rag> {
  static constexpr const char* what = "a RAG band";
  static constexpr std::array<std::pair<Rag, std::string_view>, 5> items{
      {{Rag::None, "none"}, {Rag::Green, "green"}, {Rag::Amber, "amber"}, {Rag::Red, "red"}, {Rag::Blue, "blue"}}};
};
template <>
struct EnumNames<Polarity> {
  static constexpr const char* what = "a polarity";
  static constexpr std::array<std::pair<Polarity, std::string_view>, 3> items{
      {{Polarity::HigherIsBetter, "higher_is_better"},
       {Polarity::LowerIsBetter, "lower_is_better"},
       {Polarity::Neutral, "neutral"}}};
};
template <>
struct EnumNames<IndicatorResult::Status> {
  using S = IndicatorResult::Status;
  static constexpr const char* what = "a result status";
  static constexpr std::array<std::pair<S, std::string_view>, 3> items{
      {{S::Ok, "ok"}, {S::NoData, "no_data"}, {S::Error, "error"}}};
};
template <>
struct EnumNames<IndicatorResult::Kind> {
  using K = IndicatorResult::Kind;
  static constexpr const char* what = "a result kind";
  static constexpr std::array<std::pair<K, std::string_view>, 4> items{
      {{K::None, "none"}, {K::Number, "number"}, {K::Series, "series"}, {K::Breakdown, "breakdown"}}};
};
template <>
struct EnumNames<script::PackEntry::Status> {
  using S = script::PackEntry::Status;
  static constexpr const char* what = "a pack status";
  static constexpr std::array<std::pair<S, std::string_view>, 4> items{
      {{S::Loaded, "loaded"}, {S::Failed, "failed"}, {S::Stale, "stale"}, {S::Disabled, "disabled"}}};
};
template <>
struct EnumNames<script::ScriptError::Kind> {
  using K = script::ScriptError::Kind;
  static constexpr const char* what = "an error kind";
  static constexpr std::array<std::pair<K, std::string_view>, 5> items{{{K::Syntax, "syntax"},
                                                                        {K::Runtime, "runtime"},
                                                                        {K::Budget, "budget"},
                                                                        {K::Memory, "memory"},
                                                                        {K::Host, "host"}}};
};
template <>
struct EnumNames<script::ConsoleMessage::Level> {
  using L = script::ConsoleMessage::Level;
  static constexpr const char* what = "a console level";
  static constexpr std::array<std::pair<L, std::string_view>, 3> items{
      {{L::Print, "print"}, {L::Info, "info"}, {L::Error, "error"}}};
};

template <class E>
concept Named = requires {
  EnumNames<E>::items;
};

template <Named E>
Tree w(E v) {
  for (const auto& [e, name] : EnumNames<E>::items)
    if (e == v) return Tree(std::string(name));
  // A value outside the enumeration (a cast): written as its number, which
  // the reader refuses rather than guessing.
  return Tree(static_cast<int>(v));
}

template <Named E>
void r(const Tree& t, E& out, const std::string& path) {
  if (!t.is_string()) fail(path, std::string("expected a string naming ") + EnumNames<E>::what + got(t));
  for (const auto& [e, name] : EnumNames<E>::items)
    if (t.as_string() == name) {
      out = e;
      return;
    }
  std::string known;
  for (const auto& [e, name] : EnumNames<E>::items) known += (known.empty() ? "" : ", ") + std::string(name);
  fail(path, std::string("unknown name ") + quote(t.as_string()) + " for " + EnumNames<E>::what + " (expected one of " +
                 known + ")");
}

// ---- scalars ----------------------------------------------------------------

Tree w(const std::string& s) {
  return encode_string(s);
}
Tree w(double d) {
  return encode_double(d);
}
Tree w(int i) {
  return Tree(i);
}
Tree w(std::int64_t i) {
  return encode_int64(i);
}
Tree w(const std::filesystem::path& p) {
  return encode_string(p.string());
}
Tree wb(bool b) {
  return Tree(b);
}

void r(const Tree& t, std::string& out, const std::string& path) {
  out = decode_string(t, path);
}
void r(const Tree& t, double& out, const std::string& path) {
  out = decode_double(t, path);
}
void r(const Tree& t, int& out, const std::string& path) {
  out = decode_int(t, path);
}
void r(const Tree& t, std::int64_t& out, const std::string& path) {
  out = decode_int64(t, path);
}
void r(const Tree& t, bool& out, const std::string& path) {
  out = decode_bool(t, path);
}
void r(const Tree& t, std::filesystem::path& out, const std::string& path) {
  out = std::filesystem::path(decode_string(t, path));
}

// ---- structs: declared here so the templates below see them ----------------

Tree w(const VersionRange& v) {
  return encode_string(v.to_string());
}
Tree w(const Version& v) {
  return encode_string(v.to_string());
}
void r(const Tree& t, Version& out, const std::string& path);

Tree w(const Thresholds& v);
Tree w(const script::DefinitionSite& v);
Tree w(const script::IndicatorDef& v);
Tree w(const script::RuleDef& v);
Tree w(const script::ParamSpec& v);
Tree w(const script::ViewDef& v);
Tree w(const script::TestDef& v);
Tree w(const script::PackManifest& v) {
  return to_tree(v);
}
Tree w(const script::PackDefinitions& v) {
  return to_tree(v);
}
Tree w(const script::ScriptError& v) {
  return to_tree(v);
}
Tree w(const CatalogPack& v) {
  return to_tree(v);
}
Tree w(const SeriesPoint& v);
Tree w(const BreakdownItem& v);
Tree w(const Provenance& v);
Tree w(const IndicatorResult& v) {
  return to_tree(v);
}
Tree w(const ScoredPosition& v) {
  return to_tree(v);
}
Tree w(const ScoredRisk& v);
Tree w(const ReportedRag& v);
Tree w(const ScoredRegister& v) {
  return to_tree(v);
}
Tree w(const HistoryPoint& v);
Tree w(const ControlLine& v);
Tree w(const LinkedAction& v);
Tree w(const AreaAction& v);
Tree w(const LinkedArea& v);
Tree w(const RiskMove& v);
Tree w(const IndicatorChange& v);
Tree w(const IndicatorChange::Group& v);
Tree w(const data::ScenarioChange& v);

void r(const Tree& t, Thresholds& out, const std::string& path);
void r(const Tree& t, script::DefinitionSite& out, const std::string& path);
void r(const Tree& t, script::IndicatorDef& out, const std::string& path);
void r(const Tree& t, script::RuleDef& out, const std::string& path);
void r(const Tree& t, script::ParamSpec& out, const std::string& path);
void r(const Tree& t, script::ViewDef& out, const std::string& path);
void r(const Tree& t, script::TestDef& out, const std::string& path);
void r(const Tree& t, script::PackManifest& out, const std::string& path) {
  read(t, out, path);
}
void r(const Tree& t, script::PackDefinitions& out, const std::string& path) {
  read(t, out, path);
}
void r(const Tree& t, script::ScriptError& out, const std::string& path) {
  read(t, out, path);
}
void r(const Tree& t, CatalogPack& out, const std::string& path) {
  read(t, out, path);
}
void r(const Tree& t, SeriesPoint& out, const std::string& path);
void r(const Tree& t, BreakdownItem& out, const std::string& path);
void r(const Tree& t, Provenance& out, const std::string& path);
void r(const Tree& t, IndicatorResult& out, const std::string& path) {
  read(t, out, path);
}
void r(const Tree& t, ScoredPosition& out, const std::string& path) {
  read(t, out, path);
}
void r(const Tree& t, ScoredRisk& out, const std::string& path);
void r(const Tree& t, ReportedRag& out, const std::string& path);
void r(const Tree& t, ScoredRegister& out, const std::string& path) {
  read(t, out, path);
}
void r(const Tree& t, HistoryPoint& out, const std::string& path);
void r(const Tree& t, ControlLine& out, const std::string& path);
void r(const Tree& t, LinkedAction& out, const std::string& path);
void r(const Tree& t, AreaAction& out, const std::string& path);
void r(const Tree& t, LinkedArea& out, const std::string& path);
void r(const Tree& t, RiskMove& out, const std::string& path);
void r(const Tree& t, IndicatorChange& out, const std::string& path);
void r(const Tree& t, IndicatorChange::Group& out, const std::string& path);
void r(const Tree& t, data::ScenarioChange& out, const std::string& path);

// ---- containers ---------------------------------------------------------------

template <class T>
Tree w(const std::optional<T>& v);
template <class T>
Tree w(const std::vector<T>& v);
template <class K, class V>
Tree w(const std::pair<K, V>& v);
template <class K, class V>
Tree w(const std::map<K, V>& v);

template <class T>
Tree w(const std::optional<T>& v) {
  return v ? w(*v) : Tree();
}
template <class T>
Tree w(const std::vector<T>& v) {
  Tree a = Tree::array();
  a.as_array().reserve(v.size());
  for (const auto& x : v) a.push(w(x));
  return a;
}
template <class K, class V>
Tree w(const std::pair<K, V>& v) {
  Tree a = Tree::array();
  a.push(w(v.first));
  a.push(w(v.second));
  return a;
}
template <class K, class V>
Tree w(const std::map<K, V>& v) {
  Tree a = Tree::array();
  for (const auto& [k, x] : v) {
    Tree kv = Tree::array();
    kv.push(w(k));
    kv.push(w(x));
    a.push(std::move(kv));
  }
  return a;
}

template <class T>
void r(const Tree& t, std::optional<T>& out, const std::string& path);
template <class T>
void r(const Tree& t, std::vector<T>& out, const std::string& path);
template <class K, class V>
void r(const Tree& t, std::pair<K, V>& out, const std::string& path);
template <class V>
void r(const Tree& t, std::map<std::string, V>& out, const std::string& path);

template <class T>
void r(const Tree& t, std::optional<T>& out, const std::string& path) {
  if (t.is_null()) {
    out.reset();
    return;
  }
  T v{};
  r(t, v, path);
  out = std::move(v);
}
template <class T>
void r(const Tree& t, std::vector<T>& out, const std::string& path) {
  if (!t.is_array()) fail(path, "expected an array" + got(t));
  out.clear();
  out.reserve(t.size());
  const auto& a = t.as_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    T v{};
    r(a[i], v, item(path, i));
    out.push_back(std::move(v));
  }
}
const Tree::Array& pair_array(const Tree& t, const std::string& path) {
  if (!t.is_array() || t.size() != 2) fail(path, "expected a [key, value] array" + got(t));
  return t.as_array();
}
template <class K, class V>
void r(const Tree& t, std::pair<K, V>& out, const std::string& path) {
  const auto& a = pair_array(t, path);
  r(a[0], out.first, item(path, 0));
  r(a[1], out.second, item(path, 1));
}
template <class V>
void r(const Tree& t, std::map<std::string, V>& out, const std::string& path) {
  if (!t.is_array()) fail(path, "expected an array of [key, value] arrays" + got(t));
  out.clear();
  const auto& a = t.as_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string p = item(path, i);
    const auto& kv = pair_array(a[i], p);
    std::string key;
    r(kv[0], key, item(p, 0));
    V v{};
    r(kv[1], v, item(p, 1));
    if (!out.emplace(std::move(key), std::move(v)).second)
      fail(item(p, 0), "duplicate key " + quote(kv[0].is_string() ? kv[0].as_string() : ""));
  }
}
// VersionRange has no default constructor: read through its text.
void r(const Tree& t, std::map<std::string, VersionRange>& out, const std::string& path) {
  if (!t.is_array()) fail(path, "expected an array of [key, value] arrays" + got(t));
  out.clear();
  const auto& a = t.as_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string p = item(path, i);
    const auto& kv = pair_array(a[i], p);
    std::string key, text;
    r(kv[0], key, item(p, 0));
    r(kv[1], text, item(p, 1));
    std::optional<VersionRange> range;
    try {
      range = VersionRange::parse(text);
    } catch (const Error& e) {
      fail(item(p, 1), "not a version range: " + e.message());
    }
    if (!out.emplace(key, *range).second) fail(item(p, 0), "duplicate key " + quote(key));
  }
}
void r(const Tree& t, Version& out, const std::string& path) {
  const std::string text = decode_string(t, path);
  auto v = Version::parse(text);
  if (!v) fail(path, "not a version: " + quote(text));
  out = std::move(*v);
}

// ---- objects ------------------------------------------------------------------

// Builds an object in field order.
class Out {
 public:
  template <class T>
  Out& add(const char* key, const T& v) {
    t_.as_object().emplace_back(key, w(v));
    return *this;
  }
  Out& flag(const char* key, bool v) {
    t_.as_object().emplace_back(key, wb(v));
    return *this;
  }
  Tree done() { return std::move(t_); }

 private:
  Tree t_ = Tree::object();
};

// Reads an object's fields; done() refuses any field not asked for.
class In {
 public:
  In(const Tree& t, const std::string& path) : t_(t), path_(path) {
    if (!t.is_object()) fail(path_, "expected an object" + got(t));
  }
  template <class T>
  In& get(std::string_view key, T& out) {
    r(at(key), out, field(path_, key));
    return *this;
  }
  const Tree& at(std::string_view key) {
    const Tree* v = t_.find(key);
    if (!v) fail(field(path_, key), "missing");
    seen_.push_back(key);
    return *v;
  }
  void done() const {
    for (const auto& [k, v] : t_.as_object())
      if (std::find(seen_.begin(), seen_.end(), k) == seen_.end()) fail(field(path_, quote(k)), "unknown field");
    if (t_.size() != seen_.size()) fail(path_, "duplicate fields");
  }

 private:
  const Tree& t_;
  const std::string& path_;
  std::vector<std::string_view> seen_;
};

// ---- definitions ----------------------------------------------------------------

Tree w(const Thresholds& v) {
  return Out().add("green", v.green).add("amber", v.amber).done();
}
void r(const Tree& t, Thresholds& v, const std::string& p) {
  In(t, p).get("green", v.green).get("amber", v.amber).done();
}

Tree w(const script::DefinitionSite& v) {
  return Out().add("file", v.file).add("line", v.line).done();
}
void r(const Tree& t, script::DefinitionSite& v, const std::string& p) {
  In(t, p).get("file", v.file).get("line", v.line).done();
}

Tree w(const script::IndicatorDef& v) {
  return Out()
      .add("id", v.id)
      .add("title", v.title)
      .add("description", v.description)
      .add("unit", v.unit)
      .add("polarity", v.polarity)
      .add("thresholds", v.thresholds)
      .add("tags", v.tags)
      .add("site", v.site)
      .done();
}
void r(const Tree& t, script::IndicatorDef& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("title", v.title)
      .get("description", v.description)
      .get("unit", v.unit)
      .get("polarity", v.polarity)
      .get("thresholds", v.thresholds)
      .get("tags", v.tags)
      .get("site", v.site)
      .done();
  v.compute_ref = v.rag_ref = v.explain_ref = 0;
}

Tree w(const script::RuleDef& v) {
  return Out()
      .add("id", v.id)
      .add("title", v.title)
      .add("description", v.description)
      .add("likelihood_scale", v.likelihood_scale)
      .add("impact_scale", v.impact_scale)
      .add("grid", v.grid)
      .add("site", v.site)
      .done();
}
void r(const Tree& t, script::RuleDef& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("title", v.title)
      .get("description", v.description)
      .get("likelihood_scale", v.likelihood_scale)
      .get("impact_scale", v.impact_scale)
      .get("grid", v.grid)
      .get("site", v.site)
      .done();
  v.score_ref = v.band_ref = 0;
}

Tree w(const script::ParamSpec& v) {
  return Out()
      .add("name", v.name)
      .add("kind", v.kind)
      .add("options", v.options)
      .add("default", v.default_value)
      .add("min", v.min)
      .add("max", v.max)
      .add("step", v.step)
      .add("label", v.label)
      .done();
}
void r(const Tree& t, script::ParamSpec& v, const std::string& p) {
  In(t, p)
      .get("name", v.name)
      .get("kind", v.kind)
      .get("options", v.options)
      .get("default", v.default_value)
      .get("min", v.min)
      .get("max", v.max)
      .get("step", v.step)
      .get("label", v.label)
      .done();
}

Tree w(const script::ViewDef& v) {
  return Out()
      .add("id", v.id)
      .add("title", v.title)
      .add("board", v.board)
      .add("description", v.description)
      .add("params", v.params)
      .add("site", v.site)
      .done();
}
void r(const Tree& t, script::ViewDef& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("title", v.title)
      .get("board", v.board)
      .get("description", v.description)
      .get("params", v.params)
      .get("site", v.site)
      .done();
  v.build_ref = 0;
}

Tree w(const script::TestDef& v) {
  return Out().add("name", v.name).add("site", v.site).done();
}
void r(const Tree& t, script::TestDef& v, const std::string& p) {
  In(t, p).get("name", v.name).get("site", v.site).done();
  v.run_ref = 0;
}

// ---- indicator results ------------------------------------------------------------

Tree w(const SeriesPoint& v) {
  return Out().add("period", v.period).add("value", v.value).done();
}
void r(const Tree& t, SeriesPoint& v, const std::string& p) {
  In(t, p).get("period", v.period).get("value", v.value).done();
}

Tree w(const BreakdownItem& v) {
  return Out().add("group", v.group).add("value", v.value).add("series", v.series).add("rag", v.rag).done();
}
void r(const Tree& t, BreakdownItem& v, const std::string& p) {
  In(t, p).get("group", v.group).get("value", v.value).get("series", v.series).get("rag", v.rag).done();
}

Tree w(const Provenance& v) {
  return Out()
      .add("pack", v.pack)
      .add("pack_version", v.pack_version)
      .add("file", v.file)
      .add("line", v.line)
      .add("definition_hash", v.definition_hash)
      .add("data_version", v.data_version)
      .add("as_of", v.as_of)
      .add("evaluated_at", v.evaluated_at)
      .done();
}
void r(const Tree& t, Provenance& v, const std::string& p) {
  In(t, p)
      .get("pack", v.pack)
      .get("pack_version", v.pack_version)
      .get("file", v.file)
      .get("line", v.line)
      .get("definition_hash", v.definition_hash)
      .get("data_version", v.data_version)
      .get("as_of", v.as_of)
      .get("evaluated_at", v.evaluated_at)
      .done();
}

// ---- register ------------------------------------------------------------------

Tree w(const ScoredRisk& v) {
  return Out()
      .add("risk_id", v.risk_id)
      .add("ref", v.ref)
      .add("name", v.name)
      .add("term", v.term)
      .add("trend", v.trend)
      .add("as_of", v.as_of)
      .add("current", v.current)
      .add("target", v.target)
      .done();
}
void r(const Tree& t, ScoredRisk& v, const std::string& p) {
  In(t, p)
      .get("risk_id", v.risk_id)
      .get("ref", v.ref)
      .get("name", v.name)
      .get("term", v.term)
      .get("trend", v.trend)
      .get("as_of", v.as_of)
      .get("current", v.current)
      .get("target", v.target)
      .done();
}

Tree w(const ReportedRag& v) {
  return Out()
      .add("period", v.period)
      .add("source", v.source)
      .add("red", v.red)
      .add("amber", v.amber)
      .add("green", v.green)
      .add("blue", v.blue)
      .done();
}
void r(const Tree& t, ReportedRag& v, const std::string& p) {
  In(t, p)
      .get("period", v.period)
      .get("source", v.source)
      .get("red", v.red)
      .get("amber", v.amber)
      .get("green", v.green)
      .get("blue", v.blue)
      .done();
}

Tree w(const HistoryPoint& v) {
  return Out()
      .add("as_of", v.as_of)
      .add("period", v.period)
      .add("likelihood", v.likelihood)
      .add("impact", v.impact)
      .add("score", v.score)
      .add("band", v.band)
      .add("trend", v.trend)
      .add("commentary", v.commentary)
      .done();
}
void r(const Tree& t, HistoryPoint& v, const std::string& p) {
  In(t, p)
      .get("as_of", v.as_of)
      .get("period", v.period)
      .get("likelihood", v.likelihood)
      .get("impact", v.impact)
      .get("score", v.score)
      .get("band", v.band)
      .get("trend", v.trend)
      .get("commentary", v.commentary)
      .done();
}

Tree w(const ControlLine& v) {
  return Out()
      .add("id", v.id)
      .add("seq", v.seq)
      .add("description", v.description)
      .add("owner", v.owner)
      .add("target_date", v.target_date)
      .add("period", v.period)
      .add("progress", v.progress)
      .done();
}
void r(const Tree& t, ControlLine& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("seq", v.seq)
      .get("description", v.description)
      .get("owner", v.owner)
      .get("target_date", v.target_date)
      .get("period", v.period)
      .get("progress", v.progress)
      .done();
}

Tree w(const LinkedAction& v) {
  return Out()
      .add("id", v.id)
      .add("plan", v.plan)
      .add("title", v.title)
      .add("status", v.status)
      .add("due", v.due)
      .add("rag", v.rag)
      .done();
}
void r(const Tree& t, LinkedAction& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("plan", v.plan)
      .get("title", v.title)
      .get("status", v.status)
      .get("due", v.due)
      .get("rag", v.rag)
      .done();
}

Tree w(const AreaAction& v) {
  return Out()
      .add("id", v.id)
      .add("seq", v.seq)
      .add("action", v.action)
      .add("lead", v.lead)
      .add("status", v.status)
      .add("rag", v.rag)
      .done();
}
void r(const Tree& t, AreaAction& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("seq", v.seq)
      .get("action", v.action)
      .get("lead", v.lead)
      .get("status", v.status)
      .get("rag", v.rag)
      .done();
}

Tree w(const LinkedArea& v) {
  return Out().add("id", v.id).add("year", v.year).add("title", v.title).add("actions", v.actions).done();
}
void r(const Tree& t, LinkedArea& v, const std::string& p) {
  In(t, p).get("id", v.id).get("year", v.year).get("title", v.title).get("actions", v.actions).done();
}

// ---- scenarios ------------------------------------------------------------------

Tree w(const RiskMove& v) {
  return Out()
      .add("risk_id", v.risk_id)
      .add("ref", v.ref)
      .add("name", v.name)
      .add("from", v.from)
      .add("to", v.to)
      .done();
}
void r(const Tree& t, RiskMove& v, const std::string& p) {
  In(t, p).get("risk_id", v.risk_id).get("ref", v.ref).get("name", v.name).get("from", v.from).get("to", v.to).done();
}

Tree w(const IndicatorChange::Group& v) {
  return Out().add("group", v.group).add("from", v.from).add("to", v.to).done();
}
void r(const Tree& t, IndicatorChange::Group& v, const std::string& p) {
  In(t, p).get("group", v.group).get("from", v.from).get("to", v.to).done();
}

Tree w(const IndicatorChange& v) {
  return Out()
      .add("id", v.id)
      .add("title", v.title)
      .add("unit", v.unit)
      .add("from", v.from)
      .add("to", v.to)
      .add("delta", v.delta)
      .flag("changed", v.changed)
      .add("groups", v.groups)
      .done();
}
void r(const Tree& t, IndicatorChange& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("title", v.title)
      .get("unit", v.unit)
      .get("from", v.from)
      .get("to", v.to)
      .get("delta", v.delta)
      .get("changed", v.changed)
      .get("groups", v.groups)
      .done();
}

Tree w(const data::ScenarioChange& v) {
  return Out()
      .add("id", v.id)
      .add("kind", v.kind)
      .add("target_id", v.target_id)
      .add("likelihood", v.likelihood)
      .add("impact", v.impact)
      .add("progress", v.progress)
      .add("status", v.status)
      .add("rag", v.rag)
      .add("label", v.label)
      .add("baseline", v.baseline)
      .add("proposed", v.proposed)
      .done();
}
void r(const Tree& t, data::ScenarioChange& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("kind", v.kind)
      .get("target_id", v.target_id)
      .get("likelihood", v.likelihood)
      .get("impact", v.impact)
      .get("progress", v.progress)
      .get("status", v.status)
      .get("rag", v.rag)
      .get("label", v.label)
      .get("baseline", v.baseline)
      .get("proposed", v.proposed)
      .done();
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}
int hex_value(char c) {
  return c <= '9' ? c - '0' : c - 'a' + 10;
}

}  // namespace

// ---- scalars (public) ------------------------------------------------------------

void fail(const std::string& path, const std::string& what) {
  throw Error((path.empty() ? "(top level)" : path) + ": " + what);
}

Tree encode_double(double v) {
  if (std::isnan(v)) return Tree("nan");
  if (std::isinf(v)) return Tree(v > 0 ? "inf" : "-inf");
  if (v == 0 && std::signbit(v)) return Tree("-0");
  return Tree(v);
}

double decode_double(const Tree& t, const std::string& path) {
  if (t.is_number()) {
    const double d = t.as_number();
    // A Tree built in memory may hold a non-finite number; the text form never does.
    if (!std::isfinite(d)) fail(path, "expected a finite number or \"nan\", \"inf\", \"-inf\", \"-0\"");
    return d;
  }
  if (t.is_string()) {
    const auto& s = t.as_string();
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (s == "inf") return std::numeric_limits<double>::infinity();
    if (s == "-inf") return -std::numeric_limits<double>::infinity();
    if (s == "-0") return -0.0;
    fail(path,
         "expected a number, got the string " + quote(s) + " (only \"nan\", \"inf\", \"-inf\" and \"-0\" are numbers)");
  }
  fail(path, "expected a number" + got(t));
}

Tree encode_int64(std::int64_t v) {
  constexpr std::int64_t kMax = std::int64_t(1) << 53;
  if (v >= -kMax && v <= kMax) return Tree(v);
  return Tree(std::to_string(v));
}

std::int64_t decode_int64(const Tree& t, const std::string& path) {
  if (t.is_number()) {
    const double d = t.as_number();
    if (!std::isfinite(d) || d != std::floor(d)) fail(path, "expected an integer, got " + format_double(d));
    if (std::fabs(d) > kMaxExactInteger) fail(path, "an integer beyond 2^53 must be written as a decimal string");
    return static_cast<std::int64_t>(d);
  }
  if (t.is_string()) {
    const auto& s = t.as_string();
    std::int64_t v = 0;
    const char* end = s.data() + s.size();
    const auto [p, ec] = std::from_chars(s.data(), end, v);
    if (s.empty() || ec != std::errc() || p != end) fail(path, "expected a 64-bit integer, got the string " + quote(s));
    return v;
  }
  fail(path, "expected an integer" + got(t));
}

int decode_int(const Tree& t, const std::string& path) {
  if (!t.is_number()) fail(path, "expected an integer" + got(t));
  const double d = t.as_number();
  if (!std::isfinite(d) || d != std::floor(d)) fail(path, "expected an integer, got " + format_double(d));
  if (d < static_cast<double>(std::numeric_limits<int>::min()) ||
      d > static_cast<double>(std::numeric_limits<int>::max()))
    fail(path, "integer out of range: " + format_double(d));
  return static_cast<int>(d);
}

bool decode_bool(const Tree& t, const std::string& path) {
  if (!t.is_bool()) fail(path, "expected true or false" + got(t));
  return t.as_bool();
}

Tree encode_string(const std::string& v) {
  if (!find_invalid_utf8(v)) return Tree(v);
  static const char* hex = "0123456789abcdef";
  std::string h;
  h.reserve(v.size() * 2);
  for (char ch : v) {
    const auto c = static_cast<unsigned char>(ch);
    h.push_back(hex[c >> 4]);
    h.push_back(hex[c & 0xF]);
  }
  Tree t = Tree::object();
  t.set("bytes", std::move(h));
  return t;
}

std::string decode_string(const Tree& t, const std::string& path) {
  if (t.is_string()) return t.as_string();
  if (t.is_object() && t.size() == 1 && t.as_object()[0].first == "bytes") {
    const Tree& h = t.as_object()[0].second;
    const std::string p = field(path, "bytes");
    if (!h.is_string()) fail(p, "expected a string of hex digits" + got(h));
    const auto& s = h.as_string();
    if (s.size() % 2 != 0 || !std::all_of(s.begin(), s.end(), is_hex))
      fail(p, "expected an even number of lower-case hex digits");
    std::string out;
    out.reserve(s.size() / 2);
    for (std::size_t i = 0; i < s.size(); i += 2)
      out.push_back(static_cast<char>(hex_value(s[i]) * 16 + hex_value(s[i + 1])));
    return out;
  }
  fail(path, "expected a string" + got(t));
}

// ---- public types ------------------------------------------------------------------

Tree to_tree(const script::PackManifest& v) {
  return Out()
      .add("name", v.name)
      .add("version", v.version)
      .add("api", v.api)
      .add("title", v.title)
      .add("description", v.description)
      .add("authors", v.authors)
      .add("license", v.license)
      .add("requires", v.requires_)
      .add("data_tables", v.data_tables)
      .add("data_columns", v.data_columns)
      .add("permissions", v.permissions)
      .done();
}
void read(const Tree& t, script::PackManifest& v, const std::string& p) {
  In(t, p)
      .get("name", v.name)
      .get("version", v.version)
      .get("api", v.api)
      .get("title", v.title)
      .get("description", v.description)
      .get("authors", v.authors)
      .get("license", v.license)
      .get("requires", v.requires_)
      .get("data_tables", v.data_tables)
      .get("data_columns", v.data_columns)
      .get("permissions", v.permissions)
      .done();
}

Tree to_tree(const script::PackDefinitions& v) {
  return Out().add("indicators", v.indicators).add("rules", v.rules).add("views", v.views).add("tests", v.tests).done();
}
void read(const Tree& t, script::PackDefinitions& v, const std::string& p) {
  In(t, p).get("indicators", v.indicators).get("rules", v.rules).get("views", v.views).get("tests", v.tests).done();
}

Tree to_tree(const script::ScriptError& v) {
  return Out()
      .add("kind", v.kind)
      .add("pack", v.pack)
      .add("file", v.file)
      .add("line", v.line)
      .add("message", v.message)
      .add("traceback", v.traceback)
      .done();
}
void read(const Tree& t, script::ScriptError& v, const std::string& p) {
  In(t, p)
      .get("kind", v.kind)
      .get("pack", v.pack)
      .get("file", v.file)
      .get("line", v.line)
      .get("message", v.message)
      .get("traceback", v.traceback)
      .done();
}
Tree to_tree(const std::vector<script::ScriptError>& v) {
  return w(v);
}
void read(const Tree& t, std::vector<script::ScriptError>& v, const std::string& p) {
  r(t, v, p);
}

Tree to_tree(const script::ConsoleMessage& v) {
  return Out()
      .add("level", v.level)
      .add("pack", v.pack)
      .add("file", v.file)
      .add("line", v.line)
      .add("text", v.text)
      .done();
}
void read(const Tree& t, script::ConsoleMessage& v, const std::string& p) {
  In(t, p).get("level", v.level).get("pack", v.pack).get("file", v.file).get("line", v.line).get("text", v.text).done();
}

Tree to_tree(const CatalogPack& v) {
  return Out()
      .add("name", v.name)
      .add("dir", v.dir)
      .add("origin", v.origin)
      .add("status", v.status)
      .add("manifest", v.manifest)
      .flag("active", v.active)
      .add("problems", v.problems)
      .add("trust", v.trust)
      .add("collisions", v.collisions)
      .add("definitions", v.definitions)
      .done();
}
void read(const Tree& t, CatalogPack& v, const std::string& p) {
  In(t, p)
      .get("name", v.name)
      .get("dir", v.dir)
      .get("origin", v.origin)
      .get("status", v.status)
      .get("manifest", v.manifest)
      .get("active", v.active)
      .get("problems", v.problems)
      .get("trust", v.trust)
      .get("collisions", v.collisions)
      .get("definitions", v.definitions)
      .done();
}

Tree to_tree(const PackCatalog& v) {
  return Out().add("packs", v.packs).done();
}
void read(const Tree& t, PackCatalog& v, const std::string& p) {
  In(t, p).get("packs", v.packs).done();
}

Tree to_tree(const IndicatorResult& v) {
  return Out()
      .add("id", v.id)
      .add("title", v.title)
      .add("unit", v.unit)
      .add("polarity", v.polarity)
      .add("status", v.status)
      .add("kind", v.kind)
      .add("value", v.value)
      .add("rag", v.rag)
      .add("series", v.series)
      .add("breakdown", v.breakdown)
      .add("explanation", v.explanation)
      .add("note", v.note)
      .add("error", v.error)
      .add("traceback", v.traceback)
      .add("warning", v.warning)
      .add("provenance", v.provenance)
      .done();
}
void read(const Tree& t, IndicatorResult& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("title", v.title)
      .get("unit", v.unit)
      .get("polarity", v.polarity)
      .get("status", v.status)
      .get("kind", v.kind)
      .get("value", v.value)
      .get("rag", v.rag)
      .get("series", v.series)
      .get("breakdown", v.breakdown)
      .get("explanation", v.explanation)
      .get("note", v.note)
      .get("error", v.error)
      .get("traceback", v.traceback)
      .get("warning", v.warning)
      .get("provenance", v.provenance)
      .done();
}
Tree to_tree(const std::vector<IndicatorResult>& v) {
  return w(v);
}
void read(const Tree& t, std::vector<IndicatorResult>& v, const std::string& p) {
  r(t, v, p);
}

Tree to_tree(const ScoredPosition& v) {
  return Out()
      .add("likelihood", v.likelihood)
      .add("impact", v.impact)
      .add("score", v.score)
      .add("band", v.band)
      .add("error", v.error)
      .done();
}
void read(const Tree& t, ScoredPosition& v, const std::string& p) {
  In(t, p)
      .get("likelihood", v.likelihood)
      .get("impact", v.impact)
      .get("score", v.score)
      .get("band", v.band)
      .get("error", v.error)
      .done();
}

Tree to_tree(const ScoredRegister& v) {
  return Out()
      .add("rule_id", v.rule_id)
      .add("rule_title", v.rule_title)
      .add("pack", v.pack)
      .add("pack_version", v.pack_version)
      .add("as_of", v.as_of)
      .add("risks", v.risks)
      .add("red", v.red)
      .add("amber", v.amber)
      .add("green", v.green)
      .add("blue", v.blue)
      .add("unscored", v.unscored)
      .add("errors", v.errors)
      .add("reported", v.reported)
      .done();
}
void read(const Tree& t, ScoredRegister& v, const std::string& p) {
  In(t, p)
      .get("rule_id", v.rule_id)
      .get("rule_title", v.rule_title)
      .get("pack", v.pack)
      .get("pack_version", v.pack_version)
      .get("as_of", v.as_of)
      .get("risks", v.risks)
      .get("red", v.red)
      .get("amber", v.amber)
      .get("green", v.green)
      .get("blue", v.blue)
      .get("unscored", v.unscored)
      .get("errors", v.errors)
      .get("reported", v.reported)
      .done();
}

Tree to_tree(const HeatGrid& v) {
  return Out()
      .add("likelihood", v.likelihood)
      .add("impact", v.impact)
      .add("bands", v.bands)
      .add("scores", v.scores)
      .add("error", v.error)
      .done();
}
void read(const Tree& t, HeatGrid& v, const std::string& p) {
  In(t, p)
      .get("likelihood", v.likelihood)
      .get("impact", v.impact)
      .get("bands", v.bands)
      .get("scores", v.scores)
      .get("error", v.error)
      .done();
}

Tree to_tree(const RiskDetail& v) {
  return Out()
      .add("risk_id", v.risk_id)
      .add("ref", v.ref)
      .add("name", v.name)
      .add("description", v.description)
      .add("owner", v.owner)
      .add("term", v.term)
      .add("leads", v.leads)
      .add("history", v.history)
      .add("controls", v.controls)
      .add("actions", v.actions)
      .add("areas", v.areas)
      .done();
}
void read(const Tree& t, RiskDetail& v, const std::string& p) {
  In(t, p)
      .get("risk_id", v.risk_id)
      .get("ref", v.ref)
      .get("name", v.name)
      .get("description", v.description)
      .get("owner", v.owner)
      .get("term", v.term)
      .get("leads", v.leads)
      .get("history", v.history)
      .get("controls", v.controls)
      .get("actions", v.actions)
      .get("areas", v.areas)
      .done();
}

Tree to_tree(const ViewRequest& v) {
  return Out().add("id", v.id).add("params", v.params).add("as_of", v.as_of).done();
}
void read(const Tree& t, ViewRequest& v, const std::string& p) {
  In(t, p).get("id", v.id).get("params", v.params).get("as_of", v.as_of).done();
}

Tree to_tree(const Outcome& v) {
  return Out().add("reg", v.reg).add("indicators", v.indicators).done();
}
void read(const Tree& t, Outcome& v, const std::string& p) {
  In(t, p).get("reg", v.reg).get("indicators", v.indicators).done();
}

Tree to_tree(const OutcomeDiff& v) {
  return Out()
      .add("rule_id", v.rule_id)
      .add("risks", v.risks)
      .add("indicators", v.indicators)
      .add("from_red", v.from_red)
      .add("from_amber", v.from_amber)
      .add("from_green", v.from_green)
      .add("to_red", v.to_red)
      .add("to_amber", v.to_amber)
      .add("to_green", v.to_green)
      .done();
}
void read(const Tree& t, OutcomeDiff& v, const std::string& p) {
  In(t, p)
      .get("rule_id", v.rule_id)
      .get("risks", v.risks)
      .get("indicators", v.indicators)
      .get("from_red", v.from_red)
      .get("from_amber", v.from_amber)
      .get("from_green", v.from_green)
      .get("to_red", v.to_red)
      .get("to_amber", v.to_amber)
      .get("to_green", v.to_green)
      .done();
}

Tree to_tree(const data::Scenario& v) {
  return Out()
      .add("id", v.id)
      .add("name", v.name)
      .add("description", v.description)
      .add("as_of", v.as_of)
      .add("session_id", v.session_id)
      .add("created_at", v.created_at)
      .add("created_by", v.created_by)
      .add("applied_at", v.applied_at)
      .add("applied_by", v.applied_by)
      .add("changes", v.changes)
      .done();
}
void read(const Tree& t, data::Scenario& v, const std::string& p) {
  In(t, p)
      .get("id", v.id)
      .get("name", v.name)
      .get("description", v.description)
      .get("as_of", v.as_of)
      .get("session_id", v.session_id)
      .get("created_at", v.created_at)
      .get("created_by", v.created_by)
      .get("applied_at", v.applied_at)
      .get("applied_by", v.applied_by)
      .get("changes", v.changes)
      .done();
}

}  // namespace gb::engine::wire

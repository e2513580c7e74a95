// The building blocks of the wire encodings (wire.hpp), shared by the files
// that encode each family of types: wire_packs.cpp (manifests, definitions,
// errors, the catalog), wire_results.cpp (indicator results, the scored
// register, a risk's detail), wire_scenarios.cpp (views requested, what-if
// outcomes, scenarios); wire.cpp holds the scalar encodings.
//
// w(v) writes any value as a Tree, r(t, v, path) reads it back strictly;
// Out and In write and read an object's fields in order. Every overload of
// w and r is declared here, before the container templates and In that
// call them, because those calls are resolved where the templates are
// defined (argument-dependent lookup would not look in this namespace).
// Internal to workbench/engine.
#pragma once
#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/semver.hpp"
#include "engine/wire.hpp"

namespace gb::engine::wire::detail {

// Field paths for messages: "a.b", "a[3]", and " (got string)".
std::string field(const std::string& path, std::string_view key);
std::string item(const std::string& path, std::size_t i);
std::string got(const Tree& t);
// A short, printable quote of untrusted text for messages.
std::string quote(const std::string& s);

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
struct EnumNames<RagMode> {
  static constexpr const char* what = "a RAG mode";
  static constexpr std::array<std::pair<RagMode, std::string_view>, 2> items{
      {{RagMode::Plain, "plain"}, {RagMode::Significant, "significant"}}};
};
template <>
struct EnumNames<spc::Variation> {
  using V = spc::Variation;
  static constexpr const char* what = "an SPC variation";
  static constexpr std::array<std::pair<V, std::string_view>, 5> items{{{V::CommonCause, "common_cause"},
                                                                        {V::Improving, "special_cause_improving"},
                                                                        {V::Concerning, "special_cause_concerning"},
                                                                        {V::High, "special_cause_high"},
                                                                        {V::Low, "special_cause_low"}}};
};
template <>
struct EnumNames<spc::Assurance> {
  using A = spc::Assurance;
  static constexpr const char* what = "an SPC assurance";
  static constexpr std::array<std::pair<A, std::string_view>, 4> items{{{A::None, "none"},
                                                                        {A::Meeting, "consistently_meeting"},
                                                                        {A::HitAndMiss, "hit_and_miss"},
                                                                        {A::Failing, "consistently_failing"}}};
};
template <>
struct EnumNames<spc::Direction> {
  using D = spc::Direction;
  static constexpr const char* what = "an SPC direction";
  static constexpr std::array<std::pair<D, std::string_view>, 3> items{
      {{D::None, "none"}, {D::High, "high"}, {D::Low, "low"}}};
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

inline Tree w(const std::string& s) {
  return encode_string(s);
}
inline Tree w(double d) {
  return encode_double(d);
}
inline Tree w(int i) {
  return Tree(i);
}
inline Tree w(std::int64_t i) {
  return encode_int64(i);
}
inline Tree w(const std::filesystem::path& p) {
  return encode_string(p.string());
}
inline Tree wb(bool b) {
  return Tree(b);
}

inline void r(const Tree& t, std::string& out, const std::string& path) {
  out = decode_string(t, path);
}
inline void r(const Tree& t, double& out, const std::string& path) {
  out = decode_double(t, path);
}
inline void r(const Tree& t, int& out, const std::string& path) {
  out = decode_int(t, path);
}
inline void r(const Tree& t, std::int64_t& out, const std::string& path) {
  out = decode_int64(t, path);
}
inline void r(const Tree& t, bool& out, const std::string& path) {
  out = decode_bool(t, path);
}
inline void r(const Tree& t, std::filesystem::path& out, const std::string& path) {
  out = std::filesystem::path(decode_string(t, path));
}

// ---- structs: declared here so the templates below see them ----------------

inline Tree w(const VersionRange& v) {
  return encode_string(v.to_string());
}
inline Tree w(const Version& v) {
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
inline Tree w(const script::PackManifest& v) {
  return to_tree(v);
}
inline Tree w(const script::PackDefinitions& v) {
  return to_tree(v);
}
inline Tree w(const script::ScriptError& v) {
  return to_tree(v);
}
inline Tree w(const CatalogPack& v) {
  return to_tree(v);
}
Tree w(const Uncertainty& v);
Tree w(const spc::XmrPoint& v);
Tree w(const spc::XmrSegment& v);
Tree w(const spc::Xmr& v);
Tree w(const SeriesPoint& v);
Tree w(const BreakdownItem& v);
Tree w(const Provenance& v);
inline Tree w(const IndicatorResult& v) {
  return to_tree(v);
}
inline Tree w(const ScoredPosition& v) {
  return to_tree(v);
}
Tree w(const ScoredRisk& v);
Tree w(const ReportedRag& v);
inline Tree w(const ScoredRegister& v) {
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
inline void r(const Tree& t, script::PackManifest& out, const std::string& path) {
  read(t, out, path);
}
inline void r(const Tree& t, script::PackDefinitions& out, const std::string& path) {
  read(t, out, path);
}
inline void r(const Tree& t, script::ScriptError& out, const std::string& path) {
  read(t, out, path);
}
inline void r(const Tree& t, CatalogPack& out, const std::string& path) {
  read(t, out, path);
}
void r(const Tree& t, Uncertainty& out, const std::string& path);
void r(const Tree& t, spc::XmrPoint& out, const std::string& path);
void r(const Tree& t, spc::XmrSegment& out, const std::string& path);
void r(const Tree& t, spc::Xmr& out, const std::string& path);
void r(const Tree& t, SeriesPoint& out, const std::string& path);
void r(const Tree& t, BreakdownItem& out, const std::string& path);
void r(const Tree& t, Provenance& out, const std::string& path);
inline void r(const Tree& t, IndicatorResult& out, const std::string& path) {
  read(t, out, path);
}
inline void r(const Tree& t, ScoredPosition& out, const std::string& path) {
  read(t, out, path);
}
void r(const Tree& t, ScoredRisk& out, const std::string& path);
void r(const Tree& t, ReportedRag& out, const std::string& path);
inline void r(const Tree& t, ScoredRegister& out, const std::string& path) {
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
const Tree::Array& pair_array(const Tree& t, const std::string& path);
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
void r(const Tree& t, std::map<std::string, VersionRange>& out, const std::string& path);

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

}  // namespace gb::engine::wire::detail

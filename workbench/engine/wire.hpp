// What crosses between the window and the pack host (one JSON message per
// line): exact, strict Tree encodings of the plain data the window needs
// back from the host.
//
//   Tree t = wire::to_tree(result);             // host side; t.to_json() is the text
//   auto r = wire::from_tree<IndicatorResult>(parse_json(line));   // window side
//
// Exactness: reading what to_tree wrote (also through to_json/parse_json)
// gives back an equal value, bit for bit, with these encodings:
//   double        a JSON number when finite and not -0 (Tree::to_json writes
//                 the shortest text that reads back to the same double); else
//                 the string "nan", "inf", "-inf" or "-0". Double fields are
//                 known from the schema, so these strings are never mistaken
//                 for text. (A NaN's sign and payload are not kept.)
//   int64         a JSON number when |v| <= 2^53, else a decimal string.
//   string        a JSON string when it is valid UTF-8 (JSON text carries
//                 nothing else), else {"bytes": "<lower-case hex>"}.
//   maps, pairs   arrays of [key, value] arrays (keys may be any string).
//   enums         lower-case names ("green", "no_data", "higher_is_better",
//                 "stale", "budget", ...).
//   Version, VersionRange  their to_string() text, read back with parse().
//   paths         path.string(), as a string above.
// Not carried: the definitions' function refs (compute_ref, ..., run_ref),
// which mean nothing outside the host's Lua state: they read back as 0.
//
// Reading is strict: every field must be present with its type (an optional
// is null or its value), no unknown or duplicate fields, enum names known,
// integers integral and in range. Anything else throws gb::Error naming the
// field path, e.g. "indicators[3].provenance.line: expected an integer (got
// string)". Reading never recurses deeper than the schema, so hostile input
// cannot exhaust the stack.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/indicator_result.hpp"
#include "core/json.hpp"
#include "core/tree.hpp"
#include "data/scenario_model.hpp"
#include "engine/catalog.hpp"
#include "engine/register_model.hpp"
#include "engine/scenario.hpp"
#include "engine/scoring.hpp"
#include "engine/views.hpp"
#include "script/call.hpp"
#include "script/definitions.hpp"
#include "script/manifest.hpp"
#include "script/pack.hpp"

namespace gb::engine::wire {

// Writing. Never throws (short of running out of memory).
Tree to_tree(const PackCatalog& v);
Tree to_tree(const CatalogPack& v);
Tree to_tree(const script::PackManifest& v);
Tree to_tree(const script::PackDefinitions& v);
Tree to_tree(const script::ScriptError& v);
Tree to_tree(const std::vector<script::ScriptError>& v);
Tree to_tree(const script::ConsoleMessage& v);
Tree to_tree(const IndicatorResult& v);
Tree to_tree(const std::vector<IndicatorResult>& v);
Tree to_tree(const ScoredRegister& v);
Tree to_tree(const ScoredPosition& v);
Tree to_tree(const HeatGrid& v);
Tree to_tree(const RiskDetail& v);
Tree to_tree(const ViewRequest& v);
Tree to_tree(const Outcome& v);
Tree to_tree(const OutcomeDiff& v);
Tree to_tree(const data::Scenario& v);

// Reading: `path` is the name of `t` in messages ("" = the top level; a
// message holding a result under "result" passes "result").
// Throws gb::Error as above; `out` is unspecified after a throw.
void read(const Tree& t, PackCatalog& out, const std::string& path = {});
void read(const Tree& t, CatalogPack& out, const std::string& path = {});
void read(const Tree& t, script::PackManifest& out, const std::string& path = {});
void read(const Tree& t, script::PackDefinitions& out, const std::string& path = {});
void read(const Tree& t, script::ScriptError& out, const std::string& path = {});
void read(const Tree& t, std::vector<script::ScriptError>& out, const std::string& path = {});
void read(const Tree& t, script::ConsoleMessage& out, const std::string& path = {});
void read(const Tree& t, IndicatorResult& out, const std::string& path = {});
void read(const Tree& t, std::vector<IndicatorResult>& out, const std::string& path = {});
void read(const Tree& t, ScoredRegister& out, const std::string& path = {});
void read(const Tree& t, ScoredPosition& out, const std::string& path = {});
void read(const Tree& t, HeatGrid& out, const std::string& path = {});
void read(const Tree& t, RiskDetail& out, const std::string& path = {});
void read(const Tree& t, ViewRequest& out, const std::string& path = {});
void read(const Tree& t, Outcome& out, const std::string& path = {});
void read(const Tree& t, OutcomeDiff& out, const std::string& path = {});
void read(const Tree& t, data::Scenario& out, const std::string& path = {});

template <class T>
T from_tree(const Tree& t, const std::string& path = {}) {
  T out{};
  read(t, out, path);
  return out;
}

// One line of JSON text and back (parse_json's errors are gb::Error too).
template <class T>
std::string to_json(const T& v) {
  return to_tree(v).to_json();
}
template <class T>
T from_json(std::string_view text, const std::string& path = {}) {
  return from_tree<T>(parse_json(text), path);
}

// The scalar encodings above, for the fields of messages of one's own.
Tree encode_double(double v);
Tree encode_int64(std::int64_t v);
Tree encode_string(const std::string& v);
double decode_double(const Tree& t, const std::string& path);
std::int64_t decode_int64(const Tree& t, const std::string& path);
int decode_int(const Tree& t, const std::string& path);
bool decode_bool(const Tree& t, const std::string& path);
std::string decode_string(const Tree& t, const std::string& path);

// "indicators[3].line: what" ("(top level): what" for an empty path), thrown
// as gb::Error.
[[noreturn]] void fail(const std::string& path, const std::string& what);

}  // namespace gb::engine::wire

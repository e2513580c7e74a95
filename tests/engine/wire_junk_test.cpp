// The pack host's wire format (engine/wire.hpp) refuses junk: a gb::Error
// naming the field, never a crash, for hand-made bad messages and for every
// node of real messages replaced in turn by junk. Round trips are in
// wire_test.cpp.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"
#include "engine/wire.hpp"
#include "wire_check.hpp"

using namespace gb;
using namespace gb::engine;
using namespace wiretest;

namespace {

// Every node of a tree, in preorder (for mutating each in turn).
void nodes(Tree& t, std::vector<Tree*>& out) {
  out.push_back(&t);
  if (t.is_array())
    for (auto& v : t.as_array()) nodes(v, out);
  else if (t.is_object())
    for (auto& [k, v] : t.as_object()) nodes(v, out);
}

// Replaces each node of `good` in turn with each of a few junk values and
// reads the result: it must read or throw gb::Error, nothing else.
template <class T>
std::size_t mutate_all(const Tree& good, std::size_t stride = 1) {
  std::vector<Tree> junk = {Tree(),    Tree(true),  Tree(1.5),     Tree(-1),      Tree(1e300),
                            Tree("x"), Tree("nan"), Tree::array(), Tree::object()};
  Tree nested = Tree::array();
  for (int i = 0; i < 100; ++i) {
    Tree outer = Tree::array();
    outer.push(std::move(nested));
    nested = std::move(outer);
  }
  junk.push_back(nested);
  std::size_t count = 0, refused = 0;
  Tree copy = good;
  std::vector<Tree*> all;
  nodes(copy, all);
  for (std::size_t i = 0; i < all.size(); i += stride) {
    for (const auto& j : junk) {
      Tree mutated = good;
      std::vector<Tree*> m;
      nodes(mutated, m);
      *m[i] = j;
      ++count;
      try {
        (void)wire::from_tree<T>(mutated);
      } catch (const Error& e) {
        ++refused;
        REQUIRE(std::string(e.what()).find(": ") != std::string::npos);
      }
    }
  }
  CHECK(refused > count / 2);
  return count;
}

}  // namespace

TEST_CASE("wire: junk is refused with the path of the field", "[wire]") {
  IndicatorResult r;
  r.id = "x";
  r.series = {{"2021", 1, {}}, {"2022", 2, {}}};
  r.breakdown = {{"g", 1.0, {}, Rag::Green, {}}};
  const std::vector<IndicatorResult> list = {r, r, r, r};
  const Tree good = wire::to_tree(list);
  REQUIRE_NOTHROW(wire::from_tree<std::vector<IndicatorResult>>(good));

  auto refused = [&](const Tree& t, const std::string& expected, const std::string& path = {}) {
    try {
      (void)wire::from_tree<std::vector<IndicatorResult>>(t, path);
    } catch (const Error& e) {
      CHECK(std::string(e.what()) == expected);
      return;
    }
    FAIL("accepted, expected: " << expected);
  };
  auto with = [&](const std::string& key_path, Tree value) {
    Tree t = good;
    Tree* node = &t.as_array()[3];
    std::string rest = key_path;
    for (;;) {
      const auto dot = rest.find('.');
      const std::string key = rest.substr(0, dot);
      if (dot == std::string::npos) {
        node->set(key, std::move(value));
        break;
      }
      node = const_cast<Tree*>(node->find(key));
      rest = rest.substr(dot + 1);
    }
    return t;
  };
  auto without = [&](const std::string& key) {
    Tree t = good;
    auto& o = t.as_array()[3].as_object();
    std::erase_if(o, [&](const auto& kv) { return kv.first == key; });
    return t;
  };

  refused(with("provenance.line", "7"), "[3].provenance.line: expected an integer (got string)");
  refused(with("provenance.line", Tree(1.5)), "[3].provenance.line: expected an integer, got 1.5");
  refused(with("provenance.line", Tree(1e10)), "[3].provenance.line: integer out of range: 1e+10");
  refused(with("provenance.data_version", Tree(1e17)),
          "[3].provenance.data_version: an integer beyond 2^53 must be written as a decimal string");
  refused(with("provenance.data_version", "12x"),
          "[3].provenance.data_version: expected a 64-bit integer, got the string \"12x\"");
  refused(with("provenance.data_version", "99999999999999999999"),
          "[3].provenance.data_version: expected a 64-bit integer, got the string \"99999999999999999999\"");
  refused(with("status", "fine"),
          "[3].status: unknown name \"fine\" for a result status (expected one of ok, no_data, error)");
  refused(with("rag", Tree(2)), "[3].rag: expected a string naming a RAG band (got number)");
  refused(with("polarity", "Neutral"),
          "[3].polarity: unknown name \"Neutral\" for a polarity (expected one of higher_is_better, lower_is_better, "
          "neutral)");
  refused(
      with("value", "NaN"),
      "[3].value: expected a number, got the string \"NaN\" (only \"nan\", \"inf\", \"-inf\" and \"-0\" are numbers)");
  refused(with("value", Tree::array()), "[3].value: expected a number (got array)");
  refused(with("id", Tree()), "[3].id: expected a string (got null)");
  refused(with("id", Tree(3)), "[3].id: expected a string (got number)");
  {
    Tree bytes = Tree::object();
    bytes.set("bytes", "zz");
    refused(with("title", bytes), "[3].title.bytes: expected an even number of lower-case hex digits");
    bytes.set("more", 1);
    refused(with("title", bytes), "[3].title: expected a string (got object)");
  }
  refused(with("series", Tree::object()), "[3].series: expected an array (got object)");
  refused(without("provenance"), "[3].provenance: missing");
  refused(without("traceback"), "[3].traceback: missing");
  refused(with("extra", 1), "[3].\"extra\": unknown field");
  {
    Tree t = good;
    auto* s = const_cast<Tree*>(t.as_array()[3].find("series"));
    s->as_array()[1].set("value", Tree("inf!"));
    refused(t,
            "[3].series[1].value: expected a number, got the string \"inf!\" (only \"nan\", \"inf\", \"-inf\" and "
            "\"-0\" are numbers)");
    auto* b = const_cast<Tree*>(t.as_array()[0].find("breakdown"));
    b->as_array()[0].set("rag", "purple");
    refused(
        t,
        "[0].breakdown[0].rag: unknown name \"purple\" for a RAG band (expected one of none, green, amber, red, blue)");
  }
  {
    Tree t = good;
    t.as_array()[2].as_object().emplace_back("id", Tree("again"));  // only a Tree built in memory can hold this
    refused(t, "[2]: duplicate fields");
  }
  refused(Tree::object(), "(top level): expected an array (got object)");
  refused(Tree::object(), "results: expected an array (got object)", "results");
  refused(Tree("x"), "(top level): expected an array (got string)");
  {
    Tree t = good;
    t.as_array()[1] = Tree::array();
    refused(t, "[1]: expected an object (got array)");
  }

  // Deeply nested junk where a field should be: refused at that field, read no deeper.
  std::string deep = "[";
  for (int i = 0; i < 250; ++i) deep += "[";
  for (int i = 0; i < 251; ++i) deep += "]";
  refused(with("provenance", parse_json(deep)), "[3].provenance: expected an object (got array)");
  refused(parse_json(deep), "[0]: expected an object (got array)");
  // (Deeper than parse_json lets through, yet shallow enough that the Tree's
  // own recursive copy and destruction fit the stack under ASan.)
  Tree nested = Tree::object();
  for (int i = 0; i < 600; ++i) {
    Tree outer = Tree::object();
    outer.set("provenance", std::move(nested));
    nested = std::move(outer);
  }
  refused(with("provenance", nested), "[3].provenance.pack: missing");

  // The other types name their paths the same way.
  ScoredRegister reg;
  reg.risks.resize(3);
  Tree rt = wire::to_tree(reg);
  const_cast<Tree*>(rt.find("risks"))->as_array()[2].set("current", Tree("H"));
  CHECK_THROWS_WITH(wire::from_tree<ScoredRegister>(rt), "risks[2].current: expected an object (got string)");
  PackCatalog cat{{CatalogPack{}, CatalogPack{}}};
  cat.packs[1].definitions.indicators.resize(2);
  Tree ct = wire::to_tree(cat);
  Tree& pack1 = const_cast<Tree*>(ct.find("packs"))->as_array()[1];
  Tree defs = *pack1.find("definitions");
  const_cast<Tree*>(defs.find("indicators"))->as_array()[1].set("polarity", "sideways");
  pack1.set("definitions", defs);
  CHECK_THROWS_WITH(
      wire::from_tree<PackCatalog>(ct),
      "packs[1].definitions.indicators[1].polarity: unknown name \"sideways\" for a polarity (expected one of "
      "higher_is_better, lower_is_better, neutral)");
  pack1.set("status", "loaded ");
  CHECK_THROWS_WITH(wire::from_tree<PackCatalog>(ct),
                    Catch::StartsWith("packs[1].status: unknown name \"loaded \" for a pack status"));
  pack1.set("status", "loaded");
  script::PackManifest m;
  Tree mt = wire::to_tree(m);
  mt.set("version", "1.0");
  CHECK_THROWS_WITH(wire::from_tree<script::PackManifest>(mt), "version: not a version: \"1.0\"");
  mt.set("version", "1.0.0");
  Tree req = Tree::array();
  Tree kv = Tree::array();
  kv.push("a");
  kv.push("1.0 - 2.0");
  req.push(kv);
  mt.set("requires", req);
  CHECK_THROWS_WITH(wire::from_tree<script::PackManifest>(mt),
                    Catch::StartsWith("requires[0][1]: not a version range: "));
  req.as_array()[0].as_array()[1] = Tree("^1");
  req.push(req.as_array()[0]);
  mt.set("requires", req);
  CHECK_THROWS_WITH(wire::from_tree<script::PackManifest>(mt), "requires[1][0]: duplicate key \"a\"");
  req.as_array()[1] = Tree::array();
  mt.set("requires", req);
  CHECK_THROWS_WITH(wire::from_tree<script::PackManifest>(mt),
                    "requires[1]: expected a [key, value] array (got array)");
  CHECK_THROWS_AS(wire::from_json<PackCatalog>("{\"packs\": [}"), Error);  // parse_json's own error
  CHECK_THROWS_WITH(wire::from_json<ViewRequest>("{\"id\":\"v\",\"params\":[[\"a\",1]],\"as_of\":\"\"}"),
                    "params[0][1]: expected a string (got number)");
  CHECK_THROWS_WITH(wire::from_json<script::ConsoleMessage>(
                        "{\"level\":\"warn\",\"pack\":\"\",\"file\":\"\",\"line\":0,\"text\":\"\"}"),
                    "level: unknown name \"warn\" for a console level (expected one of print, info, error)");
  CHECK_THROWS_WITH(
      wire::from_json<script::ScriptError>(
          "{\"kind\":\"oom\",\"pack\":\"\",\"file\":\"\",\"line\":0,\"message\":\"\",\"traceback\":\"\"}"),
      "kind: unknown name \"oom\" for an error kind (expected one of syntax, runtime, budget, memory, host)");
}

TEST_CASE("wire: any node of a real message replaced by junk reads or throws gb::Error", "[wire][fuzz]") {
  Demo demo;
  const auto results = demo.ev->evaluate_all({.as_of = kAsOf, .params = {}});
  const ScoredRegister reg = score_register(demo.packs, *demo.sdb, kDefaultRule, kAsOf);
  data::Db db = data::Db::open(demo.path, data::OpenMode::ReadOnly);
  const RiskDetail detail = risk_detail(db, demo.packs, kDefaultRule, data::risk_id_for_ref(db, "10"));
  std::size_t tried = 0;
  tried += mutate_all<ScoredRegister>(wire::to_tree(reg));
  tried += mutate_all<HeatGrid>(wire::to_tree(heat_grid(demo.packs, reg)));
  tried += mutate_all<RiskDetail>(wire::to_tree(detail));
  for (std::size_t i = 0; i < results.size(); i += 5) tried += mutate_all<IndicatorResult>(wire::to_tree(results[i]));
  tried += mutate_all<PackCatalog>(wire::to_tree(PackCatalog::of(demo.packs)), 37);
  CHECK(tried > 1000);
}

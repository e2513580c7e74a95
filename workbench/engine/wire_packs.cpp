// The wire encodings of packs (wire.hpp): their manifests and definitions,
// script errors, console messages and the pack catalog.
#include <string>

#include "engine/wire.hpp"
#include "engine/wire_codec.hpp"

namespace gb::engine::wire {

namespace detail {

Tree w(const Thresholds& v) {
  return Out().add("green", v.green).add("amber", v.amber).add("mode", v.mode).done();
}
void r(const Tree& t, Thresholds& v, const std::string& p) {
  In(t, p).get("green", v.green).get("amber", v.amber).get("mode", v.mode).done();
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

}  // namespace detail

using namespace detail;

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

}  // namespace gb::engine::wire

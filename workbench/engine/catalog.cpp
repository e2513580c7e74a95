#include "engine/catalog.hpp"

#include <algorithm>

namespace gb::engine {

namespace {

// The definitions' metadata without the function refs (meaningless outside
// the pack's Lua state).
script::PackDefinitions without_refs(script::PackDefinitions d) {
  for (auto& i : d.indicators) i.compute_ref = i.rag_ref = i.explain_ref = 0;
  for (auto& r : d.rules) r.score_ref = r.band_ref = 0;
  for (auto& v : d.views) v.build_ref = 0;
  for (auto& t : d.tests) t.run_ref = 0;
  return d;
}

// As PackSet's collect/find (pack_set.cpp): only active packs' definitions
// count, in load order; the first definition with the id wins.
template <class Def, class Get>
std::vector<CatalogRef<Def>> collect(const std::vector<CatalogPack>& packs, Get get) {
  std::vector<CatalogRef<Def>> out;
  for (const auto& p : packs)
    if (p.active)
      for (const auto& d : get(p.definitions)) out.push_back({&p, &d});
  return out;
}

template <class Def>
std::optional<CatalogRef<Def>> find(const std::vector<CatalogRef<Def>>& all, const std::string& id) {
  for (const auto& r : all)
    if (r.def->id == id) return r;
  return std::nullopt;
}

}  // namespace

PackCatalog PackCatalog::of(const script::PackSet& set) {
  PackCatalog out;
  out.packs.reserve(set.entries().size());
  for (const auto& e : set.entries()) {
    CatalogPack p;
    p.name = e.name();
    p.dir = e.dir;
    p.origin = e.origin;
    p.status = e.status;
    if (e.active)
      p.manifest = e.active->manifest();
    else if (e.disabled)
      p.manifest = e.disabled->manifest();
    p.active = e.active != nullptr;
    p.problems = e.problems;
    p.trust = e.trust;
    p.collisions = e.collisions;
    if (e.active) p.definitions = without_refs(e.active->definitions());
    out.packs.push_back(std::move(p));
  }
  return out;
}

const CatalogPack* PackCatalog::entry(const std::string& name) const {
  for (const auto& p : packs)
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<script::ScriptError> PackCatalog::problems() const {
  std::vector<script::ScriptError> out;
  for (const auto& p : packs) out.insert(out.end(), p.problems.begin(), p.problems.end());
  return out;
}

// As PackSet::loaded_count: the packs a version of which is in use (Loaded,
// or Stale with the previous good version active).
std::size_t PackCatalog::loaded_count() const {
  return static_cast<std::size_t>(
      std::count_if(packs.begin(), packs.end(), [](const CatalogPack& p) { return p.active; }));
}

std::vector<CatalogRef<script::IndicatorDef>> PackCatalog::indicators() const {
  return collect<script::IndicatorDef>(
      packs, [](const script::PackDefinitions& d) -> const auto& { return d.indicators; });
}
std::vector<CatalogRef<script::ViewDef>> PackCatalog::views() const {
  return collect<script::ViewDef>(
      packs, [](const script::PackDefinitions& d) -> const auto& { return d.views; });
}
std::vector<CatalogRef<script::RuleDef>> PackCatalog::rules() const {
  return collect<script::RuleDef>(
      packs, [](const script::PackDefinitions& d) -> const auto& { return d.rules; });
}
std::optional<CatalogRef<script::ViewDef>> PackCatalog::find_view(const std::string& id) const {
  return find(views(), id);
}
std::optional<CatalogRef<script::IndicatorDef>> PackCatalog::find_indicator(const std::string& id) const {
  return find(indicators(), id);
}
std::optional<CatalogRef<script::RuleDef>> PackCatalog::find_rule(const std::string& id) const {
  return find(rules(), id);
}

}  // namespace gb::engine

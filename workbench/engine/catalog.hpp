// What the window knows of the packs without running any of their code: a
// copy, as plain data, of what the pack host loaded (each pack's folder,
// origin, status, manifest, problems and the definitions' metadata). The
// functions stay in the host; the window asks the host to call them.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/tree.hpp"
#include "script/call.hpp"
#include "script/definitions.hpp"
#include "script/manifest.hpp"
#include "script/pack_set.hpp"

namespace gb::engine {

struct CatalogPack {
  std::string name;
  std::filesystem::path dir;
  std::string origin;  // "bundled", "installed", "--packs", ...
  script::PackEntry::Status status = script::PackEntry::Status::Failed;
  // The manifest of the version in use, or of the pack as read when it is
  // disabled; none when the folder could not be read as a pack at all.
  std::optional<script::PackManifest> manifest;
  bool active = false;  // a version of it is in use (Loaded or Stale)
  std::vector<script::ScriptError> problems;
  std::string trust;                    // see script::PackEntry::trust
  std::vector<std::string> collisions;  // packs stopped from redefining this pack's ids
  // What the version in use defines (function refs are 0: the functions
  // live in the host). Empty unless active.
  script::PackDefinitions definitions;
};

template <class Def>
struct CatalogRef {
  const CatalogPack* pack = nullptr;
  const Def* def = nullptr;
};

struct PackCatalog {
  std::vector<CatalogPack> packs;  // in load order

  // A copy of what a loaded pack set holds.
  static PackCatalog of(const script::PackSet& set);

  const CatalogPack* entry(const std::string& name) const;
  std::vector<script::ScriptError> problems() const;  // every pack's, in load order
  std::size_t loaded_count() const;                   // packs whose status is Loaded
  std::vector<CatalogRef<script::IndicatorDef>> indicators() const;
  std::vector<CatalogRef<script::ViewDef>> views() const;
  std::vector<CatalogRef<script::RuleDef>> rules() const;
  std::optional<CatalogRef<script::ViewDef>> find_view(const std::string& id) const;
  std::optional<CatalogRef<script::IndicatorDef>> find_indicator(const std::string& id) const;
  std::optional<CatalogRef<script::RuleDef>> find_rule(const std::string& id) const;
};

}  // namespace gb::engine

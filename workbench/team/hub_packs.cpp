#include "team/hub_packs.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/semver.hpp"
#include "script/bundle.hpp"
#include "script/signing.hpp"

namespace gb::team {

namespace {

// Releases whose version is not semver (never published by govbench) sort first.
bool version_less(const std::string& a, const std::string& b) {
  const auto va = Version::parse(a), vb = Version::parse(b);
  if (va && vb) return *va < *vb;
  if (va || vb) return !va;
  return a < b;
}

std::string versions_of(const std::vector<PackRelease>& releases) {
  std::string out;
  for (const auto& r : releases) out += (out.empty() ? "" : ", ") + r.version;
  return out;
}

}  // namespace

PublishedPack publish_bundle(Hub& hub, const std::string& bundle, const std::string& label,
                             const script::TrustStore& trust) {
  using script::SignatureState;
  const script::BundleContents b = script::inspect_bundle(bundle);
  if (!b.ok()) {
    std::string why;
    for (const auto& p : b.problems) why += "\n  " + p;
    throw Error(label + ": not published: the bundle does not pass 'pack verify':" + why);
  }
  if (b.signature == SignatureState::Unsigned)
    throw Error(label + ": not published: the bundle is not signed; the team installs only signed packs ('govbench " +
                "pack sign " + label + " --key KEY.key' signs it)");
  if (b.signature == SignatureState::Invalid)
    throw Error(label + ": not published: its signature is INVALID (key " + b.signer_key +
                "): the files or the MANIFEST changed after signing");
  const auto signer = trust.name_of(b.signer_key);
  if (!signer)
    throw Error(label + ": not published: it is signed by a key you do not trust (" + b.signer_key +
                "); 'govbench trust add NAME KEY.pub' trusts it, as every member who installs it must");
  const script::PackManifest m = script::manifest_of_files(b.files, label);
  const std::string version = m.version.to_string();
  hub.publish_pack(m.name, version, bundle);
  return {m.name, version, *signer, bundle.size()};
}

PackRequest parse_pack_request(const std::string& text) {
  PackRequest r;
  const auto at = text.find('@');
  r.name = text.substr(0, at);
  if (at != std::string::npos) r.range = text.substr(at + 1);
  if (!script::valid_pack_name(r.name))
    throw Error("'" + r.name + "' is not a pack name (NAME or NAME@RANGE, e.g. trust-confidence@^1.2)");
  if (at != std::string::npos && r.range.empty())
    throw Error("'" + text + "': give a version range after '@' (e.g. @^1.2), or leave '@' out");
  if (!r.range.empty()) VersionRange::parse(r.range);  // throws naming the bad text
  return r;
}

bool TeamPack::update_available() const {
  return !installed.empty() && !releases.empty() && version_less(installed, latest().version);
}

std::vector<TeamPack> team_packs(Hub& hub, const std::map<std::string, std::string>& installed_versions) {
  std::map<std::string, TeamPack> by_name;
  for (auto& r : hub.packs()) {
    auto& p = by_name[r.name];
    p.name = r.name;
    p.releases.push_back(std::move(r));
  }
  std::vector<TeamPack> out;
  for (auto& [name, p] : by_name) {
    std::stable_sort(p.releases.begin(), p.releases.end(),
                     [](const PackRelease& a, const PackRelease& b) { return version_less(a.version, b.version); });
    if (auto it = installed_versions.find(name); it != installed_versions.end()) p.installed = it->second;
    out.push_back(std::move(p));
  }
  return out;
}

PackRelease choose_release(const std::vector<PackRelease>& releases, const std::string& name,
                           const std::string& range) {
  std::vector<PackRelease> mine;
  for (const auto& r : releases)
    if (r.name == name) mine.push_back(r);
  if (mine.empty()) throw Error("pack '" + name + "' is not published on the team's hub");
  std::stable_sort(mine.begin(), mine.end(),
                   [](const PackRelease& a, const PackRelease& b) { return version_less(a.version, b.version); });
  const auto admitted = VersionRange::parse(range);
  for (auto it = mine.rbegin(); it != mine.rend(); ++it) {
    const auto v = Version::parse(it->version);
    if (v && admitted.contains(*v)) return *it;
  }
  throw Error("no published version of '" + name + "' matches '" + range + "' (the hub has " + versions_of(mine) + ")");
}

FetchedPack fetch_pack(Hub& hub, const std::string& name, const std::string& range, const script::TrustStore& trust) {
  FetchedPack f;
  f.release = choose_release(hub.packs(), name, range);
  auto full = hub.pack(f.release.name, f.release.version);
  if (!full) throw Error("pack " + name + " " + f.release.version + " vanished from the hub while fetching it");
  const std::string label = "the hub's " + name + " " + f.release.version;
  f.source = script::read_bundle_source(
      full->bundle, label, "team hub: " + name + " " + f.release.version + " by " + full->publisher, trust);
  return f;
}

}  // namespace gb::team

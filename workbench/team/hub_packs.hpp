// The team's pack registry on the hub (issue 18): publishing a signed
// bundle, listing the team's packs against what is installed, and fetching
// a release for the ordinary installer (script/install.hpp). Nothing here
// installs: a fetched release is a script::PackSource that goes through
// script::install_pack exactly as a bundle read from a file does.
//
//   Hub hub = connect_hub(*data::replica_info(db));
//   publish_bundle(hub, read_file_bytes("x-1.2.0.gbpack"), "x-1.2.0.gbpack", TrustStore::load());
//   auto fetched = fetch_pack(hub, "x", "^1.0", TrustStore::load());
//   script::install_pack(fetched.source, options);
#pragma once
#include <map>
#include <string>
#include <vector>

#include "script/install.hpp"
#include "team/hub.hpp"

namespace gb::team {

struct PublishedPack {
  std::string name;
  std::string version;
  std::string signer;  // the trusted name of the signing key
  std::size_t bytes = 0;
};

// Checks the bundle as 'pack verify' does (every entry and file against its
// MANIFEST, a valid signature by a key in `trust`) and publishes it under
// its manifest's name and version. Throws gb::Error saying why (not signed,
// an invalid signature, an untrusted key, a bad file, the version already
// published) or NotAllowed (the server refused: a reader).
PublishedPack publish_bundle(Hub& hub, const std::string& bundle, const std::string& label,
                             const script::TrustStore& trust);

// "name" or "name@range" (e.g. "trust-confidence@^1.2"); an empty range
// admits any release version.
struct PackRequest {
  std::string name;
  std::string range;
};
PackRequest parse_pack_request(const std::string& text);  // throws gb::Error

// One pack of the team's registry.
struct TeamPack {
  std::string name;
  std::vector<PackRelease> releases;  // every published version, oldest first (semver order)
  std::string installed;              // the version loaded here; empty when none
  const PackRelease& latest() const { return releases.back(); }
  bool update_available() const;  // installed, and older than latest()
};
// The hub's packs by name, each with `installed` from `installed_versions`
// (pack name -> version loaded here).
std::vector<TeamPack> team_packs(Hub& hub, const std::map<std::string, std::string>& installed_versions);

// The highest published release of `name` that `range` admits (empty: any
// release version). Throws gb::Error naming the published versions when
// none matches.
PackRelease choose_release(const std::vector<PackRelease>& releases, const std::string& name, const std::string& range);

struct FetchedPack {
  PackRelease release;        // without bytes
  script::PackSource source;  // checked as a bundle file would be; install with script::install_pack
};
// Chooses the release (choose_release), fetches its bundle and reads it
// with the same checks as a bundle file (script::read_bundle_source).
FetchedPack fetch_pack(Hub& hub, const std::string& name, const std::string& range, const script::TrustStore& trust);

}  // namespace gb::team

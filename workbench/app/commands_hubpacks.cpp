// The team's pack registry from the command line (issue 18):
//   pack publish BUNDLE --db FILE
//   pack install|update NAME[@RANGE] --from-hub --db FILE
//   pack list --from-hub --db FILE
// The registry is workbench/team/hub_packs.hpp; a fetched release installs
// through install_checked_source, the same path as a bundle file.
#include <iomanip>
#include <iostream>

#include "app/commands_bundles.hpp"
#include "app/workspace_packs.hpp"
#include "core/error.hpp"
#include "data/team_model.hpp"
#include "engine/database.hpp"
#include "script/bundle.hpp"
#include "team/hub_packs.hpp"
#include "team/sync.hpp"

namespace gb::app {

namespace {

constexpr const char* kHubLockPrefix = "hub:";

// The replica's hub, as its member. Refuses a database that is not a replica.
team::Hub replica_hub(const std::string& db_path) {
  data::Db db = engine::open_for_reading(db_path);
  const auto info = data::replica_info(db);
  if (!info)
    throw Error(db_path +
                " is not a team replica, so it has no team hub: 'govbench team init' publishes a database to a hub, "
                "'govbench team join' makes a replica of a team's database");
  return team::connect_hub(*info);
}

std::string date_of(const std::string& iso) {
  return iso.substr(0, 10);
}

int pack_publish(const Args& a) {
  if (a.positional().size() != 2) throw UsageError("usage: govbench pack publish BUNDLE --db FILE");
  const std::string bundle_path = a.positional()[1];
  const std::string db_path = a.require("--db");
  const std::string bytes = script::read_file_bytes(bundle_path);
  team::Hub hub = replica_hub(db_path);
  const auto p = team::publish_bundle(hub, bytes, bundle_path, script::TrustStore::load());
  std::cout << "published " << p.name << " " << p.version << " (signed by " << p.signer << ", " << p.bytes
            << " bytes) to the team's hub; members install it with 'govbench pack install " << p.name
            << " --from-hub --db FILE'\n";
  return 0;
}

// The versions the workbench loads here (bundled, installed, --workspace, --packs).
std::map<std::string, std::string> loaded_versions(const Args& a) {
  script::PackSet set;
  if (auto w = a.get("--workspace")) {
    const auto packs = std::filesystem::path(*w) / "packs";
    if (std::filesystem::is_directory(packs)) set.add_source(packs, "workspace");
  }
  add_workspace_packs(set, a.all("--packs"));
  set.load();
  std::map<std::string, std::string> out;
  for (const auto& e : set.entries()) {
    const auto& pack = e.active ? e.active : e.disabled;
    if (pack) out.emplace(e.name(), pack->manifest().version.to_string());
  }
  return out;
}

int install_from_hub(const Args& a, bool update) {
  const std::string sub = update ? "update" : "install";
  if (a.positional().size() != 2)
    throw UsageError("usage: govbench pack " + sub + " NAME[@RANGE] --from-hub --db FILE");
  team::PackRequest req;
  try {
    req = team::parse_pack_request(a.positional()[1]);
  } catch (const Error& e) {
    throw UsageError(e.message());
  }
  team::Hub hub = replica_hub(a.require("--db"));
  const auto fetched = team::fetch_pack(hub, req.name, req.range, script::TrustStore::load());
  std::cout << "the team's hub: " << req.name << " " << fetched.release.version << " published by "
            << fetched.release.publisher << " on " << date_of(fetched.release.published_at)
            << (req.range.empty() ? " (the latest)" : " (the highest matching " + req.range + ")") << "\n";
  return install_checked_source(a, fetched.source, update, nullptr,
                                kHubLockPrefix + fetched.release.name + "@" + fetched.release.version);
}

int list_hub(const Args& a) {
  if (a.positional().size() != 1) throw UsageError("'pack list --from-hub' takes no arguments");
  team::Hub hub = replica_hub(a.require("--db"));
  const auto packs = team::team_packs(hub, loaded_versions(a));
  if (packs.empty()) {
    std::cout << "no packs published on the team's hub yet ('govbench pack publish BUNDLE --db FILE')\n";
    return 0;
  }
  std::cout << std::left << std::setw(22) << "NAME" << std::setw(10) << "LATEST" << std::setw(14) << "PUBLISHER"
            << std::setw(12) << "PUBLISHED" << std::setw(20) << "HERE"
            << "VERSIONS\n";
  for (const auto& p : packs) {
    const auto& latest = p.latest();
    std::string here = p.installed.empty()             ? "not installed"
                       : p.update_available()          ? p.installed + ", update"
                       : p.installed == latest.version ? "installed"
                                                       : p.installed + " installed";
    std::string versions;
    for (const auto& r : p.releases) versions += (versions.empty() ? "" : " ") + r.version;
    std::cout << std::setw(22) << p.name << std::setw(10) << latest.version << std::setw(14) << latest.publisher
              << std::setw(12) << date_of(latest.published_at) << std::setw(20) << here << versions << "\n";
  }
  std::size_t updates = 0;
  for (const auto& p : packs) updates += p.update_available() ? 1 : 0;
  if (updates)
    std::cout << updates << (updates == 1 ? " update" : " updates")
              << " available: 'govbench pack update NAME --from-hub --db FILE'\n";
  return 0;
}

}  // namespace

int run_hub_pack_subcommand(const std::string& sub, const Args& a) {
  if (sub == "publish") return pack_publish(a);
  if (!a.has("--from-hub")) return -1;
  if (sub == "install") {
    if (a.has("--locked")) throw UsageError("--locked and --from-hub do not go together");
    return install_from_hub(a, false);
  }
  if (sub == "update") return install_from_hub(a, true);
  if (sub == "list") return list_hub(a);
  throw UsageError("--from-hub goes with pack install, update and list");
}

int install_locked_from_hub(const Args& a, const script::LockEntry& e) {
  if (!e.source.starts_with(kHubLockPrefix)) return -1;
  const auto db = a.get("--db");
  if (!db) throw Error("it was installed from the team's hub (" + e.source + "): give the replica with --db FILE");
  team::Hub hub = replica_hub(*db);
  const auto fetched = team::fetch_pack(hub, e.name, "=" + e.version, script::TrustStore::load());
  return install_checked_source(a, fetched.source, false, &e, e.source);
}

std::map<std::string, std::string> hub_pack_sub_help() {
  return {
      {"publish", R"(usage: govbench pack publish BUNDLE --db FILE

Adds a signed bundle to the team's pack registry on the hub of the team
replica FILE, under the name and version in its pack.lua. The bundle must
pass the checks of 'govbench pack verify': every file matches its
MANIFEST and it is signed by a key you trust ('govbench trust add'). An
unsigned bundle, an invalid signature or an untrusted key is refused.

A release is never replaced: publishing a version that is already on the
hub is refused (publish a new version). Only analysts may publish: the hub
refuses a reader. The hub records who published it.

examples:
  govbench pack build my-gap && govbench pack sign my-gap-1.0.0.gbpack --key team.key
  govbench pack publish my-gap-1.0.0.gbpack --db team.db
)"},
  };
}

}  // namespace gb::app

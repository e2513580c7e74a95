// The pack subcommands that share packs (build, keygen, sign, verify,
// install, update, remove); `pack` itself is registered in commands_packs.cpp.
#pragma once
#include <filesystem>
#include <map>
#include <string>

#include "app/cli.hpp"
#include "script/install.hpp"
#include "script/lock_file.hpp"
#include "script/pack_set.hpp"

namespace gb::app {

// Runs `govbench pack SUB ...`; -1 when SUB is not one of these.
int run_bundle_subcommand(const std::string& sub, const Args& a);
// Installs (or with `update` replaces) a pack already read and checked
// (script::read_pack_source or a team hub's release): the one install path
// of 'pack install' and 'pack update', with their options (--workspace,
// --allow-unsigned, --db, --permissions, ...). A workspace's lock file
// records `lock_source` as where it came from.
int install_checked_source(const Args& a, const script::PackSource& src, bool update, const script::LockEntry* locked,
                           const std::string& lock_source);
// publish, and install/update/list with --from-hub (commands_hubpacks.cpp);
// -1 when it is none of those.
int run_hub_pack_subcommand(const std::string& sub, const Args& a);
// install --locked of an entry whose source is the team's hub; -1 when it is not.
int install_locked_from_hub(const Args& a, const script::LockEntry& e);
std::map<std::string, std::string> hub_pack_sub_help();
// --help text of each of these subcommands.
std::map<std::string, std::string> pack_sub_help();
// "bundled", "signed:TEAM" or "UNSIGNED", for listings.
std::string pack_signature_label(const script::PackEntry& e);

}  // namespace gb::app

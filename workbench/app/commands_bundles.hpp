// The pack subcommands that share packs (build, keygen, sign, verify,
// install, update, remove); `pack` itself is registered in commands_packs.cpp.
#pragma once
#include <filesystem>
#include <map>
#include <string>

#include "app/cli.hpp"
#include "script/pack_set.hpp"

namespace gb::app {

// Runs `govbench pack SUB ...`; -1 when SUB is not one of these.
int run_bundle_subcommand(const std::string& sub, const Args& a);
// --help text of each of these subcommands.
std::map<std::string, std::string> pack_sub_help();
// "bundled", "signed:TEAM" or "UNSIGNED", for listings.
std::string pack_signature_label(const script::PackEntry& e);

}  // namespace gb::app

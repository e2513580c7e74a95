// Fuzz target: the pack manifest validator (script/pack.cpp, manifest.hpp).
// Input: the text of a pack.lua, loaded the way every pack is, in a
// sandboxed Lua state with small budgets.
//
// Invariants: Pack::open never throws and never crashes; a pack it accepts
// has a valid name, a version that prints and parses back, the API level
// this host implements, and version ranges that parse again from their text;
// a pack it refuses says why, naming pack.lua when the manifest is at fault.
#include <chrono>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "fuzz_support.hpp"
#include "script/pack.hpp"

namespace {
constexpr const char* kTarget = "manifest";

const std::filesystem::path& pack_dir() {
  static const std::filesystem::path dir = [] {
    auto d = gbfuzz::scratch_dir() / "fuzzed-pack";
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16 * 1024) return 0;
  gbfuzz::write_bytes(pack_dir() / "pack.lua", gbfuzz::as_view(data, size));
  gb::script::Limits limits;
  limits.time_budget = std::chrono::milliseconds(250);
  limits.instruction_budget = 2'000'000;
  limits.memory_cap = 32u << 20;
  std::shared_ptr<gb::script::Pack> pack;
  try {
    pack = gb::script::Pack::open(pack_dir(), limits, {});
  } catch (const std::exception& e) {
    gbfuzz::violated(kTarget, std::string("Pack::open threw: ") + e.what());
  }
  if (!pack->ok()) {
    GBFUZZ_CHECK(kTarget, !pack->errors().empty(), "a refused pack gives no reason");
    for (const auto& e : pack->errors()) GBFUZZ_CHECK(kTarget, !e.message.empty(), "a problem with no message");
    return 0;
  }
  const auto& m = pack->manifest();
  GBFUZZ_CHECK(kTarget, gb::script::valid_pack_name(m.name), "accepted the pack name '" + m.name + "'");
  GBFUZZ_CHECK(kTarget, m.api == gb::script::kApiLevel, "accepted api = " + std::to_string(m.api));
  const auto again = gb::Version::parse(m.version.to_string());
  GBFUZZ_CHECK(kTarget, again && *again == m.version, "the version does not print back: " + m.version.to_string());
  for (const auto& [dep, range] : m.requires_) {
    try {
      (void)gb::VersionRange::parse(range.to_string());
    } catch (const gb::Error& e) {
      gbfuzz::violated(kTarget,
                       "requires '" + dep + "' = '" + range.to_string() + "' does not parse again: " + e.what());
    }
  }
  return 0;
}

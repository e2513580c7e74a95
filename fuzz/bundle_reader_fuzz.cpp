// Fuzz target: the pack bundle reader (script/bundle.hpp, inspect_bundle),
// which reads .gbpack zips that come from other teams. Input: the bundle's
// bytes, as `govbench pack verify` and `pack install` read them.
//
// Invariants: inspect_bundle never throws for bad input and never writes;
// a bundle it accepts holds only relative, clean pack paths within the
// limits, every file matches the MANIFEST's SHA-256, and the bundle is
// exactly what make_bundle gives for those files (so no byte of it can
// have changed unnoticed).
#include <cstdint>
#include <exception>
#include <new>
#include <string>

#include "fuzz_support.hpp"
#include "script/bundle.hpp"

namespace {
constexpr const char* kTarget = "bundle_reader";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = gbfuzz::as_view(data, size);
  gb::script::BundleLimits limits;  // smaller than an install's, so each input stays quick
  limits.max_entries = 500;
  limits.max_total_bytes = 8ull << 20;
  gb::script::BundleContents b;
  try {
    b = gb::script::inspect_bundle(in, limits);
  } catch (const std::bad_alloc&) {
    return 0;
  } catch (const std::exception& e) {
    gbfuzz::violated(kTarget, std::string("inspect_bundle threw: ") + e.what());
  }
  if (!b.ok()) {
    GBFUZZ_CHECK(kTarget, b.files.empty(), "a refused bundle still hands out files");
    return 0;
  }
  GBFUZZ_CHECK(kTarget, !b.files.empty(), "an accepted bundle has no files");
  GBFUZZ_CHECK(kTarget, b.files.size() <= limits.max_entries, "more entries than the limit");
  std::uint64_t total = 0;
  for (const auto& [path, bytes] : b.files) {
    total += bytes.size();
    GBFUZZ_CHECK(kTarget, !path.empty() && path.front() != '/' && path.find('\\') == std::string::npos,
                 "accepted a path that is not relative: '" + path + "'");
    GBFUZZ_CHECK(
        kTarget,
        ("/" + path + "/").find("/../") == std::string::npos && ("/" + path + "/").find("/./") == std::string::npos,
        "accepted a path with a dot segment: '" + path + "'");
    GBFUZZ_CHECK(kTarget, b.manifest.find(gb::script::sha256_hex(bytes) + "  " + path + "\n") != std::string::npos,
                 "file '" + path + "' does not match the MANIFEST");
  }
  GBFUZZ_CHECK(kTarget, total <= limits.max_total_bytes, "more bytes than the limit");
  for (const auto& c : b.checks) GBFUZZ_CHECK(kTarget, c.matches, "accepted with a mismatched file: " + c.path);
  GBFUZZ_CHECK(kTarget, b.manifest == gb::script::file_manifest(b.files), "MANIFEST is not the files' manifest");
  std::optional<gb::script::BundleSignature> sig;
  if (b.signature != gb::script::SignatureState::Unsigned)
    sig = gb::script::BundleSignature{b.signer_key, b.signature_b64};
  GBFUZZ_CHECK(kTarget, b.signature != gb::script::SignatureState::Invalid,
               "accepted a bundle with an invalid signature");
  GBFUZZ_CHECK(kTarget, gb::script::make_bundle(b.files, sig) == in, "accepted bytes that make_bundle would not give");
  return 0;
}

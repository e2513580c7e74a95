// A deterministic generator of large governance databases shaped like the
// demo one, for benchmarks: the demo data plus N Public Attitudes Survey
// observations (monthly, by neighbourhood and group), N further risks with
// quarterly history, and N action items. The same seed always gives the
// same database. Every generated row cites a source of kind 'synthetic'.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>

namespace gb::data {

struct SyntheticOptions {
  std::int64_t observations = 100000;
  std::int64_t risks = 0;
  std::int64_t actions = 0;
  std::uint64_t seed = 1;
  std::function<void(double)> progress;
};

// Creates `path` (refusing an existing file), built under a temporary name
// and moved into place when complete.
void generate_synthetic(const std::filesystem::path& path, const SyntheticOptions& options);

}  // namespace gb::data

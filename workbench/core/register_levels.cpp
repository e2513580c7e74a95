#include "core/register_levels.hpp"

namespace gb {

int risk_level_ordinal(std::string_view level) {
  for (std::size_t i = 0; i < kRiskLevels.size(); ++i)
    if (level == kRiskLevels[i]) return static_cast<int>(i) + 1;
  return 0;
}

const char* risk_level_words(std::string_view level) {
  static constexpr std::array<const char*, 5> kWords = {"very low", "low", "medium", "high", "very high"};
  const int n = risk_level_ordinal(level);
  return n ? kWords[static_cast<std::size_t>(n - 1)] : "";
}

}  // namespace gb

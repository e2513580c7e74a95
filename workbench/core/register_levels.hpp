// The corporate risk register's vocabulary, defined once for every layer:
// the data layer checks edits and scenario changes against it, the engine
// draws an undeclared heat-map scale from it, the window offers it in its
// forms and the demo data is generated with it. The seed papers score a
// risk "L v I" on these five levels (the Met's register uses four of them,
// L to VH); the database's CHECK constraints (schemas/) say the same.
#pragma once
#include <array>
#include <cstddef>
#include <string_view>

namespace gb {

// Likelihood and impact levels, lowest first: their position is their
// order. C strings, so ImGui combos, SQLite binds and comparisons with a
// std::string all take them as they are.
inline constexpr std::array<const char*, 5> kRiskLevels = {"VL", "L", "M", "H", "VH"};
// A level's ordinal, 1 (VL) to 5 (VH); 0 for anything else.
int risk_level_ordinal(std::string_view level);
// A level in words ("very high"); "" for anything else.
const char* risk_level_words(std::string_view level);

// A risk's direction of travel as the register records it.
inline constexpr std::array<const char*, 3> kRiskTrends = {"improving", "stable", "worsening"};
// Quarterly control progress (On track / Limited / Slipped / No progress).
inline constexpr std::array<const char*, 4> kControlProgress = {"on_track", "limited", "slipped", "no_progress"};
// An action's status (action plans, the Governance Improvement Plan).
inline constexpr std::array<const char*, 5> kActionStatuses = {"planned", "in_progress", "complete", "on_hold",
                                                               "withdrawn"};
// The RAG words a person may record (blue: complete).
inline constexpr std::array<const char*, 4> kRagWords = {"red", "amber", "green", "blue"};

// One of the lists above as string views, for code that checks a value
// against it (std::span<const std::string_view>).
template <std::size_t N>
constexpr std::array<std::string_view, N> as_views(const std::array<const char*, N>& words) {
  std::array<std::string_view, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = words[i];
  return out;
}

}  // namespace gb

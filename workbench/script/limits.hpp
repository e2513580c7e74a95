// Budgets every call into pack code runs under. Defaults follow the
// workspace defaults; a workspace may change them.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace gb::script {

struct Limits {
  std::chrono::milliseconds time_budget{2000};      // wall time per call
  std::int64_t instruction_budget = 2'000'000'000;  // VM instructions per call
  std::size_t memory_cap = 256u << 20;              // bytes per pack state
};

}  // namespace gb::script
